"""The networks of a TRS model by name, and the conversions between a TRS
model (config or weights) and plain MMPose top-down models.

One definition for the estimator, the hooks, the loops, export, the tools and
the benchmarks: ``f``/``g`` are the trained networks (modules ``net_f``,
``net_g``), ``reviewer_f``/``reviewer_g`` their EMA copies (same architecture
as ``net_f``/``net_g``), and ``fg_mean`` the reported mean of f and g.
"""
from typing import Dict, List, Sequence

from mmengine.model import is_model_wrapper
from torch import nn

#: the trained networks
NETWORKS = ('f', 'g')
#: their EMA copies
REVIEWERS = ('reviewer_f', 'reviewer_g')
#: every network that can predict
PREDICTORS = NETWORKS + REVIEWERS
#: the reported mean of f and g (the paper's number)
FG_MEAN = 'fg_mean'
#: what the validation loops report: every predictor and the mean of f and g
REPORTED = PREDICTORS + (FG_MEAN, )
#: the sub-modules of a plain MMPose top-down model
PLAIN_PARTS = ('backbone', 'neck', 'head')


def module_name(net: str) -> str:
    """Attribute of the network ``net`` in a TRS model: ``'f'`` ->
    ``'net_f'``, ``'reviewer_f'`` -> ``'reviewer_f'``."""
    if net not in PREDICTORS:
        raise ValueError(f'network must be one of {PREDICTORS}, got {net!r}')
    return net if net in REVIEWERS else f'net_{net}'


def config_key(net: str) -> str:
    """Key of the model config that builds ``net`` (a reviewer is built
    from its network's config): ``'reviewer_g'`` -> ``'net_g'``."""
    return module_name(net).replace('reviewer_', 'net_')


def network_config(model_cfg: dict, net: str) -> dict:
    """The ``TopdownPoseEstimator`` config of ``net`` in a TRS model config
    (``net_g`` defaults to ``net_f``, as in the estimator)."""
    if model_cfg.get('type') != 'TRSPoseEstimator':
        raise ValueError(f'model.type is {model_cfg.get("type")!r}, not '
                         'TRSPoseEstimator')
    return model_cfg.get(config_key(net)) or model_cfg['net_f']


def network_configs(model_cfg: dict) -> List[dict]:
    """The top-down configs inside a model config: f and g (g only when set)
    of a TRS model, or the model itself."""
    if model_cfg.get('type') != 'TRSPoseEstimator':
        return [model_cfg]
    return [
        model_cfg[k] for k in ('net_f', 'net_g')
        if model_cfg.get(k) is not None
    ]


def unwrap(model: nn.Module) -> nn.Module:
    """The model inside a DDP/FSDP wrapper, or the model itself."""
    return model.module if is_model_wrapper(model) else model


def plain_weights(state: Dict, net: str) -> Dict:
    """Weights of ``net`` out of a TRS state dict, without the module prefix
    (``net_f.backbone.x`` -> ``backbone.x``)."""
    prefix = module_name(net) + '.'
    return {
        k[len(prefix):]: v
        for k, v in state.items() if k.startswith(prefix)
    }


def trs_weights(plain: Dict, nets: Sequence[str]) -> Dict:
    """A plain top-down state dict (``backbone.*``, ``head.*``) copied into
    each network of ``nets`` (``backbone.x`` -> ``net_f.backbone.x``, ...)."""
    return {f'{module_name(n)}.{k}': v for n in nets for k, v in plain.items()}


def reviewers_from_networks(state: Dict) -> Dict:
    """A TRS state dict in which each reviewer starts equal to its network
    (``net_f.*`` copied to ``reviewer_f.*``), as after the burn-in."""
    nets = {k: v for k, v in state.items() if k.startswith('net_')}
    return {**nets, **{'reviewer_' + k[4:]: v for k, v in nets.items()}}


def expand_plain_state_dict(state_dict: Dict, prefix: str,
                            nets: Sequence[str]) -> None:
    """In place: a plain top-down state dict under ``prefix`` (``backbone.*``,
    ``neck.*``, ``head.*``) becomes the weights of every network of ``nets``;
    a state dict that already has TRS networks is left as it is."""
    own = tuple(f'{prefix}{module_name(n)}.' for n in PREDICTORS)
    plain = [
        k for k in state_dict if k.startswith(prefix) and not k.startswith(own)
        and k[len(prefix):].split('.')[0] in PLAIN_PARTS
    ]
    if not plain or any(k.startswith(own) for k in state_dict):
        return
    weights = {k[len(prefix):]: state_dict.pop(k) for k in plain}
    for k, v in trs_weights(weights, nets).items():
        state_dict[prefix + k] = v
