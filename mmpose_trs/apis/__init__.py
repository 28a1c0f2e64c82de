"""User-facing helpers of mmpose-trs: export of one network, the config
writer (your MMPose config to a TRS config)."""
from .config_writer import config_text, method_settings, write_config
from .export import export_network, plain_config, plain_state_dict

__all__ = [
    'export_network', 'plain_config', 'plain_state_dict', 'config_text',
    'method_settings', 'write_config'
]
