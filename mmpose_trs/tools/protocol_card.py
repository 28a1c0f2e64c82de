"""Print the protocol a config really runs, beside the protocol it claims.

Every value is computed from the objects the config builds: the networks,
optimizer and parameter schedulers are built and read; the pipelines' random
transforms and the hard-view affine are sampled (20,000 draws); dataset sizes
come from the data when it is present, else from the config's declared
``expected_sizes``. The protocol column comes from
``mmpose_trs/protocol/expected_protocols.yml`` (each value with its source).

Examples:
    mmpose-trs-protocol-card \
        configs/trs/coco/trs_res18_coco-1k_256x192.py
    mmpose-trs-protocol-card CONFIG --json
    mmpose-trs-protocol-card CONFIG_A --diff CONFIG_B
    mmpose-trs-protocol-card CONFIG --gpus 1 --cfg-options ...
"""
import argparse
import json
import os.path as osp
import sys
from typing import List, Optional

from mmengine.config import Config, DictAction

from mmpose_trs.utils.config_files import configs_root


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__)
    p.add_argument('config')
    p.add_argument(
        '--diff',
        metavar='CONFIG_B',
        help='print only the lines where CONFIG_B differs')
    p.add_argument('--json', action='store_true', help='machine-readable')
    p.add_argument(
        '--gpus',
        type=int,
        help='GPUs it runs on (default: the '
        "config's num_gpus, else 1)")
    p.add_argument(
        '--no-data',
        action='store_true',
        help='use the declared sizes even where data exists')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def card_of(path: str, args: argparse.Namespace) -> dict:
    from mmpose_trs.protocol import protocol_card
    cfg = Config.fromfile(path)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    return protocol_card(cfg, args.gpus, build_data=not args.no_data)


def _fmt(value) -> str:
    return json.dumps(value) if isinstance(value, (list, bool)) or \
        value is None else str(value)


def table_key(path: str) -> str:
    """The key of ``path`` in the protocol table: ``configs/<rel>`` for a
    shipped config (in the package or the repository), else the path."""
    path, root = osp.abspath(path), osp.realpath(configs_root())
    real = osp.realpath(path)
    if real.startswith(root + osp.sep):
        return 'configs/' + osp.relpath(real, root).replace(osp.sep, '/')
    return osp.relpath(path)


def card_rows(path: str, card: dict) -> list:
    """(key, value, protocol value, mark) rows; the mark is '' (equal),
    'DIFF' or 'declared: reason'."""
    from mmpose_trs.protocol import check_card, expected_protocol
    spec = expected_protocol(table_key(path))
    checked = {r['key']: r for r in check_card(card, spec)} if spec else {}
    rows = []
    for key, value in card.items():
        r = checked.get(key)
        mark = '' if r is None or r['status'] == 'ok' else (
            r['status']
            if r['status'] == 'DIFF' else f'declared: {r["reason"]}')
        rows.append((key, _fmt(value), _fmt(r['expected']) if r else '', mark))
    return rows, (spec or {}).get('protocol')


def print_table(rows: list, header: tuple) -> None:
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(3)]
    for r in [header] + rows:
        print('  '.join(c.ljust(w) for c, w in zip(r[:3], widths)) +
              ('  ' + r[3] if r[3] else ''))


def main(argv: Optional[List[str]] = None) -> int:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    card = card_of(args.config, args)
    if args.diff:
        other = card_of(args.diff, args)
        diff = {
            k: [card.get(k), other.get(k)]
            for k in {
                **card,
                **other
            } if card.get(k) != other.get(k)
        }
        if args.json:
            print(json.dumps(diff, indent=1))
        else:
            rows = [(k, _fmt(a), _fmt(b), '') for k, (a, b) in diff.items()]
            print_table(rows, ('key', osp.basename(
                args.config), osp.basename(args.diff), ''))
        return 0
    rows, protocol = card_rows(args.config, card)
    if args.json:
        print(
            json.dumps(
                dict(config=args.config, protocol=protocol, card=card),
                indent=1))
        return 0
    print(f'# {args.config}\n# protocol: {protocol or "none declared"}')
    print_table(rows, ('key', 'this config', 'protocol', ''))
    diffs = sum(r[3] == 'DIFF' for r in rows)
    print(f'\n{diffs} undeclared difference(s)')
    return 1 if diffs else 0


if __name__ == '__main__':
    sys.exit(main())
