"""Edits of loaded MMEngine configs shared by tools, benchmarks and tests.

Evaluation protocols of the COCO tables, switchable at test time
(:func:`apply_protocol`):

- ``'paper'`` (the paper's and Xie et al.'s): ground-truth person boxes, no
  flip test. The default of every COCO config here.
- ``'mmpose'`` (MMPose's model zoo): person boxes from a detection file
  (``COCO_val2017_detections_AP_H_56_person.json``) and flip test, so a network
  sits beside MMPose's published SimpleBaseline numbers.
"""
from mmengine.config import Config

from .branches import source_configs
from .networks import network_configs

LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def set_data_root(cfg: Config, root: str, workers: int = None) -> Config:
    """Point every dataset of ``cfg`` (concatenated ones included) and the
    COCO evaluators at the dataset folder ``root``, in place.

    Args:
        cfg (Config): a loaded config whose datasets use ``data_root``.
        root (str): folder holding ``annotations/`` and ``images/``.
        workers (int, optional): also set ``num_workers`` of every loader
            (0 turns persistent workers off).

    Returns:
        Config: ``cfg`` itself.
    """
    root = root.rstrip('/') + '/'
    for key in LOADERS:
        loader = cfg.get(key)
        if not loader:
            continue
        if workers is not None:
            loader.update(num_workers=workers, persistent_workers=workers > 0)
        for d in source_configs(loader.dataset):
            d.data_root = root
    for key in ('val_evaluator', 'test_evaluator'):
        ev = cfg.get(key)
        if ev and ev.get('ann_file'):
            name = ev.ann_file.split('annotations/')[-1]
            ev.ann_file = f'{root}annotations/{name}'
    return cfg


DEFAULT_DET_FILE = ('data/coco/person_detection_results/'
                    'COCO_val2017_detections_AP_H_56_person.json')


def apply_protocol(cfg: Config,
                   protocol: str,
                   det_file: str = DEFAULT_DET_FILE) -> Config:
    """Set the test/val boxes and flip test of ``cfg`` (in place)."""
    if protocol not in ('paper', 'mmpose'):
        raise ValueError(f"protocol must be 'paper' or 'mmpose', got "
                         f'{protocol!r}')
    zoo = protocol == 'mmpose'
    for net in network_configs(cfg.model):
        net.setdefault('test_cfg', {})
        net['test_cfg'].update(
            flip_test=zoo, flip_mode='heatmap', shift_heatmap=True)
    for key in ('val_dataloader', 'test_dataloader'):
        loader = cfg.get(key)
        if loader is None:
            continue
        if zoo:
            loader['dataset']['bbox_file'] = det_file
        else:
            loader['dataset'].pop('bbox_file', None)
    return cfg
