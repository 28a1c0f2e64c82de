"""Writing files so that a crash never leaves a half-written one, and never
replaces a file the user did not ask to replace.

Every writer of the project (splits, detection files, exported checkpoints,
the runner's checkpoints, benchmark results) writes ``<path>.tmp`` and renames
it over ``path`` (atomic on one file system) through :func:`commit`.
"""
import json
import os
import os.path as osp
from typing import Any, Callable, Dict, List

TMP_SUFFIX = '.tmp'


def commit(path: str) -> None:
    """Rename the finished ``<path>.tmp`` over ``path``."""
    os.replace(path + TMP_SUFFIX, path)


def atomic_write(path: str, write: Callable[[str], None]) -> None:
    """Call ``write(tmp_path)``, then :func:`commit`; a failing ``write``
    leaves ``path`` as it was."""
    write(path + TMP_SUFFIX)
    commit(path)


def atomic_write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through ``<path>.tmp``, flushed to disk."""

    def write(tmp: str) -> None:
        with open(tmp, 'w') as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())

    atomic_write(path, write)


def atomic_save(obj: Any, path: str) -> None:
    """``torch.save(obj, path)`` through ``<path>.tmp``."""
    import torch
    atomic_write(path, lambda tmp: torch.save(obj, tmp))


def write_json(path: str, obj: Any, indent: int = None) -> None:
    """Write ``obj`` as JSON atomically (replacing ``path`` if present)."""
    atomic_write_text(path, json.dumps(obj, indent=indent))


def write_new_json_files(contents: Dict[str, Any],
                         force: bool = False,
                         hint: str = 'pass --force to replace it'
                         ) -> List[str]:
    """Write each ``{path: obj}`` as JSON atomically, after checking that
    none exists (unless ``force``): an existing file stops the whole write
    before anything is written.

    Raises:
        FileExistsError: naming the first existing path and ``hint``.
    """
    existing = [p for p in contents if osp.exists(p)]
    if existing and not force:
        raise FileExistsError(f'{existing[0]} exists; {hint}')
    for path, obj in contents.items():
        os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
        write_json(path, obj)
    return list(contents)
