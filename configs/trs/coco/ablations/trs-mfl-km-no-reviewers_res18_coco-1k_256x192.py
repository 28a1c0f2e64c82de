# Table VI: MFL + KM without reviewers. Paper: 44.8/56.8/60.5.
# 5K/10K rows: add --cfg-options with the 5k/10k split files (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(use_reviewers=False)
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
