"""Logging and counting the samples a dataset replaced because their image
could not be read (``LabeledUnlabeledDataset(on_bad_sample='skip')``)."""
from typing import Dict, Optional

from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner

from mmpose.registry import HOOKS
from ..utils.branches import BRANCH_KEY

#: the metainfo key the dataset writes (mmpose_trs.datasets.bad_samples)
REPLACED_KEY = 'replaced_bad_samples'


@HOOKS.register_module()
class BadSampleHook(Hook):
    """Log each replaced bad image once (with what is wrong), keep their
    number per source in the training log (``bad_samples_<source>``), and
    stop when they exceed ``max_share`` of a source: a pool that broken
    needs mending, not skipping.

    Args:
        max_share (float): the largest share of a source's images that may
            be bad. Defaults to 0.01.
    """

    priority = 'LOW'

    def __init__(self, max_share: float = 0.01):
        if not 0 <= max_share <= 1:
            raise ValueError(f'max_share must be in [0, 1], got {max_share}')
        self.max_share = max_share
        self.seen: Dict[str, set] = {}

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        if not data_batch:
            return
        for sample in data_batch.get('data_samples', []):
            bad = sample.metainfo.get(REPLACED_KEY)
            if bad:
                self._note(runner, sample.metainfo.get(BRANCH_KEY, '?'), bad)

    def _note(self, runner: Runner, source: str, bad: list) -> None:
        seen = self.seen.setdefault(source, set())
        for path, problem in bad:
            if path not in seen:
                seen.add(path)
                runner.logger.warning(
                    f'BadSampleHook: skipped {path} ({problem}); the next '
                    f'{source} sample took its place ({len(seen)} bad '
                    f'{source} images so far)')
        runner.message_hub.update_scalar(f'train/bad_samples_{source}',
                                         len(seen))
        size = _source_size(runner, source)
        if size and len(seen) > self.max_share * size:
            raise RuntimeError(
                f'{len(seen)} images of the {size} {source} samples cannot '
                f'be read (more than max_share={self.max_share}); e.g. '
                f'{sorted(seen)[:3]}; mend or remove them')


def _source_size(runner: Runner, source: str) -> Optional[int]:
    dataset = runner.train_dataloader.dataset
    part = getattr(dataset, source, None)
    return len(part) if part is not None else None
