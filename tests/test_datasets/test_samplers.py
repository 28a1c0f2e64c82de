"""LabeledUnlabeledSampler: batch composition, seeding, rank slicing."""
import itertools

import pytest

import mmpose_trs.datasets.samplers as samplers_mod
from mmpose.registry import DATA_SAMPLERS
from mmpose_trs.datasets import LabeledUnlabeledSampler


class _Toy:
    """A dataset stand-in with a length."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class _Concat:
    """ConcatDataset stand-in (the real one needs full datasets)."""

    def __init__(self, *sizes):
        self.datasets = [_Toy(s) for s in sizes]
        self.cumulative_sizes = list(itertools.accumulate(sizes))


def _take(sampler, n_batches):
    it = iter(sampler)
    return [
        list(itertools.islice(it, sampler.batch_size))
        for _ in range(n_batches)
    ]


def test_registered():
    assert DATA_SAMPLERS.get('LabeledUnlabeledSampler') is \
        LabeledUnlabeledSampler


def test_batch_composition():
    """Every batch: 3 labeled indices (< 10) then 5 unlabeled (>= 10)."""
    s = LabeledUnlabeledSampler(_Concat(10, 40), 3, 5, seed=0)
    for batch in _take(s, 30):
        assert all(i < 10 for i in batch[:3])
        assert all(10 <= i < 50 for i in batch[3:])


def test_covers_each_source_per_epoch():
    """A pass over the labeled source visits each labeled index once."""
    s = LabeledUnlabeledSampler(_Concat(6, 100), 2, 2, seed=1)
    labeled = [i for b in _take(s, 3) for i in b[:2]]
    assert sorted(labeled) == list(range(6))


def test_deterministic_by_seed():
    a = _take(LabeledUnlabeledSampler(_Concat(10, 40), 2, 2, seed=4), 20)
    b = _take(LabeledUnlabeledSampler(_Concat(10, 40), 2, 2, seed=4), 20)
    c = _take(LabeledUnlabeledSampler(_Concat(10, 40), 2, 2, seed=5), 20)
    assert a == b and a != c


def test_rank_slicing_disjoint(monkeypatch):
    """Ranks 0 and 1 of 2 see disjoint samples that together cover a source
    (the rank is patched where the sampler module looks it up)."""
    per_rank = []
    for rank in (0, 1):
        monkeypatch.setattr(
            samplers_mod, 'get_dist_info', lambda r=rank: (r, 2))
        s = LabeledUnlabeledSampler(_Concat(8, 16), 2, 4, seed=0)
        per_rank.append(_take(s, 2))
    lab = [set(i for b in r for i in b[:2]) for r in per_rank]
    unl = [set(i for b in r for i in b[2:]) for r in per_rank]
    assert not lab[0] & lab[1] and lab[0] | lab[1] == set(range(8))
    assert not unl[0] & unl[1] and unl[0] | unl[1] == set(range(8, 24))


def test_errors():
    with pytest.raises(ValueError, match='unlabeled dataset is empty'):
        LabeledUnlabeledSampler(_Concat(4, 0), 2, 2)
    with pytest.raises(ValueError, match='num_labeled'):
        LabeledUnlabeledSampler(_Concat(4, 4), -1, 2)
    with pytest.raises(ValueError, match='> 0'):
        LabeledUnlabeledSampler(_Concat(4, 4), 0, 0)
    with pytest.raises(TypeError, match='ConcatDataset'):
        LabeledUnlabeledSampler(_Toy(4), 1, 1)


def test_epoch_is_one_pass_over_the_larger_source():
    """len() is one epoch of the mixed stream (Xie et al.'s dataset length:
    the larger source), so len(dataloader) counts its iterations."""
    from mmpose_trs.datasets.samplers import epoch_iterations
    s = LabeledUnlabeledSampler(
        _Concat(10, 149), num_labeled=2, num_unlabeled=4, seed=0)
    assert s.epoch_iters == 38 == epoch_iterations([10, 149], [2, 4])
    assert len(s) == 38 * 6
    assert epoch_iterations([149813, 1000], [32, 32]) == 4682
    assert epoch_iterations([1000, 149813], [8, 8], world_size=4) == 4682
    labeled_only = LabeledUnlabeledSampler(
        _Concat(10, 5), num_labeled=3, num_unlabeled=0, seed=0)
    assert labeled_only.epoch_iters == 4


class _Seeded(_Concat):
    """A dataset that takes draw seeds (as LabeledUnlabeledDataset)."""
    takes_draw_seeds = True


@pytest.mark.parametrize('world', [1, 3])
@pytest.mark.parametrize('start', [0, 1, 7, 40])
def test_skip_to_equals_drawing_and_dropping(world, start, monkeypatch):
    """Starting at batch k gives exactly the batches k, k+1, ... of a
    sampler drawn from 0 (across several epochs of both sources, on every
    rank), with the same draw seeds."""
    for rank in range(world):
        monkeypatch.setattr(
            samplers_mod, 'get_dist_info', lambda r=rank: (r, world))
        full = LabeledUnlabeledSampler(_Seeded(5, 13), 2, 3, seed=9)
        skipped = LabeledUnlabeledSampler(_Seeded(5, 13), 2, 3, seed=9)
        skipped.skip_to(start)
        assert _take(skipped, 12) == _take(full, start + 12)[start:]


def test_draw_seeds_depend_on_the_stream_position_only(monkeypatch):
    """Each draw's seed is a function of the sampler seed, the source and
    the position in the source's stream: the same on any number of ranks,
    and different for the same index in another epoch."""
    one = [
        d for b in _take(
            LabeledUnlabeledSampler(_Seeded(4, 6), 1, 1, seed=2), 8) for d in b
    ]
    by_index = {}
    for index, seed in one:
        assert isinstance(seed, int)
        by_index.setdefault(index, []).append(seed)
    assert any(len(set(s)) > 1 for s in by_index.values())  # new epoch
    monkeypatch.setattr(samplers_mod, 'get_dist_info', lambda: (1, 2))
    rank1 = [
        d for b in _take(
            LabeledUnlabeledSampler(_Seeded(4, 6), 1, 1, seed=2), 4) for d in b
    ]
    # rank 1 of 2 takes the global positions 1, 3, ... of each source
    assert rank1[0] == one[2] and rank1[1] == one[3]


def test_plain_datasets_get_plain_indices():
    batch = _take(LabeledUnlabeledSampler(_Concat(4, 6), 1, 1, seed=2), 1)[0]
    assert all(isinstance(i, int) for i in batch)
    s = LabeledUnlabeledSampler(
        _Seeded(4, 6), 1, 1, seed=2, seed_each_draw=False)
    assert all(isinstance(i, int) for i in _take(s, 1)[0])
    with pytest.raises(ValueError, match='>= 0'):
        s.skip_to(-1)
