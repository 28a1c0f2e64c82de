"""Small helpers of mmpose-trs. Config edits (which read the datasets' and
models' conventions) are in :mod:`mmpose_trs.utils.config_tools`."""
from .cli import parse_with_runner_args
from .cpu_dist import prepare_cpu_distributed

__all__ = ['prepare_cpu_distributed', 'parse_with_runner_args']
