"""Importing mmpose_trs registers every component into MMPose's registries,
also in a fresh interpreter, and without name clashes."""
import subprocess
import sys

import pytest

import mmpose_trs
from mmpose.registry import (DATA_SAMPLERS, DATASETS, HOOKS, LOOPS, MODELS,
                             TRANSFORMS)

COMPONENTS = [
    (MODELS, 'TRSPoseEstimator', 'mmpose_trs.models.trs_estimator'),
    (MODELS, 'HardViewAffine', 'mmpose_trs.models.hard_view'),
    (HOOKS, 'ReviewerEMAHook', 'mmpose_trs.engine.reviewer_ema_hook'),
    (HOOKS, 'NonFiniteLossHook', 'mmpose_trs.engine.non_finite_loss_hook'),
    (HOOKS, 'StartupCheckHook', 'mmpose_trs.engine.startup_check_hook'),
    (MODELS, 'MultiLevelHeatmapHead', 'mmpose_trs.models.multi_level_head'),
    (MODELS, 'KeypointMixAug', 'mmpose_trs.models.hard_augs'),
    (MODELS, 'JointCutoutAug', 'mmpose_trs.models.hard_augs'),
    (MODELS, 'CutoutAug', 'mmpose_trs.models.hard_augs'),
    (TRANSFORMS, 'KeypointMix', 'mmpose_trs.datasets.transforms'),
    (LOOPS, 'MultiNetValLoop', 'mmpose_trs.engine.multi_net_loops'),
    (LOOPS, 'MultiNetTestLoop', 'mmpose_trs.engine.multi_net_loops'),
    (DATA_SAMPLERS, 'LabeledUnlabeledSampler', 'mmpose_trs.datasets.samplers'),
    (DATASETS, 'UnlabeledPersonDataset',
     'mmpose_trs.datasets.unlabeled_dataset'),
]


@pytest.mark.parametrize('registry,name,module', COMPONENTS)
def test_registered_in_mmpose(registry, name, module):
    cls = registry.get(name)
    assert cls is not None and cls.__module__ == module
    assert registry.scope == 'mmpose'


def test_fresh_interpreter_registers_everything():
    names = [n for _, n, _ in COMPONENTS]
    code = ('import mmpose_trs\n'
            'from mmpose.registry import MODELS, HOOKS, LOOPS, DATASETS, '
            'DATA_SAMPLERS, TRANSFORMS\n'
            'regs = [MODELS, HOOKS, LOOPS, DATASETS, DATA_SAMPLERS, '
            'TRANSFORMS]\n'
            f'missing = [n for n in {names!r} '
            'if not any(n in r.module_dict for r in regs)]\n'
            'print("MISSING", missing)\n')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert 'MISSING []' in out.stdout


def test_no_clash_with_mmpose_names():
    """Our sampler does not take MMPose's MultiSourceSampler name."""
    assert DATA_SAMPLERS.get('MultiSourceSampler').__module__.startswith(
        'mmpose.')
    assert mmpose_trs.__version__
