"""tools/fix_mmpose_visualizer.py: MMPose's visualizer draws a confident
keypoint under numpy 2.4 (the set-up applied the fix), and the patch is
exact and idempotent."""
import numpy as np
from fix_mmpose_visualizer import MARK, NEW, OLD, patch

from mmpose.structures import PoseDataSample


def test_the_visualizer_draws_a_confident_keypoint():
    from mmengine.structures import InstanceData

    from mmpose.visualization import PoseLocalVisualizer
    vis = PoseLocalVisualizer(radius=3)
    vis.set_dataset_meta(
        dict(
            num_keypoints=1,
            skeleton_links=[],
            keypoint_colors=np.array([[255, 0, 0]]),
            skeleton_link_colors=np.zeros((0, 3))))
    sample = PoseDataSample()
    sample.pred_instances = InstanceData(
        keypoints=np.array([[[10., 12.]]]), keypoint_scores=np.array([[0.9]]))
    img = np.zeros((32, 32, 3), np.uint8)
    out = vis.add_datasample(
        'x', img, sample, draw_gt=False, show=False, kpt_thr=0.3)
    assert out[12, 10].tolist() == [255, 0, 0]  # the circle is drawn


def test_patch_replaces_the_conversion_once(tmp_path):
    path = tmp_path / 'backend.py'
    path.write_text(f'a = {OLD}\nb = {OLD}\n')
    assert patch(str(path)) is True
    text = path.read_text()
    assert text.count(NEW) == 2 and OLD not in text and MARK in text
    assert patch(str(path)) is False and path.read_text() == text
