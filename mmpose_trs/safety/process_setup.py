"""The project's two process-wide settings, in one place, turned on only by
importing this module (or calling :func:`setup_process`):

1. **Safe checkpoint loading.** torch loads checkpoints with
   ``weights_only=True``; MMEngine checkpoints also hold numpy arrays and
   MMEngine's ``HistoryBuffer``, which torch refuses. The exact globals that
   rebuild them are added to torch's allow-list (:mod:`.safe_checkpoint`);
   everything else stays refused.
2. **Annotation-file errors that name the file.** MMPose's COCO-style
   datasets (COCO, MPII, AI Challenger, CrowdPose, ...) read their
   ``ann_file`` in ``BaseCocoStyleDataset.load_data_list``; a truncated or
   malformed file then fails without its name. That method is wrapped so the
   error names the file (:mod:`.annotation_errors`).

The project's configs turn them on with::

    custom_imports = dict(
        imports=['mmpose_trs', 'mmpose_trs.safety.process_setup'],
        allow_failed_imports=False)

and ``tools/*.py`` call :func:`setup_process`. ``import mmpose_trs`` alone
registers components and changes nothing else. Both steps are idempotent.
"""
from .annotation_errors import install as name_annotation_files
from .safe_checkpoint import allow_mmengine_checkpoints


def setup_process() -> None:
    """Turn both settings on (idempotent)."""
    allow_mmengine_checkpoints()
    name_annotation_files()


setup_process()
