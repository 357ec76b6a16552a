"""Attendance printed as a grid: one row per member, a mark under "Présent", "Absent" or
"Excusé", the holder's name under "Pouvoir à".

    Nom Prénom          Présent   Absent   Excusé   Pouvoir à
    DESCHAMPS Alain        X
    FABRE Daniel                              X      DESCHAMPS Alain

Rows are rebuilt from the words' positions, not from the lines: a grid whose right-hand cells
are sparse is often grouped as two columns by the line stage, and a row's cells must meet again.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Optional

from extractors.memo import per_lines
from extractors.names import clean_name
from pipeline.model import Evidence, Line, Proxy, Word, union_box

EXTRACTOR = "attendance"

# Header cells, tested in this order: "Absent excusé" is excused, "Absent représenté" a proxy.
_HEADS = (
    ("excused", re.compile(r"excus", re.I)),
    ("proxy", re.compile(r"pouvoir|procuration|mandat|repr[ée]sent|d[ée]l[ée]gation", re.I)),
    ("absent", re.compile(r"^\W*absent", re.I)),
    ("present", re.compile(r"^\W*pr[ée]sent", re.I)),
)
_NAME_HEAD = re.compile(r"\b(?:nom|pr[ée]nom|conseill\w*|[ée]lus?|membres?|d[ée]l[ée]gu\w*|identit[ée])\b", re.I)
# What a tick in a grid is read as (text layer or OCR).
_MARK = re.compile(r"^(?:[xX×✓✔✗☒■•*+]|oui|OUI|Oui)$")


@dataclass
class Grid:
    entries: list[tuple[str, str, Evidence]] = field(default_factory=list)  # (name, status, evidence)
    proxies: list[Proxy] = field(default_factory=list)
    line_ids: set = field(default_factory=set)  # the lines the grid's words come from


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words of one page into rows by their vertical centre."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        centre, height = (w.top + w.bottom) / 2, max(w.bottom - w.top, 1.0)
        if rows:
            last = rows[-1]
            last_centre = statistics.fmean((x.top + x.bottom) / 2 for x in last)
            if abs(centre - last_centre) <= 0.45 * height:
                last.append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _cells(row: list[Word]) -> list[list[Word]]:
    """A row cut where the blank between two words is wider than a word space can be."""
    height = statistics.median(max(w.bottom - w.top, 1.0) for w in row)
    cells = [[row[0]]]
    for prev, w in zip(row, row[1:]):
        if w.x0 - prev.x1 > 1.2 * height:
            cells.append([])
        cells[-1].append(w)
    return cells


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _header(row: list[Word]) -> Optional[list[tuple[str, float, float]]]:
    """Status columns (kind, x0, x1) of a header row, or None when the row is no grid header.
    Columns of other facts left of them ('Commune', 'Fonction') come as kind 'other', those of
    the name as kind 'name', when the header names both."""
    columns, named, side = [], False, []
    for cell in _cells(row):
        text = _text(cell)
        kind = next((k for k, rx in _HEADS if rx.search(text)), None)
        if kind is None:
            is_name = bool(_NAME_HEAD.search(text))
            named = named or is_name
            side.append(("name" if is_name else "other", cell[0].x0, cell[-1].x1))
            continue
        if len(text.split()) > 4 or ":" in text:
            return None  # a sentence or a label ("Présents : …"), not a column head
        columns.append((kind, cell[0].x0, cell[-1].x1))
    kinds = {k for k, _, _ in columns}
    if len(columns) < 2 or len(kinds) < 2 or not kinds & {"present", "absent", "excused"}:
        return None
    if not named and min(x0 for _, x0, _ in columns) < 0.2 * max(x1 for _, _, x1 in columns):
        return None  # no room for a names column on the left
    if named and any(k == "other" for k, _, _ in side):
        columns += side
    return columns


def _name_words(row: list[Word], columns, name_edge: float) -> list[Word]:
    """Words of a row's name: left of the status columns, minus the cells standing under a
    column of other facts ('Lunel | Pierre SOUJOL' under 'Commune | Délégué')."""
    words = [w for w in row if _column_of(w, columns, name_edge) is None]
    side = [c for c in columns if c[0] in ("name", "other")]
    if not side or not words:
        return words

    def overlap(cell: list[Word], c) -> float:
        return min(cell[-1].x1, c[2]) - max(cell[0].x0, c[1])

    kept = []
    for cell in _cells(words):
        best = max(side, key=lambda c: overlap(cell, c))
        if best[0] == "name" or overlap(cell, best) <= 0:
            kept.extend(cell)
    return kept


def _column_of(w: Word, columns: list[tuple[str, float, float]], name_edge: float) -> Optional[str]:
    """The status column a word stands under (nearest head), None for the names column."""
    centre = (w.x0 + w.x1) / 2
    if centre < name_edge:
        return None
    return min((c for c in columns if c[0] not in ("name", "other")), key=lambda c: abs((c[1] + c[2]) / 2 - centre))[0]


def _read_rows(rows: list[list[Word]], columns) -> list[tuple[str, Optional[str], Optional[str], list[Word]]]:
    """(name, status, holder, words) of the rows under a header, until the grid ends."""
    first = min(x0 for kind, x0, _ in columns if kind not in ("name", "other"))
    heights = [w.bottom - w.top for r in rows for w in r]
    gap_limit = 3.0 * (statistics.median(heights) if heights else 10.0)
    out, last_bottom = [], None
    for row in rows:
        top = min(w.top for w in row)
        if last_bottom is not None and top - last_bottom > gap_limit:
            break
        name_words = _name_words(row, columns, first - 4.0)
        name = clean_name(_text(name_words)) if name_words else None
        if not name or ":" in _text(name_words):
            break
        status, holder_words = None, []
        for w in row:
            kind = _column_of(w, columns, first - 4.0)
            if kind is None:
                continue
            if _MARK.match(w.text.strip(".,;")):
                status = status or ("excused" if kind == "proxy" else kind)
            elif kind == "proxy":
                holder_words.append(w)
        holder = clean_name(_text(holder_words)) if holder_words else None
        out.append((name, status, holder, row))
        last_bottom = max(w.bottom for w in row)
    return out


@per_lines
def read_grid(lines: list[Line]) -> Optional[Grid]:
    """The attendance grid printed among `lines`, if any."""
    by_page: dict[int, list[Word]] = {}
    owner: dict[int, Line] = {}
    for line in lines:
        for w in line.words:
            by_page.setdefault(line.page, []).append(w)
            owner[id(w)] = line
    for page, words in by_page.items():
        rows = _rows(words)
        for i, row in enumerate(rows):
            columns = _header(row)
            if not columns:
                continue
            read = _read_rows(rows[i + 1:], columns)
            if len(read) < 2 or not any(status or holder for _, status, holder, _ in read):
                continue
            grid = Grid()
            grid.line_ids.update(id(owner[id(w)]) for w in row)
            for name, status, holder, row_words in read:
                box = union_box((w.x0, w.top, w.x1, w.bottom) for w in row_words)
                ev = Evidence(page, box, _text(row_words), EXTRACTOR)
                grid.line_ids.update(id(owner[id(w)]) for w in row_words)
                if holder:
                    grid.proxies.append(Proxy(name, holder, ev))
                    status = "excused" if status in (None, "present", "proxy") else status
                if status:
                    grid.entries.append((name, status, ev))
            return grid
    return None
