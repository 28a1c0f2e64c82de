# Xie et al.'s Dual networks: TRS without reviewers (no EMA hook).
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(use_reviewers=False)
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
