"""mmpose_trs.tools.console: one entry per tool, exiting 0 when the tool
returns results and with the tool's status when it returns an int."""
import pytest

from mmpose_trs.tools import console


def test_entries_exit_with_the_tools_status(monkeypatch, tmp_path):
    from mmpose_trs.tools import make_synthetic_coco, protocol_card
    monkeypatch.setattr(make_synthetic_coco, 'main', lambda: {'counts': 1})
    monkeypatch.setattr(protocol_card, 'main', lambda: 1)
    with pytest.raises(SystemExit) as done:
        console.make_synthetic_coco()
    assert done.value.code == 0
    with pytest.raises(SystemExit) as done:
        console.protocol_card()
    assert done.value.code == 1
    assert console.train.__name__ == 'train'


def test_unknown_tool_is_refused():
    with pytest.raises(AttributeError, match="no tool 'no_such_tool'"):
        console.no_such_tool  # noqa: B018
