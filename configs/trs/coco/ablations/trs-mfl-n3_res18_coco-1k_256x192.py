# Table VII: MFL with the last three stages (n = 3). Paper: 50.0 (n = 2: 50.9).
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

mfl3 = dict(
    backbone=dict(out_indices=(1, 2, 3)),
    head=dict(in_channels=(128, 256, 512)))
model = dict(net_f=mfl3, net_g=mfl3)
