"""The split sizes a config's protocol expects, checked against the data.

One config key for every loop: ``expected_sizes = dict(labeled=1000,
unlabeled=149813)`` at the top level of a config (a value of None, or no
key, expects nothing). :class:`~.StartupCheckHook` checks it before
iteration 1, and the protocol card reads it when the data is absent.
"""
from typing import Any, Dict, Optional

from ..utils.branches import SOURCES


def named_sources(dataset: Any) -> Dict[str, Any]:
    """``{'labeled': ..., 'unlabeled': ...}`` of a two-source training set
    (``LabeledUnlabeledDataset``), or ``{'labeled': dataset}`` of any
    other."""
    if getattr(dataset, 'source_names', None) == SOURCES:
        return dict(zip(SOURCES, dataset.datasets))
    return dict(labeled=dataset)


def source_sizes(dataset: Any) -> Dict[str, int]:
    """The length of each of :func:`named_sources`."""
    return {name: len(d) for name, d in named_sources(dataset).items()}


def check_expected_sizes(dataset: Any, expected: Optional[Dict[str,
                                                               int]]) -> None:
    """Raise if a source of ``dataset`` does not have the size the config's
    protocol expects (e.g. 149,813 valid COCO instances, not every box).

    Args:
        dataset: the training set.
        expected (dict, optional): ``labeled``/``unlabeled`` -> size, or
            None for no expectation.

    Raises:
        ValueError: names the source, its file, both sizes and the fix.
    """
    if not expected:
        return
    sources = named_sources(dataset)
    for name, want in expected.items():
        if name not in SOURCES:
            raise ValueError(f'expected_sizes: unknown source {name!r} '
                             f'(use {", ".join(SOURCES)})')
        src = sources.get(name)
        if want is None or src is None or len(src) == want:
            continue
        files = getattr(src, 'det_file', None) or getattr(src, 'ann_file', '')
        raise ValueError(
            f'expected_sizes: the protocol of this config expects '
            f'{want:,} {name} samples but the {name} dataset '
            f'({type(src).__name__}, {files}) has {len(src):,}. Re-create '
            'the split with tools/split_coco.py (docs/reproduce.md), or set '
            f'expected_sizes=dict({name}=None) to train on another set on '
            'purpose (the schedule follows its size).')
