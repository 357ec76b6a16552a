"""OCR of one PDF page: render with pypdfium2, clean up lightly, read with tesseract.

Boxes come back in PDF points (pdfplumber convention, top-left origin). When the image was
deskewed, each box is rotated back into the page frame and replaced by its bounding box, so
boxes stay comparable with text-layer words (they are a little looser on skewed scans).
"""
from __future__ import annotations

import functools
import math
import os
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
def render_page(doc_or_path, page_index: int, dpi: int = 300) -> tuple[np.ndarray, float]:
    """Grayscale uint8 image of a page and the scale used (pixels per point)."""
    import pypdfium2 as pdfium

    own = not isinstance(doc_or_path, pdfium.PdfDocument)
    doc = pdfium.PdfDocument(doc_or_path) if own else doc_or_path
    try:
        page = doc[page_index]
        try:
            w, h = page.get_size()
            scale = dpi / 72.0
            if w * h * scale * scale > MAX_PIXELS:
                scale = math.sqrt(MAX_PIXELS / (w * h))
            bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
            arr = bitmap.to_numpy().copy()
            bitmap.close()
        finally:
            page.close()
    finally:
        if own:
            doc.close()
    if arr.ndim == 3:
        arr = arr[:, :, 0] if arr.shape[2] == 1 else arr.mean(axis=2).astype(np.uint8)
    return arr, scale


# ----------------------------------------------------------------------------- clean-up
def estimate_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees (positive = text rising to the right in image coords), found by
    maximising the variance of the row profile of the ink over small rotations."""
    import cv2

    h, w = gray.shape
    f = 1000.0 / max(w, 1)
    small = cv2.resize(gray, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() < 0.5:  # almost blank page
        return 0.0
    hh, ww = ink.shape
    centre = (ww / 2, hh / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rot = cv2.warpAffine(ink, m, (ww, hh), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
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
def _box_to_page(left, top, width, height, inverse, scale) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = float(left), float(top), float(left + width), float(top + height)
    if inverse is not None:
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64)
        mapped = pts @ inverse.T
        x0, y0 = mapped[:, 0].min(), mapped[:, 1].min()
        x1, y1 = mapped[:, 0].max(), mapped[:, 1].max()
    return (x0 / scale, y0 / scale, x1 / scale, y1 / scale)


def words_from_data(data: dict, page_number: int, scale: float, inverse=None,
                    page_width: float = 1e9, page_height: float = 1e9) -> list[Word]:
    """Turn pytesseract's image_to_data dict into Words in PDF points.

    Every word gets the vertical extent of its tesseract line: word boxes hug the glyphs, so
    a word without ascenders ("quorum") sits lower than its neighbours and could be grouped
    with the line of a side column instead of its own."""
    keep = [i for i, raw in enumerate(data["text"]) if float(data["conf"][i]) >= 0 and clean_text(str(raw))]

    def line_key(i):
        return tuple(data[k][i] if k in data else i for k in ("block_num", "par_num", "line_num"))

    members: dict[tuple, list[int]] = {}
    for i in keep:
        members.setdefault(line_key(i), []).append(i)
    band = {}
    for key, idx in members.items():
        # Medians, not extremes: a tesseract "line" sometimes straddles two visual lines.
        band[key] = (float(np.median([int(data["top"][i]) for i in idx])),
                     float(np.median([int(data["top"][i]) + int(data["height"][i]) for i in idx])))
    words = []
    for i in keep:
        conf = float(data["conf"][i])
        text = clean_text(str(data["text"][i]))
        t, b = int(data["top"][i]), int(data["top"][i]) + int(data["height"][i])
        bt, bb = band[line_key(i)]
        if min(b, bb) - max(t, bt) >= 0.5 * max(b - t, 1):
            t, b = min(t, bt), max(b, bb)
        x0, top, x1, bottom = _box_to_page(data["left"][i], t, data["width"][i], b - t, inverse, scale)
        x0, top = max(0.0, x0), max(0.0, top)
        x1, bottom = min(page_width, x1), min(page_height, bottom)
        words.append(Word(text=text, page=page_number, x0=x0, top=top, x1=x1, bottom=bottom,
                          fontname="OCR", size=round(bottom - top, 1), bold=False, conf=conf, from_ocr=True))
    return words


def _ink(img: np.ndarray) -> np.ndarray:
    import cv2

    _, ink = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def orphan_regions(img: np.ndarray, data: dict, max_regions: int = 40) -> list[tuple[int, int, int, int]]:
    """Glyph-sized ink that tesseract's page segmentation left unread, grouped into words.

    Tesseract's layout analysis drops short isolated tokens, typically the figures printed
    at the right of a margin box of counts ("en exercice :      11"); those are the values
    that matter most. Returns pixel boxes (x, y, w, h)."""
    import cv2

    heights = [int(data["height"][i]) for i, t in enumerate(data["text"])
               if float(data["conf"][i]) >= 0 and str(t).strip()]
    if len(heights) < 5:
        return []
    mh = float(np.median(heights))
    ink = _ink(img)
    pad = max(2, int(mh * 0.1))
    for i, t in enumerate(data["text"]):
        if float(data["conf"][i]) >= 0 and str(t).strip():
            x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
            ink[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    keep = np.zeros_like(ink)
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        # Glyph-like: about a text height, not a rule, a frame or a speck.
        if 0.45 * mh <= h <= 1.6 * mh and w <= 3 * mh and area >= max(15, 0.1 * w * h):
            keep[labels == k] = 255
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(mh * 0.9)), 1))
    n2, _, st2, _ = cv2.connectedComponentsWithStats(cv2.dilate(keep, kernel), 8)
    regions = []
    for k in range(1, n2):
        x, y, w, h, area = st2[k]
        if 0.45 * mh <= h <= 1.8 * mh and w <= 40 * mh:
            regions.append((int(x), int(y), int(w), int(h)))
    regions.sort(key=lambda r: -r[2] * r[3])
    return sorted(regions[:max_regions], key=lambda r: (r[1], r[0]))


# Words read from orphan regions are kept only when tesseract is fairly sure of them: the
# regions also catch stamps, signatures and coats of arms.
ORPHAN_MIN_CONF = 60.0


def read_orphans(img: np.ndarray, regions, *, lang: str, timeout: float) -> dict:
    """OCR the regions in one tesseract call (stacked as lines of one strip) and return an
    image_to_data dict in the coordinates of `img`."""
    import pytesseract
    from PIL import Image

    gap = 30
    margin = 20
    width = max(w for _, _, w, _ in regions) + 2 * margin
    height = sum(h + 2 * gap for _, _, _, h in regions)
    strip = np.full((height, width), 255, dtype=np.uint8)
    offsets, y = [], 0
    for x, ry, w, h in regions:
        top = y + gap
        strip[top:top + h, margin:margin + w] = img[ry:ry + h, x:x + w]
        offsets.append((top, top + h, x - margin, ry - top))
        y += h + 2 * gap
    data = pytesseract.image_to_data(Image.fromarray(strip), lang=lang, config="--psm 6",
                                     output_type=pytesseract.Output.DICT, timeout=timeout)
    out = {k: [] for k in ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < ORPHAN_MIN_CONF or not str(text).strip() or not any(c.isalnum() for c in str(text)):
            continue
        cy = data["top"][i] + data["height"][i] / 2
        for top, bottom, dx, dy in offsets:
            if top - gap / 2 <= cy <= bottom + gap / 2:
                out["text"].append(text)
                out["conf"].append(conf)
                out["left"].append(data["left"][i] + dx)
                out["top"].append(data["top"][i] + dy)
                out["width"].append(data["width"][i])
                out["height"].append(data["height"][i])
                out["block_num"].append(-1)
                out["par_num"].append(0)
                out["line_num"].append(len(out["text"]))
                break
    return out


def ocr_image(gray: np.ndarray, page_number: int, scale: float, *, lang: str = "fra", timeout: float = 120,
              deskew: bool = True, denoise: Optional[bool] = None, config: str = TESSERACT_CONFIG,
              page_width: float = 1e9, page_height: float = 1e9, recover_orphans: bool = True) -> list[Word]:
    import pytesseract
    from PIL import Image

    check_tesseract(lang)
    img, inverse, _notes = prepare(gray, deskew=deskew, denoise=denoise)
    try:
        data = pytesseract.image_to_data(Image.fromarray(img), lang=lang, config=config,
                                         output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as exc:  # pytesseract signals its timeout as a bare RuntimeError
        raise OcrError(f"tesseract failed on page {page_number}: {exc}") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"tesseract failed on page {page_number}: {exc}") from exc
    words = words_from_data(data, page_number, scale, inverse, page_width, page_height)
    if recover_orphans:
        regions = orphan_regions(img, data)
        if regions:
            try:
                extra = read_orphans(img, regions, lang=lang, timeout=timeout)
                words += words_from_data(extra, page_number, scale, inverse, page_width, page_height)
            except (RuntimeError, pytesseract.TesseractError):
                pass  # the second pass is a bonus; the page's main reading stands
    return words


def ocr_page(pdf, page_index: int, page_width_pt: float, page_height_pt: float, *, dpi: int = 300,
             lang: str = "fra", timeout: float = 120, deskew: bool = True,
             denoise: Optional[bool] = None) -> list[Word]:
    """OCR page `page_index` (0-based) of a PDF given as a path, bytes or pypdfium2 document.

    Words carry page number page_index + 1, conf 0-100, from_ocr=True and fontname 'OCR'."""
    check_tesseract(lang)
    gray, scale = render_page(pdf, page_index, dpi)
    # pdfium renders the page as displayed (rotation applied), like pdfplumber's coordinates.
    if gray.shape[1] > 0:
        scale_x = gray.shape[1] / page_width_pt if page_width_pt else scale
        if abs(scale_x - scale) / scale > 0.02:  # page /Rotate 90 swapped the axes
            scale = scale_x
    return ocr_image(gray, page_index + 1, scale, lang=lang, timeout=timeout, deskew=deskew, denoise=denoise,
                     page_width=page_width_pt, page_height=page_height_pt)
