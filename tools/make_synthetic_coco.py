"""Write the embedded synthetic COCO-format person-keypoint dataset.

A wrapper of :mod:`mmpose_trs.tools.make_synthetic_coco`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.make_synthetic_coco import main

if __name__ == '__main__':
    main()
