"""Burn-ins: one supervised start per (network architecture, seed), shared
by the arms that train that architecture and by no other."""
import hashlib
import json
import os.path as osp

import torch
from mmengine.config import Config

from mmpose_trs.safety.safe_checkpoint import load_checkpoint_file
from mmpose_trs.utils.networks import burn_in_weights
from . import report
from .arms import ARMS, BURN_IN_CONFIG
from .runs import base_config, train

#: the parts of a top-down network that make its architecture
ARCH_PARTS = ('backbone', 'neck', 'head')


def arm_network(cfg: Config) -> dict:
    """The top-down network config the arm trains (one architecture for
    all its networks: f, g, an SSPCM student).

    Raises:
        ValueError: the arm's networks differ (no one burn-in fits them).
    """
    from mmpose_trs.utils.networks import network_configs
    nets = [
        n.to_dict() if hasattr(n, 'to_dict') else dict(n)
        for n in network_configs(cfg.model)
    ]
    if any(architecture(n) != architecture(nets[0]) for n in nets):
        raise ValueError('the arm trains networks of different '
                         'architectures; one burn-in cannot start them all')
    return nets[0]


def architecture(net: dict) -> str:
    """The backbone, neck and head of a network config, as canonical
    JSON."""
    return json.dumps({k: net[k]
                       for k in ARCH_PARTS if k in net},
                      sort_keys=True,
                      default=str)


def burn_in_name(net: dict) -> str:
    """The work folder of the burn-in of ``net``'s architecture."""
    return 'burn_in_' + hashlib.sha1(
        architecture(net).encode()).hexdigest()[:10]


def run_burn_in(args, seed: int, net: dict) -> dict:
    """Supervised burn-in of net_f and net_g of the architecture ``net``;
    cached per (architecture, seed), so arms of one architecture share it
    and arms of another (MFL) never start from it."""
    work = osp.join(args.work_dir, f'seed{seed}', burn_in_name(net))
    done = osp.join(work, 'run.json')
    if osp.isfile(done):
        return report.load_json(done)
    cfg = base_config(BURN_IN_CONFIG, args, seed, args.burn_in_iters)
    cfg.model.net_f = cfg.model.net_g = net
    cfg.model.burn_in_iters = args.burn_in_iters  # supervised throughout
    # validated as the arms are: its curve shows whether it converged
    cfg.train_cfg.val_interval = min(args.val_interval, args.burn_in_iters)
    seconds = train(cfg, work, args.cfg_options)
    run = dict(
        seconds=seconds,
        name=burn_in_name(net),
        architecture=architecture(net),
        checkpoint=osp.join(work, f'iter_{args.burn_in_iters}.pth'),
        curve=report.val_curve(work))
    report.write_json(done, run)
    return run


def arm_checkpoint(arm: str, cfg: Config, burn_in: dict, path: str) -> str:
    """Weights of the arm's model taken from the burn-in of its own
    networks: net_f (plain arms) or net_f/net_g with their copies (semi
    arms). Fails if any of the arm's weights would stay at their random
    initialisation or any burn-in weight would be left out (another
    architecture)."""
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    init_default_scope('mmpose')
    state = load_checkpoint_file(burn_in['checkpoint'])['state_dict']
    model = MODELS.build(cfg.model)
    missing, unexpected = model.load_state_dict(
        burn_in_weights(state, model, ARMS[arm]['semi']), strict=False)
    if missing or unexpected:
        raise RuntimeError(
            f'the burn-in {burn_in["checkpoint"]} does not fit arm {arm}: '
            f'missing {missing[:5]}, unexpected {unexpected[:5]}')
    torch.save(
        dict(
            state_dict=model.state_dict(),
            meta=dict(burn_in=burn_in['checkpoint'])), path)
    return path
