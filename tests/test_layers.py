"""The package's import graph points one way: ``utils`` imports nothing of
the package above it, ``safety`` only ``utils``."""
import ast
import os
import os.path as osp
from glob import glob

import pytest

PKG = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'mmpose_trs')

#: what each low layer may import of the package
ALLOWED = {
    'utils': ('mmpose_trs.utils', ),
    'safety': ('mmpose_trs.utils', 'mmpose_trs.safety'),
}


def package_imports(path: str) -> set:
    """Every ``mmpose_trs`` module a file imports, at any depth (imports
    inside functions included), relative imports made absolute."""
    module = osp.relpath(path, osp.dirname(PKG))[:-3].replace(osp.sep, '.')
    parts = module.split('.')
    if parts[-1] == '__init__':
        parts = parts[:-1] + ['__init__']
    found = set()
    for node in ast.walk(ast.parse(open(path, encoding='utf-8').read())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[:-node.level]
                name = '.'.join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            found.add(name)
            found.update(f'{name}.{a.name}' for a in node.names)
    return {n for n in found if n and n.split('.')[0] == 'mmpose_trs'}


def _imports_of(layer: str) -> dict:
    files = glob(osp.join(PKG, layer, '**', '*.py'), recursive=True)
    assert files, f'no module in mmpose_trs/{layer}'
    return {f: package_imports(f) for f in files}


@pytest.mark.parametrize('layer', sorted(ALLOWED))
def test_low_layers_import_nothing_above(layer):
    """No arrow from utils or safety to models, datasets, engine, ..."""
    bad = {
        osp.relpath(f, PKG):
        sorted(
            n for n in names
            if not n.startswith(ALLOWED[layer]) and n != 'mmpose_trs')
        for f, names in _imports_of(layer).items()
    }
    assert {f: n for f, n in bad.items() if n} == {}


def test_the_check_sees_relative_and_nested_imports(tmp_path):
    """The parser finds ``from ..models import x`` inside a function (so
    the layer test can fail)."""
    mod = tmp_path / 'mmpose_trs' / 'utils'
    mod.mkdir(parents=True)
    src = mod / 'probe.py'
    src.write_text('def f():\n    from ..models.networks import x\n'
                   'from .rng import seeded\nimport mmpose_trs.apis\n')
    global PKG
    saved, PKG = PKG, str(tmp_path / 'mmpose_trs')
    try:
        names = package_imports(str(src))
    finally:
        PKG = saved
    assert 'mmpose_trs.models.networks' in names
    assert 'mmpose_trs.utils.rng' in names
    assert 'mmpose_trs.apis' in names


def _repo_files():
    root = osp.dirname(PKG)
    skip = {'.git', '.venv', 'work_dirs', 'data', '.mim', '__pycache__'}
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            if name.endswith(('.py', '.md', '.sh', '.yml', '.cfg', '.txt')):
                yield osp.join(base, name)


def test_repository_stands_alone():
    """No file points to the developers' shared folder beside the
    repository, and every
    config uses one dialect (``_base_.x`` objects, no ``{{_base_.x}}``)."""
    outside = '../' + 'shared'
    text_sub = '{{' + '_base_'
    bad = [
        osp.relpath(p, osp.dirname(PKG)) for p in _repo_files()
        if outside in open(p, encoding='utf-8', errors='ignore').read() or (
            '/configs/' in p and text_sub in open(p, encoding='utf-8').read())
    ]
    assert bad == []
