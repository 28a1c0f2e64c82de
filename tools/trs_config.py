"""Write a TRS (or Dual networks) config on top of an existing MMPose
top-down heatmap config.

The written config inherits yours (``_base_``): its network becomes ``net_f``
(and ``net_g``), its training set the labeled source, its train pipeline
without ``GenerateTarget`` the unlabeled one; the method's settings (losses,
hard view, Keypoint-Mix, reviewers, hooks, loops) are copied from
``configs/_base_/semi_runtime.py``, the one place they are defined. Edit the
result freely; it is an ordinary MMPose config.

Example::

    python tools/trs_config.py \\
        mmpose::body_2d_keypoint/topdown_heatmap/coco/\\
td-hm_hrnet-w32_udp-8xb64-210e_coco-256x192.py \\
        --labeled-ann annotations/coco_1k_labeled.json \\
        --unlabeled-ann annotations/coco_1k_unlabeled.json \\
        -o configs/my/trs_hrnet-w32-udp_coco-1k.py
"""
import argparse
import os.path as osp
import pprint
import sys
from typing import List, Optional

from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
SEMI_RUNTIME = osp.join(ROOT, 'configs', '_base_', 'semi_runtime.py')
METHODS = ('trs', 'dual')


def _fmt(value, indent: int) -> str:
    """``value`` as Python source, continued lines indented."""
    text = pprint.pformat(value, width=79 - indent, sort_dicts=False)
    return text.replace('\n', '\n' + ' ' * indent)


def method_settings(method: str) -> dict:
    """The TRS (or Dual) model options, hooks and loops of semi_runtime.py.
    """
    semi = Config.fromfile(SEMI_RUNTIME)
    model = semi.model.to_dict()
    hooks = semi.custom_hooks
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
        checkpoint=semi.default_hooks.checkpoint.type,
        train_loop=semi.train_cfg.type,
        val_loop=semi.val_cfg.type,
        test_loop=semi.test_cfg.type)


def unlabeled_metainfo(labeled: dict) -> dict:
    """The keypoint set of the labeled dataset config, for the unlabeled
    one: its ``metainfo``, else its class's (MMPose's ``METAINFO``)."""
    if labeled.get('metainfo'):
        return dict(labeled['metainfo'])
    from mmpose.registry import DATASETS
    from mmpose.utils import register_all_modules
    register_all_modules()
    return dict(DATASETS.get(labeled['type']).METAINFO)


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
                unlabeled_ann: str,
                method: str = 'trs',
                det_file: Optional[str] = None,
                unlabeled_root: Optional[str] = None,
                unlabeled_img_prefix: Optional[str] = None) -> str:
    """The source of the semi-supervised config on ``base``."""
    cfg = load(base)
    if 'train_pipeline' not in cfg:
        raise ValueError(f'{base}: no train_pipeline variable; the written '
                         'config builds the unlabeled pipeline from it')
    labeled = cfg.train_dataloader.dataset
    batch = cfg.train_dataloader.batch_size
    settings = method_settings(method)
    model = {k: v for k, v in settings['model'].items() if k != 'type'}
    root = unlabeled_root or labeled.get('data_root', '')
    prefix = unlabeled_img_prefix or labeled.get('data_prefix', {}).get(
        'img', '')
    best = cfg.get('default_hooks', {}).get('checkpoint', {}).get('save_best')
    # MultiNetValLoop prefixes metrics by network: keep the best of f's
    predict_on = model['test_cfg']['predict_on']
    save_best = f", save_best='{predict_on}/{best}'" if isinstance(
        best, str) and best != 'auto' else ''
    source = dict(
        type='UnlabeledPersonDataset',
        data_root=root,
        data_mode='topdown',
        ann_file=unlabeled_ann,
        data_prefix=dict(img=prefix),
        metainfo=unlabeled_metainfo(labeled))
    if det_file:
        source['det_file'] = det_file
    lines = [
        f'# {method.upper()} on {base}, written by tools/trs_config.py; the '
        'method settings',
        '# are those of configs/_base_/semi_runtime.py. Edit freely.',
        f'_base_ = [{base!r}]',
        f'custom_imports = {_fmt(settings["custom_imports"], 17)}',
        '',
        '# your network is net_f; net_g is a copy, initialised on its own',
        'model = dict(',
        '    _delete_=True,',
        "    type='TRSPoseEstimator',",
        '    net_f=_base_.model,',
        '    data_preprocessor=_base_.model.data_preprocessor,',
    ] + [f'    {k}={_fmt(v, 5 + len(k))},' for k, v in model.items()] + [
        ')',
        '',
        '# labeled: your training set on the labeled split; unlabeled: '
        'person boxes,',
        '# with your train pipeline minus GenerateTarget (the easy view)',
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
        f'ann_file={labeled_ann!r}),',
        f'        unlabeled=dict({_fmt(source, 23)},',
        '            pipeline=unlabeled_pipeline)))',
        f"train_cfg = dict(_delete_=True, type={settings['train_loop']!r}, "
        'max_epochs=_base_.train_cfg.max_epochs,',
        '                 val_interval=_base_.train_cfg.val_interval)',
        '# every network validated and tested in one pass',
        f"val_cfg = dict(_delete_=True, type={settings['val_loop']!r})",
        f"test_cfg = dict(_delete_=True, type={settings['test_loop']!r})",
        f'custom_hooks = {_fmt(settings["custom_hooks"], 15)}',
        'default_hooks = dict(checkpoint=dict('
        f"type={settings['checkpoint']!r}{save_best}))",
    ]
    return '\n'.join(lines) + '\n'


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='your MMPose top-down config')
    parser.add_argument('--labeled-ann', required=True)
    parser.add_argument(
        '--unlabeled-ann',
        required=True,
        help='COCO-style json: person boxes, or the image '
        'list of --det-file')
    parser.add_argument(
        '--det-file',
        help='person detections (MMPose bbox '
        'file format) for the unlabeled images')
    parser.add_argument(
        '--unlabeled-root',
        help='data_root of the unlabeled '
        'set (default: the labeled one)')
    parser.add_argument('--unlabeled-img-prefix')
    parser.add_argument('--method', choices=METHODS, default='trs')
    parser.add_argument('-o', '--out', required=True)
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    if osp.exists(args.out):
        sys.exit(f'{args.out} exists; not overwriting it')
    text = config_text(args.config, args.labeled_ann, args.unlabeled_ann,
                       args.method, args.det_file, args.unlabeled_root,
                       args.unlabeled_img_prefix)
    sys.path.insert(0, ROOT)
    from mmpose_trs.utils.atomic_io import atomic_write_text
    atomic_write_text(args.out, text)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
