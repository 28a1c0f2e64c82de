"""Evaluate a checkpoint; for TRS configs every network is reported.

A wrapper of :mod:`mmpose_trs.tools.test`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.test import main

if __name__ == '__main__':
    main()
