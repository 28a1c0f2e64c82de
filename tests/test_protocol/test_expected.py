"""The expected-protocol table: inheritance of protocols, per-config
values, tolerant comparison, and the three statuses of a check."""
from mmpose_trs.protocol.expected import (check_card, expected_protocol,
                                          load_table, matches)

TABLE = dict(
    protocols=dict(
        base=dict(
            lr={
                'value': 1e-3,
                'source': 'Xie'
            },
            wd={
                'value': 0.,
                'source': 'Xie'
            },
            deviations=dict(gpus='4 GPUs with SyncBN')),
        child=dict(extends='base', epochs={
            'value': 100,
            'source': 'X'
        })),
    configs={
        'configs/a.py':
        dict(
            protocol='child',
            values=dict(lr=2e-3),
            deviations=dict(wd='tested A/B'))
    })


def test_protocol_extends_and_config_values():
    spec = expected_protocol('./configs/a.py', TABLE)
    assert spec['protocol'] == 'child'
    assert spec['lr']['value'] == 2e-3 and spec['epochs']['value'] == 100
    assert set(spec['deviations']) == {'gpus', 'wd'}
    assert expected_protocol('configs/none.py', TABLE) is None


def test_protocol_extends_several_in_order():
    table = dict(
        protocols=dict(
            TABLE['protocols'],
            recipe=dict(
                lr=dict(value=4e-3, source='RTMPose'),
                ema=dict(value=2e-4, source='RTMPose'),
                deviations=dict(ema='tiny: none'))),
        configs={
            'configs/b.py': dict(protocol='mixed'),
        })
    table['protocols']['mixed'] = dict(extends=['child', 'recipe'])
    spec = expected_protocol('configs/b.py', table)
    # the later parent overrides; values and deviations of both kept
    assert spec['lr']['value'] == 4e-3 and spec['lr']['source'] == 'RTMPose'
    assert spec['epochs']['value'] == 100 and spec['wd']['value'] == 0.
    assert set(spec['deviations']) == {'gpus', 'ema'}


def test_matches_with_tolerance_and_lists():
    assert matches(1.0000001, dict(value=1.))
    assert not matches(1.1, dict(value=1.))
    assert matches([1., 2.], dict(value=[1., 2.05], tol=0.1))
    assert not matches([1.], dict(value=[1., 2.]))
    assert matches('Adam', dict(value='Adam'))


def test_check_rows_ok_declared_diff():
    spec = expected_protocol('configs/a.py', TABLE)
    rows = {r['key']: r for r in check_card(dict(lr=2e-3, wd=1e-4), spec)}
    assert rows['lr']['status'] == 'ok'
    assert rows['wd']['status'] == 'declared'
    assert rows['wd']['reason'] == 'tested A/B'
    assert rows['epochs']['status'] == 'DIFF'
    assert rows['epochs']['value'] == '(absent)'


def test_shipped_table_loads_and_resolves():
    table = load_table()
    assert table['configs'] and all(
        expected_protocol(path, table) for path in table['configs'])
