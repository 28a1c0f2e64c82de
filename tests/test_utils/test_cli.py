"""Runner options shared by tools/train.py and tools/test.py."""
import argparse
import os

from mmpose_trs.utils.cli import parse_with_runner_args


def test_runner_options_parse_and_export_local_rank(monkeypatch):
    monkeypatch.delenv('LOCAL_RANK', raising=False)
    parser = argparse.ArgumentParser()
    parser.add_argument('config')
    args = parse_with_runner_args(parser, [
        'c.py', '--cfg-options', 'a.b=1', 'c=[1,2]', '--launcher', 'pytorch',
        '--local-rank', '3'
    ])
    assert args.cfg_options == {'a.b': 1, 'c': [1, 2]}
    assert args.launcher == 'pytorch' and args.local_rank == 3
    assert os.environ['LOCAL_RANK'] == '3'
