"""Checks at the start of training that would otherwise fail hours later
or silently: keypoint counts, the labeled/unlabeled batch composition and
missing image files."""
import os.path as osp

from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmpose.registry import HOOKS


def _networks(model) -> dict:
    """{name: top-down network} of a TRS model or a plain pose estimator."""
    if hasattr(model, 'net_f'):
        return dict(net_f=model.net_f, net_g=model.net_g)
    return dict(model=model)


def _labeled_dataset(dataset):
    """The labeled source of a ConcatDataset, or the dataset itself."""
    return dataset.datasets[0] if hasattr(dataset, 'datasets') else dataset


def _sources(dataset) -> list:
    return list(dataset.datasets) if hasattr(dataset, 'datasets') else [
        dataset]


@HOOKS.register_module()
class StartupCheckHook(Hook):
    """Fail fast, before the first iteration, when

    - the labeled data's keypoint count differs from a network's heatmap
      channels (``head.out_channels``), or
    - the train dataloader's ``batch_size`` differs from
      ``num_labeled + num_unlabeled`` of a ``LabeledUnlabeledSampler`` (the
      batches would mix labeled and unlabeled samples in shifting places), or
    - an image file of the training data does not exist (``check_images``;
      one ``stat`` per image, seconds for COCO).

    Args:
        check_images (bool): check that every training image exists.
            Defaults to True.
    """

    priority = 'VERY_HIGH'

    def __init__(self, check_images: bool = True) -> None:
        self.check_images = check_images

    def before_train(self, runner) -> None:
        loader = runner.train_dataloader
        self.check_batch(loader)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        self.check_keypoints(model, _labeled_dataset(loader.dataset))
        if self.check_images:
            for source in _sources(loader.dataset):
                self.check_image_files(source)

    @staticmethod
    def check_image_files(dataset) -> None:
        paths = {dataset.get_data_info(i)['img_path']
                 for i in range(len(dataset))}
        missing = sorted(p for p in paths if not osp.isfile(p))
        if missing:
            raise FileNotFoundError(
                f'{len(missing)} of {len(paths)} images of '
                f'{getattr(dataset, "ann_file", type(dataset).__name__)} do '
                f'not exist, e.g. {missing[:3]}')

    @staticmethod
    def check_batch(loader) -> None:
        sampler = loader.sampler
        per_batch = getattr(sampler, 'num_per_batch', None)
        if per_batch is not None and loader.batch_size != sum(per_batch):
            raise ValueError(
                f'train_dataloader.batch_size={loader.batch_size} but the '
                f'{type(sampler).__name__} draws num_labeled={per_batch[0]} + '
                f'num_unlabeled={per_batch[1]} = {sum(per_batch)} per batch; '
                'make them equal')

    @staticmethod
    def check_keypoints(model, dataset) -> None:
        num = dataset.metainfo.get('num_keypoints')
        for name, net in _networks(model).items():
            channels = getattr(net.head, 'out_channels', None)
            if num is not None and channels is not None and channels != num:
                raise ValueError(
                    f'{name}.head.out_channels={channels} but the labeled '
                    f'dataset {getattr(dataset, "ann_file", "")} has {num} '
                    'keypoints')
