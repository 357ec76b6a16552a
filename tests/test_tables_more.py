"""Objectives tables beside a margin box, OCR bullets before decided items: snippets in -> records out."""
import pytest

from extractors.decisions import extract_decisions
from extractors.objectives import extract_objectives
from pipeline.model import DeliberationText, Line, Word

MARGIN, NUM, LABEL, STATUS = 40.0, 121.0, 151.0, 411.0


def _line(cells, top, page=1):
    """One visual line: cells = [(x, text)], every word 5 pt per character, 3 pt apart."""
    words = []
    for x, text in cells:
        for tok in text.split():
            words.append(Word(tok, page, x, top, x + 5 * len(tok), top + 9, "F", 9))
            x += 5 * len(tok) + 3
    return Line.from_words(words)


ROWS = [("Éditer un guide du partenaire", "Non réalisée"),
        ("Refondre le site Internet", "Non réalisée"),
        ("Développer la randonnée", "Action annulée"),
        ("Accompagner les hébergeurs", "Non réalisée, prévue en 2025"),
        ("Concevoir des séjours packagés", "Non réalisée"),
        ("Proposer une billetterie en ligne", "Réalisée en 2022")]


def _objectives(margin: dict[int, str]):
    """The table, with the side box ("Nombre de membres / en exercice : 42 …") printed in the left
    margin beside some rows; `margin` maps a row number to the margin text on its line."""
    lines = [_line([(NUM, "N°"), (LABEL, "Objectif opérationnel"), (STATUS, "État de réalisation")], 100)]
    for k, (label, status) in enumerate(ROWS, start=1):
        cells = [(NUM, str(k)), (LABEL, label), (STATUS, status)]
        if k in margin:
            cells.insert(0, (MARGIN, margin[k]))
        lines.append(_line(cells, 100 + 17 * k))
    lines.append(_line([(MARGIN, "Date de convocation :"), (LABEL - 10, "Le Conseil communautaire, après en avoir délibéré,")], 230))
    lines.append(_line([(LABEL - 10, "DÉCIDE d'approuver le bilan des objectifs opérationnels de l'office de tourisme ;")], 245))
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    return [(o.number, o.status) for o in extract_objectives(d)]


EXPECTED = [(1, "not_done"), (2, "not_done"), (3, "cancelled"), (4, "not_done"), (5, "not_done"), (6, "done")]


@pytest.mark.parametrize("margin", [
    {},
    # "membres" (40 + 17 chars) ends one point from the row number "4" printed beside it
    {4: "Nombre de membres", 5: "en exercice : 42", 6: "votants : 42"},
    {4: "Nombre de membres", 6: "représentés : 1"},
    {2: "Publié le :", 3: "Affiché le"},
])
def test_margin_box_beside_rows_is_not_part_of_the_table(margin):
    assert _objectives(margin) == EXPECTED


@pytest.mark.parametrize("mark", ["s", "©", "°", "=", "e"])
def test_ocr_bullet_before_a_capitalised_item(mark):
    text = ("Le Comité syndical, après en avoir délibéré, DÉCIDE :\n"
            f"= D'APPROUVER la décision modificative n°452 telle que présentée, pour un montant de\n"
            "24 000 € HT soit 28 800,00 € TTC ;\n"
            f"{mark} DE CHARGER Madame la Présidente de l'exécution de la présente délibération.\n"
            "Vote : unanimité.")
    got = extract_decisions(DeliberationText.from_text(text))
    assert [d.verb for d in got] == ["approuver", "charger"]
    assert got[1].text.startswith("DE CHARGER")


@pytest.mark.parametrize("line, verbs", [
    # a sentence opening with a lone letter stays prose: no verb follows the "s"
    ("s il y a lieu, le Maire rendra compte.", []),
])
def test_lone_letter_without_a_verb_is_not_an_item(line, verbs):
    text = "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n" + line
    assert [d.verb for d in extract_decisions(DeliberationText.from_text(text))] == verbs
