"""Run one of the package's tools in a fresh interpreter: the one way the
quick start, the benchmarks and the tests start a training, a test or
pseudo-labelling as a user would (``python -m mmpose_trs.tools.<tool>``)."""
import os.path as osp
import subprocess
import sys
import time
from typing import List, Optional


def tool_command(tool: str, *args) -> List[str]:
    """``[python, -m, mmpose_trs.tools.<tool>, *args]``."""
    return [sys.executable, '-m', f'mmpose_trs.tools.{tool}'
            ] + [str(a) for a in args]


def run_tool(tool: str,
             *args,
             log: Optional[str] = None,
             cwd: Optional[str] = None,
             echo: bool = False) -> float:
    """Run ``tool`` with ``args``; raise when it fails.

    Args:
        tool (str): a module of :mod:`mmpose_trs.tools` (``'train'``,
            ``'test'``, ``'pseudo_label'``, ...).
        *args: its command-line arguments.
        log (str, optional): append its output to this file. Defaults to
            None (output passes through).
        cwd (str, optional): its working directory.
        echo (bool): print the command first. Defaults to False.

    Returns:
        float: its wall-clock seconds.

    Raises:
        RuntimeError: a non-zero exit; names the command and the log.
    """
    cmd = tool_command(tool, *args)
    if echo:
        print('+', ' '.join(cmd), flush=True)
    t0 = time.time()
    if log is None:
        code = subprocess.run(cmd, cwd=cwd).returncode
    else:
        with open(log, 'a') as f:
            code = subprocess.run(
                cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode
    if code:
        where = f': see {osp.abspath(log)}' if log else ''
        raise RuntimeError(f'{" ".join(cmd)} exited with {code}{where}')
    return time.time() - t0
