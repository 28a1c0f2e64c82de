"""What the config writer checks of your config and keeps of it: the head it
can train (any codec with a head adapter), your custom hooks (RTMPose's
``EMAHook`` and ``PipelineSwitchHook`` made semi-supervised), and the list
of what it changed, printed by ``mmpose-trs-config``."""
from typing import List, Tuple

from mmengine.config import Config

#: your hooks the writer replaces by their semi-supervised form
HOOK_FORMS = {
    'EMAHook': 'NetworksEMAHook',
    'PipelineSwitchHook': 'SemiPipelineSwitchHook',
    'mmdet.PipelineSwitchHook': 'SemiPipelineSwitchHook',
}
#: keep the crop keypoints: networks in keypoint space encode them
PACKED = ("[\n    dict(t, pack_transformed=True) if t['type'] == "
          "'PackPoseInputs' else t\n    for t in {}\n]")


def check_supported(cfg: Config, base: str) -> str:
    """The codec kind of the config's network ('heatmap', 'simcc',
    'regression').

    Raises:
        ValueError: not a top-down network, or a head with no known codec
            (names the head and what is supported).
    """
    from ..models.head_adapters import ADAPTERS
    model = cfg.model
    if model.get('type') != 'TopdownPoseEstimator':
        raise ValueError(f'{base}: model type {model.get("type")!r}; the '
                         'TRS family trains top-down networks '
                         '(TopdownPoseEstimator)')
    head = model.get('head', {})
    codec = (head.get('decoder') or {}).get('type')
    if codec not in ADAPTERS:
        raise ValueError(
            f'{base}: the head {head.get("type")} decodes with {codec}; '
            f'supported: heads whose codec is one of {sorted(ADAPTERS)} '
            '(heatmap heads, SimCC and RTMPose heads, regression and RLE '
            'heads)')
    return ADAPTERS[codec].kind


def hooks_source(cfg: Config) -> Tuple[List[str], List[str]]:
    """Source lines of your ``custom_hooks`` as kept in the written config,
    and a note for each: ``EMAHook`` -> ``NetworksEMAHook`` (averages
    net_f/net_g, never the reviewers), ``PipelineSwitchHook`` ->
    ``SemiPipelineSwitchHook`` (both sources switch), others as they are."""
    lines, notes = [], []
    for i, hook in enumerate(cfg.get('custom_hooks', [])):
        kind = hook.get('type')
        ref = f'_base_.custom_hooks[{i}]'
        if kind not in HOOK_FORMS:
            lines.append(ref)
            notes.append(f'kept {kind}')
            continue
        form = HOOK_FORMS[kind]
        extra = ''
        if form == 'SemiPipelineSwitchHook':
            extra = ',\n    switch_pipeline=' + PACKED.format(
                f'{ref}.switch_pipeline').replace('\n', '\n    ')
        lines.append(f'dict({ref}, type={form!r}{extra})')
        notes.append(f'{kind} -> {form}')
    return lines, notes


#: words in a checkpoint name that mark weights trained on pose labels
POSE_DATASETS = ('coco', 'aic', 'mpii', 'crowdpose', 'body7', 'halpe',
                 'ochuman', 'posetrack')


def pose_pretrained_note(cfg: Config) -> List[str]:
    """A warning when the network starts from weights trained on pose
    labels (e.g. RTMPose's ``cspnext-m_udp-aic-coco`` backbones): on a
    split of those datasets they hold the labels of the unlabeled pool."""
    model = cfg.model
    inits = [(part, (model.get(part) or {}).get('init_cfg') or {})
             for part in ('backbone', 'head')
             ] + [('model', model.get('init_cfg') or {})]
    notes = []
    for part, init in inits:
        ckpt = str(init.get('checkpoint', '')) if isinstance(init,
                                                             dict) else ''
        name = ckpt.rsplit('/', 1)[-1].lower()
        found = [d for d in POSE_DATASETS if d in name]
        if found:
            notes.append(
                f'NOTE: {part} starts from {ckpt}, weights trained on '
                f'{"/".join(found).upper()} keypoints: on a split of '
                'those datasets they already hold the labels of your '
                'unlabeled pool, so the semi-supervised gain is not '
                'measurable; give it ImageNet weights (as '
                'configs/trs/coco/rtmpose/ do) for a label-efficiency run')
    return notes


def describe_changes(base: str, method: str, kind: str, batch: int,
                     hook_notes: List[str], added: List[str]) -> List[str]:
    """What the written config changes of ``base``, one line each."""
    space = ('heatmap space (the paper\'s warp)' if kind == 'heatmap' else
             f'keypoint space (a {kind} head: targets decoded, moved and '
             'encoded in its codec)')
    return [
        f'model: your network is net_f, net_g a copy initialised on its own;'
        f' {method.upper()} settings of mmpose_trs::_base_/semi_methods.py; '
        f'targets in {space}',
        f'train_dataloader: LabeledUnlabeledDataset and Sampler, '
        f'{batch - batch // 2} labeled + {batch // 2} unlabeled crops of '
        f'your batch {batch}; the unlabeled pipeline is your train_pipeline '
        'without GenerateTarget',
        'labeled pipeline: PackPoseInputs(pack_transformed=True) (the crop '
        'keypoints, for keypoint-space targets)',
        'train_cfg: MixedEpochTrainLoop (your max_epochs and val_interval, '
        'in epochs of the mixed stream); val_cfg/test_cfg: every network',
        'custom_hooks: ' +
        '; '.join(hook_notes + [f'added {h}' for h in added]),
        'default_hooks.checkpoint: atomic writes, best by network f',
    ]
