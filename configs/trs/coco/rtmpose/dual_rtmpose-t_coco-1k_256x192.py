# Dual networks, RTMPose-t (no EMA, as RTMPose-t), COCO 1K labeled (our
# protocol, no paper row).
_base_ = ['./dual_rtmpose-m_coco-1k_256x192.py']

model = dict(net_f=_base_.rtmpose_t, net_g=_base_.rtmpose_t)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['t']))
custom_hooks = _base_.safety_hooks + [_base_.stage2_switch]
