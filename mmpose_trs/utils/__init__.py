"""Small helpers of mmpose-trs."""
from .safe_checkpoint import allow_mmengine_checkpoints, numpy_safe_globals

__all__ = ['allow_mmengine_checkpoints', 'numpy_safe_globals']
