"""Markdown table of the protocol cards of every paper config (the table in
docs/reproduce.md): key values per row and the declared deviations.

Example:
    python -m mmpose_trs.tools.protocol_table > /tmp/cards.md
"""
import os.path as osp

from mmengine.config import Config

from mmpose_trs.utils.config_files import configs_root

COLUMNS = [('epochs', 'schedule.epochs'),
           ('LR steps', 'schedule.lr_milestones_epochs'),
           ('iterations', 'schedule.iterations'), ('crops/step', None),
           ('BN groups (teacher; student)', None),
           ('unlab:lab per guide (guides)', None),
           ('WD', 'optimizer.weight_decay'), ('easy rot std/bound', None),
           ('pool', None)]


def cells(card: dict) -> list:
    """The row's cells from a card."""

    def get(key):
        return card.get(key, '-')

    return [
        get('schedule.epochs'),
        get('schedule.lr_milestones_epochs'),
        get('schedule.iterations'), f"{get('batch.labeled_per_step')} + "
        f"{get('batch.unlabeled_per_step')}",
        f"{get('bn.teacher_group')}; {get('bn.student_groups')}",
        f"{get('loss.unsup_to_sup_per_guide')} ({len(get('loss.guides'))})",
        get('optimizer.weight_decay'),
        f"{get('easy.rotation_std')}/{get('easy.rotation_bound')}",
        f"{get('split.unlabeled_size')} {get('pool.boxes')}"
    ]


def main() -> None:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    from mmpose_trs.protocol import (check_card, expected_protocol, load_table,
                                     protocol_card)
    table = load_table()
    print('| config | ' + ' | '.join(c for c, _ in COLUMNS) + ' |')
    print('|---' * (len(COLUMNS) + 1) + '|')
    declared = {}
    for path in table['configs']:
        card = protocol_card(
            Config.fromfile(
                osp.join(configs_root(),
                         path.split('configs/', 1)[1])),
            build_data=False)
        row = ' | '.join(str(c) for c in cells(card))
        print(f'| `{osp.basename(path)[:-3]}` | {row} |')
        for r in check_card(card, expected_protocol(path)):
            if r['status'] == 'declared':
                declared.setdefault((r['key'], r['reason']),
                                    []).append(osp.basename(path)[:-3])
    print('\nDeclared deviations:\n')
    for (key, reason), configs in declared.items():
        print(f'- `{key}` ({len(configs)} configs): {reason}')


if __name__ == '__main__':
    main()
