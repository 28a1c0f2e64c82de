"""Export one network of a TRS checkpoint as a plain MMPose config +
checkpoint, loadable by ``mmpose.apis.init_model`` without this plugin.

A wrapper of :mod:`mmpose_trs.tools.export_model`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.export_model import main

if __name__ == '__main__':
    main()
