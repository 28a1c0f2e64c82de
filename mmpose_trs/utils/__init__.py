"""Small helpers of mmpose-trs."""
from .cli import parse_with_runner_args
from .config_tools import apply_protocol, set_data_root
from .cpu_dist import prepare_cpu_distributed

__all__ = [
    'prepare_cpu_distributed', 'parse_with_runner_args', 'set_data_root',
    'apply_protocol'
]
