# Dual networks, RTMPose-s, COCO 1K labeled (our protocol, no paper row).
_base_ = ['./dual_rtmpose-m_coco-1k_256x192.py']

model = dict(net_f=_base_.rtmpose_s, net_g=_base_.rtmpose_s)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['s']))
