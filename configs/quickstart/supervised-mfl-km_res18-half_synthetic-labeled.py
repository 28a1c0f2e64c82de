# MFL head and the KeypointMix transform in a plain MMPose model (no TRS):
# the supervised baseline with both plugin components.
_base_ = ['./supervised_res18-half_synthetic-labeled.py']

model = dict(
    backbone=dict(out_indices=(2, 3)),
    head=dict(
        _delete_=True, type='MultiLevelHeatmapHead', in_channels=(128, 256),
        out_channels=17, deconv_out_channels=(128, 128),
        deconv_kernel_sizes=(4, 4), level_deconv_layers=(2, 2),
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder={{_base_.codec}}))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_.labeled_km_pipeline}}))
