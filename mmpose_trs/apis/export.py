"""Export one network of a TRS checkpoint as a plain MMPose model."""
import copy
import os
import os.path as osp
from typing import Tuple, Union

import torch
from mmengine.config import Config

from ..models.networks import module_name, network_config, plain_weights
from ..utils.atomic_io import atomic_save


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


def plain_config(cfg: Config, net: str) -> Config:
    """An MMPose config for network ``net`` of a TRS config: the network's
    ``TopdownPoseEstimator`` with the TRS data preprocessor, the test data
    settings, and no ``custom_imports``."""
    model_cfg = cfg.model
    net_cfg = network_config(model_cfg, net)
    model = copy.deepcopy(
        net_cfg.to_dict() if hasattr(net_cfg, 'to_dict') else net_cfg)
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


def plain_state_dict(checkpoint: Union[str, dict],
                     net: str,
                     drop_extra_levels: bool = False) -> dict:
    """Weights of ``net`` with its ``net_f.``-style prefix removed (and the
    MFL branches other than the final level, if ``drop_extra_levels``)."""
    if isinstance(checkpoint, str):
        checkpoint = torch.load(
            checkpoint, map_location='cpu', weights_only=True)
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


def export_network(config: Union[str, Config], checkpoint: str, net: str,
                   out_dir: str) -> Tuple[str, str]:
    """Write ``<out_dir>/<net>.py`` and ``<out_dir>/<net>.pth``.

    The checkpoint holds only tensors and plain strings in ``meta``, so it
    loads under torch's ``weights_only`` protection without this plugin.

    Returns:
        tuple: (config path, checkpoint path).
    """
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    plain = plain_config(cfg, net)
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
        source=osp.basename(checkpoint) if isinstance(checkpoint, str) else '')
    atomic_save(dict(state_dict=state, meta=meta), ckpt_path)
    return cfg_path, ckpt_path
