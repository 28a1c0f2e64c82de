# Dual networks (Xie et al.: no reviewers, Joint Cutout at every teacher
# keypoint) with RTMPose-m f and g, COCO 1K labeled, on the schedule of the
# TRS RTMPose rows (our protocol, no paper row), so that the two differ in
# the method only. Main config of the Dual RTMPose rows.
_base_ = ['./trs_rtmpose-m_coco-1k_256x192.py']

model = dict(_base_.dual_networks)
# no ReviewerEMAHook; RTMPose's stage 2 and EMA of f and g
custom_hooks = _base_.safety_hooks + [
    _base_.stage2_switch, _base_.networks_ema
]
