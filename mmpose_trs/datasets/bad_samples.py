"""Samples whose image cannot be read: stop naming the file, or take the
next sample of the same source in their place (deterministic: the same
draw seed), marked for :class:`~mmpose_trs.safety.BadSampleHook`."""
from typing import Dict, List, Optional, Tuple, Union

from mmengine.dataset import BaseDataset

# the metainfo key of a replacement: ``[(path, what is wrong), ...]``
from ..safety.bad_sample_hook import REPLACED_KEY  # noqa: F401
from ..safety.image_files import decode_problem
from ..utils.branches import SOURCES

POLICIES = ('raise', 'skip')
DEFAULT_POLICY = dict(labeled='raise', unlabeled='skip')
#: consecutive bad samples after which ``skip`` gives up
MAX_TRIES = 100


class BadSampleError(RuntimeError):
    """A training image that cannot be read, named with what is wrong."""


def bad_sample_policy(policy: Union[str, Dict[str, str]]) -> Tuple[str, str]:
    """``(labeled, unlabeled)`` policies from a string or a dict.

    Raises:
        ValueError: an unknown policy or source name.
    """
    spec = dict(DEFAULT_POLICY)
    if isinstance(policy, str):
        spec = {s: policy for s in SOURCES}
    else:
        unknown = set(policy) - set(SOURCES)
        if unknown:
            raise ValueError(f'on_bad_sample: unknown sources {unknown}; use '
                             f'{SOURCES}')
        spec.update(policy)
    bad = {k: v for k, v in spec.items() if v not in POLICIES}
    if bad:
        raise ValueError(f'on_bad_sample must be one of {POLICIES}, got {bad}')
    return tuple(spec[s] for s in SOURCES)


def sample_problem(dataset: BaseDataset,
                   index: int) -> Tuple[str, Optional[str]]:
    """The file of sample ``index`` and what is wrong with it (None if
    nothing): the dataset's own ``sample_problem`` (video frames), else
    the image file's :func:`decode_problem`."""
    path = dataset.get_data_info(index).get('img_path', '?')
    if hasattr(dataset, 'sample_problem'):
        return path, dataset.sample_problem(index)
    return path, decode_problem(path) if path != '?' else None


def load_or_replace(dataset: BaseDataset, index: int, policy: str,
                    source: str) -> Tuple[dict, List[Tuple[str, str]]]:
    """``dataset[index]``, or with ``policy='skip'`` the first good sample
    after it (wrapping around); returns it and the bad files passed.

    Raises:
        BadSampleError: the image is bad and ``policy='raise'``, or
            :data:`MAX_TRIES` bad images follow each other.
        Exception: a failure that is not the image's (re-raised as it is).
    """
    replaced = []
    for step in range(MAX_TRIES):
        local = (index + step) % len(dataset)
        try:
            return dataset[local], replaced
        except Exception as error:
            path, problem = sample_problem(dataset, local)
            if problem is None:
                raise
            if policy == 'raise':
                raise BadSampleError(
                    f'{path}: {problem} ({source} sample {local}); with '
                    f"on_bad_sample='skip' the next {source} sample takes "
                    'its place') from error
            replaced.append((path, problem))
    raise BadSampleError(f'{MAX_TRIES} {source} samples in a row from '
                         f'{replaced[0][0]} on cannot be read')
