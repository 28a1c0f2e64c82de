"""A CheckpointHook whose crash while saving never costs the last good
checkpoint."""
import os
import os.path as osp
from typing import Any

from mmengine.dist import is_main_process
from mmengine.fileio import LocalBackend
from mmengine.hooks import CheckpointHook
from mmengine.runner import Runner

from mmpose.registry import HOOKS
from ..utils.atomic_io import TMP_SUFFIX, atomic_write_text, commit


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """``CheckpointHook`` that writes each checkpoint atomically, then
    updates ``last_checkpoint``, and only then deletes the checkpoints that
    ``max_keep_ckpts`` drops.

    MMEngine's hook deletes the oldest kept checkpoint *before* writing the
    new one straight to its final name: a crash or pre-emption while saving
    (minutes for large models) leaves a truncated ``iter_N.pth`` that
    ``last_checkpoint`` points to and, with ``max_keep_ckpts=1``, no good
    checkpoint at all. Here the new checkpoint is written to
    ``iter_N.pth.tmp`` and renamed (atomic on one file system), so at every
    moment ``last_checkpoint`` names a complete file. The ``save_best``
    checkpoint is written the same way, and the previous best is deleted
    only once the new one is complete. Remote ``out_dir`` backends fall back
    to MMEngine's behaviour. Arguments are those of ``CheckpointHook``.
    """

    def _is_local(self) -> bool:
        backend = self.file_backend
        return isinstance(getattr(backend, 'backend', backend), LocalBackend)

    def _save_checkpoint_with_step(self, runner, step, meta):
        if not self._is_local():
            return super()._save_checkpoint_with_step(runner, step, meta)
        dropped = self._keep(runner, step)
        name = self.filename_tmpl.format(step)
        final = osp.join(self.out_dir, name)
        self.last_ckpt = final
        runner.message_hub.update_info('last_ckpt', final)
        _save_atomically(
            runner.save_checkpoint,
            self.out_dir,
            name,
            self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        if not is_main_process():
            return
        atomic_write_text(osp.join(runner.work_dir, 'last_checkpoint'), final)
        for old in dropped:  # only now that the new one is complete
            path = osp.join(self.out_dir, self.filename_tmpl.format(old))
            if osp.isfile(path):
                os.remove(path)

    def _keep(self, runner, step) -> list:
        """Record ``step`` among the kept checkpoints (the message hub is
        saved in the checkpoint); return the steps that drop out."""
        if self.max_keep_ckpts <= 0 or (self.keep_ckpt_ids
                                        and self.keep_ckpt_ids[-1] == step):
            return []
        dropped = []
        if len(self.keep_ckpt_ids) == self.max_keep_ckpts:
            dropped.append(self.keep_ckpt_ids.popleft())
        self.keep_ckpt_ids.append(step)
        runner.message_hub.update_info('keep_ckpt_ids',
                                       list(self.keep_ckpt_ids))
        return dropped

    def _check_save_best(self, metrics: dict) -> None:
        """Fail naming the metrics when a ``save_best`` key is not among
        them (MMEngine's KeyError names the key alone)."""
        keys = getattr(self, 'key_indicators', None) or []
        missing = [k for k in keys if k != 'auto' and k not in metrics]
        if missing and metrics:
            named = [m for m in metrics if m.endswith('/' + missing[0])]
            hint = (f"; with MultiNetValLoop every network's metrics are "
                    f"prefixed by its name, e.g. save_best={named[0]!r}"
                    if named else '')
            raise KeyError(
                f'CheckpointHook save_best={missing[0]!r} is not a '
                f'validation metric; the metrics are {sorted(metrics)}'
                f'{hint}')

    def _save_best_checkpoint(self, runner, metrics) -> None:
        """MMEngine's best-checkpoint logic, with the new best written
        through a temporary file and the old best deleted after it."""
        self._check_save_best(metrics)
        if not self._is_local():
            return super()._save_best_checkpoint(runner, metrics)
        backend = self.file_backend
        self.file_backend = _DeferRemoval(backend)
        try:  # the runner itself is not touched: MMEngine sees a proxy
            super()._save_best_checkpoint(_AtomicSaving(runner), metrics)
        finally:
            removed, self.file_backend = self.file_backend.removed, backend
        best = {
            getattr(self, 'best_ckpt_path', None),
            *getattr(self, 'best_ckpt_path_dict', {}).values()
        }
        for path in removed:
            if path not in best and osp.isfile(path):
                os.remove(path)


class _AtomicSaving:
    """A view of the runner whose ``save_checkpoint`` writes atomically;
    every other attribute is the runner's."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner

    def save_checkpoint(self, out_dir: str, filename: str, *args,
                        **kwargs) -> None:
        _save_atomically(self._runner.save_checkpoint, out_dir, filename,
                         *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._runner, name)


class _DeferRemoval:
    """File backend that records ``remove`` calls instead of doing them."""

    def __init__(self, backend) -> None:
        self.backend, self.removed = backend, []

    def remove(self, path) -> None:
        self.removed.append(path)

    def __getattr__(self, name):
        return getattr(self.backend, name)


def _save_atomically(save, out_dir, filename, *args, **kwargs):
    """``runner.save_checkpoint`` through ``<filename>.tmp`` and a rename."""
    if filename.endswith(TMP_SUFFIX):  # already written through one
        return save(out_dir, filename, *args, **kwargs)
    save(out_dir, filename + TMP_SUFFIX, *args, **kwargs)
    if is_main_process():
        commit(osp.join(out_dir, filename))
