"""What is wrong with an image file: missing, empty, not an image (its first
bytes), and, decoding it, undecodable or truncated."""
import os.path as osp
from typing import Optional

import numpy as np

# leading bytes of the image formats OpenCV reads
SIGNATURES = (b'\xff\xd8\xff', b'\x89PNG', b'BM', b'GIF8', b'II*\x00',
              b'MM\x00*', b'RIFF')
#: the last bytes of a complete file, by leading bytes
ENDINGS = {b'\xff\xd8\xff': b'\xff\xd9', b'\x89PNG': b'IEND\xaeB`\x82'}


def image_problem(path: str) -> Optional[str]:
    """Why ``path`` cannot be an image (missing, empty, unknown format), or
    None; reads 8 bytes."""
    if not osp.isfile(path):
        return 'missing'
    with open(path, 'rb') as f:
        head = f.read(8)
    if not head:
        return 'empty file'
    if not head.startswith(SIGNATURES):
        return f'not an image (starts with {head!r})'
    return None


def decode_problem(path: str) -> Optional[str]:
    """:func:`image_problem`, then whether the whole file decodes: a JPEG or
    PNG whose end marker is missing is ``truncated``, a file OpenCV cannot
    decode ``undecodable``; None for a good image."""
    problem = image_problem(path)
    if problem:
        return problem
    with open(path, 'rb') as f:
        data = f.read()
    for head, end in ENDINGS.items():
        if data.startswith(head) and end not in data[-len(end) - 16:]:
            return f'truncated ({len(data)} bytes, no end-of-image marker)'
    import cv2
    if cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) is None:
        return f'undecodable ({len(data)} bytes)'
    return None
