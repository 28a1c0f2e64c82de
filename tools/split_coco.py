"""Write labeled/unlabeled annotation files from a COCO keypoints json.

A wrapper of :mod:`mmpose_trs.tools.split_coco`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.split_coco import main

if __name__ == '__main__':
    main()
