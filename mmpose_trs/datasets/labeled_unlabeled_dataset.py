"""The training set of semi-supervised pose: a labeled and an unlabeled
dataset addressed by name, each sample marked with the branch it comes from.

The mark is the labeled/unlabeled contract of the TRS estimator
(:func:`mmpose_trs.models.batch_split.is_labeled`): a sample is labeled
because its dataset says so, not because its pipeline happened to produce
heatmaps.
"""
import copy
from typing import Optional, Tuple, Union

from mmengine.dataset import BaseDataset, ConcatDataset

from mmpose.datasets.datasets.utils import parse_pose_metainfo
from mmpose.registry import DATASETS
from ..utils.branches import BRANCH_KEY, SOURCES
from ..utils.rng import seeded
from .bad_samples import (DEFAULT_POLICY, REPLACED_KEY, bad_sample_policy,
                          load_or_replace)
from .keypoint_sets import adopt_keypoint_set, describe


@DATASETS.register_module()
class LabeledUnlabeledDataset(ConcatDataset):
    """``ConcatDataset([labeled, unlabeled])`` whose parts have names, and
    whose samples carry ``data_samples.metainfo['semi_branch']``
    (``'labeled'`` or ``'unlabeled'``).

    A child config changes one part by name, e.g.
    ``train_dataloader = dict(dataset=dict(labeled=dict(ann_file=...)))``;
    use it with :class:`LabeledUnlabeledSampler`.

    Both parts must share the training keypoint set (number, names, flip
    pairs; :mod:`.keypoint_sets`): the labeled dataset's, or ``metainfo``.
    A part of another set must convert its keypoints with MMPose's
    ``KeypointConverter`` (e.g. MPII labels trained on AI Challenger's 14
    keypoints); other metainfo (a json's ``CLASSES``) may differ.

    Args:
        labeled (dict | BaseDataset): the labeled dataset; its pipeline
            makes heatmap targets (``GenerateTarget``).
        unlabeled (dict | BaseDataset): the unlabeled dataset (e.g.
            :class:`UnlabeledPersonDataset`); its pipeline makes none.
        metainfo (dict, optional): the training keypoint set, e.g.
            ``dict(from_file='configs/_base_/datasets/aic.py')``, as
            MMPose's ``CombinedDataset`` takes it. Defaults to the labeled
            dataset's.
        lazy_init (bool): load the annotations on first use. Defaults to
            False.
        on_bad_sample (str | dict): what a sample whose image cannot be
            read does (missing, empty, truncated, undecodable):
            ``'raise'``: stop, naming the file and what is wrong;
            ``'skip'``: take the next sample of the same source in its
            place (the same draw seed, so deterministic and resumable),
            marked in its metainfo for ``BadSampleHook`` to log and count.
            A string for both sources or ``dict(labeled=..., unlabeled=...)``.
            Defaults to raise for labeled, skip for unlabeled.

    Raises:
        ValueError: a part's keypoint set differs from the training set and
            it has no ``KeypointConverter`` to it (the message names both).
    """

    #: the parts of ``datasets``, in order (read by the split-size check)
    source_names = SOURCES

    def __init__(self,
                 labeled: Union[dict, BaseDataset],
                 unlabeled: Union[dict, BaseDataset],
                 metainfo: Optional[dict] = None,
                 lazy_init: bool = False,
                 on_bad_sample: Union[str, dict] = DEFAULT_POLICY) -> None:
        self.on_bad_sample = bad_sample_policy(on_bad_sample)
        parts = [
            d if isinstance(d, BaseDataset) else DATASETS.build(d)
            for d in (labeled, unlabeled)
        ]
        keypoint_set = (
            parse_pose_metainfo(copy.deepcopy(metainfo))
            if metainfo else parts[0].metainfo)
        target = ('of metainfo' if metainfo else
                  f'of the labeled dataset {describe(parts[0])}')
        for role, part in zip(SOURCES, parts):
            adopt_keypoint_set(part, keypoint_set, role, target)
        # the keypoint sets are checked above; CLASSES & co. may differ
        keys = set(parts[0].metainfo) | set(parts[1].metainfo) | {'CLASSES'}
        super().__init__(parts, lazy_init=lazy_init, ignore_keys=list(keys))
        if metainfo:
            self._metainfo = keypoint_set

    @property
    def labeled(self) -> BaseDataset:
        """The labeled dataset."""
        return self.datasets[0]

    @property
    def unlabeled(self) -> BaseDataset:
        """The unlabeled dataset."""
        return self.datasets[1]

    #: :class:`LabeledUnlabeledSampler` passes ``(index, draw_seed)``
    takes_draw_seeds = True

    def __getitem__(self, idx: Union[int, Tuple[int, int]]) -> dict:
        """The packed sample ``idx`` with its branch in the metainfo.

        ``idx`` may be ``(index, draw_seed)``: the pipeline's random draws
        then come from ``draw_seed`` alone (python, numpy and torch seeded
        for the call, their states put back after it), so a sample's
        augmentation does not depend on the worker that loads it or on what
        that worker loaded before.
        """
        if isinstance(idx, (tuple, list)):
            index, draw_seed = idx
            with seeded(int(draw_seed)):
                return self._marked(int(index))
        return self._marked(idx)

    def _marked(self, idx: int) -> dict:
        """The packed sample ``idx`` with its branch in the metainfo."""
        source, local = self._get_ori_dataset_idx(idx)
        results, replaced = load_or_replace(self.datasets[source], local,
                                            self.on_bad_sample[source],
                                            SOURCES[source])
        samples = results.get('data_samples') if isinstance(results,
                                                            dict) else None
        if samples is None or not hasattr(samples, 'set_metainfo'):
            raise TypeError(
                f'the {SOURCES[source]} dataset '
                f'({type(self.datasets[source]).__name__}) must end its '
                'pipeline with PackPoseInputs (a dict with data_samples), '
                f'got {type(results).__name__}')
        samples.set_metainfo({BRANCH_KEY: SOURCES[source]})
        if replaced:
            samples.set_metainfo({REPLACED_KEY: replaced})
        return results
