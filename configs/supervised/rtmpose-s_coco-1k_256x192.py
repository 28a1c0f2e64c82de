# Supervised-only RTMPose-s, COCO 1K labeled (our protocol, no paper row).
_base_ = ['./rtmpose-m_coco-1k_256x192.py']

model = dict(
    _base_.rtmpose_s,
    _delete_=True,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['s']))
