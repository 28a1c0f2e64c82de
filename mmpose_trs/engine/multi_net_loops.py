"""Validation/test loops that evaluate several networks of one model in a
single pass over the data, with prefixed, merged metrics."""
import copy
from typing import Dict, Optional, Sequence

import torch
from mmengine.runner import TestLoop, ValLoop
from mmengine.runner.amp import autocast

from mmpose.registry import LOOPS
from ..utils.networks import ENSEMBLE, FG_MEAN, NETWORKS, unwrap


def merge_metrics(per_net: Dict[str, dict]) -> dict:
    """``{'f': {'coco/AP': .7}, ...}`` -> ``{'f/coco/AP': .7, ...}`` plus
    ``fg_mean/<metric>``, the mean of f's and g's metrics (the paper's
    number: a mean of two APs, not the AP of an ensemble)."""
    merged = {
        f'{net}/{k}': v
        for net, m in per_net.items()
        for k, v in m.items()
    }
    f, g = NETWORKS
    if f in per_net and g in per_net:
        for k, v in per_net[f].items():
            other = per_net[g].get(k)
            if isinstance(v, (int, float)) and isinstance(other, (int, float)):
                merged[f'{FG_MEAN}/{k}'] = (v + other) / 2.
    return merged


class _MultiNetMixin:
    """Shared machinery: one evaluator per network, predictions by name.
    Subclasses set ``stage`` ('val' or 'test', the hook names used)."""

    stage: str = ''

    def __init__(self,
                 runner,
                 dataloader,
                 evaluator,
                 networks: Optional[Sequence[str]] = None,
                 ensembles: Optional[Dict[str, Sequence[str]]] = None,
                 fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        self._setup_networks(runner, evaluator, networks, ensembles)

    def _setup_networks(self, runner, evaluator, networks, ensembles):
        model = unwrap(runner.model)
        available = getattr(model, 'predictor_names', None)
        if available is None:
            raise TypeError(f'{type(model).__name__} has no predictor_names; '
                            'use the plain ValLoop/TestLoop for it')
        self.networks = tuple(networks or available)
        bad = [n for n in self.networks if n not in available]
        if bad:
            raise ValueError(f'networks {bad} are not in the model; it has '
                             f'{tuple(available)}')
        trained = tuple(model.trained_names)
        if ensembles is None:  # the trained networks together, if several
            ensembles = {ENSEMBLE: trained} if len(trained) > 1 else {}
        self.ensembles = {k: tuple(v) for k, v in ensembles.items()}
        clash = set(self.ensembles) & set(self.networks + (FG_MEAN, ))
        if clash:
            raise ValueError(f'ensemble names {sorted(clash)} are names of '
                             'networks or of fg_mean; choose others')
        for name, nets in self.ensembles.items():
            model.check_target(nets, f'ensembles.{name}')
        self.evaluators = {}
        for name in self.networks + tuple(self.ensembles):
            ev = runner.build_evaluator(copy.deepcopy(evaluator))
            ev.dataset_meta = self.evaluator.dataset_meta
            self.evaluators[name] = ev

    def run(self) -> dict:
        stage = self.stage
        self.runner.call_hook(f'before_{stage}')
        self.runner.call_hook(f'before_{stage}_epoch')
        self.runner.model.eval()
        for idx, data_batch in enumerate(self.dataloader):
            self._run_batch(idx, data_batch)
        n = len(self.dataloader.dataset)
        metrics = merge_metrics({
            name: ev.evaluate(n)
            for name, ev in self.evaluators.items()
        })
        self.runner.call_hook(f'after_{stage}_epoch', metrics=metrics)
        self.runner.call_hook(f'after_{stage}')
        return metrics

    @torch.no_grad()
    def _run_batch(self, idx, data_batch):
        stage = self.stage
        self.runner.call_hook(
            f'before_{stage}_iter', batch_idx=idx, data_batch=data_batch)
        model = unwrap(self.runner.model)
        with autocast(enabled=self.fp16):
            data = model.data_preprocessor(data_batch, False)
            outputs = None
            names = self.networks + tuple(self.ensembles)
            targets = self.networks + tuple(self.ensembles.values())
            # each target overwrites pred_instances; the evaluator copies
            # what it needs before the next one predicts
            predictions = model.predict_targets(data['inputs'],
                                                data['data_samples'], targets)
            for name, (_, outputs) in zip(names, predictions):
                self.evaluators[name].process(
                    data_samples=outputs, data_batch=data_batch)
        self.runner.call_hook(
            f'after_{stage}_iter',
            batch_idx=idx,
            data_batch=data_batch,
            outputs=outputs)


@LOOPS.register_module()
class MultiNetValLoop(_MultiNetMixin, ValLoop):
    """Validate f, g and the reviewers (or the ``networks`` given) in one pass.

    Metrics are ``<net>/<metric>`` (``f/coco/AP``, ``reviewer_g/coco/AP``),
    ``<ensemble>/<metric>`` for each ensemble (``ensemble/coco/AP``: the
    trained networks' heatmaps averaged, then decoded; their decoded
    keypoints averaged for SimCC, RLE or mixed heads) and
    ``fg_mean/<metric>`` (the mean of f's and g's metrics); all are in one
    dict, so ``save_best`` accepts any. Each network runs once per batch,
    however many ensembles it is in.

    Args:
        runner (Runner): the runner.
        dataloader (dict | DataLoader): validation dataloader.
        evaluator (dict | list | Evaluator): evaluator config, built once per
            network.
        networks (Sequence[str], optional): networks to evaluate; defaults to
            all the model can predict with.
        ensembles (dict, optional): ``name -> networks`` evaluated as
            ensembles, e.g. ``dict(all4=('f', 'g', 'reviewer_f',
            'reviewer_g'))``. Defaults to ``ensemble``: the trained networks
            (none for a model with one); ``{}`` evaluates none.
        fp16 (bool): autocast. Defaults to False.
    """

    stage = 'val'


@LOOPS.register_module()
class MultiNetTestLoop(_MultiNetMixin, TestLoop):
    """Test counterpart of :class:`MultiNetValLoop` (same arguments)."""

    stage = 'test'
