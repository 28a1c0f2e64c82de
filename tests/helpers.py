"""Builders shared by the tests: tiny networks, TRS models and batches."""
import numpy as np
import torch
from mmengine.logging import MessageHub
from mmengine.structures import InstanceData, PixelData

from mmpose.registry import MODELS
from mmpose.structures import PoseDataSample
import mmpose_trs  # noqa: F401  (registers the components)

CODEC = dict(type='MSRAHeatmap', input_size=(32, 64), heatmap_size=(8, 16),
             sigma=1.)
DATA_PREPROCESSOR = dict(type='PoseDataPreprocessor',
                         mean=[123.675, 116.28, 103.53],
                         std=[58.395, 57.12, 57.375], bgr_to_rgb=True)


def tiny_pose_net(flip_test=False):
    """A very small SimpleBaseline (ResNet-18 at 1/8 width)."""
    return dict(
        type='TopdownPoseEstimator',
        backbone=dict(type='ResNet', depth=18, stem_channels=8,
                      base_channels=8, init_cfg=None),
        head=dict(type='HeatmapHead', in_channels=64, out_channels=17,
                  deconv_out_channels=(16, 16, 16),
                  loss=dict(type='KeypointMSELoss', use_target_weight=True),
                  decoder=CODEC),
        test_cfg=dict(flip_test=flip_test, flip_mode='heatmap',
                      shift_heatmap=True))


def build(**kwargs):
    cfg = dict(type='TRSPoseEstimator', net_f=tiny_pose_net(),
               data_preprocessor=DATA_PREPROCESSOR)
    cfg.update(kwargs)
    torch.manual_seed(0)
    return MODELS.build(cfg)


def sample(labeled, rng):
    ds = PoseDataSample(metainfo=dict(
        input_size=np.array([32, 64]), input_center=np.array([16., 32.]),
        input_scale=np.array([32., 64.]), flip_indices=list(range(17))))
    ds.gt_instances = InstanceData(bboxes=np.array([[0., 0., 32., 64.]]),
                                   bbox_scores=np.ones(1))
    if labeled:
        hm = torch.zeros(17, 16, 8)
        for k in range(17):
            hm[k, rng.integers(0, 16), rng.integers(0, 8)] = 1.
        ds.gt_fields = PixelData(heatmaps=hm)
        ds.gt_instance_labels = InstanceData(
            keypoint_weights=torch.ones(1, 17))
    return ds


def batch(n_l=2, n_u=2, seed=0):
    rng = np.random.default_rng(seed)
    g = torch.Generator().manual_seed(seed)
    inputs = torch.randn(n_l + n_u, 3, 64, 32, generator=g)
    return inputs, [sample(i < n_l, rng) for i in range(n_l + n_u)]


def set_iter(it):
    MessageHub.get_current_instance().update_info('iter', it)


QUICKSTART_TRS = 'configs/quickstart/trs_res18-half_synthetic.py'
QUICKSTART_SUP = 'configs/quickstart/supervised_res18-half_synthetic-labeled.py'


def shrink_net(net: dict) -> None:
    """Make a quick-start network tiny in place (same codec and input)."""
    net['backbone'].update(stem_channels=8, base_channels=8)
    levels = net['head']['in_channels']
    n = len(levels) if isinstance(levels, (list, tuple)) else 0
    tiny = (8, 16, 32, 64)  # stage channels at base_channels=8
    net['head'].update(in_channels=tiny[-n:] if n else 64,
                       deconv_out_channels=(16, 16))
    net['test_cfg']['flip_test'] = False


def tiny_config(base: str, root: str, out_path: str, iters: int = 4,
                **model_overrides) -> str:
    """Write a runnable tiny version of a quick-start config (tiny networks,
    a few iterations, data under ``root``) and return its path."""
    from mmengine.config import Config
    from mmpose_trs.utils import set_data_root
    cfg = Config.fromfile(base)
    if cfg.model.type == 'TRSPoseEstimator':
        for key in ('net_f', 'net_g'):
            shrink_net(cfg.model[key])
        cfg.model.update(burn_in_iters=1, unsup_rampup_iters=0,
                         **model_overrides)
        cfg.train_dataloader.batch_size = 4
        cfg.train_dataloader.sampler.update(num_labeled=2, num_unlabeled=2)
    else:
        shrink_net(cfg.model)
        cfg.train_dataloader.batch_size = 2
    set_data_root(cfg, root, workers=0)
    cfg.val_dataloader.batch_size = cfg.test_dataloader.batch_size = 8
    cfg.train_cfg.update(max_iters=iters, val_interval=max(1, iters // 2))
    cfg.default_hooks.checkpoint.interval = max(1, iters // 2)
    cfg.default_hooks.logger.interval = 1
    cfg.param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=False)]
    cfg.dump(out_path)
    return out_path


def run_ok(args, timeout: int = 900) -> str:
    """Run a command from the repository root; assert it succeeded and
    return its combined output."""
    import subprocess
    proc = subprocess.run(args, capture_output=True, text=True,
                          timeout=timeout)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    return log
