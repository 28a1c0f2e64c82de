"""AP of a pseudo-label file against ground truth held out for the check.

A wrapper of :mod:`mmpose_trs.tools.pseudo_label_ap`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.pseudo_label_ap import main

if __name__ == '__main__':
    main()
