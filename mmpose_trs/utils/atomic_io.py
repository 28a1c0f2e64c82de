"""Writing files so that a crash never leaves a half-written one."""
import os


def atomic_write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through ``<path>.tmp``, flushed to disk,
    and a rename (atomic on one file system)."""
    tmp = f'{path}.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
