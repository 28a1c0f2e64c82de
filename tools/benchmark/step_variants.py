"""The TRS training step under execution variants, against the default:
channels-last memory format, bfloat16 autocast (CPU; float16 autocast on
CUDA), ``torch.compile`` of the networks' backbones, and the two
reviewers' no-grad passes fused into one batched call (``torch.func``:
weights stacked, ``vmap`` over them; eval mode, so no BatchNorm statistics
to update). Each variant
starts from the same weights, draws the same random numbers and trains on
the same batch as the default; its
first step's losses are compared with the default's (largest relative
difference), then its steps are timed, all variants interleaved.

Example:
    OMP_NUM_THREADS=1 python tools/benchmark_speed.py --variants \\
        channels_last bf16 compile --device cpu
"""
import copy
from typing import Callable, Dict, List

import torch

from mmpose_trs.utils.rng import seeded

VARIANTS = ('channels_last', 'bf16', 'compile', 'fused_reviewers')


def prepare(variant: str, model, opt, device: str):
    """``(model, opt)`` changed for ``variant`` (in place where it can)."""
    from mmpose_trs.engine import AutocastOptimWrapper
    from mmpose_trs.engine.channels_last_hook import to_channels_last
    if variant == 'channels_last':  # what ChannelsLastHook does
        to_channels_last(model)
    elif variant == 'bf16':
        kind = 'cuda' if str(device).startswith('cuda') else 'cpu'
        opt = AutocastOptimWrapper(
            opt.optimizer,
            device_type=kind,
            dtype='float16' if kind == 'cuda' else 'bfloat16')
    elif variant == 'compile':
        names = set(model.trained_names) | set(model.guide_names)
        nets = {id(model.network(n)): model.network(n) for n in names}
        for net in nets.values():
            net.backbone = torch.compile(net.backbone)
    elif variant == 'fused_reviewers':
        fuse_reviewers(model)
    elif variant != 'default':
        raise ValueError(f'unknown variant {variant!r}; use {VARIANTS}')
    return model, opt


class _Heads(torch.nn.Module):
    """A network whose ``forward`` is :func:`heads_forward`."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        from mmpose_trs.models.network_ops import heads_forward
        return heads_forward(self.net, x)


def fuse_reviewers(model) -> None:
    """Make ``model.guide_predictions`` run ``reviewer_f`` and
    ``reviewer_g`` as one ``vmap`` call over their stacked weights (stacked
    anew each step: the reviewers change every step), the other guides as
    before."""
    from torch.func import functional_call, stack_module_state, vmap
    names = ('reviewer_f', 'reviewer_g')
    plain = model.guide_predictions
    template = _Heads(copy.deepcopy(model.network(names[0]))).to('meta')

    def call(params, buffers, x):
        return functional_call(template, (params, buffers), (x, ))

    def guide_predictions(x_u, wanted):
        rest = [n for n in wanted if n not in names]
        preds = plain(x_u, rest) if rest else {}
        if not set(names) <= set(wanted):
            return dict(preds, **plain(x_u, [n for n in names if n in wanted]))
        nets = [_Heads(model.network(n)).eval() for n in names]
        with torch.no_grad():
            params, buffers = stack_module_state(nets)
            out = vmap(call, in_dims=(0, 0, None))(params, buffers, x_u)
        for i, name in enumerate(names):
            preds[name] = [level[i] for level in out]
        if model.target_space == 'keypoint':
            preds.update(model.decode_guides({n: preds[n] for n in names}))
        return preds

    model.guide_predictions = guide_predictions


def _losses(log_vars: dict) -> Dict[str, float]:
    return {k: float(v) for k, v in log_vars.items() if 'loss' in k}


def variant_arms(model, optim_cfg: dict, batch: dict, variants: List[str],
                 device: str) -> tuple:
    """``{variant: step callable}`` and ``{variant: first-step relative
    loss difference to the default, or the error that stopped it}``.

    Every variant starts from a deep copy of ``model`` (before any step)
    with a fresh optimizer built from ``optim_cfg``."""
    from mmengine.optim import build_optim_wrapper
    start = copy.deepcopy(model)
    arms: Dict[str, Callable] = {}
    first: Dict[str, Dict[str, float]] = {}
    notes: Dict[str, object] = {}
    for variant in ['default'] + list(variants):
        m = copy.deepcopy(start)
        o = build_optim_wrapper(m, optim_cfg)
        try:
            m, o = prepare(variant, m, o, device)
            with seeded(0):  # the same draws for every variant
                first[variant] = _losses(m.train_step(batch, o))
        except Exception as error:  # reported, not fatal
            notes[variant] = f'{type(error).__name__}: {error}'[:300]
            continue
        arms[variant] = (lambda m=m, o=o: m.train_step(batch, o))
    base = first['default']
    for variant, losses in first.items():
        if variant != 'default':
            notes[variant] = max(
                abs(losses[k] - base[k]) / max(abs(base[k]), 1e-12)
                for k in base)
    return arms, notes


def measure_variants(cfg, batch: dict, variants: List[str], args) -> dict:
    """Median step seconds of every variant, its ratio to the default and
    its first-step loss difference (or why it did not run)."""
    from .speed import build_trainable, median_times
    cfg.model.update(burn_in_iters=0, unsup_rampup_iters=0)
    model, _ = build_trainable(cfg.model, cfg.optim_wrapper, args.device)
    arms, notes = variant_arms(model, cfg.optim_wrapper, batch, variants,
                               args.device)
    times = median_times(arms, args)
    rows = {}
    for variant in ['default'] + list(variants):
        row = dict(step_s=times.get(variant))
        if variant in times and variant != 'default':
            row.update(
                over_default=times[variant] / times['default'],
                loss_rel_diff=notes[variant])
        elif variant in notes:
            row['error'] = notes[variant]
        rows[variant] = row
    return rows


def run(args) -> dict:
    """The TRS step of ``args.trs_config`` under ``args.variants``, for
    ``tools/benchmark_speed.py --variants``."""
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from .speed import _device_name, load_config, loader
    init_default_scope('mmpose')
    cfg = load_config(args.trs_config, args.data_root)
    batch = next(iter(loader(cfg, 'train_dataloader')))
    return dict(
        device=_device_name(args.device),
        torch=torch.__version__,
        threads=torch.get_num_threads(),
        trs_config=args.trs_config,
        timed_steps=args.iters * args.rounds,
        variants=measure_variants(cfg, batch, args.variants, args))
