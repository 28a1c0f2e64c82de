"""Small helpers of mmpose-trs."""
from .cli import parse_with_runner_args
from .config_tools import set_data_root
from .cpu_dist import prepare_cpu_distributed
from .safe_checkpoint import allow_mmengine_checkpoints, numpy_safe_globals

__all__ = ['allow_mmengine_checkpoints', 'numpy_safe_globals',
           'prepare_cpu_distributed', 'parse_with_runner_args',
           'set_data_root']
