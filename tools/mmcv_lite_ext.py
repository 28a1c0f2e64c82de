"""Stand-in for mmcv's compiled extension ``mmcv._ext`` in the lite stack.

``tools/setup_env.sh --lite`` installs the pure-Python ``mmcv-lite`` wheel
(seconds) instead of compiling full mmcv (most of the 19-minute first set-up)
and copies this file to ``<site-packages>/mmcv/_ext.py``. MMPose imports
``mmcv.ops`` when it loads its models (the EDPose head), and ``mmcv.ops``
asks its extension for every compiled function by name; here each name
resolves to a function that raises :class:`MMCVOpsUnavailable` when called.
So everything that never calls a compiled op (training, testing and
exporting top-down heatmap models, the quick start) works, and anything that
does (MMDetection's NMS in ``tools/detect_persons.py``, deformable
attention) stops with a message that says how to get the ops.
"""
from typing import Any, Callable

#: tells the set-up script and the tools that this is the stand-in
IS_LITE_STUB = True

MESSAGE = ('mmcv compiled op "{name}" is not available: this environment '
           'has mmcv-lite (tools/setup_env.sh --lite). Compile full mmcv '
           'with: bash tools/setup_env.sh --full')


class MMCVOpsUnavailable(RuntimeError):
    """A compiled mmcv op was called in the lite stack."""


def __getattr__(name: str) -> Callable[..., Any]:
    if name.startswith('__'):
        raise AttributeError(name)

    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise MMCVOpsUnavailable(MESSAGE.format(name=name))

    unavailable.__name__ = name
    return unavailable
