"""Detect persons in a folder of unlabeled images with an MMDetection model
and write boxes for ``UnlabeledPersonDataset`` (ann_file + det_file).

A wrapper of :mod:`mmpose_trs.tools.detect_persons`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.detect_persons import main

if __name__ == '__main__':
    main()
