"""OCR and layout noise around tables, amounts and decided items."""
import pytest

from pipeline.model import DeliberationText, Line, Word
from extractors.amounts import parse_amounts, single_amount
from extractors.decisions import extract_decisions
from extractors.objectives import extract_objectives

NUM, LABEL, STATUS = 60.0, 90.0, 380.0


def _words(cells, top, page, ocr, conf=90.0):
    words = []
    for x, text in cells:
        for tok in text.split():
            font = "" if ocr else "F"
            words.append(Word(tok, page, x, top, x + 5 * len(tok), top + 9, font, 0.0 if ocr else 9, False,
                              conf if ocr else None, ocr))
            x += 5 * len(tok) + 3
    return words


def _ocr(cells, top, page=1, conf=90.0):
    return Line.from_words(_words(cells, top, page, True, conf))


def _pdf(cells, top, page=1):
    return Line.from_words(_words(cells, top, page, False))


def _rows(lines):
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    return [(o.number, o.label, o.status, o.planned_year) for o in extract_objectives(d)]


ROWS = [("1", "Organiser des rencontres", "Non réalisée"),
        ("2", "Valoriser les circuits courts", "Réalisée en 2022"),
        ("3", "Proposer une billetterie", "Action annulée")]
EXPECTED = [(1, "Organiser des rencontres", "not_done", None), (2, "Valoriser les circuits courts", "done", None),
            (3, "Proposer une billetterie", "cancelled", None)]


def _scan(header_words):
    lines = [Line.from_words(header_words)]
    for k, (n, label, status) in enumerate(ROWS):
        lines.append(_ocr([(NUM, n), (LABEL, label), (STATUS, status)], 118 + 18 * k))
    return lines


@pytest.mark.parametrize("speck", ["T", ">", "|", "'"])
def test_ocr_speck_between_the_header_cells_does_not_hide_the_status_column(speck):
    header = _words([(NUM, "N°"), (LABEL, "Objectif opérationnel")], 100, 1, True)
    header += _words([(STATUS - 7, speck)], 99, 1, True, conf=30.0)  # a ruling's speck, 2 pt left of "Etat"
    header += _words([(STATUS, "Etat de réalisation")], 100, 1, True)
    assert _rows(_scan(header)) == EXPECTED


def test_header_word_glued_to_the_label_cell_is_still_no_status_column():
    header = _words([(NUM, "N°"), (LABEL, "Objectifs"), (LABEL + 53, "réalisés")], 100, 1, True)
    assert _rows(_scan(header)) == []


def test_ruling_slivers_and_a_line_of_specks_between_rows_stay_out_of_the_labels():
    lines = _scan(_words([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "Etat de réalisation")], 100, 1, True))
    # a piece of the border between number and label columns: "4" 1.7 pt wide, 7 pt high
    lines.insert(2, Line.from_words([Word("4", 1, LABEL - 6, 127.5, LABEL - 4.3, 134.5, "", 0.0, False, 56.0, True),
                                     *_words([(STATUS - 35, "RE"), (STATUS - 12, "ie")], 127.5, 1, True, conf=38.0)]))
    lines.insert(4, Line.from_words([Word("Ii", 1, LABEL - 6, 145.5, LABEL - 4.5, 150.5, "", 0.0, False, 30.0, True)]))
    assert _rows(lines) == EXPECTED


def test_a_header_word_ocr_boxed_as_two_touching_pieces_still_opens_the_table():
    """"Ob" "jectif opérationnel" (one word read as two boxes that touch), no "N°" read, and row
    numbers lost on some rows: the header still gives the columns and rows are numbered in order."""
    header = [Word("Ob", 1, LABEL, 100, LABEL + 12, 109, "", 0.0, False, 92.0, True),
              Word("jectif", 1, LABEL + 12, 100, LABEL + 34, 109, "", 0.0, False, 75.0, True)]
    header += _words([(LABEL + 36, "opérationnel"), (STATUS, "État de réalisation")], 100, 1, True)
    lines = [Line.from_words(header)]
    for k, (n, label, status) in enumerate(ROWS + [("4", "Créer une charte", "En cours de réalisation")]):
        cells = ([(NUM, n)] if n in ("2", "3") else []) + [(LABEL, label), (STATUS, status)]
        lines.append(_ocr(cells, 118 + 18 * k))
    assert _rows(lines) == EXPECTED + [(4, "Créer une charte", "in_progress", None)]


def test_a_narrow_word_inside_a_label_is_kept():
    lines = _scan(_words([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "Etat de réalisation")], 100, 1, True))
    words = list(lines[1].words)
    last = words[-3]  # "rencontres", then a narrow "I" one space after it
    words.insert(-2, Word("I", 1, last.x1 + 3, last.top, last.x1 + 4.5, last.bottom, "", 0.0, False, 80.0, True))
    lines[1] = Line.from_words(words)
    assert _rows(lines)[0][1] == "Organiser des rencontres I"


def _digital_table():
    lines = [_pdf([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    for k, (n, label, status) in enumerate(ROWS):
        lines.append(_pdf([(NUM, n), (LABEL, label), (STATUS, status)], 115 + 15 * k))
    lines.append(_pdf([(NUM - 10, "Le Conseil municipal, après en avoir délibéré, DÉCIDE :")], 175))
    return lines


def test_prose_opening_the_next_page_is_not_the_last_row_of_a_digital_table():
    lines = _digital_table()
    lines.append(_pdf([(NUM + 20, "Mise aux voix, la proposition est adoptée à l’unanimité des membres présents et représentés")], 40, 2))
    lines.append(_pdf([(NUM + 20, "Fait et délibéré les jour, mois et an susdits.")], 60, 2))
    assert _rows(lines) == EXPECTED


def test_a_running_header_over_a_page_the_table_goes_on_over_is_skipped():
    lines = _digital_table()[:-1]
    lines.append(_pdf([(NUM + 20, "Conseil municipal du 12 mai 2024 - bilan des objectifs de l'office de tourisme")], 30, 2))
    lines.append(_pdf([(NUM, "4"), (LABEL, "Former les acteurs"), (STATUS, "En cours de réalisation")], 50, 2))
    assert _rows(lines) == EXPECTED + [(4, "Former les acteurs", "in_progress", None)]


def test_margin_box_beside_a_wrapped_status_line_leaves_the_status_whole():
    lines = [_pdf([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    lines.append(_pdf([(-40, "27/08/2024"), (NUM, "1"), (LABEL, "Refondre le site"), (STATUS, "Non réalisée, prévue en")], 115))
    lines.append(_pdf([(-40, "Date d’affichage :"), (STATUS, "2024")], 125))
    lines.append(_pdf([(NUM, "2"), (LABEL, "Former les acteurs"), (STATUS, "Action annulée")], 140))
    assert _rows(lines) == [(1, "Refondre le site", "not_done", 2024), (2, "Former les acteurs", "cancelled", None)]


@pytest.mark.parametrize("text, amounts", [
    ("VERSE une dotation de fonctionnement de 1 141 940 £ au titre de l’année 2021.", [1141940.0]),
    ("pour un montant de 12 500,50£ HT", [12500.5]),
    ("le 12 £ de l'année", [12.0]),
    ("en 2024 sans montant", []),
])
def test_a_euro_sign_read_as_a_pound_sign_is_still_an_amount(text, amounts):
    assert parse_amounts(text) == amounts


def _decisions(text):
    return [(x.verb, x.amount_eur) for x in extract_decisions(DeliberationText.from_text(text))]


@pytest.mark.parametrize("mark", ["#s", "_=", "■", "=", "#"])
def test_ocr_bullets_in_front_of_each_decided_item(mark):
    text = ("Objet : Dénomination de voies\n"
            "Le Comité syndical, après en avoir délibéré, DÉCIDE :\n"
            "_= D'ADOPTER la dénomination « rue des Tilleuls » ;\n"
            f"{mark} DE CHARGER Madame la Présidente de communiquer ces\n"
            "dénominations aux services concernés.\n")
    assert _decisions(text) == [("adopter", None), ("charger", None)]


def test_a_decided_item_with_an_ocr_pound_sign_keeps_its_amount():
    text = ("Objet : Office de tourisme\n"
            "Le Conseil municipal, après en avoir délibéré,\n"
            "DÉCIDE d'approuver le bilan des objectifs ;\n"
            "VERSE une dotation de fonctionnement de 1 141 940 £ au titre de l’année 2021.\n")
    assert _decisions(text) == [("approuver", None), ("verser", 1141940.0)]


def _side_box_item():
    """A proposal whose lines are read together with a counts box printed in the left margin."""
    def line(cells, top):
        return _pdf(cells, top)
    body = 151
    lines = [
        line([(body, "4. Modification des statuts du syndicat")], 100),
        line([(body, "Vu le Code général des collectivités territoriales ;")], 115),
        line([(body, "Le comité syndical a approuvé une modification de ses statuts.")], 130),
        line([(40, "Nombre de membres"), (body, "Il est proposé au Conseil municipal d’approuver la modification des statuts du")], 145),
        line([(40, "présents : 8"), (body, "syndicat et de charger le Maire de notifier la")], 156),
        line([(40, "votants : 10"), (body, "présente délibération au syndicat.")], 167),
        line([(40, "Date de convocation :"), (body, "Vote : Pour : 7 – Contre : 2 – Abstention : 0")], 178),
        line([(body, "La proposition est adoptée.")], 195),
    ]
    sections = {"header": lines[:1], "visas": lines[1:2], "decide": lines[2:4], "attendance": lines[4:5],
                "counts": lines[5:7], "body": lines[7:]}
    return DeliberationText(seq=1, lines=lines, sections=sections)


def test_an_operative_sentence_going_on_beside_a_margin_box_of_counts():
    got = [(x.verb, x.text) for x in extract_decisions(_side_box_item())]
    assert [v for v, _ in got] == ["approuver", "charger"]
    assert got[1][1] == "de charger le Maire de notifier la présente délibération au syndicat."
    assert "présents" not in " ".join(t for _, t in got)
