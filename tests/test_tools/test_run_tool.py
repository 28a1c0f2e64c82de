"""run_tool's waiting: a SIGTERM to the process that runs a tool reaches
the tool, and both end; the tool is never left running on, orphaned."""
import os.path as osp
import signal
import subprocess
import sys
import textwrap
import time

# a stand-in tool that, like a training with PreemptionHook, writes what it
# received and ends with the pre-empted status 3
CHILD = textwrap.dedent('''
    import signal, sys, time
    def stop(signum, frame):
        open(sys.argv[1], 'w').write(signal.Signals(signum).name)
        sys.exit(3)
    signal.signal(signal.SIGTERM, stop)
    open(sys.argv[2], 'w').write('ready')
    time.sleep(60)
''')
PARENT = textwrap.dedent('''
    import subprocess, sys
    from mmpose_trs.tools.run_tool import wait_forwarding
    proc = subprocess.Popen([sys.executable, '-c', sys.argv[1], *sys.argv[2:]])
    print('pid', proc.pid, flush=True)
    wait_forwarding(proc)
''')


def _wait_for(path, timeout=60.):
    end = time.time() + timeout
    while not osp.exists(path) and time.time() < end:
        time.sleep(0.1)
    assert osp.exists(path), f'{path} never written'


def test_a_sigterm_is_passed_on_and_both_processes_end(tmp_path):
    got, ready = str(tmp_path / 'got'), str(tmp_path / 'ready')
    parent = subprocess.Popen(
        [sys.executable, '-c', PARENT, CHILD, got, ready],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True)
    child = int(parent.stdout.readline().split()[1])
    _wait_for(ready)
    parent.send_signal(signal.SIGTERM)
    out, err = parent.communicate(timeout=60)
    assert open(got).read() == 'SIGTERM'  # the tool received it
    assert parent.returncode == 1  # ToolStopped: SystemExit with a message
    assert 'SIGTERM: passed on to' in err
    assert 'ended with status 3; run the same command again' in err
    assert not osp.exists(f'/proc/{child}')  # reaped, not orphaned


def test_without_a_signal_the_status_is_returned_and_handlers_restored():
    from mmpose_trs.tools.run_tool import wait_forwarding
    before = signal.getsignal(signal.SIGTERM)
    proc = subprocess.Popen([sys.executable, '-c', 'raise SystemExit(5)'])
    assert wait_forwarding(proc) == 5
    assert signal.getsignal(signal.SIGTERM) is before
