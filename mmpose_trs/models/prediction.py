"""Prediction by a semi-supervised estimator: by one network's name, or by
an ensemble of names (:mod:`.ensemble`); mixed into
:class:`~.semi_base.SemiPoseEstimator`, which provides ``network(name)``,
``predictor_names`` and ``test_cfg['predict_on']``."""
from typing import Iterator, List, Optional, Sequence

from torch import Tensor

from .ensemble import Target, check_ensemble, members, predict_targets
from .network_ops import check_choice


class PredictionMixin:
    """``predict``, ``predict_targets`` and the ``'tensor'`` forward of a
    model whose networks have names."""

    def check_target(self, target: Target, what: str = 'net') -> None:
        """Raise unless ``target`` is a network that predicts, or an
        ensemble of such networks of one crop size."""
        names = members(target)
        if not names:
            raise ValueError(f'{what} names no network')
        for name in names:
            check_choice(what, name, self.predictor_names)
        if len(names) > 1:
            check_ensemble({n: self.network(n) for n in names})

    def predict(self,
                inputs: Tensor,
                data_samples: List,
                net: Optional[Target] = None) -> List:
        """Predict with the network ``net`` (default ``test_cfg.predict_on``)
        through MMPose's own top-down ``predict`` (flip test, decoding), or
        with an ensemble of networks, e.g. ``('f', 'g')``: their heatmaps
        averaged in the crop frame, then decoded, or (heads of other codecs,
        SimCC, RLE) their decoded keypoints averaged (:mod:`.ensemble`)."""
        target = net or self.test_cfg['predict_on']
        self.check_target(target)
        if len(members(target)) == 1:
            return self.network(members(target)[0]).predict(
                inputs, data_samples)
        (_, samples), = self.predict_targets(inputs, data_samples, [target])
        return samples

    def predict_targets(self, inputs: Tensor, data_samples: List,
                        targets: Sequence[Target]) -> Iterator[tuple]:
        """Every target (network or ensemble) on one batch, each network run
        once (:func:`.ensemble.predict_targets`); yields ``(target,
        data_samples)``."""
        for target in targets:
            self.check_target(target)
        return predict_targets(self.network, inputs, data_samples, targets)

    def _forward(self, inputs: Tensor, data_samples=None):
        """Raw outputs of the predicting network (an ensemble's first)."""
        name = members(self.test_cfg['predict_on'])[0]
        return self.network(name)._forward(inputs)
