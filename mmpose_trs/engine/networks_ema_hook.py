"""RTMPose's ``EMAHook`` on a semi-supervised model: the trained networks
averaged, the reviewers not."""
import torch.nn as nn
from mmengine.hooks import EMAHook
from mmengine.registry import MODELS as ENGINE_MODELS
from mmengine.runner import Runner

from mmpose.registry import HOOKS
from ..utils.networks import module_name, unwrap


@HOOKS.register_module()
class NetworksEMAHook(EMAHook):
    """MMEngine's ``EMAHook`` (RTMPose's ``ExpMomentumEMA``, its momentum,
    swap at validation, test and checkpoint) over the trained networks of a
    semi-supervised estimator only: ``net_f``, ``net_g`` (and SSPCM's
    ``net_s``).

    What each average holds: this hook keeps an EMA of the trained
    networks, validated, tested and saved in their place, as RTMPose does
    for its one network; ``ReviewerEMAHook`` averages the raw trained
    weights of every training step into the reviewers, which this hook
    never touches (they are not in its averaged copy). So no parameter is
    averaged twice, and a reviewer stays the average of its network's
    trained weights, not of an average. Checkpoints carry the averaged
    networks under ``ema_state_dict`` with the keys of the model
    (``module.net_f.*``), as ``EMAHook`` saves them.

    Args: those of ``EMAHook`` (``ema_type``, ``momentum``,
    ``update_buffers``, ``begin_iter``, ...).
    """

    def before_run(self, runner: Runner) -> None:
        model = unwrap(runner.model)
        names = getattr(model, 'trained_names', None)
        if not names:
            raise TypeError('NetworksEMAHook averages the trained networks '
                            'of a semi-supervised estimator; use EMAHook for '
                            f'{type(model).__name__}')
        # the live modules under the model's own names: swapping and saving
        # address net_f.*, net_g.* of the model's state dict
        self.src_model = nn.ModuleDict(
            {module_name(n): model.network(n)
             for n in names})
        self.ema_model = ENGINE_MODELS.build(
            self.ema_cfg, default_args=dict(model=self.src_model))
