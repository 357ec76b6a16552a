"""Reading order of a short label block printed in the left margin beside a paragraph."""
import pytest

from pipeline.lines import _rows, group_lines
from pipeline.model import Word

CHAR = 5.5
PARAGRAPH = [  # a ragged-right wrapped paragraph, as a word processor sets it
    "L'an deux mille vingt-deux, le onze janvier, le Conseil municipal s'est réuni en séance",
    "publique à la Maison des services, sous la présidence de Madame la première adjointe.",
    "Membres présents : Mme Brigitte PICHON, M. Rémi BARBE, Mme Inès SANCHE, Mme Éva ROUX,",
    "Mme Évelyne ROUSSEAU, M. Hervé MEYER, Mme Nadège MARCHAND, M. Mathieu DURAND, Mme",
    "Léa MOREL, M. Pierre-Yves FONTAINE, M. Pierre LECLERC, Mme Marie-Claire LE GALL,",
    "Mme Isabelle TESSIER et M. Gérard ARNAUD",
    "Excusés : M. Jean-Pierre MASSON",
]


def _words(text, x, top):
    out = []
    for tok in text.split():
        out.append(Word(tok, 1, x, top, x + CHAR * len(tok), top + 10.0))
        x += CHAR * len(tok) + 3
    return out


def _page(side, first_side_row, dy=0.0):
    """The paragraph at x=150 every 13 pt; the side lines at x=40 beside rows first_side_row..,
    on the paragraph's own baselines shifted by dy."""
    words = _words("COMPTE RENDU DE LA SÉANCE", 200, 100)
    for i, text in enumerate(PARAGRAPH):
        words += _words(text, 150, 130 + 13 * i)
    for j, text in enumerate(side):
        words += _words(text, 40, 130 + 13 * (first_side_row + j) + dy)
    return [line.text for line in group_lines(words, 1)]


@pytest.mark.parametrize("side", [
    ["Nombre de membres", "présents : 12", "votants : 14"],
    ["En exercice : 15", "Présents : 12"],
])
@pytest.mark.parametrize("dy", [0.0, 1.5])
def test_a_short_label_block_beside_a_paragraph_is_read_apart(side, dy):
    got = _page(side, 2, dy)
    assert got[:3] == ["COMPTE RENDU DE LA SÉANCE", PARAGRAPH[0], PARAGRAPH[1]]
    # The block is read where it starts, then the paragraph goes on whole.
    assert got[3:3 + len(side)] == side
    assert got[3 + len(side):] == PARAGRAPH[2:]


def test_bare_figures_beside_full_lines_stay_in_their_rows():
    # Numbers in the margin (a numbered list, a table's first column) belong to their row.
    got = _page(["1", "2", "3"], 2)
    assert "1 " + PARAGRAPH[2] in got and "3 " + PARAGRAPH[4] in got


def test_labels_beside_short_lines_stay_in_their_rows():
    # A table of labels and short values: the right side is no wrapped paragraph.
    words = []
    for i, (label, value) in enumerate([("Présents", "12"), ("Votants", "14")]):
        words += _words(label, 40, 200 + 13 * i) + _words(value, 141, 200 + 13 * i)
    words += _words("Le conseil approuve.", 141, 226)
    got = [line.text for line in group_lines(words, 1)]
    assert got[:2] == ["Présents 12", "Votants 14"]


def test_a_letterhead_beside_the_republic_heading_keeps_its_rows():
    # Two short blocks side by side at the top of a page: no paragraph on either side.
    words = _words("COMMUNAUTÉ DE COMMUNES DU PAYS DE", 40, 60) + _words("RÉPUBLIQUE FRANÇAISE", 420, 60)
    words += _words("NEUVY-LES-BAINS", 40, 73) + _words("Département : 15", 420, 73)
    for i, text in enumerate(PARAGRAPH[:4]):
        words += _words(text, 40, 110 + 13 * i)
    got = [line.text for line in group_lines(words, 1)]
    assert got[:2] == ["COMMUNAUTÉ DE COMMUNES DU PAYS DE RÉPUBLIQUE FRANÇAISE",
                       "NEUVY-LES-BAINS Département : 15"]


def test_a_scanned_table_numbered_by_bare_figures_keeps_its_rows():
    # OCR boxes hug the glyphs: the figure "1" ends on the baseline, the row's words reach
    # down to their descenders (they share their tesseract line's extent).
    words = []
    for i, (label, status) in enumerate([
            ("Concevoir des séjours packagés pour les groupes", "En cours de réalisation"),
            ("Développer l'offre de randonnée balisée", "En cours de réalisation"),
            ("Former les acteurs au numérique", "Initiée en 2023"),
            ("Structurer l'accueil des camping-cars", "Initiée en 2023"),
            ("Informer sur la taxe de séjour", "Initiée en 2022"),
            ("Refondre le site Internet destination", "Réalisée en 2024")]):
        top = 300 + 15.5 * i
        words.append(Word(str(i + 1), 1, 78, top, 82, top + 9.0))
        words += [Word(w.text, 1, w.x0, top, w.x1, top + 12.0) for w in _words(label, 108, top)]
        words += [Word(w.text, 1, w.x0, top, w.x1, top + 12.0) for w in _words(status, 370, top)]
    got = [line.text for line in group_lines(words, 1)]
    assert got[0] == "1 Concevoir des séjours packagés pour les groupes En cours de réalisation"
    assert len(got) == 6


def test_a_margin_line_a_few_points_below_a_body_line_stays_whole():
    # Two columns with their own line spacing: the margin's "17 septembre 2021" sits 5 pt
    # below the body's line; its words without descenders overlap the body line more than
    # "septembre" does, yet the three are one printed line.
    margin = [("17", 69.4, 398.6, 75.8, 405.1), ("septembre", 79.2, 398.6, 121.9, 407.8),
              ("2021", 125.5, 398.4, 142.1, 405.1)]
    body = [("Le", 176.9, 393.6, 188.2, 403.0), ("quorum", 192.0, 393.6, 228.5, 405.8),
            ("est", 231.1, 393.6, 243.8, 403.0), ("atteint,", 246.7, 393.6, 277.7, 404.6),
            ("Monsieur", 280.8, 393.6, 324.5, 403.2), ("le", 327.1, 393.1, 333.8, 403.0),
            ("Maire", 337.2, 393.6, 363.4, 403.0)]
    words = [Word(t, 1, x0, top, x1, bottom) for t, x0, top, x1, bottom in margin + body]
    rows = [[w.text for w in row.words] for row in _rows(words)]
    # One row or two, the margin line is never cut (a side column split keeps it whole).
    assert any(row[:3] == ["17", "septembre", "2021"] for row in rows), rows


SIDE_LABELS = ["Nombre de membres", "en exercice : 15", "présents : 12", "représentés : 1", "votants : 13"]


def _margin_page(side, side_x, first_side_row):
    """PARAGRAPH at x=150 every 13 pt; side lines at side_x on the paragraph's own baselines
    (the same line spacing, as a word processor's text box often has)."""
    words = _words("COMPTE RENDU DE LA SÉANCE", 200, 100)
    body = PARAGRAPH[:6] + ["Étaient présents : M. Denis MOREAU, M. Jean-François BRUN, M. Éric CARON,",
                            "Mme Nadège ANDRÉ, M. Gaël LÉGER et M. Joël VÉRON, Mme Ghislaine BERTRAND"]
    for i, text in enumerate(body):
        words += _words(text, 150, 130 + 13 * i)
    for j, text in enumerate(side):
        words += _words(text, side_x, 130 + 13 * (first_side_row + j))
    return [line.text for line in group_lines(words, 1)], body


def _apart(got, side, body):
    """The side lines form one run, never inside a sentence, and the body reads on whole."""
    start = got.index(side[0])
    assert got[start:start + len(side)] == side, got
    rest = got[:start] + got[start + len(side):]
    assert rest[-len(body):] == body, got
    return start


def test_a_long_label_block_on_the_paragraphs_baselines_is_read_before_that_paragraph():
    got, body = _margin_page(SIDE_LABELS, 40, 2)
    assert _apart(got, SIDE_LABELS, body) <= got.index(body[0])


def test_a_label_block_coming_close_to_the_body_on_its_first_line_is_still_apart():
    # "Nombre de membres tous" ends 8.5 pt before the body's line: less than a gutter.
    side = ["Nombre de membres tous"] + SIDE_LABELS[1:]
    got, body = _margin_page(side, 28, 1)
    assert _apart(got, side, body) <= got.index(body[0])


def test_a_table_of_labels_and_values_beside_a_paragraph_keeps_its_rows():
    # The values sit between the labels and the paragraph: rows of a table, not a margin.
    words = []
    for i, text in enumerate(PARAGRAPH[:6]):
        words += _words(text, 250, 130 + 13 * i)
    for i, (label, value) in enumerate([("Membres en exercice", "16"), ("Présents", "14"), ("Représentés", "2"),
                                         ("Votants", "16"), ("Date de convocation", "14/09/2021")]):
        words += _words(label, 40, 143 + 13 * i) + _words(value, 180, 143 + 13 * i)
    got = [line.text for line in group_lines(words, 1)]
    assert "Présents 14" in " | ".join(got) or any(t.startswith("Présents 14") for t in got)
