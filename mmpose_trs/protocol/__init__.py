"""The protocol card: what a config really runs, computed from the objects
it builds, beside the protocol it claims (``tools/analysis/protocol_card.py``).
"""
from .card import protocol_card
from .expected import check_card, expected_protocol, load_table

__all__ = ['protocol_card', 'check_card', 'expected_protocol', 'load_table']
