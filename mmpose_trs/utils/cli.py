"""Command-line options shared by the tools (train, test, export,
pseudo-labelling)."""
import argparse
import os
from typing import List, Optional

from mmengine.config import DictAction


def parse_with_runner_args(parser: argparse.ArgumentParser,
                           argv: Optional[List[str]] = None
                           ) -> argparse.Namespace:
    """Add ``--cfg-options``, ``--launcher`` and ``--local-rank`` (as MMPose's
    tools have them), parse, and export ``LOCAL_RANK``."""
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override config entries, key=value')
    parser.add_argument(
        '--launcher',
        default='none',
        choices=['none', 'pytorch', 'slurm', 'mpi'])
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def add_net_argument(parser: argparse.ArgumentParser) -> None:
    """``--net``: the network of a semi-supervised checkpoint a tool reads
    (``f`` by default)."""
    parser.add_argument(
        '--net',
        default='f',
        help='network of a semi-supervised checkpoint: f, g, reviewer_f, '
        'reviewer_g (TRS), s (the SSPCM student), ... Defaults to f')
