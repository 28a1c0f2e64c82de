"""Console-script entries of the installed package (setup.py names them:
``mmpose-trs-train = mmpose_trs.tools.console:train``, ...).

Each entry runs ``mmpose_trs.tools.<tool>.main()`` and exits with its status
when that is an int (the protocol card's), else 0: the tools return their
results (metrics, paths, counts) to Python callers, which ``sys.exit`` would
print and turn into status 1.
"""
import importlib
import importlib.util
import sys
from typing import Callable


def _entry(tool: str) -> Callable[[], None]:

    def entry() -> None:
        status = importlib.import_module(f'mmpose_trs.tools.{tool}').main()
        sys.exit(status if isinstance(status, int) else 0)

    entry.__name__ = tool
    return entry


def __getattr__(tool: str) -> Callable[[], None]:
    """The entry of any module of :mod:`mmpose_trs.tools` with a ``main``."""
    if tool.startswith('_') or importlib.util.find_spec(
            f'mmpose_trs.tools.{tool}') is None:
        raise AttributeError(f'mmpose_trs.tools has no tool {tool!r}')
    return _entry(tool)
