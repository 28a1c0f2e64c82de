"""The project's API rules, beside flake8/isort/yapf/codespell:

- every public function and method of the package has type hints on its
  arguments (``self``/``cls``, ``*args``, ``**kwargs`` exempt) and on its
  return value (``__init__`` exempt);
- no function anywhere (package and tools) has a mutable default argument
  (a list, dict or set literal, or a ``list()``/``dict()``/``set()`` call).

Usage:
    python tools/lint/check_api.py PATH [PATH ...]

Prints one line per problem (``file:line: message``) and exits 1 if any.
"""
import ast
import os
import os.path as osp
import sys
from typing import Iterator, List

MUTABLE_CALLS = {'list', 'dict', 'set'}
TYPED_DUNDERS = {'__init__', '__call__'}


def python_files(paths: List[str]) -> Iterator[str]:
    """Every ``.py`` file under ``paths``."""
    for path in paths:
        if osp.isfile(path):
            yield path
            continue
        for root, _, names in os.walk(path):
            yield from (osp.join(root, n) for n in sorted(names)
                        if n.endswith('.py'))


def is_mutable(node: ast.expr) -> bool:
    """Whether a default value is a mutable literal or constructor call."""
    if isinstance(node, (ast.List, ast.Dict, ast.Set)):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in MUTABLE_CALLS)


def is_public(node: ast.AST, parents: List[ast.AST]) -> bool:
    """A function of the public API: public name, at module level or in a
    public class, not nested in another function."""
    name = node.name
    if name.startswith('_') and name not in TYPED_DUNDERS:
        return False
    for p in parents:
        if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        if isinstance(p, ast.ClassDef) and p.name.startswith('_'):
            return False
    return True


def hint_problems(node: ast.AST) -> List[str]:
    """Missing type hints of a public function."""
    args = node.args
    named = args.posonlyargs + args.args + args.kwonlyargs
    missing = [
        a.arg for a in named
        if a.annotation is None and a.arg not in ('self', 'cls')
    ]
    out = [f'{node.name}(): no type hint on {", ".join(missing)}'
           ] if missing else []
    if node.returns is None and node.name != '__init__':
        out.append(f'{node.name}(): no return type hint')
    return out


def check_file(path: str, hints: bool) -> List[str]:
    """Problems of one file."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), path)
    problems = []

    def visit(node: ast.AST, parents: List[ast.AST]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defaults = node.args.defaults + [
                d for d in node.args.kw_defaults if d is not None
            ]
            problems.extend(f'{path}:{node.lineno}: {node.name}(): mutable '
                            'default argument' for d in defaults
                            if is_mutable(d))
            if hints and is_public(node, parents):
                problems.extend(f'{path}:{node.lineno}: {p}'
                                for p in hint_problems(node))
        for child in ast.iter_child_nodes(node):
            visit(child, parents + [node])

    visit(tree, [])
    return problems


def main(argv: List[str] = None) -> int:
    """Check the package (hints and defaults) and other paths (defaults)."""
    paths = argv if argv is not None else sys.argv[1:]
    problems = []
    for path in python_files(paths):
        in_package = path.replace(os.sep, '/').split('/')[0] == 'mmpose_trs'
        problems += check_file(path, hints=in_package)
    print('\n'.join(problems) or 'check_api: no problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
