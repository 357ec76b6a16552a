"""The objectives table: number | label | status, rebuilt from word positions."""
import json
from pathlib import Path

import pytest

from pipeline.model import DeliberationText, Line, Word
from extractors.objectives import (_header_columns, extract_objectives, extract_objectives_summary, normalize_status,
                                   planned_year, status_year)
from extractors.tables import extract_tables

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, status, done_year, plan_year", [
    ("Réalisée en 2024, mais non mis en œuvre", "done", 2024, None),
    ("Non réalisée, dépend du positionnement", "not_done", None, None),
    ("Non réalisée, prévue en 2026", "not_done", None, 2026),
    ("Non réalisée, démarrage prévu 2nd semestre 2025", "not_done", None, 2025),
    ("pas encore réalisée", "not_done", None, None),
    ("Réalisée en 2023", "done", 2023, None),
    ("En cours de réalisation", "in_progress", None, None),
    ("Initiée en 2022 et toujours en cours", "in_progress", 2022, None),
    ("Réalisée en 2023, et toujours en cours", "in_progress", 2023, None),
    ("Action annulée", "cancelled", None, None),
    ("Abandonnée", "cancelled", None, None),
])
def test_status_rules(text, status, done_year, plan_year):
    assert (normalize_status(text), status_year(text), planned_year(text)) == (status, done_year, plan_year)


def _line(cells, top, page=1, bold=()):
    """One visual line: cells = [(x, text)], every word 5 pt per character."""
    words = []
    for x, text in cells:
        for tok in text.split():
            words.append(Word(tok, page, x, top, x + 5 * len(tok), top + 9, "F-Bold" if tok in bold else "F", 9,
                              tok in bold))
            x += 5 * len(tok) + 3
    return Line.from_words(words)


NUM, LABEL, STATUS = 60.0, 90.0, 380.0


def _table():
    return [
        _line([(60, "Objectifs opérationnels"), (STATUS, "Etat de réalisation")], 100),
        # row 1: label wraps over three lines, the number and the status are centred beside it
        _line([(LABEL, "Définir collectivement le positionnement")], 120),
        _line([(STATUS, "Réalisée en 2024, mais")], 125),
        _line([(NUM, "1"), (LABEL, "marketing du territoire et définir")], 130, bold={"1"}),
        _line([(STATUS, "non mis en œuvre")], 135),
        _line([(LABEL, "nos publics-cibles")], 140),
        # row 2 on one line, status in bold
        _line([(NUM, "2"), (LABEL, "Créer les éléments-cadres"), (STATUS, "Non réalisée, prévue en 2026")], 165,
              bold={"Non", "réalisée,", "prévue", "en", "2026"}),
        # page break: header repeated, a running page number above it
        _line([(NUM, "Annexe – page 2")], 30, page=2),
        _line([(60, "Objectifs opérationnels"), (STATUS, "Etat de réalisation")], 50, page=2),
        _line([(NUM, "3"), (LABEL, "Editer un guide du partenaire"), (STATUS, "Action annulée")], 70, page=2),
        _line([(LABEL, "Fédérer les acteurs locaux autour")], 95, page=2),
        _line([(NUM, "4"), (LABEL, "de la stratégie touristique"), (STATUS, "Initiée en 2022 et toujours en")], 105, page=2),
        _line([(STATUS, "cours")], 115, page=2),
        _line([(NUM, "Pour information et en résumé :")], 150, page=2),
        _line([(NUM, "69 % des actions prévues ont été réalisées ou sont en cours de réalisation")], 165, page=2),
    ]


def test_three_columns_with_wrapped_cells_across_a_page_break():
    d = DeliberationText(seq=1, lines=_table(), sections={"body": _table()})
    got = extract_objectives(d)
    assert [(o.number, o.label, o.status_text, o.status, o.highlighted, o.status_year, o.planned_year) for o in got] == [
        (1, "Définir collectivement le positionnement marketing du territoire et définir nos publics-cibles",
         "Réalisée en 2024, mais non mis en œuvre", "done", True, 2024, None),
        (2, "Créer les éléments-cadres", "Non réalisée, prévue en 2026", "not_done", True, None, 2026),
        (3, "Editer un guide du partenaire", "Action annulée", "cancelled", False, None, None),
        (4, "Fédérer les acteurs locaux autour de la stratégie touristique", "Initiée en 2022 et toujours en cours",
         "in_progress", False, 2022, None),
    ]
    assert got[2].evidence.page == 2


def test_summary_percentage():
    d = DeliberationText(seq=1, lines=_table(), sections={"body": _table()})
    assert extract_objectives_summary(d).value == 69.0


def test_prose_has_no_objectives_nor_tables():
    d = DeliberationText.from_text("Le conseil municipal approuve le projet.\nIl autorise le Maire à signer 3 conventions.")
    assert extract_objectives(d) == [] and extract_tables(d) == []
    assert extract_objectives_summary(d) is None


def test_objectives_become_table_cells():
    d = DeliberationText(seq=1, lines=_table(), sections={"body": _table()})
    cells = [c for c in extract_tables(d) if c.table_id == "t1"]
    assert len(cells) == 12 and (cells[0].text, cells[1].column, cells[-1].text) == ("1", 2, "Initiée en 2022 et toujours en cours")


def test_label_and_amount_row_is_a_table():
    line = _line([(60, "Dotation annuelle de fonctionnement 2025"), (390, "320 000 €*")], 200)
    d = DeliberationText(seq=1, lines=[line], sections={"body": [line]})
    assert [(c.row, c.column, c.text) for c in extract_tables(d)] == [
        (1, 1, "Dotation annuelle de fonctionnement 2025"), (1, 2, "320 000 €*")]


SAMPLE = ROOT / "samples" / "seed_hautes-terres_2025-05-22_digital.pdf"
TRUTH = ROOT / "tests" / "truth" / "seed_hautes-terres_2025-05-22_digital.json"


@pytest.mark.skipif(not (SAMPLE.exists() and TRUTH.exists()), reason="digital seed sample not generated")
def test_golden_digital_seed_objectives():
    from pipeline.text import read_document

    doc = read_document(SAMPLE)
    d = DeliberationText(seq=1, lines=doc.lines, sections={"body": doc.lines})
    got = extract_objectives(d)
    expected = json.loads(TRUTH.read_text())["deliberations"][0]["objectives"]
    assert len(got) == 100
    assert sum(o.highlighted for o in got) == 71
    keys = ("number", "label", "status_text", "status", "highlighted", "status_year", "planned_year")
    assert [{k: getattr(o, k) for k in keys} for o in got] == [{k: e[k] for k in keys} for e in expected]
    assert extract_objectives_summary(d).value == 69.0
    assert {c.table_id for c in extract_tables(d)} == {"t1", "t2"}


@pytest.mark.parametrize("text, status, done_year", [
    # what tesseract makes of the status words on a scan
    ("UT ; Én:courS de rémMention", "in_progress", None),
    (": Réalisée en 2023", "done", 2023),
    ("à Non réalisée, prévue 2026 en", "not_done", None),
    ("Fe à In itiée en 2023 et toujours en cours", "in_progress", 2023),
    ("bn en 2023 et toujours en", "in_progress", 2023),  # the verb lost, the start year kept
    ("she en 20270 toujours =", "in_progress", None),
])
def test_status_rules_tolerate_ocr_noise(text, status, done_year):
    assert (normalize_status(text), status_year(text)) == (status, done_year)


def _ocr_line(cells, top, page=1, slope=0.0):
    """A scanned line: OCR words (no font), tops tilted by `slope` points per point of x."""
    words = []
    for x, text in cells:
        for tok in text.split():
            t = top - slope * (x - 60)
            words.append(Word(tok, page, x, t, x + 5 * len(tok), t + 9, "", 0.0, False, 90.0, True))
            x += 5 * len(tok) + 3
    return Line.from_words(words)


@pytest.mark.parametrize("slope", [0.0, 0.012])
def test_scanned_rows_are_cut_by_empty_bands_and_numbered_in_sequence(slope):
    rows = [
        ("1", ["Définir collectivement le positionnement", "marketing du territoire"], "Réalisée en 2024"),
        ("a", ["Créer les éléments-cadres de la", "communication (charte graphique)"], "Non réalisée, prévue en 2026"),
        ("", ["Créer et animer un réseau", "d'ambassadeurs du territoire"], "En cours de réalisation"),
        ("TË", ["Editer un guide du partenaire"], "Action annulée"),
        ("5", ["Fédérer les acteurs locaux"], "Initiée en 2022 et toujours en cours"),
    ]
    lines = [_ocr_line([(60, "Objectifs opérationnels"), (STATUS, "Etat de réalisation")], 100, slope=slope)]
    top = 120.0
    for number, label, status in rows:
        for k, text in enumerate(label):  # wrapped label lines touch: leading is below a point
            cells = [(LABEL, text)]
            if k == 0:
                cells += [(STATUS, status)] + ([(NUM, number)] if number else [])
            lines.append(_ocr_line(cells, top + 9.5 * k, slope=slope))
        top += 9.5 * len(label) + 6  # cell padding
    lines.append(_ocr_line([(NUM, "Pour information et en résumé, la plupart des actions sont engagées")], top + 20,
                           slope=slope))
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    got = [(o.number, o.status) for o in extract_objectives(d)]
    assert got == [(1, "done"), (2, "not_done"), (3, "in_progress"), (4, "cancelled"), (5, "in_progress")]


def _rows_of(lines):
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    return [(o.number, o.label, o.status) for o in extract_objectives(d)]


SCAN_ROWS = [("1", "Organiser des rencontres", "Non réalisée, prévue en 2025"),
             ("", "Valoriser les circuits courts", "Réalisée en 2022"),
             ("3", "Proposer une billetterie", "Action annulée")]
SCAN_EXPECTED = [(1, "Organiser des rencontres", "not_done"), (2, "Valoriser les circuits courts", "done"),
                 (3, "Proposer une billetterie", "cancelled")]


def _scan_table(header_dy_number: float, header_dy_status: float, number_dy: float = 0.0, page: int = 1):
    """An OCR'd table whose header cells were read a few points apart, and whose row numbers sit
    a little higher than their labels (cell text aligned to the top on a tilted print)."""
    lines = [_ocr_line([(NUM, "N°")], 100 + header_dy_number, page=page),
             _ocr_line([(LABEL, "Objectif opérationnel")], 100, page=page),
             _ocr_line([(STATUS, "État de réalisation")], 100 + header_dy_status, page=page)]
    for k, (number, label, status) in enumerate(SCAN_ROWS):
        top = 118 + 17 * k
        lines.append(_ocr_line([(LABEL, label), (STATUS, status)], top, page=page))
        if number:
            lines.append(_ocr_line([(NUM, number)], top + number_dy, page=page))
    return lines


@pytest.mark.parametrize("dy_number, dy_status, number_dy", [
    (3.0, 0.0, 0.0),    # "N°" read 3 pt below the rest of the header
    (-5.0, 0.0, -4.0),  # "N°" 5 pt above, numbers 4 pt above their labels
    (0.0, 5.0, 0.0),    # "État de réalisation" 5 pt below "Objectif opérationnel"
])
def test_scanned_header_read_as_several_lines_still_gives_the_columns(dy_number, dy_status, number_dy):
    assert _rows_of(_scan_table(dy_number, dy_status, number_dy)) == SCAN_EXPECTED


def test_scanned_header_without_number_cell_finds_the_number_column_from_the_rows():
    lines = [l for l in _scan_table(0.0, 0.0) if l.text != "N°"]
    assert _rows_of(lines) == SCAN_EXPECTED


def test_scanned_table_ends_at_prose_and_the_next_page_is_not_read_as_rows():
    lines = _scan_table(0.0, 0.0)
    lines.append(_ocr_line([(40, "Le Conseil municipal, après en avoir délibéré, DÉCIDE :")], 180))
    lines.append(_ocr_line([(40, "Fait et délibéré les jour, mois et an susdits.")], 40, page=2))
    lines.append(_ocr_line([(LABEL, "Le secrétaire de séance,"), (STATUS, "Le Maire,")], 60, page=2))
    assert _rows_of(lines) == SCAN_EXPECTED


def test_a_tick_box_ocr_read_as_a_symbol_belongs_to_no_cell_text():
    """A box drawn before a status, read as '©' left of the status column: neither the
    label nor the status holds it."""
    lines = _scan_table(0.0, 0.0)[:3]
    lines.append(_ocr_line([(NUM, "1"), (LABEL, "Accompagner les hébergeurs"), (STATUS - 22, "©"),
                            (STATUS, "En cours de réalisation")], 118))
    lines.append(_ocr_line([(NUM, "2"), (LABEL, "Valoriser les circuits courts"), (STATUS, "● Réalisée en 2022")], 135))
    assert _rows_of(lines) == [(1, "Accompagner les hébergeurs", "in_progress"),
                               (2, "Valoriser les circuits courts", "done")]


def test_a_smudge_joining_two_rows_is_cut_between_their_two_status_cells():
    lines = _scan_table(0.0, 0.0)[:3]
    lines.append(_ocr_line([(LABEL, "Former les acteurs au numérique"), (STATUS, "Non réalisée")], 118))
    lines.append(_ocr_line([(NUM, "PERS]"), (LABEL + 20, "AR A SL")], 124))  # OCR debris over the border
    lines.append(_ocr_line([(NUM, "2"), (LABEL, "Valoriser les circuits courts")], 131))
    lines.append(_ocr_line([(STATUS, "En cours de réalisation")], 136))
    lines.append(_ocr_line([(LABEL, "Éditer un guide"), (STATUS, "Réalisée en 2022, et")], 158))
    lines.append(_ocr_line([(STATUS, "toujours en cours")], 167))  # a wrapped status goes on in lowercase
    got = _rows_of(lines)
    assert [(n, s) for n, _, s in got] == [(1, "not_done"), (2, "in_progress"), (3, "in_progress")]


def test_a_tall_ocr_box_over_the_column_gap_is_not_prose():
    lines = _scan_table(0.0, 0.0)
    junk = Word("—[Réaæen2m0", 1, STATUS - 60, 166, STATUS + 150, 197, "", 0.0, False, 40.0, True)
    lines.insert(6, Line.from_words([junk]))
    lines.append(_ocr_line([(NUM, "4"), (LABEL, "Éditer un guide"), (STATUS, "Non réalisée")], 200))
    assert [(n, s) for n, _, s in _rows_of(lines)][-1] == (4, "not_done")


def test_digital_table_beside_a_margin_box_and_followed_by_indented_prose():
    lines = [_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_line([(NUM, "1"), (LABEL, "Former les acteurs"), (STATUS, "Non réalisée")], 115))
    lines.append(_line([(0, "Nombre de"), (NUM, "2"), (LABEL, "Créer une charte"), (STATUS, "Réalisée en 2023")], 130))
    lines.append(_line([(0, "membres : 16")], 141))
    lines.append(_line([(LABEL - 10, "Il est proposé au conseil d’approuver le bilan de l’office de tourisme et de verser")], 152))
    assert _rows_of(lines) == [(1, "Former les acteurs", "not_done"), (2, "Créer une charte", "done")]


def test_digital_prose_after_a_table_whose_header_spans_the_number_column():
    lines = [_line([(NUM, "Objectifs opérationnels"), (STATUS, "Etat de réalisation")], 100)]
    lines.append(_line([(NUM, "1"), (LABEL, "Former les acteurs"), (STATUS, "En cours de réalisation")], 115))
    lines.append(_line([(NUM - 15, "Le Conseil municipal, après en avoir délibéré, DÉCIDE :")], 135))
    assert _rows_of(lines) == [(1, "Former les acteurs", "in_progress")]


def test_scanned_row_numbers_read_through_brackets_debris_and_a_skipped_mark():
    lines = [_ocr_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_ocr_line([(NUM, "1"), (LABEL, "Former les acteurs"), (STATUS, "Non réalisée")], 118))
    lines.append(_ocr_line([(NUM, "[2]"), (LABEL, "Créer une charte"), (STATUS, "Réalisée en 2022")], 135))
    lines.append(_ocr_line([(LABEL + 30, "ur CIOr NE ique")], 152))  # debris without a status cell
    lines.append(_ocr_line([(NUM, "EN"), (LABEL, "Éditer un guide"), (STATUS, "Action annulée")], 169))
    lines.append(_ocr_line([(NUM, "[4"), (LABEL, "Valoriser les circuits"), (STATUS, "En cours de réalisation")], 179))
    lines.append(_ocr_line([(NUM, "lo"), (LABEL, "Informer sur la taxe"), (STATUS, "Non réalisée")], 196))
    lines.append(_ocr_line([(NUM, "6"), (LABEL, "Refondre le site"), (STATUS, "Réalisée en 2023")], 213))
    got = [(n, s) for n, _, s in _rows_of(lines)]
    assert got == [(1, "not_done"), (2, "done"), (3, "cancelled"), (4, "in_progress"), (5, "not_done"), (6, "done")]


def test_digital_prose_after_the_last_row_starting_left_of_the_labels_is_not_that_row():
    """A short paragraph under the table, at the page's margin left of the label column, neither
    runs over the status column nor starts at the number column: it still ends the table."""
    lines = [_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_line([(NUM, "1"), (LABEL, "Former les acteurs"), (STATUS, "Réalisée en 2017")], 115,
                       bold={"1", "Former", "les", "acteurs", "Réalisée", "en", "2017"}))
    lines.append(_line([(NUM, "2"), (LABEL, "Concevoir des séjours packagés pour"), (STATUS, "Réalisée en 2017")], 130))
    lines.append(_line([(LABEL, "les groupes")], 140))
    lines.append(_line([(LABEL - 5, "Le Conseil municipal, après en avoir délibéré, DÉCIDE :")], 160,
                       bold={"DÉCIDE", ":"}))
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    got = [(o.number, o.label, o.highlighted) for o in extract_objectives(d)]
    assert got == [(1, "Former les acteurs", True), (2, "Concevoir des séjours packagés pour les groupes", False)]


def test_scanned_row_number_misread_as_a_later_one_yields_to_the_next_rows_number():
    """"1, 2, 5, 4, 5": the "5" of the third row is a misread 3, since the row after it reads 4."""
    lines = [_ocr_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    for k, (number, label, status) in enumerate([
            ("1", "Concevoir des séjours", "En cours de réalisation"), ("2", "Créer une charte", "Non réalisée"),
            ("5", "Refondre le site", "Réalisée en 2022"), ("4", "Développer le label", "Action annulée"),
            ("5", "Former les acteurs", "Non réalisée")]):
        lines.append(_ocr_line([(NUM, number), (LABEL, label), (STATUS, status)], 118 + 17 * k))
    assert [(n, s) for n, _, s in _rows_of(lines)] == [
        (1, "in_progress"), (2, "not_done"), (3, "done"), (4, "cancelled"), (5, "not_done")]


def test_scanned_prose_opening_the_next_page_is_not_a_row_of_the_table_above():
    """The table ends at a page's foot; the next page opens with prose ("Il est proposé …", whose
    "Il" OCR reads where a row number "1" would stand) running over the status column."""
    lines = _scan_table(0.0, 0.0)
    lines.append(_ocr_line([(NUM, "Il est proposé au Comité syndical d’approuver le bilan des objectifs "
                                  "opérationnels de l’office de tourisme, de")], 40, page=2))
    lines.append(_ocr_line([(NUM, "verser une dotation de fonctionnement de 1 357 700 € HT au titre de "
                                  "l’année 2025 et de valider l’annexe")], 52, page=2))
    lines.append(_ocr_line([(NUM, "opérationnelle pour l’année 2026.")], 64, page=2))
    assert _rows_of(lines) == SCAN_EXPECTED


def test_digital_table_ended_by_prose_takes_nothing_from_the_next_page():
    """Prose at the margin after the last row ends the table: "Article 2 : Verse …" opening the
    next page (its "2" in the number column) is neither a row nor the end of the last one."""
    lines = [_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_line([(NUM, "1"), (LABEL, "Animer un réseau"), (STATUS, "En cours de réalisation")], 115))
    lines.append(_line([(NUM, "2"), (LABEL, "Former les acteurs au numérique"), (STATUS, "Réalisée en 2018")], 130))
    lines.append(_line([(NUM - 20, "Le Conseil départemental, après en avoir délibéré, DÉCIDE :")], 150))
    lines.append(_line([(NUM - 20, "Article 1 : Approuve le bilan des objectifs.")], 165))
    lines.append(_line([(NUM - 20, "Article"), (NUM + 20, "2 : Verse une dotation de 778 850 € au titre de l’année 2021.")],
                       50, page=2))
    lines.append(_line([(NUM - 20, "Article 3 : Valide l’annexe opérationnelle pour l’année 2022.")], 65, page=2))
    assert _rows_of(lines) == [(1, "Animer un réseau", "in_progress"), (2, "Former les acteurs au numérique", "done")]


def test_scanned_header_with_a_doubtful_speck_before_the_status_cell():
    """OCR reads a smudge in the band between the header's cells as a short word ("Te", 37 %
    sure): the status column still starts at "État"."""
    header = [Word("N°", 1, 87, 48, 96, 58, conf=95, from_ocr=True),
              Word("Objectif", 1, 117, 48, 152, 58, conf=91, from_ocr=True),
              Word("opérationnel", 1, 155, 48, 212, 58, conf=96, from_ocr=True),
              Word("Te", 1, 350, 48, 371, 58, conf=37, from_ocr=True),
              Word("État", 1, 376, 48, 395, 58, conf=96, from_ocr=True),
              Word("de", 1, 398, 48, 408, 58, conf=96, from_ocr=True),
              Word("réalisation", 1, 412, 48, 460, 58, conf=95, from_ocr=True)]
    cols = _header_columns(header)
    assert cols is not None and cols.status_x == 376


def test_scanned_short_prose_opening_the_next_page_across_the_number_column_is_not_a_row():
    """"Le Conseil municipal, après en avoir délibéré," opens the next page at the margin: short,
    it runs over no status column, but its words cross the gap between numbers and labels."""
    lines = _scan_table(0.0, 0.0)
    lines.append(_ocr_line([(NUM - 12, "Le Conseil municipal, après en avoir délibéré,")], 40, page=2))
    lines.append(_ocr_line([(NUM - 12, "DÉCIDE d'approuver le bilan des objectifs opérationnels de l'office de "
                                       "tourisme ;")], 52, page=2))
    assert _rows_of(lines) == SCAN_EXPECTED


def test_scanned_speck_read_as_a_number_in_a_rows_padding_is_no_row():
    """A "4" read at 9 % in the padding under row 2 neither makes a row nor shifts the numbering."""
    lines = [_ocr_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_ocr_line([(NUM, "1"), (LABEL, "Former les acteurs"), (STATUS, "Non réalisée")], 118))
    lines.append(_ocr_line([(NUM, "2"), (LABEL, "Créer une charte"), (STATUS, "Réalisée en 2022")], 135))
    speck = _ocr_line([(NUM + 12, "4")], 147)
    lines.append(Line.from_words([Word("4", 1, w.x0, w.top, w.x1, w.bottom, conf=9.0, from_ocr=True) for w in speck.words]))
    lines.append(_ocr_line([(NUM, "3"), (LABEL, "Éditer un guide"), (STATUS, "Action annulée")], 160))
    lines.append(_ocr_line([(NUM, "4"), (LABEL, "Valoriser les circuits"), (STATUS, "En cours de réalisation")], 177))
    got = [(n, s) for n, _, s in _rows_of(lines)]
    assert got == [(1, "not_done"), (2, "done"), (3, "cancelled"), (4, "in_progress")]


def test_scanned_label_word_boxed_a_little_higher_keeps_its_place_in_the_label():
    lines = [_ocr_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    row = _ocr_line([(NUM, "1"), (LABEL, "Organiser des"), (LABEL + 122, "entre"), (STATUS, "Non réalisée")], 125)
    raised = _ocr_line([(LABEL + 67, "rencontres")], 118)
    lines += [raised, row, _ocr_line([(LABEL, "professionnels")], 137)]
    lines.append(_ocr_line([(NUM, "2"), (LABEL, "Créer une charte"), (STATUS, "Réalisée en 2022")], 160))
    assert _rows_of(lines)[0] == (1, "Organiser des rencontres entre professionnels", "not_done")


def test_digital_table_ended_by_indented_prose_takes_nothing_from_the_next_page():
    lines = [_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_line([(NUM, "1"), (LABEL, "Animer un réseau"), (STATUS, "Action annulée")], 115))
    lines.append(_line([(NUM, "2"), (LABEL, "Accompagner les hébergeurs"), (STATUS, "Action annulée")], 130))
    lines.append(_line([(NUM + 20, "La Commission permanente, après en avoir délibéré, approuve le bilan des objectifs")], 150))
    lines.append(_line([(NUM + 20, "– de valider l’annexe opérationnelle pour l’année 2024.")], 50, page=2))
    lines.append(_line([(NUM + 20, "Fait et délibéré les jour, mois et an susdits.")], 65, page=2))
    assert _rows_of(lines) == [(1, "Animer un réseau", "cancelled"), (2, "Accompagner les hébergeurs", "cancelled")]


def test_scanned_table_whose_border_ocr_read_as_a_one_before_each_number():
    lines = [_ocr_line([(LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    for k, (label, status) in enumerate([("Organiser des rencontres", "Non réalisée"), ("Éditer un guide", "Action annulée"),
                                         ("Proposer une billetterie", "Réalisée en 2022")]):
        lines.append(_ocr_line([(NUM, f"1{k + 1}"), (LABEL, label), (STATUS, status)], 118 + 17 * k))
    assert [(n, s) for n, _, s in _rows_of(lines)] == [(1, "not_done"), (2, "cancelled"), (3, "done")]


def test_scanned_prose_whose_middle_words_ocr_boxed_taller_still_ends_the_table():
    """OCR may box a few words of the sentence after a table taller than the others ("à
    l'unanimité et", reaching above "Le Conseil municipal, …"): read apart, neither part runs over
    the status column's edge, yet together they are one line of prose, no row of the table."""
    lines = _scan_table(0.0, 0.0)
    prose = _ocr_line([(LABEL + 30, "Le Conseil municipal, après en avoir délibéré, à l'unanimité et une abstention (Mme")],
                      175)
    # (points added above, below, right): "et" boxed twice as tall as the type, inside the box of
    # "l'unanimité" stretched over it
    grow = {"à": (5, 3, 0), "l'unanimité": (5, 3, 13), "et": (8, 12, 0)}
    tall = [Word(w.text, w.page, w.x0, w.top - grow[w.text][0], w.x1 + grow[w.text][2], w.bottom + grow[w.text][1],
                 "", 0.0, False, 90.0, True) if w.text in grow else w for w in prose.words]
    lines.append(Line.from_words(tall))
    lines.append(_ocr_line([(LABEL - 5, "DURAND),")], 189))
    lines.append(_ocr_line([(LABEL - 5, "APPROUVE le bilan des objectifs opérationnels de l'office de tourisme.")], 203))
    assert _rows_of(lines) == SCAN_EXPECTED
