"""The table of operational objectives ("Objectifs opérationnels | Etat de réalisation").

Rows are number | label | status. Cells wrap over several lines and are often centred
vertically, so the number sits beside the middle of its label, and the text stage may read the
status column as a block of its own. The table is therefore rebuilt from word positions, not
from lines: words are regrouped per page, the status column starts where the header's
"Etat de réalisation" starts, and a row spans from one number to the next, cut at the widest
empty band between them (the cell padding). Works the same on OCR words (no bold there).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from typing import Optional

from rapidfuzz.distance import Levenshtein

from pipeline.model import DeliberationText, Evidence, Found, Objective, Word, clean_text, union_box

from .numbers import repair_ocr_digits
from .objective_status import _plain, normalize_status, planned_year, status_year  # noqa: F401 (tests read them here)

EXTRACTOR = "objectives"

_HEADER_STATUS = re.compile(r"^(?:[ée]tat|statut|avancement|r[ée]alisation|r[ée]alis[ée])", re.I)
_NUMBER = re.compile(r"^\d{1,3}\.?$")


# --------------------------------------------------------------------------- header
_HEADER_LABEL_WORDS = ("objectif", "objectifs")


def _header_label(text: str) -> bool:
    """The header's 'Objectif(s)' cell word, also as OCR leaves it: a letter lost or misread
    ("bjectif" when the "O" merged with the "N°" beside it, "0bjectifs", "Objectits")."""
    t = _plain(text).replace(" ", "")
    if t in _HEADER_LABEL_WORDS:
        return True
    if len(t) < 7 or re.search(r"['’]", text):  # "l'objectif" is prose, never a header cell
        return False
    return any(Levenshtein.distance(t, k) <= 1 for k in _HEADER_LABEL_WORDS)


def _header_label_word(line: list[Word]) -> Optional[Word]:
    """The line's 'Objectif(s)' cell word, also when OCR boxed it as two touching pieces ("Ob"
    "jectif"): a piece whose next one starts where it ends is read with it."""
    for k, w in enumerate(line):
        if _header_label(w.text):
            return w
        nxt = line[k + 1] if k + 1 < len(line) else None
        if w.from_ocr and nxt is not None and nxt.x0 - w.x1 < 2 and _header_label(w.text + nxt.text):
            return w
    return None


# --------------------------------------------------------------------------- geometry
def visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words of one page grouped into visual lines (same baseline band), left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = max(w.bottom - w.top, 1.0)
        if rows:
            last = rows[-1]
            top = statistics.median(x.top for x in last)
            if abs(w.top - top) < 0.45 * h:
                last.append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _text(words) -> str:
    return clean_text(" ".join(w.text for w in words))


@dataclass
class _Columns:
    status_x: float
    number_x: Optional[float] = None
    label_x: Optional[float] = None  # where the header's label cell starts
    left: Optional[float] = None  # where the header starts: nothing of the table lies left of it


@dataclass
class _Row:
    number: int
    words: list[Word] = field(default_factory=list)
    marks: list[Word] = field(default_factory=list)  # what OCR made of the row number


def _header_columns(line: list[Word]) -> Optional[_Columns]:
    """'Objectifs opérationnels … Etat de réalisation' -> the x where the status column starts."""
    label = _header_label_word(line)
    if label is None:
        return None
    for i, w in enumerate(line):
        if i == 0 or not _HEADER_STATUS.match(w.text):
            continue
        # the gap is measured to the previous real word: OCR puts specks of a ruling or a
        # smudge ("T", ">", "|", "Te" read with little confidence) in the empty band between
        # the header's cells
        before = [p for p in line[:i] if not p.from_ocr or (sum(c.isalnum() for c in p.text) >= 2
                                                            and not (len(p.text) <= 2 and (p.conf or 0) < 60))]
        if before and w.x0 - before[-1].x1 > 8:
            return _Columns(status_x=w.x0, label_x=label.x0)
    return None


def _same_band(a: list[Word], b: list[Word]) -> bool:
    """Two visual lines that overlap by most of their height."""
    at, ab = min(w.top for w in a), max(w.bottom for w in a)
    bt, bb = min(w.top for w in b), max(w.bottom for w in b)
    return min(ab, bb) - max(at, bt) > 0.6 * min(ab - at, bb - bt)


def _number_of(w: Word) -> Optional[int]:
    # OCR reads a cell border beside the number as a bracket or bar: "[8]", "|12"
    t = repair_ocr_digits(w.text.strip(".[](){}|")) if w.from_ocr else w.text.strip(".")
    return int(t) if t.isdigit() and 0 < int(t) < 1000 else None


def _anchor_number(vl: list[Word], cols: _Columns, last: int) -> Optional[int]:
    """The row number a visual line starts with, if any.

    On OCR pages the number column holds only row numbers, so a short token there that does not
    read as the next number ("a" for 4, "." for 17) is still a row start: it gets last + 1.
    """
    w = vl[0]
    if w.x1 >= cols.status_x or (len(vl) > 1 and vl[1].x0 - w.x1 <= 6):
        return None
    if cols.number_x is not None and abs(w.x0 - cols.number_x) >= 12:
        return None
    n = _number_of(w)
    if n is not None and (not last or last < n <= last + 3):
        return n
    if last and w.from_ocr and cols.number_x is not None and w.x1 - w.x0 < 25:
        return last + 1
    return None


def _widest_gap(words: list[Word], lo: float, hi: float) -> float:
    """The middle of the widest empty vertical band between lo and hi."""
    spans = sorted((w.top, w.bottom) for w in words if w.bottom > lo and w.top < hi)
    best, where, reach = -1.0, (lo + hi) / 2, lo
    for top, bottom in spans:
        if top > reach and top - reach > best:
            best, where = top - reach, (reach + top) / 2
        reach = max(reach, bottom)
    if hi > reach and hi - reach > best:
        where = (reach + hi) / 2
    return where


# --------------------------------------------------------------------------- table reading
def _pages(d: DeliberationText) -> dict[int, list[Word]]:
    pages: dict[int, list[Word]] = {}
    for line in d.lines:
        for w in line.words:
            pages.setdefault(w.page, []).append(w)
    return pages


def _find_header(vlines: list[list[Word]]) -> Optional[tuple[_Columns, int]]:
    """The table header's columns and the index of the first line below it. A scan sets the
    header's cells a few points apart ("N°" above "Objectif", "État de réalisation" below it),
    so visual lines next to the one holding the label word are read with it when they sit
    within a line's height and beside it, not under it."""
    heights = sorted(w.bottom - w.top for vl in vlines for w in vl) or [10.0]
    tall = 2.5 * heights[len(heights) // 2]  # a ruling read as letters spans several rows
    lines = [[w for w in vl if w.bottom - w.top <= tall] for vl in vlines]
    for i, vl in enumerate(lines):
        if _header_label_word(vl) is None:
            continue
        group, last = [vl], i
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < len(lines) and lines[j] and _beside(group, lines[j]):
                group.append(lines[j])
                last = max(last, j)
        merged = sorted((w for g in group for w in g), key=lambda w: w.x0)
        c = _header_columns(merged)
        if c:
            c.number_x = c.left = merged[0].x0
            return c, last + 1
    return None


def _beside(group: list[list[Word]], line: list[Word]) -> bool:
    """A line within a line's height of the group's first line that shares no x with it."""
    first = group[0]
    h = max(w.bottom - w.top for w in first)
    centre = lambda ws: (min(w.top for w in ws) + max(w.bottom for w in ws)) / 2
    if abs(centre(line) - centre(first)) > 0.8 * h:
        return False
    taken = [(w.x0, w.x1) for g in group for w in g]
    return not any(w.x0 < x1 + 2 and x0 < w.x1 + 2 for w in line for x0, x1 in taken)


def _read_rows(d: DeliberationText) -> list[tuple[_Row, _Columns]]:
    rows: list[tuple[_Row, _Columns]] = []
    cols: Optional[_Columns] = None
    last_number = 0
    pages = _pages(d)
    for page in sorted(pages):
        page_words = pages[page]
        ocr = any(w.from_ocr for w in page_words)
        original: dict[int, Word] = {}
        if ocr:  # a tilted scan: level the words first, so that header and rows read as lines
            page_words, original = _deskewed(page_words)
        vlines = visual_lines(page_words)
        header = _find_header(vlines)
        start = 0
        if header:
            c, start = header
            # Scans shift each page a little: take this page's columns from its own header.
            cols = _Columns(c.status_x, c.number_x if ocr else (cols.number_x if cols else None), c.label_x, c.left)
        if cols is None:
            continue
        if ocr:
            if header and cols.label_x is not None and cols.number_x >= cols.label_x - 4:
                cols.number_x = _number_column(vlines[start:], cols)  # None: not read at all
            region, stopped = _ocr_region(vlines[start:], cols, continued=not header)
            if region:
                before = len(rows)
                last_number, ended = _ocr_band_rows([w for vl in region for w in vl], cols, rows, last_number)
                for row, _ in rows[max(before - 1, 0):]:  # back to the printed coordinates
                    row.words = [original.get(id(w), w) for w in row.words]
                    row.marks = [original.get(id(w), w) for w in row.marks]
                stopped = stopped or ended
            if stopped:
                cols = None  # prose followed the table: only a new header opens one again
            continue
        last_number, ended = _digital_rows(vlines[start:], cols, rows, last_number, continued=not header)
        if ended:
            cols = None
    return rows


def _without_margin(vl: list[Word], number_x: Optional[float]) -> list[Word]:
    """A line minus a side box in the left margin ("Nombre de membres" beside a table row):
    nothing of a table lies left of its number column, so words ending there are dropped when
    what follows opens a row with its number or stands apart from them (a cell's wrapped line:
    "Date d'affichage :" beside the "2024" of a status), or when the whole line lies there.
    A word belongs to the margin by where it starts: the box's last word may run up to the
    row number itself ("membres" ending a point before the "4")."""
    if number_x is None:
        return vl
    i = next((k for k, w in enumerate(vl) if w.x0 >= number_x - 2), len(vl))
    if i == len(vl) or (i > 0 and (_number_of(vl[i]) is not None or vl[i].x0 - vl[i - 1].x1 > 15)):
        return vl[i:]
    return vl


def _digital_rows(vlines: list[list[Word]], cols: _Columns, rows: list, last_number: int,
                  continued: bool = False) -> tuple[int, bool]:
    """Rows of one page into `rows`; returns the last row number and whether the table ended
    (prose followed its rows, or opened a page the table was to go on over)."""
    left = cols.number_x if cols.number_x is not None else cols.left
    vlines = [vl for vl in (_without_margin(vl, left) for vl in vlines) if vl]
    region, ended = _table_region(vlines, cols, continued=continued and bool(rows), last=last_number)
    if not region:
        return last_number, ended
    anchors, last_anchor = [], -1
    for i, vl in enumerate(region):
        n = _anchor_number(vl, cols, last_number)
        if n is not None:
            if cols.number_x is None:
                cols.number_x = vl[0].x0
            anchors.append((n, vl[0]))
            last_number, last_anchor = n, i
    region = _without_trailing_prose(region, last_anchor, cols)
    words = [w for vl in region for w in vl]
    if not anchors:
        if rows:  # a row continued from the previous page
            rows[-1][0].words.extend(words)
        return last_number, ended
    top = min(w.top for w in words) - 1
    bottom = max(w.bottom for w in words) + 1
    centers = [(a.top + a.bottom) / 2 for _, a in anchors]
    cuts = [top] + [_widest_gap(words, centers[k], centers[k + 1]) for k in range(len(anchors) - 1)] + [bottom]
    if rows:  # the end of a row that began on the previous page, above a clear band
        band = _band_above(words, centers[0])
        if band is not None:
            above = [w for w in words if (w.top + w.bottom) / 2 < band]
            if _own_row(above, rows[-1][0], anchors[0][0], cols):
                rows.append((_Row(rows[-1][0].number + 1, above), cols))
            else:
                rows[-1][0].words.extend(above)
            cuts[0] = band
    for k, (n, _) in enumerate(anchors):
        lo, hi = cuts[k], cuts[k + 1]
        rows.append((_Row(n, [w for w in words if lo <= (w.top + w.bottom) / 2 < hi]), cols))
    return last_number, ended


def _without_trailing_prose(region: list[list[Word]], last_anchor: int, cols: _Columns) -> list[list[Word]]:
    """The lines below the last row number, up to one that starts left of where the rows' labels
    start: a wrapped label goes on at its cell's left edge, the paragraph after the table
    ("Le Conseil municipal, après en avoir délibéré, DÉCIDE :") at the page's margin, even when
    it is too short to run over the status column."""
    if last_anchor < 0:
        return region
    edge = cols.status_x - 10
    starts = [vl[1].x0 for vl in region[: last_anchor + 1]
              if len(vl) > 1 and _number_of(vl[0]) is not None and vl[1].x0 < edge]
    if not starts:
        return region
    label_left = min(starts)
    for i in range(last_anchor + 1, len(region)):
        first = region[i][0]
        if first.x0 < label_left - 3 and first.x0 < edge and _number_of(first) is None:
            return region[:i]
    return region


def _own_row(above: list[Word], previous: _Row, next_number: int, cols: _Columns) -> bool:
    """Words at a page's top, above its first row number, are a row of their own (whose number
    the text stage lost) when a number is missing between the rows around them and they carry a
    complete status while the previous row already has one."""
    if next_number != previous.number + 2:
        return False
    status = lambda ws: normalize_status(_cell_text([w for w in ws if w.x0 >= cols.status_x - 4]))
    return status(above) is not None and status(previous.words) is not None


def _band_above(words: list[Word], center: float) -> Optional[float]:
    """Where an empty band (cell padding, wider than within-cell leading) splits the words above
    the first row number of a page; None when they all belong to that row."""
    above = sorted((w.top, w.bottom) for w in words if w.top < center)
    heights = sorted(w.bottom - w.top for w in words) or [10.0]
    min_band = 0.4 * heights[len(heights) // 2]
    reach, band = None, None
    for top, bottom in above:
        if reach is not None and top - reach > min_band:
            band = (reach + top) / 2
        reach = bottom if reach is None else max(reach, bottom)
    return band


def _table_region(vlines: list[list[Word]], cols: _Columns, continued: bool = False,
                  last: int = 0) -> tuple[list[list[Word]], bool]:
    """The visual lines of the table on one page: up to the first line that starts in the
    left margin without a row number (the prose after the table). On a page the table may go
    on over (`continued`: no header of its own), prose running over the status column's edge
    as its first line says the table ended at the foot of the page before: (lines, ended)."""
    out: list[list[Word]] = []
    left = cols.number_x
    for vl in vlines:
        w = vl[0]
        if _header_columns(vl) or (_HEADER_STATUS.match(w.text) and abs(w.x0 - cols.status_x) < 6 and len(vl) <= 4
                                   and re.search(r"r[ée]alisation|avancement", _text(vl), re.I) and not out):
            continue  # repeated header
        is_number = (len(vl) == 1 or vl[1].x0 - w.x1 > 6) and (
            _number_of(w) is not None or (w.from_ocr and w.x1 - w.x0 < 25 and (len(vl) == 1 or vl[1].x0 - w.x1 > 15)))
        if left is None and is_number and _number_of(w) is not None:
            left = w.x0  # the first row number shows where the table's left edge is
        if left is not None and not is_number and w.x0 < left + 12 and w.x0 < cols.status_x - 20:
            if out:  # prose at the margin after the rows: the table ends on this page
                return out, True
            continue  # a running header above the table
        if (out or continued) and not is_number and _runs_across(vl, cols.status_x):
            if out or not _row_follows(vlines, vl, left, last):
                return out, True  # prose indented like the labels, but running on over the column gap: the table ended
            continue  # a running header over the page's top, the rows go on below it
        out.append(vl)
    return out, False


def _row_follows(vlines: list[list[Word]], after: list[Word], left: Optional[float], last: int) -> bool:
    """Some line below `after` opens with the next row's number, in the number column."""
    below = vlines[next(i for i, vl in enumerate(vlines) if vl is after) + 1:]
    return any(_number_of(vl[0]) == last + 1 and (left is None or abs(vl[0].x0 - left) < 12) for vl in below)


# --------------------------------------------------------------------------- scanned tables
# OCR garbles the row numbers ("TË" for 16, "a" for 4, nothing at all for 31) and its word boxes
# of one cell overlap line to line. What survives is the cell padding: an empty horizontal band
# between two rows, wider than the leading inside a cell. So a scanned table is cut into rows
# by those bands, and rows are numbered in sequence, a clean printed number re-synchronising it.
# A written word (what prose opens with), not what OCR makes of a smudged row number ("PERS]").
_WORD = re.compile(r"[^\W\d_]{4,}(?:['’-][^\W\d_]+)*[,.;:]?")
_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,3}\s*(?:/|sur)\s*\d{1,3}$|^page\s+\d+$", re.I)


def _label_x(vlines: list[list[Word]], cols: _Columns) -> float:
    """Where the label column starts: the x at which most rows open with a word (three letters
    or more, so not a garbled row number). Rows are the lines with a status cell that are not
    prose running over the column edge; the prose after the table must not outvote them."""
    tall = 2 * _median_height(vlines)
    rows = [vl for vl in vlines if any(w.x0 >= cols.status_x - 10 for w in vl)
            and not _runs_across(vl, cols.status_x, tall)]
    xs = []
    for vl in rows or vlines:
        x = next((w.x0 for w in vl if sum(c.isalpha() for c in w.text) >= 3), None)
        if x is not None and x < cols.status_x - 20:
            xs.append(x)
    if not xs:
        return (cols.number_x if cols.number_x is not None else min(vl[0].x0 for vl in vlines)) + 25
    best = max(xs, key=lambda x: (sum(abs(y - x) < 6 for y in xs), -x))
    return min(y for y in xs if abs(y - best) < 6)


def _median_height(vlines: list[list[Word]]) -> float:
    heights = sorted(w.bottom - w.top for vl in vlines for w in vl)
    return heights[len(heights) // 2] if heights else 10.0


def _number_column(vlines: list[list[Word]], cols: _Columns) -> Optional[float]:
    """Where the row numbers stand when the header shows none ("N°" not read, or one header cell
    over the number and label columns): short tokens that open several lines, left of where
    the labels start, at one x."""
    label_x = _label_x(vlines[:40], cols)
    xs = sorted(vl[0].x0 for vl in vlines[:40]
                if vl[0].x1 < label_x - 4 and len(vl[0].text.strip()) <= 4 and re.search(r"\w", vl[0].text))
    if len(xs) < 2:
        return None
    mid = xs[len(xs) // 2]
    near = [x for x in xs if abs(x - mid) < 8]
    return min(near) if len(near) >= max(2, len(xs) // 2) else None


def _ocr_region(vlines: list[list[Word]], cols: _Columns, continued: bool = False) -> tuple[list[list[Word]], bool]:
    """The table's lines on a scanned page: up to prose that starts at the left margin with a
    real word ("Pour information …"), where the number column holds only short marks. On a page
    without a header (`continued`), prose running over the status column may be its first line:
    the table ended at the foot of the page before."""
    if not vlines:
        return [], False
    label_x = _label_x(vlines, cols)
    tall = 2 * _median_height(vlines)
    out: list[list[Word]] = []
    for k, vl in enumerate(vlines):
        w = vl[0]
        if _header_columns(vl):
            continue
        mate = vlines[k + 1] if k + 1 < len(vlines) and _same_band(vl, vlines[k + 1]) else []
        if (out or continued) and (_runs_across(vl + mate, cols.status_x, tall) or _sentence_over_gap(vl, cols.label_x)) or out and (
                cols.number_x is not None and w.x0 < cols.number_x - 15 and sum(c.isalpha() for c in w.text) >= 2):
            # prose: across the status column's edge or the gap before the labels, or out in the
            # margin left of the table
            return out, True
        if w.x0 < label_x - 10 and _number_of(w) is None and _WORD.fullmatch(w.text) and w.x1 > label_x - 12:
            if out:
                return out, True
            continue  # a running header above the table
        out.append(vl)
    return out, False


def _sentence_over_gap(vl: list[Word], label_x: float) -> bool:
    """Words at word spacing across the gap between the number column and the labels ("Le
    Conseil municipal, …"): a row leaves that gap empty between its number and its label."""
    if len(vl) < 2 or label_x is None:
        return False
    a, b = vl[0], vl[1]
    return (b.x0 < label_x - 10 and b.x0 - a.x1 < 8 and sum(c.isalpha() for c in a.text + b.text) >= 4
            and _number_of(b) is None)


def _runs_across(vl: list[Word], status_x: float, tall: float = float("inf")) -> bool:
    """A line of prose (with any words of its band OCR boxed taller, read as a line apart): its words
    run on over the status column's edge at word spacing, where a table row leaves the cell padding
    empty. Cell borders read as "|" or "-" are not words, nor boxes taller than `tall` (two rows)."""
    edge = status_x - 10
    words = sorted((w for w in vl if any(c.isalnum() for c in w.text) and w.bottom - w.top <= tall), key=lambda w: w.x0)
    for i, a in enumerate(words):
        if a.x0 < edge < a.x1:  # a word over the edge: prose if word-spaced on both sides (a
            # label's last word may touch the edge, a status word drifted left stands apart)
            return (0 < i < len(words) - 1 and a.x0 - words[i - 1].x1 < 8 and words[i + 1].x0 - a.x1 < 8
                    and sum(c.isalnum() for c in a.text) >= 2)
        if i + 1 < len(words) and a.x1 < edge <= words[i + 1].x0:
            return words[i + 1].x0 - a.x1 < 8
    return False


def _band_words(words: list[Word]) -> list[Word]:
    """Words that tell where rows are: not OCR specks ("|", ".") nor boxes spanning two rows."""
    heights = sorted(w.bottom - w.top for w in words)
    median = heights[len(heights) // 2] if heights else 10.0
    return [w for w in words if 0.4 * median <= w.bottom - w.top <= 1.8 * median]


def _bands(words: list[Word], is_mark) -> list[list[Word]]:
    """Rows as bands of words between empty horizontal bands. A narrow band (a wrapped line's
    leading can be as wide as a thin cell padding) only separates two rows when both sides carry
    a row-number mark; a markless slice across a narrow gap joins its nearer neighbour."""
    core = sorted(_band_words(words), key=lambda w: w.top)
    if not core:
        return []
    heights = sorted(w.bottom - w.top for w in core)
    min_gap = max(1.2, 0.15 * heights[len(heights) // 2])
    strong = 0.45 * heights[len(heights) // 2]
    spans: list[list] = []  # top, bottom, has a row mark, first word (leftmost of its top line)
    for w in core:
        if spans and w.top - spans[-1][1] <= min_gap:
            spans[-1][1] = max(spans[-1][1], w.bottom)
            spans[-1][2] = spans[-1][2] or is_mark(w)
            if w.top < spans[-1][3].bottom - 2 and w.x0 < spans[-1][3].x0 and not is_mark(w):
                spans[-1][3] = w
        else:
            spans.append([w.top, w.bottom, is_mark(w), w])
    median = heights[len(heights) // 2]

    def reach(i: int, j: int) -> float:
        # a markless slice that goes on in lowercase ("de la nuitée") is a wrapped line even
        # across a wider gap: short words without ascenders leave more white above them
        lower = spans[j][3].text[:1].islower() and not spans[j][2]
        return median if lower else strong

    while True:
        gaps = [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]
        joins = [(g, i) for i, g in enumerate(gaps) if g < reach(i, i + 1) and not (spans[i][2] and spans[i + 1][2])]
        if not joins:
            break
        _, i = min(joins)
        first = spans[i][3]
        spans[i:i + 2] = [[spans[i][0], max(spans[i][1], spans[i + 1][1]), spans[i][2] or spans[i + 1][2], first]]
    bands: list[list[Word]] = [[] for _ in spans]
    for w in words:
        if not re.search(r"\w", w.text) and w.bottom - w.top < 0.4 * heights[len(heights) // 2]:
            continue
        c = (w.top + w.bottom) / 2
        k = min(range(len(spans)), key=lambda i: 0 if spans[i][0] <= c <= spans[i][1]
                else min(abs(c - spans[i][0]), abs(c - spans[i][1])))
        bands[k].append(w)
    return [b for b in bands if b and not _PAGE_MARK.match(_text(sorted(b, key=lambda w: (w.top, w.x0))))]


def _number_tokens(band: list[Word], cols: _Columns, label_x: float) -> list[Word]:
    nx = cols.number_x if cols.number_x is not None else label_x - 30
    return [w for w in band if w.x0 < label_x - 6 and abs(w.x0 - nx) < 14 and len(w.text.strip()) <= 4]


def _skew(vlines: list[list[Word]]) -> float:
    """How much a word's top drops per point of x on a tilted scan (median over long lines).
    A tilt of a degree moves a line's right end 5 points up, as much as a cell's padding."""
    slopes = []
    for vl in vlines:
        if len(vl) < 4 or vl[-1].x1 - vl[0].x0 < 150:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in vl]
        ys = [(w.top + w.bottom) / 2 for w in vl]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    return statistics.median(slopes) if len(slopes) >= 3 else 0.0


def _deskewed(words: list[Word]) -> tuple[list[Word], dict[int, Word]]:
    """Copies of the words with tops levelled, and a map back to the originals."""
    slope = _skew(visual_lines(words))
    if abs(slope) < 1e-4:
        return words, {id(w): w for w in words}
    x_ref = min(w.x0 for w in words)
    level = [replace(w, top=w.top - slope * ((w.x0 + w.x1) / 2 - x_ref),
                     bottom=w.bottom - slope * ((w.x0 + w.x1) / 2 - x_ref)) for w in words]
    return level, {id(a): b for a, b in zip(level, words)}


# Below this confidence a mark is a speck, not a row's number (a "4" read at 9 % in the padding
# between two rows); a smudged but real number still reads above it.
SPECK_MARK_CONF = 30


def _speck(w: Word) -> bool:
    return w.conf is not None and w.conf < SPECK_MARK_CONF


def _ocr_band_rows(words: list[Word], cols: _Columns, rows: list, last: int) -> tuple[int, bool]:
    label_x = _label_x(visual_lines(words), cols)
    number_x = cols.number_x if cols.number_x is not None else label_x - 30

    def is_mark(w: Word) -> bool:  # a row number, however garbled: short, alone in its column
        return w.x0 < label_x - 6 and abs(w.x0 - number_x) < 14 and len(w.text.strip()) <= 4

    bands = [part for band in _bands(words, is_mark) for part in _split_by_status(band, cols, label_x)]
    printed = [{n for n in (_number_of(w) for w in _number_tokens(b, cols, label_x) if not _speck(w)) if n is not None}
               for b in bands]
    for k, band in enumerate(bands):
        tokens = _number_tokens(band, cols, label_x)
        if tokens and len(tokens) == len(band) and all(_speck(w) for w in band):
            continue  # a speck read as a mark, alone between two rows: no label, no status
        # a number the next band also carries is that band's (a misread "9" as "lo" = 10)
        clean = sorted(n for n in printed[k] if last < n <= last + 3 and not (k + 1 < len(printed) and n in printed[k + 1]))
        if not clean and k + 1 < len(bands):
            # rows lost to a smudge: two clean numbers in sequence (11 then 12) re-synchronise
            clean = sorted(n for n in printed[k] if last < n <= last + 30 and n + 1 in printed[k + 1])[:1]
        if clean and clean[0] > last + 1 and k + 1 < len(printed) and last + 2 in printed[k + 1]:
            clean = [last + 1]  # a misread digit ("5" for 3) that the next row's number contradicts
        pair = None
        if len(clean) > 1:  # two printed numbers: two rows the band could not tell apart
            pair = (next(w for w in tokens if _number_of(w) == clean[0]), next(w for w in tokens if _number_of(w) == clean[1]))
        elif clean == [last + 2]:  # the skipped row's number is the garbled mark above ("EN" over "[6")
            b = next(w for w in tokens if _number_of(w) == clean[0])
            above = [w for w in tokens if _number_of(w) is None and w.bottom < (b.top + b.bottom) / 2]
            if above:
                clean, pair = [last + 1, last + 2], (above[0], b)
        if pair:
            a, b = pair
            cut = _widest_gap(band, (a.top + a.bottom) / 2, (b.top + b.bottom) / 2)
            above = lambda w: (w.top + w.bottom) / 2 < cut
            rows.append((_Row(clean[0], [w for w in band if above(w)], [w for w in tokens if above(w)]), cols))
            rows.append((_Row(clean[1], [w for w in band if not above(w)], [w for w in tokens if not above(w)]), cols))
            last = clean[1]
            continue
        if k == 0 and rows and not tokens and _continues_row(band, rows[-1][0], cols, label_x):
            rows[-1][0].words.extend(band)  # a row that began on the previous page
            continue
        if rows and not tokens and not any(w.x0 >= cols.status_x - 10 for w in band):
            if not any(last < n <= last + 5 for later in printed[k + 1:] for n in later):
                return last, True  # every row has a status cell: a band without one is the prose after
            rows[-1][0].words.extend(band)  # OCR debris between rows: numbered rows follow
            continue
        if rows and not tokens and k == len(bands) - 1 and _status_of(band, cols) is None:
            break  # unnumbered words without a status under the last row: the prose's OCR debris
        n = clean[0] if clean else last + 1
        rows.append((_Row(n, band, tokens), cols))
        last = n
    return last, False


def _split_by_status(band: list[Word], cols: _Columns, label_x: float) -> list[list[Word]]:
    """A band holding two status cells is two rows that an OCR smudge over their border joined.
    A status cell opens with a capital ("Non réalisée", "En cours …") where a wrapped one goes on
    in lowercase ("toujours en cours"); the cut must also leave label words on both sides."""
    edge = cols.status_x - 10
    lines = visual_lines([w for w in band if w.x0 >= edge])
    opens = [vl for vl in lines if _opens_status(vl)]
    if len(opens) < 2:
        return [band]
    cuts = [(max(w.bottom for w in a) + min(w.top for w in b)) / 2 for a, b in zip(opens, opens[1:])]
    labels = [(w.top + w.bottom) / 2 for w in band if label_x - 8 <= w.x0 < edge and sum(c.isalpha() for c in w.text) >= 2]
    bounds = [-1e9] + [c for c in cuts if any(y < c for y in labels) and any(y >= c for y in labels)] + [1e9]
    parts = [[w for w in band if lo <= (w.top + w.bottom) / 2 < hi] for lo, hi in zip(bounds, bounds[1:])]
    return [p for p in parts if p]


def _opens_status(vl: list[Word]) -> bool:
    first = next((w.text for w in vl if sum(c.isalpha() for c in w.text) >= 2), "")
    return first[:1].isupper() and normalize_status(_text(vl)) is not None


def _status_of(words: list[Word], cols: _Columns) -> Optional[str]:
    return normalize_status(_cell_text([w for w in words if w.x0 >= cols.status_x - 10]))


def _continues_row(band: list[Word], previous: _Row, cols: _Columns, label_x: float) -> bool:
    """The words at the top of a page end the previous page's last row when they have no row
    number, do not open a label (an empty label cell, or one going on in lowercase), and do not
    bring a second status to a row that has one."""
    lines = visual_lines([w for w in band if label_x - 8 <= w.x0 < cols.status_x - 10])
    if lines and not lines[0][0].text[:1].islower():
        return False
    return not (_status_of(band, cols) and _status_of(previous.words, cols))


_RULING = re.compile(r"^[|_\-‘’'`.,:;!]+$")


# A tick box or a bullet drawn in a cell, which OCR reads as a symbol ("classement ©  [En cours"):
# no word of a label or a status stands alone as one.
_BOX_MARK = re.compile(r"[©®•◦▪▫■□●○◐◑✓✔✗✘☐☑☒]+")


def _without_rulings(words: list[Word]) -> list[Word]:
    """OCR reads a cell's borders as "|", "_|", "-" or "‘": marks that are no word of the cell
    (a printed dash or comma inside a cell's text comes after a word, so only a leading mark,
    or a bar or a box mark anywhere, is dropped)."""
    if not any(w.from_ocr for w in words):
        return words
    lines = [vl for vl in (_without_slivers(vl) for vl in visual_lines(words)) if vl and not _debris(vl)]
    out = []
    for vl in lines:
        while vl and _RULING.match(vl[0].text):
            vl = vl[1:]
        out.extend(w for w in vl if not re.fullmatch(r"[|_]+", w.text) and not _BOX_MARK.fullmatch(w.text))
    while out and _RULING.match(out[-1].text) and out[-1].text not in (".", ","):
        out.pop()
    return out


def _without_slivers(vl: list[Word]) -> list[Word]:
    """A piece of a vertical cell border that OCR read as a character ("4", "Ii"): a box far
    narrower than the letters or figures its text claims, standing apart from the cell's words."""
    def sliver(k: int) -> bool:
        w = vl[k]
        width = w.x1 - w.x0
        apart = (k == 0 or w.x0 - vl[k - 1].x1 > 6) and (k == len(vl) - 1 or vl[k + 1].x0 - w.x1 > 6)
        return w.from_ocr and apart and width < 2.0 * len(w.text.strip()) and w.bottom - w.top > 3 * width
    return [w for k, w in enumerate(vl) if not sliver(k)]


def _debris(vl: list[Word]) -> bool:
    """A line of specks OCR read between two rows ("RE ie" where a smudge crosses a border):
    only one- or two-character tokens, none of which OCR was sure of."""
    return all(w.from_ocr and w.conf is not None and w.conf < 60 and len(w.text.strip()) <= 2 for w in vl)


def _cell_text(words: list[Word]) -> str:
    return _text(w for vl in _interleaved(visual_lines(words)) for w in vl)


def _interleaved(vlines: list[list[Word]]) -> list[list[Word]]:
    """A word OCR boxed a few points higher than its neighbours ("Organiser des rencontres
    entre" with "rencontres" raised) makes a visual line of its own: it goes back between them
    when it sits in a gap of the next line and within a line's height of it."""
    out: list[list[Word]] = []
    for vl in vlines:
        prev = out[-1] if out else None
        if prev is not None and (len(prev) <= 2 or len(vl) <= 2):
            h = max(w.bottom - w.top for w in prev + vl)
            apart = all(a.x1 <= b.x0 or b.x1 <= a.x0 for a in prev for b in vl)
            if apart and abs(min(w.top for w in vl) - min(w.top for w in prev)) < h:
                out[-1] = sorted(prev + vl, key=lambda w: w.x0)
                continue
        out.append(vl)
    return out


def extract_objectives(d: DeliberationText) -> list[Objective]:
    objectives = []
    seen = set()
    rows = _read_rows(d)
    scanned = bool(rows) and all(any(w.from_ocr for w in row.words) for row, _ in rows)
    for row, cols in rows:
        if row.number in seen:
            continue
        seen.add(row.number)
        number_words = [w for w in row.words if _number_of(w) == row.number and cols.number_x is not None
                        and abs(w.x0 - cols.number_x) < 12]
        num_word = number_words[0] if number_words else None
        rest = [w for w in row.words if w is not num_word and not any(w is m for m in row.marks)]
        # a scan is skewed: its status column drifts a few points from the header's x
        edge = cols.status_x - (10 if any(w.from_ocr for w in rest) else 4)
        status_words = _without_rulings([w for w in rest if w.x0 >= edge])
        label_words = _without_rulings([w for w in rest if w.x0 < edge])
        status_text = _cell_text(status_words)
        boxes = [w.box for w in row.words if w.page == row.words[0].page] if row.words else []
        objectives.append(Objective(
            number=row.number,
            label=_cell_text(label_words),
            status_text=status_text,
            status=normalize_status(status_text),
            highlighted=any(w.bold for w in row.words),
            status_year=status_year(status_text),
            planned_year=planned_year(status_text),
            evidence=Evidence(row.words[0].page if row.words else None, union_box(boxes),
                              f"{row.number} | {_cell_text(label_words)} | {status_text}", EXTRACTOR),
        ))
    return _without_rule_digit(objectives) if scanned else objectives


def _without_rule_digit(objectives: list[Objective]) -> list[Objective]:
    """A scanned table whose left border OCR read as a "1" before each row number ("|2" -> 12):
    the whole table numbered 11, 12 … 10 + n, which no table printed alone starts at."""
    n = len(objectives)
    if not 2 <= n <= 9 or [o.number for o in objectives] != list(range(11, 11 + n)):
        return objectives
    return [replace(o, number=o.number - 10, evidence=replace(o.evidence, raw=o.evidence.raw.replace(
        f"{o.number} |", f"{o.number - 10} |", 1))) for o in objectives]

_SUMMARY = re.compile(
    r"(\d{1,3}(?:[.,]\d+)?)\s*%\s*(?:des|de\s+nos)\s+actions(?:(?!%)[^.]){0,80}?"
    r"(?:r[ée]alis[ée]e?s?\s+ou\s+(?:sont\s+)?en\s+cours|en\s+cours\s+ou\s+(?:d[ée]j[àa]\s+)?r[ée]alis)",
    re.I,
)


def extract_objectives_summary(d: DeliberationText) -> Optional[Found[float]]:
    """'69 % des actions prévues ont été réalisées ou sont en cours de réalisation' -> 69.0."""
    for i, line in enumerate(d.lines):
        window = d.lines[i:i + 3]
        text = clean_text(" ".join(l.text for l in window))
        m = _SUMMARY.search(text)
        if m and m.start() < len(line.text) + 1:
            return Found(float(m.group(1).replace(",", ".")), Evidence.of_lines(window, EXTRACTOR, raw=m.group(0)))
    return None
