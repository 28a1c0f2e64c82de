"""User-facing helpers of mmpose-trs."""
from .export import export_network, plain_config, plain_state_dict

__all__ = ['export_network', 'plain_config', 'plain_state_dict']
