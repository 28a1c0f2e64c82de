"""A TRS checkpoint written before the shared semi-supervised base (commit
d64be0c, tests/data/pre_base/make_fixture.py) loads strictly into today's
TRSPoseEstimator and gives the same losses on the same batch and seed."""
import os.path as osp

import torch
from helpers import batch, build, set_iter

DATA = osp.join(osp.dirname(osp.dirname(__file__)), 'data', 'pre_base')


def test_old_checkpoint_loads_and_reproduces_the_losses():
    ckpt = torch.load(osp.join(DATA, 'trs_tiny.pth'), weights_only=True)
    old_losses = torch.load(
        osp.join(DATA, 'trs_tiny_losses.pth'), weights_only=True)
    model = build(
        pre_affine_aug=dict(
            type='TeacherKeypointMix', k=3, patch_size=8, score_thr=None))
    model.load_state_dict(ckpt['state_dict'], strict=True)
    model.train()
    set_iter(0)
    inputs, samples = batch(n_l=2, n_u=2, seed=0)
    torch.manual_seed(1)
    losses = model.loss(inputs, samples)
    assert set(losses) == set(old_losses)
    for key, value in old_losses.items():
        torch.testing.assert_close(losses[key].detach(), value, msg=key)
