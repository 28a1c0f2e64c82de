"""Run one of the package's tools in a fresh interpreter: the one way the
quick start, the benchmarks and the tests start a training, a test or
pseudo-labelling as a user would (``python -m mmpose_trs.tools.<tool>``)."""
import os.path as osp
import signal
import subprocess
import sys
import threading
import time
from typing import List, Optional, Tuple

#: signals passed on to the running tool: a SIGTERM to a benchmark or the
#: quick start (``kill <pid>``, SLURM's notice) reaches the training it
#: runs, whose ``PreemptionHook`` ends it with a checkpoint, instead of
#: leaving it to run on, orphaned, beside a resumed copy
FORWARDED = (signal.SIGTERM, )


class ToolStopped(SystemExit):
    """Raised when this process was told to stop while a tool ran; the
    tool received the signal and has ended."""


def wait_forwarding(proc: subprocess.Popen,
                    signals: Tuple[int, ...] = FORWARDED) -> int:
    """Wait for ``proc``; pass each of ``signals`` that this process
    receives meanwhile on to it.

    Args:
        proc (subprocess.Popen): the running tool.
        signals (tuple): the signals to pass on. Defaults to
            :data:`FORWARDED`.

    Returns:
        int: the tool's exit status.

    Raises:
        ToolStopped: one of ``signals`` came; raised once the tool has
            ended, naming the signal and the tool's status.
    """
    if threading.current_thread() is not threading.main_thread():
        return proc.wait()  # handlers can only be set in the main thread
    received = []

    def forward(signum, frame):
        received.append(signal.Signals(signum).name)
        proc.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in signals}
    try:
        code = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise ToolStopped(
            f'{received[0]}: passed on to {" ".join(map(str, proc.args))}, '
            f'which ended with status {code}; run the same command again '
            'to resume')
    return code


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
        ToolStopped: this process got a SIGTERM, which the tool received
            too (see :func:`wait_forwarding`).
    """
    cmd = tool_command(tool, *args)
    if echo:
        print('+', ' '.join(cmd), flush=True)
    t0 = time.time()
    if log is None:
        code = wait_forwarding(subprocess.Popen(cmd, cwd=cwd))
    else:
        with open(log, 'a') as f:
            code = wait_forwarding(
                subprocess.Popen(
                    cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT))
    if code:
        where = f': see {osp.abspath(log)}' if log else ''
        raise RuntimeError(f'{" ".join(cmd)} exited with {code}{where}')
    return time.time() - t0
