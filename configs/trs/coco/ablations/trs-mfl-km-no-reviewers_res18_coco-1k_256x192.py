# Table VI: MFL + KM without reviewers. Paper: 44.8/56.8/60.5.
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(use_reviewers=False)
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
