"""Write a TRS (or Dual networks) config on top of an existing MMPose
top-down heatmap config (:mod:`mmpose_trs.apis.config_writer`; installed as
``mmpose-trs-config``).

A wrapper of :mod:`mmpose_trs.tools.trs_config`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.trs_config import main

if __name__ == '__main__':
    main()
