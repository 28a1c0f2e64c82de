"""Keypoint-Mix (section IV-D) and square-patch operations on image batches.

All functions are batched tensor code (no per-pixel Python loops) and run on
the device of their inputs.

Symbols:
    N: batch size; C: channels; H, W: image size
    K: keypoints; k: keypoints mixed per image; s: patch side in pixels
"""
from typing import Optional, Tuple, Union

import torch
from torch import Tensor


def choose_keypoints(valid: Tensor,
                     k: int,
                     generator: Optional[torch.Generator] = None
                     ) -> Tuple[Tensor, Tensor]:
    """Pick ``k`` valid keypoints per image uniformly at random.

    Args:
        valid (Tensor): [N, K] bool, which keypoints may be chosen.
        k (int): how many to pick; images with fewer valid keypoints get all
            of theirs.
        generator (torch.Generator, optional): random source (on the device
            of ``valid``); the global one by default.

    Returns:
        tuple: indices [N, k'] with ``k' = min(k, K)`` and a bool mask
        [N, k'] of which picks are real (valid).
    """
    k = min(k, valid.shape[1])
    scores = torch.rand(valid.shape, device=valid.device, generator=generator)
    scores = torch.where(valid, scores, torch.full_like(scores, -1.))
    top, idx = scores.topk(k, dim=1)
    return idx, top >= 0


def patch_index(centers: Tensor, size: int, height: int,
                width: int) -> Tuple[Tensor, Tensor]:
    """Flat pixel indices of square patches around ``centers``.

    Args:
        centers (Tensor): [N, k, 2] (x, y) pixel coordinates (rounded).
        size (int): patch side s; the patch covers
            ``[c - s // 2, c - s // 2 + s)`` in x and y.

    Returns:
        tuple: indices [N, k, s, s] into ``H * W`` (clamped), and a bool mask
        [N, k, s, s] of the pixels inside the image (border clipping).
    """
    c = centers.round().long() - size // 2
    offs = torch.arange(size, device=centers.device)
    ys = c[..., 1, None, None] + offs[:, None]  # [N, k, s, 1]
    xs = c[..., 0, None, None] + offs[None, :]  # [N, k, 1, s]
    inside = (ys >= 0) & (ys < height) & (xs >= 0) & (xs < width)
    flat = ys.clamp(0, height - 1) * width + xs.clamp(0, width - 1)
    return flat, inside


def paste_patches(images: Tensor, flat: Tensor, mask: Tensor,
                  values: Tensor) -> Tensor:
    """Write ``values`` [N, C, k, s, s] at ``flat`` where ``mask``
    [N, k, s, s]; where patches overlap the later patch wins (as pasting
    them one after another), so the result is deterministic on any device.

    Returns:
        Tensor: a new [N, C, H, W] tensor.
    """
    n, c, h, w = images.shape
    k = flat.shape[1]
    order = torch.arange(1, k + 1, device=images.device).view(1, k, 1, 1)
    owner = torch.zeros(n, h * w + 1, dtype=torch.long, device=images.device)
    trash = h * w  # masked writes go to an extra column that is dropped
    idx = torch.where(mask, flat, torch.full_like(flat, trash)).flatten(1)
    owner.scatter_reduce_(1, idx, order.expand_as(flat).flatten(1), 'amax')
    wins = mask & (owner.gather(1, flat.flatten(1)).view_as(flat) == order)
    idx = torch.where(wins, flat, torch.full_like(flat, trash)).flatten(1)
    out = torch.cat([images.flatten(2), images.new_zeros(n, c, 1)], 2)
    out.scatter_(2, idx[:, None].expand(n, c, -1), values.flatten(2))
    return out[..., :trash].view(n, c, h, w)


def keypoint_mix(images: Tensor,
                 keypoints: Tensor,
                 valid: Tensor,
                 k: int,
                 patch_size: int,
                 generator: Optional[torch.Generator] = None
                 ) -> Tuple[Tensor, Tensor, Tensor]:
    """Keypoint-Mix: average the patches around ``k`` keypoints of each image
    and paste the average back over each of them.

    For every image, ``k`` valid keypoints are drawn; a square patch of side
    ``patch_size`` is cut around each (clipped at the image border); the
    patches are averaged pixel-wise (a pixel position counts only the patches
    that are inside the image there) and the average is pasted back at every
    chosen location. Pixels outside the patches are unchanged. With fewer
    than ``k`` valid keypoints all valid ones are mixed; with none the image
    is unchanged.

    Args:
        images (Tensor): [N, C, H, W].
        keypoints (Tensor): [N, K, 2] (x, y) in pixels of ``images``.
        valid (Tensor): [N, K] bool (visible / confident keypoints).
        k (int): keypoints mixed per image.
        patch_size (int): patch side in pixels.
        generator (torch.Generator, optional): random source.

    Returns:
        tuple: mixed images [N, C, H, W], chosen keypoint indices [N, k'], and
        their validity [N, k'].
    """
    if k < 1 or patch_size < 1:
        raise ValueError(f'k and patch_size must be >= 1, got {k}, '
                         f'{patch_size}')
    n, c, h, w = images.shape
    idx, chosen = choose_keypoints(valid, k, generator)
    centers = keypoints.gather(1, idx[..., None].expand(-1, -1, 2))
    flat, inside = patch_index(centers, patch_size, h, w)
    mask = inside & chosen[..., None, None]  # [N, k, s, s]
    patches = images.flatten(2).gather(
        2,
        flat.flatten(1)[:, None].expand(n, c, -1)).view(n, c, *flat.shape[1:])
    m = mask[:, None].to(images.dtype)
    mean = (patches * m).sum(2) / m.sum(2).clamp(min=1.)  # [N, C, s, s]
    values = mean[:, :, None].expand_as(patches)
    return paste_patches(images, flat, mask, values), idx, chosen


def fill_patches(images: Tensor,
                 centers: Tensor,
                 use: Tensor,
                 patch_size: int,
                 value: float = 0.) -> Tensor:
    """Set square patches around ``centers`` [N, k, 2] (where ``use``
    [N, k]) to ``value``: Cutout / Joint Cutout."""
    n, c, h, w = images.shape
    flat, inside = patch_index(centers, patch_size, h, w)
    mask = inside & use[..., None, None]
    values = images.new_full((n, c) + flat.shape[1:], value)
    return paste_patches(images, flat, mask, values)


def other_images(n: int,
                 device: Union[str, torch.device],
                 generator: Optional[torch.Generator] = None) -> Tensor:
    """For each of ``n`` images the index [N] of another image of the batch,
    drawn uniformly among the other ``n - 1`` (itself when ``n == 1``)."""
    if n == 1:
        return torch.zeros(1, dtype=torch.long, device=device)
    shift = torch.randint(1, n, (n, ), device=device, generator=generator)
    return (torch.arange(n, device=device) + shift) % n


def paste_from(images: Tensor, src: Tensor, src_centers: Tensor,
               dst_centers: Tensor, use: Tensor, patch_size: int) -> Tensor:
    """Cut-Occlude: for image ``i`` and pick ``j``, the square patch of image
    ``src[i]`` around ``src_centers[i, j]`` pasted centred on
    ``dst_centers[i, j]`` (both [N, k, 2] pixels), where ``use`` [N, k];
    patch pixels whose source or destination lies outside the image are
    skipped (clipped at the borders)."""
    n, c, h, w = images.shape
    s_flat, s_in = patch_index(src_centers, patch_size, h, w)
    d_flat, d_in = patch_index(dst_centers, patch_size, h, w)
    mask = s_in & d_in & use[..., None, None]
    values = images[src].flatten(2).gather(
        2,
        s_flat.flatten(1)[:, None].expand(n, c, -1))
    return paste_patches(images, d_flat, mask,
                         values.view(n, c, *s_flat.shape[1:]))
