"""Safety of training runs, apart from the method: hooks that fail fast
before iteration 1 (:class:`StartupCheckHook`), stop at the first
non-finite loss (:class:`NonFiniteLossHook`), resume bit-exactly
(:class:`ExactResumeHook`), never lose the last good checkpoint
(:class:`AtomicCheckpointHook`) and stop a pre-empted run with a checkpoint
of the iteration reached (:class:`PreemptionHook`); and the two
process-wide settings that importing :mod:`mmpose_trs.safety.process_setup`
turns on (safe checkpoint loading, annotation-file errors that name the
file).

Importing this package registers the hooks and changes nothing else.
"""
from .annotation_errors import AnnotationFileError
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .bad_sample_hook import BadSampleHook
from .exact_resume_hook import ExactResumeHook
from .non_finite_loss_hook import NonFiniteLossError, NonFiniteLossHook
from .preemption_hook import PREEMPTED, PreemptionHook
from .startup_check_hook import StartupCheckHook

__all__ = [
    'AtomicCheckpointHook', 'ExactResumeHook', 'NonFiniteLossError',
    'NonFiniteLossHook', 'StartupCheckHook', 'AnnotationFileError',
    'PreemptionHook', 'PREEMPTED', 'BadSampleHook'
]
