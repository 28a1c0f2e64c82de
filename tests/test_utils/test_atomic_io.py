"""Atomic writes: a failing writer leaves the old file; new-file writers
refuse before writing anything."""
import json

import pytest
import torch

from mmpose_trs.utils.atomic_io import (atomic_save, atomic_write,
                                        atomic_write_text, write_json,
                                        write_new_json_files)


def test_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / 'a.txt'
    atomic_write_text(str(path), 'old')

    def crash(tmp):
        with open(tmp, 'w') as f:
            f.write('half')
        raise OSError('disk full')

    with pytest.raises(OSError):
        atomic_write(str(path), crash)
    assert path.read_text() == 'old'


def test_text_json_and_torch_round_trip(tmp_path):
    atomic_write_text(str(tmp_path / 't'), 'x\ny')
    write_json(str(tmp_path / 'j.json'), dict(a=[1, 2]), indent=1)
    atomic_save(dict(w=torch.arange(3)), str(tmp_path / 'c.pth'))
    assert (tmp_path / 't').read_text() == 'x\ny'
    assert json.loads((tmp_path / 'j.json').read_text()) == dict(a=[1, 2])
    assert torch.equal(torch.load(tmp_path / 'c.pth')['w'], torch.arange(3))
    assert sorted(p.name
                  for p in tmp_path.iterdir()) == ['c.pth', 'j.json', 't']


def test_new_json_files_refuse_before_writing_any(tmp_path):
    a, b = str(tmp_path / 'sub' / 'a.json'), str(tmp_path / 'b.json')
    (tmp_path / 'b.json').write_text('"keep"')
    with pytest.raises(FileExistsError, match='b.json exists; use force'):
        write_new_json_files({a: 1, b: 2}, hint='use force')
    assert not (tmp_path / 'sub' / 'a.json').exists()
    assert (tmp_path / 'b.json').read_text() == '"keep"'
    assert write_new_json_files({a: 1, b: 2}, force=True) == [a, b]
    assert json.loads((tmp_path / 'b.json').read_text()) == 2
