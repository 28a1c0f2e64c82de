"""The ``mmpose_trs`` scope: configs of this package addressed as
``mmpose_trs::<path>`` (OpenMMLab's ``package::path`` form, e.g.
``_base_ = ['mmpose_trs::trs/coco/trs_res18_coco-1k_256x192.py']``).

Every component of the plugin registers into MMPose's registries, so an
ordinary MMPose config finds it with ``default_scope='mmpose'``. A base
config read as ``mmpose_trs::...`` marks its objects with
``_scope_='mmpose_trs'``; MMEngine then imports this module and looks for a
registry of that scope. Each registry here is an empty child of MMPose's
registry of the same kind, so every name resolves as in MMPose (this
plugin's components included).

:func:`register_config_scope` (called by ``import mmpose_trs``) tells
MMEngine's config parser that the ``mmpose_trs`` prefix names this package;
the shipped configs are read from ``mmpose_trs/.mim/configs`` of an
installed package.
"""
from mmengine.registry import Registry

import mmpose.registry as mmpose_registry

SCOPE = 'mmpose_trs'


def _children() -> dict:
    """One child registry of scope ``mmpose_trs`` per MMPose registry."""
    found = {}
    for attr, parent in vars(mmpose_registry).items():
        if isinstance(parent, Registry) and attr.isupper():
            found[attr] = Registry(
                parent.name,
                parent=parent,
                scope=SCOPE,
                locations=list(getattr(parent, '_locations', [])) +
                ['mmpose_trs'])
    return found


globals().update(_children())


def register_config_scope() -> None:
    """Let MMEngine's config parser read ``mmpose_trs::<path>`` (its table
    of packages that ship configs; idempotent)."""
    from mmengine.config import utils as config_utils
    config_utils.MODULE2PACKAGE.setdefault(SCOPE, SCOPE)
