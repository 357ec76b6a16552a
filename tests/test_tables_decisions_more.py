"""OCR noise in objectives tables, decided verbs and amounts: snippets in -> records out."""
import pytest

from extractors.amounts import parse_amounts, single_amount
from extractors.decisions import extract_decisions
from extractors.nlp import finite_verb
from extractors.objectives import extract_objectives
from pipeline.model import DeliberationText, Line, Word

NUM, LABEL, STATUS = 60.0, 90.0, 380.0


def _ocr_line(cells, top, page=1):
    words = []
    for x, text in cells:
        for tok in text.split():
            words.append(Word(tok, page, x, top, x + 5 * len(tok), top + 9, "", 0.0, False, 90.0, True))
            x += 5 * len(tok) + 3
    return Line.from_words(words)


ROWS = [("1", "Créer une charte graphique commune", "Non réalisée, prévue en 2026"),
        ("2", "Accompagner les hébergeurs", "Réalisée en 2022"),
        ("3", "Valoriser les circuits courts", "Action annulée")]


def _objectives(number_cell: str, label_word: str):
    lines = [_ocr_line([(NUM - 4, number_cell), (LABEL, f"{label_word} opérationnel"),
                        (STATUS, "État de réalisation")], 100)]
    for k, (number, label, status) in enumerate(ROWS):
        lines.append(_ocr_line([(NUM, number), (LABEL, label), (STATUS, status)], 120 + 17 * k))
    lines.append(_ocr_line([(NUM - 4, "Il est proposé au conseil municipal d'approuver le bilan des objectifs de l'office de tourisme.")], 190))
    d = DeliberationText(seq=1, lines=lines, sections={"body": lines})
    return [(o.number, o.status, o.status_year, o.planned_year) for o in extract_objectives(d)]


@pytest.mark.parametrize("number_cell, label_word", [
    ("N°", "Objectif"),
    ("DRCT", "bjectif"),  # the "O" read into the "N°" box beside it
    ("N°", "0bjectifs"),
    ("N°", "Objectits"),
])
def test_objectives_header_is_found_when_ocr_garbles_a_letter_of_objectif(number_cell, label_word):
    assert _objectives(number_cell, label_word) == [(1, "not_done", None, 2026), (2, "done", 2022, None),
                                                   (3, "cancelled", None, None)]


@pytest.mark.parametrize("label_word", ["l'objectif", "Objet", "Projet"])
def test_prose_or_other_words_do_not_open_an_objectives_table(label_word):
    assert _objectives("N°", label_word) == []


def decisions(text: str):
    d = DeliberationText.from_text("Objet : Sujet de la délibération\n" + text)
    return [(x.verb, x.amount_eur) for x in extract_decisions(d)]


@pytest.mark.parametrize("opening", ["Il", "ll", "H"])
def test_proposal_read_when_ocr_garbles_il(opening):
    text = (f"{opening} est proposé au Conseil municipal d'approuver le bilan des objectifs, de verser une\n"
            "dotation de fonctionnement de 1 397 266 € au titre de l'année 2025 et de\n"
            "valider l'annexe opérationnelle pour l'année 2026.\n"
            "Vote : SEPT voix POUR - DEUX ABSTENTIONS.")
    assert decisions(text) == [("approuver", None), ("verser", 1397266.0), ("valider", None)]


@pytest.mark.parametrize("word, verb", [
    ("Soilicite", "solliciter"), ("SOLLlCITE", "solliciter"), ("AUTORlSE", "autoriser"),
    ("Sollicite", "solliciter"), ("Confirrne", "confirmer"),
])
def test_finite_verb_folds_letters_ocr_confuses(word, verb):
    assert finite_verb(word) == verb


@pytest.mark.parametrize("word", ["Soilicité", "Maison", "lisible", "Article", "CHEVALIER"])
def test_folding_does_not_make_verbs_of_other_words(word):
    assert finite_verb(word) is None


def test_article_verb_misread_by_ocr():
    text = ("Le Conseil municipal, après en avoir délibéré,\n"
            "Article 1 : Approuve le projet de rénovation de l'école.\n"
            "Article 2 : Soilicite une subvention au titre de la DETR 2019.")
    assert decisions(text) == [("approuver", None), ("solliciter", None)]


@pytest.mark.parametrize("text, expected", [
    ("DÉCIDE d'approuver la décision modificative n°157, pour un montant de 44184 ;", 44184.0),
    ("pour un montant total de 12 500,50.", 12500.5),
    ("d'accorder une subvention de 1 500 ;", 1500.0),
    ("au prix de 3 500 HT.", 3500.0),
    ("une somme de 1 500 € ;", 1500.0),
])
def test_a_money_noun_makes_a_bare_figure_ending_the_clause_a_sum(text, expected):
    assert single_amount(text) == expected


@pytest.mark.parametrize("text", [
    "au titre de la subvention de 2024.",  # a year
    "un montant de 12,5 % ;",
    "un montant de 5 lots de bois",
    "le montant de 3 est reporté",
    "montant de la dotation : 2 ;",
])
def test_bare_figures_that_are_no_sums(text):
    assert parse_amounts(text) == []


def test_scanned_decision_with_its_euro_sign_lost():
    text = ("Le Conseil communautaire, après en avoir délibéré,\n"
            "DÉCIDE d'approuver la décision modificative n°157 telle que présentée, pour un montant de 44184 ;\n"
            "CHARGE la Présidente de l'exécution de la présente délibération.")
    assert decisions(text) == [("approuver", 44184.0), ("charger", None)]
