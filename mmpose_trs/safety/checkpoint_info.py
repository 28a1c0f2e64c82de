"""Which weights a checkpoint holds: the final ones or a best-on-val pick."""
import os.path as osp

from .safe_checkpoint import load_checkpoint_file


def describe_checkpoint(path: str) -> dict:
    """Iteration, schedule length and kind of an MMEngine checkpoint.

    Returns:
        dict: ``iter``, ``max_iters`` (None if not recorded), ``kind``
        ('final', 'best' for ``best_*.pth`` files, or 'intermediate') and a
        one-line ``text`` saying which weights these are.
    """
    ckpt = load_checkpoint_file(path, mmap=True)
    it = int(ckpt.get('meta', {}).get('iter', 0))
    info = ckpt.get('message_hub', {}).get('runtime_info', {})
    max_iters = info.get('max_iters')
    name = osp.basename(path)
    if name.startswith('best_'):
        kind = 'best'
    elif max_iters is not None and it >= max_iters:
        kind = 'final'
    else:
        kind = 'intermediate'
    of = f' of {max_iters}' if max_iters is not None else ''
    text = {
        'final':
        f'{name}: the final weights (iteration {it}{of})',
        'best':
        f'{name}: the best validation checkpoint (iteration {it}'
        f'{of}), chosen on val as Xie et al. do; the final weights '
        'are the ones to report beside it',
        'intermediate':
        f'{name}: intermediate weights (iteration {it}{of})',
    }[kind]
    return dict(iter=it, max_iters=max_iters, kind=kind, text=text)
