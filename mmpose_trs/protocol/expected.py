"""The expected protocol of each paper config, and the check of a card
against it (``expected_protocols.yml``, one table, each value with its
source)."""
import os.path as osp
from typing import Any, Dict, List, Optional

import yaml

TABLE = osp.join(osp.dirname(__file__), 'expected_protocols.yml')


def load_table(path: str = TABLE) -> dict:
    """The table: ``protocols`` (name -> values, ``extends`` (a name or a
    list), ``deviations``)
    and ``configs`` (config path -> protocol, values, deviations)."""
    with open(path) as f:
        return yaml.safe_load(f)


def _resolve(protocols: dict, name: str) -> dict:
    """A protocol's values and deviations, its ``extends`` chain applied."""
    if name not in protocols:
        raise KeyError(f'protocol {name!r} is not in {TABLE}')
    spec = dict(protocols[name])
    parents = spec.pop('extends', None) or []
    out = dict(deviations={})
    # one parent, or several applied in order (a later one overrides)
    for parent in [parents] if isinstance(parents, str) else parents:
        base = _resolve(protocols, parent)
        out['deviations'].update(base.pop('deviations'))
        out.update(base)
    out['deviations'].update(spec.pop('deviations', {}))
    out.update(spec)
    return out


def expected_protocol(config: str,
                      table: Optional[dict] = None) -> Optional[dict]:
    """``key -> {value, tol?, source}`` plus ``deviations`` for ``config``
    (a path relative to the repository), or None if it claims none."""
    table = table or load_table()
    entry = table['configs'].get(config.replace('\\', '/').lstrip('./'))
    if entry is None:
        return None
    spec = _resolve(table['protocols'], entry['protocol'])
    for key, value in (entry.get('values') or {}).items():
        spec[key] = dict(
            spec.get(key, {}), value=value, source=f'config entry of {config}')
    spec['deviations'] = dict(spec['deviations'],
                              **(entry.get('deviations') or {}))
    spec['protocol'] = entry['protocol']
    return spec


def matches(value: Any, want: dict) -> bool:
    """Equal, or within ``tol`` for numbers (element-wise for lists)."""
    expected, tol = want['value'], want.get('tol', 1e-6)
    if isinstance(expected, list) and isinstance(value, (list, tuple)):
        return len(value) == len(expected) and all(
            matches(v, dict(value=e, tol=tol))
            for v, e in zip(value, expected))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) \
            and isinstance(value, (int, float)) and \
            not isinstance(value, bool):
        return abs(value - expected) <= tol
    return value == expected


def check_card(card: Dict[str, object], spec: dict) -> List[dict]:
    """One row per expected key: ``key``, ``value``, ``expected``,
    ``source`` and ``status`` ('ok', 'declared' with ``reason``, or
    'DIFF')."""
    rows = []
    for key, want in spec.items():
        if key in ('deviations', 'protocol'):
            continue
        value = card.get(key, '(absent)')
        row = dict(
            key=key,
            value=value,
            expected=want['value'],
            source=want.get('source', ''))
        if matches(value, want):
            row['status'] = 'ok'
        elif key in spec['deviations']:
            row.update(status='declared', reason=spec['deviations'][key])
        else:
            row['status'] = 'DIFF'
        rows.append(row)
    return rows
