"""Train a model from a config (TRS or any MMPose config).

A wrapper of :mod:`mmpose_trs.tools.train`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.train import main

if __name__ == '__main__':
    main()
