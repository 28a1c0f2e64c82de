"""The MMEngine internals the safety hooks and loops override or reach into
are those they were written against; a change fails here, loudly, with the
hook to re-check (rather than silently in a long run)."""
import mmengine
import pytest

from mmpose_trs.safety import mmengine_fence
from mmpose_trs.safety.mmengine_fence import INTERNALS, changed_internals


def test_no_fenced_internal_changed():
    changed = changed_internals()
    assert not changed, (f'MMEngine {mmengine.__version__}:\n' +
                         '\n'.join(changed))


def test_fence_fails_on_a_changed_or_missing_internal(monkeypatch):
    """The check can fail: a wrong hash and a missing name are reported."""
    name = 'mmengine.hooks:CheckpointHook._save_best_checkpoint'
    monkeypatch.setitem(INTERNALS, name, ('AtomicCheckpointHook', '0' * 64))
    monkeypatch.setitem(INTERNALS, 'mmengine.hooks:CheckpointHook._gone',
                        ('nobody', '0' * 64))
    changed = mmengine_fence.changed_internals()
    assert len(changed) == 2
    assert any(
        '_save_best_checkpoint changed' in c and 'AtomicCheckpointHook' in c
        for c in changed)


def test_setup_py_bounds_mmengine_below_the_next_minor():
    with open('setup.py') as f:
        text = f.read()
    assert "'mmengine>=0.10.0,<0.11'" in text
    major, minor = map(int, mmengine.__version__.split('.')[:2])
    if (major, minor) != (0, 10):
        pytest.fail(f'MMEngine {mmengine.__version__} is outside the bound')
