# The supervised baseline of the SimCC networks: the quick start's ResNet
# with a SimCC head on the labeled split only.
_base_ = ['./supervised_res18-half_synthetic-labeled.py']

model = dict(_base_.simcc_net, _delete_=True)
train_pipeline = _base_.easy_view + [
    dict(type='GenerateTarget', encoder=_base_.simcc_codec),
    dict(type='PackPoseInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
