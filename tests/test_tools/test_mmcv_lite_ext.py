"""The stand-in for mmcv's compiled extension in the lite stack: every
compiled function exists by name (so mmcv.ops imports) and raises a clear
error naming the fix when called."""
import importlib.util
import os.path as osp

import pytest
from conftest import ROOT


def _load():
    path = osp.join(ROOT, 'tools', 'mmcv_lite_ext.py')
    spec = importlib.util.spec_from_file_location('lite_ext', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_any_op_exists_and_raises_naming_the_fix():
    ext = _load()
    assert ext.IS_LITE_STUB
    # what mmcv's ext_loader checks for every op it loads
    assert hasattr(ext, 'nms') and hasattr(ext, 'roi_align_forward')
    with pytest.raises(
            ext.MMCVOpsUnavailable,
            match='"nms".*mmcv-lite.*setup_env.sh --full'):
        ext.nms(1, 2, iou_threshold=0.5)
    assert ext.nms.__name__ == 'nms'


def test_dunder_lookups_are_not_faked():
    ext = _load()
    assert not hasattr(ext, '__path__')
    with pytest.raises(AttributeError):
        ext.__something__
