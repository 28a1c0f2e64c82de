"""How trs_tiny.pth and trs_tiny_losses.pth were written, once, with the code
of commit d64be0c (before the shared semi-supervised base). Run from the
repository root: ``python tests/data/pre_base/make_fixture.py``."""
import sys

import torch
from mmengine.logging import MessageHub

sys.path.insert(0, 'tests')


def main():
    from helpers import batch, build
    MessageHub.get_current_instance().update_info('iter', 0)
    model = build(
        pre_affine_aug=dict(
            type='TeacherKeypointMix', k=3, patch_size=8, score_thr=None))
    model.train()
    inputs, samples = batch(n_l=2, n_u=2, seed=0)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    torch.manual_seed(1)
    losses = model.loss(inputs, samples)
    torch.save(
        dict(meta=dict(commit='d64be0c'), state_dict=state),
        'tests/data/pre_base/trs_tiny.pth')
    torch.save({
        k: v.detach()
        for k, v in losses.items()
    }, 'tests/data/pre_base/trs_tiny_losses.pth')


if __name__ == '__main__':
    main()
