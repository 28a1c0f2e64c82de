"""The MMEngine internals this project overrides or reaches into, fenced.

Private methods and attributes may change in any MMEngine release without
notice. Each one the project depends on is listed here with the reason and
the hash of its source in the MMEngine version it was written against
(``setup.py`` also bounds MMEngine below 0.11). :func:`changed_internals`
names those whose source differs, and the test suite fails on any
(tests/test_safety/test_mmengine_fence.py): re-read each named user before
raising the pin.
"""
import hashlib
import importlib
import inspect
from typing import Dict, List, Tuple

#: the MMEngine version the hashes were taken from
WRITTEN_AGAINST = '0.10.7'

#: ``module:qualified name`` -> (what depends on it, sha256 of its source)
INTERNALS: Dict[str, Tuple[str, str]] = {
    'mmengine.hooks:CheckpointHook._save_checkpoint_with_step':
    ('AtomicCheckpointHook overrides it (keep_ckpt_ids, last_ckpt, '
     'filename_tmpl, the runner.save_checkpoint arguments)',
     'cdbc1b54c7c88d9525ab025a9d51a3d3be6e6e36396c0f1151ecf51281fd3482'),
    'mmengine.hooks:CheckpointHook._save_best_checkpoint':
    ('AtomicCheckpointHook wraps it (it must save through '
     'runner.save_checkpoint and remove through self.file_backend)',
     '8e1e477297ea08d7125b641c662fc44f5023556b72059986b043b4f147e03f26'),
    'mmengine.runner:IterBasedTrainLoop.run':
    ('ExactResumeHook: on resume the loop draws runner.iter batches from '
     'self.dataloader_iterator after before_train, before iteration 1',
     'f5de0b5cf6e25e3b58a9dc5ce8cba8a633536dd15f52f1b446c52b438776413b'),
    'mmengine.runner:IterBasedTrainLoop.__init__':
    ('MixedEpochTrainLoop sets _max_iters, val_begin and val_interval '
     'after it',
     '3839e4f8035d90d612ff5fcc5f6b0efc584156b295387ca6fb583dbe62de3e1f'),
    'mmengine.runner:Runner.load_or_resume':
    ('StartupCheckHook names runner._load_from in its message',
     '9c653d074f9216315d8fe9fb6db0e24e7bbcd386b4f5dfb9d8932be55bb6e68b'),
    'mmengine.logging:HistoryBuffer.__init__':
    ('safe_checkpoint allow-lists HistoryBuffer._statistics_methods',
     '93db6a00fc8a27cdb53ffb59d4e121e1f4301c4d304c25df7bf779531c0adcb6'),
}


def source_hash(name: str) -> str:
    """sha256 of the source of ``module:qualified.name``."""
    module, qualname = name.split(':')
    obj = importlib.import_module(module)
    for part in qualname.split('.'):
        obj = getattr(obj, part)
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()


def changed_internals() -> List[str]:
    """One line per fenced internal whose source is not the one the
    project was written against (or that is gone)."""
    changed = []
    for name, (user, digest) in INTERNALS.items():
        try:
            now = source_hash(name)
        except (ImportError, AttributeError) as e:
            now = f'gone ({e})'
        if now != digest:
            changed.append(f'{name} changed since MMEngine {WRITTEN_AGAINST}'
                           f': re-check {user}')
    return changed
