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


def _small_block_page(side, first_top, pitch=11.0, height=7.5):
    """PARAGRAPH at x=150 every 13 pt (10 pt tall); side lines in a smaller font at x=40,
    on their own line spacing starting at first_top."""
    words = _words("COMPTE RENDU DE LA SÉANCE", 200, 100)
    for i, text in enumerate(PARAGRAPH):
        words += _words(text, 150, 130 + 13 * i)
    for j, text in enumerate(side):
        top = first_top + pitch * j
        words += [Word(w.text, 1, w.x0, top, w.x1, top + height) for w in _words(text, 40, top)]
    return [line.text for line in group_lines(words, 1)]


@pytest.mark.parametrize("first_top", [
    130 + 13 * 0 + 1.9,  # overlapping the paragraph's first line: read before the paragraph
    130 + 13 * 3 + 1.9,  # starting beside a line inside a sentence
    130 + 13 * 3 - 5.0,  # starting between two lines of a sentence
])
def test_a_short_label_block_on_its_own_line_spacing_is_never_read_inside_a_sentence(first_top):
    side = ["Nombre de membres", "présents : 12", "votants : 14"]
    got = _small_block_page(side, first_top)
    start = got.index(side[0])
    assert got[start:start + 3] == side, got
    rest = got[:start] + got[start + 3:]
    assert rest == ["COMPTE RENDU DE LA SÉANCE"] + PARAGRAPH, got
    # Read before the sentence it starts beside: "Membres présents : ..." runs over four lines.
    assert got[start - 1] in ("COMPTE RENDU DE LA SÉANCE", PARAGRAPH[1]), got


def test_labels_far_apart_down_the_margin_are_no_block():
    # Two margin notes many lines apart, each beside a paragraph line: no block of labels, so
    # each stays in its row.
    words = _words("COMPTE RENDU DE LA SÉANCE", 200, 100)
    for i, text in enumerate(PARAGRAPH):
        words += _words(text, 150, 130 + 13 * i)
    for row in (2, 5):
        top = 130 + 13 * row - 2.0  # off the paragraph's baselines
        words += [Word(w.text, 1, w.x0, top, w.x1, top + 7.5) for w in _words("Annexe jointe", 40, top)]
    got = [line.text for line in group_lines(words, 1)]
    assert "Annexe jointe " + PARAGRAPH[2] in got and "Annexe jointe " + PARAGRAPH[5] in got, got


NARROW = [  # the preamble set in a narrow column beside a wide box of counts
    "L'an deux mille vingt-deux, le vingt-trois août à vingt",
    "heures, le Conseil municipal de la commune de",
    "Sainte-Marie-le-Lac, convoqué légalement, s'est",
    "réuni en séance publique, sous la présidence de",
    "Madame Rose-Marie VÉRON, Maire.",
]
WIDE_LIST = "Membres présents : Mme Rose-Marie VÉRON, Mme Anne BLANC, M. Pierre HÉBERT, Mme Agnès"


def _set(text, x0, x1, top, height):
    """A line justified between x0 and x1 (word widths in proportion to their lengths)."""
    toks = text.split()
    unit = (x1 - x0 - 3.0 * (len(toks) - 1)) / sum(len(t) for t in toks)
    out, x = [], x0
    for tok in toks:
        out.append(Word(tok, 1, x, top, x + unit * len(tok), top + height))
        x += unit * len(tok) + 3.0
    return out


def _wide_box_page(box, pitch):
    """A box of labels (x=85) and values (x=217, ending by x=262) beside NARROW, justified
    between x=279 and x=540 every 13.7 pt; the box's rows `pitch` pt apart; then a
    full-width line from x=76."""
    words = _set("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", 158, 440, 120, 12.0)
    for i, text in enumerate(NARROW):
        x1 = 540 if i < len(NARROW) - 1 else 440
        words += _set(text, 279, x1, 187 + 13.7 * i, 10.5)
    for j, (label, value) in enumerate(box):
        top = 189.7 + pitch * j
        words += _set(label, 85, 85 + 4.6 * len(label), top, 9.0)
        words += _set(value, 217, 217 + 4.5 * len(value), top, 9.0)
    words += _set(WIDE_LIST, 76, 540, 187 + 13.7 * len(NARROW) + 4, 10.5)
    return [line.text for line in group_lines(words, 1)]


@pytest.mark.parametrize("box, pitch", [
    ([("Membres en exercice", "19"), ("Votants", "16"), ("Date de convocation", "17/08/2022"),
      ("Date d'affichage", "17/08/2022")], 17.3),
    ([("Présents", "30"), ("Représentés", "2"), ("Votants", "32")], 17.9),
])
def test_a_wide_box_of_counts_beside_a_narrow_preamble_is_read_apart(box, pitch):
    got = _wide_box_page(box, pitch)
    rows = [f"{label} {value}" for label, value in box]
    assert got[1:1 + len(rows)] == rows, got
    assert got[1 + len(rows):] == NARROW + [WIDE_LIST], got


def test_a_speck_ocr_read_as_a_tiny_unsure_word_is_left_out_of_the_lines():
    """A rule's edge read "le" (a box 1 pt high, 29 % sure) before a name at a line's start is no
    word of the line; a small word of normal height and a sure one stay."""
    def ocr(text, x0, top, height=10.0, conf=92.0):
        return Word(text, 1, x0, top, x0 + CHAR * len(text), top + height, conf=conf, from_ocr=True)
    row = [ocr("LEMAIRE", 133.4, 272.2), ocr("Anne-Sophie", 193.4, 273.1), ocr("-", 269.5, 273.1), ocr("Mme", 281.3, 273.1)]
    above = [ocr("Mme", 133.4, 258.0), ocr("LUCAS", 160.0, 258.0), ocr("Évelyne", 200.0, 258.0)]
    speck = Word("le", 1, 122.4, 284.9, 123.4, 285.8, conf=29.0, from_ocr=True)
    assert [l.text for l in group_lines(above + row + [speck], 1)] == ["Mme LUCAS Évelyne", "LEMAIRE Anne-Sophie - Mme"]
    sure = Word("le", 1, 122.4, 284.9, 123.4, 285.8, conf=90.0, from_ocr=True)
    assert "le" in " ".join(l.text for l in group_lines(above + row + [sure], 1))
