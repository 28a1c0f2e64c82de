"""The verdicts of tools/benchmark/report.py: A/B arms against ``trs`` and
every arm against supervised-only, with one seed and with several."""
import math

from benchmark import report


def test_compare_one_seed_has_no_ratio():
    gain, spread, ratio = report.compare({'a': [0.10], 'b': [0.12]}, 'a', 'b')
    assert math.isclose(gain, -0.02) and spread == 0
    assert math.isnan(ratio)


def test_compare_several_seeds():
    final = {'a': [0.10, 0.12, 0.14], 'b': [0.20, 0.20, 0.20]}
    gain, spread, ratio = report.compare(final, 'a', 'b')
    assert math.isclose(gain, -0.08)
    assert math.isclose(spread, math.sqrt(0.02**2 / 2))  # sample std 0.02
    assert math.isclose(ratio, gain / spread)


def test_ab_checks_verdicts():
    final = {
        'trs': [0.10, 0.11, 0.12],
        'trs_mixup': [0.05, 0.06, 0.07],  # lower on every seed
        'trs_km': [0.101, 0.121, 0.111],  # within the spread
        'trs_mfl_km': [0.5, 0.5, 0.5],  # not an A/B arm: skipped
    }
    lines = report.ab_checks(final)
    assert len(lines) == 2
    mixup = next(x for x in lines if x.startswith('- trs_mixup'))
    km = next(x for x in lines if x.startswith('- trs_km'))
    assert ': worse;' in mixup and 'every seed lower' in mixup
    assert 'no measurable difference' in km and 'mixed signs' in km


def test_one_seed_is_not_called_better():
    lines = report.checks({
        'trs': [0.14],
        'trs_ssco': [0.12],
        'supervised': [0.09]
    })
    ssco = next(x for x in lines if x.startswith('- trs_ssco - trs'))
    assert 'one seed' in ssco and 'better' not in ssco
    sup = next(x for x in lines if x.startswith('- trs - supervised'))
    assert sup.endswith('undecided')


def test_last_fifth_is_the_move_after_four_fifths_against_the_std():
    from benchmark.report import last_fifth

    def run(*aps):
        return dict(
            curve=[dict(step=100 * i, ap=a) for i, a in enumerate(aps)])

    # steps 0..500: four fifths is step 400; moves +0.01 and +0.03
    seeds = {0: run(0, .1, .2, .3, .40, .41), 1: run(0, .1, .2, .3, .40, .43)}
    assert last_fifth(seeds, std=0.05) == '+0.0200 (< std)'
    assert last_fifth(seeds, std=0.01) == '+0.0200 (>= std)'
    assert last_fifth({0: run(.3)}, std=0.) == '-'
