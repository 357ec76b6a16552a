"""Make a born-digital PDF look like a copier's scan: image-only pages, no text layer.

What is applied, each drawn from the document's random generator:
- resolution 150-300 dpi; a third of the files bi-level (1-bit, CCITT G4 like the SEC/Sharp
  copiers of the real corpus), the rest greyscale JPEG;
- paper tone and sensor noise before a soft blur (the optics soften the noise), then a skew of
  0.2-1.5 degrees and a small shift, then dust specks;
- ink: a handwritten signature over each signatory's name, a round authority stamp that
  overlaps the signature text, and a rectangular "reçu le" stamp over the letterhead;
- for a scan sent through the prefecture's e-transmission platform, the platform's stamp
  ("Envoyé en préfecture le …", "ID : …-DE") written as real text over the image: the file then has
  a text layer, but one that holds nothing of the body (like the Flaux 2023 PV of the real corpus).

tools/make_samples.py has a `scan_page` for its one sample, with a fixed skew range and no 1-bit
output, so the corpus generator keeps its own, parameterised version here.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SCAN_TIME = dt.datetime(2025, 1, 6, 9, 15, 12).timetuple()  # fixed, so that two runs write the same bytes
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def signature_strokes(rng: random.Random, w: float, h: float) -> list[list[tuple[float, float]]]:
    """A looping scrawl and an underline, as point lists in a w x h box (y up)."""
    strokes, pts = [], []
    loops = rng.randint(3, 6)
    for i in range(90):
        t = i / 89
        x = t * w * 0.85 + 6 * math.sin(t * loops * 2 * math.pi)
        y = h * (0.45 + 0.35 * math.sin(t * loops * 2 * math.pi + rng.uniform(-0.3, 0.3)) * (1 - 0.5 * t))
        pts.append((x, y))
    strokes.append(pts)
    y0 = h * rng.uniform(0.05, 0.2)
    strokes.append([(w * 0.1, y0), (w * 0.55, y0 + rng.uniform(-3, 3)), (w * 0.95, y0 + rng.uniform(2, 6))])
    return strokes


def draw_signature(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, k: float) -> None:
    w, h = 120, 40
    ox, oy = x - w / 2 + rng.uniform(-10, 10), y - 4 + rng.uniform(-3, 6)
    for stroke in signature_strokes(rng, w, h):
        pts = [((ox + px) * k, (oy + h - py) * k) for px, py in stroke]
        draw.line(pts, fill=rng.randint(40, 90), width=max(2, int(1.2 * k)), joint="curve")


def draw_round_stamp(img: Image.Image, rng: random.Random, cx: float, cy: float, k: float, text: str) -> None:
    r = 36 * k
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    for rr, wd in ((r, 3), (r * 0.72, 2)):
        d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=255, width=max(1, int(wd * k / 2)))
    font = ImageFont.truetype(FONT, max(8, int(7 * k)))
    letters = text.upper()[:28]
    for i, ch in enumerate(letters):
        a = math.pi * (1.1 + 0.8 * i / max(1, len(letters) - 1))
        d.text((cx + r * 0.86 * math.cos(a), cy + r * 0.86 * math.sin(a)), ch, fill=255, font=font, anchor="mm")
    d.text((cx, cy), "★", fill=255, font=font, anchor="mm")
    shade = rng.randint(95, 130)
    base = np.asarray(img, dtype=np.int16)
    mask = np.asarray(layer) > 0
    base[mask] = np.minimum(base[mask], shade)
    img.paste(Image.fromarray(base.astype(np.uint8), "L"))


def draw_received_stamp(img: Image.Image, rng: random.Random, k: float, date_text: str) -> None:
    d = ImageDraw.Draw(img)
    x0, y0 = img.width - (190 + rng.uniform(0, 30)) * k, (40 + rng.uniform(0, 20)) * k
    d.rectangle([x0, y0, x0 + 140 * k, y0 + 42 * k], outline=110, width=max(1, int(1.5 * k)))
    font = ImageFont.truetype(FONT, max(8, int(9 * k)))
    d.text((x0 + 70 * k, y0 + 13 * k), "REÇU LE", fill=110, font=font, anchor="mm")
    d.text((x0 + 70 * k, y0 + 30 * k), date_text, fill=110, font=font, anchor="mm")


def degrade(img: Image.Image, rng: random.Random, dpi: int, bilevel: bool) -> Image.Image:
    a = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2 ** 32))
    h, w = a.shape
    tone = 240 + 5 * np.sin(np.linspace(0, math.pi * rng.uniform(0.8, 1.6), w))[None, :] - 6 * np.linspace(0, 1, h)[:, None]
    a = 20 + (a / 255.0) * (tone - 20) + nrng.normal(0, rng.uniform(3, 7), a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9) * dpi / 200))
    angle = rng.choice((-1, 1)) * rng.uniform(0.2, 1.5)
    shift = (int(rng.randint(-8, 8) * dpi / 200), int(rng.randint(-6, 10) * dpi / 200))
    out = out.rotate(angle, resample=Image.BICUBIC, fillcolor=236, translate=shift)
    a = np.asarray(out).copy()
    specks = nrng.random(a.shape) < 0.00015
    a[specks] = nrng.integers(30, 120, int(specks.sum()))
    out = Image.fromarray(a, "L")
    if bilevel:
        out = out.point(lambda v: 255 if v > rng.choice((150, 165, 175)) else 0).convert("1", dither=Image.Dither.NONE)
    return out


def scan_pdf(digital: Path, out: Path, rng: random.Random, signatures: list, stamp_text: str, date_text: str,
             text_stamp: list[str] | None = None) -> dict:
    """Render `digital` to an image-only PDF at `out` (with only `text_stamp` as text, if given);
    returns what was chosen (dpi, bilevel)."""
    import pypdfium2 as pdfium

    dpi = rng.choice((150, 200, 200, 240, 300)) if not text_stamp else rng.choice((150, 150, 200))
    bilevel = rng.random() < 0.35 and not text_stamp
    k = dpi / 72
    pdf = pdfium.PdfDocument(str(digital))
    pages = []
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=k, grayscale=True).to_pil().convert("L")
            draw = ImageDraw.Draw(img)
            spots = [(x, y) for page, x, y in signatures if page == i + 1]
            for n, (x, y) in enumerate(spots):
                draw_signature(draw, rng, x + 110, y + 10, k)  # the places are the left edge of a centred cell
                if n == len(spots) - 1:
                    draw_round_stamp(img, rng, (x + 40) * k, (y + 30) * k, k, stamp_text)
            if i == 0 and rng.random() < 0.6 and not text_stamp:  # the text stamp holds that corner
                draw_received_stamp(img, rng, k, date_text)
            pages.append(degrade(img, rng, dpi, bilevel))
    finally:
        pdf.close()
    if text_stamp:
        out.write_bytes(stamped_pdf(pages, rng, text_stamp))
        return {"dpi": dpi, "bilevel": False, "pages": len(pages), "text_stamp": True}
    buf = io.BytesIO()
    extra = {} if bilevel else {"quality": rng.choice((60, 70, 80))}
    pages[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:],
                  producer="SHARP MX-3070V" if not bilevel else "SECnvtToPDF", creator="Scanner",
                  creationDate=SCAN_TIME, modDate=SCAN_TIME, **extra)
    out.write_bytes(buf.getvalue())
    return {"dpi": dpi, "bilevel": bilevel, "pages": len(pages)}


def stamped_pdf(pages: list[Image.Image], rng: random.Random, lines: list[str]) -> bytes:
    """JPEG page images with the e-transmission stamp drawn as text over each (PDFium-like output)."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    from .render import draw_stamp_text

    rl_config.invariant = 1
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setCreator("PDFium")
    c.setProducer("PDFium")
    quality = rng.choice((55, 65, 75))
    for img in pages:
        jpeg = io.BytesIO()
        img.save(jpeg, "JPEG", quality=quality)
        c.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, A4[0], A4[1])
        draw_stamp_text(c, lines)
        c.showPage()
    c.save()
    return buf.getvalue()
