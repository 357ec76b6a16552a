"""Tables other than prose, as cells (table id, row, column, text).

Two sources:
- the objectives table, read by extractors.objectives (number | label | status);
- runs of visual lines split into the same columns by wide horizontal gaps ("Rappel des
  soutiens financiers": "Dotation annuelle de fonctionnement 2025 | 320 000 €*"; budget lines
  "Objet | Montant | Imputation"). Justified prose has word gaps of a few points; a column gap is
  several character widths wide, and the columns of consecutive lines start at the same x.
A lone line counts as a table only when its last cell is an amount (a label | sum row), so a
signature line "Le Maire   Le Secrétaire" is not a table.
"""
from __future__ import annotations

import re

from pipeline.model import DeliberationText, TableCell, Word, clean_text

from .amounts import find_amounts
from .objectives import extract_objectives, visual_lines

_MIN_GAP_CHARS = 4.0  # a column gap is at least this many average character widths


def _cells(line: list[Word]) -> list[list[Word]]:
    chars = sum(len(w.text) for w in line) or 1
    char_w = sum(w.x1 - w.x0 for w in line) / chars
    cells, current = [], [line[0]]
    for prev, w in zip(line, line[1:]):
        if w.x0 - prev.x1 > _MIN_GAP_CHARS * char_w:
            cells.append(current)
            current = []
        current.append(w)
    cells.append(current)
    return cells


def _text(words) -> str:
    return clean_text(" ".join(w.text for w in words))


def _aligned(a: list[list[Word]], b: list[list[Word]], tol: float = 6.0) -> bool:
    """Two split lines share their column starts (or their column ends, for right-aligned sums)."""
    if len(a) != len(b):
        return False
    return all(abs(x[0].x0 - y[0].x0) < tol or abs(x[-1].x1 - y[-1].x1) < tol for x, y in zip(a[1:], b[1:]))


def _is_sum_row(cells: list[list[Word]]) -> bool:
    return len(cells) == 2 and bool(find_amounts(_text(cells[-1]))) and not find_amounts(_text(cells[0]))


def _gap_tables(d: DeliberationText, skip: set[int]) -> list[list[tuple[int, list[str]]]]:
    words_by_page: dict[int, list[Word]] = {}
    for line in d.lines:
        for w in line.words:
            if id(w) not in skip:
                words_by_page.setdefault(w.page, []).append(w)
    tables: list[list[tuple[int, list[str]]]] = []
    for page in sorted(words_by_page):
        run: list[list[list[Word]]] = []
        for vl in visual_lines(words_by_page[page]) + [[]]:
            cells = _cells(vl) if vl else []
            if len(cells) >= 2 and (not run or _aligned(run[-1], cells)):
                run.append(cells)
                continue
            _flush(run, tables)
            run = [cells] if len(cells) >= 2 else []
        _flush(run, tables)
    return tables


def _looks_tabular(run) -> bool:
    """Figures somewhere, and no column of running prose (a side box beside a paragraph, a
    two-column signature block are not tables)."""
    texts = [[_text(c) for c in row] for row in run]
    if not any(re.search(r"\d", t) for row in texts for t in row):
        return False
    for col in range(len(texts[0])):
        cells = [row[col] for row in texts if col < len(row)]
        words = [len(c.split()) for c in cells]
        if max(words) > 8 or (sum(words) / len(words) >= 5 and any(c.endswith(",") for c in cells)):
            return False
    return True


def _flush(run, tables) -> None:
    if (len(run) >= 2 or (len(run) == 1 and _is_sum_row(run[0]))) and _looks_tabular(run):
        tables.append([(row[0][0].page, [_text(c) for c in row]) for row in run])


def _objective_cells(d: DeliberationText) -> tuple[list[tuple[int, list[str]]], set[int]]:
    rows, used = [], set()
    objectives = extract_objectives(d)
    for o in objectives:
        rows.append((o.evidence.page or _first_page(d), [str(o.number), o.label, o.status_text]))
    if objectives:
        # Words inside the objectives table must not be read again as a gap table.
        pages = {o.evidence.page for o in objectives}
        for line in d.lines:
            for w in line.words:
                if w.page in pages and _inside_objectives(w, objectives):
                    used.add(id(w))
    return rows, used


def _inside_objectives(w: Word, objectives) -> bool:
    for o in objectives:
        box = o.evidence.box
        if box and o.evidence.page == w.page and box[1] - 1 <= w.top and w.bottom <= box[3] + 1:
            return True
    return False


def extract_tables(d: DeliberationText) -> list[TableCell]:
    out: list[TableCell] = []
    obj_rows, used = _objective_cells(d)
    tables = ([obj_rows] if obj_rows else []) + _gap_tables(d, used)
    for t, rows in enumerate(tables, start=1):
        for r, (page, row) in enumerate(rows, start=1):
            for c, text in enumerate(row, start=1):
                out.append(TableCell(f"t{t}", r, c, text, page))
    return out


def _first_page(d: DeliberationText) -> int:
    return d.lines[0].page if d.lines else 1
