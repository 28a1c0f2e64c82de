# MFL head and the GroundTruthKeypointMix transform in a plain MMPose model
# (no TRS): the supervised baseline with both plugin components.
_base_ = ['./supervised_res18-half_synthetic-labeled.py']

model = _base_.mfl_net
train_dataloader = dict(dataset=dict(pipeline=_base_.labeled_km_pipeline))
