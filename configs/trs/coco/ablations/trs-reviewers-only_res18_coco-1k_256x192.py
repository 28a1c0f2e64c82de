# Table VI: reviewers only (no MFL, no KM). Paper 1K/5K/10K: 45.7/56.9/60.6.
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

plain = dict(_base_.res18_plain, _delete_=True)  # replaces the MFL network
model = dict(net_f=plain, net_g=plain, pre_affine_aug=None)
