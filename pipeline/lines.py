"""Group a page's words into Lines in reading order.

Words whose vertical extents overlap form one visual row. Most rows are read left to right as
one Line, which keeps table rows whole (the tables extractor works from word x-positions).
The exception is a side column: a narrow block at the left or right margin (counts box of an
"EXTRAIT DU REGISTRE", the repeated margin of some minutes) separated from the main text by a
vertical gutter that runs down many rows. Such a block is read in full before the main column,
otherwise its words would be glued into the sentences printed beside it.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .model import Line, Word

# A row may be joined by a word whose vertical overlap with it is at least this share of the
# smaller of the two heights: superscripts ("1er") stay in their row, the next line does not.
ROW_OVERLAP = 0.5
# Inter-word gaps wider than this many median character widths are candidate gutters.
GAP_CHARS = 2.5
MIN_GAP_PT = 8.0
# A gutter must hold over this many rows to be a column boundary and not a justified gap.
MIN_GUTTER_ROWS = 3
# The side block must be narrow compared with the page's text width.
MAX_SIDE_SHARE = 0.40
# Rows farther apart than this many median line heights break a gutter run.
MAX_ROW_SKIP = 3.0
# Table rows print every cell on one baseline; a side column's lines rarely line up with
# the main text's lines. Above this share of aligned rows the block is treated as a table.
MAX_ALIGNED_SHARE = 0.8


@dataclass
class _Row:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    def add(self, w: Word) -> None:
        if not self.words:
            self.top, self.bottom = w.top, w.bottom
        else:
            self.top, self.bottom = min(self.top, w.top), max(self.bottom, w.bottom)
        self.words.append(w)

    def core_overlap(self, w: Word) -> float:
        """Overlap of w with the row's median band, as a share of the smaller height."""
        tops = statistics.median(x.top for x in self.words)
        bots = statistics.median(x.bottom for x in self.words)
        inter = min(bots, w.bottom) - max(tops, w.top)
        smaller = max(min(bots - tops, w.bottom - w.top), 0.1)
        return inter / smaller


def _rows(words: list[Word]) -> list[_Row]:
    """Cluster words into visual rows by vertical overlap."""
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        best, best_ov = None, ROW_OVERLAP
        # Only the last few rows can overlap a word taken in order of vertical centre.
        for row in rows[-4:]:
            ov = row.core_overlap(w)
            if ov >= best_ov:
                best, best_ov = row, ov
        if best is None:
            best = _Row()
            rows.append(best)
        best.add(w)
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: (r.top, r.words[0].x0))
    return rows


def _char_width(words: list[Word]) -> float:
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 2 and w.x1 > w.x0]
    return statistics.median(widths) if widths else 5.0


def _row_gaps(row: _Row, min_gap: float) -> list[tuple[float, float]]:
    return [(a.x1, b.x0) for a, b in zip(row.words, row.words[1:]) if b.x0 - a.x1 >= min_gap]


@dataclass
class _Gutter:
    x0: float
    x1: float
    first: int  # index of the first row of the run
    last: int  # index of the last row of the run (inclusive)


def _find_gutters(rows: list[_Row], min_gap: float, line_h: float) -> list[_Gutter]:
    """Runs of consecutive rows sharing a vertical strip of whitespace with words on both sides.

    A row without a word crossing the strip (only one side printed) keeps a run alive; a row
    with a word across the strip ends it.
    """
    found: list[_Gutter] = []
    open_runs: list[_Gutter] = []
    for i, row in enumerate(rows):
        gaps = _row_gaps(row, min_gap)
        # Free intervals of this row: its inner wide gaps, plus the margins before the first
        # word and after the last (a row printed on one side only).
        free = [(-1e9, row.words[0].x0)] + gaps + [(row.words[-1].x1, 1e9)]
        next_runs: list[_Gutter] = []
        for run in open_runs:
            if row.top - rows[run.last].bottom > MAX_ROW_SKIP * line_h:
                found.append(run)
                continue
            best = None
            for a, b in free:
                lo, hi = max(a, run.x0), min(b, run.x1)
                if hi - lo >= min_gap * 0.6 and (best is None or hi - lo > best[1] - best[0]):
                    best = (lo, hi)
            if best is None:
                found.append(run)
            else:
                next_runs.append(_Gutter(best[0], best[1], run.first, i))
        for a, b in gaps:
            if not any(r.last == i and r.x0 < b and a < r.x1 for r in next_runs):
                next_runs.append(_Gutter(a, b, i, i))
        open_runs = next_runs
    found.extend(open_runs)
    return found


def _two_sided_rows(rows: list[_Row], g: _Gutter) -> int:
    mid = (g.x0 + g.x1) / 2
    return sum(
        1 for r in rows[g.first:g.last + 1]
        if any(w.x1 <= mid for w in r.words) and any(w.x0 >= mid for w in r.words)
    )


def _aligned_share(side: list[_Row], main: list[_Row]) -> float:
    """Share of side-block lines lying on the same baseline as a main-block line."""
    if not side:
        return 1.0
    aligned = 0
    for s in side:
        sc = (s.top + s.bottom) / 2
        sh = s.bottom - s.top
        if any(abs((m.top + m.bottom) / 2 - sc) <= 0.2 * max(sh, m.bottom - m.top) for m in main):
            aligned += 1
    return aligned / len(side)


def _split_rows(rows: list[_Row], x: float) -> tuple[list[_Row], list[_Row]]:
    left, right = [], []
    for r in rows:
        lw = [w for w in r.words if (w.x0 + w.x1) / 2 < x]
        rw = [w for w in r.words if (w.x0 + w.x1) / 2 >= x]
        if lw:
            left.append(_Row(lw, min(w.top for w in lw), max(w.bottom for w in lw)))
        if rw:
            right.append(_Row(rw, min(w.top for w in rw), max(w.bottom for w in rw)))
    return left, right


def _side_column(rows: list[_Row], g: _Gutter, text_x0: float, text_x1: float):
    """Return (side, main) rows if the gutter bounds a narrow side column, else None."""
    if _two_sided_rows(rows, g) < MIN_GUTTER_ROWS:
        return None
    span = rows[g.first:g.last + 1]
    left, right = _split_rows(span, (g.x0 + g.x1) / 2)
    if not left or not right:
        return None
    width = max(text_x1 - text_x0, 1.0)
    left_w = max(w.x1 for r in left for w in r.words) - text_x0
    right_w = text_x1 - min(w.x0 for r in right for w in r.words)
    if left_w <= MAX_SIDE_SHARE * width and left_w < right_w:
        side, main = left, right
    elif right_w <= MAX_SIDE_SHARE * width and right_w < left_w:
        side, main = right, left
    else:
        return None
    if _aligned_share(side, main) > MAX_ALIGNED_SHARE:
        return None
    return side, main, side is left


def _to_lines(rows: list[_Row]) -> list[Line]:
    return [Line.from_words(r.words) for r in rows if r.words]


def _read(rows: list[_Row], min_gap: float, line_h: float, text_x0: float, text_x1: float, depth: int = 0) -> list[Line]:
    if depth > 3 or len(rows) < MIN_GUTTER_ROWS:
        return _to_lines(rows)
    gutters = sorted(_find_gutters(rows, min_gap, line_h), key=lambda g: (-(g.last - g.first), g.first))
    for g in gutters:
        if g.last - g.first + 1 < MIN_GUTTER_ROWS:
            break
        split = _side_column(rows, g, text_x0, text_x1)
        if split is None:
            continue
        side, main, side_first = split
        before = rows[:g.first]
        after = rows[g.last + 1:]
        # The side block is read before the main column when it is on the left (its usual
        # place, and where a reader starts); a right-hand box is read after the main text.
        middle = _to_lines(side) + _read(main, min_gap, line_h, text_x0, text_x1, depth + 1) if side_first \
            else _read(main, min_gap, line_h, text_x0, text_x1, depth + 1) + _to_lines(side)
        return (_read(before, min_gap, line_h, text_x0, text_x1, depth + 1) + middle
                + _read(after, min_gap, line_h, text_x0, text_x1, depth + 1))
    return _to_lines(rows)


def group_lines(words: list[Word], page_number: int) -> list[Line]:
    """Lines of one page in reading order (see the module docstring)."""
    words = [w for w in words if w.page == page_number and w.text.strip()]
    if not words:
        return []
    rows = _rows(words)
    cw = _char_width(words)
    line_h = statistics.median(r.bottom - r.top for r in rows) or 10.0
    min_gap = max(GAP_CHARS * cw, MIN_GAP_PT)
    text_x0 = min(w.x0 for w in words)
    text_x1 = max(w.x1 for w in words)
    return _read(rows, min_gap, line_h, text_x0, text_x1)
