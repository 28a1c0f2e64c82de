"""The unlabeled source of a written config: person boxes of a COCO-style
json (with or without a detection file), a folder of images, or a folder of
videos, all with the labeled dataset's keypoint set."""
from typing import Optional

#: the dataset type of each kind of unlabeled source
SOURCE_TYPES = dict(
    ann='UnlabeledPersonDataset',
    dir='UnlabeledImageFolder',
    videos='UnlabeledVideoFrames')


def unlabeled_metainfo(labeled: dict) -> dict:
    """The keypoint set of the labeled dataset config, for the unlabeled
    one: its ``metainfo``, else its class's (MMPose's ``METAINFO``)."""
    if labeled.get('metainfo'):
        return dict(labeled['metainfo'])
    from mmpose.registry import DATASETS
    from mmpose.utils import register_all_modules
    register_all_modules()
    return dict(DATASETS.get(labeled['type']).METAINFO)


def unlabeled_source(labeled: dict,
                     unlabeled_ann: Optional[str] = None,
                     det_file: Optional[str] = None,
                     unlabeled_root: Optional[str] = None,
                     unlabeled_img_prefix: Optional[str] = None,
                     unlabeled_dir: Optional[str] = None,
                     unlabeled_videos: Optional[str] = None,
                     frame_stride: Optional[int] = None,
                     fps: Optional[float] = None) -> dict:
    """The unlabeled dataset config (without its pipeline).

    Args:
        labeled (dict): the labeled dataset config (root, image prefix and
            keypoint set are taken from it).
        unlabeled_ann (str, optional): COCO-style json of person boxes (or
            the image list of ``det_file``).
        det_file (str, optional): detections: MMPose's bbox-file format
            with ``unlabeled_ann``, the JSON-lines records of
            ``tools/detect_persons.py`` with a folder.
        unlabeled_root (str, optional): its ``data_root`` (default: the
            labeled one's).
        unlabeled_img_prefix (str, optional): the image folder of
            ``unlabeled_ann`` (default: the labeled one's).
        unlabeled_dir (str, optional): a folder of images (recursive).
        unlabeled_videos (str, optional): a folder of videos (recursive).
        frame_stride (int, optional), fps (float, optional): the frames of
            ``unlabeled_videos`` (default: every frame).

    Raises:
        ValueError: not exactly one of ``unlabeled_ann``, ``unlabeled_dir``
            and ``unlabeled_videos``, or frame options without videos.
    """
    given = {
        k: v
        for k, v in dict(
            ann=unlabeled_ann, dir=unlabeled_dir,
            videos=unlabeled_videos).items() if v
    }
    if len(given) != 1:
        raise ValueError('give exactly one unlabeled source: --unlabeled-ann, '
                         '--unlabeled-dir or --unlabeled-videos; got '
                         f'{sorted(given) or "none"}')
    (kind, where), = given.items()
    if kind != 'videos' and (frame_stride or fps):
        raise ValueError('--frame-stride and --fps choose the frames of '
                         '--unlabeled-videos')
    source = dict(
        type=SOURCE_TYPES[kind],
        data_root=unlabeled_root or labeled.get('data_root', ''),
        data_mode='topdown')
    if kind == 'ann':
        prefix = unlabeled_img_prefix or labeled.get('data_prefix', {}).get(
            'img', '')
        source.update(ann_file=where, data_prefix=dict(img=prefix))
    else:
        source['data_prefix'] = dict(img=where)
    if kind == 'videos':
        source.update({
            k: v
            for k, v in dict(frame_stride=frame_stride, fps=fps).items() if v
        })
    if det_file:
        source['det_file'] = det_file
    source['metainfo'] = unlabeled_metainfo(labeled)
    return source
