"""OCR of one PDF page: render with pypdfium2, clean up lightly, read with tesseract.

Boxes come back in PDF points (pdfplumber convention, top-left origin). When the image was
deskewed, boxes stay in the deskewed frame (the page's rows straight, rotated about the page's
centre): rotated back, a table's first column or a side box drifts off its rows by a line's
height on a page scanned 1.5° askew, which is what the reading order is built from.

Two tesseract calls per page at most: the page, with its ruled frames (a box of counts beside
the preamble, a framed mention) blanked out; then one call reading a strip stacking each
frame's content and the glyph-sized ink the first call left unread, and, as a second page of
that call, a strip of the stretches of the first reading tesseract was unsure of, read again
alone and merged back word by word (reread.py). Words of a frame are marked (FRAME_FONT)
so that lines.py reads each frame as a block of its own.
"""
from __future__ import annotations

import functools
import math
import os
import unicodedata
from typing import Optional, Union

import numpy as np

from .model import Word, clean_text

# Tesseract's OpenMP threads fight each other on small machines (~2.6x slower on 2 cores):
# parallelism comes from running pages in separate processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-fra"
# Skews below this are left alone: rotating resamples the glyphs for no gain.
MIN_DESKEW_DEG = 0.3
MAX_DESKEW_DEG = 5.0
# A render larger than this many pixels is made at a lower resolution (huge pages).
MAX_PIXELS = 60_000_000
# psm 3 (automatic page segmentation) reads ruled tables and side columns; psm 6 garbles tables.
TESSERACT_CONFIG = "--psm 3"


class MissingDependency(RuntimeError):
    """Tesseract or its French model is not installed."""


class OcrError(RuntimeError):
    pass


@functools.lru_cache(maxsize=None)
def check_tesseract(lang: str = "fra") -> str:
    """Return the tesseract version, or raise MissingDependency with the install command."""
    import pytesseract

    try:
        version = str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingDependency(f"tesseract is not installed or not on PATH: {INSTALL_HINT}") from exc
    try:
        langs = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # an unusable install is as bad as none
        raise MissingDependency(f"tesseract cannot list its languages ({exc}): {INSTALL_HINT}") from exc
    missing = [l for l in lang.split("+") if l not in langs]
    if missing:
        raise MissingDependency(
            f"tesseract language(s) {', '.join(missing)} not installed (have {', '.join(sorted(langs))}): {INSTALL_HINT}")
    return version


# ----------------------------------------------------------------------------- rendering
# A Form XObject holding text and covering less than this share of the page is an overlay
# (an e-transmission stamp with its framed box); a larger one may wrap the scan itself.
OVERLAY_MAX_SHARE = 0.25


def hide_overlay(page) -> int:
    """Take the text objects, and small forms holding text, off a pypdfium2 page before it is
    rendered for OCR; returns how many objects were taken off.

    A scanned page's text layer is an overlay printed on the scan (the prefecture's
    "Envoyé en préfecture le … ID : …" stamp), read exactly from the layer: rendered, its
    framed box hides the scan's words beneath it, often a heading's end. The page object
    list is changed in memory only: without gen_content(), the file and the page's next load
    are untouched."""
    import pypdfium2.raw as pdfium_c

    w, h = page.get_size()
    area = max(w * h, 1.0)
    text, form_type = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM

    def children(form=None, level=0) -> list:
        # max_depth=level+1: this level's objects only, the walk below descends itself
        return list(page.get_objects(form=form, level=level, max_depth=level + 1))

    def holds_text(form) -> bool:
        return any(o.type == text or (o.type == form_type and holds_text(o)) for o in children(form, form.level + 1))

    doomed = []

    def walk(form=None, level=0) -> None:
        for obj in children(form, level):
            if obj.type == text:
                doomed.append(obj)
            elif obj.type == form_type:
                x0, y0, x1, y1 = obj.get_bounds()
                if (x1 - x0) * (y1 - y0) < OVERLAY_MAX_SHARE * area and holds_text(obj):
                    doomed.append(obj)
                else:  # it may wrap the scan: only its own text goes
                    walk(obj, level + 1)

    walk()
    for obj in doomed:
        page.remove_obj(obj)
    return len(doomed)


# Share of dark pixels under an overlay, in the area it covers, above which it hides the
# scan's print: a stamp laid in a blank margin hides only paper (and a few specks).
MIN_HIDDEN_INK = 0.005


def render_page(doc_or_path, page_index: int, dpi: int = 300, *, overlay: bool = True) -> tuple[np.ndarray, float]:
    """Grayscale uint8 image of a page and the scale used (pixels per point); with
    overlay=False, as render_scan makes it."""
    gray, scale, _ = _render_page(doc_or_path, page_index, dpi, hide=not overlay)
    return gray, scale


def render_scan(doc_or_path, page_index: int, dpi: int = 300) -> tuple[np.ndarray, float, bool]:
    """The page rendered without the text objects it prints over its scan (hide_overlay) when
    they hide print of the scan beneath them, and whether they were left out. Over blank paper
    the page is rendered as displayed, since tesseract reads a whole page differently once
    anything on it changes."""
    return _render_page(doc_or_path, page_index, dpi, hide=True)


def _render_page(doc_or_path, page_index: int, dpi: int, *, hide: bool) -> tuple[np.ndarray, float, bool]:
    import pypdfium2 as pdfium

    own = not isinstance(doc_or_path, pdfium.PdfDocument)
    doc = pdfium.PdfDocument(doc_or_path) if own else doc_or_path
    hidden = False
    try:
        page = doc[page_index]
        try:
            w, h = page.get_size()
            scale = dpi / 72.0
            if w * h * scale * scale > MAX_PIXELS:
                scale = math.sqrt(MAX_PIXELS / (w * h))
            arr = _render(page, scale)
            if hide and hide_overlay(page):
                bare = _render(page, scale)
                if _hidden_ink(arr, bare) >= MIN_HIDDEN_INK:
                    arr, hidden = bare, True
        finally:
            page.close()
    finally:
        if own:
            doc.close()
    return arr, scale, hidden


def _render(page, scale: float) -> np.ndarray:
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    arr = bitmap.to_numpy().copy()
    bitmap.close()
    if arr.ndim == 3:
        arr = arr[:, :, 0] if arr.shape[2] == 1 else arr.mean(axis=2).astype(np.uint8)
    return arr


def _hidden_ink(shown: np.ndarray, bare: np.ndarray) -> float:
    """Share of dark pixels of the bare render in the area where the two renders differ."""
    if shown.shape != bare.shape:
        return 1.0
    changed = np.argwhere(shown != bare)
    if not len(changed):
        return 0.0
    (y0, x0), (y1, x1) = changed.min(0), changed.max(0) + 1
    return float((bare[y0:y1, x0:x1] < 128).mean())


# ----------------------------------------------------------------------------- clean-up
def estimate_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees (positive = text rising to the right in image coords), found by
    maximising the variance of the row profile of the ink over small rotations.

    The profile of each rotation is a histogram of the rotated rows of the ink pixels (no
    image is warped): about 20 times cheaper than rotating the image for each angle."""
    import cv2

    h, w = gray.shape
    f = 1000.0 / max(w, 1)
    small = cv2.resize(gray, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() < 0.5:  # almost blank page
        return 0.0
    ys, xs = np.nonzero(ink)
    if len(ys) > 150_000:  # a dense page: a regular sample keeps the profile's shape
        step = len(ys) // 150_000 + 1
        ys, xs = ys[::step], xs[::step]
    hh, ww = ink.shape
    dx, dy = xs - ww / 2.0, ys - hh / 2.0
    span = int(hh + ww) + 2

    def score(angle: float) -> float:
        # Row of each ink pixel once rotated by `angle` about the centre, as cv2 rotates.
        a = math.radians(angle)
        rows = np.rint(-math.sin(a) * dx + math.cos(a) * dy + span / 2).astype(np.int64)
        prof = np.bincount(rows, minlength=span).astype(np.float64)
        return float(np.square(np.diff(prof)).sum())

    coarse = np.arange(-MAX_DESKEW_DEG, MAX_DESKEW_DEG + 1e-9, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1)
    return float(max(fine, key=score))


def rotate(gray: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate about the centre keeping the size; returns the image and the 2x3 matrix used."""
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return out, m


def noise_level(gray: np.ndarray) -> float:
    """Share of pixels that a 3x3 median filter changes a lot: speckle, not glyph edges."""
    import cv2

    h = gray.shape[0]
    if h > 1200:  # speckle is spread over the page: eight bands of rows are a fair sample
        bands = [gray[y:y + 64] for y in np.linspace(h * 0.05, h * 0.95 - 64, 8).astype(int)]
        gray = np.ascontiguousarray(np.vstack(bands))
    med = cv2.medianBlur(gray, 3)
    return float((np.abs(gray.astype(np.int16) - med.astype(np.int16)) > 96).mean())


# Above this speckle share a median filter restores heavily noisy scans (measured: 99.5% vs
# garbage); clean scans are left untouched because the filter thins small glyphs.
NOISE_THRESHOLD = 0.01


def prepare(gray: np.ndarray, deskew: bool = True, denoise: Optional[bool] = None):
    """Clean-up applied before tesseract. Returns (image, inverse matrix or None, notes)."""
    import cv2

    notes = []
    if denoise is None:
        level = noise_level(gray)
        denoise = level > NOISE_THRESHOLD
        notes.append(f"noise={level:.3f}")
    if denoise:
        gray = cv2.medianBlur(gray, 3)
        notes.append("median3")
    inverse = None
    if deskew:
        angle = estimate_skew(gray)
        if MIN_DESKEW_DEG <= abs(angle) <= MAX_DESKEW_DEG:
            gray, m = rotate(gray, angle)
            inverse = cv2.invertAffineTransform(m)
            notes.append(f"deskew={angle:.1f}")
    return gray, inverse, notes


# ----------------------------------------------------------------------------- reading
# Two words whose boxes overlap by this share of the narrower one's width (and half its
# height) are one piece of ink read twice (LSTM echoes, often put in a line of their own:
# "NOËL a a été", "à a l'unanimité", "E émet", "ler n mai" where "n" is the first hump of
# "m"). Printed words are separated by a space and never overlap that much.
ECHO_OVERLAP = 0.4


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


# One-letter words of French: an overlapped box holding one of these may be a printed word
# under a neighbour's stretched box ("(procuration" over "à"); any other lone letter is a
# fragment of the glyphs under it.
_ONE_LETTER_WORDS = set("aàyôo")


def _echo_of(short: str, long: str) -> bool:
    """Whether `short`, read over `long`'s box, repeats it: the same letters, its first or last
    letters, or a lone letter that is no word. A word under a box stretched by an underline
    ("Ordre" over "du jour") or by a parenthesis is none of these."""
    fs, fl = _folded(short), _folded(long)
    if fs == fl or fl.startswith(fs) or fl.endswith(fs):
        return True
    return len(fs) == 1 and fs not in _ONE_LETTER_WORDS and not fs.isdigit()


def _echoes(data: dict, keep: list[int], texts: dict) -> set[int]:
    """Indices of the words that an overlapping reading covers: of two overlapping words the
    shorter (the less confident when both are as long) is dropped when it echoes the other
    (_echo_of). Punctuation is never an echo: its narrow box overlaps a neighbour's by a few
    pixels, and a bold number's box often runs over the dash printed after it."""
    box = {i: (int(data["left"][i]), int(data["top"][i]),
               int(data["left"][i]) + int(data["width"][i]), int(data["top"][i]) + int(data["height"][i]))
           for i in keep}
    order = sorted(keep, key=lambda i: box[i][0])
    drop = set()
    for n, a in enumerate(order):
        ax0, ay0, ax1, ay1 = box[a]
        for b in order[n + 1:]:
            bx0, by0, bx1, by1 = box[b]
            if bx0 >= ax1:
                break
            narrower = max(min(ax1 - ax0, bx1 - bx0), 1)
            lower = max(min(ay1 - ay0, by1 - by0), 1)
            if min(ax1, bx1) - bx0 < ECHO_OVERLAP * narrower or min(ay1, by1) - max(ay0, by0) < 0.5 * lower:
                continue
            fa, fb = _folded(texts[a]), _folded(texts[b])
            if not fa or not fb:  # a colon's sliver of a box touches its neighbour's
                continue
            short, long = (a, b) if len(fa) < len(fb) else (b, a)
            if len(fa) == len(fb):
                short = a if float(data["conf"][a]) < float(data["conf"][b]) else b
            if _echo_of(texts[short], texts[long]):
                drop.add(short)
    return drop


# OCR reads the "1" of "1er" as "l" or "I"; "ler" is no French word, "Ier" is (Titre Ier)
# unless a month follows it.
_MONTHS = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
           "octobre", "novembre", "decembre"}


def _first_of_month(texts: dict, keep: list[int]) -> None:
    """Repair "ler" / "Ier <month>" in place; `keep` lists the words in tesseract's order."""
    for i, nxt in zip(keep, keep[1:] + [None]):
        if texts[i] == "ler" or (texts[i] == "Ier" and nxt is not None and _folded(texts[nxt]) in _MONTHS):
            texts[i] = "1er"


def _word_text(raw) -> str:
    """A tesseract word without the table rulings it read as bars ("|", "|3")."""
    return clean_text(str(raw)).strip("|¦").strip()


def words_from_data(data: dict, page_number: int, scale: float,
                    page_width: float = 1e9, page_height: float = 1e9, framed: bool = False) -> list[Word]:
    """Turn pytesseract's image_to_data dict into Words in PDF points.

    Every word gets the vertical extent of its tesseract line: word boxes hug the glyphs, so
    a word without ascenders ("quorum") sits lower than its neighbours and could be grouped
    with the line of a side column instead of its own. A word that overlaps its neighbour
    in the line (a tesseract echo) is dropped, the more confident reading kept.
    With `framed`, a word of block k >= 0 is marked as read inside frame k (fontname
    FRAME_FONT + k)."""
    texts = {i: _word_text(raw) for i, raw in enumerate(data["text"]) if float(data["conf"][i]) >= 0}
    keep = [i for i, text in texts.items() if text]

    def line_key(i):
        return tuple(data[k][i] if k in data else i for k in ("block_num", "par_num", "line_num"))

    members: dict[tuple, list[int]] = {}
    for i in keep:
        members.setdefault(line_key(i), []).append(i)
    echoes = _echoes(data, keep, texts)
    _first_of_month(texts, [i for i in keep if i not in echoes])
    band = {}
    for key, idx in members.items():
        # Medians, not extremes: a tesseract "line" sometimes straddles two visual lines.
        band[key] = (float(np.median([int(data["top"][i]) for i in idx])),
                     float(np.median([int(data["top"][i]) + int(data["height"][i]) for i in idx])))
    words = []
    for i in keep:
        if i in echoes:
            continue
        conf = float(data["conf"][i])
        text = texts[i]
        left, width = int(data["left"][i]), int(data["width"][i])
        t, b = int(data["top"][i]), int(data["top"][i]) + int(data["height"][i])
        bt, bb = band[line_key(i)]
        if min(b, bb) - max(t, bt) >= 0.5 * max(b - t, 1):
            t, b = min(t, bt), max(b, bb)
        x0, top, x1, bottom = left / scale, t / scale, (left + width) / scale, b / scale
        x0, top = max(0.0, x0), max(0.0, top)
        x1, bottom = min(page_width, x1), min(page_height, bottom)
        block = int(data["block_num"][i]) if framed else -1
        words.append(Word(text=text, page=page_number, x0=x0, top=top, x1=x1, bottom=bottom,
                          fontname=f"{FRAME_FONT}{block}" if block >= 0 else "OCR",
                          size=round(bottom - top, 1), bold=False, conf=conf, from_ocr=True))
    return words


def _ink(img: np.ndarray) -> np.ndarray:
    import cv2

    _, ink = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


# ----------------------------------------------------------------------------- framed blocks
# A ruling is a straight run of ink at least this share of the page's width (horizontal) or
# height (vertical): longer than any glyph, shorter than the side of a small counts box.
RULE_SHARE = 0.025
# A frame's side is "there" when rulings cover this share of its length (scans break lines).
SIDE_COVER = 0.6
# Framed blocks larger than this share of the page are page borders or whole-page layouts.
MAX_FRAME_AREA = 0.3


def _rulings(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rulings of the page, as two masks."""
    import cv2

    h, w = ink.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(w * RULE_SHARE)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(h * RULE_SHARE))))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk), cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)


def _is_frame(hmask: np.ndarray, vmask: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether a box has ruled top, bottom, left and right sides and no inner vertical rule
    (inner verticals make a table grid, which is read with the page)."""
    t = max(3, int(0.01 * max(w, h)))
    hs = hmask[y:y + h, x:x + w] > 0
    vs = vmask[y:y + h, x:x + w] > 0
    top, bottom = hs[:2 * t].any(axis=0).mean(), hs[-2 * t:].any(axis=0).mean()
    left, right = vs[:, :2 * t].any(axis=1).mean(), vs[:, -2 * t:].any(axis=1).mean()
    if min(top, bottom, left, right) < SIDE_COVER:
        return False
    inner = vs[:, 3 * t:-3 * t].mean(axis=0) if w > 8 * t else np.zeros(1)
    return not bool((inner > 0.5).any())


def find_frames(ink: np.ndarray) -> tuple[list[tuple[int, int, int, int]], Optional[np.ndarray]]:
    """Ruled rectangles holding text on their own: a box of counts beside the preamble, a
    framed mention or stamp. Tesseract's page segmentation reads such a box as part of the
    lines printed beside it, or drops its short figures; it is read apart instead.
    Returns pixel boxes (x, y, w, h) of the frames' outer edges, and the mask of the rulings."""
    import cv2

    # Rulings are found at half resolution (any ink in 2x2 pixels): four times less work.
    full_h, full_w = ink.shape
    ink = (cv2.resize(ink, (full_w // 2, full_h // 2), interpolation=cv2.INTER_AREA) > 40).astype(np.uint8) * 255
    hmask, vmask = _rulings(ink)
    if not vmask.any() or not hmask.any():
        return [], None
    H, W = ink.shape
    grid = cv2.dilate(hmask | vmask, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grid, 8)
    frames = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if w < 0.05 * W or h < 0.025 * H or w * h > MAX_FRAME_AREA * W * H:
            continue
        if not _is_frame(hmask, vmask, x, y, w, h):
            continue
        # Text inside: ink beyond the rulings in the inner area.
        inner = ink[y:y + h, x:x + w] & ~grid[y:y + h, x:x + w]
        if inner.mean() < 255 * 0.005:
            continue
        frames.append((2 * x, 2 * y, 2 * w, 2 * h))
    return frames, grid


def frame_content(img: np.ndarray, rules: np.ndarray, frame) -> np.ndarray:
    """The inside of a frame with its rulings (sides, inner separators) whitened; `rules` is
    the half-resolution mask of find_frames. Faint inner separators (grey hairlines of a
    table of counts, too pale or too broken for the page's rulings) are found in the frame
    itself: left, tesseract reads them as "|", "1" or "I" glued to the figures ("143" for 3)."""
    import cv2

    x, y, w, h = frame
    crop = img[y:y + h, x:x + w].copy()
    half = rules[y // 2:(y + h + 1) // 2, x // 2:(x + w + 1) // 2]
    mask = cv2.resize(half, (half.shape[1] * 2, half.shape[0] * 2), interpolation=cv2.INTER_NEAREST)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))[:crop.shape[0], :crop.shape[1]]
    crop[:mask.shape[0], :mask.shape[1]][mask > 0] = 255
    crop[faint_rules(crop) > 0] = 255
    return crop


# A separator crossing a frame spans this share of its width (horizontal) or height
# (vertical); no glyph nor word is that long, and a row of text is broken by its spaces.
FAINT_H_SHARE = 0.4
FAINT_V_SHARE = 0.7
# ... and is longer than this many glyph heights: a long word in a narrow box is not.
FAINT_GLYPHS = 12
# Ink darker than the paper by this much: grey hairlines included, paper grain left out.
FAINT_DELTA = 40


def faint_rules(crop: np.ndarray, vertical: bool = True) -> np.ndarray:
    """Mask (dilated) of the long thin straight strokes of a frame's inside, pale ones included
    (horizontal ones only unless `vertical`).

    Closing a word's letters makes a long run too: a stroke is a rule only when it is much
    thinner than the frame's glyphs are tall."""
    import cv2

    paper = float(np.median(crop))
    dark = (crop < paper - FAINT_DELTA).astype(np.uint8) * 255
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, 8)
    glyphs = [int(stats[k, 3]) for k in range(1, n)
              if stats[k, 3] >= 3 and stats[k, 2] < crop.shape[1] / 4 and stats[k, 3] < crop.shape[0] / 2]
    glyph = float(np.median(glyphs)) if glyphs else 10.0
    thick = max(3.0, 0.4 * glyph)
    out = np.zeros_like(dark)
    for horizontal, share in ((True, FAINT_H_SHARE), (False, FAINT_V_SHARE))[:2 if vertical else 1]:
        length = crop.shape[1] if horizontal else crop.shape[0]
        # A slightly slanted or broken hairline: thickened across, its gaps closed along.
        across = np.ones((5, 1) if horizontal else (1, 5), np.uint8)
        along = np.ones((1, 5) if horizontal else (5, 1), np.uint8)
        m = cv2.morphologyEx(cv2.dilate(dark, across), cv2.MORPH_CLOSE, along)
        k = int(max(share * length, FAINT_GLYPHS * glyph))
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((1, k) if horizontal else (k, 1), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(m, 8)
        for c in range(1, n):
            width = stats[c, 3] if horizontal else stats[c, 2]
            if width <= thick + 4:  # + the 2 x 2 pixels the dilation added
                out[labels == c] = 255
    return out


# ----------------------------------------------------------------------------- orphans
def orphan_regions(img: np.ndarray, data: dict, max_regions: int = 40,
                   ink: Optional[np.ndarray] = None) -> list[tuple[int, int, int, int]]:
    """Glyph-sized ink that tesseract's page segmentation left unread, grouped into words.

    Tesseract's layout analysis drops short isolated tokens, typically the figures printed
    at the right of a margin box of counts ("en exercice :      11"); those are the values
    that matter most. Returns pixel boxes (x, y, w, h)."""
    import cv2

    from .reread import SUSPECT_CONF

    heights = [int(data["height"][i]) for i, t in enumerate(data["text"])
               if float(data["conf"][i]) >= 0 and str(t).strip()]
    if len(heights) < 5:
        return []
    mh = float(np.median(heights))
    ink = (_ink(img) if ink is None else ink).copy()
    pad = max(2, int(mh * 0.1))
    # A glyph the box of a word read surely cuts is that word's, all of it: tesseract's box of
    # "BÉCHET" ends inside its "T", whose remainder read alone is an "E". (An unsure word's
    # box, a ":" of conf 9 boxed over "Réalisée", claims no glyph.)
    _, labels, cstats, _ = cv2.connectedComponentsWithStats(ink, 8)
    read = np.zeros(len(cstats), dtype=bool)
    for i, t in enumerate(data["text"]):
        if float(data["conf"][i]) >= 0 and str(t).strip():
            x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
            if float(data["conf"][i]) >= SUSPECT_CONF:
                read[np.unique(labels[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad])] = True
            ink[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad] = 0
    # Rules, frames and logos a box touches are no glyph of it.
    read &= (cstats[:, 3] <= 2 * mh) & (cstats[:, 2] <= 3 * mh)
    read[0] = False
    ink[read[labels]] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    if n <= 1:
        return []
    x, y, w, h, area = (stats[:, i] for i in range(5))
    # Glyph-like: about a text height, not a rule, a frame or a speck.
    glyph = (0.45 * mh <= h) & (h <= 1.6 * mh) & (w <= 3 * mh) & (area >= np.maximum(15, 0.1 * w * h))
    glyph[0] = False
    if not glyph.any():
        return []
    keep = np.where(glyph, 255, 0).astype(np.uint8)[labels]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(mh * 0.9)), 1))
    n2, _, st2, _ = cv2.connectedComponentsWithStats(cv2.dilate(keep, kernel), 8)
    regions = []
    for k in range(1, n2):
        x, y, w, h, area = st2[k]
        if 0.45 * mh <= h <= 1.8 * mh and w <= 40 * mh:
            regions.append((int(x), int(y), int(w), int(h)))
    regions.sort(key=lambda r: -r[2] * r[3])
    return sorted(regions[:max_regions], key=lambda r: (r[1], r[0]))


# ----------------------------------------------------------------------------- second pass
# Words read from orphan regions are kept only when tesseract is fairly sure of them: the
# regions also catch stamps, signatures and coats of arms.
ORPHAN_MIN_CONF = 60.0
# Words of a framed block: the frame says it is text, a lower bar keeps short figures.
FRAME_MIN_CONF = 30.0
# psm 6 (one uniform block) reads the strip: psm 4 drops most single tokens (measured).
SECOND_PASS_CONFIG = "--psm 6"
# The fontname of words read inside frame k is FRAME_FONT + str(k): lines.py reads each
# frame's words as a block of their own, never joined with the lines printed beside it.
FRAME_FONT = "OCR:frame"
# The block of a piece that is no frame: loose ink the first call left unread, or a stretch of
# the first reading read again (its words all returned, for merge_rereads to weigh).
LOOSE, REREAD = -1, -2


def _strip(pieces, gap: int, margin: int) -> tuple[np.ndarray, list[tuple]]:
    """Pieces stacked in one white image; slots are (top, bottom, dx, dy, block, min_conf,
    index) mapping a strip word back to its piece's place in the page."""
    width = max(p[2].shape[1] for _, p in pieces) + 2 * margin
    height = sum(p[2].shape[0] + 2 * gap for _, p in pieces)
    strip = np.full((height, width), 255, dtype=np.uint8)
    slots, y = [], 0
    for n, (x, ry, piece, block, min_conf) in pieces:
        h, w = piece.shape
        top = y + gap
        strip[top:top + h, margin:margin + w] = piece
        slots.append((top, top + h, x - margin, ry - top, block, min_conf, n))
        y += h + 2 * gap
    return strip, slots


def _image_to_data(strips: list[np.ndarray], *, lang: str, timeout: float) -> dict:
    """image_to_data of one or more images in a single tesseract run (a list file of images is
    read as the pages of one document, each in its own context)."""
    import tempfile

    import pytesseract
    from PIL import Image

    kwargs = dict(lang=lang, config=SECOND_PASS_CONFIG, output_type=pytesseract.Output.DICT, timeout=timeout)
    if len(strips) == 1:
        return pytesseract.image_to_data(Image.fromarray(strips[0]), **kwargs)
    with tempfile.TemporaryDirectory(prefix="delib_ocr_") as tmp:
        names = []
        for k, strip in enumerate(strips):
            names.append(os.path.join(tmp, f"strip{k}.png"))
            Image.fromarray(strip).save(names[-1])
        listing = os.path.join(tmp, "strips.txt")
        with open(listing, "w") as fh:
            fh.write("\n".join(names) + "\n")
        return pytesseract.image_to_data(listing, **kwargs)


def read_regions(img: np.ndarray, pieces, *, lang: str, timeout: float) -> dict:
    """OCR image pieces in one tesseract call, stacked as strips.

    `pieces` are (x, y, image, block, min_conf): a piece cut at (x, y) of `img`, and the
    block number its words are given (LOOSE or REREAD for no frame). Re-read stretches go
    on a strip of their own, read as a second page: in one strip, psm 6 reads each piece
    according to all the others (a small figure read beside a large heading is lost).
    Returns an image_to_data dict in the coordinates of `img`, with the index of each word's
    piece under "slot"."""
    gap, margin = 40, 20
    groups = [[(n, p) for n, p in enumerate(pieces) if (p[3] == REREAD) == again] for again in (False, True)]
    groups = [g for g in groups if g]
    sheets = [_strip(g, gap, margin) for g in groups]
    data = _image_to_data([strip for strip, _ in sheets], lang=lang, timeout=timeout)
    keys = ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num", "slot")
    out = {k: [] for k in keys}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not str(text).strip():
            continue
        cy = data["top"][i] + data["height"][i] / 2
        page = int(data["page_num"][i]) - 1 if "page_num" in data and len(sheets) > 1 else 0
        for top, bottom, dx, dy, block, min_conf, n in sheets[min(page, len(sheets) - 1)][1]:
            if top - gap / 2 <= cy <= bottom + gap / 2:
                # Loose punctuation is noise; inside a frame it is the ':' of "Présents : 20".
                if conf < min_conf or (block == LOOSE and not any(c.isalnum() for c in str(text))):
                    break
                out["text"].append(text)
                out["conf"].append(conf)
                out["left"].append(data["left"][i] + dx)
                out["top"].append(data["top"][i] + dy)
                out["width"].append(data["width"][i])
                out["height"].append(data["height"][i])
                # Loose words keep their tesseract line apart from every other word's; a
                # re-read stretch's lines are apart from the page's and from each other's.
                out["block_num"].append(block if block >= 0 else
                                        -1 - i if block == LOOSE else -1_000_000 - 1000 * n - data["block_num"][i])
                out["par_num"].append(data["par_num"][i])
                out["line_num"].append(data["line_num"][i])
                out["slot"].append(n)
                break
    return out


def _tesseract(img: np.ndarray, page_number: int, *, lang: str, config: str, timeout: float) -> dict:
    import pytesseract
    from PIL import Image

    try:
        return pytesseract.image_to_data(Image.fromarray(img), lang=lang, config=config,
                                         output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as exc:  # pytesseract signals its timeout as a bare RuntimeError
        raise OcrError(f"tesseract failed on page {page_number}: {exc}") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"tesseract failed on page {page_number}: {exc}") from exc


def ocr_image(gray: np.ndarray, page_number: int, scale: float, *, lang: str = "fra", timeout: float = 120,
              deskew: bool = True, denoise: Optional[bool] = None, config: str = TESSERACT_CONFIG,
              page_width: float = 1e9, page_height: float = 1e9, recover_orphans: bool = True,
              reread: bool = True) -> list[Word]:
    """Words of a page image: the page read by tesseract with its framed blocks blanked out,
    then one more call on a strip of the framed blocks, of the ink the first call left and of
    the stretches it was unsure of (merged back by merge_rereads)."""
    import pytesseract

    # (imported when called: reread.py builds on this module's word helpers)
    from .reread import SUSPECT_CONF, _box, _overlaps, _subset, merge_rereads, reread_content, suspect_regions

    check_tesseract(lang)
    img, _inverse, _notes = prepare(gray, deskew=deskew, denoise=denoise)
    ink = _ink(img)
    frames, rules = find_frames(ink)
    page_img = img
    if frames:
        page_img = img.copy()
        for x, y, w, h in frames:
            page_img[y:y + h, x:x + w] = 255
            ink[y:y + h, x:x + w] = 0
    data = _tesseract(page_img, page_number, lang=lang, config=config, timeout=timeout)
    pieces = [(x, y, frame_content(img, rules, (x, y, w, h)), k, FRAME_MIN_CONF)
              for k, (x, y, w, h) in enumerate(frames)]
    suspects = suspect_regions(data, ink, rules) if reread else []
    if recover_orphans:  # (an orphan a re-reading also reads is dropped below)
        for x, y, w, h in orphan_regions(page_img, data, ink=ink):
            pieces.append((x, y, page_img[y:y + h, x:x + w], LOOSE, ORPHAN_MIN_CONF))
    first = len(pieces)
    for x, y, w, h in suspects:
        pieces.append((x, y, reread_content(page_img, (x, y, w, h)), REREAD, 0.0))
    # Deskewed coordinates, not the page frame (see the module docstring).
    if not pieces:
        return words_from_data(data, page_number, scale, page_width, page_height)
    try:
        extra = read_regions(img, pieces, lang=lang, timeout=timeout)
    except (RuntimeError, pytesseract.TesseractError):
        if frames:  # a frame's words exist nowhere else: the page is not fully read
            raise
        return words_from_data(data, page_number, scale, page_width, page_height)  # the main reading stands
    is_reread = [s >= first for s in extra["slot"]]
    again = _subset(extra, [j for j, r in enumerate(is_reread) if r])
    again["slot"] = [s - first for s in again["slot"]]
    data, again = merge_rereads(data, again, suspects)
    # Loose ink beside a word is sometimes a piece of it the first call boxed too tightly
    # ("votants" + "ts:"): a loose word lying on a word read surely is an echo (an unsure
    # speck's box, a ":" of conf 9 in "Réalisée", is no reading of it).
    read = [_box(d, i) for d in (data, again) for i, t in enumerate(d["text"])
            if float(d["conf"][i]) >= SUSPECT_CONF and _word_text(t)]
    rest = _subset(extra, [j for j, r in enumerate(is_reread) if not r and not (
        extra["block_num"][j] < 0 and any(_overlaps(_box(extra, j), b) for b in read))])
    return (words_from_data(data, page_number, scale, page_width, page_height)
            + words_from_data(again, page_number, scale, page_width, page_height)
            + words_from_data(rest, page_number, scale, page_width, page_height, framed=True))


def ocr_page(pdf, page_index: int, page_width_pt: float, page_height_pt: float, *, dpi: int = 300,
             lang: str = "fra", timeout: float = 120, deskew: bool = True,
             denoise: Optional[bool] = None) -> list[Word]:
    """OCR page `page_index` (0-based) of a PDF given as a path, bytes or pypdfium2 document.

    Words carry page number page_index + 1, conf 0-100, from_ocr=True and fontname 'OCR'
    (FRAME_FONT + n for the words of the page's n-th framed block)."""
    check_tesseract(lang)
    gray, scale = render_page(pdf, page_index, dpi)
    return _ocr_rendered(gray, scale, page_index, page_width_pt, page_height_pt,
                         lang=lang, timeout=timeout, deskew=deskew, denoise=denoise)


def ocr_scan(pdf, page_index: int, page_width_pt: float, page_height_pt: float, *, dpi: int = 300,
             lang: str = "fra", timeout: float = 120, deskew: bool = True,
             denoise: Optional[bool] = None) -> tuple[list[Word], bool]:
    """ocr_page on the render_scan of the page: the words, and whether the text the page prints
    over its scan was left out of what OCR read (then no OCR word can repeat it)."""
    check_tesseract(lang)
    gray, scale, hidden = render_scan(pdf, page_index, dpi)
    return _ocr_rendered(gray, scale, page_index, page_width_pt, page_height_pt,
                         lang=lang, timeout=timeout, deskew=deskew, denoise=denoise), hidden


def _ocr_rendered(gray: np.ndarray, scale: float, page_index: int, page_width_pt: float, page_height_pt: float,
                  **kwargs) -> list[Word]:
    # pdfium renders the page as displayed (rotation applied), like pdfplumber's coordinates.
    if gray.shape[1] > 0:
        scale_x = gray.shape[1] / page_width_pt if page_width_pt else scale
        if abs(scale_x - scale) / scale > 0.02:  # page /Rotate 90 swapped the axes
            scale = scale_x
    return ocr_image(gray, page_index + 1, scale, page_width=page_width_pt, page_height=page_height_pt, **kwargs)
