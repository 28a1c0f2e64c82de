"""tools/benchmark_resume.py on the tiny dataset: a checkpoint re-labelled
as reached at iteration 3 resumes by skipping (nothing replayed) and trains
iteration 4."""
import json

import pytest
from benchmark import resume as benchmark_resume

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_resume_benchmark_skips_and_reports(synthetic_root, tmp_path):
    work = tmp_path / 'bench'
    out = benchmark_resume.main([
        '--iters', '3', '--modes', 'skip', '--data-root', synthetic_root,
        '--work-dir',
        str(work)
    ])
    assert [(r['iter'], r['mode']) for r in out['results']] == [(3, 'skip')]
    assert out['results'][0]['seconds'] > 0
    saved = json.loads((work / 'results.json').read_text())
    assert saved == out['results']
    log = (work / 'skip_3' / 'train.log').read_text()
    assert 'the sampler starts at batch 3; nothing is replayed' in log
    assert 'Iter(train) [4/4]' in log
