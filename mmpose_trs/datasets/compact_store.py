"""Instances of a large unlabeled pool held as one array per field instead
of one dict per box: a million boxes take tens of megabytes, build from
arrays, and DataLoader workers read them without copying (numpy buffers
hold no Python reference counts, so forked workers share their pages)."""
from typing import Dict, List, Optional, Sequence, Union

import numpy as np

#: how a column gives its values back: a numpy array row, a tuple of ints,
#: a Python scalar, a string, or None
KINDS = ('array', 'tuple', 'scalar', 'str', 'none')


class CompactInstances(Sequence):
    """A read-only sequence of instance dicts stored column-wise.

    ``store[i]`` builds a new dict (a copy: changing it changes nothing
    stored); ``store[a:b]`` is a store of those rows. Columns of strings
    (image paths) are kept once per distinct value with an index per row.

    Args:
        columns (dict): name -> ``(kind, values)``: ``'array'`` rows of an
            [N, ...] array; ``'tuple'`` rows of an [N, d] int array given
            back as tuples; ``'scalar'`` an [N] array given back as Python
            numbers; ``'str'`` a pair (distinct values, [N] int32 index);
            ``'none'`` the constant None (values ignored).
        length (int): N.
    """

    def __init__(self, columns: Dict[str, tuple], length: int):
        bad = {k: c[0] for k, c in columns.items() if c[0] not in KINDS}
        if bad:
            raise ValueError(f'unknown column kinds {bad}; use {KINDS}')
        self.columns = columns
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: Union[int, slice]):
        if isinstance(index, slice):
            return self._rows(np.arange(self.length)[index])
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(f'instance {index} of {self.length}')
        return {
            k: _value(kind, v, index)
            for k, (kind, v) in self.columns.items()
        }

    def _rows(self, rows: np.ndarray) -> 'CompactInstances':
        cols = {}
        for name, (kind, values) in self.columns.items():
            if kind == 'str':
                cols[name] = (kind, (values[0], values[1][rows]))
            elif kind == 'none':
                cols[name] = (kind, None)
            else:
                cols[name] = (kind, values[rows])
        return CompactInstances(cols, len(rows))

    @property
    def nbytes(self) -> int:
        """Bytes held by the columns' arrays."""
        total = 0
        for kind, values in self.columns.values():
            arrays = values if kind == 'str' else (values, )
            total += sum(a.nbytes for a in arrays if a is not None)
        return total

    @classmethod
    def from_dicts(cls, infos: List[dict]) -> 'CompactInstances':
        """The store of a list of instance dicts sharing one set of keys.

        Raises:
            ValueError: the dicts' keys differ, or a field mixes types.
        """
        if not infos:
            return cls({}, 0)
        keys = list(infos[0])
        for i, info in enumerate(infos):
            if list(info) != keys and set(info) != set(keys):
                raise ValueError(f'instance {i} has keys {sorted(info)}, '
                                 f'instance 0 {sorted(keys)}')
        return cls({k: _column(k, [d[k] for d in infos])
                    for k in keys}, len(infos))


def _column(name: str, values: list) -> tuple:
    """``(kind, stored)`` of one field's values."""
    first = values[0]
    if all(v is None for v in values):
        return 'none', None
    if isinstance(first, np.ndarray):
        return 'array', np.stack(values)
    if isinstance(first, str):
        table, index = np.unique(np.array(values), return_inverse=True)
        return 'str', (table, index.astype(np.int32))
    if isinstance(first, tuple):
        return 'tuple', np.array(values, dtype=np.int64)
    if isinstance(first, (bool, int, float, np.number)) and all(
            isinstance(v, type(first)) for v in values):
        return 'scalar', np.array(values)
    raise ValueError(f'field {name!r}: cannot store values of types '
                     f'{sorted({type(v).__name__ for v in values})}')


def _value(kind: str, values, i: int):
    if kind == 'array':
        return np.array(values[i])  # a copy; 0-d for an [N] column
    if kind == 'tuple':
        return tuple(int(x) for x in values[i])
    if kind == 'scalar':
        return values[i].item()
    if kind == 'str':
        return str(values[0][values[1][i]])
    return None


def from_arrays(
    length: int,
    arrays: Optional[Dict[str, np.ndarray]] = None,
    strings: Optional[Dict[str, tuple]] = None,
    tuples: Optional[Dict[str, np.ndarray]] = None,
    scalars: Optional[Dict[str, np.ndarray]] = None,
    nones: Sequence[str] = ()
) -> CompactInstances:
    """A store from columns already in arrays (no per-box Python objects):
    ``strings`` as ``name -> (distinct values, [N] index)``."""
    cols = {k: ('array', v) for k, v in (arrays or {}).items()}
    cols.update({k: ('str', v) for k, v in (strings or {}).items()})
    cols.update({k: ('tuple', v) for k, v in (tuples or {}).items()})
    cols.update({k: ('scalar', v) for k, v in (scalars or {}).items()})
    cols.update({k: ('none', None) for k in nones})
    for name, (kind, values) in cols.items():
        rows = values[1] if kind == 'str' else values
        if rows is not None and len(rows) != length:
            raise ValueError(f'column {name!r} has {len(rows)} rows, not '
                             f'{length}')
    return CompactInstances(cols, length)
