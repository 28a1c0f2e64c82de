"""Errors that name the annotation file when it cannot be read.

MMPose's COCO-style datasets pass ``ann_file`` to ``xtcocotools`` or
``json.load``; a truncated or malformed file then fails with, e.g.,
``JSONDecodeError: Expecting value: line 68 column 2 (char 2000)`` and no file
name, deep inside ``Runner.train``. Here such a failure raises
:class:`AnnotationFileError` that names the file and says what is wrong.
"""
import functools
import json
from contextlib import contextmanager
from typing import Callable, Iterator

from mmpose.datasets.datasets.base import BaseCocoStyleDataset

# what reading a file that is not the expected json raises
_DECODE_ERRORS = (json.JSONDecodeError, UnicodeDecodeError)
# (xtcocotools asserts on a json that is not a dict)
_LAYOUT_ERRORS = (KeyError, TypeError, AttributeError, IndexError,
                  AssertionError)


class AnnotationFileError(ValueError):
    """An annotation file is truncated, not JSON, or not of the expected
    layout."""


@contextmanager
def reading_annotations(ann_file: str, reader: str) -> Iterator[None]:
    """Re-raise decoding and layout errors of the block as
    :class:`AnnotationFileError` naming ``ann_file`` (read by ``reader``)."""
    try:
        yield
    except _DECODE_ERRORS + _LAYOUT_ERRORS as e:
        what = ('is not valid JSON (truncated or malformed?)' if isinstance(
            e, _DECODE_ERRORS) else
                f'could not be read by {reader} (missing, or another '
                'format?)')
        raise AnnotationFileError(f'annotation file {ann_file} {what}: '
                                  f'{type(e).__name__}: {e}') from e


def names_annotation_file(load_data_list: Callable) -> Callable:
    """Decorate a dataset's ``load_data_list`` with
    :func:`reading_annotations` on its ``ann_file``."""
    if getattr(load_data_list, '_names_annotation_file', False):
        return load_data_list

    @functools.wraps(load_data_list)
    def wrapped(self):
        with reading_annotations(self.ann_file, type(self).__name__):
            return load_data_list(self)

    wrapped._names_annotation_file = True
    return wrapped


def install() -> None:
    """Name the file in the errors of every MMPose COCO-style dataset that
    inherits ``BaseCocoStyleDataset.load_data_list`` (COCO, MPII, AI
    Challenger, CrowdPose, ...). Idempotent."""
    BaseCocoStyleDataset.load_data_list = names_annotation_file(
        BaseCocoStyleDataset.load_data_list)
