# Supervised-only RTMPose-t (no EMA, as RTMPose-t), COCO 1K labeled (our
# protocol, no paper row).
_base_ = ['./rtmpose-m_coco-1k_256x192.py']

model = dict(
    _base_.rtmpose_t,
    _delete_=True,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['t']))
custom_hooks = _base_.custom_hooks[:-1]
