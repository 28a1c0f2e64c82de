# TRS with a mixed pair: a heatmap f (the quick start's SimpleBaseline)
# and a SimCC g teach each other in keypoint space, each encoding the
# other's keypoints in its own codec.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(net_g=dict(_base_.simcc_net, _delete_=True))
