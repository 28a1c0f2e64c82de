"""The protocol a config really runs, computed from the objects it builds.

Networks, optimizer, parameter schedulers, pipeline transforms and the
hard-view affine are built from the config and read or sampled; dataset
sizes come from the data when it is present, else from the config's
declared ``expected_sizes`` (the card says which).
"""
import os.path as osp
from typing import Dict, List, Optional, Tuple

from mmengine.config import Config
from mmengine.registry import init_default_scope
from torch import nn
from torch.nn.modules.batchnorm import _BatchNorm

from mmpose.registry import DATASETS, MODELS
from ..utils.branches import SOURCES, source_configs
from ..utils.rng import seeded
from .sampling import hard_view_stats, pipeline_stats
from .schedule import hook_lines, per_step_counts, schedule_lines


def train_sources(cfg: Config) -> List[dict]:
    """Dataset configs of the training stream: [labeled] or [labeled,
    unlabeled]."""
    return source_configs(cfg.train_dataloader.dataset)


def source_sizes(cfg: Config, build_data: bool) -> Tuple[List, str]:
    """Lengths of the sources, built from the data when every file exists,
    else the config's ``expected_sizes``."""
    sources = train_sources(cfg)
    if build_data and all(_files_exist(d) for d in sources):
        return [len(DATASETS.build(d)) for d in sources], 'data'
    expected = cfg.get('expected_sizes') or {}
    return [expected.get(n) for n in SOURCES[:len(sources)]], 'declared'


def _files_exist(ds: dict) -> bool:
    root = ds.get('data_root', '') or ''
    files = [ds.get('ann_file'), ds.get('det_file')]
    return all(osp.isfile(osp.join(root, f)) for f in files if f)


def batch_lines(cfg: Config, model: nn.Module, gpus: int) -> dict:
    """Crops per step (global) and BatchNorm normalisation groups."""
    per_step = per_step_counts(cfg)
    sync = cfg.get('sync_bn') is not None and gpus > 1
    group = gpus if sync else 1
    lines = {
        'batch.gpus':
        gpus,
        'batch.sync_bn':
        sync,
        'batch.labeled_per_step':
        per_step[0] * gpus,
        'batch.unlabeled_per_step':
        (per_step[1] * gpus if len(per_step) > 1 else 0)
    }
    if not any(isinstance(m, _BatchNorm) for m in model.modules()):
        return lines
    if hasattr(model, 'student_forward'):
        n_l, n_u = per_step
        teacher = (
            n_u * group
            if model.teacher_bn_mode == 'train' else 'running statistics')
        student = ([(n_l + n_u) * group] if model.student_forward == 'joint'
                   else [n_l * group, n_u * group])
        lines.update({
            'bn.teacher_group': teacher,
            'bn.student_groups': student
        })
    else:
        lines['bn.student_groups'] = [per_step[0] * group]
    return lines


def loss_lines(model: nn.Module) -> dict:
    """Loss weights per student and the unlabeled : labeled ratio."""
    if not hasattr(model, 'sup_weight'):
        return {'loss.sup_weight': 1.0, 'loss.guides': []}
    guides = ['teacher'] + (['reviewer']
                            if getattr(model, 'use_reviewers', False) else [])
    ratio = model.unsup_weight / model.sup_weight
    return {
        'loss.sup_weight': model.sup_weight,
        'loss.unsup_weight_per_guide': model.unsup_weight,
        'loss.guides': guides,
        'loss.unsup_to_sup_per_guide': round(ratio, 3),
        'loss.unsup_to_sup_total': round(ratio * len(guides), 3),
        'loss.burn_in_iters': model.burn_in_iters
    }


def augmentation_lines(cfg: Config, model: nn.Module) -> dict:
    """Easy view (labeled pipeline, and whether the unlabeled one draws the
    same) and hard view, measured by sampling."""
    sources = train_sources(cfg)
    easy = pipeline_stats(sources[0].get('pipeline'))
    lines = {f'easy.{k}': v for k, v in easy.items()}
    if len(sources) > 1:
        unl = pipeline_stats(sources[1].get('pipeline'))
        lines['easy.unlabeled_same_as_labeled'] = all(
            _close(easy[k], unl[k]) for k in easy)
    if hasattr(model, 'hard_view'):
        lines.update({
            f'hard.{k}': v
            for k, v in hard_view_stats(model.hard_view).items()
        })
        lines['hard.pre_affine_aug'] = repr(model.pre_affine_aug)
        if model.num_paths > 1:
            lines['hard.paths'] = [[repr(a) for a in path]
                                   for path in model.hard_paths]
    return lines


def _close(a, b, tol: float = 0.03) -> bool:
    if isinstance(a, list):
        return all(_close(x, y, tol) for x, y in zip(a, b))
    return abs(a - b) <= tol * max(1., abs(a))


def data_lines(cfg: Config, sizes: List, origin: str) -> dict:
    """Split files and sizes, the unlabeled pool's rule."""
    sources = train_sources(cfg)
    lines = {
        'split.sizes_from': origin,
        'split.labeled_file': sources[0].get('ann_file'),
        'split.labeled_size': sizes[0],
        'split.rule': _split_rule(sources[0])
    }
    if len(sources) > 1:
        unl = sources[1]
        lines.update({
            'split.unlabeled_size': sizes[1],
            'pool.file': unl.get('det_file') or unl.get('ann_file'),
            'pool.boxes':
            'detections' if unl.get('det_file') else 'ground truth',
            'pool.score_thr': unl.get('score_thr', 0.),
            'pool.instance_filter': unl.get('instance_filter', 'box')
        })
    return lines


def _split_rule(ds: dict) -> str:
    """The rule recorded in the split's ``<name>_ids.json`` beside it."""
    import json
    ann = osp.join(ds.get('data_root', '') or '', ds.get('ann_file', ''))
    ids = ann.replace('_labeled.json', '_ids.json')
    if ids == ann or not osp.isfile(ids):
        return 'not recorded (no ids file beside the labeled file)'
    with open(ids) as f:
        rec = json.load(f)
    return rec.get('rule', rec.get('protocol', 'unknown'))


def evaluation_lines(cfg: Config, model: nn.Module) -> dict:
    """Evaluation boxes, flip test per network, model selection."""
    val = cfg.val_dataloader.dataset
    nets = ([model.network(n) for n in model.trained_names] if hasattr(
        model, 'trained_names') else [model])
    ckpt = cfg.default_hooks.get('checkpoint', {})
    return {
        'test.boxes': val.get('bbox_file') or 'ground truth',
        'test.flip': [bool(n.test_cfg.get('flip_test', False)) for n in nets],
        'test.evaluator': cfg.val_evaluator.get('type'),
        'test.best_checkpoint_by': ckpt.get('save_best'),
        'init.f': _init(nets[0]),
        'init.g': _init(nets[-1])
    }


def _init(net) -> Optional[str]:
    init = getattr(net.backbone, 'init_cfg', None) or {}
    return init.get('checkpoint')


def protocol_card(cfg: Config,
                  num_gpus: Optional[int] = None,
                  build_data: bool = True) -> Dict[str, object]:
    """The card of ``cfg``: a flat dict ``key -> value``.

    Args:
        cfg (Config): a loaded config.
        num_gpus (int, optional): GPUs it runs on; defaults to the config's
            ``num_gpus`` (1 if absent).
        build_data (bool): read dataset sizes from the data when present.
    """
    init_default_scope(cfg.get('default_scope', 'mmpose'))
    gpus = num_gpus or cfg.get('num_gpus', 1)
    model = MODELS.build(cfg.model)
    sizes, origin = source_sizes(cfg, build_data)
    card = {}
    card.update(schedule_lines(cfg, model, sizes, gpus))
    card.update(batch_lines(cfg, model, gpus))
    card.update(loss_lines(model))
    with seeded(0):
        card.update(augmentation_lines(cfg, model))
    card.update(data_lines(cfg, sizes, origin))
    card.update(evaluation_lines(cfg, model))
    card.update(hook_lines(cfg))
    return card
