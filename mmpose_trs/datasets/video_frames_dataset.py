"""Unlabeled person crops from video files: frames sampled at a stride or
a rate, each frame one full-frame box or the boxes found in it."""
import os.path as osp
from typing import List, Optional

from mmengine.logging import print_log

from mmpose.registry import DATASETS
from .image_folder_dataset import UnlabeledImageFolder
from .media_files import (FrameReadError, VideoReader, frame_indices,
                          sampled_videos)

VIDEO_POLICIES = ('raise', 'skip')


@DATASETS.register_module()
class UnlabeledVideoFrames(UnlabeledImageFolder):
    """Frames of every video under ``data_root/data_prefix['img']``
    (searched recursively, sorted) as unlabeled person crops.

    Frames are sampled per video at ``frame_stride`` or at ``fps`` frames
    per second of video time, from the frame count and rate the container
    reports. A sample decodes its frame by index when it is drawn (the same
    pixels for the same index in any worker, so a draw seed always gives
    the same crop and exact resume holds); a frame that cannot be read is
    a bad sample, named by video and frame (``on_bad_sample`` of
    :class:`LabeledUnlabeledDataset`).

    Args:
        frame_stride (int, optional): every n-th frame. Defaults to None
            (every frame, unless ``fps``).
        fps (float, optional): frames per second of video time.
        max_frames (int, optional): at most this many sampled frames per
            video (the first ones). Defaults to None.
        on_bad_video (str): a video that cannot be opened: ``'raise'``
            (stop, naming every such video) or ``'skip'`` (leave it out,
            named in the log). Defaults to 'raise'.
        det_file (str, optional): detection records keyed by the video's
            path relative to the folder and the frame index. Defaults to
            None (full frames).
        **kwargs: those of :class:`UnlabeledImageFolder`.
    """

    def __init__(self,
                 *args,
                 frame_stride: Optional[int] = None,
                 fps: Optional[float] = None,
                 max_frames: Optional[int] = None,
                 on_bad_video: str = 'raise',
                 **kwargs):
        if on_bad_video not in VIDEO_POLICIES:
            raise ValueError(f'on_bad_video must be one of {VIDEO_POLICIES}, '
                             f'got {on_bad_video!r}')
        frame_indices(1, 25., frame_stride, fps)  # checks the options
        self.frame_stride, self.fps, self.max_frames = (frame_stride, fps,
                                                        max_frames)
        self.on_bad_video = on_bad_video
        self.bad_videos = []
        self.reader = VideoReader()
        super().__init__(*args, **kwargs)

    def media_files(self) -> List[str]:
        self._videos, bad = sampled_videos(self.folder, self.frame_stride,
                                           self.fps, self.max_frames)
        self.bad_videos = [
            f'{osp.join(self.folder, name)}: {why}' for name, why in bad
        ]
        if self.bad_videos and self.on_bad_video == 'raise':
            raise FrameReadError(
                f'{len(bad)} of {len(bad) + len(self._videos)} videos cannot '
                'be read (on_bad_video="skip" leaves them out): ' +
                '; '.join(self.bad_videos))
        for problem in self.bad_videos:
            print_log(f'UnlabeledVideoFrames: skipped {problem}', 'current')
        return list(self._videos)

    def frames_of(self, name: str) -> list:
        frames, shape = self._videos[name]
        return [(f, shape) for f in frames]

    def load_media(self, info: dict) -> None:
        """The sample's frame, decoded (BGR), for ``LoadImage``."""
        info['img'] = self.reader.read(info['img_path'], info['frame'])

    def sample_problem(self, idx: int) -> Optional[str]:
        """Why sample ``idx``'s frame cannot be read (for the bad-sample
        policy), or None."""
        info = self.get_data_info(idx)
        problem = self.reader.problem(info['img_path'], info['frame'])
        return problem and f'frame {info["frame"]}: {problem}'
