"""SSPCM, Single, MultiAugs and keypoint-space TRS configs train through
tools/train.py on tiny data (the unsupervised terms included), validate
every network, and the reported network exports to a plain MMPose model
that predicts."""
import glob
import os.path as osp
import sys

import numpy as np
import pytest
from helpers import dump_config, run_ok, tiny_config, to_rle

from mmpose_trs.apis import export_network

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

Q = 'configs/quickstart/'
CASES = {
    'sspcm': (Q + 'sspcm_res18-half_synthetic.py', 's',
              ['unsup_s_pcm_loss_kpt',
               'unsup_f_teacher_loss_kpt'], ['f', 'g', 's', 'ensemble']),
    'single': (Q + 'single_res18-half_synthetic.py', 'f',
               ['unsup_f_teacher_loss_kpt'], ['f']),
    'multiaugs':
    (Q + 'multiaugs_res18-half_synthetic.py', 'g',
     ['unsup_g_teacher_p0_loss_kpt',
      'unsup_g_teacher_p1_loss_kpt'], ['f', 'g', 'ensemble', 'fg_mean']),
    # keypoint-space targets: SimCC students, and a heatmap f with a SimCC g
    # (their ensembles average decoded keypoints)
    'trs-simcc': (Q + 'trs-simcc_res18-half_synthetic.py', 'g',
                  ['unsup_g_teacher_loss_kpt', 'unsup_f_reviewer_loss_kpt'
                   ], ['f', 'g', 'reviewer_f', 'ensemble', 'fg_mean']),
    'trs-mixed': (Q + 'trs-mixed_res18-half_synthetic.py', 'g',
                  ['unsup_g_teacher_loss_kpt', 'unsup_f_teacher_loss_kpt'
                   ], ['f', 'g', 'reviewer_g', 'ensemble', 'fg_mean']),
}
#: the case that exports through tools/export_model.py (the others call
#: export_network, what the command runs, in this process)
CLI_CASE = 'sspcm'


@pytest.mark.parametrize('case', list(CASES))
def test_method_trains_validates_exports(case, synthetic_root, tmp_path):
    config, net, loss_keys, validated = CASES[case]
    cfg = tiny_config(config, synthetic_root, str(tmp_path / 'c.py'), iters=2)
    work = tmp_path / 'w'
    log = run_ok(
        [sys.executable, 'tools/train.py', cfg, '--work-dir',
         str(work)])
    for key in loss_keys:
        assert key in log, key
    for name in validated:
        assert f'{name}/coco/AP' in log, name
    # only TRS has reviewers
    assert ('reviewer_f/coco/AP' in log) == case.startswith('trs')
    # one network: no ensemble
    assert ('ensemble/coco/AP' in log) == ('ensemble' in validated)
    out = tmp_path / 'export'
    if case == CLI_CASE:  # the command once; the others through its API
        run_ok([
            sys.executable, 'tools/export_model.py', cfg,
            str(work / 'iter_2.pth'), '--net', net, '--out-dir',
            str(out)
        ])
    else:
        export_network(cfg, str(work / 'iter_2.pth'), net, str(out))
    from mmpose.apis import inference_topdown, init_model
    model = init_model(
        str(out / f'{net}.py'), str(out / f'{net}.pth'), device='cpu')
    img = sorted(glob.glob(osp.join(synthetic_root, 'images', 'val', '*')))[0]
    res = inference_topdown(model, img, np.array([[0, 0, 64, 96]]))
    assert res[0].pred_instances.keypoints.shape == (1, 17, 2)


def test_a_pair_with_an_rle_network_trains_and_validates(
        synthetic_root, tmp_path):
    """A heatmap f and a regression (RLE) g: keypoint-space targets train
    both, and the loop validates each network (an RLE head returns no
    heatmap fields) and their ensemble (mean of decoded keypoints)."""
    from mmengine.config import Config
    path = tiny_config(
        Q + 'trs-mixed_res18-half_synthetic.py',
        synthetic_root,
        str(tmp_path / 'c.py'),
        iters=2)
    cfg = Config.fromfile(path)
    g = to_rle(cfg.model.net_g, (64, 96))
    g.test_cfg = dict(flip_test=True, shift_coords=True)
    dump_config(cfg, path)
    log = run_ok([
        sys.executable, 'tools/train.py', path, '--work-dir',
        str(tmp_path / 'w')
    ])
    assert 'unsup_g_teacher_loss_kpt' in log
    for name in ('f', 'g', 'reviewer_g', 'ensemble', 'fg_mean'):
        assert f'{name}/coco/AP' in log, name
