"""Access to the built transforms of a dataset's pipeline."""
from typing import Any


def pipeline_transforms(dataset: Any) -> list:
    """The built transforms of a dataset's pipeline (the list itself, so
    that inserting into it changes the pipeline); ``[]`` if it has none.

    Args:
        dataset (BaseDataset): a built dataset.
    """
    return getattr(getattr(dataset, 'pipeline', None), 'transforms', [])
