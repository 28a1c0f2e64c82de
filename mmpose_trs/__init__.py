"""mmpose-trs: Teacher-Reviewer-Student semi-supervised pose for MMPose.

Importing the package registers every component into MMPose's registries
(use ``custom_imports=dict(imports=['mmpose_trs'])`` in a config) and lets
torch's safe checkpoint loading accept MMEngine checkpoints.
"""
from .utils import allow_mmengine_checkpoints

allow_mmengine_checkpoints()

from . import apis, datasets, engine, models  # noqa: E402,F401

__version__ = '0.1.0'
