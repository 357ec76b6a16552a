"""Reading order of a short label block printed in the left margin beside a paragraph."""
import pytest

from pipeline.lines import group_lines
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
