"""Checks at the start of training that would otherwise fail hours later
or silently: keypoint counts, the labeled/unlabeled batch composition,
missing or unreadable image files and checkpoints of another architecture."""
import re
from typing import Optional, Union

from mmengine.hooks import Hook
from mmengine.runner import Runner
from mmengine.utils import ProgressBar
from torch import nn
from torch.utils.data import DataLoader, Dataset

from mmpose.datasets.transforms import GenerateTarget
from mmpose.registry import HOOKS
from ..utils.networks import module_name, unwrap
from ..utils.pipelines import pipeline_transforms
from .image_files import decode_problem, image_problem
from .split_sizes import check_expected_sizes


def _networks(model) -> dict:
    """{module: top-down network} of the trained networks of a
    semi-supervised model, or a plain pose estimator."""
    if hasattr(model, 'trained_names'):
        return {module_name(n): model.network(n) for n in model.trained_names}
    return dict(model=model)


def _codec(codec) -> str:
    """A codec's type and sizes, as its config would name them."""
    sizes = ', '.join(f'{k}={tuple(getattr(codec, k))}'
                      for k in ('input_size', 'heatmap_size')
                      if hasattr(codec, k))
    return f'{type(codec).__name__}({sizes})'


def checkpoint_problem(model: nn.Module, state: dict) -> Optional[str]:
    """Why the state dict ``state`` cannot be loaded into ``model``
    (no weight name in common, or weights of another shape), or None. A
    plain top-down checkpoint is compared with ``model.net_f``, as TRS loads
    it into every network."""
    state = {re.sub(r'^module\.', '', k): v for k, v in state.items()}
    own = model.state_dict()
    if hasattr(model, 'net_f') and not any(
            k.startswith(('net_', 'reviewer_', 'snapshot_')) for k in state):
        own = model.net_f.state_dict()
    shared = [k for k in state if k in own]
    if not shared:
        return (f'it has no weight name in common with the model '
                f'{type(model).__name__} (checkpoint: {list(state)[:2]}, '
                f'model: {list(own)[:2]}); a TRS checkpoint for a plain '
                'MMPose model is made with tools/export_model.py')
    wrong = [
        f'{k}: checkpoint {tuple(state[k].shape)} vs model '
        f'{tuple(own[k].shape)}' for k in shared
        if state[k].shape != own[k].shape
    ]
    if wrong:
        return (f'{len(wrong)} weights have another shape (a different '
                f'architecture or keypoint count), e.g. {wrong[:3]}')
    return None


def _sources(dataset) -> list:
    return list(dataset.datasets) if hasattr(dataset,
                                             'datasets') else [dataset]


@HOOKS.register_module()
class StartupCheckHook(Hook):
    """Fail fast, before the first iteration, when

    - the training keypoint count differs from a network's heatmap
      channels (``head.out_channels``), or
    - the labeled pipeline's ``GenerateTarget`` encodes with another codec
      (type, input or heatmap size) than a network's head decodes with, or
    - the train dataloader's ``batch_size`` differs from
      ``num_labeled + num_unlabeled`` of a ``LabeledUnlabeledSampler`` (the
      batches would mix labeled and unlabeled samples in shifting places), or
    - a source's size differs from the config's top-level
      ``expected_sizes`` (the split its protocol expects; any loop), or
    - an image file of the training data is missing, empty or not an image
      (``check_images``: reads 8 bytes per image, seconds for COCO; with
      ``'decode'`` every image is read and decoded, with a progress bar,
      and truncated or undecodable files are found too), or
    - the checkpoint of ``load_from``/``resume`` does not fit the model
      (MMEngine would only warn and train from random weights).

    Args:
        check_images (bool | str): check every training image file: True
            its first bytes, ``'decode'`` the whole file, False not at all.
            Defaults to True.
        check_checkpoint (bool): check loaded checkpoints. Defaults to True.
    """

    priority = 'VERY_HIGH'

    def __init__(self,
                 check_images: Union[bool, str] = True,
                 check_checkpoint: bool = True) -> None:
        if check_images not in (True, False, 'decode'):
            raise ValueError("check_images must be True, False or 'decode', "
                             f'got {check_images!r}')
        self.check_images = check_images
        self.check_checkpoint = check_checkpoint

    def after_load_checkpoint(self, runner: Runner, checkpoint: dict) -> None:
        if not self.check_checkpoint:
            return
        model = unwrap(runner.model)
        problem = checkpoint_problem(model,
                                     checkpoint.get('state_dict', checkpoint))
        if problem:
            source = runner._load_from or (
                f'the latest checkpoint in {runner.work_dir}')
            raise ValueError(
                f'Checkpoint {source} does not fit the model: {problem}. '
                '(To load matching weights only, e.g. a head of another '
                'keypoint count, set StartupCheckHook check_checkpoint=False)')

    def before_train(self, runner: Runner) -> None:
        loader = runner.train_dataloader
        self.check_batch(loader)
        cfg = getattr(runner, 'cfg', None) or {}
        check_expected_sizes(loader.dataset, cfg.get('expected_sizes'))
        model = unwrap(runner.model)
        self.check_keypoints(model, loader.dataset)
        self.check_codec(model, _sources(loader.dataset)[0])
        if self.check_images:
            for source in _sources(loader.dataset):
                self.check_image_files(
                    source, decode=self.check_images == 'decode')

    @staticmethod
    def check_image_files(dataset: Dataset, decode: bool = False) -> None:
        paths = sorted({
            dataset.get_data_info(i)['img_path']
            for i in range(len(dataset))
        })
        check = decode_problem if decode else image_problem
        bar = ProgressBar(len(paths)) if decode else None
        bad = []
        for p in paths:
            why = check(p)
            if why is not None:
                bad.append((p, why))
            if bar is not None:
                bar.update()
        if bad:
            source = getattr(dataset, 'ann_file', type(dataset).__name__)
            error = (
                FileNotFoundError if all(w == 'missing'
                                         for _, w in bad) else ValueError)
            raise error(f'{len(bad)} of {len(paths)} images of {source} '
                        'cannot be read: ' + '; '.join(f'{p} ({w})'
                                                       for p, w in bad[:3]))

    @staticmethod
    def check_batch(loader: DataLoader) -> None:
        sampler = loader.sampler
        per_batch = getattr(sampler, 'num_per_batch', None)
        if per_batch is not None and loader.batch_size != sum(per_batch):
            raise ValueError(
                f'train_dataloader.batch_size={loader.batch_size} but the '
                f'{type(sampler).__name__} draws num_labeled={per_batch[0]} + '
                f'num_unlabeled={per_batch[1]} = {sum(per_batch)} per batch; '
                'make them equal')

    @staticmethod
    def check_keypoints(model: nn.Module, dataset: Dataset) -> None:
        num = dataset.metainfo.get('num_keypoints')
        for name, net in _networks(model).items():
            channels = getattr(net.head, 'out_channels', None)
            if num is not None and channels is not None and channels != num:
                source = getattr(_sources(dataset)[0], 'ann_file', '')
                raise ValueError(
                    f'{name}.head.out_channels={channels} but the training '
                    f'set (labeled: {source}) has {num} keypoints')

    @staticmethod
    def check_codec(model: nn.Module, labeled: Dataset) -> None:
        """The labeled targets fit the networks: the pipeline's codec is
        every head's (heatmap-space targets), or, in keypoint space (each
        network encodes the crop keypoints itself), the pipeline packs the
        crop keypoints."""
        if getattr(model, 'target_space', 'heatmap') == 'keypoint':
            packs = [
                t for t in pipeline_transforms(labeled)
                if type(t).__name__ == 'PackPoseInputs'
            ]
            if packs and not packs[-1].pack_transformed:
                source = getattr(labeled, 'ann_file', type(labeled).__name__)
                raise ValueError(
                    f'the networks learn in keypoint space (a SimCC/RLE head '
                    f'or a mixed pair) and encode the crop keypoints of the '
                    f'labeled set ({source}) themselves: set '
                    'PackPoseInputs(pack_transformed=True) in its pipeline')
            return
        encoders = [
            t.encoder for t in pipeline_transforms(labeled)
            if isinstance(t, GenerateTarget)
        ]
        if not encoders or isinstance(encoders[-1], list):
            return
        encoder = _codec(encoders[-1])
        for name, net in _networks(model).items():
            decoder = getattr(net.head, 'decoder', None)
            if decoder is not None and _codec(decoder) != encoder:
                raise ValueError(
                    f'the labeled pipeline encodes targets with {encoder} '
                    f'but {name}.head decodes with {_codec(decoder)}; use '
                    'one codec for both (GenerateTarget(encoder=codec), '
                    'head.decoder=codec)')
