"""Blocks a page's lines are read apart from: a ruled frame's words (OCR fontname FRAME_FONT + n),
and on a scanned page the text-layer words printed over it (a prefecture stamp, a typed page
number). group_lines reads each block's rows alone and slots its lines among the page's body."""
from __future__ import annotations

import statistics
from typing import Optional

from .model import Line, Word
from .ocr import FRAME_FONT


def frame_key(w: Word) -> Optional[str]:
    return w.fontname if w.fontname.startswith(FRAME_FONT) else None


# Text-layer words this far apart, in their own line heights, belong to separate overlays.
OVERLAY_GAP_LINES = 3.0


def overlay_blocks(words: list[Word]) -> dict[str, list[Word]]:
    """On a page OCR read, the text-layer words are an overlay printed over the scan (a
    prefecture stamp, a typed page number): each cluster of them is a block of its own, like a
    frame, whose rows never join the scan's words it lies over."""
    if not any(w.from_ocr for w in words):
        return {}
    layer = sorted((w for w in words if not w.from_ocr and frame_key(w) is None), key=lambda w: w.top)
    blocks: dict[str, list[Word]] = {}
    bottom = None
    for w in layer:
        h = max(w.bottom - w.top, 1.0)
        if bottom is None or w.top - bottom > OVERLAY_GAP_LINES * h:
            key = f"overlay{len(blocks)}"
            blocks[key] = []
        blocks[key].append(w)
        bottom = w.bottom if bottom is None else max(bottom, w.bottom)
    return blocks


def frame_slot(body: list[Line], words: list[Word], text_mid: float) -> int:
    """Where a framed block's lines go among the page's other lines: a box at the left or
    across the page is read before the lines printed beside or below it; a box at the right
    after the lines beside it."""
    top = min(w.top for w in words)
    bottom = max(w.bottom for w in words)
    h = statistics.median(w.bottom - w.top for w in words)
    if min(w.x0 for w in words) >= text_mid:
        return next((i for i, line in enumerate(body) if line.top >= bottom), len(body))
    # A line is judged by its words' common bottom: the descender of one word ("présidence")
    # would put a line printed just above the box beside it.
    return next((i for i, line in enumerate(body) if statistics.median(w.bottom for w in line.words) > top - 0.5 * h),
                len(body))
