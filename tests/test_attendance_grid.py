"""Attendance printed as a grid: a mark under Présent / Absent / Excusé, the holder under
"Pouvoir à", however the line stage grouped the cells."""
import pytest

from extractors.attendance import extract_attendance
from extractors.attendance_grid import read_grid
from extractors.proxies import extract_proxies
from pipeline.model import DeliberationText, Line, Word

COLUMNS = (50, 200, 290, 380, 490)  # Nom Prénom | Présent | Absent | Excusé | Pouvoir à


def _cells_line(cells: list[str], top: float, xs=COLUMNS) -> list[Word]:
    return list(Line.printed(*zip(xs, cells), top=top, height=9.0, size=9.0).words)


def _grid_lines(rows: list[list[str]], split_at: int = 0) -> list[Line]:
    """One Line per row, or (split_at > 0) the cells from column `split_at` on read as a
    second column of lines after the first, as the line stage does with sparse grids."""
    left, right = [], []
    for i, cells in enumerate(rows):
        words = _cells_line(cells, 100.0 + 13.0 * i)
        if split_at:
            lw = [w for w in words if w.x0 < COLUMNS[split_at]]
            rw = [w for w in words if w.x0 >= COLUMNS[split_at]]
            left += [Line.from_words(lw)] if lw else []
            right += [Line.from_words(rw)] if rw else []
        else:
            left.append(Line.from_words(words))
    return left + right


GRID = [
    ["Nom Prénom", "Présent", "Absent", "Excusé", "Pouvoir à"],
    ["DESCHAMPS Alain", "X", "", "", ""],
    ["MERCIER Josiane", "X", "", "", ""],
    ["FABRE Daniel", "", "", "X", "DESCHAMPS Alain"],
    ["NICOLAS Sandrine", "", "X", "", ""],
    ["ROBIN Martine", "", "", "", "MERCIER Josiane"],
]
EXPECTED = [("DESCHAMPS Alain", "present"), ("MERCIER Josiane", "present"), ("FABRE Daniel", "excused"),
            ("ROBIN Martine", "excused"), ("NICOLAS Sandrine", "absent")]


def _item(session_lines: list[Line]) -> DeliberationText:
    d = DeliberationText.from_text("1. Vote des taux\nAdopté à l'unanimité.", kind="minutes")
    d.session = [Line.synthetic("PROCÈS-VERBAL DE LA SÉANCE DU 9 AVRIL 2024", top=40.0)] + session_lines
    return d


@pytest.mark.parametrize("split_at", [0, 2, 3])
def test_a_grid_gives_statuses_and_proxies_whatever_the_line_grouping(split_at):
    d = _item(_grid_lines(GRID, split_at))
    assert [(a.person_name, a.status) for a in extract_attendance(d)] == EXPECTED
    assert [(p.grantor, p.holder) for p in extract_proxies(d)] == [("FABRE Daniel", "DESCHAMPS Alain"),
                                                                   ("ROBIN Martine", "MERCIER Josiane")]


def test_each_grid_row_is_traced_to_its_box():
    grid = read_grid(_grid_lines(GRID))
    name, status, ev = grid.entries[2]
    assert (name, status, ev.page) == ("FABRE Daniel", "excused", 1)
    assert ev.box[1] == pytest.approx(100.0 + 13.0 * 3) and "DESCHAMPS" in ev.raw


@pytest.mark.parametrize("header", [
    ["Conseillers", "Présent(e)", "Absent(e)", "Absent excusé", "Procuration donnée à"],
    ["NOM", "P", "Absent", "Excusé", "Représenté par"],  # an unknown head ("P") among known ones
])
def test_header_wordings(header):
    rows = [header] + GRID[1:]
    got = [(a.person_name, a.status) for a in extract_attendance(_item(_grid_lines(rows)))]
    assert ("NICOLAS Sandrine", "absent") in got and ("ROBIN Martine", "excused") in got


@pytest.mark.parametrize("rows", [
    # a labelled list on one line is no grid
    [["Présents : Jean DUPONT, Anne MARTIN", "", "", "", ""], ["Absents : Paul DURAND", "", "", "", ""]],
    # a counts row is no header
    [["Membres en exercice : 15", "Présents : 12", "Votants : 14", "", ""], ["Pour : 14", "", "", "", ""]],
])
def test_what_is_not_a_grid(rows):
    assert read_grid(_grid_lines(rows)) is None
