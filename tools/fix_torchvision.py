"""Make a CUDA torchvision wheel importable next to a CPU torch.

torchvision 0.28.0 on the registry is a CUDA build. With the CPU torch its
compiled ops do not load, and ``torchvision/_meta_registrations.py`` then fails
at import with ``operator torchvision::nms does not exist`` because it applies
``register_fake`` to those ops. This script guards exactly those registrations,
and only when ``import torchvision`` fails; elsewhere it changes nothing.
Exit code 0 when torchvision imports afterwards, 1 otherwise.
"""
import importlib.util
import re
import subprocess
import sys

MARK = '# mmpose_trs: guarded, torchvision ops unavailable'


def imports_ok():
    proc = subprocess.run([sys.executable, '-c', 'import torchvision'],
                          capture_output=True,
                          text=True)
    return proc.returncode == 0, proc.stderr


def patch(path):
    with open(path, encoding='utf-8') as f:
        src = f.read()
    if MARK in src:
        return False
    # Every `@register_meta("...")` /
    # `@torch.library.register_fake("torchvision::...")`
    # decorator becomes a no-op when the op it names did not load.
    guard = (f'\n{MARK}\n'
             'def _trs_op_loaded(name):\n'
             '    ns, _, op = name.partition("::")\n'
             '    try:\n'
             '        getattr(getattr(torch.ops, ns or "torchvision"), op)\n'
             '        return True\n'
             '    except (AttributeError, RuntimeError):\n'
             '        return False\n\n'
             'def _trs_guard(deco_factory):\n'
             '    def factory(name, *args, **kwargs):\n'
             '        if isinstance(name, str) and not _trs_op_loaded(name):\n'
             '            return lambda fn: fn\n'
             '        return deco_factory(name, *args, **kwargs)\n'
             '    return factory\n\n')
    new, n = re.subn(r'(@)(torch\.library\.register_fake)\(',
                     r'\1_trs_guard(\2)(', src)
    if n == 0:
        raise SystemExit(f'{path}: no torch.library.register_fake decorators '
                         'found; this torchvision needs a different fix')
    # put the helpers after the imports (after the first blank line following
    # `import torch`)
    anchor = new.index('import torch')
    cut = new.index('\n\n', anchor)
    new = new[:cut] + '\n' + guard + new[cut:]
    with open(path, 'w', encoding='utf-8') as f:
        f.write(new)
    return True


def main():
    ok, err = imports_ok()
    if ok:
        print('[fix_torchvision] torchvision imports: nothing to do')
        return 0
    if 'does not exist' not in err:
        print(
            f'[fix_torchvision] torchvision fails to import for another '
            f'reason:\n{err}',
            file=sys.stderr)
        return 1
    spec = importlib.util.find_spec('torchvision')
    path = spec.submodule_search_locations[0] + '/_meta_registrations.py'
    patch(path)
    ok, err = imports_ok()
    print(f'[fix_torchvision] patched {path}: '
          f'{"imports now" if ok else "still fails"}')
    if not ok:
        print(err, file=sys.stderr)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
