"""Drawing people and COCO visibility flags."""
import numpy as np

from mmpose_trs.synthetic.pose_sampler import Person
from mmpose_trs.synthetic.renderer import (SIDE_TINT, add_noise,
                                           draw_background, draw_person,
                                           visibility)


def _person(facing=True):
    kpt = np.array([[50, 20], [48, 18], [52, 18], [46, 19], [54, 19], [42, 30],
                    [58, 30], [40, 42], [60, 42], [39, 54], [61, 54], [45, 55],
                    [55, 55], [44, 70], [56, 70], [44, 85], [56, 85]], float)
    return Person(
        keypoints=kpt,
        height=70.,
        head_center=np.array([50., 20.]),
        facing_camera=facing)


def test_background_and_noise_are_uint8_images():
    rng = np.random.default_rng(0)
    img = draw_background(rng, 96, 64)
    assert img.shape == (96, 64, 3) and img.dtype == np.uint8
    noisy = add_noise(rng, img)
    assert noisy.shape == img.shape and noisy.dtype == np.uint8
    assert not np.array_equal(noisy, img)


def test_visibility_visible_occluded_outside_and_back_facing():
    img = np.zeros((100, 100, 3), np.uint8)
    id_map = np.full((100, 100), -2, np.int32)
    person = _person()
    draw_person(np.random.default_rng(0), img, id_map, person, pid=0)
    assert (id_map == 0).any() and img.any()
    assert (visibility(person, id_map, 0)[[5, 6, 11, 12]] == 2).all()
    id_map[25:35, 37:47] = 1  # another person over the left shoulder
    assert visibility(person, id_map, 0)[5] == 1
    person.keypoints[16] = [150., 85.]
    assert visibility(person, id_map, 0)[16] == 0  # outside the image
    back = _person(facing=False)
    assert (visibility(back, id_map, 0)[:3] == 0).all()


def test_left_and_right_tints_differ():
    assert np.abs(SIDE_TINT[0] - SIDE_TINT[1]).max() > 100
