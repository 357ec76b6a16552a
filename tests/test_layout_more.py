"""A short margin block of counts printed beside an item's heading is read apart from the
heading, on a born-digital page (the heading's tall lines each overlap two block lines) and on
a scan (a speck of the margin's rule read as a word beside the block); a subject ends where a
sentence opens on "Il" however OCR reads it."""
import pytest

from extractors.session import extract_session
from pipeline.lines import group_lines
from pipeline.model import DeliberationText, Word

BEFORE = [
    "Il est proposé au Conseil départemental de contracter une ligne de trésorerie",
    "d’un montant de 729.000 € et d’autoriser la Présidente à signer le contrat.",
    "Adopté à l’unanimité. Contre : 1 (M. LECLERC).",
]
HEADING = ["4/ Convention de mise à disposition de locaux avec", "l’association Harmonie municipale"]
AFTER = [
    "Vu le Code général des collectivités territoriales ;",
    "L’association Harmonie municipale occupe régulièrement des locaux appartenant",
    "à la collectivité pour ses répétitions et il convient d’en fixer les conditions.",
]
BLOCK = ["Nombre de membres", "en exercice : 34", "représentés : 1", "votants : 34"]


def _words(text, x, top, size, ocr=False):
    out, char = [], 0.5 * size
    for tok in text.split():
        out.append(Word(tok, 1, x, top, x + char * len(tok), top + size, size=0.0 if ocr else size, from_ocr=ocr))
        x += char * (len(tok) + 1)
    return out


def _page(block, block_top, block_pitch, block_size, heading_top, ocr=False, speck=None):
    words, top = [], 150.0
    for text in BEFORE:
        words += _words(text, 151, top, 11.0, ocr)
        top += 14.3
    for j, text in enumerate(block):
        words += _words(text, 40, block_top + block_pitch * j, block_size, ocr)
    for j, text in enumerate(HEADING):
        words += _words(text, 151, heading_top + 14.3 * j, 11.5, ocr)
    top = heading_top + 34.4
    for text in AFTER:
        words += _words(text, 151, top, 11.0, ocr)
        top += 14.3
    if speck:
        words.append(Word(speck[0], 1, speck[1], speck[2], speck[1] + 10, speck[2] + 3.4, from_ocr=True))
    return [line.text for line in group_lines(words, 1)]


def test_a_four_line_block_in_small_type_beside_a_two_line_heading_is_read_apart():
    # Measured on a born-digital extract: 7.5 pt labels on an 11 pt pitch beside an 11.5 pt
    # heading whose first line overlaps "en exercice" and "représentés" both.
    got = _page(BLOCK, 224.3, 11.0, 7.5, 238.8)
    assert got[:3] == BEFORE
    assert got[3:7] == BLOCK
    assert got[7:9] == HEADING
    assert got[9:] == AFTER


@pytest.mark.parametrize("speck", [None, ("AIRE", 256, 229.9)])
def test_a_scanned_three_line_block_beside_a_heading_is_read_apart(speck):
    # A scan's block of three label lines on a 10 pt pitch, its last line on the heading's
    # row; a speck of the margin's rule read as a tiny word stands beside the block.
    got = _page(["Nombre de membres", "présents : 22", "votants : 25"], 225.0, 10.4, 7.0, 245.0, ocr=True, speck=speck)
    assert "votants : 25" in got
    assert HEADING[0] in got and HEADING[1] in got
    assert got.index("votants : 25") < got.index(HEADING[0])


def test_a_table_whose_first_cells_share_the_rows_type_and_baselines_keeps_its_rows():
    # Three rows of a table: labels beside values on one baseline, in one type.
    words = []
    for text in BEFORE:
        words += _words(text, 151, 150 + 14.3 * BEFORE.index(text), 11.0)
    rows = [("Pour", "Les membres présents du conseil et leurs pouvoirs"), ("Contre", "Les membres de l'opposition municipale")]
    for j, (a, b) in enumerate(rows):
        words += _words(a, 40, 230 + 14.3 * j, 11.0) + _words(b, 151, 230 + 14.3 * j, 11.0)
    for j, text in enumerate(AFTER):
        words += _words(text, 151, 270 + 14.3 * j, 11.0)
    got = [line.text for line in group_lines(words, 1)]
    assert "Pour Les membres présents du conseil et leurs pouvoirs" in got


def _subject(item):
    d = DeliberationText.from_text(item, session_text="Séance du 7 juillet 2023", kind="minutes")
    return extract_session(d)["subject"].value


@pytest.mark.parametrize("opening", [
    "Il convient de fixer les tarifs de la restauration scolaire pour la prochaine",
    "ll convient de fixer les tarifs de la restauration scolaire pour la prochaine",
    "II convient de fixer les tarifs de la restauration scolaire pour la prochaine",
    "1l est proposé de fixer les tarifs de la restauration scolaire pour la prochaine",
    "ll y a lieu de fixer les tarifs de la restauration scolaire pour la prochaine",
    "ll s’agit de fixer les tarifs de la restauration scolaire pour la prochaine",
])
def test_a_sentence_opening_on_il_ends_the_subject(opening):
    item = ("Délibération n°2023-110 : Tarifs de la cantine scolaire pour\nl’année scolaire 2023-2024\n"
            + opening + "\nrentrée.\nLe Conseil municipal, après en avoir délibéré, DÉCIDE :")
    assert _subject(item) == "Tarifs de la cantine scolaire pour l’année scolaire 2023-2024"


def test_a_roman_numeral_two_goes_on_in_the_subject():
    item = ("Délibération n°2023-111 : Aménagement de la zone d’activités des Prés – tranches\nII et III\n"
            "Vu le Code général des collectivités territoriales ;")
    assert _subject(item) == "Aménagement de la zone d’activités des Prés – tranches II et III"
