"""Builders shared by the tests: tiny networks, TRS models and batches."""
import json
import subprocess
import sys

import numpy as np
import torch
from mmengine.logging import MessageHub
from mmengine.structures import InstanceData, PixelData

import mmpose_trs  # noqa: F401  (registers the components)
from mmpose.registry import MODELS
from mmpose.structures import PoseDataSample

CODEC = dict(
    type='MSRAHeatmap', input_size=(32, 64), heatmap_size=(8, 16), sigma=1.)
DATA_PREPROCESSOR = dict(
    type='PoseDataPreprocessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    bgr_to_rgb=True)


def tiny_pose_net(flip_test=False):
    """A very small SimpleBaseline (ResNet-18 at 1/8 width)."""
    return dict(
        type='TopdownPoseEstimator',
        backbone=dict(
            type='ResNet',
            depth=18,
            stem_channels=8,
            base_channels=8,
            init_cfg=None),
        head=dict(
            type='HeatmapHead',
            in_channels=64,
            out_channels=17,
            deconv_out_channels=(16, 16, 16),
            loss=dict(type='KeypointMSELoss', use_target_weight=True),
            decoder=CODEC),
        test_cfg=dict(
            flip_test=flip_test, flip_mode='heatmap', shift_heatmap=True))


def to_rle(net, input_size=(32, 64)):
    """Give a network config (dict or ConfigDict, in place) MMPose's RLE
    regression head on its 64-channel features; returns it."""
    net['neck'] = dict(type='GlobalAveragePooling')
    net['head'] = dict(
        type='RLEHead',
        in_channels=64,
        num_joints=17,
        loss=dict(type='RLELoss', use_target_weight=True),
        decoder=dict(type='RegressionLabel', input_size=input_size))
    return net


def build(**kwargs):
    cfg = dict(
        type='TRSPoseEstimator',
        net_f=tiny_pose_net(),
        data_preprocessor=DATA_PREPROCESSOR,
        # the fixtures' numbers were made with one student forward
        student_forward='joint')
    cfg.update(kwargs)
    torch.manual_seed(0)
    return MODELS.build(cfg)


def sample(labeled, rng):
    ds = PoseDataSample(
        metainfo=dict(
            input_size=np.array([32, 64]),
            input_center=np.array([16., 32.]),
            input_scale=np.array([32., 64.]),
            flip_indices=list(range(17)),
            semi_branch='labeled' if labeled else 'unlabeled'))
    ds.gt_instances = InstanceData(
        bboxes=np.array([[0., 0., 32., 64.]]), bbox_scores=np.ones(1))
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
QUICKSTART_SUP = ('configs/quickstart/'
                  'supervised_res18-half_synthetic-labeled.py')


def shrink_net(net: dict) -> None:
    """Make a quick-start network tiny in place (same codec and input)."""
    net['backbone'].update(stem_channels=8, base_channels=8)
    if net['head']['type'] in ('SimCCHead', 'RTMCCHead'):
        net['head']['in_channels'] = 64  # same feature map size
        net['test_cfg']['flip_test'] = False
        return
    levels = net['head']['in_channels']
    n = len(levels) if isinstance(levels, (list, tuple)) else 0
    tiny = (8, 16, 32, 64)  # stage channels at base_channels=8
    net['head'].update(
        in_channels=tiny[-n:] if n else 64, deconv_out_channels=(16, 16))
    net['test_cfg']['flip_test'] = False


def shrink_loaders(cfg,
                   num_labeled: int = 2,
                   num_unlabeled: int = 2,
                   eval_batch: int = 8) -> None:
    """Small batches in place: ``num_labeled + num_unlabeled`` crops for a
    semi-supervised config (``num_labeled`` for a supervised one), no
    loader workers."""
    loader = cfg.train_dataloader
    if 'num_labeled' in loader.sampler:
        loader.sampler.update(
            num_labeled=num_labeled, num_unlabeled=num_unlabeled)
        loader.batch_size = num_labeled + num_unlabeled
    else:
        loader.batch_size = num_labeled
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[key].update(num_workers=0, persistent_workers=False)
    cfg.val_dataloader.batch_size = cfg.test_dataloader.batch_size = \
        eval_batch


def frequent_hooks(cfg,
                   checkpoint_interval: int,
                   keep_best: bool = True) -> None:
    """Log every iteration, checkpoint every ``checkpoint_interval`` and, if
    not ``keep_best``, select no best checkpoint (in place)."""
    cfg.default_hooks.checkpoint.interval = checkpoint_interval
    if not keep_best:
        cfg.default_hooks.checkpoint.save_best = None
    cfg.default_hooks.logger.interval = 1


def dump_config(cfg, path: str) -> None:
    """``cfg.dump(path)`` without yapf: the same config, unformatted (yapf
    takes about 3 s for a TRS config; the tests do not read the layout)."""
    object.__setattr__(cfg, '_format_python_code', False)
    cfg.dump(path)


def build_runner(cfg):
    """``Runner.from_cfg`` as the project's tools build it: the config's
    text formatted once (``FormattedOnceConfig``), not at each checkpoint."""
    from mmengine.config import Config

    from mmpose_trs.utils.config_text import runner_from_cfg
    return runner_from_cfg(cfg if isinstance(cfg, Config) else Config(cfg))


def tiny_config(base: str,
                root: str,
                out_path: str,
                iters: int = 4,
                **model_overrides) -> str:
    """Write a runnable tiny version of a quick-start config (tiny networks,
    a few iterations, data under ``root``) and return its path."""
    from mmengine.config import Config

    from mmpose_trs.utils.config_tools import set_data_root
    from mmpose_trs.utils.networks import is_semi_config, network_configs
    cfg = Config.fromfile(base)
    for net in network_configs(cfg.model):
        shrink_net(net)
    if is_semi_config(cfg.model):
        cfg.model.update(
            burn_in_iters=1, unsup_rampup_iters=0, **model_overrides)
    shrink_loaders(cfg)
    set_data_root(cfg, root, workers=0)
    cfg.train_cfg.update(max_iters=iters, val_interval=max(1, iters // 2))
    frequent_hooks(cfg, max(1, iters // 2))
    cfg.param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=False)]
    dump_config(cfg, out_path)
    return out_path


def train_process(cfg: str, work: str, *extra, timeout: int = 600):
    """``tools/train.py cfg --work-dir work *extra`` in a fresh process that
    can import the tests' helper hooks (``crash_hook``); returns the exit
    status and the output."""
    import os
    import os.path as osp
    tests = osp.dirname(osp.abspath(__file__))
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([tests,
                                    os.environ.get('PYTHONPATH', '')]))
    proc = subprocess.run(
        [sys.executable, 'tools/train.py', cfg, '--work-dir', work, *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


def run_ok(args, timeout: int = 900) -> str:
    """Run a command from the repository root; assert it succeeded and
    return its combined output."""
    import subprocess
    proc = subprocess.run(
        args, capture_output=True, text=True, timeout=timeout)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    return log


# prints, as JSON, the process-wide state the project could change: torch's
# weights_only allow-list and MMPose's COCO-style annotation reader;
# torch/_dynamo/__init__.py adds torch's own _DimRange to that list as it
# loads, so it is loaded before the first snapshot
_STATE = '''
import json, torch
import torch._dynamo
from mmpose.datasets.datasets.base import BaseCocoStyleDataset as B
def state():
    found = map(str, torch.serialization.get_safe_globals())
    return dict(safe=sorted(found),
                reader=B.load_data_list.__qualname__,
                wrapped=hasattr(B.load_data_list, '__wrapped__'))
before = state()
{imports}
print(json.dumps(dict(before=before, after=state())))
'''


def process_state_around(imports: str) -> dict:
    """The state before and after running ``imports`` in a fresh
    interpreter."""
    out = subprocess.run(
        [sys.executable, '-c',
         _STATE.format(imports=imports)],
        capture_output=True,
        text=True,
        timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])
