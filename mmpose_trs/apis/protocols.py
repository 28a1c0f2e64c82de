"""Evaluation protocols of the COCO tables, switchable at test time.

- ``'paper'`` (the paper's and Xie et al.'s): ground-truth person boxes, no
  flip test. The default of every COCO config here.
- ``'mmpose'`` (MMPose's model zoo): person boxes from a detection file
  (``COCO_val2017_detections_AP_H_56_person.json``) and flip test, so a network
  sits beside MMPose's published SimpleBaseline numbers.
"""
DEFAULT_DET_FILE = ('data/coco/person_detection_results/'
                    'COCO_val2017_detections_AP_H_56_person.json')


def _networks(model_cfg) -> list:
    """The TopdownPoseEstimator configs inside a model config."""
    if model_cfg.get('type') == 'TRSPoseEstimator':
        nets = [model_cfg['net_f']]
        if model_cfg.get('net_g') is not None:
            nets.append(model_cfg['net_g'])
        return nets
    return [model_cfg]


def apply_protocol(cfg, protocol: str, det_file: str = DEFAULT_DET_FILE):
    """Set the test/val boxes and flip test of ``cfg`` (in place)."""
    if protocol not in ('paper', 'mmpose'):
        raise ValueError(f"protocol must be 'paper' or 'mmpose', got "
                         f'{protocol!r}')
    zoo = protocol == 'mmpose'
    for net in _networks(cfg.model):
        net.setdefault('test_cfg', {})
        net['test_cfg'].update(flip_test=zoo, flip_mode='heatmap',
                               shift_heatmap=True)
    for key in ('val_dataloader', 'test_dataloader'):
        loader = cfg.get(key)
        if loader is None:
            continue
        if zoo:
            loader['dataset']['bbox_file'] = det_file
        else:
            loader['dataset'].pop('bbox_file', None)
    return cfg
