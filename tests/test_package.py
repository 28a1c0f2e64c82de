"""Importing mmpose_trs registers every component into MMPose's registries,
also in a fresh interpreter, without name clashes, and changes nothing else
(tests/test_safety/test_process_setup.py: the opt-in process-wide
settings)."""
import subprocess
import sys

import pytest
from helpers import process_state_around

import mmpose_trs
from mmpose.registry import (DATA_SAMPLERS, DATASETS, HOOKS, LOOPS, MODELS,
                             OPTIM_WRAPPERS, TRANSFORMS)

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

COMPONENTS = [
    (MODELS, 'TRSPoseEstimator', 'mmpose_trs.models.trs_estimator'),
    (MODELS, 'HardViewAffine', 'mmpose_trs.models.hard_view'),
    (MODELS, 'MultiLevelHeatmapHead', 'mmpose_trs.models.multi_level_head'),
    (MODELS, 'TeacherKeypointMix', 'mmpose_trs.models.pre_affine_augs'),
    (MODELS, 'TeacherJointCutout', 'mmpose_trs.models.pre_affine_augs'),
    (MODELS, 'RandomCutout', 'mmpose_trs.models.pre_affine_augs'),
    (HOOKS, 'ReviewerEMAHook', 'mmpose_trs.engine.reviewer_ema_hook'),
    (HOOKS, 'ChannelsLastHook', 'mmpose_trs.engine.channels_last_hook'),
    (OPTIM_WRAPPERS, 'AutocastOptimWrapper',
     'mmpose_trs.engine.autocast_optim_wrapper'),
    (LOOPS, 'MultiNetValLoop', 'mmpose_trs.engine.multi_net_loops'),
    (LOOPS, 'MultiNetTestLoop', 'mmpose_trs.engine.multi_net_loops'),
    (LOOPS, 'MixedEpochTrainLoop', 'mmpose_trs.engine.mixed_epoch_loop'),
    (HOOKS, 'NonFiniteLossHook', 'mmpose_trs.safety.non_finite_loss_hook'),
    (HOOKS, 'StartupCheckHook', 'mmpose_trs.safety.startup_check_hook'),
    (HOOKS, 'ExactResumeHook', 'mmpose_trs.safety.exact_resume_hook'),
    (HOOKS, 'AtomicCheckpointHook',
     'mmpose_trs.safety.atomic_checkpoint_hook'),
    (TRANSFORMS, 'GroundTruthKeypointMix',
     'mmpose_trs.datasets.keypoint_mix_transform'),
    (TRANSFORMS, 'ClippedNormalBBoxTransform',
     'mmpose_trs.datasets.clipped_bbox_transform'),
    (DATA_SAMPLERS, 'LabeledUnlabeledSampler', 'mmpose_trs.datasets.samplers'),
    (DATASETS, 'UnlabeledPersonDataset',
     'mmpose_trs.datasets.unlabeled_dataset'),
    (DATASETS, 'UnlabeledImageFolder',
     'mmpose_trs.datasets.image_folder_dataset'),
    (DATASETS, 'UnlabeledVideoFrames',
     'mmpose_trs.datasets.video_frames_dataset'),
    (DATASETS, 'LabeledUnlabeledDataset',
     'mmpose_trs.datasets.labeled_unlabeled_dataset'),
]
# names of earlier versions, kept as registry aliases
ALIASES = [(MODELS, 'KeypointMixAug', 'TeacherKeypointMix'),
           (MODELS, 'JointCutoutAug', 'TeacherJointCutout'),
           (MODELS, 'CutoutAug', 'RandomCutout'),
           (TRANSFORMS, 'KeypointMix', 'GroundTruthKeypointMix')]


@pytest.mark.parametrize('registry,name,module', COMPONENTS)
def test_registered_in_mmpose(registry, name, module):
    cls = registry.get(name)
    assert cls is not None and cls.__module__ == module
    assert registry.scope == 'mmpose'


@pytest.mark.parametrize('registry,old,new', ALIASES)
def test_previous_names_build_the_same_class(registry, old, new):
    assert registry.get(old) is registry.get(new)


def test_fresh_interpreter_registers_everything():
    """... and leaves MMPose's inference APIs (inferencers, visualizers)
    unloaded: every tool start would pay for them."""
    names = [n for _, n, _ in COMPONENTS]
    code = ('import mmpose_trs\n'
            'from mmpose.registry import MODELS, HOOKS, LOOPS, DATASETS, '
            'DATA_SAMPLERS, TRANSFORMS, OPTIM_WRAPPERS\n'
            'regs = [MODELS, HOOKS, LOOPS, DATASETS, DATA_SAMPLERS, '
            'TRANSFORMS, OPTIM_WRAPPERS]\n'
            f'missing = [n for n in {names!r} '
            'if not any(n in r.module_dict for r in regs)]\n'
            'print("MISSING", missing)\n'
            'import sys\n'
            'print("APIS", "mmpose.apis" in sys.modules)\n')
    out = subprocess.run([sys.executable, '-c', code],
                         capture_output=True,
                         text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert 'MISSING []' in out.stdout
    assert 'APIS False' in out.stdout


@pytest.mark.parametrize('imports', [
    'import mmpose_trs',
    'from mmpose_trs.models import MultiLevelHeatmapHead',
    'from mmpose_trs.datasets import LabeledUnlabeledSampler',
])
def test_import_changes_nothing_but_registries(imports):
    """Neither torch's allow-list nor MMPose's dataset reader changes."""
    s = process_state_around(imports)
    assert s['before'] == s['after']
    assert not s['after']['wrapped']


def test_no_clash_with_mmpose_names():
    """Our sampler does not take MMPose's MultiSourceSampler name."""
    assert DATA_SAMPLERS.get('MultiSourceSampler').__module__.startswith(
        'mmpose.')
    assert mmpose_trs.__version__
