"""merge_metrics: prefixes and the f/g mean."""
from mmpose_trs.engine import merge_metrics


def test_prefix_and_mean():
    out = merge_metrics({
        'f': {
            'coco/AP': 0.5,
            'coco/AR': 0.6
        },
        'g': {
            'coco/AP': 0.3,
            'coco/AR': 0.2
        },
        'reviewer_f': {
            'coco/AP': 0.1
        }
    })
    assert out['f/coco/AP'] == 0.5 and out['reviewer_f/coco/AP'] == 0.1
    assert out['fg_mean/coco/AP'] == 0.4
    assert abs(out['fg_mean/coco/AR'] - 0.4) < 1e-12
    assert 'fg_mean/coco/AP' in out and len(out) == 7


def test_no_mean_without_both():
    assert merge_metrics({'f': {'coco/AP': 1.}}) == {'f/coco/AP': 1.}
