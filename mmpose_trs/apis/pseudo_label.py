"""Pseudo-labels: run a trained top-down model over unlabeled person boxes and
write a COCO keypoint file (PseudoPose; DataDistill with test-time
augmentation).

TTA: every box is cropped at each scale of ``scales`` (the box enlarged by
that factor, as ``GetBBoxCenterScale``'s padding), optionally flipped; the
heatmaps of every view are brought back to the frame of the scale-1 crop
(a zoom about the crop centre, in the codec's heatmap frame), averaged, and
decoded once by the model's own codec.

Symbols:
    N: boxes in a batch; K: keypoints; h, w: heatmap size; S: scales
"""
import copy
import tempfile
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.registry import DefaultScope
from torch import Tensor, nn
from torch.utils.data import DataLoader

from mmpose.models.utils.tta import flip_heatmaps
from mmpose.registry import DATASETS
from mmpose.structures import PoseDataSample
from ..models.heatmap_frame import network_heatmap_scale
from ..safety.safe_checkpoint import mmengine_checkpoints_allowed
from ..utils.networks import is_semi_config


def load_pose_model(config: str,
                    checkpoint: str,
                    net: str = 'f',
                    device: str = 'cpu') -> nn.Module:
    """A plain MMPose top-down model from a plain config, or network ``net``
    of a TRS / Dual / SSPCM / Single config and checkpoint (exported)."""
    from mmpose.apis import init_model
    from .export import export_network
    cfg = Config.fromfile(config)
    with mmengine_checkpoints_allowed():
        if not is_semi_config(cfg.model):
            return init_model(cfg, checkpoint, device=device)
        with tempfile.TemporaryDirectory() as tmp:
            cfg_path, ckpt_path = export_network(cfg, checkpoint, net, tmp)
            return init_model(cfg_path, ckpt_path, device=device)


def scaled_pipeline(pipeline: List[dict], scale: float) -> List[dict]:
    """``pipeline`` (the model's test pipeline) with the box enlarged by
    ``scale`` (``GetBBoxCenterScale.padding`` times ``scale``)."""
    out = copy.deepcopy(pipeline)
    for step in out:
        if step['type'] == 'GetBBoxCenterScale':
            step['padding'] = step.get('padding', 1.25) * scale
            return out
    raise ValueError('the test pipeline has no GetBBoxCenterScale step; '
                     'pseudo-labelling crops boxes as top-down MMPose does')


def zoom_to_base(heatmaps: Tensor, scale: float,
                 center: Tuple[float, float]) -> Tensor:
    """Heatmaps [N, K, h, w] of a crop ``scale`` times larger than the base
    crop, resampled into the base crop's frame: base pixel ``u`` reads
    ``c + (u - c) / scale`` (``c``: crop centre in heatmap pixels)."""
    n, k, h, w = heatmaps.shape
    ys, xs = torch.meshgrid(
        torch.arange(h, dtype=heatmaps.dtype, device=heatmaps.device),
        torch.arange(w, dtype=heatmaps.dtype, device=heatmaps.device),
        indexing='ij')
    x_in = center[0] + (xs - center[0]) / scale
    y_in = center[1] + (ys - center[1]) / scale
    grid = torch.stack([(2 * x_in + 1) / w - 1, (2 * y_in + 1) / h - 1], -1)
    return F.grid_sample(
        heatmaps,
        grid[None].expand(n, -1, -1, -1),
        mode='bilinear',
        padding_mode='zeros',
        align_corners=False)


class PseudoLabeler:
    """Heatmaps of a top-down model with flip / multi-scale TTA.

    Args:
        model (nn.Module): an MMPose ``TopdownPoseEstimator`` (heatmap head).
        scales (Sequence[float]): box enlargements; 1.0 must be among them.
        flip (bool): add the horizontally flipped view of each scale.
    """

    def __init__(self,
                 model: nn.Module,
                 scales: Sequence[float] = (1., ),
                 flip: bool = False):
        if 1. not in scales or min(scales) <= 0:
            raise ValueError(f'scales must be > 0 and include 1.0, got '
                             f'{tuple(scales)}')
        self.model = model.eval()
        self.scales = tuple(scales)
        self.flip = flip
        self.heatmap_scale = network_heatmap_scale(model, 'the model')
        self.test_cfg = model.test_cfg or {}

    def _heatmaps(self, x: Tensor, flip_indices: List[int]) -> Tensor:
        out = self.model.head.forward(self.model.extract_feat(x))
        if self.flip:
            flipped = self.model.head.forward(
                self.model.extract_feat(x.flip(-1)))
            out = (out + flip_heatmaps(
                flipped,
                flip_indices=flip_indices,
                flip_mode=self.test_cfg.get('flip_mode', 'heatmap'),
                shift_heatmap=self.test_cfg.get('shift_heatmap', False))) / 2
        return out

    @torch.no_grad()
    def __call__(self, batches: Dict[float, dict]) -> List:
        """Predict on one batch per scale (the same boxes in the same order)
        and return the scale-1 data samples with ``pred_instances``."""
        acc, samples = None, None
        for s in self.scales:
            data = self.model.data_preprocessor(batches[s], False)
            meta = data['data_samples'][0].metainfo
            hm = self._heatmaps(data['inputs'], meta['flip_indices'])
            if s != 1.:
                w_in = data['inputs'].shape[-1]
                h_in = data['inputs'].shape[-2]
                center = (w_in / 2. / self.heatmap_scale[0],
                          h_in / 2. / self.heatmap_scale[1])
                hm = zoom_to_base(hm, s, center)
            else:
                samples = data['data_samples']
            acc = hm if acc is None else acc + hm
        preds = self.model.head.decode(acc / len(self.scales))
        return self.model.add_pred_to_datasample(preds, None, samples)


def box_loaders(cfg: Config, dataset: dict, scales: Sequence[float],
                batch_size: int) -> Dict[float, DataLoader]:
    """One loader per scale over the same boxes (``UnlabeledPersonDataset``
    settings ``dataset``), with the model config's test pipeline."""
    test = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    if test is None:
        raise ValueError('the model config has no test_dataloader: its test '
                         'pipeline crops the boxes')
    pipeline = test['dataset']['pipeline']
    loaders = {}
    for s in scales:
        with DefaultScope.overwrite_default_scope('mmpose'):
            ds = DATASETS.build(
                dict(
                    type='UnlabeledPersonDataset',
                    test_mode=True,
                    pipeline=scaled_pipeline(pipeline, s),
                    **dataset))
        loaders[s] = DataLoader(
            ds,
            batch_size=batch_size,
            shuffle=False,
            collate_fn=pseudo_collate)
    return loaders


def to_annotation(sample: PoseDataSample, ann_id: int, kpt_thr: float) -> dict:
    """A COCO annotation from a predicted sample: keypoints below
    ``kpt_thr`` get visibility 0 (and x = y = 0), per-keypoint scores in
    ``keypoint_scores``, ``score`` = mean keypoint score."""
    pred = sample.pred_instances
    kpts = np.asarray(pred.keypoints[0], dtype=float)
    scores = np.asarray(pred.keypoint_scores[0], dtype=float)
    keep = scores >= kpt_thr
    out = np.zeros((len(kpts), 3))
    out[keep, :2] = kpts[keep]
    out[keep, 2] = 2
    x0, y0, x1, y1 = (float(v) for v in np.asarray(pred.bboxes[0]))
    return dict(
        id=ann_id,
        image_id=int(sample.metainfo['img_id']),
        category_id=1,
        iscrowd=0,
        bbox=[x0, y0, x1 - x0, y1 - y0],
        area=(x1 - x0) * (y1 - y0),
        keypoints=[round(float(v), 2) for v in out.flatten()],
        num_keypoints=int(keep.sum()),
        keypoint_scores=[round(float(v), 4) for v in scores],
        score=float(scores.mean()))


def check_keypoints(model: nn.Module, coco: dict, where: str) -> None:
    """The file's person category and the model share a keypoint count."""
    cats = [c for c in coco.get('categories', []) if c.get('keypoints')]
    want = (model.dataset_meta or {}).get('num_keypoints')
    if cats and want is not None and len(cats[0]['keypoints']) != want:
        raise ValueError(
            f'{where}: category {cats[0].get("name")!r} has '
            f'{len(cats[0]["keypoints"])} keypoints but the model predicts '
            f'{want}; pseudo-label with a model of the same keypoint set')


def merge_with_labeled(pseudo: dict, labeled: dict) -> dict:
    """One COCO file for the second stage: the labeled annotations, then the
    pseudo-labels of every box that is not a labeled one (same image and
    box: Xie et al.'s unlabeled pool holds the labeled instances too); ids
    renumbered after the labeled ones, images united."""

    def key(a):
        return a['image_id'], tuple(round(float(v), 1) for v in a['bbox'])

    taken = {key(a) for a in labeled['annotations']}
    start = max([a['id'] for a in labeled['annotations']] or [0])
    extra = [a for a in pseudo['annotations'] if key(a) not in taken]
    for i, a in enumerate(extra):
        a['id'] = start + 1 + i
    images = {i['id']: i for i in labeled['images']}
    images.update({i['id']: i for i in pseudo['images']})
    return dict(
        info=dict(
            pseudo['info'], merged_with_labeled=len(labeled['annotations'])),
        images=list(images.values()),
        annotations=labeled['annotations'] + extra,
        categories=labeled['categories'])


def pseudo_label(model: nn.Module,
                 cfg: Config,
                 dataset: dict,
                 out_file: str,
                 scales: Sequence[float] = (1., ),
                 flip: bool = False,
                 kpt_thr: float = 0.2,
                 inst_thr: float = 0.3,
                 batch_size: int = 32,
                 force: bool = False,
                 merge_with: Optional[str] = None) -> dict:
    """Write the pseudo-labels of every box of ``dataset`` to ``out_file``.

    Args:
        model (nn.Module): a top-down heatmap model
            (:func:`load_pose_model`).
        cfg (Config): its config (the test pipeline crops the boxes).
        dataset (dict): ``UnlabeledPersonDataset`` arguments (``ann_file``,
            optional ``det_file``, ``data_root``, ``data_prefix``, ...).
        out_file (str): COCO keypoint json to write (atomically).
        scales, flip: TTA (see :class:`PseudoLabeler`).
        kpt_thr (float): keypoints scoring below get visibility 0.
        inst_thr (float): instances whose mean keypoint score is below are
            dropped, as are those with no visible keypoint.
        force (bool): replace an existing ``out_file``.
        merge_with (str, optional): a labeled COCO file written first into
            ``out_file`` (:func:`merge_with_labeled`): the training set of
            PseudoPose / DataDistill.

    Returns:
        dict: counts (``boxes``, ``kept``).
    """
    import json

    from mmengine.utils import ProgressBar

    from ..utils.atomic_io import write_new_json_files
    loaders = box_loaders(cfg, dataset, scales, batch_size)
    ann_file = loaders[1.].dataset.ann_file
    with open(ann_file) as f:
        coco = json.load(f)
    check_keypoints(model, coco, ann_file)
    labeler = PseudoLabeler(model, scales, flip)
    anns, boxes = [], len(loaders[1.].dataset)
    bar = ProgressBar(boxes)
    for batches in zip(*loaders.values()):
        for sample in labeler(dict(zip(loaders, batches))):
            ann = to_annotation(sample, len(anns) + 1, kpt_thr)
            if ann['score'] >= inst_thr and ann['num_keypoints'] > 0:
                anns.append(ann)
            bar.update()
    if not anns:
        raise ValueError(
            f'no person of the {boxes} boxes of {ann_file} kept: none has a '
            f'mean keypoint score >= inst_thr={inst_thr} with a keypoint >= '
            f'kpt_thr={kpt_thr}; lower the thresholds')
    images = {a['image_id'] for a in anns}
    result = dict(
        info=dict(
            description='pseudo-labels by mmpose_trs',
            scales=list(scales),
            flip=flip,
            kpt_thr=kpt_thr,
            inst_thr=inst_thr),
        images=[i for i in coco['images'] if i['id'] in images],
        annotations=anns,
        categories=coco['categories'])
    if merge_with:
        with open(merge_with) as f:
            result = merge_with_labeled(result, json.load(f))
    write_new_json_files({out_file: result}, force,
                         'pass --force to replace it')
    return dict(
        boxes=boxes, kept=len(anns), written=len(result['annotations']))
