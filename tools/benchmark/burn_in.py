"""Burn-ins: one supervised start per (network architecture, seed), shared
by the arms that train that architecture and by no other."""
import hashlib
import json
import os.path as osp
from typing import Dict

import torch
from mmengine.config import Config

from mmpose_trs.safety.safe_checkpoint import load_checkpoint_file
from mmpose_trs.utils.networks import burn_in_weights
from . import report
from .arms import ARMS, BURN_IN_CONFIG
from .runs import base_config, train

#: the parts of a top-down network that make its architecture
ARCH_PARTS = ('backbone', 'neck', 'head')
#: head options that change the prediction, not the network trained
TEST_TIME_KEYS = ('test_level', )


def arm_networks(cfg: Config) -> Dict[str, dict]:
    """The top-down network config of each network the arm trains, by name
    (``f``, ``g``, an SSPCM ``s``; a plain model: ``f``); a network not set
    is a copy of ``f``'s."""
    from mmpose_trs.utils.networks import is_semi_config
    model = cfg.model
    if not is_semi_config(model):
        return dict(f=_plain(model))
    nets = {
        k[len('net_'):]: _plain(v)
        for k, v in model.items() if k.startswith('net_') and v is not None
    }
    nets.setdefault('g', nets['f'])
    return nets


def _plain(net) -> dict:
    return net.to_dict() if hasattr(net, 'to_dict') else dict(net)


def arm_network(cfg: Config) -> dict:
    """The one top-down network config of an arm whose networks share an
    architecture.

    Raises:
        ValueError: the arm's networks differ (a mixed pair: use
            :func:`arm_networks`).
    """
    nets = list(arm_networks(cfg).values())
    if any(architecture(n) != architecture(nets[0]) for n in nets):
        raise ValueError('the arm trains networks of different '
                         'architectures; one burn-in cannot start them all')
    return nets[0]


def architecture(net: dict) -> str:
    """The backbone, neck and head of a network config, as canonical
    JSON; a head's test-time reading (``test_level``: which levels predict)
    left out, as it changes no weight."""
    parts = {k: _plain(net[k]) for k in ARCH_PARTS if k in net}
    if 'head' in parts:
        parts['head'] = {
            k: v
            for k, v in parts['head'].items() if k not in TEST_TIME_KEYS
        }
    return json.dumps(parts, sort_keys=True, default=str)


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


def arm_checkpoint(arm: str, cfg: Config, burn_ins: Dict[str, dict],
                   path: str) -> str:
    """Weights of the arm's model, each network from the burn-in of its own
    architecture (``burn_ins``: by network name, as
    :func:`arm_networks`): f from its burn-in's f, g from its burn-in's g
    (a mixed pair: from two burn-ins), copies and an SSPCM student as
    :func:`~mmpose_trs.utils.networks.burn_in_weights`. Fails if any of the
    arm's weights would stay at their random initialisation or any burn-in
    weight would be left out (another architecture)."""
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    init_default_scope('mmpose')
    state = {}
    for name, burn_in in burn_ins.items():
        if name == 's':  # SSPCM's student: f's weights (burn_in_weights)
            continue
        src = load_checkpoint_file(burn_in['checkpoint'])['state_dict']
        state.update({
            k: v
            for k, v in src.items() if k.startswith(f'net_{name}.')
        })
    model = MODELS.build(cfg.model)
    missing, unexpected = model.load_state_dict(
        burn_in_weights(state, model, ARMS[arm]['semi']), strict=False)
    if missing or unexpected:
        raise RuntimeError(
            f'the burn-ins {[b["checkpoint"] for b in burn_ins.values()]} '
            f'do not fit arm {arm}: missing {missing[:5]}, unexpected '
            f'{unexpected[:5]}')
    torch.save(
        dict(
            state_dict=model.state_dict(),
            meta=dict(burn_in={
                n: b['checkpoint']
                for n, b in burn_ins.items()
            })), path)
    return path
