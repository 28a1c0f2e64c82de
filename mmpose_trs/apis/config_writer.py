"""Write a TRS (or Dual networks) config on top of an existing MMPose
top-down heatmap config.

The written config inherits yours (``_base_``): its network becomes ``net_f``
(and ``net_g``), its training set the labeled source, its train pipeline
without ``GenerateTarget`` the unlabeled one; the method's settings (losses,
hard view, Keypoint-Mix, reviewers, hooks, loops) are read from the shipped
``_base_/semi_methods.py``, the one place they are defined. The result is an
ordinary MMPose config.

Example::

    >>> from mmpose_trs.apis import write_config
    >>> write_config(
    ...     'mmpose::body_2d_keypoint/topdown_heatmap/coco/'
    ...     'td-hm_hrnet-w32_udp-8xb64-210e_coco-256x192.py',
    ...     'trs_hrnet.py', labeled_ann='annotations/coco_1k_labeled.json',
    ...     unlabeled_ann='annotations/coco_1k_unlabeled.json')
"""
import os.path as osp
import pprint
from typing import List, Optional

from mmengine.config import Config

from ..utils.atomic_io import atomic_write_text
from ..utils.config_files import config_file
from .config_review import (PACKED, check_supported, describe_changes,
                            hooks_source, pose_pretrained_note)
from .unlabeled_source import unlabeled_source

#: the shipped base that defines the methods
METHODS_BASE = '_base_/semi_methods.py'
METHODS = ('trs', 'dual')


def _fmt(value, indent: int) -> str:
    """``value`` as Python source, continued lines indented."""
    text = pprint.pformat(value, width=79 - indent, sort_dicts=False)
    return text.replace('\n', '\n' + ' ' * indent)


def method_settings(method: str = 'trs') -> dict:
    """The model options, hooks and loops of ``method`` ('trs' or 'dual'),
    as the shipped ``_base_/semi_methods.py`` defines them.

    Returns:
        dict: ``model`` (options without networks), ``custom_imports``,
        ``custom_hooks``, ``checkpoint`` (hook type) and the ``train_loop``,
        ``val_loop``, ``test_loop`` types.
    """
    if method not in METHODS:
        raise ValueError(f'method must be one of {METHODS}, got {method!r}')
    semi = Config.fromfile(config_file(METHODS_BASE))
    model = semi.model.to_dict()
    hooks = semi.safety_hooks + semi.reviewer_hooks
    if method == 'dual':  # no reviewers, no reviewer hook
        dual = semi.dual_networks.to_dict()
        aug = dual.pop('pre_affine_aug')
        aug.pop('_delete_', None)
        model.update(dual, pre_affine_aug=aug)
        hooks = semi.safety_hooks
    return dict(
        model=model,
        custom_imports=semi.custom_imports.to_dict(),
        custom_hooks=[h.to_dict() for h in hooks],
        checkpoint=semi.checkpoint_hook.type,
        train_loop=semi.semi_train_cfg.type,
        val_loop=semi.semi_val_cfg.type,
        test_loop=semi.semi_test_cfg.type)


def load(path: str) -> Config:
    """A config by path or as ``package::path`` (e.g. ``mmpose::...``)."""
    if '::' in path:
        from mmengine.config.utils import (_get_external_cfg_base_path,
                                           _get_package_and_cfg_path)
        from mmengine.utils import get_installed_path
        package, rel = _get_package_and_cfg_path(path)
        path = _get_external_cfg_base_path(get_installed_path(package), rel)
    return Config.fromfile(path)


def config_text(base: str,
                labeled_ann: str,
                unlabeled_ann: Optional[str] = None,
                method: str = 'trs',
                **source_options) -> str:
    """The source of a semi-supervised config on the MMPose config ``base``.

    Args:
        base (str): your top-down config, a path or ``package::path``
            (``mmpose::...``, ``mmpose_trs::...``). It must define
            ``train_pipeline``.
        labeled_ann (str): annotation file of the labeled split.
        unlabeled_ann (str, optional): COCO-style json of the unlabeled
            person boxes (or the image list of ``det_file``); or give
            ``unlabeled_dir`` or ``unlabeled_videos``.
        method (str): ``'trs'`` or ``'dual'``. Defaults to 'trs'.
        **source_options: ``det_file``, ``unlabeled_root``,
            ``unlabeled_img_prefix``, ``unlabeled_dir``,
            ``unlabeled_videos``, ``frame_stride``, ``fps`` of
            :func:`~.unlabeled_source.unlabeled_source`.

    Returns:
        str: the config's source; it inherits ``base``.
    """
    cfg = load(base)
    if 'train_pipeline' not in cfg:
        raise ValueError(f'{base}: no train_pipeline variable; the written '
                         'config builds the unlabeled pipeline from it')
    check_supported(cfg, base)  # stops at an unsupported head
    settings = method_settings(method)
    source = unlabeled_source(cfg.train_dataloader.dataset, unlabeled_ann,
                              **source_options)
    lines = [
        f'# {method.upper()} on {base}, written by mmpose-trs-config; the '
        'method settings',
        f'# are those of mmpose_trs::{METHODS_BASE}. Edit freely.',
        f'_base_ = [{base!r}]',
        f'custom_imports = {_fmt(settings["custom_imports"], 17)}',
        '',
    ] + _model_lines(settings) + _data_lines(
        cfg, settings, labeled_ann, source) + _hook_lines(cfg, settings)
    return '\n'.join(lines) + '\n'


def _model_lines(settings: dict) -> List[str]:
    """``model``: the method's estimator around the user's network."""
    model = {k: v for k, v in settings['model'].items() if k != 'type'}
    return [
        '# your network is net_f; net_g is a copy, initialised on its own',
        'model = dict(',
        '    _delete_=True,',
        "    type='TRSPoseEstimator',",
        '    net_f=_base_.model,',
        '    data_preprocessor=_base_.model.data_preprocessor,',
    ] + [f'    {k}={_fmt(v, 5 + len(k))},' for k, v in model.items()] + [
        ')',
        '',
    ]


def _data_lines(cfg: Config, settings: dict, labeled_ann: str,
                source: dict) -> List[str]:
    """Pipelines, the two-source loader and the loops."""
    batch = cfg.train_dataloader.batch_size
    return [
        '# labeled: your training set on the labeled split (its crop '
        'keypoints packed);',
        '# unlabeled: person boxes, with your train pipeline minus '
        'GenerateTarget (the easy view)',
        'labeled_pipeline = ' + PACKED.format('_base_.train_pipeline'),
        'unlabeled_pipeline = [',
        "    t for t in _base_.train_pipeline if t['type'] != "
        "'GenerateTarget'",
        ']',
        'train_dataloader = dict(',
        '    sampler=dict(',
        '        _delete_=True,',
        "        type='LabeledUnlabeledSampler',",
        f'        num_labeled={batch - batch // 2},',
        f'        num_unlabeled={batch // 2}),',
        '    dataset=dict(',
        '        _delete_=True,',
        "        type='LabeledUnlabeledDataset',",
        '        labeled=dict(_base_.train_dataloader.dataset, '
        f'ann_file={labeled_ann!r},',
        '                     pipeline=labeled_pipeline),',
        f'        unlabeled=dict({_fmt(source, 23)},',
        '            pipeline=unlabeled_pipeline)))',
        f"train_cfg = dict(_delete_=True, type={settings['train_loop']!r}, "
        'max_epochs=_base_.train_cfg.max_epochs,',
        '                 val_interval=_base_.train_cfg.val_interval)',
        '# every network validated and tested in one pass',
        f"val_cfg = dict(_delete_=True, type={settings['val_loop']!r})",
        f"test_cfg = dict(_delete_=True, type={settings['test_loop']!r})",
    ]


def _hook_lines(cfg: Config, settings: dict) -> List[str]:
    """The user's hooks in their semi-supervised form, the method's, and
    the checkpoint hook (its ``save_best`` on the predicting network)."""
    user_hooks, _ = hooks_source(cfg)
    best = cfg.get('default_hooks', {}).get('checkpoint', {}).get('save_best')
    # MultiNetValLoop prefixes metrics by network: keep the best of f's
    predict_on = settings['model']['test_cfg']['predict_on']
    save_best = f", save_best='{predict_on}/{best}'" if isinstance(
        best, str) and best != 'auto' else ''
    return [
        '# your hooks (EMAHook and PipelineSwitchHook in their '
        'semi-supervised',
        '# form), then the method\'s',
        'custom_hooks = [' +
        ''.join(f'\n    {h},'.replace('\n', '\n    ').replace(
            '\n        ', '\n    ', 1)
                for h in user_hooks) + ('\n]' if user_hooks else ']'),
        f'custom_hooks += {_fmt(settings["custom_hooks"], 16)}',
        'default_hooks = dict(checkpoint=dict('
        f"type={settings['checkpoint']!r}{save_best}))",
    ]


def config_changes(base: str, method: str = 'trs') -> list:
    """What :func:`config_text` changes of ``base``, one line each (the
    tool prints them)."""
    cfg = load(base)
    kind = check_supported(cfg, base)
    _, notes = hooks_source(cfg)
    added = [h['type'] for h in method_settings(method)['custom_hooks']]
    return describe_changes(base, method, kind,
                            cfg.train_dataloader.batch_size, notes,
                            added) + pose_pretrained_note(cfg)


def write_config(base: str,
                 out: str,
                 labeled_ann: str,
                 unlabeled_ann: Optional[str] = None,
                 **options) -> str:
    """Write :func:`config_text` of ``base`` to ``out`` (atomically; an
    existing file is never overwritten).

    Args:
        base (str): your MMPose config (path or ``package::path``).
        out (str): the file to write.
        labeled_ann, unlabeled_ann (str): as :func:`config_text`.
        **options: ``method`` and the unlabeled source's options of
            :func:`config_text`.

    Returns:
        str: ``out``.

    Raises:
        FileExistsError: ``out`` exists.
    """
    if osp.exists(out):
        raise FileExistsError(f'{out} exists; not overwriting it')
    atomic_write_text(out,
                      config_text(base, labeled_ann, unlabeled_ann, **options))
    return out
