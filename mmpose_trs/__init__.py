"""mmpose-trs: Teacher-Reviewer-Student semi-supervised pose for MMPose.

Importing the package registers every component into MMPose's registries
(use ``custom_imports=dict(imports=['mmpose_trs'])`` in a config) and changes
nothing else but the name of its configs (``mmpose_trs::<path>`` bases,
:mod:`mmpose_trs.registry`). The two process-wide settings (safe checkpoint
loading, annotation errors that name the file) are opt-in:
:mod:`mmpose_trs.safety.process_setup`.

Layout: ``models/`` is the method (estimator, MFL head, hard view,
pre-affine augmentations); ``engine/`` its hook and loops; ``datasets/`` the
labeled/unlabeled data; ``safety/`` the generic safety hooks; ``ops/`` batched
patch operations; ``apis/`` inference and export; ``protocol/`` the protocol
card; ``synthetic/`` the embedded dataset; ``tools/`` the command-line
entry points; ``utils/`` small helpers that import nothing above them.
"""
from . import apis, datasets, engine, models, safety  # noqa: F401
from .registry import register_config_scope

# configs of this package as ``mmpose_trs::<path>`` (mmpose_trs/registry.py)
register_config_scope()

__version__ = '0.1.0'
