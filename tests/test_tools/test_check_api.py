"""tools/lint/check_api.py: missing type hints on the package's public API
and mutable defaults anywhere are reported; private and nested functions,
self/cls and *args/**kwargs are exempt."""
import os

from lint import check_api

CODE = '''
def typed(a: int, *args, b: str = 'x', **kwargs) -> int:
    def nested(x):
        return x
    return a


def untyped(a, b: int):
    return a


def _private(a):
    return a


class Public:
    def __init__(self, a: int):
        self.a = a

    def method(self, x: int):
        return x

    def mutable(self, x: list = []) -> None:
        pass


class _Hidden:
    def method(self, x):
        return x
'''


def test_reports_exactly_the_violations(tmp_path, monkeypatch):
    pkg = tmp_path / 'mmpose_trs'
    pkg.mkdir()
    (pkg / 'mod.py').write_text(CODE)
    (tmp_path / 'tool.py').write_text('def f(x={}):\n    return x\n')
    monkeypatch.chdir(tmp_path)
    found = check_api.check_file(os.path.join('mmpose_trs', 'mod.py'), True)
    messages = sorted(p.split(': ', 1)[1] for p in found)
    assert messages == [
        'method(): no return type hint', 'mutable(): mutable default argument',
        'untyped(): no return type hint', 'untyped(): no type hint on a'
    ]
    assert check_api.main(['mmpose_trs', 'tool.py']) == 1
    # outside the package only the defaults are checked
    assert len(check_api.check_file('tool.py', hints=False)) == 1


def test_project_is_clean():
    assert check_api.main(['mmpose_trs', 'tools']) == 0
