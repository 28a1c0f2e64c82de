"""How accurate are the students' targets? Measured against hidden keypoints
of the unlabeled crops (:class:`~mmpose_trs.datasets.HideKeypoints`)."""
import json
import os.path as osp
from itertools import combinations
from typing import Optional, Sequence

import torch
from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner
from torch import Tensor

from mmpose.registry import HOOKS
from ..models.batch_split import is_labeled
from ..models.hard_view import points_to_hard, rescale_affine, warp
from ..models.target_record import TargetRecord
from ..utils.networks import unwrap
from .target_metrics import agreement, hard_truth, target_accuracy

#: the metrics also logged with the losses (the file holds every one)
LOGGED = ('pck_all', 'err_all')


@HOOKS.register_module()
class TargetAccuracyHook(Hook):
    """Every ``interval`` iterations, the accuracy of each guide's targets of
    each student, in the student's hard frame, against the hidden truth.

    Targets are heatmaps (their peaks are judged) or, in keypoint space
    (SimCC and regression networks, mixed pairs), keypoints. Guides are the
    roles of the step (TRS: ``teacher``, ``reviewer``; SSPCM:
    ``pcm``, PCM's chosen pair; ...) plus ``ensemble``: the mean of the
    ``ensemble`` networks' easy-view heatmaps, warped as the student's
    targets (not a guide of any method: what it would give). Per guide:
    PCK at ``thr`` of the box size and mean error in pixels, for all
    labeled, visible and occluded keypoints (:mod:`.target_metrics`), and
    per student the agreement of every two roles. Each measured step is one
    line of ``<log_dir>/<file>``; PCK and error are logged with the losses
    as ``tgt_<student>_<role>_pck_all`` / ``..._err_all``.

    Steps without unlabeled targets (burn-in) are not measured. Recording
    detaches copies and draws no random numbers: a measured step trains as
    an unmeasured one.

    Args:
        interval (int): measure every so many iterations. Defaults to 50.
        thr (float): PCK threshold, a share of the box size. Defaults to
            0.05.
        ensemble (Sequence[str]): the networks averaged for the
            ``ensemble`` guide; skipped when the step has not all of them.
            Defaults to ('f', 'g').
        file (str): JSON-lines file in the log directory. Defaults to
            'target_accuracy.jsonl'.
    """

    priority = 'LOW'

    def __init__(self,
                 interval: int = 50,
                 thr: float = 0.05,
                 ensemble: Sequence[str] = ('f', 'g'),
                 file: str = 'target_accuracy.jsonl'):
        if interval < 1 or not 0 < thr < 1:
            raise ValueError('TargetAccuracyHook needs interval >= 1 and '
                             f'0 < thr < 1, got {interval}, {thr}')
        self.interval = interval
        self.thr = thr
        self.ensemble = tuple(ensemble)
        self.file = file

    def before_train(self, runner: Runner) -> None:
        if not hasattr(unwrap(runner.model), 'target_record'):
            raise TypeError('TargetAccuracyHook measures the targets of a '
                            'semi-supervised estimator (TRS, SSPCM, '
                            f'Single); the model is '
                            f'{type(unwrap(runner.model)).__name__}')

    def before_train_iter(self,
                          runner: Runner,
                          batch_idx: int,
                          data_batch: DATA_BATCH = None) -> None:
        if self.every_n_train_iters(runner, self.interval):
            unwrap(runner.model).target_record = TargetRecord()

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        model = unwrap(runner.model)
        record, model.target_record = model.target_record, None
        if record is None or not record.students:
            return
        result = self.measure(record, unlabeled_truth(data_batch))
        for student, roles in result.items():
            for role, metrics in roles.items():
                for key in LOGGED:
                    if key in metrics:
                        runner.message_hub.update_scalar(
                            f'train/tgt_{student}_{role}_{key.split("_")[0]}',
                            metrics[key])
        line = dict(iter=runner.iter + 1, targets=result)
        with open(osp.join(runner.log_dir, self.file), 'a') as f:
            f.write(json.dumps(line) + '\n')

    @staticmethod
    def moved(easy: Tensor, matrix: Tensor, scale: tuple) -> Tensor:
        """Easy-view targets in the hard view: heatmaps [N, K, h, w]
        warped, keypoints [N, K, 2+] moved."""
        if easy.dim() == 3:
            return points_to_hard(easy[..., :2], matrix)
        return warp(easy, rescale_affine(matrix, 1. / scale[0], 1. / scale[1]))

    def measure(self, record: TargetRecord, truth: dict) -> dict:
        """``{student: {role: metrics}}`` of one recorded step, with
        ``agree_<a>_<b>`` between the roles of each student."""
        out = {}
        scale = record.heatmap_scale
        for student, rec in record.students.items():
            device = rec['mask'].device
            hard = hard_truth(
                *(truth[k].to(device) for k in ('points', 'visible', 'box')),
                rec['matrix'], rec['mask'], scale)
            targets = dict(rec['targets'])
            if all(name in record.easy for name in self.ensemble):
                mean = torch.stack([record.easy[n]
                                    for n in self.ensemble]).mean(0)
                targets['ensemble'] = self.moved(mean, rec['matrix'], scale)
            out[student] = {
                role: target_accuracy(t, hard, scale, self.thr)
                for role, t in targets.items()
            }
            for a, b in combinations(rec['targets'], 2):
                out[student][f'agree_{a}_{b}'] = dict(
                    agreement=agreement(targets[a], targets[b], hard, scale,
                                        self.thr))
        return out


def unlabeled_truth(data_batch: dict) -> dict:
    """The hidden keypoints of the batch's unlabeled samples, in batch order
    (the order the model's unlabeled crops have): ``points`` [N_u, K, 2],
    ``visible`` [N_u, K], ``box`` [N_u].

    Raises:
        ValueError: an unlabeled sample carries no hidden keypoints.
    """
    samples = [s for s in data_batch['data_samples'] if not is_labeled(s)]
    missing = [
        s.metainfo.get('img_path', '?') for s in samples
        if 'hidden_keypoints' not in s.gt_instances
    ]
    if missing:
        raise ValueError(
            f'TargetAccuracyHook: unlabeled samples without hidden keypoints '
            f'(e.g. {missing[0]}); give the unlabeled dataset '
            'hidden_keypoints_file and HideKeypoints in its pipeline')

    def field(name):
        return torch.cat([
            torch.as_tensor(s.gt_instances[name], dtype=torch.float32)
            for s in samples
        ])

    return dict(
        points=field('hidden_keypoints'),
        visible=field('hidden_keypoints_visible'),
        box=field('hidden_box_size'))
