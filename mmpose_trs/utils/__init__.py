"""Small helpers of mmpose-trs."""
from .cpu_dist import prepare_cpu_distributed
from .safe_checkpoint import allow_mmengine_checkpoints, numpy_safe_globals

__all__ = ['allow_mmengine_checkpoints', 'numpy_safe_globals',
           'prepare_cpu_distributed']
