"""Text stage: every page of a PDF as Words and Lines, from its text layer or from OCR.

Each page is read with pdfplumber. A page is sent to OCR when its text layer cannot stand for
its content: no text, garbage text (broken font encodings), or a text layer that covers only a
small part of a page carrying a large image (a prefecture e-transmission stamp printed over a
scanned body). Coverage is judged, not presence.

Errors that make the whole file unreadable raise a DocumentError subclass; a page that fails
(tesseract error, timeout) is kept with Page.error set and the rest of the document is read.
"""
from __future__ import annotations

import hashlib
import io
import logging
import math
import re
import statistics
import sys
import time
import unicodedata
from typing import Optional, Union

from .lines import group_lines
from .model import DocText, Page, Word, clean_text
from .ocr import MissingDependency, OcrError, ocr_page, ocr_scan  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

# A0 is 2384 x 3370 pt; anything over twice its area is not a document page we can render.
MAX_PAGE_AREA = 2 * 2384.0 * 3370.0


class DocumentError(Exception):
    """The file cannot be read as a PDF document at all."""


class NotAPdf(DocumentError):
    pass


class EmptyDocument(DocumentError):
    pass


class EncryptedDocument(DocumentError):
    pass


class CorruptDocument(DocumentError):
    pass


class TooManyPages(DocumentError):
    pass


class PageTooLarge(DocumentError):
    pass


class TimeLimit(DocumentError):
    """The file's time limit ran out before its last page was read."""


# ----------------------------------------------------------------------------- words
# Style suffixes after the family name: "-BoldMT", ",Bold", "-Black", ",B", "-BD", "Heavy".
_BOLD = re.compile(r"(?:[-,_ ]|(?<=[a-z])(?=[A-Z]))(?:semi|demi|extra|ultra)?(?:bold|black|heavy)|,bi?$|[-_]bd\b|-b$", re.I)
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def is_bold_font(fontname: str) -> bool:
    name = _SUBSET.sub("", fontname or "")
    return bool(_BOLD.search(name))


def _words_from_plumber(page, number: int) -> list[Word]:
    raw = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False, keep_blank_chars=False)
    words = []
    for w in raw:
        # Vertical text (margin stamps, rotated references) would cut across every row.
        if not w.get("upright", True):
            continue
        fontname = w.get("fontname", "") or ""
        text = unmapped_bullets(clean_text(w["text"]), fontname)
        if not text:
            continue
        x0, top, x1, bottom = float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])
        attrs = dict(page=number, top=top, bottom=bottom, fontname=fontname,
                     size=float(w.get("size") or 0.0), bold=is_bold_font(fontname))
        if text.startswith("• "):  # a bullet glued to its item's first word: two words
            split = min(x1, x0 + 0.5 * (bottom - top))
            words.append(Word(text="•", x0=x0, x1=split, **attrs))
            text, x0 = text[2:], split
        words.append(Word(text=text, x0=x0, x1=x1, **attrs))
    return words


# pdfplumber prints a glyph its font maps to no Unicode character as "(cid:N)", N the glyph's
# code. A list's bullet is the usual one: code 127 (word processors' bullet glyph), 149
# (WinAnsi's •), 183 (Symbol's • and Latin-1's ·) in any font; in a symbol font (Wingdings,
# Symbol, Zapf Dingbats) the codes of its round, square, diamond, arrow and check bullets.
_ANY_FONT_BULLETS = {127, 149, 183}
_SYMBOL_FONT_BULLETS = {108, 109, 110, 113, 117, 118, 119, 167, 168, 216, 223, 224, 232, 252}
_SYMBOL_FONT = re.compile(r"wingding|webding|symbol|dingbat", re.I)
_CID = re.compile(r"\(cid:(\d+)\)")


def unmapped_bullets(text: str, fontname: str = "") -> str:
    """`text` with a leading "(cid:N)" bullet glyph as "•" ("(cid:127)" -> "•",
    "(cid:127)DÉCIDE" -> "• DÉCIDE"). Only a lone leading glyph: a word made of "(cid:N)"
    runs is a font without any mapping, garbage that the OCR triage must still see."""
    m = _CID.match(text)
    if not m or _CID.match(text, m.end()):
        return text
    code = int(m.group(1))
    if code not in _ANY_FONT_BULLETS and not (code in _SYMBOL_FONT_BULLETS and _SYMBOL_FONT.search(fontname or "")):
        return text
    rest = text[m.end():].strip()
    return "• " + rest if rest else "•"


# ----------------------------------------------------------------------------- triage
# Text covering less than this share of the page's image area is a stamp or header laid over
# a scan, not the page's content (a full text page covers 10-30% of its area with glyph boxes).
MIN_TEXT_COVERAGE = 0.03
# A page is "a scan" when its images cover at least this share of the page.
SCAN_IMAGE_SHARE = 0.5
# A text layer with fewer characters than this over a scanned page cannot be its whole body.
MIN_BODY_CHARS = 200
_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿæœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÆŒ")


def _image_share(page) -> float:
    """Share of the page area covered by its largest image (clipped to the page)."""
    area = float(page.width) * float(page.height) or 1.0
    best = 0.0
    for im in page.images:
        x0, x1 = max(0.0, float(im["x0"])), min(float(page.width), float(im["x1"]))
        top, bottom = max(0.0, float(im["top"])), min(float(page.height), float(im["bottom"]))
        if x1 > x0 and bottom > top:
            best = max(best, (x1 - x0) * (bottom - top) / area)
    return best


def garbage_share(words: list[Word]) -> float:
    """Share of suspicious text: CID placeholders, private-use or control characters, and
    letter runs without vowels (a shifted or missing font encoding gives 'Oh#frqvhlo')."""
    text = "".join(w.text for w in words)
    if not text:
        return 0.0
    bad = text.count("(cid:") * 6
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cc", "Cn") or ch == "\ufffd":
            bad += 1
    long_words = [w.text for w in words if sum(c.isalpha() for c in w.text) >= 4]
    if len(long_words) >= 10:
        novowel = sum(1 for t in long_words if not any(c in _VOWELS for c in t))
        # Acronyms (SIVOM, PLU…) are few; a broken encoding makes most words vowel-free.
        bad += len(text) * max(0.0, novowel / len(long_words) - 0.15)
    return min(1.0, bad / len(text))


def needs_ocr(page, words: list[Word]) -> tuple[bool, str]:
    """Decide whether a pdfplumber page must be OCR-ed; the reason is kept for debugging."""
    page_area = float(page.width) * float(page.height) or 1.0
    image_share = _image_share(page)
    nchars = sum(len(w.text) for w in words)
    if nchars == 0:
        return (True, "no text layer") if image_share > 0 or page.rects or page.curves else (False, "blank page")
    g = garbage_share(words)
    if g > 0.3:
        return True, f"garbage text layer ({g:.0%} suspicious)"
    text_area = sum((w.x1 - w.x0) * (w.bottom - w.top) for w in words)
    coverage = text_area / page_area
    if image_share >= SCAN_IMAGE_SHARE and coverage < MIN_TEXT_COVERAGE and nchars < MIN_BODY_CHARS * 5:
        return True, f"text covers {coverage:.1%} of a page {image_share:.0%} covered by an image ({nchars} chars)"
    if image_share >= SCAN_IMAGE_SHARE and nchars < MIN_BODY_CHARS:
        return True, f"only {nchars} chars over a scanned page"
    return False, f"text layer ({nchars} chars, coverage {coverage:.1%}, image {image_share:.0%})"


def overlay_on_scan(page, words: list[Word]) -> bool:
    """Whether a page's text layer is printed over a scan (a stamp, a typed header) and can be
    left out of the render OCR reads: its words are exact already, and its box may cover the
    scan's own words. A garbled layer stays: its glyphs may be the page's only print."""
    return bool(words) and _image_share(page) >= SCAN_IMAGE_SHARE and garbage_share(words) <= 0.3


# OCR boxes are in the deskewed image's frame (ocr.py), which drifts from the page frame by
# up to a few lines' height at the corners; a text-layer word and its OCR reading are matched
# within this distance, in points, to measure that drift.
MAX_DRIFT_PT = 60.0


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _drift(layer: list[Word], ocr: list[Word]) -> tuple[float, float]:
    """Median offset from text-layer words to the OCR readings of the same words nearby."""
    by_text: dict[str, list[Word]] = {}
    for w in ocr:
        by_text.setdefault(_folded(w.text), []).append(w)
    dxs, dys = [], []
    for t in layer:
        key = _folded(t.text)
        if len(key) < 3:
            continue
        near = [(math.hypot(w.x0 - t.x0, w.top - t.top), w) for w in by_text.get(key, [])]
        near = [(d, w) for d, w in near if d <= MAX_DRIFT_PT]
        if near:
            w = min(near, key=lambda p: p[0])[1]
            dxs.append(w.x0 - t.x0)
            dys.append(w.top - t.top)
    return (statistics.median(dxs), statistics.median(dys)) if dxs else (0.0, 0.0)


def merge_ocr_words(layer: list[Word], ocr: list[Word]) -> list[Word]:
    """Keep the exact text-layer words and add the OCR words that are not the same text again.

    The rendered page shows what the text layer says (a stamp printed on a scan): an OCR
    word whose box, moved by the drift between the two frames, lies mostly over a text-layer
    word is a duplicate."""
    if not layer:
        return list(ocr)
    dx, dy = _drift(layer, ocr)
    kept = list(layer)
    for w in ocr:
        x0, x1, top, bottom = w.x0 - dx, w.x1 - dx, w.top - dy, w.bottom - dy
        area = max((x1 - x0) * (bottom - top), 1e-6)
        dup = False
        for t in layer:
            ix = min(x1, t.x1) - max(x0, t.x0)
            iy = min(bottom, t.bottom) - max(top, t.top)
            if ix > 0 and iy > 0 and ix * iy / area > 0.3:
                dup = True
                break
        if not dup:
            kept.append(w)
    return kept


# ----------------------------------------------------------------------------- opening
def _open_pdfium(data: bytes, path: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedDocument(f"{path}: the PDF is encrypted with a password ({msg})") from exc
        if _has_no_pages(data):
            raise EmptyDocument(f"{path}: the PDF has no pages") from exc
        raise CorruptDocument(f"{path}: the PDF is corrupt or truncated and cannot be opened ({msg})") from exc


def _has_no_pages(data: bytes) -> bool:
    """Whether a PDF that PDFium refused is a well-formed file with an empty page tree
    (PDFium reports it as "Failed to load document (PDFium: Success)")."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = doc.catalog.get("Pages")
        return pages is not None and next(iter(PDFPage.create_pages(doc)), None) is None
    except Exception:  # pdfminer cannot read it either: it is corrupt
        return False


def _open_plumber(data: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocument(f"{path}: the PDF is encrypted ({type(exc).__name__})") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise CorruptDocument(f"{path}: the PDF is corrupt or truncated ({type(exc).__name__}: {exc})") from exc


def _check_bytes(data: bytes, path: str) -> None:
    if not data:
        raise EmptyDocument(f"{path}: the file is empty (0 bytes)")
    # The header may follow some junk bytes; readers accept it within the first kilobyte.
    if b"%PDF-" not in data[:1024]:
        raise NotAPdf(f"{path}: not a PDF file (no %PDF- header; starts with {data[:16]!r})")


# ----------------------------------------------------------------------------- reading
def _ocr_words(pdfium_doc, index: int, width: float, height: float, prepared, *, scan: bool,
               **kwargs) -> tuple[list[Word], bool]:
    """The page's OCR words, and whether the text layer was left out of what OCR read (scan:
    the layer is printed over a scan, see overlay_on_scan). Prepared words are used when given
    (an exception stands for a failed OCR); they were read from the page as displayed."""
    if prepared is not None and index + 1 in prepared:
        found = prepared[index + 1]
        if isinstance(found, BaseException):
            raise found
        return list(found), False
    if scan:
        return ocr_scan(pdfium_doc, index, width, height, **kwargs)
    return ocr_page(pdfium_doc, index, width, height, **kwargs), False


def _read_page(plumber_page, pdfium_doc, index: int, path: str, *, dpi: int, ocr_lang: str,
               page_timeout: float, force_ocr: bool, prepared_ocr=None) -> Page:
    number = index + 1
    width, height = float(plumber_page.width), float(plumber_page.height)
    page = Page(number=number, width=width, height=height, words=[], lines=[])
    try:
        layer = _words_from_plumber(plumber_page, number)
    except Exception as exc:  # a broken content stream must not stop the document
        log.warning("%s p%d: text layer unreadable: %s", path, number, exc)
        layer, page.error = [], f"text layer unreadable: {type(exc).__name__}: {exc}"
    ocr, reason = (True, "forced") if force_ocr else needs_ocr(plumber_page, layer)
    if page.error and not ocr:
        ocr, reason = True, "text layer unreadable"
    page.ocr_reason = reason
    words = layer
    if ocr:
        try:
            ocr_words, hidden = _ocr_words(pdfium_doc, index, width, height, prepared_ocr,
                                           scan=overlay_on_scan(plumber_page, layer),
                                           dpi=dpi, lang=ocr_lang, timeout=page_timeout)
            # OCR did not see a hidden layer, so none of its words can repeat it
            words = layer + ocr_words if hidden else merge_ocr_words(layer, ocr_words)
            page.ocr = True
            page.error = None
        except MissingDependency:
            raise
        except Exception as exc:
            log.warning("%s p%d: OCR failed: %s", path, number, exc)
            page.error = f"OCR failed: {type(exc).__name__}: {exc}"
    page.words = words
    page.lines = group_lines(words, number)
    return page


def read_document(path, *, dpi: int = 300, ocr_lang: str = "fra", page_timeout: float = 120,
                  max_pages: int = 2000, max_page_area: float = MAX_PAGE_AREA,
                  force_ocr: bool = False,
                  prepared_ocr: Optional[dict[int, Union[list[Word], BaseException]]] = None,
                  deadline: Optional[float] = None) -> DocText:
    """Read every page of the PDF at `path` (see the module docstring).

    `prepared_ocr` maps page numbers (from 1) to the words `ocr_page` gave for that page with
    the same dpi and language, OCR-ed beforehand (in other processes, for a long scan), or to
    the exception it raised. A page the text stage sends to OCR takes its words from there;
    other pages are OCR-ed as usual.

    `deadline` (a time.monotonic() value) stops the reading between pages, and shortens the
    OCR time of a page to what is left: a file limit that holds off the main thread, where
    no alarm signal can be used (Dask workers)."""
    path = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError as exc:
        raise NotAPdf(f"{path}: is a directory") from exc
    _check_bytes(data, path)
    document_id = hashlib.sha256(data).hexdigest()
    pdfium_doc = _open_pdfium(data, path)
    try:
        count = len(pdfium_doc)
        if count == 0:
            raise EmptyDocument(f"{path}: the PDF has no pages")
        if count > max_pages:
            raise TooManyPages(f"{path}: {count} pages, more than the limit of {max_pages}")
        pdf = _open_plumber(data, path)
        try:
            try:
                plumber_pages = pdf.pages
            except Exception as exc:
                raise CorruptDocument(f"{path}: the page tree cannot be read ({type(exc).__name__}: {exc})") from exc
            if len(plumber_pages) != count:
                log.info("%s: pdfium sees %d pages, pdfplumber %d", path, count, len(plumber_pages))
            pages = []
            for index, pp in enumerate(plumber_pages[:count]):
                area = float(pp.width) * float(pp.height)
                if area > max_page_area:
                    raise PageTooLarge(
                        f"{path}: page {index + 1} is {pp.width:.0f} x {pp.height:.0f} pt, "
                        f"larger than the limit of {max_page_area:.0f} pt²")
                timeout = page_timeout
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeLimit(f"{path}: file time limit exceeded before page {index + 1} of {count}")
                    timeout = min(page_timeout, left) if page_timeout else left
                pages.append(_read_page(pp, pdfium_doc, index, path, dpi=dpi, ocr_lang=ocr_lang,
                                        page_timeout=timeout, force_ocr=force_ocr,
                                        prepared_ocr=prepared_ocr))
                # pdfplumber caches every parsed object of a page; release it once read.
                pp.close()
        finally:
            pdf.close()
    finally:
        pdfium_doc.close()
    return DocText(path=path, document_id=document_id, pages=pages)


def _main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m pipeline.text", description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--force-ocr", action="store_true")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--words", action="store_true", help="print each line's words with their boxes")
    args = ap.parse_args(argv)
    for path in args.pdf:
        t0 = time.perf_counter()
        try:
            doc = read_document(path, dpi=args.dpi, force_ocr=args.force_ocr)
        except DocumentError as exc:
            print(f"ERROR {type(exc).__name__}: {exc}")
            continue
        print(f"# {path}  id={doc.document_id[:12]}  pages={len(doc.pages)}  ocr_pages={doc.ocr_pages}  "
              f"{time.perf_counter() - t0:.2f}s")
        for p in doc.pages:
            status = "OCR" if p.ocr else "TEXT"
            print(f"## page {p.number} {status}: {p.ocr_reason}" + (f"  ERROR: {p.error}" if p.error else ""))
            for line in p.lines:
                conf = f" c={line.conf:.0f}" if line.conf is not None else ""
                bold = " B" if line.bold_ratio > 0.5 else ""
                print(f"{p.number:>3} {line.top:7.1f} {line.x0:6.1f}{bold}{conf} | {line.text}")
                if args.words:
                    print("      " + " ".join(f"[{w.text} {w.x0:.0f}-{w.x1:.0f}]" for w in line.words))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
