"""The lab's runs: a quick-start config made a benchmark run (data, seed,
length, a lab's geometry), trained in a fresh process as users train."""
import os
import os.path as osp

from mmengine.config import Config

from mmpose_trs.tools.run_tool import run_tool
from .convergence import lab_runs
from .geometry import apply_geometry

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
#: where each lab's finished ``run.json`` files are kept in the repository
#: (same layout as a work dir: ``seed<N>/<arm>/run.json``), so results
#: outlive the machine that trained them: a lab's blocks, each the runs of
#: one machine, the first first (:mod:`benchmark.pairs`)
KEPT_RUNS = {
    'a': [
        osp.join(ROOT, 'docs', 'benchmark_runs', name)
        for name in ('lab_a', 'lab_a_m2')
    ],
    'b': [
        osp.join(ROOT, 'docs', 'benchmark_runs', name)
        for name in ('lab_b', 'lab_b_m2', 'lab_b_m3')
    ],
}


def base_config(path: str, args, seed: int, iters: int) -> Config:
    """A quick-start config on ``args.data_root`` for ``iters`` iterations,
    validated and checkpointed every ``args.val_interval`` (the newest
    checkpoint kept: an interrupted run resumes from it) and at the end."""
    from mmpose_trs.utils.config_tools import set_data_root
    cfg = Config.fromfile(osp.join(ROOT, path))
    apply_geometry(cfg, args.lab)
    set_data_root(cfg, osp.abspath(args.data_root))
    cfg.train_cfg.update(max_iters=iters, val_interval=args.val_interval)
    cfg.default_hooks.checkpoint.update(
        interval=args.val_interval, save_best=None, max_keep_ckpts=1)
    cfg.randomness = dict(seed=seed)
    # LR warm-up, then constant; arms then drop it x0.1 (run_arm: --decay-at)
    cfg.param_scheduler = [
        dict(
            type='LinearLR',
            begin=0,
            end=50,
            start_factor=0.01,
            by_epoch=False)
    ]
    return cfg


def train(cfg: Config, work_dir: str, extra=()) -> float:
    """Train ``cfg`` in a fresh process (same code path as users), resuming
    from the newest checkpoint of an interrupted run in ``work_dir``; return
    the wall-clock seconds of this process."""
    os.makedirs(work_dir, exist_ok=True)
    path = osp.join(work_dir, 'benchmark_config.py')
    cfg.dump(path)
    options = ['--cfg-options', *extra] if extra else []
    log = osp.join(work_dir, 'train_stdout.log')
    resume = osp.isfile(osp.join(work_dir, 'last_checkpoint'))
    if osp.exists(log):  # an interrupted run's log is kept
        os.replace(log, log + '.interrupted')
    return run_tool(
        'train',
        path,
        '--work-dir',
        work_dir,
        *(['--resume'] if resume else []),
        *options,
        log=log,
        cwd=ROOT,
        echo=True)


def machine() -> dict:
    """What decides a run's arithmetic on this machine: the CPU's model,
    the instruction set torch dispatches to, the torch version. Runs of two
    machines that differ here may not be bit-equal (measured: one MFL
    burn-in, 0.2752 vs 0.2709 val AP), so a pair is trained on one."""
    import torch
    cpu = ''
    if osp.isfile('/proc/cpuinfo'):
        with open('/proc/cpuinfo') as f:
            cpu = next((line.split(':', 1)[1].strip()
                        for line in f if line.startswith('model name')), '')
    return dict(
        cpu=cpu,
        isa=torch.backends.cpu.get_cpu_capability(),
        torch=torch.__version__)


def kept_machines(block: str) -> list:
    """The distinct machines (:func:`machine`) recorded by the runs kept in
    ``block`` (``seed<N>/<arm>/run.json``); runs kept before the record
    began add none."""
    found = []
    for seeds in lab_runs(block).values():
        for run in seeds.values():
            record = run.get('machine')
            if record and record not in found:
                found.append(record)
    return found


def check_block_machine(block: str) -> None:
    """Refuse to keep this machine's runs in ``block`` when the runs kept
    there were trained on another machine: a run trained here would be no
    pair with them (:mod:`benchmark.pairs`), and the block would mix two
    machines.

    Raises:
        SystemExit: names the block, its machine and this one, and how to
            keep this machine's runs in a block of their own.
    """
    found, here = kept_machines(block), machine()
    if found and here not in found:
        raise SystemExit(
            f'--keep-dir {block}: its runs were trained on {found[0]}, this '
            f'machine is {here}, so a run trained here would pair with none '
            'of them. Keep this machine\'s runs in a block of their own: '
            'TRS_LAB_BLOCK=lab_<a|b>_m<N> bash tools/run_lab.sh <a|b> '
            '(or --keep-dir docs/benchmark_runs/lab_<a|b>_m<N>), and list it '
            'in tools/benchmark/runs.py KEPT_RUNS.')
