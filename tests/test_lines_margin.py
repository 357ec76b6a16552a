"""A margin block set in its own type and line spacing is read apart from the column beside
it, be that column prose or a list of names in capitals; table rows keep their cells."""
import pytest

from pipeline.lines import group_lines
from pipeline.model import Word

NAMES = [  # an attendance list of names in capitals, wrapped: no running text
    "Étaient présents : Brigitte MERCIER, Fatima ANDRÉ, Hugues DU PLESSIS,",
    "Guillaume FONTAINE, Geneviève MARCHAND, Guillaume MARTIN, Évelyne",
    "DUBOIS, Josiane BARTHÉLÉMY, Chantal LEFÈVRE, Karim DUMONT, Solène",
    "FOURÉ-BÉCHET, Bernard GAUTHIER, Sophie PERRIN, Monique ROY, Anthony",
    "LE GALL, Odile VAN DER BEKE, Jean-Pierre HENRY, Mickaël FOURNIER, Rémi",
    "LÉGER, Chantal LEROY, Anne-Sophie BERTRAND et Véronique LUCAS",
    "Absents ayant donné procuration : Monsieur Éric VAN DAMME donne",
    "pouvoir à Madame DUBOIS Évelyne",
    "Excusés : Hugues DURAND",
]
MARGIN = ["Nombre de membres", "présents : 22", "votants : 23", "Date de convocation :", "31/01/2022",
          "Date d'affichage :", "31/01/2022"]
PREAMBLE = "salle des associations, sous la présidence de Madame Brigitte MERCIER, Maire."


def _words(text, x, top, size, ocr=False):
    """Words of one printed line set in `size` pt type (a scan's boxes: no font size)."""
    out, char = [], 0.55 * size
    for tok in text.split():
        out.append(Word(tok, 1, x, top, x + char * len(tok), top + size,
                        size=0.0 if ocr else size, from_ocr=ocr))
        x += char * (len(tok) + 1)
    return out


def _page(margin, margin_size, margin_pitch, body_pitch=12.4, ocr=False):
    words = _words("COMPTE-RENDU DE LA SÉANCE DU CONSEIL MUNICIPAL", 136, 126, 9.5, ocr)
    words += _words(PREAMBLE, 151, 197.5, 9.5, ocr)
    for i, text in enumerate(NAMES):
        words += _words(text, 151, 210 + body_pitch * i, 9.5, ocr)
    for j, text in enumerate(margin):
        words += _words(text, 40, 224 + margin_pitch * j, margin_size, ocr)
    return [line.text for line in group_lines(words, 1)]


@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize("margin_size,margin_pitch", [(7.5, 11.0), (7.0, 9.0), (7.5, 14.0)])
def test_a_margin_block_in_its_own_type_beside_a_names_list_is_read_apart(ocr, margin_size, margin_pitch):
    got = _page(MARGIN, margin_size, margin_pitch, ocr=ocr)
    assert got[:2] == ["COMPTE-RENDU DE LA SÉANCE DU CONSEIL MUNICIPAL", PREAMBLE]
    # The block is read before the list it is printed beside, and the list stays whole.
    assert got[2:2 + len(MARGIN)] == MARGIN
    assert got[2 + len(MARGIN):] == NAMES


def test_a_margin_block_in_the_body_type_on_the_body_pitch_keeps_its_rows():
    # Same type, same spacing, every line on a body baseline: nothing tells it from a table.
    got = _page(MARGIN[:4], 9.5, 12.4)
    assert "Nombre de membres Guillaume FONTAINE, Geneviève MARCHAND, Guillaume MARTIN, Évelyne" in got


def test_a_smaller_first_column_on_the_rows_pitch_keeps_its_rows():
    # A table whose labels are set smaller than the values: each label shares its row's line.
    got = _page(["Pour", "Contre", "Abstentions", "Votants", "Exprimés"], 7.5, 12.4)
    assert got[3] == "Pour Guillaume FONTAINE, Geneviève MARCHAND, Guillaume MARTIN, Évelyne"
    assert got[4] == "Contre DUBOIS, Josiane BARTHÉLÉMY, Chantal LEFÈVRE, Karim DUMONT, Solène"


def _table(rows, pitch, size=9.5, x_cells=(40, 300)):
    words = []
    for i, cells in enumerate(rows):
        for x, cell in zip(x_cells, cells):
            words += _words(cell, x, 100 + pitch * i, size)
    return [line.text for line in group_lines(words, 1)]


@pytest.mark.parametrize("rows", [
    [("Pour : 15", "Contre : 2"), ("Abstentions : 1", "Votants : 18"), ("Présents : 14", "Représentés : 4"),
     ("Exprimés : 17", "Nuls : 0"), ("Blancs : 1", "Majorité : 9")],
    [("Le Maire", "Le secrétaire de séance"), ("Brigitte MERCIER", "Monique ROY"), ("Fatima ANDRÉ", "Hugues DURAND"),
     ("Guillaume FONTAINE", "Karim DUMONT"), ("Sophie PERRIN", "Anthony LE GALL")],
    [("Concevoir des séjours packagés", "En cours de réalisation"), ("Développer la randonnée", "Réalisée en 2024"),
     ("Former les acteurs", "Initiée en 2023"), ("Structurer l'accueil", "Initiée en 2023"),
     ("Refondre le site Internet", "Réalisée en 2024")],
])
@pytest.mark.parametrize("size", [7.5, 9.5])
def test_two_column_rows_in_one_type_keep_their_cells(rows, size):
    got = _table(rows, 1.3 * size, size)
    assert got == [f"{a} {b}" for a, b in rows]


def _glyph_box(tok, x, baseline, size):
    """A scanned word's box hugging its glyphs: ascenders and descenders move its edges."""
    up = size * (0.75 if any(c.isupper() or c.isdigit() or c in "bdfhklt" for c in tok) else 0.5)
    down = size * (0.22 if any(c in "gjpqy" for c in tok) else 0.0)
    return Word(tok, 1, x, baseline - up, x + 0.55 * size * len(tok), baseline + down, from_ocr=True)


def test_a_scanned_vote_table_with_a_narrow_column_of_short_words_keeps_its_rows():
    # "oui" / "non" boxes are x-height only, much smaller than the names' boxes: yet every
    # row is on one baseline and one pitch (with the scanner's jitter).
    rows = [("oui", "Brigitte MERCIER, adjointe au maire"), ("non", "Fatima ANDRÉ, conseillère municipale"),
            ("oui", "Hugues DU PLESSIS, conseiller délégué"), ("une", "Guillaume FONTAINE, conseiller"),
            ("non", "Geneviève MARCHAND, conseillère"), ("oui", "Karim DUMONT, conseiller municipal")]
    words = []
    for i, (vote, name) in enumerate(rows):
        baseline = 300 + 15.5 * i + (0.8 if i % 2 else -0.6)
        words.append(_glyph_box(vote, 60, baseline, 10))
        x = 160
        for tok in name.split():
            words.append(_glyph_box(tok, x, baseline + (0.4 if i % 3 else 0.0), 10))
            x += 5.5 * (len(tok) + 1)
    got = [line.text for line in group_lines(words, 1)]
    assert got == [f"{a} {b}" for a, b in rows]


def test_a_box_of_labels_and_values_in_its_own_type_keeps_each_label_with_its_value():
    # The box's values are in the box's type: the gutter between labels and values runs inside
    # the box, so the box is not cut there ("Votants 31" stays one line).
    words = []
    for i, text in enumerate(NAMES[:7]):
        words += _words(text, 268, 185 + 13 * i, 10)
    for i, (label, value) in enumerate([("Membres en exercice", "34"), ("Présents", "29"), ("Représentés", "2"),
                                         ("Votants", "31"), ("Date de convocation", "29/06/2021")]):
        words += _words(label, 40, 188 + 16.6 * i, 8.5) + _words(value, 150, 188 + 16.6 * i, 8.5)
    got = [line.text for line in group_lines(words, 1)]
    assert "Votants 31" in got and "Membres en exercice 34" in got, got


WRAPPED = [  # the first line stops short of the edge: the next name was too long to fit there
    "Étaient présents : Marie-Hélène LEMAIRE, Marie-José LE CORRE, Mélanie",
    "PONCHET-PASSEMARD, Alain GUILLOUET, Hugues LAMBERT, Valérie PETIT,",
    "Frédéric D'ALMEIDA, Jean-Luc BÉRARD, Laurent FOURNIER, Pierre DUVAL,",
    "Olivier LEBŒUF et Alain DAVID",
    "Excusés : Hugues DURAND",
]


@pytest.mark.parametrize("ocr", [False, True])
def test_a_margin_block_beside_a_list_that_wrapped_early_is_read_before_the_whole_list(ocr):
    words = _words(PREAMBLE, 151, 197.5, 9.5, ocr)
    for i, text in enumerate(WRAPPED):
        words += _words(text, 151, 210 + 12.4 * i, 9.5, ocr)
    for j, text in enumerate(MARGIN[:3]):
        words += _words(text, 40, 224 + 11.0 * j, 7.5, ocr)
    got = [line.text for line in group_lines(words, 1)]
    assert got == [PREAMBLE] + MARGIN[:3] + WRAPPED


def _justified(text, x, top, size, right):
    line = _words(text, x, top, size)
    spare = (right - line[-1].x1) / max(len(line) - 1, 1)
    return [Word(w.text, 1, w.x0 + k * spare, w.top, w.x1 + k * spare, w.bottom, size=w.size)
            for k, w in enumerate(line)]


def test_a_box_of_labels_and_a_narrow_column_of_values_beside_a_justified_preamble():
    """Labels at the margin, their values in a narrow column (a date wraps its year), the
    preamble beside both: the preamble reads whole, neither column cuts its sentences."""
    words = _words("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", 147.5, 126, 14)
    words += _words("Séance du 13 septembre 2022", 227.4, 166, 11)
    for top, label in ((196.8, "Membres en exercice"), (215.6, "Présents"), (233.5, "Date de convocation"),
                       (263.3, "Date d’affichage")):
        words += _words(label, 79.6, top, 9.5)
    for top, value in ((194.1, "29"), (215.6, "28"), (233.5, "30/08/202"), (245.4, "2"), (263.3, "30/08/202"),
                       (275.1, "2")):
        words += _words(value, 211.6, top, 9.5)
    preamble = ["L’an deux mille vingt-deux, le treize septembre à",
                "vingt heures, le Conseil municipal de la commune de",
                "Vaudrey-en-Vexin, convoqué légalement, s’est réuni",
                "en séance publique en la salle Victor Hugo, sous la",
                "présidence de Madame CLÉMENT Marie-José,", "Maire."]
    for i, text in enumerate(preamble):
        words += _justified(text, 278.6, 194.1 + 14.3 * i, 11, 537) if i < 5 else _words(text, 278.6, 265.6, 11)
    names = ["Présents : Mme CLÉMENT Marie-José, Mme D'ALMEIDA Sandrine, Mme MARTINEZ Anne,",
             "Mme ROBERT Joëlle, Mme VINCENT Isabelle, M. MASSON Stéphane, Mme BESNARD",
             "Martine, M. NOËL Jean-Pierre, M. BOUCHER Hugues, Mme DA SILVA Marie-Claire, M.",
             "SANCHEZ Anthony, M. FOURNIER Hugues, Mme BÉRARD Hélène, M. MERCIER Yannick,"]
    for i, text in enumerate(names):
        words += _justified(text, 66, 292.3 + 14.3 * i, 11, 539)
    got = [line.text for line in group_lines(words, 1)]
    assert [t for t in got if t in preamble] == preamble
    assert got.index(preamble[-1]) - got.index(preamble[0]) == len(preamble) - 1
