"""Reading MMEngine's scalars.json: newest run or all runs, in order."""
import json

import pytest

from mmpose_trs.utils.run_logs import read_scalars, scalar_files


def _run(work, stamp, records):
    d = work / stamp / 'vis_data'
    d.mkdir(parents=True)
    (d /
     'scalars.json').write_text(''.join(json.dumps(r) + '\n' for r in records))


def test_newest_and_all_runs(tmp_path):
    _run(tmp_path, '20261123_100000',
         [dict(step=1, loss=2.), dict(step=2, loss=1.)])
    _run(tmp_path, '20261123_110000', [dict(step=3, loss=.5)])
    assert [p.split('/')[-3] for p in scalar_files(str(tmp_path))
            ] == ['20261123_100000', '20261123_110000']
    assert read_scalars(str(tmp_path)) == [dict(step=3, loss=.5)]
    steps = [r['step'] for r in read_scalars(str(tmp_path), run=None)]
    assert steps == [1, 2, 3]
    assert [r['step'] for r in read_scalars(str(tmp_path), run=0)] == [1, 2]


def test_no_run_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match='scalars.json under'):
        read_scalars(str(tmp_path))
