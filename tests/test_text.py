"""Text stage: text layer words, OCR triage, OCR words, line grouping and document errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from pipeline.lines import group_lines
from pipeline.model import Word
from pipeline.ocr import FRAME_FONT, find_frames
from pipeline.text import (
    CorruptDocument, DocumentError, EmptyDocument, EncryptedDocument, NotAPdf, is_bold_font, read_document,
)

REAL = Path(__file__).parent / "corpus" / "real"


def _text_pdf(path: Path, encrypt=None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 760, "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS")
    c.setFont("Helvetica", 11)
    c.drawString(72, 730, "Le Conseil municipal, après en avoir délibéré, à l’unanimité,")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, 710, "DÉCIDE")
    c.setFont("Helvetica", 11)
    c.drawString(72, 690, "d’approuver le montant de 320\u00a0000 € pour les travaux.")
    c.showPage()
    c.save()
    return path


def _image_pdf(path: Path, lines: list[str]) -> Path:
    """A scanned-like page: text drawn into a 300 dpi image, no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = None
    for cand in ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(cand).exists():
            font = ImageFont.truetype(cand, 48)
            break
    if font is None:
        pytest.skip("no TrueType font to draw the test image")
    for i, text in enumerate(lines):
        draw.text((300, 400 + i * 120), text, fill=0, font=font)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


# ----------------------------------------------------------------------------- text layer
def test_text_layer_words_carry_font_bold_and_clean_text(tmp_path):
    doc = read_document(_text_pdf(tmp_path / "t.pdf"))
    assert len(doc.document_id) == 64 and len(doc.pages) == 1
    page = doc.pages[0]
    assert not page.ocr and page.error is None
    texts = [line.text for line in page.lines]
    assert texts[0] == "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"
    assert "DÉCIDE" in texts
    assert any("320 000 €" in t for t in texts)  # NBSP normalised
    by_text = {l.text: l for l in page.lines}
    assert by_text["DÉCIDE"].bold_ratio == 1.0
    assert by_text[texts[1]].bold_ratio == 0.0
    w = page.lines[0].words[0]
    assert w.conf is None and not w.from_ocr and w.x0 == pytest.approx(72, abs=1)
    assert w.top < page.lines[1].words[0].top  # top-left origin


@pytest.mark.parametrize("fontname,bold", [
    ("ABCDEF+TimesNewRomanPS-BoldMT", True), ("Arial,Bold", True), ("Arial-Black", True),
    ("Verdana,B", True), ("XYZ-BD", True), ("Calibri-BoldItalic", True), ("Helvetica-Heavy", True),
    ("TimesNewRomanPSMT", False), ("Calibri", False), ("ABCDEF+Times-Roman", False), ("GlyphLessFont", False),
    ("Boldoni-Regular", False),
])
def test_bold_font_names(fontname, bold):
    assert is_bold_font(fontname) is bold


# ----------------------------------------------------------------------------- triage and OCR
def test_image_only_page_is_ocred_into_words_in_pdf_points(tmp_path):
    lines = ["Nombre de conseillers en exercice : 19", "Pour : 15 Contre : 2 Abstentions : 1"]
    doc = read_document(_image_pdf(tmp_path / "scan.pdf", lines))
    page = doc.pages[0]
    assert page.ocr and "no text layer" in page.ocr_reason
    assert doc.ocr_pages == 1
    got = [l.text for l in page.lines]
    assert len(got) == 2
    for want, text in zip(lines, got):
        assert fuzz.ratio(want, text) > 90, (want, text)
    first = page.lines[0]
    assert all(w.from_ocr and w.fontname == "OCR" and w.conf is not None and w.conf > 50 for w in first.words)
    # drawn at x=300 px, y=400 px of a 300 dpi image -> 72 pt, 96 pt
    assert first.x0 == pytest.approx(72, abs=4)
    assert first.top == pytest.approx(96, abs=6)
    assert first.box[2] < 595 and first.box[3] < 842


def _framed_page_image(grid: bool = False):
    """A 300 dpi page: a ruled box of counts at the left, sentences beside it on the same rows."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(path).exists():
        pytest.skip("no TrueType font to draw the test image")
    font = ImageFont.truetype(path, 42)
    draw.rectangle((200, 600, 760, 1100), outline=0, width=4)
    if grid:
        draw.line((480, 600, 480, 1100), fill=0, width=4)
    for i, text in enumerate(["Membres en", "exercice : 19", "Présents : 15", "Votants : 17"]):
        draw.text((230, 640 + 110 * i), text, fill=0, font=font)
    for i in range(9):
        draw.text((850, 620 + 60 * i), f"Le conseil municipal réuni en séance ligne {i + 1}", fill=0, font=font)
    return img


def test_a_ruled_box_is_found_but_not_a_table_grid():
    import numpy as np
    from pipeline.ocr import _ink

    frames, _ = find_frames(_ink(np.asarray(_framed_page_image())))
    assert len(frames) == 1
    x, y, w, h = frames[0]
    assert abs(x - 200) < 10 and abs(y - 600) < 10 and abs(w - 560) < 15 and abs(h - 500) < 15
    assert find_frames(_ink(np.asarray(_framed_page_image(grid=True))))[0] == []


def test_a_ruled_box_of_counts_is_read_apart_from_the_text_beside_it():
    import numpy as np
    from pipeline.ocr import ocr_image

    words = ocr_image(np.asarray(_framed_page_image()), 1, 300 / 72, page_width=595, page_height=842)
    lines = [l.text for l in group_lines(words, 1)]
    assert any(fuzz.ratio(t, "Présents : 15") > 90 for t in lines), lines
    assert any(fuzz.ratio(t, "Votants : 17") > 90 for t in lines), lines
    box = [i for i, t in enumerate(lines) if "exercice" in t or "Votants" in t]
    body = [i for i, t in enumerate(lines) if "conseil" in t]
    assert max(box) < min(body)  # the box, at the left, is read before the text beside it
    assert not any("conseil" in t and ("Présents" in t or "Votants" in t) for t in lines)
    assert all(w.fontname.startswith(FRAME_FONT) for w in words if w.text in ("Présents", "Votants"))


def test_prepared_ocr_words_stand_for_the_page_ocr(tmp_path, monkeypatch):
    import pipeline.text

    path = _image_pdf(tmp_path / "scan.pdf", ["Pour : 15 Contre : 2"])
    monkeypatch.setattr(pipeline.text, "ocr_page", lambda *a, **k: pytest.fail("tesseract called"))
    prepared = [_w("Pour", 72, 96), _w(":", 100, 96), _w("15", 110, 96)]
    doc = read_document(path, prepared_ocr={1: prepared})
    assert doc.pages[0].ocr and [l.text for l in doc.pages[0].lines] == ["Pour : 15"]
    failed = read_document(path, prepared_ocr={1: pipeline.text.OcrError("tesseract failed on page 1")})
    assert "OCR failed" in failed.pages[0].error


def test_stamp_only_text_layer_over_a_scan_is_ocred():
    path = REAL / "flaux_2023-12-15_pv.pdf"
    if not path.exists():
        pytest.skip("real corpus not present")
    doc = read_document(path)
    page = doc.pages[0]
    assert page.ocr, page.ocr_reason
    text = "\n".join(l.text for l in page.lines)
    assert "Envoyé en préfecture" in text  # text-layer stamp kept
    assert text.count("Envoyé en préfecture") == 1  # not duplicated by OCR
    assert "Présents" in text and "procuration" in text  # the scanned body is read
    assert "Nombre de membres" in text
    # the stamp's box over page 2's heading hides nothing from OCR
    second = "\n".join(l.text for l in doc.pages[1].lines)
    assert "Bilan de la concertation" in second


def _stamped_scan_pdf(path: Path, box=(250, 700, 300, 60)) -> Path:
    """A scanned heading with the prefecture's stamp drawn over its end: a Form XObject holding
    an opaque white box and the stamp's text, as e-transmission software prints it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    scan = _image_pdf(path.with_suffix(".scan.pdf"), ["Zones d’accélération pour les installations",
                                                      "Bilan de la concertation publique"])
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(str(scan))[0].render(scale=300 / 72, grayscale=True).to_pil()
    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.beginForm("stamp")
    c.setFillColorRGB(1, 1, 1)
    x, y, w, h = box
    c.rect(x, y, w, h, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 9)
    c.drawString(x + 6, y + 45, "Envoyé en préfecture le 12/02/2024")
    c.drawString(x + 6, y + 30, "Reçu en préfecture le 12/02/2024")
    c.drawString(x + 6, y + 8, "ID : 030-213001100-20240202-PV15122023-DE")
    c.endForm()
    c.doForm("stamp")
    c.showPage()
    c.save()
    return path


def test_the_scan_under_a_stamp_printed_over_it_is_read(tmp_path):
    # The stamp's box hides the heading's end in the rendered page; its own words come exact
    # from the text layer, so OCR reads the scan without it.
    doc = read_document(_stamped_scan_pdf(tmp_path / "stamped.pdf"))
    page = doc.pages[0]
    assert page.ocr, page.ocr_reason
    text = "\n".join(l.text for l in page.lines)
    assert text.count("Envoyé en préfecture le 12/02/2024") == 1
    assert "installations" in text and "concertation publique" in text


def test_a_stamp_over_blank_paper_leaves_the_page_ocr_reads_as_displayed(tmp_path):
    # tesseract reads a whole page differently once anything on it changes: a stamp that hides
    # nothing stays in the render
    from pipeline.ocr import render_page

    path = _stamped_scan_pdf(tmp_path / "margin.pdf", box=(330, 780, 250, 55))
    shown, _ = render_page(str(path), 0, 100)
    assert (render_page(str(path), 0, 100, overlay=False)[0] == shown).all()
    over_text = _stamped_scan_pdf(tmp_path / "over.pdf")
    assert (render_page(str(over_text), 0, 100, overlay=False)[0] != render_page(str(over_text), 0, 100)[0]).any()


def test_a_stamp_over_blank_paper_is_read_once(tmp_path):
    # rendered with the page, OCR reads the stamp again: its reading is the layer's duplicate
    doc = read_document(_stamped_scan_pdf(tmp_path / "margin.pdf", box=(330, 780, 250, 55)))
    text = "\n".join(l.text for l in doc.pages[0].lines)
    assert doc.pages[0].ocr and "installations" in text
    assert text.count("préfecture") == 2 and text.count("030-213001100") == 1, text


def test_digital_text_page_is_not_ocred():
    path = REAL / "couthenans_2021-11-05_cr.pdf"
    if not path.exists():
        pytest.skip("real corpus not present")
    doc = read_document(path)
    assert doc.ocr_pages == 0
    assert doc.pages[0].lines[0].text == "CR du conseil municipal 05 novembre 2021"


# ----------------------------------------------------------------------------- errors
def test_not_a_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"<html><body>not a pdf</body></html>")
    with pytest.raises(NotAPdf, match="not a PDF"):
        read_document(p)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(EmptyDocument, match="empty"):
        read_document(p)


def test_a_pdf_without_pages_is_empty_not_corrupt(tmp_path):
    import io

    import pypdfium2 as pdfium

    buf = io.BytesIO()
    pdfium.PdfDocument.new().save(buf)
    p = tmp_path / "zero.pdf"
    p.write_bytes(buf.getvalue())
    with pytest.raises(EmptyDocument, match="no pages"):
        read_document(p)


def test_truncated_pdf(tmp_path):
    src = _text_pdf(tmp_path / "t.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(src[:200])
    with pytest.raises(DocumentError) as err:
        read_document(p)
    assert isinstance(err.value, (CorruptDocument, EmptyDocument))
    assert "cut.pdf" in str(err.value)


def test_encrypted_pdf(tmp_path):
    p = _text_pdf(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(EncryptedDocument, match="encrypted"):
        read_document(p)


# ----------------------------------------------------------------------------- lines
def _w(text, x0, top, page=1, h=10.0):
    return Word(text, page, x0, top, x0 + 5.5 * len(text), top + h)


def test_words_on_one_baseline_form_one_line_in_x_order():
    words = [_w("monde", 100, 50), _w("Bonjour", 50, 51), _w("suite", 50, 70)]
    assert [l.text for l in group_lines(words, 1)] == ["Bonjour monde", "suite"]


def test_table_rows_stay_whole():
    words = []
    for i in range(8):
        top = 100 + 14 * i
        words += [_w(str(i + 1), 50, top), _w("Créer", 80, top), _w("un", 115, top), _w("équipement", 130, top),
                  _w("Réalisé", 400, top)]
    got = [l.text for l in group_lines(words, 1)]
    assert got[0] == "1 Créer un équipement Réalisé" and len(got) == 8


def _scanned(text, x0, top):
    return Word(text, 1, x0, top, x0 + 5.5 * len(text), top + 10.0, fontname="OCR", conf=95.0, from_ocr=True)


def test_a_text_layer_printed_over_a_scan_never_joins_the_scans_rows():
    # A stamp's lines from the text layer beside and over a heading OCR read beneath them;
    # a typed page number far below is an overlay of its own.
    words = [_scanned(t, x, 100) for t, x in (("Bilan", 50), ("de", 85), ("la", 100), ("concertation", 115))]
    words += [_w("ID", 150, 99), _w(":", 163, 99), _w("030-213001100-DE", 170, 99)]
    words += [_w("Reçu", 150, 86), _w("le", 180, 86), _w("12/02/2024", 195, 86)]
    words += [_scanned("Vu", 50, 130), _scanned("la", 65, 130), _scanned("loi", 80, 130), _w("1/5", 290, 700)]
    got = [l.text for l in group_lines(words, 1)]
    assert "Bilan de la concertation" in got and "Reçu le 12/02/2024" in got and "ID : 030-213001100-DE" in got
    assert got.index("Reçu le 12/02/2024") + 1 == got.index("ID : 030-213001100-DE")
    assert got[-1] == "1/5"


def _framed(text, x0, top, frame=0):
    return Word(text, 1, x0, top, x0 + 5.5 * len(text), top + 10.0, fontname=f"{FRAME_FONT}{frame}")


def test_words_of_a_framed_block_never_join_the_rows_beside_it():
    words = []
    for i, row in enumerate(["Pour : 12", "Contre : 0", "Abstention : 1"]):
        x = 40
        for tok in row.split():
            words.append(_framed(tok, x, 200 + 12 * i))
            x += 5.5 * len(tok) + 4
    for i in range(5):  # the body's rows at the same heights as the box's
        x = 180
        for tok in f"pour l'exercice 2025 ligne {i}".split():
            words.append(_w(tok, x, 198 + 12 * i))
            x += 5.5 * len(tok) + 4
    words.append(_w("Titre", 180, 150))
    got = [l.text for l in group_lines(words, 1)]
    assert got == ["Titre", "Pour : 12", "Contre : 0", "Abstention : 1"] + [
        f"pour l'exercice 2025 ligne {i}" for i in range(5)]


def test_a_box_just_below_a_line_is_read_after_it_whatever_the_lines_descenders():
    """The box of counts printed under the preamble's last line ("… en mairie, sous la présidence
    …") is read after that line, though a descender ("p") reaches down near the box's top."""
    words = []
    for i, row in enumerate(["dans la salle du conseil", "en mairie, sous la présidence de Madame FAURE"]):
        x = 40
        for tok in row.split():
            w = _w(tok, x, 150 + 14 * i)
            if "p" in tok:  # the descender
                w = Word(w.text, 1, w.x0, w.top, w.x1, w.bottom + 3.5)
            words.append(w)
            x += 5.5 * len(tok) + 4
    words += [_framed("Présents", 120, 180.5), _framed("16", 300, 180.5),
              _framed("Votants", 120, 200), _framed("18", 300, 200)]
    got = [l.text for l in group_lines(words, 1)]
    assert got == ["dans la salle du conseil", "en mairie, sous la présidence de Madame FAURE", "Présents 16", "Votants 18"]


def test_narrow_side_column_is_read_before_the_main_text():
    words = []
    side = ["Nombre de membres", "en exercice : 11", "présents : 9", "votants : 10", "Date de la", "convocation :"]
    for i, text in enumerate(side):  # side lines follow their own spacing (17 pt)
        x = 40
        for tok in text.split():
            words.append(_w(tok, x, 200 + 17 * i))
            x += 5.5 * len(tok) + 4
    for i in range(10):  # main lines every 12 pt, well right of the side column
        x = 180
        for tok in f"ligne {i} du texte principal de la séance".split():
            words.append(_w(tok, x, 196 + 12 * i))
            x += 5.5 * len(tok) + 4
    got = [l.text for l in group_lines(words, 1)]
    assert got[:len(side)] == side
    assert got[len(side)] == "ligne 0 du texte principal de la séance"
    assert not any("Nombre" in t and "ligne" in t for t in got)


# ----------------------------------------------------------------------------- OCR words
def _data(*words):
    """An image_to_data dict: (text, left, top, width, height, conf, line) per word, in pixels."""
    keys = ("text", "left", "top", "width", "height", "conf", "line_num")
    data = {k: [w[i] for w in words] for i, k in enumerate(keys)}
    data["block_num"] = [1] * len(words)
    data["par_num"] = [1] * len(words)
    return data


@pytest.mark.parametrize("words, expected", [
    # tesseract reads one glyph twice, sometimes as a line of its own
    ([("NOËL", 100, 50, 60, 20, 95, 1), ("a", 165, 48, 12, 20, 76, 1), ("a", 170, 52, 12, 20, 96, 2),
      ("été", 190, 50, 30, 20, 96, 1)], "NOËL a été"),
    ([("à", 100, 50, 12, 20, 96, 1), ("a", 106, 55, 14, 20, 95, 1), ("l'unanimité.", 125, 50, 90, 20, 11, 1)],
     "à l'unanimité."),
    ([("et", 100, 50, 20, 20, 96, 1), ("E", 125, 54, 10, 20, 80, 1), ("émet", 127, 48, 45, 22, 96, 1)], "et émet"),
    ([("ler", 100, 50, 40, 20, 64, 1), ("n", 145, 52, 10, 18, 92, 1), ("mai", 148, 50, 38, 20, 96, 1),
      ("2019", 195, 50, 50, 20, 96, 1)], "1er mai 2019"),
    # a bold number's box runs over the dash printed after it; a colon's box touches a word's
    ([("2019-070", 68, 50, 260, 24, 91, 1), ("-", 305, 50, 30, 24, 92, 1), ("Convention", 340, 50, 200, 24, 95, 1)],
     "2019-070 - Convention"),
    ([("EXCUSES", 100, 50, 120, 20, 95, 1), (":", 219, 54, 3, 14, 96, 1), ("MM", 230, 50, 40, 20, 96, 1)],
     "EXCUSES : MM"),
    # an underlined heading's box stretched over the words after it
    ([("Ordre", 173, 330, 69, 11, 96, 1), ("du", 206, 329, 11, 14, 96, 1), ("jour", 221, 330, 21, 11, 96, 1)],
     "Ordre du jour"),
    # a parenthesis stretches a box over the "à" printed after it
    ([("(procuration", 208, 413, 59, 10, 96, 1), ("à", 264, 410, 6, 14, 96, 1), ("Nadège", 272, 413, 33, 10, 92, 1)],
     "(procuration à Nadège"),
    # table rulings read as bars
    ([("Présents", 100, 50, 80, 20, 96, 1), ("|", 200, 48, 2, 26, 96, 1), ("|19", 215, 50, 30, 20, 90, 1)],
     "Présents 19"),
    # printed words side by side, however close, are all kept
    ([("Titre", 100, 50, 50, 20, 96, 1), ("Ier", 154, 50, 28, 20, 90, 1), ("du", 190, 50, 20, 20, 96, 1)],
     "Titre Ier du"),
])
def test_ocr_words_drop_echoes_and_bars_and_repair_1er(words, expected):
    from pipeline.ocr import words_from_data

    got = words_from_data(_data(*words), 1, 1.0)
    assert " ".join(w.text for w in sorted(got, key=lambda w: w.x0)) == expected


def test_the_words_of_a_narrow_framed_column_are_no_rules():
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    from pipeline.ocr import faint_rules

    img = Image.new("L", (374, 420), 240)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 44)
    for i, text in enumerate(["Nombre de", "conseillers en", "Date de la", "convocation :", "06/06/2023"]):
        draw.text((8, 10 + 80 * i), text, fill=20, font=font)
    img = img.filter(ImageFilter.GaussianBlur(1.2))  # a scan's soft edges join serifs
    ink = np.asarray(img) < 100
    assert (ink & (faint_rules(np.asarray(img)) > 0)).sum() < 0.02 * ink.sum()


def test_a_faint_table_hairline_inside_a_frame_is_whitened_but_not_the_text():
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from pipeline.ocr import faint_rules

    img = Image.new("L", (900, 300), 238)
    draw = ImageDraw.Draw(img)
    for y in (100, 200):
        draw.line([(0, y), (900, y)], fill=165, width=2)  # pale, as a grey hairline scans
    draw.line([(600, 0), (600, 300)], fill=160, width=2)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    for i, (label, value) in enumerate([("Membres en exercice", "35"), ("Représentés", "3"), ("Votants", "34")]):
        draw.text((20, 30 + 100 * i), label, fill=30, font=font)
        draw.text((640, 30 + 100 * i), value, fill=30, font=font)
    mask = faint_rules(np.asarray(img)) > 0
    assert mask[100, 300] and mask[200, 50] and mask[150, 600]
    ink = np.asarray(img) < 100
    assert (ink & mask).sum() < 0.02 * ink.sum()  # the glyphs stay


def test_ocr_words_that_repeat_the_text_layer_are_dropped_despite_the_deskew_drift():
    from pipeline.text import merge_ocr_words

    layer = [_w("Reçu", 400, 40), _w("en", 430, 40), _w("préfecture", 445, 40), _w("le", 505, 40)]
    drift = [Word(w.text, 1, w.x0 + 3, w.top + 7, w.x1 + 3, w.bottom + 7, from_ocr=True, conf=90) for w in layer]
    body = [Word("Séance", 1, 100, 200, 140, 210, from_ocr=True, conf=95)]
    got = merge_ocr_words(layer, drift + body)
    assert [w.text for w in got] == ["Reçu", "en", "préfecture", "le", "Séance"]


@pytest.mark.parametrize("text, fontname, expected", [
    ("(cid:127)", "ABCDEF+Calibri", "•"),  # a word processor's bullet
    ("(cid:149)", "Arial", "•"),  # WinAnsi's bullet
    ("(cid:183)", "Symbol", "•"),
    ("(cid:108)", "ABCDEF+Wingdings-Regular", "•"),  # Wingdings' round bullet
    ("(cid:216)", "Wingdings", "•"),  # Wingdings' arrow bullet
    ("(cid:127)D’APPROUVER", "Calibri", "• D’APPROUVER"),
    ("(cid:108)", "Arial", "(cid:108)"),  # a letter's code in a text font: no bullet
    ("(cid:36)(cid:108)(cid:79)", "Arial", "(cid:36)(cid:108)(cid:79)"),  # a font without mapping
    ("approuve", "Arial", "approuve"),
])
def test_unmapped_bullet_glyphs_read_as_bullets(text, fontname, expected):
    from pipeline.text import unmapped_bullets
    assert unmapped_bullets(text, fontname) == expected


def test_a_bullet_glued_to_its_item_is_a_word_of_its_own():
    from pipeline.text import _words_from_plumber

    class FakePage:
        def extract_words(self, **_):
            return [{"text": "(cid:127)DÉCIDE", "x0": 70.0, "x1": 130.0, "top": 100.0, "bottom": 110.0,
                     "fontname": "ABCDEF+Calibri", "size": 10.0, "upright": True},
                    {"text": "d’approuver", "x0": 134.0, "x1": 180.0, "top": 100.0, "bottom": 110.0,
                     "fontname": "ABCDEF+Calibri", "size": 10.0, "upright": True}]

    words = _words_from_plumber(FakePage(), 1)
    assert [w.text for w in words] == ["•", "DÉCIDE", "d’approuver"]
    assert words[0].x1 <= words[1].x0 and words[1].x1 == 130.0
    assert [l.text for l in group_lines(words, 1)] == ["• DÉCIDE d’approuver"]
