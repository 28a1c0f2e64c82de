"""The schedule lines of a protocol card: loop length, optimizer, LR
schedule (steps, warm-up, cosine) and the recipe hooks (EMA, stage-2
pipelines), from the built optimizer and parameter schedulers."""
import math
from typing import List, Optional

from mmengine.config import Config
from mmengine.optim import OptimWrapper, build_optim_wrapper
from mmengine.registry import PARAM_SCHEDULERS
from torch import nn

from ..datasets.samplers import epoch_iterations


def per_step_counts(cfg: Config) -> List[int]:
    """Samples of each source per step and GPU."""
    loader = cfg.train_dataloader
    sampler = loader.get('sampler', {})
    if 'num_labeled' in sampler:
        return [sampler.num_labeled, sampler.num_unlabeled]
    return [loader.batch_size]


def schedule_lines(cfg: Config, model: nn.Module, sizes: List,
                   gpus: int) -> dict:
    """Loop length in iterations and epochs, LR milestones in epochs,
    warm-up, optimizer."""
    loop = cfg.train_cfg
    per_step = per_step_counts(cfg)
    # labeled-only configs beside semi-supervised rows declare the rows'
    # epoch (`epoch_iters`), so that both count the same epochs
    mixed = loop.get('type') == 'MixedEpochTrainLoop'
    epoch = cfg.get('epoch_iters') if not mixed else None
    if epoch is None and None not in sizes:
        epoch = epoch_iterations(sizes, per_step, gpus)
    if mixed:
        epochs = loop.max_epochs
        iters = epochs * epoch if epoch else None
    elif 'max_iters' in loop:
        iters = loop.max_iters
        epochs = round(iters / epoch, 2) if epoch else None
    else:  # EpochBasedTrainLoop: epochs of its own (labeled) set
        epochs = loop.max_epochs
        epoch = (
            math.ceil(sizes[0] / (per_step[0] * gpus)) if sizes[0] else None)
        iters = epochs * epoch if epoch else None
    optim = build_optim_wrapper(model, cfg.optim_wrapper).optimizer
    group = optim.param_groups[0]
    lines = {
        'schedule.loop':
        loop.get('type')
        or ('EpochBasedTrainLoop' if loop.get('by_epoch') else None),
        'schedule.epoch_iters':
        epoch,
        'schedule.epochs':
        epochs,
        'schedule.iterations':
        iters,
        'schedule.val_interval_epochs':
        _val_epochs(loop, epoch),
        'optimizer.type':
        type(optim).__name__,
        'optimizer.lr':
        group['lr'],
        'optimizer.weight_decay':
        group.get('weight_decay', 0.),
    }
    lines['schedule.labeled_epochs'] = (
        round(iters * per_step[0] * gpus /
              sizes[0], 1) if iters and sizes[0] else None)
    lines.update(scheduler_lines(cfg, optim, epoch))
    return lines


def _val_epochs(loop, epoch: Optional[int]):
    """The validation interval in epochs (None if the epoch is unknown)."""
    interval = loop.get('val_interval', 1)
    if loop.get('type') == 'MixedEpochTrainLoop' or 'max_iters' not in loop:
        return interval
    return round(interval / epoch, 2) if epoch else None


def scheduler_lines(cfg: Config, optim: OptimWrapper,
                    epoch: Optional[int]) -> dict:
    """LR decay milestones (in epochs of the stream, None where the epoch
    is unknown, and in iterations) and warm-up, from the built parameter
    schedulers."""
    milestones, gammas, warmup, cosine = [], [], 'none', 'none'
    for sc in cfg.get('param_scheduler') or []:
        sc = dict(sc)
        sc.pop('_scope_', None)
        cls = PARAM_SCHEDULERS.get(sc.pop('type'))
        if sc.pop('convert_to_iter_based', False) and epoch:
            built = cls.build_iter_from_epoch(optim, **sc, epoch_length=epoch)
        else:
            built = cls(optim, **sc)
        if 'Linear' in cls.__name__ and not built.by_epoch:
            warmup = f'linear, {built.end - built.begin} iterations'
        if 'Cosine' in cls.__name__:
            cosine = _cosine(built, optim, epoch)
        for m in sorted(getattr(built, 'milestones', {})):
            milestones.append(_in_epochs_and_iters(m, built.by_epoch, epoch))
            gammas.append(built.gamma)
    return {
        'schedule.lr_milestones_epochs': [m[0] for m in milestones],
        'schedule.lr_milestones_iters': [m[1] for m in milestones],
        'schedule.lr_gamma': sorted(set(gammas)),
        'schedule.warmup': warmup,
        'schedule.cosine': cosine
    }


def _cosine(built, optim: OptimWrapper, epoch: Optional[int]) -> list:
    """A cosine decay as [first epoch, last epoch, final lr / lr] (epochs
    of the stream; iterations where the epoch is unknown)."""
    span = [built.begin, built.end]
    if not built.by_epoch and epoch:
        span = [round(x / epoch, 2) for x in span]
    if built.eta_min is None:  # given as eta_min_ratio
        return span + [round(built.eta_min_ratio, 4)]
    group = optim.param_groups[0]
    return span + [
        round(built.eta_min / group.get('initial_lr', group['lr']), 4)
    ]


def hook_lines(cfg: Config) -> dict:
    """The EMA of the trained networks (momentum) and the epoch of the
    second-stage pipelines (RTMPose's), 'none' where absent."""
    lines = {
        'hooks.ema_momentum': 'none',
        'hooks.pipeline_switch_epoch': 'none'
    }
    for hook in cfg.get('custom_hooks') or []:
        kind = hook.get('type', '')
        if kind in ('EMAHook', 'NetworksEMAHook'):
            lines['hooks.ema_momentum'] = hook.get('momentum', 0.0002)
        if kind.endswith('PipelineSwitchHook'):
            lines['hooks.pipeline_switch_epoch'] = hook.get('switch_epoch')
    return lines


def _in_epochs_and_iters(m: int, by_epoch: bool, epoch: Optional[int]):
    """A milestone as (epochs, iterations); None where the epoch length
    needed to convert it is unknown."""
    if by_epoch:
        return m, m * epoch if epoch else None
    return (round(m / epoch, 2) if epoch else None), m
