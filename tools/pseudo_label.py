"""Pseudo-label unlabeled person boxes with a trained top-down model and write
a COCO keypoint file (PseudoPose; DataDistill with --flip and --scales).

A wrapper of :mod:`mmpose_trs.tools.pseudo_label`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.pseudo_label import main

if __name__ == '__main__':
    main()
