"""Every paper config runs the protocol declared for it in
mmpose_trs/protocol/expected_protocols.yml: its card, computed from the built
objects, matches every expected value or declares the deviation."""
import glob

import pytest
from mmengine.config import Config

from mmpose_trs.protocol import (check_card, expected_protocol, load_table,
                                 protocol_card)

TABLE = load_table()
PAPER_CONFIGS = sorted(
    c for c in glob.glob('configs/trs/**/*.py', recursive=True) +
    glob.glob('configs/supervised/*.py'))


def test_every_paper_config_declares_a_protocol():
    missing = [c for c in PAPER_CONFIGS if c not in TABLE['configs']]
    assert not missing, f'no protocol declared for {missing}'
    stale = [c for c in TABLE['configs'] if c not in PAPER_CONFIGS]
    assert not stale, f'the table names configs that do not exist: {stale}'


def test_every_expected_value_has_a_source():
    for name, proto in TABLE['protocols'].items():
        for key, spec in proto.items():
            if key in ('extends', 'deviations'):
                continue
            assert spec.get('source'), f'{name}.{key} has no source'


@pytest.mark.parametrize('path', PAPER_CONFIGS)
def test_card_matches_declared_protocol(path):
    card = protocol_card(Config.fromfile(path), build_data=False)
    spec = expected_protocol(path)
    rows = check_card(card, spec)
    bad = [(r['key'], r['value'], r['expected']) for r in rows
           if r['status'] == 'DIFF']
    assert not bad, f'{path}: undeclared deviations {bad}'
    assert len(rows) >= 15
