# Table VI: reviewers + KM (no MFL); also Table VII n = 1.
# Paper: 48.4/58.6/61.8.
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

plain = dict(_base_.res18_plain, _delete_=True)  # replaces the MFL network
model = dict(net_f=plain, net_g=plain)
