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
from dataclasses import dataclass, field
from typing import Optional

from pipeline.model import DeliberationText, Evidence, Found, Objective, Word, clean_text, union_box

from .numbers import repair_ocr_digits

EXTRACTOR = "objectives"

_HEADER_STATUS = re.compile(r"^(?:[ée]tat|statut|avancement|r[ée]alisation|r[ée]alis[ée])", re.I)
_HEADER_LABEL = re.compile(r"^objectifs?$", re.I)
_NUMBER = re.compile(r"^\d{1,3}\.?$")


# --------------------------------------------------------------------------- status rules
def normalize_status(text: str) -> Optional[str]:
    """Status from the printed text (samples/README.md): annul… > Non réalisé(e) > en cours /
    Initié(e) > Réalisé(e)."""
    t = clean_text(text).lower()
    if re.search(r"\bannul|\babandonn", t):
        return "cancelled"
    if re.match(r"^(?:non|pas(?:\s+encore)?)\s+r[ée]alis", t) or re.search(r"\bpas\s+(?:encore\s+)?(?:été\s+)?r[ée]alis", t):
        return "not_done"
    if re.search(r"\ben\s+cours\b", t) or re.match(r"^initi[ée]", t):
        return "in_progress"
    if re.match(r"^r[ée]alis[ée]", t):
        return "done"
    return None


def status_year(text: str) -> Optional[int]:
    m = re.search(r"\b(?:r[ée]alis[ée]e?s?|initi[ée]e?s?|engag[ée]e?s?|d[ée]marr[ée]e?s?|lanc[ée]e?s?)\s+en\s+((?:19|20)\d{2})\b", text, re.I)
    return int(m.group(1)) if m else None


def planned_year(text: str) -> Optional[int]:
    m = re.search(r"\bpr[ée]vue?s?\b.{0,40}?\b((?:19|20)\d{2})\b", text, re.I)
    return int(m.group(1)) if m else None


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


@dataclass
class _Row:
    number: int
    words: list[Word] = field(default_factory=list)


def _header_columns(line: list[Word]) -> Optional[_Columns]:
    """'Objectifs opérationnels … Etat de réalisation' -> the x where the status column starts."""
    texts = [w.text for w in line]
    if not any(_HEADER_LABEL.match(t) for t in texts):
        return None
    for i, w in enumerate(line):
        if i > 0 and _HEADER_STATUS.match(w.text) and w.x0 - line[i - 1].x1 > 8:
            return _Columns(status_x=w.x0)
    return None


def _number_of(w: Word) -> Optional[int]:
    t = repair_ocr_digits(w.text.strip(".")) if w.from_ocr else w.text.strip(".")
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


def _read_rows(d: DeliberationText) -> list[tuple[_Row, _Columns]]:
    rows: list[tuple[_Row, _Columns]] = []
    cols: Optional[_Columns] = None
    last_number = 0
    for page in sorted(_pages(d)):
        page_words = _pages(d)[page]
        vlines = visual_lines(page_words)
        start = None
        for i, vl in enumerate(vlines):
            c = _header_columns(vl)
            if c:
                # Scans shift each page a little: take this page's columns from its own header.
                cols = _Columns(c.status_x, vl[0].x0 if vl[0].from_ocr else (cols.number_x if cols else None))
                start = i + 1
                break
        if cols is None:
            continue
        if start is None:
            start = 0
        region = _table_region(vlines[start:], cols, first_page=not rows)
        if not region:
            continue
        anchors = []
        for vl in region:
            n = _anchor_number(vl, cols, last_number)
            if n is not None:
                if cols.number_x is None:
                    cols.number_x = vl[0].x0
                anchors.append((n, vl[0]))
                last_number = n
        words = [w for vl in region for w in vl]
        if not anchors:
            if rows:  # a row continued from the previous page
                rows[-1][0].words.extend(words)
            continue
        top = min(w.top for w in words) - 1
        bottom = max(w.bottom for w in words) + 1
        centers = [(a.top + a.bottom) / 2 for _, a in anchors]
        cuts = [top] + [_widest_gap(words, centers[k], centers[k + 1]) for k in range(len(anchors) - 1)] + [bottom]
        if rows:  # the end of a row that began on the previous page, above a clear band
            band = _band_above(words, centers[0])
            if band is not None:
                rows[-1][0].words.extend(w for w in words if (w.top + w.bottom) / 2 < band)
                cuts[0] = band
        for k, (n, _) in enumerate(anchors):
            lo, hi = cuts[k], cuts[k + 1]
            rows.append((_Row(n, [w for w in words if lo <= (w.top + w.bottom) / 2 < hi]), cols))
    return rows


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


def _table_region(vlines: list[list[Word]], cols: _Columns, first_page: bool) -> list[list[Word]]:
    """The visual lines of the table on one page: up to the first line that starts in the
    left margin without a row number (the prose after the table)."""
    out: list[list[Word]] = []
    left = cols.number_x
    for vl in vlines:
        w = vl[0]
        if _header_columns(vl) or (_HEADER_STATUS.match(w.text) and abs(w.x0 - cols.status_x) < 6 and len(vl) <= 4
                                   and re.search(r"r[ée]alisation|avancement", _text(vl), re.I) and not out):
            continue  # repeated header
        is_number = (len(vl) == 1 or vl[1].x0 - w.x1 > 6) and (
            _number_of(w) is not None or (w.from_ocr and w.x1 - w.x0 < 25 and (len(vl) == 1 or vl[1].x0 - w.x1 > 15)))
        if left is not None and not is_number and w.x0 < left + 12 and w.x0 < cols.status_x - 20:
            if out:
                break
            continue  # a running header above the table
        out.append(vl)
    return out


def _cell_text(words: list[Word]) -> str:
    return _text(w for vl in visual_lines(words) for w in vl)


def extract_objectives(d: DeliberationText) -> list[Objective]:
    objectives = []
    seen = set()
    for row, cols in _read_rows(d):
        if row.number in seen:
            continue
        seen.add(row.number)
        number_words = [w for w in row.words if _number_of(w) == row.number and cols.number_x is not None
                        and abs(w.x0 - cols.number_x) < 12]
        num_word = number_words[0] if number_words else None
        rest = [w for w in row.words if w is not num_word]
        status_words = [w for w in rest if w.x0 >= cols.status_x - 4]
        label_words = [w for w in rest if w.x0 < cols.status_x - 4]
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
    return objectives


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
