# MultiAugs (Zhou et al. 2024): Dual networks with two hard views per crop
# (SSCO + Cutout, Joint Cutout + CutMix) sharing one affine and one teacher
# pass; each view's loss is added.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _base_.multiaugs, use_reviewers=False, hard_paths=_base_.multiaugs_paths)
custom_hooks = _base_.quick_semi_hooks  # no ReviewerEMAHook
