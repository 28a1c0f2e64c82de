"""The two sources of a semi-supervised training set and the mark that says
which one a sample comes from.

One definition for the dataset that sets the mark
(:class:`mmpose_trs.datasets.LabeledUnlabeledDataset`), the estimators that
split a batch by it, the loops and samplers that count the sources, and the
config tools that find the sources' dataset configs.
"""
from typing import List

#: the sources of the mixed stream, in the dataset's order
SOURCES = ('labeled', 'unlabeled')
#: the metainfo field of a data sample that names its source
BRANCH_KEY = 'semi_branch'
#: runtime info (MessageHub) key: iterations in one epoch of the mixed
#: stream, set by ``MixedEpochTrainLoop``
EPOCH_ITERS = 'mixed_epoch_iters'


def source_configs(dataset_cfg: dict) -> List[dict]:
    """The dataset configs inside a training-set config: ``[labeled,
    unlabeled]`` of a :class:`LabeledUnlabeledDataset`, the parts of a
    ``ConcatDataset``, or ``[dataset_cfg]``."""
    if 'labeled' in dataset_cfg and 'unlabeled' in dataset_cfg:
        return [dataset_cfg[name] for name in SOURCES]
    return list(dataset_cfg.get('datasets', [dataset_cfg]))
