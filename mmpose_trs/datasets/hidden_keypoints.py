"""Hidden ground truth of unlabeled crops: keypoints that only a measuring
hook may read (:class:`mmpose_trs.engine.TargetAccuracyHook`), never a loss.

An :class:`~.UnlabeledPersonDataset` with ``hidden_keypoints_file`` gives
its samples their true keypoints as ``keypoints``, so the pipeline's flip and
affine move them as they move the image; ``HideKeypoints``, the last
transform before ``PackPoseInputs``, then moves them out of every field a
target or a loss reads.
"""
from typing import Optional, Sequence, Union

import numpy as np
from mmcv.transforms import BaseTransform

from mmpose.datasets.transforms import PackPoseInputs
from mmpose.registry import TRANSFORMS

#: transforms that read the keypoints to choose the crop (hidden truth
#: before ``HideKeypoints``)
KEYPOINT_READERS = ('RandomHalfBody', )
#: the packed fields of the hidden truth (``data_sample.gt_instances``)
HIDDEN_FIELDS = ('hidden_keypoints', 'hidden_keypoints_visible',
                 'hidden_box_size')


@TRANSFORMS.register_module()
class HideKeypoints(BaseTransform):
    """Move the crop-frame keypoints to ``hidden_keypoints`` and zero the
    fields that targets are made from.

    Place it after ``TopdownAffine`` and before ``PackPoseInputs`` (which
    then packs the hidden fields into ``gt_instances``).

    Required Keys:
        - keypoints, keypoints_visible
        - transformed_keypoints (from ``TopdownAffine``)
        - bbox, bbox_scale, input_size

    Modified Keys:
        - keypoints, keypoints_visible, transformed_keypoints (zeroed)

    Added Keys:
        - hidden_keypoints (np.ndarray): [1, K, 2] in the crop's pixels
        - hidden_keypoints_visible (np.ndarray): [1, K] COCO visibility
          (2 visible, 1 labeled but occluded, 0 not labeled)
        - hidden_box_size (np.ndarray): [1] the longer side of the person
          box in the crop's pixels (the PCK reference)
        - instance_mapping_table: ``PackPoseInputs``'s, plus the hidden
          fields
    """

    def transform(self, results: dict) -> dict:
        if 'transformed_keypoints' not in results:
            raise KeyError('HideKeypoints needs transformed_keypoints: put '
                           'it after TopdownAffine in the pipeline of '
                           f'{results.get("img_path", "the sample")}')
        kpts = np.asarray(results['transformed_keypoints'], np.float32)
        vis = np.asarray(results['keypoints_visible'], np.float32)
        results['hidden_keypoints'] = kpts[..., :2].copy()
        results['hidden_keypoints_visible'] = vis.copy()
        results['hidden_box_size'] = box_size_in_crop(results['bbox'],
                                                      results['bbox_scale'],
                                                      results['input_size'])
        for key in ('keypoints', 'transformed_keypoints'):
            results[key] = np.zeros_like(results[key])
        results['keypoints_visible'] = np.zeros_like(vis)
        results['instance_mapping_table'] = dict(
            PackPoseInputs.instance_mapping_table,
            **{k: k
               for k in HIDDEN_FIELDS})
        return results


def box_size_in_crop(bbox: np.ndarray, bbox_scale: np.ndarray,
                     input_size: Sequence[int]) -> np.ndarray:
    """The longer side of each box [N, 4] (x1, y1, x2, y2) in the pixels of
    its crop: the crop of width ``input_size[0]`` covers ``bbox_scale[:, 0]``
    image pixels (rotation keeps lengths).

    Returns:
        np.ndarray: [N] sizes.
    """
    bbox = np.asarray(bbox, np.float32).reshape(-1, 4)
    per_pixel = np.asarray(input_size[0], np.float32) / np.asarray(
        bbox_scale, np.float32).reshape(-1, 2)[:, 0]
    sides = np.maximum(bbox[:, 2] - bbox[:, 0], bbox[:, 3] - bbox[:, 1])
    return (sides * per_pixel).astype(np.float32)


def check_hidden_pipeline(pipeline: Sequence[Union[dict, object]],
                          hidden_file: str, det_file: Optional[str]) -> None:
    """A dataset with hidden keypoints must hide them before packing.

    Raises:
        ValueError: ``det_file`` is given too (detections have no
            annotation ids), the pipeline has no ``HideKeypoints`` after
            its last ``TopdownAffine`` and before ``PackPoseInputs``, or a
            transform before it chooses the crop from the keypoints
            (``KEYPOINT_READERS``).
    """
    if det_file:
        raise ValueError(f'hidden_keypoints_file={hidden_file!r} needs '
                         'ann_file instances (matched by annotation id), '
                         f'not det_file={det_file!r}')
    types = [
        t.get('type') if isinstance(t, dict) else type(t).__name__
        for t in pipeline
    ]
    ok = 'HideKeypoints' in types and 'TopdownAffine' in types and \
        types.index('TopdownAffine') < types.index('HideKeypoints') and \
        ('PackPoseInputs' not in types
         or types.index('HideKeypoints') < types.index('PackPoseInputs'))
    if not ok:
        raise ValueError(
            f'hidden_keypoints_file={hidden_file!r}: the pipeline must hold '
            'HideKeypoints after TopdownAffine and before PackPoseInputs, so '
            f'that no loss sees the hidden keypoints; got {types}')
    readers = [
        t for t in types[:types.index('HideKeypoints')]
        if t in KEYPOINT_READERS
    ]
    if readers:
        raise ValueError(
            f'hidden_keypoints_file={hidden_file!r}: {readers} choose the '
            'crop from the keypoints, which are the hidden truth before '
            'HideKeypoints: the crops would depend on hidden labels. Drop '
            'them from this unlabeled pipeline (unlabeled samples without '
            'hidden keypoints never trigger them)')


def attach_hidden_keypoints(data_list: list, hidden_file: str,
                            ann_file: str) -> None:
    """Give each instance of ``data_list`` the keypoints of the annotation
    with its id in ``hidden_file``, as ``keypoints`` [1, K, 2] and COCO
    visibility ``keypoints_visible`` [1, K] (0, 1 or 2), in place.

    Raises:
        FileNotFoundError: ``hidden_file`` is missing.
        KeyError: an instance of ``ann_file`` has no annotation there.
        ValueError: a keypoint count differs.
    """
    from mmengine.fileio import exists, load
    if not exists(hidden_file):
        raise FileNotFoundError(
            f'hidden_keypoints_file {hidden_file} does not exist')
    anns = {a['id']: a for a in load(hidden_file)['annotations']}
    for info in data_list:
        ann = anns.get(info['id'])
        if ann is None:
            raise KeyError(f'{hidden_file}: no annotation with id '
                           f'{info["id"]} (an instance of {ann_file})')
        kpts = np.asarray(ann['keypoints'], np.float32).reshape(1, -1, 3)
        if kpts.shape[1] != info['keypoints'].shape[1]:
            raise ValueError(f'{hidden_file}: annotation {info["id"]} has '
                             f'{kpts.shape[1]} keypoints, {ann_file} '
                             f'{info["keypoints"].shape[1]}')
        info['keypoints'] = kpts[..., :2].copy()
        info['keypoints_visible'] = kpts[..., 2].copy()
