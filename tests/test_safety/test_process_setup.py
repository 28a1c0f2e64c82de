"""mmpose_trs.safety.process_setup turns on both process-wide settings (in a
fresh interpreter); the configs import it and the tools call it."""
import glob

import pytest
from helpers import process_state_around

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_process_setup_turns_both_settings_on():
    s = process_state_around('import mmpose_trs.safety.process_setup')
    assert s['after']['wrapped'] and not s['before']['wrapped']
    added = set(s['after']['safe']) - set(s['before']['safe'])
    assert any('HistoryBuffer' in g for g in added)
    assert any('_reconstruct' in g for g in added)


def test_every_config_and_tool_opts_in():
    """Project configs import it through custom_imports (a base does), and
    every tool that loads checkpoints or datasets calls setup_process."""
    from mmengine.config import Config
    for path in ('configs/_base_/semi_runtime.py',
                 'configs/_base_/synthetic_quickstart.py'):
        imports = Config.fromfile(path).custom_imports['imports']
        assert 'mmpose_trs.safety.process_setup' in imports, path
    for tool in glob.glob('mmpose_trs/tools/*.py') + glob.glob(
            'tools/**/*.py', recursive=True):
        text = open(tool).read()
        if 'from mmpose_trs.tools.' in text:
            continue  # a wrapper of a package tool, checked there
        if 'Runner' in text or 'torch.load' in text or 'init_model' in text:
            assert 'setup_process()' in text, tool
