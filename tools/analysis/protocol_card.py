"""Print the protocol a config really runs, beside the protocol it claims.

A wrapper of :mod:`mmpose_trs.tools.protocol_card`,
so that the command runs from a clone as from an install.
"""
import sys

from mmpose_trs.tools.protocol_card import main

if __name__ == '__main__':
    sys.exit(main())
