"""Edits of loaded MMEngine configs shared by tools, benchmarks and tests."""
from mmengine.config import Config

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
            loader.update(num_workers=workers,
                          persistent_workers=workers > 0)
        ds = loader.dataset
        for d in ds.get('datasets', [ds]):
            d.data_root = root
    for key in ('val_evaluator', 'test_evaluator'):
        ev = cfg.get(key)
        if ev and ev.get('ann_file'):
            name = ev.ann_file.split('annotations/')[-1]
            ev.ann_file = f'{root}annotations/{name}'
    return cfg
