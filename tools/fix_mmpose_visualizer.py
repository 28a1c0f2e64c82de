"""Let MMPose 1.3's visualizer draw keypoints under numpy 2.4.

``PoseLocalVisualizer`` passes each keypoint's radius as a one-element
array (``np.array([self.radius])``) and the OpenCV backend calls
``int(radius)`` on it, which numpy 2.4 refuses ("only 0-dimensional arrays
can be converted to Python scalars"): ``MMPoseInferencer`` and
``tools/visualize.py`` then fail as soon as one keypoint is confident enough
to be drawn. This script makes those two calls take the array's one value,
and only when numpy refuses the conversion; elsewhere it changes nothing.
Exit code 0 when the backend then converts a one-element radius, 1 otherwise.
"""
import importlib.util
import os.path as osp
import sys

import numpy as np

MARK = '# mmpose_trs: one-element radius arrays accepted (numpy 2.4)'
OLD = 'int(radius)'
NEW = 'int(np.asarray(radius).reshape(-1)[0])'


def needed() -> bool:
    try:
        int(np.array([1]))
    except TypeError:
        return True
    return False


def backend_file() -> str:
    spec = importlib.util.find_spec('mmpose')
    if spec is None or spec.origin is None:
        raise SystemExit('mmpose is not installed')
    return osp.join(
        osp.dirname(spec.origin), 'visualization',
        'opencv_backend_visualizer.py')


def patch(path: str) -> bool:
    """Patch ``path`` in place; False when it is patched already."""
    with open(path, encoding='utf-8') as f:
        src = f.read()
    if MARK in src:
        return False
    if OLD not in src:
        raise SystemExit(f'{path}: no {OLD!r} to patch (another mmpose?)')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(src.replace(OLD, NEW) + f'\n{MARK}\n')
    return True


def main() -> int:
    if not needed():
        print('[fix_mmpose_visualizer] numpy converts one-element arrays: '
              'nothing to do')
        return 0
    path = backend_file()
    changed = patch(path)
    print(f'[fix_mmpose_visualizer] {"patched" if changed else "already"} '
          f'{path}')
    with open(path, encoding='utf-8') as f:
        return 0 if NEW in f.read() else 1


if __name__ == '__main__':
    sys.exit(main())
