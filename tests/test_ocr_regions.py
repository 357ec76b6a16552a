"""OCR second pass: stretches of the first reading tesseract was unsure of are read again alone
(in the same single call as framed boxes and loose figures) and merged back word by word."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from pipeline import ocr, reread
from pipeline.lines import group_lines
from pipeline.ocr import orphan_regions
from pipeline.reread import merge_rereads, suspect_regions


def _data(*words, slot=None):
    """image_to_data dict; a word is (text, left, top, width, height, conf, line)."""
    d = {k: [] for k in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num")}
    for text, left, top, width, height, conf, line in words:
        for k, v in zip(("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num"),
                        (text, left, top, width, height, conf, 1, 1, line)):
            d[k].append(v)
    if slot is not None:
        d["slot"] = [slot] * len(words)
    return d


# A body of sure words (text height 36) so that the page's text height is known.
BODY = [(w, 700 + 300 * k, 2000 + 60 * n, 26 * len(w), 36, 96, 10 + n) for n in range(3)
        for k, w in enumerate(["le", "conseil", "municipal", "réuni"])]


def _merged(first, again, regions):
    data, kept = merge_rereads(_data(*first, *BODY), again, regions)
    body = {w[0] for w in BODY}
    old = [t for t in data["text"] if t not in body]
    return " ".join(old), " ".join(kept["text"])


@pytest.mark.parametrize("first, again, region, expected_old, expected_new", [
    # a margin label crossed by a vertical rule, garbled by page segmentation
    ([("No", 181, 944, 37, 24, 32, 1), ("ie", 223, 943, 127, 25, 17, 1), ("de", 316, 918, 32, 54, 79, 1),
      ("membrés", 365, 943, 145, 25, 26, 1)],
     [("Nombre", 181, 935, 125, 30, 96, 1), ("de", 316, 935, 34, 30, 96, 1), ("membres", 365, 935, 150, 30, 91, 1)],
     (160, 915, 380, 60), "", "Nombre de membres"),
    # two margin lines read as one unsure "word": the re-reading's two lines replace it
    ([("a.", 180, 1034, 233, 77, 0, 1)],
     [("présents", 180, 1040, 140, 30, 93, 1), (":", 330, 1045, 5, 20, 92, 1), ("28", 345, 1040, 30, 30, 96, 1),
      ("représentés", 180, 1080, 190, 30, 92, 2), (":", 380, 1085, 5, 20, 92, 2), ("1", 395, 1080, 12, 30, 96, 2)],
     (160, 1020, 280, 100), "", "présents : 28 représentés : 1"),
    # a sure word beside the stretch stays; the letter of it the crop took in goes
    ([("poste", 1812, 224, 135, 42, 92, 1), ("d’'adjoint", 1967, 220, 228, 47, 20, 1)],
     [("e", 1925, 230, 20, 30, 91, 1), ("d’adjoint", 1967, 222, 228, 45, 76, 1)],
     (1920, 208, 296, 71), "poste", "d’adjoint"),
    # a letter of a word read surely does not stand for the whole word
    ([("d'approuver", 849, 2297, 270, 44, 34, 1)],
     [("r", 1090, 2305, 25, 30, 92, 1), ("d'approuver", 849, 2297, 270, 44, 12, 1)],
     (828, 2285, 320, 68), "d'approuver", ""),
    # a re-reading tesseract is not sure of as a whole replaces nothing (a stamp, a noisy word)
    ([("à", 900, 3110, 30, 36, 65, 1), ("l'unanimité", 950, 3110, 200, 40, 33, 1)],
     [("7", 870, 3110, 20, 36, 78, 1), ("à", 900, 3110, 30, 36, 92, 1), ("luinanimiré", 950, 3110, 200, 40, 38, 1)],
     (860, 3100, 300, 60), "à l'unanimité", ""),
    # an unsure re-reading replaces nothing
    ([("d'urbanisme", 600, 1770, 300, 40, 10, 1)],
     [("d'urbanisme", 600, 1770, 300, 40, 0, 1)],
     (580, 1760, 382, 61), "d'urbanisme", ""),
    # a sure first reading is kept and the re-reading of the same word dropped
    ([("l'unanimité", 600, 1770, 300, 40, 88, 1), ("RETAERE", 950, 1770, 280, 80, 0, 1)],
     [("l'unanimité", 600, 1772, 300, 40, 85, 1), ("(procuration", 950, 1775, 280, 45, 96, 1)],
     (580, 1760, 680, 100), "l'unanimité", "(procuration"),
    # one garbled "word" straddling two table rows gives way to the rows read apart
    ([("Déveopper", 654, 1451, 209, 132, 90, 1)],
     [("Former", 654, 1460, 120, 36, 95, 1), ("les", 790, 1460, 50, 36, 96, 1),
      ("Éditer", 654, 1540, 120, 36, 96, 2), ("un", 790, 1540, 40, 36, 96, 2)],
     (640, 1440, 300, 150), "", "Former les Éditer un"),
    # a word read with a letter changed is no garble: the first reading, in its line, stays
    ([("savoir", 820, 2130, 130, 36, 36, 1), (":", 960, 2135, 6, 25, 91, 1)],
     [("savoit", 820, 2130, 130, 36, 89, 1), (":", 960, 2135, 6, 25, 92, 1)],
     (718, 2100, 300, 61), "savoir :", ""),
    # ... but not by a re-reading much less sure of it
    ([("071", 489, 1757, 69, 79, 90, 1)],
     [("-071-", 470, 1785, 100, 36, 48, 1)],
     (470, 1746, 120, 116), "071", ""),
    # the first pass read a part of a word, the re-reading all of it, about as surely
    ([("ésents", 200, 1040, 110, 30, 87, 1), (":", 320, 1045, 5, 20, 87, 1), ("17", 335, 1040, 30, 30, 96, 1)],
     [("présents", 160, 1040, 150, 30, 93, 1), (":", 320, 1045, 5, 20, 91, 1), ("17", 335, 1040, 30, 30, 96, 1)],
     (144, 1014, 300, 80), ": 17", "présents"),
])
def test_a_re_reading_replaces_the_words_it_reads_surer(first, again, region, expected_old, expected_new):
    assert _merged(first, _data(*again, slot=0), [region]) == (expected_old, expected_new)


def test_a_header_boxed_as_one_wide_word_gives_way_to_its_words():
    first = [("[n°", 355, 318, 85, 121, 13, 1), ("opérationnel", 485, 330, 1746, 95, 44, 1)]
    again = [("N°", 383, 362, 46, 30, 95, 1), ("Objectif", 508, 362, 167, 38, 95, 1),
             ("opérationnel", 688, 358, 267, 42, 96, 1), ("État", 1592, 358, 83, 38, 96, 1),
             ("de", 1692, 362, 50, 33, 96, 1), ("réalisation", 1758, 362, 221, 33, 96, 1)]
    assert _merged(first, _data(*again, slot=0), [(335, 304, 1916, 163)]) == (
        "", "N° Objectif opérationnel État de réalisation")


def _ink_page(blobs):
    ink = np.zeros((3000, 2400), np.uint8)
    for x0, y0, x1, y1 in blobs:
        ink[y0:y1, x0:x1] = 255
    return ink


def _glyphs(x0, y0, n, w=18, h=30, gap=8):
    return [(x0 + k * (w + gap), y0, x0 + k * (w + gap) + w, y0 + h) for k in range(n)]


def test_unsure_words_over_glyphs_are_read_again_and_sure_ones_are_not():
    first = [("No", 181, 944, 50, 30, 32, 1), ("ie", 240, 944, 60, 30, 17, 1), ("membrés", 320, 944, 140, 30, 26, 1)]
    ink = _ink_page(_glyphs(181, 944, 11) + [b for w in BODY for b in _glyphs(w[1], w[2], len(w[0]))])
    regions = suspect_regions(_data(*first, *BODY), ink)
    assert len(regions) == 1
    x, y, w, h = regions[0]
    assert x <= 181 and y <= 944 and x + w >= 460 and y + h >= 974  # the whole label, padded
    assert suspect_regions(_data(*BODY), ink) == []


@pytest.mark.parametrize("word, blob", [
    (("Es", 500, 262, 76, 151, 0, 1), (500, 262, 650, 413)),  # a logo read as letters
    (("_", 596, 1577, 3, 2, 9, 1), (596, 1577, 599, 1579)),     # a speck read as punctuation
])
def test_scribbles_logos_and_specks_are_not_read_again(word, blob):
    ink = _ink_page([blob] + [b for w in BODY for b in _glyphs(w[1], w[2], len(w[0]))])
    assert suspect_regions(_data(word, *BODY), ink) == []


def test_a_glyph_cut_by_a_word_box_is_no_orphan():
    img = np.full((3000, 2400), 255, np.uint8)
    for x0, y0, x1, y1 in _glyphs(1069, 1530, 6) + [b for w in BODY for b in _glyphs(w[1], w[2], len(w[0]))]:
        img[y0:y1, x0:x1] = 0
    # tesseract's box of the word ends inside its last glyph
    data = _data(("BÉCHET", 1069, 1530, 143, 30, 88, 1), *BODY)
    assert orphan_regions(img, data) == []
    img[1530:1560, 1400:1418] = 0  # a figure printed apart is one
    assert len(orphan_regions(img, data)) == 1


# ----------------------------------------------------------------------------- end to end
def _page_image():
    from PIL import Image, ImageDraw, ImageFont

    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(path).exists():
        pytest.skip("no TrueType font to draw the test image")
    img = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(path, 42)
    for i in range(8):
        draw.text((300, 200 + 70 * i), f"Le conseil municipal réuni en séance ligne {i + 1}", fill=0, font=font)
    return img


def test_re_reading_shares_the_second_call_and_keeps_a_clean_page_as_read(monkeypatch):
    """Every word declared unsure: the page is read again in the one second call, and a
    re-reading no surer than the first leaves the text as it was."""
    import pytesseract

    calls = []
    real = pytesseract.image_to_data
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(reread, "SUSPECT_CONF", 101.0)
    words = ocr.ocr_image(np.asarray(_page_image()), 1, 300 / 72, page_width=595, page_height=336)
    assert len(calls) == 2
    lines = [l.text for l in group_lines(words, 1)]
    assert len(lines) == 8
    for i, text in enumerate(lines):
        assert fuzz.ratio(text, f"Le conseil municipal réuni en séance ligne {i + 1}") > 90, lines
