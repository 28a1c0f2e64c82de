# TRS with SimCC networks (the quick start's ResNet with RTMPose's codec and
# loss): the guides' keypoints are decoded, moved into each student's hard
# view and encoded as SimCC labels (keypoint-space targets); no
# Keypoint-Mix, as trs_res18-half_synthetic.py.
_base_ = ['./trs_res18-half_synthetic.py']

simcc = dict(_base_.simcc_net, _delete_=True)
model = dict(net_f=simcc, net_g=simcc)
