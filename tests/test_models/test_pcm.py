"""SSPCM's pair choice and score mask on hand-built heatmaps."""
import torch

from mmpose_trs.models.pcm import PAIRS, pcm_pseudo_label, score_mask


def _peaks(xy, h=8, w=6, value=1.):
    """Heatmaps [N, K, h, w] with one peak of ``value`` at each (x, y) of
    ``xy`` [N][K]."""
    n, k = len(xy), len(xy[0])
    hm = torch.zeros(n, k, h, w)
    for i in range(n):
        for j in range(k):
            x, y = xy[i][j]
            hm[i, j, y, x] = value
    return hm


def test_the_closest_pair_is_chosen_per_keypoint():
    # keypoint 0: f and g agree -> (f, g); keypoint 1: only (f', g') agree;
    # keypoint 2: f' and g agree; keypoint 3: f and g' agree
    f = _peaks([[(0, 0), (5, 7), (0, 0), (2, 2)]])
    g = _peaks([[(0, 0), (0, 0), (3, 3), (5, 0)]])
    f_prev = _peaks([[(4, 4), (2, 5), (3, 4), (0, 7)]])
    g_prev = _peaks([[(5, 7), (2, 5), (0, 7), (2, 3)]])
    heatmaps = dict(f=f, g=g, snapshot_f=f_prev, snapshot_g=g_prev)
    label, choice = pcm_pseudo_label(heatmaps)
    assert choice.tolist() == [[0, 3, 1, 2]]
    assert label.shape == f.shape
    for j, pair in enumerate(choice[0].tolist()):
        a, b = PAIRS[pair]
        torch.testing.assert_close(label[0, j],
                                   (heatmaps[a][0, j] + heatmaps[b][0, j]) / 2)


def test_ties_keep_the_current_pair_and_batches_are_independent():
    same = _peaks([[(1, 1)], [(4, 6)]])
    label, choice = pcm_pseudo_label(
        dict(f=same, g=same, snapshot_f=same, snapshot_g=same))
    assert choice.tolist() == [[0], [0]]
    torch.testing.assert_close(label, same)


def test_score_mask_uses_the_mean_of_the_current_teachers_peaks():
    f = _peaks([[(0, 0), (0, 0), (0, 0)]], value=1.)
    g = _peaks([[(0, 0), (0, 0), (0, 0)]], value=1.)
    f[0, 1] *= 0.15  # mean (0.15 + 0.05) / 2 = 0.1: not above 0.1 -> 0
    g[0, 1] *= 0.05
    f[0, 2] *= 0.1  # mean (0.1 + 0.2) / 2 = 0.15 -> 1
    g[0, 2] *= 0.2
    assert score_mask(f, g, 0.1).tolist() == [[1., 0., 1.]]
