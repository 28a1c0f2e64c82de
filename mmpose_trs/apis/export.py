"""Export one network of a TRS checkpoint as a plain MMPose model."""
import copy
import os
import os.path as osp
from typing import Any, Optional, Tuple, Union

import numpy as np
from mmengine.config import Config

from ..safety.safe_checkpoint import load_checkpoint_file
from ..utils.atomic_io import atomic_save
from ..utils.networks import module_name, network_config, plain_weights


def plain_head(model: dict) -> bool:
    """Turn a ``MultiLevelHeatmapHead`` that predicts from its final level
    into the equivalent plain ``HeatmapHead`` (in place). Returns False when
    the head stays as it is (any other head, or ``test_level='mean'``, which
    needs this plugin)."""
    head = model['head']
    if head.get('type') != 'MultiLevelHeatmapHead' or head.get(
            'test_level', 'final') != 'final':
        return False
    n_deconv = len(head.get('deconv_out_channels', (256, 256, 256)))
    m = list(head.pop('level_deconv_layers', None) or [n_deconv])[-1]
    head.pop('test_level', None)
    head['type'] = 'HeatmapHead'
    head['in_channels'] = list(head['in_channels'])[-1]
    for key in ('deconv_out_channels', 'deconv_kernel_sizes'):
        if key in head:
            head[key] = tuple(head[key])[:m]
    return True


def plain_config(cfg: Config,
                 net: str,
                 test_level: Optional[str] = None) -> Config:
    """An MMPose config for network ``net`` of a TRS config: the network's
    ``TopdownPoseEstimator`` with the TRS data preprocessor, the test data
    settings, and no ``custom_imports`` (but where a multi-level head
    predicts from the mean of its levels: this plugin's head).

    Args:
        test_level (str, optional): a multi-level head's reading in place
            of the config's: ``'final'`` exports the final level as a plain
            ``HeatmapHead``, ``'mean'`` keeps the plugin's head. Other heads
            ignore it.
    """
    if test_level not in (None, 'final', 'mean'):
        raise ValueError(
            f"test_level must be 'final' or 'mean', got {test_level!r}")
    model_cfg = cfg.model
    net_cfg = network_config(model_cfg, net)
    model = copy.deepcopy(
        net_cfg.to_dict() if hasattr(net_cfg, 'to_dict') else net_cfg)
    if test_level and model['head'].get('type') == 'MultiLevelHeatmapHead':
        model['head']['test_level'] = test_level
    model['data_preprocessor'] = copy.deepcopy(
        model_cfg.get('data_preprocessor'))
    needs_plugin = model['head'].get('type') == 'MultiLevelHeatmapHead' and \
        not plain_head(model)
    test_loader = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    # MMPoseInferencer needs a visualizer
    visualizer = copy.deepcopy(
        cfg.get('visualizer')
        or dict(type='PoseLocalVisualizer', name='visualizer'))
    plain = dict(default_scope='mmpose', model=model, visualizer=visualizer)
    if needs_plugin:  # level-mean prediction is this plugin's own head
        plain['custom_imports'] = dict(
            imports=['mmpose_trs'], allow_failed_imports=False)
    if test_loader is not None:
        test_loader = copy.deepcopy(test_loader)
        plain.update(
            test_dataloader=test_loader,
            val_dataloader=test_loader,
            # mmpose.apis.init_model and MMPoseInferencer read the
            # dataset type, metainfo and data_mode from here
            train_dataloader=dict(
                dataset=copy.deepcopy(test_loader['dataset'])),
            # MMPoseInferencer reads these top-level variables, as
            # MMPose's configs define them
            dataset_type=test_loader['dataset']['type'],
            data_mode=test_loader['dataset'].get('data_mode', 'topdown'))
        for key in ('test_evaluator', 'val_evaluator'):
            if cfg.get(key) is not None:
                plain[key] = copy.deepcopy(cfg[key])
    return Config(plain)


def _load(checkpoint: Union[str, dict]) -> dict:
    if isinstance(checkpoint, str):
        return load_checkpoint_file(checkpoint)
    return checkpoint


def plain_python(obj: Any) -> Any:
    """``obj`` with numpy arrays and scalars turned into lists and Python
    numbers, so that it loads under torch's ``weights_only`` protection."""
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, dict):
        return {k: plain_python(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(plain_python(v) for v in obj)
    return obj


def export_dataset_meta(checkpoint: Union[str, dict], plain: Config) -> dict:
    """The keypoint set (names, flip pairs, sigmas, colours, ...) for the
    exported checkpoint: the training set's ``dataset_meta`` that MMEngine
    saved in the checkpoint, else the one MMPose reads from ``plain``'s
    dataset config, in a ``weights_only``-safe form.

    Raises:
        ValueError: neither holds a keypoint set.
    """
    meta = _load(checkpoint).get('meta') or {}
    dataset_meta = meta.get('dataset_meta')
    if not dataset_meta:
        # imported here: mmpose.apis loads MMPose's inferencers and
        # visualizers (1.5 s), which importing this package must not cost
        from mmpose.apis.inference import dataset_meta_from_config
        dataset_meta = dataset_meta_from_config(plain, dataset_mode='train')
    if not dataset_meta or 'num_keypoints' not in dataset_meta:
        raise ValueError(
            'no dataset_meta to export: the checkpoint has none and the '
            'config has no test dataset with a keypoint set')
    return plain_python(dataset_meta)


def plain_state_dict(checkpoint: Union[str, dict],
                     net: str,
                     drop_extra_levels: bool = False) -> dict:
    """Weights of ``net`` with its ``net_f.``-style prefix removed (and the
    MFL branches other than the final level, if ``drop_extra_levels``)."""
    checkpoint = _load(checkpoint)
    state = checkpoint.get('state_dict', checkpoint)
    out = plain_weights(state, net)
    if drop_extra_levels:  # branches of MFL levels a plain head lacks
        out = {
            k: v
            for k, v in out.items() if not k.startswith('head.extra_levels.')
        }
    if not out:
        raise KeyError(
            f'the checkpoint has no weights under '
            f'"{module_name(net)}."; '
            f'found prefixes {sorted({k.split(".")[0] for k in state})}')
    return out


def export_network(config: Union[str, Config],
                   checkpoint: str,
                   net: str,
                   out_dir: str,
                   test_level: Optional[str] = None) -> Tuple[str, str]:
    """Write ``<out_dir>/<net>.py`` and ``<out_dir>/<net>.pth``; a
    multi-level head with ``test_level`` in place of its config's
    (:func:`plain_config`: ``'final'`` makes it a plain ``HeatmapHead``).

    The checkpoint's ``meta`` holds the keypoint set as ``dataset_meta``
    (:func:`export_dataset_meta`), which ``mmpose.apis.init_model`` and
    ``MMPoseInferencer`` read before the config, and only plain Python
    values and tensors, so it loads under torch's ``weights_only``
    protection without this plugin.

    Returns:
        tuple: (config path, checkpoint path).
    """
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    plain = plain_config(cfg, net, test_level)
    source = osp.basename(checkpoint) if isinstance(checkpoint, str) else ''
    checkpoint = _load(checkpoint)
    state = plain_state_dict(
        checkpoint,
        net,
        drop_extra_levels=plain.model.head.type == 'HeatmapHead')
    os.makedirs(out_dir, exist_ok=True)
    cfg_path = osp.join(out_dir, f'{net}.py')
    ckpt_path = osp.join(out_dir, f'{net}.pth')
    plain.dump(cfg_path)
    meta = dict(
        network=net,
        exported_by='mmpose_trs',
        source=source,
        dataset_meta=export_dataset_meta(checkpoint, plain))
    atomic_save(dict(state_dict=state, meta=meta), ckpt_path)
    return cfg_path, ckpt_path
