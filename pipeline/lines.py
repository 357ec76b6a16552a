"""Group a page's words into Lines in reading order.

Words whose vertical extents overlap form one visual row. Most rows are read left to right as
one Line, which keeps table rows whole (the tables extractor works from word x-positions).
The exception is a side column: a narrow block at the left or right margin (counts box of an
"EXTRAIT DU REGISTRE", the repeated margin of some minutes) separated from the main text by a
vertical gutter that runs down many rows. Such a block is read in full before the main column,
otherwise its words would be glued into the sentences printed beside it; only a lone label far
down a left column ("Objet :", its value printed in the body) is read with the body lines at its
height, so it goes with the item it labels.
"""
from __future__ import annotations

import math
import re
import statistics

import numpy as np
from dataclasses import dataclass, field
from typing import Optional

from .frames import frame_key, frame_slot, overlay_blocks
from .model import Line, Word

# A row may be joined by a word whose vertical overlap with it is at least this share of the
# smaller of the two heights: superscripts ("1er") stay in their row, the next line does not.
ROW_OVERLAP = 0.5
# Two neighbouring words belong to one phrase when they overlap by this share of the smaller
# height (stricter than a row: the words of one printed line share their band).
PHRASE_OVERLAP = 0.6
# Inter-word gaps wider than this many median character widths are candidate gutters.
GAP_CHARS = 2.5
MIN_GAP_PT = 8.0
# A gutter must hold over this many rows to be a column boundary and not a justified gap.
MIN_GUTTER_ROWS = 3
# A side block holds at least this many lines (a 2-3 line block is a signature or a table),
# unless it is a short label block beside a wrapped paragraph (see _short_side_rows).
MIN_SIDE_ROWS = 4
MIN_SHORT_SIDE_ROWS = 2
# A wrapped paragraph's lines run to the main column's far edge, within this share of its width.
FULL_LINE_SLACK = 0.15
NEAR_ROWS = 4
# ... and that paragraph fills most of the page's text width.
MIN_PARAGRAPH_SHARE = 0.6
# The side block must be narrow compared with the page's text width.
MAX_SIDE_SHARE = 0.40
# ... or, beside running text (a narrow preamble beside a box of labels and values), a
# little wider; the text beside it then fills at least this share of the width.
WIDE_SIDE_SHARE = 0.45
PROSE_SHARE = 0.5
# A line of running text holds at least this many lowercase words ("le", "conseil", "de");
# a table's cells ("Chapitre 66 - Art.66111 +200,00", "55,44 €") rarely do.
PROSE_WORDS = 3
# Table rows print every cell on one baseline; a side column's lines rarely line up with
# the main text's lines (measured: at most 25% aligned on real margin columns and boxes).
# Above this share of aligned rows the block is treated as a table.
MAX_ALIGNED_SHARE = 0.5
BASELINE_TOLERANCE = 0.2
# Candidate gutters tried per page (the least crossed first): bounds the cost on dense pages.
MAX_CANDIDATES = 12


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


def _phrases(words: list[Word], min_gap: float) -> list[list[Word]]:
    """Runs of words printed one after the other on one line: closer than a gutter and
    overlapping vertically. A phrase joins a row whole: word by word, the first words of
    "17 septembre 2021" in a margin column could join the body line printed a few points
    higher while "septembre", whose descender reaches lower, starts a row of its own."""
    order = sorted(range(len(words)), key=lambda i: words[i].top)
    parent = list(range(len(words)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, i in enumerate(order):
        a = words[i]
        for j in order[n + 1:]:
            b = words[j]
            if b.top >= a.bottom:
                break
            gap = max(b.x0 - a.x1, a.x0 - b.x1)
            inter = min(a.bottom, b.bottom) - b.top
            smaller = max(min(a.bottom - a.top, b.bottom - b.top), 0.1)
            if gap < min_gap and inter / smaller >= PHRASE_OVERLAP:
                parent[find(j)] = find(i)
    groups: dict[int, list[Word]] = {}
    for i in range(len(words)):
        groups.setdefault(find(i), []).append(words[i])
    return list(groups.values())


def _rows(words: list[Word], min_gap: Optional[float] = None) -> list[_Row]:
    """Cluster words into visual rows by vertical overlap, a phrase at a time."""
    if min_gap is None:
        min_gap = max(GAP_CHARS * _char_width(words), MIN_GAP_PT)
    units = []
    for ws in _phrases(words, min_gap):
        # A phrase is placed by its words' median extent, as a row is compared (core_overlap).
        top = statistics.median(w.top for w in ws)
        bottom = statistics.median(w.bottom for w in ws)
        units.append((Word("", 0, min(w.x0 for w in ws), top, max(w.x1 for w in ws), bottom), ws))
    rows: list[_Row] = []
    for unit, ws in sorted(units, key=lambda u: ((u[0].top + u[0].bottom) / 2, u[0].x0)):
        best, best_ov = None, ROW_OVERLAP
        # Only the last few rows can overlap a phrase taken in order of vertical centre.
        for row in rows[-4:]:
            ov = row.core_overlap(unit)
            if ov >= best_ov:
                best, best_ov = row, ov
        if best is None:
            best = _Row()
            rows.append(best)
        for w in ws:
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


def _spans(row: _Row, min_gap: float) -> list[tuple[float, float]]:
    """The row's text as horizontal spans: words joined unless a wide gap separates them."""
    spans = [[row.words[0].x0, row.words[0].x1]]
    for w in row.words[1:]:
        if w.x0 - spans[-1][1] >= min_gap:
            spans.append([w.x0, w.x1])
        else:
            spans[-1][1] = max(spans[-1][1], w.x1)
    return [(a, b) for a, b in spans]


def _crosses(row: _Row, x: float, min_gap: float) -> bool:
    """Whether the row's text runs across x (x is not in a margin nor in a wide gap)."""
    return any(a < x < b for a, b in _spans(row, min_gap))


def _sides(row: _Row, x: float) -> tuple[bool, bool]:
    return (any((w.x0 + w.x1) / 2 < x for w in row.words), any((w.x0 + w.x1) / 2 >= x for w in row.words))


def _gutter_candidates(rows: list[_Row], min_gap: float, text_x0: float, text_x1: float) -> list[float]:
    """Centres of the strips crossed by locally fewest rows, where a side column's edge can
    be (within MAX_SIDE_SHARE of the text width from either edge), then those only a wider
    side block can have (up to WIDE_SIDE_SHARE, see _is_side_column)."""
    width = text_x1 - text_x0
    if width <= 0:
        return []
    origin = math.floor(text_x0)
    cover = np.zeros(int(math.ceil(text_x1)) - origin + 2, dtype=np.int32)
    for r in rows:
        for a, b in _spans(r, min_gap):
            cover[int(math.ceil(a)) - origin:int(math.floor(b)) - origin + 1] += 1
    limit = 0.75 * len(rows)
    out, wide = [], []
    for share, found in ((MAX_SIDE_SHARE, out), (WIDE_SIDE_SHARE, wide)):
        for lo, hi in ((text_x0 + 0.05 * width, text_x0 + share * width),
                       (text_x1 - share * width, text_x1 - 0.05 * width)):
            found += _minima(cover, int(math.ceil(lo)) - origin, int(math.floor(hi)) - origin, origin, limit)
    # Only at the left, where the box of counts of an extract sits: a wide block at the
    # right is a signature's.
    wide = [(n, x) for n, x in wide if MAX_SIDE_SHARE * width < x - text_x0 <= WIDE_SIDE_SHARE * width]
    return [x for _, x in sorted(out)][:MAX_CANDIDATES] + [x for _, x in sorted(wide)][:MAX_WIDE_CANDIDATES]


MAX_WIDE_CANDIDATES = 2


def _minima(cover: np.ndarray, i0: int, i1: int, origin: int, limit: float) -> list[tuple[int, float]]:
    """(rows crossing, x) of each plateau of `cover[i0:i1 + 1]` lower than both neighbours."""
    seg = cover[i0:i1 + 1]
    out = []
    j = 0
    while j < len(seg):
        k = j
        while k + 1 < len(seg) and seg[k + 1] == seg[j]:
            k += 1
        left_higher = j == 0 or seg[j - 1] > seg[j]
        right_higher = k == len(seg) - 1 or seg[k + 1] > seg[j]
        if left_higher and right_higher and seg[j] <= limit:
            out.append((int(seg[j]), origin + i0 + (j + k) / 2))
        j = k + 1
    return out


def _segments(rows: list[_Row], x: float, min_gap: float) -> list[tuple[int, int]]:
    """Maximal runs of consecutive rows that do not cross x, as (first, last) indices."""
    segs, start = [], None
    for i, r in enumerate(rows):
        if _crosses(r, x, min_gap):
            if start is not None:
                segs.append((start, i - 1))
            start = None
        elif start is None:
            start = i
    if start is not None:
        segs.append((start, len(rows) - 1))
    return segs


def _is_side_column(rows: list[_Row], x: float, text_x0: float, text_x1: float) -> bool:
    left = [r for r in rows if _sides(r, x)[0]]
    right = [r for r in rows if _sides(r, x)[1]]
    narrow_left = x - text_x0 <= text_x1 - x
    if _short_side_rows(rows, x, narrow_left, text_x1 - text_x0):
        return True
    if len(left) < MIN_SIDE_ROWS or len(right) < MIN_SIDE_ROWS:
        return False
    side_share = (x - text_x0 if narrow_left else text_x1 - x) / (text_x1 - text_x0)
    if side_share > MAX_SIDE_SHARE and not _prose(right if narrow_left else left, x, not narrow_left):
        return False
    both = sum(1 for r in rows if _baseline_aligned(r, x))
    side = left if narrow_left else right
    # A table prints each row's cells on one baseline: nearly every side row is also a
    # main row. A side column's lines follow their own spacing, or share the body's by
    # chance: then the body beside it is a wrapped paragraph, which no table cell is.
    return (both / len(side) <= MAX_ALIGNED_SHARE or _labels_beside_paragraph(rows, x, narrow_left, text_x1 - text_x0)
            or _own_type_block(rows, x, narrow_left))


# A margin block set in its own type: its size differs from the text beside it by this ratio
# (a table's cells share one size) ...
TYPE_RATIO = 1.15
# ... scanned words are sized by their glyphs' boxes, which vary with ascenders: a wider margin.
OCR_TYPE_RATIO = 1.25
# ... and its lines follow their own spacing: their pitch differs from the body's by this ratio
# (a table's rows share one pitch on both sides, whatever the type).
PITCH_RATIO = 1.05
OCR_PITCH_RATIO = 1.1  # a scanned line's top moves with its ascenders


def _own_type_block(rows: list[_Row], x: float, narrow_left: bool) -> bool:
    """A margin block with its own type and line spacing beside another column, whatever
    that column holds (a paragraph, a list of names in capitals, another block): its lines
    start at one edge, all are set in a type clearly smaller or larger than the words beside
    them, and they follow their own pitch, so that only some of them share a row with a body
    line, by chance. A table's row, a "Pour : 15   Contre : 2" line or a signature table sets
    both sides in one type on one pitch."""
    side_of = (lambda w: (w.x0 + w.x1) / 2 < x) if narrow_left else (lambda w: (w.x0 + w.x1) / 2 >= x)
    idx = [i for i, r in enumerate(rows) if any(side_of(w) for w in r.words)]
    side = [[w for w in rows[i].words if side_of(w)] for i in idx]
    body = [[w for w in r.words if not side_of(w)] for r in rows[idx[0]:idx[-1] + 1]] if idx else []
    body = [ws for ws in body if ws]
    if len(side) < MIN_SIDE_ROWS or len(body) < MIN_SIDE_ROWS:
        return False
    h = statistics.median(w.bottom - w.top for ws in side for w in ws)
    edge = (lambda ws: min(w.x0 for w in ws)) if narrow_left else (lambda ws: max(w.x1 for w in ws))
    if max(map(edge, side)) - min(map(edge, side)) > h:
        return False
    # Two pitches drift apart: some block line leaves the body's baselines (a table's never do).
    if all(_baseline_aligned(rows[i], x) for i in idx):
        return False
    if not _own_type(side, body) or not _own_pitch(side, body):
        return False
    # The column beside starts with words of the body's type: a block's inner column of
    # values in the block's type ("Votants   31") means the gutter runs inside the block.
    gap = max(GAP_CHARS * _char_width([w for ws in side + body for w in ws]), MIN_GAP_PT)
    spans = [_span_words(ws, gap)[0 if narrow_left else -1] for ws in body]
    return all(_own_type([ws], [span]) for ws in side for span in spans if _near(ws, span))


def _span_words(words: list[Word], gap: float) -> list[list[Word]]:
    """Runs of words (sorted by x) split at gaps of at least `gap`."""
    out = [[words[0]]]
    for w in words[1:]:
        if w.x0 - out[-1][-1].x1 >= gap:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _near(a: list[Word], b: list[Word]) -> bool:
    """Whether two runs of words overlap vertically (printed side by side)."""
    top = max(min(w.top for w in a), min(w.top for w in b))
    return top < min(max(w.bottom for w in a), max(w.bottom for w in b))


def _type_size(words: list[Word]) -> float:
    """A line's type size: the fonts' size in a text layer, the glyph boxes' height in a scan
    (words of 3+ letters only: a bare figure's box stops at the baseline)."""
    sizes = [w.size for w in words if not w.from_ocr and w.size > 0]
    if len(sizes) == len(words):
        return statistics.median(sizes)
    lettered = [w for w in words if sum(c.isalpha() for c in w.text) >= 3] or words
    return statistics.median(w.bottom - w.top for w in lettered)


def _own_type(side: list[list[Word]], body: list[list[Word]]) -> bool:
    ocr = any(w.from_ocr or w.size <= 0 for ws in side + body for w in ws)
    ratio = OCR_TYPE_RATIO if ocr else TYPE_RATIO
    main = statistics.median(map(_type_size, body))
    sizes = [_type_size(ws) for ws in side]
    smaller = all(s * ratio <= main for s in sizes)
    larger = all(s >= main * ratio for s in sizes)
    return smaller or larger


def _own_pitch(side: list[list[Word]], body: list[list[Word]]) -> bool:
    """Whether the two columns' lines follow different pitches (the smallest step between
    consecutive lines, blank lines aside, measured as the median of the steps close to it)."""
    def pitch(lines):
        tops = sorted(statistics.median(w.top for w in ws) for ws in lines)
        steps = [b - a for a, b in zip(tops, tops[1:]) if b - a > 0]
        if len(steps) < 2:
            return None
        base = min(steps)
        return statistics.median(s for s in steps if s <= 1.3 * base)
    a, b = pitch(side), pitch(body)
    ratio = OCR_PITCH_RATIO if any(w.from_ocr for ws in side for w in ws) else PITCH_RATIO
    return a is not None and b is not None and max(a, b) >= ratio * min(a, b)


def _labels_beside_paragraph(rows: list[_Row], x: float, narrow_left: bool, text_width: float) -> bool:
    """A margin block of labels ("Nombre de membres / en exercice : 15 / présents : 12 ...")
    beside a wrapped paragraph: most body lines beside it run to the body's far edge, the
    paragraph goes on past the block, and the block holds words, not bare figures (a numbered
    table's first column)."""
    if not narrow_left:
        return False
    side_of = lambda w: (w.x0 + w.x1) / 2 < x
    idx = [i for i, r in enumerate(rows) if any(side_of(w) for w in r.words)]
    main = [[w for w in r.words if not side_of(w)] for r in rows]
    body = [w for ws in main for w in ws]
    if not body or len(idx) == len(rows):
        return False
    lo, hi = min(w.x0 for w in body), max(w.x1 for w in body)
    if hi - lo < MIN_PARAGRAPH_SHARE * text_width:
        return False
    beside = [main[i] for i in idx if main[i]]
    is_full = lambda ws: max(w.x1 for w in ws) >= hi - FULL_LINE_SLACK * (hi - lo)
    # The body beside the block starts where the paragraph's own full lines start: a table
    # of labels and values beside a paragraph puts its values in between.
    alone = [min(w.x0 for w in ws) for i, ws in enumerate(main) if ws and i not in idx and is_full(ws)]
    h = statistics.median(w.bottom - w.top for w in body)
    if not alone or any(abs(min(w.x0 for w in ws) - statistics.median(alone)) > 1.5 * h for ws in beside):
        return False
    full = [ws for ws in beside if is_full(ws)]
    labels = [i for i in idx if any(sum(c.isalpha() for c in w.text) >= 3 for w in rows[i].words if side_of(w))]
    return len(beside) >= MIN_SIDE_ROWS - 1 and len(full) >= 0.6 * len(beside) and len(labels) >= 0.5 * len(idx)


def _short_side_rows(rows: list[_Row], x: float, narrow_left: bool, text_width: float) -> list[int]:
    """A 2-3 line label block in the margin ("Nombre de membres / présents : 12 / votants : 14")
    printed beside a wrapped paragraph, on the paragraph's own baselines or on its own line
    spacing (a smaller font: its lines then fall between the paragraph's, some alone in their
    row, some overlapping a paragraph line).

    A table's row puts short cells side by side; here the main side beside the block is made
    of full lines of one paragraph that goes on past the block, and the block's words are
    labels, not bare figures (a numbered list or a table's first column). Returns the block's
    row indices, or [] when the rows are not such a block."""
    if not narrow_left:
        return []
    side_of = lambda w: (w.x0 + w.x1) / 2 < x
    idx = [i for i, r in enumerate(rows) if any(side_of(w) for w in r.words)]
    if not MIN_SHORT_SIDE_ROWS <= len(idx) < MIN_SIDE_ROWS:
        return []
    main = [[w for w in r.words if not side_of(w) and not _dust(w, rows)] for r in rows]
    on_baselines = idx[-1] - idx[0] == len(idx) - 1 and all(main[i] for i in idx)
    own = not on_baselines and _own_spacing(rows, idx, x)
    if not on_baselines and not own:
        return []
    beside = [i for i in range(idx[0], idx[-1] + 1) if main[i]]
    if not beside:
        return []
    # The paragraph goes on in a line without side words just before or after the block, and
    # the lines beside the block start where that line starts (figures of the block are not
    # cut off). On its own spacing, a block beside more lines than its own is beside running
    # text even when that text stops with the block (a narrow paragraph beside a wide box).
    before, after = idx[0] - 1, idx[-1] + 1
    cont = [j for j in (after, before) if 0 <= j < len(rows) and main[j]]
    if own and not cont and len(beside) > len(idx):
        cont = beside[:1]
    if not cont:
        return []
    h = statistics.median(w.bottom - w.top for i in idx for w in rows[i].words)
    if any(abs(main[i][0].x0 - main[cont[0]][0].x0) > h for i in beside):
        return []
    # The paragraph's extent is measured near the block: a heading wider than the text
    # column higher up the page says nothing of these lines.
    near = [w for ws in main[max(0, idx[0] - NEAR_ROWS):idx[-1] + NEAR_ROWS + 1] for w in ws]
    lo, hi = min(w.x0 for w in near), max(w.x1 for w in near)
    # Beside a letterhead or a signature the other side is short too: no paragraph there.
    # Running text beside a block on its own spacing may be narrower (a wide box of counts).
    share = PROSE_SHARE if own and _prose([rows[i] for i in beside], x, False) else MIN_PARAGRAPH_SHARE
    if hi - lo < share * text_width:
        return []
    slack = FULL_LINE_SLACK * (hi - lo)
    full = lambda ws: max(w.x1 for w in ws) >= hi - slack
    # The block's last line may sit beside the paragraph's short last line. A block on its
    # own spacing and in its own type may stand beside a heading's short lines too: a table's
    # first column shares the type and the baselines of the cells beside it.
    side_parts = [[w for w in rows[i].words if side_of(w)] for i in idx]
    if not all(full(main[i]) for i in beside[:-1]) and not (own and _own_type(side_parts, [main[i] for i in beside])):
        return []
    side_words = [w.text for i in idx for w in rows[i].words if side_of(w)]
    return idx if any(sum(c.isalpha() for c in t) >= 3 for t in side_words) else []


# OCR dust (a speck, a rule's edge read as letters) is far smaller than the type around it.
DUST_SHARE = 0.5


def _dust(w: Word, rows: list[_Row]) -> bool:
    """Whether an OCR word is too small to be print beside the rows' type."""
    if not w.from_ocr:
        return False
    h = statistics.median(v.bottom - v.top for r in rows for v in r.words)
    return w.bottom - w.top < DUST_SHARE * h


# A letter or figure OCR boxed this much smaller than the page's type, and read unsurely, is a
# speck (a rule's edge read "le" before a name): no print stands that small among the type.
SPECK_SHARE = 0.35
SPECK_CONF = 50.0


def _without_specks(words: list[Word]) -> list[Word]:
    heights = [w.bottom - w.top for w in words if w.from_ocr]
    if not heights:
        return words
    h = statistics.median(heights)
    return [w for w in words if not (w.from_ocr and w.conf is not None and w.conf < SPECK_CONF
                                     and w.bottom - w.top < SPECK_SHARE * h and re.search(r"[^\W_]", w.text))]


def _prose(rows: list[_Row], x: float, left_part: bool) -> bool:
    """Whether the words of `rows` on one side of x read as running text: every line but the
    last holds a few lowercase words."""
    lines = [[w for w in r.words if ((w.x0 + w.x1) / 2 < x) == left_part] for r in rows]
    lines = [ws for ws in lines if ws]
    return len(lines) >= 2 and all(sum(map(_lowercase_word, ws)) >= PROSE_WORDS for ws in lines[:-1])


def _lowercase_word(w: Word) -> bool:
    """A word of running text: "convoqué", "s'est", "vingt-deux,"; not "Art.66111", "55,44"."""
    letters = [c for c in w.text if c.isalpha()]
    others = [c for c in w.text if not c.isalpha() and c not in "-'’,.;:()"]
    return len(letters) >= 2 and not others and all(c.islower() for c in letters)


# A block's lines follow one another within this many of their heights (a line and its
# leading); labels scattered down the margin are no block.
BLOCK_PITCH = 2.0


def _own_spacing(rows: list[_Row], idx: list[int], x: float) -> bool:
    """Whether the side rows `idx` are one block set on its own line spacing: its lines one
    under the other, and most not on the baseline of the body words sharing their row (a
    table's rows would be; two spacings meet on a common baseline now and then)."""
    parts = [[w for w in rows[i].words if (w.x0 + w.x1) / 2 < x] for i in idx]
    h = statistics.median(w.bottom - w.top for ws in parts for w in ws)
    # Two block lines beside one taller body line share its row: the block's lines are
    # found among its own words.
    tops = [r.top for r in _rows([w for ws in parts for w in ws])]
    if any(b - a > BLOCK_PITCH * h for a, b in zip(tops, tops[1:])):
        return False
    return sum(1 for i in idx if _baseline_aligned(rows[i], x)) <= MAX_ALIGNED_SHARE * len(idx)


def _baseline_aligned(row: _Row, x: float) -> bool:
    """Whether the row's words left and right of x sit on the same baseline (a table row),
    not merely overlap (two columns with their own line spacing).

    OCR boxes hug the glyphs: a cell holding a bare figure ("1") ends on the baseline while
    its row's words reach down to their descenders; it starts at the figures' height, the
    row's capitals' height, so for such a cell the tops are compared instead."""
    left = [w for w in row.words if (w.x0 + w.x1) / 2 < x]
    right = [w for w in row.words if (w.x0 + w.x1) / 2 >= x]
    if not left or not right:
        return False
    h = statistics.median(w.bottom - w.top for w in row.words)
    edges = [lambda w: w.bottom]
    if all(_FIGURE.match(w.text) for w in left) or all(_FIGURE.match(w.text) for w in right):
        edges.append(lambda w: w.top)
    return any(abs(statistics.median(map(e, left)) - statistics.median(map(e, right))) <= BASELINE_TOLERANCE * h
               for e in edges)


# A cell holding a number: "1", "12.", "3)", "IV", "n°4".
_FIGURE = re.compile(r"^(?:n°)?[\dIVXL]+[.)°]?$")


def _split_rows(rows: list[_Row], x: float, min_gap: float) -> tuple[list[_Row], list[_Row]]:
    """The rows' words left and right of x, each side clustered into rows on its own: a
    column on its own line spacing can have two of its lines overlap one line of the other
    column, which then joined them in one row."""
    left = [w for r in rows for w in r.words if (w.x0 + w.x1) / 2 < x]
    right = [w for r in rows for w in r.words if (w.x0 + w.x1) / 2 >= x]
    return (_rows(left, min_gap) if left else []), (_rows(right, min_gap) if right else [])


def _to_lines(rows: list[_Row]) -> list[Line]:
    return [Line.from_words(r.words) for r in rows if r.words]


def _side_segments(rows, x, min_gap, text_x0, text_x1) -> list[tuple[int, int]]:
    return [(a, b) for a, b in _segments(rows, x, min_gap)
            if _is_side_column(rows[a:b + 1], x, text_x0, text_x1) and not _cut_block(rows, a, b, x, min_gap)]


def _cut_block(rows: list[_Row], a: int, b: int, x: float, min_gap: float) -> bool:
    """Whether x runs through a block's column of values rather than beside the block: the
    row just above or below the segment crosses x with a span starting where the segment's
    side rows have an inner column ("Date de convocation 17/08/2022" under "Votants 16")."""
    inner = []  # where the side rows' spans after the first start
    for r in rows[a:b + 1]:
        side = [w for w in r.words if (w.x0 + w.x1) / 2 < x]
        if side:
            inner += [s for s, _ in _spans(_Row(side), min_gap)[1:]]
    if not inner:
        return False
    h = statistics.median(w.bottom - w.top for r in rows[a:b + 1] for w in r.words)
    for j in (a - 1, b + 1):
        if 0 <= j < len(rows):
            starts = [s for s, e in _spans(rows[j], min_gap) if s < x < e]
            if any(abs(s - i) <= 0.5 * h for s in starts for i in inner):
                return True
    return False


# A side block's first or last line may come closer to the body than a gutter (a label a bit
# longer than the others): a gap of this many median character widths still splits it.
NARROW_GAP_CHARS = 1.2


def _extend_segments(rows: list[_Row], segs, x: float, min_gap: float, done: int):
    """Each side segment as (first, last, split): grown by the rows just before and after it
    that split with a narrower gap, when their two parts start where the segment's side and
    body lines start; `split` is where its rows divide, just left of the body's lines (the
    gutter's middle may cut the longest side line's last word)."""
    out = []
    for first, last in segs:
        seg = rows[first:last + 1]
        side_x0 = [min(w.x0 for w in r.words if (w.x0 + w.x1) / 2 < x) for r in seg if _sides(r, x)[0]]
        body_x0 = [min(w.x0 for w in r.words if (w.x0 + w.x1) / 2 >= x) for r in seg if _sides(r, x)[1]]
        split = x
        if side_x0 and body_x0:
            starts = (statistics.median(side_x0), statistics.median(body_x0))
            split = max(x, min(body_x0) - 0.5)
            lowest = out[-1][1] + 1 if out else done
            if first - 1 >= lowest and _splits_at(rows[first - 1], split, min_gap, starts):
                first -= 1
            if last + 1 < len(rows) and _splits_at(rows[last + 1], split, min_gap, starts):
                last += 1
        out.append((first, last, split))
    return out


def _splits_at(row: _Row, x: float, min_gap: float, starts: tuple[float, float]) -> bool:
    left = [w for w in row.words if (w.x0 + w.x1) / 2 < x]
    right = [w for w in row.words if (w.x0 + w.x1) / 2 >= x]
    if not left or not right:
        return False
    h = statistics.median(w.bottom - w.top for w in row.words)
    gap = min(w.x0 for w in right) - max(w.x1 for w in left)
    narrow = NARROW_GAP_CHARS * min_gap / GAP_CHARS
    return (gap >= narrow and abs(min(w.x0 for w in left) - starts[0]) <= h
            and abs(min(w.x0 for w in right) - starts[1]) <= h)


def _paragraph_start(rows: list[_Row], first: int, x: float, done: int) -> int:
    """Index of the first line of the paragraph that the body line at or just after row
    `first` goes on: going up while the line above runs to the body's far edge (it wraps into
    the next) at the same left edge and does not end a sentence."""
    near = rows[max(done, first - NEAR_ROWS):first + NEAR_ROWS + 1]
    body = [w for r in near for w in r.words if (w.x0 + w.x1) / 2 >= x]
    # A block on its own line spacing may start between two body lines.
    anchor = next((r for r in rows[first:first + NEAR_ROWS] if _sides(r, x)[1]), None)
    if not body or anchor is None:
        return first
    hi = max(w.x1 for w in body)
    x0 = min(w.x0 for w in anchor.words if (w.x0 + w.x1) / 2 >= x)
    h = statistics.median(w.bottom - w.top for w in anchor.words)
    k = first
    while k - 1 >= done:
        above = rows[k - 1].words
        # A list of names wraps wherever a name ends: a line ending on a comma goes on, short or
        # not; so does one the next line's first word would not have fitted on (a wrap).
        end = max(w.x1 for w in above)
        short = (end < hi - 2 * h and not _CONTINUES.search(above[-1].text)
                 and not _wrapped(end, hi, rows[k].words, x, h))
        if any((w.x0 + w.x1) / 2 < x for w in above) or short:
            break
        if abs(min(w.x0 for w in above) - x0) > 3 * h:  # an indented first line still counts
            break
        if _SENTENCE_END.search(above[-1].text) and not _INITIAL.match(above[-1].text):
            break  # the block may come between two sentences
        k -= 1
    return k


def _wrapped(end: float, hi: float, below: list[Word], x: float, h: float) -> bool:
    """A line that stops short of the far edge only because the next line's first word was
    too wide for the room left (a list wrapping before "O'NEILL,")."""
    body = [w for w in below if (w.x0 + w.x1) / 2 >= x]
    return bool(body) and body[0].x1 - body[0].x0 + 0.3 * h > hi - end


_SENTENCE_END = re.compile(r"[.!?]$")
# "M." or "Dr." ending a line starts a name on the next: no sentence ends there.
_INITIAL = re.compile(r"^[A-Z][a-z]?\.$")
_CONTINUES = re.compile(r",$")


def _read(rows: list[_Row], min_gap: float, text_x0: float, text_x1: float) -> list[Line]:
    if len(rows) < 2 * MIN_GUTTER_ROWS:
        return _to_lines(rows)
    best_x, best_segs, best_rows = None, [], 0
    for x in _gutter_candidates(rows, min_gap, text_x0, text_x1):
        segs = _side_segments(rows, x, min_gap, text_x0, text_x1)
        covered = sum(b - a + 1 for a, b in segs)
        if covered > best_rows:
            best_x, best_segs, best_rows = x, segs, covered
    if best_x is None:
        return _to_lines(rows)
    x = best_x
    out: list[Line] = []
    done = 0
    narrow_left = x - text_x0 <= text_x1 - x
    for first, last, split in _extend_segments(rows, best_segs, x, min_gap, done):
        # A left block is read before the paragraph (or the sentence) it starts beside, not
        # inside a sentence; a right-hand box after the text beside it.
        short = _short_side_rows(rows[first:last + 1], x, narrow_left, text_x1 - text_x0)
        lead = first + short[0] if short else first
        if narrow_left and not short and _own_type_block(rows[first:last + 1], x, True):
            # A block in its own type can start far down its segment (a page of text with no
            # line across the gutter): it is read where it starts, not at the top of the page.
            lead = next((i for i in range(first, last + 1) if _sides(rows[i], x)[0]), first)
        start = _paragraph_start(rows, lead, split, done) if narrow_left else lead
        left, right = _split_rows(rows[lead:last + 1], split if narrow_left else x, min_gap)
        out += _to_lines(rows[done:start])
        if narrow_left:  # a left side column is read first, as a reader does
            block, labels = _margin_groups(left)
            # The text beside a left column can hold a narrow column of its own (the values of
            # a box whose labels are the left column, beside the preamble): read it apart too.
            beside = _read(right, min_gap, split, text_x1) if not labels else _interleave(right, labels, split)
            out += _to_lines(block) + _to_lines(rows[start:lead]) + beside
        else:  # a right-hand box after the text beside it
            out += _to_lines(rows[start:lead]) + _to_lines(right) + _to_lines(left)
        done = last + 1
    return out + _to_lines(rows[done:])


# A margin column whose parts lie further apart than this many line heights holds labels
# printed each beside its own part of the page ("Objet :" beside the subject further down).
LABEL_GAP = 3.0
LABEL_PITCHES = 2.5
# A label ends on a colon ("Objet :", "Date de la convocation :").
_LABEL = re.compile(r"[:;]$")


def _margin_groups(left: list[_Row]) -> tuple[list[_Row], list[list[_Row]]]:
    """A left column's rows split where the column leaves a gap of several lines: (the rows
    read before the text beside it, the labels further down, each group of rows read with the
    body lines it stands beside). Groups that are no label (a letterhead, a stamp, specks)
    stay with the column's top."""
    if len(left) < 2:
        return left, []
    h = statistics.median(w.bottom - w.top for r in left for w in r.words)
    # A scan's rows keep their pitch better than their glyph boxes keep the type's height.
    pitch = statistics.median(b.top - a.top for a, b in zip(left, left[1:]))
    gap = max(LABEL_GAP * h, LABEL_PITCHES * pitch)
    groups = [[left[0]]]
    for row in left[1:]:
        if row.top - groups[-1][-1].top > gap:
            groups.append([row])
        else:
            groups[-1].append(row)
    first = groups[0] + [r for g in groups[1:] if not _is_label(g) for r in g]
    return first, [g for g in groups[1:] if _is_label(g)]


def _is_label(group: list[_Row]) -> bool:
    """A label whose value is not printed under it but beside it, in the body ("Objet :")."""
    return bool(_LABEL.search(group[-1].words[-1].text))


def _interleave(right: list[_Row], labels: list[list[_Row]], x: float) -> list[Line]:
    """The body's lines with each later margin group read where the body reaches its height:
    before the paragraph holding the body line printed beside (or just below) the group's
    first line, so a label far down the margin is read with the text it labels, not with the
    paragraph at the column's top."""
    out = _to_lines(right)
    slots: dict[int, list[Line]] = {}
    for group in labels:
        top = group[0].top
        h = statistics.median(w.bottom - w.top for w in group[0].words)
        k = next((i for i, r in enumerate(right) if r.bottom > top + 0.5 * h), len(right))
        if k < len(right):
            k = _paragraph_start(right, k, x, 0)
        slots.setdefault(k, []).extend(_to_lines(group))
    return [l for i in range(len(out) + 1) for l in slots.get(i, []) + out[i:i + 1]]


def group_lines(words: list[Word], page_number: int) -> list[Line]:
    """Lines of one page in reading order (see the module docstring).

    Words read inside a ruled frame (OCR fontname FRAME_FONT + n) form a block of their own:
    its rows are never joined with the rows printed beside it."""
    words = _without_specks([w for w in words if w.page == page_number and w.text.strip()])
    if not words:
        return []
    frames: dict[str, list[Word]] = {}
    for w in words:
        key = frame_key(w)
        if key is not None:
            frames.setdefault(key, []).append(w)
    overlays = overlay_blocks(words)
    frames.update(overlays)
    if not frames:
        return _group_body(words)
    set_apart = {id(w) for block in frames.values() for w in block}
    body = _group_body([w for w in words if id(w) not in set_apart])
    text_mid = (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2
    slots: dict[int, list[Line]] = {}
    for key in sorted(frames, key=lambda k: min(w.top for w in frames[k])):
        block = frames[key]
        slots.setdefault(frame_slot(body, block, text_mid), []).extend(_to_lines(_rows(block)))
    out: list[Line] = []
    for i in range(len(body) + 1):
        out += slots.get(i, [])
        if i < len(body):
            out.append(body[i])
    return out


def _group_body(words: list[Word]) -> list[Line]:
    if not words:
        return []
    cw = _char_width(words)
    min_gap = max(GAP_CHARS * cw, MIN_GAP_PT)
    rows = _rows(words, min_gap)
    text_x0 = min(w.x0 for w in words)
    text_x1 = max(w.x1 for w in words)
    return _read(rows, min_gap, text_x0, text_x1)
