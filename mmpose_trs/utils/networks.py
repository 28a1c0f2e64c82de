"""The networks of a semi-supervised model by name, and the conversions
between such a model (config or weights) and plain MMPose top-down models.

One definition for the estimators, the hooks, the loops, export, the tools and
the benchmarks. A network has a short name; trained networks (``f``, ``g``,
SSPCM's student ``s``) are the modules ``net_<name>``, copies of them are
``reviewer_<name>`` (EMA) and ``snapshot_<name>`` (periodic copies), same
architecture as ``net_<name>``. ``fg_mean`` is the reported mean of f and g.
"""
import re
from typing import Dict, List, Sequence

from mmengine.model import is_model_wrapper
from torch import nn

#: the trained networks of TRS and Dual
NETWORKS = ('f', 'g')
#: their EMA copies
REVIEWERS = ('reviewer_f', 'reviewer_g')
#: every network of TRS that can predict
PREDICTORS = NETWORKS + REVIEWERS
#: the reported mean of f and g (the paper's number: a mean of two APs)
FG_MEAN = 'fg_mean'
#: the multi-network loops' default ensemble: the trained networks' heatmaps
#: averaged, then decoded (Xie et al.'s "ensemble" row)
ENSEMBLE = 'ensemble'
#: what the TRS validation loops report: every predictor, the ensemble of f
#: and g, and the mean of f's and g's metrics
REPORTED = PREDICTORS + (ENSEMBLE, FG_MEAN)
#: the sub-modules of a plain MMPose top-down model
PLAIN_PARTS = ('backbone', 'neck', 'head')
#: kinds of copies of a trained network (module ``<kind>_<name>``)
COPY_KINDS = ('reviewer', 'snapshot')
_TRAINED = re.compile(r'^[a-z][a-z0-9]*$')


def copy_name(kind: str, net: str) -> str:
    """Name of the ``kind`` copy of the trained network ``net``
    (``'reviewer', 'f'`` -> ``'reviewer_f'``)."""
    return f'{kind}_{net}'


def source_name(net: str) -> str:
    """The trained network a name refers to: ``'reviewer_f'`` -> ``'f'``,
    ``'g'`` -> ``'g'``."""
    kind, _, base = net.partition('_')
    return base if kind in COPY_KINDS else net


def module_name(net: str) -> str:
    """Attribute of the network ``net`` in a model: ``'f'`` -> ``'net_f'``,
    ``'reviewer_f'`` -> ``'reviewer_f'``, ``'snapshot_g'`` ->
    ``'snapshot_g'``."""
    if not isinstance(net, str) or not _TRAINED.match(source_name(net)):
        raise ValueError(
            f'network names are a trained network (f, g, s, ...) or '
            f'<{"|".join(COPY_KINDS)}>_<trained network>, got {net!r}')
    return net if source_name(net) != net else f'net_{net}'


def config_key(net: str) -> str:
    """Key of the model config that builds ``net`` (a copy is built from its
    network's config): ``'reviewer_g'`` -> ``'net_g'``."""
    module_name(net)  # checks the name
    return 'net_' + source_name(net)


def is_semi_config(model_cfg: dict) -> bool:
    """Whether a model config is one of this plugin's semi-supervised
    estimators (it builds its networks from ``net_f``, ...)."""
    return isinstance(model_cfg, dict) and model_cfg.get('net_f') is not None


def network_config(model_cfg: dict, net: str) -> dict:
    """The ``TopdownPoseEstimator`` config of ``net`` in a semi-supervised
    model config (``net_g``, ``net_s`` default to ``net_f``, as in the
    estimators)."""
    if not is_semi_config(model_cfg):
        raise ValueError(f'model.type is {model_cfg.get("type")!r}, not a '
                         'semi-supervised estimator with net_f')
    return model_cfg.get(config_key(net)) or model_cfg['net_f']


def network_configs(model_cfg: dict) -> List[dict]:
    """The top-down configs inside a model config: ``net_f``, ``net_g``, ...
    (those set) of a semi-supervised model, or the model itself."""
    if not is_semi_config(model_cfg):
        return [model_cfg]
    return [
        v for k, v in model_cfg.items()
        if k.startswith('net_') and isinstance(v, dict)
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
    own = tuple(f'{prefix}{kind}_' for kind in ('net', ) + COPY_KINDS)
    plain = [
        k for k in state_dict if k.startswith(prefix) and not k.startswith(own)
        and k[len(prefix):].split('.')[0] in PLAIN_PARTS
    ]
    if not plain or any(k.startswith(own) for k in state_dict):
        return
    weights = {k[len(prefix):]: state_dict.pop(k) for k in plain}
    for k, v in trs_weights(weights, nets).items():
        state_dict[prefix + k] = v


def burn_in_weights(state: Dict, model: nn.Module, semi: bool) -> Dict:
    """A burn-in checkpoint's weights for every network of ``model``.

    Each trained network and its copies get the burn-in network of the same
    name (``f`` or ``g``); others (SSPCM's student ``s``) get ``f``'s; a
    plain top-down model (``semi=False``) gets ``f``'s.

    Args:
        state (dict): the burn-in's state dict (``net_f.*``, ``net_g.*``).
        model (nn.Module): the model to start, a semi-supervised estimator
            (``trained_names``, ``copy_names``) or a plain one.
        semi (bool): whether ``model`` is semi-supervised.

    Returns:
        dict: a state dict for ``model``.
    """
    plain = {n: plain_weights(state, n) for n in NETWORKS}
    if not semi:
        return plain['f']
    out = {}
    for name in model.trained_names + model.copy_names:
        src = source_name(name)
        out.update(trs_weights(plain[src if src in plain else 'f'], [name]))
    return out
