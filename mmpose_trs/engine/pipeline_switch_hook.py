"""RTMPose's second training stage for semi-supervised runs: both sources'
pipelines switch at one epoch of the mixed stream."""
from typing import List, Optional, Sequence

import torch
from mmengine.dataset import Compose
from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner
from torch.utils.data import Dataset

from mmpose.registry import HOOKS
from ..datasets.hidden_keypoints import KEYPOINT_READERS, check_hidden_pipeline
from ..utils.branches import EPOCH_ITERS


def without_targets(pipeline: Sequence[dict]) -> List[dict]:
    """A labeled pipeline made unlabeled: ``GenerateTarget`` removed."""
    return [dict(t) for t in pipeline if t.get('type') != 'GenerateTarget']


def hidden_kept(source: Dataset, pipeline: List[dict]) -> List[dict]:
    """``pipeline`` for an unlabeled source: with ``HideKeypoints`` before
    its ``PackPoseInputs`` when the source carries hidden keypoints, so
    they stay out of reach of every loss after the switch too, and
    without the transforms that would choose crops from them
    (``RandomHalfBody``)."""
    if not getattr(source, 'hidden_keypoints_file', None):
        return pipeline
    pipeline = [t for t in pipeline if t.get('type') not in KEYPOINT_READERS]
    if any(t.get('type') == 'HideKeypoints' for t in pipeline):
        return pipeline
    at = max(i for i, t in enumerate(pipeline)
             if t.get('type') == 'PackPoseInputs')
    out = pipeline[:at] + [dict(type='HideKeypoints')] + pipeline[at:]
    check_hidden_pipeline(out, source.hidden_keypoints_file, None)
    return out


@HOOKS.register_module()
class SemiPipelineSwitchHook(Hook):
    """MMDetection's ``PipelineSwitchHook`` for a
    :class:`~mmpose_trs.datasets.LabeledUnlabeledDataset`: at
    ``switch_epoch`` the labeled source takes ``switch_pipeline`` and the
    unlabeled source the same without ``GenerateTarget`` (or
    ``unlabeled_pipeline``), so the easy views of both keep one
    augmentation. Epochs are those of the mixed stream
    (:class:`~.MixedEpochTrainLoop`: ``epoch_iters`` iterations each), or of
    an epoch-based loop.

    The data iterator restarts at the switch (workers take the new
    pipelines) and continues with the next batch of the sampler, so no
    sample is skipped or repeated; a run resumed after the switch point
    switches before its first iteration.

    Args:
        switch_epoch (int): the first epoch of the new pipelines.
        switch_pipeline (list[dict]): the labeled pipeline from then on.
        unlabeled_pipeline (list[dict], optional): the unlabeled one.
            Defaults to ``switch_pipeline`` without ``GenerateTarget``.
        epoch_iters (int, optional): iterations per epoch, for a
            supervised baseline on an iteration-based loop that counts the
            semi-supervised rows' epochs (its training set, then, is a
            plain labeled dataset and takes ``switch_pipeline``). Defaults
            to the mixed stream's epoch, else the dataloader's length.
    """

    priority = 'NORMAL'

    def __init__(self,
                 switch_epoch: int,
                 switch_pipeline: Sequence[dict],
                 unlabeled_pipeline: Optional[Sequence[dict]] = None,
                 epoch_iters: Optional[int] = None):
        if switch_epoch < 0:
            raise ValueError(f'switch_epoch must be >= 0, got {switch_epoch}')
        if epoch_iters is not None and epoch_iters < 1:
            raise ValueError(f'epoch_iters must be >= 1, got {epoch_iters}')
        self.switch_epoch = switch_epoch
        self.epoch_iters = epoch_iters
        self.switch_pipeline = [dict(t) for t in switch_pipeline]
        self.unlabeled_pipeline = [
            dict(t) for t in unlabeled_pipeline
        ] if unlabeled_pipeline else without_targets(self.switch_pipeline)
        self.switched = False

    def switch_iter(self, runner: Runner) -> int:
        """The first iteration of the new pipelines."""
        per_epoch = self.epoch_iters or runner.message_hub.get_info(
            EPOCH_ITERS) or len(runner.train_dataloader)
        return self.switch_epoch * int(per_epoch)

    def before_train(self, runner: Runner) -> None:
        if runner.iter >= self.switch_iter(runner):  # resumed after it
            self.switch(runner)

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        if not self.switched and runner.iter + 1 >= self.switch_iter(runner):
            self.switch(runner, next_iter=runner.iter + 1)

    def switch(self, runner: Runner, next_iter: Optional[int] = None) -> None:
        """Give both sources their new pipelines and restart the data
        iterator at iteration ``next_iter`` (default: the runner's)."""
        loader = runner.train_dataloader
        dataset = loader.dataset
        if hasattr(dataset, 'unlabeled'):
            dataset.labeled.pipeline = Compose(self.switch_pipeline)
            dataset.unlabeled.pipeline = Compose(
                hidden_kept(dataset.unlabeled, self.unlabeled_pipeline))
        elif hasattr(dataset, 'pipeline'):  # a labeled-only baseline
            dataset.pipeline = Compose(self.switch_pipeline)
        else:
            raise TypeError(
                'SemiPipelineSwitchHook switches the pipelines of a '
                'LabeledUnlabeledDataset or of a dataset with a pipeline, '
                f'got {type(dataset).__name__}')
        self.switched = True
        loop = runner.train_loop
        if hasattr(loop, 'dataloader_iterator'):  # iteration based
            sampler = loader.sampler
            if hasattr(sampler, 'skip_to'):
                sampler.skip_to(runner.iter if next_iter is
                                None else next_iter)
            loader._iterator = None  # persistent workers restart
            # a new iterator draws its base seed from torch's generator:
            # keep the training's random stream as an unswitched run's
            state = torch.get_rng_state()
            loop.dataloader_iterator = iter(loader)
            torch.set_rng_state(state)
        runner.logger.info(
            f'SemiPipelineSwitchHook: the training pipelines switched '
            f'at epoch {self.switch_epoch} (iteration '
            f'{self.switch_iter(runner)})')
