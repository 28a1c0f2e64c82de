"""Training cost and speed: a TRS step against a vanilla MMPose step and the
compute floor, in one process, on the same inputs and batch sizes.

Measured (median over ``--rounds`` x ``--iters`` timed steps, arms
interleaved so that drift of the machine hits every arm alike):

- the vanilla MMPose supervised step (``--vanilla-config``, SimpleBaseline)
  on the labeled part of a TRS batch, and the TRS step on the whole batch;
- the compute floor of that TRS step, built from steps of its own networks
  run alone: one supervised forward+backward+update of f and of g on
  ``B_l + B_u`` samples, plus no-grad forwards of f and g on the ``B_u``
  unlabeled samples in train mode (teachers) and in eval mode (reviewers).
  For equal batches and equal networks this is the nominal
  ``(2 * 2B * 3 + 4 * B) / (B * 3) = 5.33x`` a supervised step (a
  forward+backward costing 3 forwards);
- the share of the TRS step spent in the hard-view warp and Keypoint-Mix;
- peak memory of both steps (CUDA allocator, or growth of the resident set
  on CPU) and the bytes of weights + optimizer state;
- data loading per step (main process, no workers);
- inference (``test_step``: preprocessing, flip test, decoding) of network
  f exported with ``tools/export_model.py`` vs the vanilla MMPose model.

Example:
    python tools/benchmark_speed.py                 # device: cuda if present
    python tools/benchmark_speed.py --device cpu --quick
"""
import argparse
import json
import os
import os.path as osp
import statistics
import tempfile

import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from . import speed_report

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
Q = 'configs/quickstart/'
NOMINAL_FLOOR = 16 / 3


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        '--trs-config',
        default=Q + 'trs-mfl-km_res18-half_'
        'synthetic.py',
        help='TRS config (its nets, batch, KM)')
    p.add_argument(
        '--vanilla-config',
        default=Q + 'supervised_res18-half_'
        'synthetic-labeled.py',
        help='plain MMPose config')
    p.add_argument(
        '--data-root',
        default='data/synthetic',
        help='written by tools/make_synthetic_coco.py if absent')
    p.add_argument(
        '--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--iters', type=int, default=10, help='timed steps/round')
    p.add_argument(
        '--rounds',
        type=int,
        default=4,
        help='rounds (even: each order as often)')
    p.add_argument('--warmup', type=int, default=3)
    p.add_argument(
        '--quick',
        action='store_true',
        help='smoke test: 2 rounds of 1 step, 1 warm-up')
    p.add_argument('--out', default='work_dirs/benchmark_speed/result.json')
    p.add_argument(
        '--variants',
        nargs='+',
        choices=('channels_last', 'bf16', 'compile', 'fused_reviewers'),
        help='instead: the TRS step under these execution variants against '
        'the default (benchmark.step_variants)')
    args = p.parse_args(argv)
    if args.quick:
        args.iters, args.rounds, args.warmup = 1, 2, 1
    return args


def load_config(path: str, data_root: str) -> Config:
    from mmpose_trs.utils.config_tools import set_data_root
    cfg = Config.fromfile(osp.join(ROOT, path))
    return set_data_root(cfg, osp.abspath(data_root), workers=0)


def loader(cfg: Config, key: str, batch_size=None):
    spec = cfg[key].copy()
    if batch_size is not None:
        spec['batch_size'] = batch_size
    return Runner.build_dataloader(spec, seed=0)


def batch_parts(trs_cfg: Config) -> tuple:
    sampler = trs_cfg.train_dataloader.sampler
    return sampler['num_labeled'], sampler['num_unlabeled']


def labeled_part(batch: dict, n_l: int) -> dict:
    """The first ``n_l`` (labeled, in the sampler's order) samples."""
    return dict(
        inputs=batch['inputs'][:n_l], data_samples=batch['data_samples'][:n_l])


def build_trainable(model_cfg: dict, optim_cfg: dict, device):
    from mmpose.registry import MODELS
    torch.manual_seed(0)
    model = MODELS.build(model_cfg).to(device)
    model.train()
    return model, build_optim_wrapper(model, optim_cfg)


def net_config(trs_cfg: Config, name: str) -> dict:
    """A TRS network as a stand-alone ``TopdownPoseEstimator`` config."""
    from mmpose_trs.utils.networks import network_config
    net = network_config(trs_cfg.model, name).copy()
    net['data_preprocessor'] = trs_cfg.model.data_preprocessor
    return net


def forward_probe(net, batch: dict, train_mode: bool):
    """A no-grad forward of ``net`` on ``batch`` as teachers (train-mode BN)
    or reviewers (eval mode) run it inside the TRS step."""
    from mmpose_trs.models.network_ops import heads_forward
    x = net.data_preprocessor(batch, training=True)['inputs']

    def run():
        net.train(train_mode)
        with torch.no_grad():
            heads_forward(net, x)
        net.train()

    return run


def median_times(arms: dict, args) -> dict:
    """Median seconds per call of every arm; arms interleaved per round, in
    reverse order every other round (the first arm of a round measured
    ~3% faster here)."""
    from .profiling import time_calls
    times = {name: [] for name in arms}
    for r in range(args.rounds):
        for name in (list(arms) if r % 2 == 0 else list(arms)[::-1]):
            times[name] += time_calls(
                arms[name],
                args.iters,
                args.device,
                warmup=args.warmup if r == 0 else 0)
    return {name: statistics.median(t) for name, t in times.items()}


def warp_and_mix_share(trs, step, args) -> dict:
    """Share of the TRS step spent in the hard-view warp and the
    ``pre_affine_aug`` (Keypoint-Mix), timed by wrapping both."""
    from .profiling import CallTimer, time_calls
    hard_view, aug = trs.hard_view, trs.pre_affine_aug
    trs.hard_view = CallTimer(hard_view, args.device)
    timer = CallTimer(aug, args.device) if aug is not None else None
    if timer is not None:
        trs.hard_paths[0][0] = timer
    try:
        total = sum(time_calls(step, args.iters * args.rounds, args.device))
        out = dict(
            warp_share=trs.hard_view.seconds / total,
            keypoint_mix_share=(timer.seconds /
                                total if timer is not None else 0.))
    finally:
        trs.hard_view = hard_view
        if timer is not None:
            trs.hard_paths[0][0] = aug
    return out


def memory(arms: dict, states: dict, device) -> dict:
    from .profiling import PeakMemory
    out = {}
    for name, fn in arms.items():
        with PeakMemory(device) as mem:
            fn()
        out[name] = dict(
            step_peak_mib=_mib(mem.peak_bytes),
            weights_and_optimizer_mib=_mib(states[name]),
            method=mem.method)
    return out


def _mib(n):
    return None if n is None else round(n / 2**20, 1)


def data_time(data_loader, steps: int) -> float:
    """Median seconds to load one batch (main process)."""
    import time
    it = iter(data_loader)
    next(it)
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        next(it)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def inference(trs, trs_cfg: Config, van_cfg: Config, args) -> dict:
    """``test_step`` of network f exported as a plain MMPose model vs the
    vanilla MMPose model holding the same weights, on one validation
    batch."""
    from mmpose.apis import init_model
    from mmpose_trs.apis import export_network
    batch = next(iter(loader(van_cfg, 'val_dataloader')))
    with tempfile.TemporaryDirectory() as tmp:
        ckpt = osp.join(tmp, 'trs.pth')
        torch.save(dict(state_dict=trs.state_dict()), ckpt)
        cfg_path, net_ckpt = export_network(trs_cfg, ckpt, 'f', tmp)
        exported = init_model(cfg_path, net_ckpt, device=args.device)
        # the same weights in the vanilla config: only the model differs
        vanilla = init_model(van_cfg, net_ckpt, device=args.device)
    times = median_times(
        dict(
            exported=lambda: exported.test_step(batch),
            vanilla=lambda: vanilla.test_step(batch)), args)
    return dict(
        batch=len(batch['inputs']),
        seconds=times,
        exported_over_vanilla=times['exported'] / times['vanilla'])


def floor_arms(trs_cfg: Config, batch: dict, labeled_big: dict, n_l: int,
               device) -> dict:
    """The passes a TRS step cannot avoid, each on a stand-alone copy of
    network f or g: a supervised train step on ``labeled_big`` (as many
    samples as the TRS batch), and no-grad forwards on the unlabeled part of
    ``batch`` as teacher (train mode) and as reviewer (eval mode)."""
    unlabeled = dict(
        inputs=batch['inputs'][n_l:], data_samples=batch['data_samples'][n_l:])
    arms = {}
    for n in ('f', 'g'):
        net, opt = build_trainable(
            net_config(trs_cfg, n), trs_cfg.optim_wrapper, device)
        arms[f'floor_{n}_sup'] = (
            lambda net=net, opt=opt: net.train_step(labeled_big, opt))
        arms[f'floor_{n}_teacher'] = forward_probe(net, unlabeled, True)
        arms[f'floor_{n}_reviewer'] = forward_probe(net, unlabeled, False)
    return arms


def measure(args) -> dict:
    import mmpose_trs  # noqa: F401
    init_default_scope('mmpose')
    trs_cfg = load_config(args.trs_config, args.data_root)
    van_cfg = load_config(args.vanilla_config, args.data_root)
    n_l, n_u = batch_parts(trs_cfg)
    trs_loader = loader(trs_cfg, 'train_dataloader')
    batch = next(iter(trs_loader))
    lab_big = next(iter(loader(van_cfg, 'train_dataloader', n_l + n_u)))
    trs_cfg.model.update(burn_in_iters=0, unsup_rampup_iters=0)
    trs, trs_opt = build_trainable(trs_cfg.model, trs_cfg.optim_wrapper,
                                   args.device)
    van, van_opt = build_trainable(van_cfg.model, van_cfg.optim_wrapper,
                                   args.device)
    arms = dict(
        vanilla=lambda: van.train_step(labeled_part(batch, n_l), van_opt),
        trs=lambda: trs.train_step(batch, trs_opt))
    arms.update(floor_arms(trs_cfg, batch, lab_big, n_l, args.device))
    t = median_times(arms, args)
    floor = sum(v for k, v in t.items() if k.startswith('floor_'))
    from .profiling import state_bytes
    return dict(
        device=_device_name(args.device),
        torch=torch.__version__,
        threads=torch.get_num_threads(),
        trs_config=args.trs_config,
        vanilla_config=args.vanilla_config,
        labeled=n_l,
        unlabeled=n_u,
        timed_steps=args.iters * args.rounds,
        seconds=t,
        trs_over_vanilla=t['trs'] / t['vanilla'],
        floor_over_vanilla=floor / t['vanilla'],
        trs_over_floor=t['trs'] / floor,
        nominal_floor=NOMINAL_FLOOR,
        **warp_and_mix_share(trs, arms['trs'], args),
        memory=memory(
            dict(vanilla=arms['vanilla'], trs=arms['trs']),
            dict(
                vanilla=state_bytes(van, van_opt),
                trs=state_bytes(trs, trs_opt)), args.device),
        data_seconds_per_step=dict(
            trs=data_time(trs_loader, args.iters),
            vanilla=data_time(
                loader(van_cfg, 'train_dataloader', n_l), args.iters)),
        inference=inference(trs, trs_cfg, van_cfg, args))


def _device_name(device) -> str:
    if torch.device(device).type == 'cuda':
        return torch.cuda.get_device_name(device)
    return f'cpu ({os.cpu_count()} cores)'


def main(argv=None):
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    from mmpose_trs.synthetic import ensure_dataset
    ensure_dataset(args.data_root)  # any dataset there, or the default one
    if args.variants:
        from .step_variants import run
        result = run(args)
    else:
        result = measure(args)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=1)
    print(
        speed_report.variants_report(result) if args.
        variants else speed_report.report(result))
    print(f'\nwrote {args.out}')
    return result


if __name__ == '__main__':
    main()
