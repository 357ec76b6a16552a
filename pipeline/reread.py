"""Re-reading the stretches of a first OCR pass that tesseract was unsure of.

Page segmentation (psm 3) garbles small-font margin blocks, words crossed by a vertical rule
and table rows it merges into one tall line; the same crop read alone as one uniform block
(psm 6) gets them right. suspect_regions picks the stretches, ocr.read_regions reads them in
the page's second tesseract call, merge_rereads weighs each re-read word against the first.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from .ocr import _folded, _word_text, faint_rules

# A stretch of the first reading whose words tesseract scores below this is read again alone:
# page segmentation garbles small-font margin blocks, words crossed by a vertical rule, and
# table rows it merges into one tall line ("Nombre de membres" -> "No ie de membrés"), which
# the same crop read as one uniform block gets right.
SUSPECT_CONF = 40.0
# ... or whose box is this many times taller than the text, or wider than its letters.
MISFIT_HEIGHT = 2.2
MISFIT_WIDTH = 3.0
# Unsure words closer than this many text heights are one stretch (a sure "de" between two
# garbled words of one label belongs to it).
SUSPECT_JOIN = 2.5
# A stretch's crop is widened by these shares of the text height (across, along the line):
# tesseract's boxes hug the glyphs it believed it saw, not the ones printed.
SUSPECT_PAD = (0.6, 0.35)
# Ink of a stretch that is mostly strokes larger than glyphs is a signature, a stamp or a logo,
# not text: re-reading it only costs time.
GLYPH_INK_SHARE = 0.6
MAX_SUSPECTS = 16
# A first-pass word gives way to the re-read words on it when they are surer by this much.
REREAD_GAIN = 10.0
# A re-reading is used only when tesseract is this sure of it on average: read alone, a
# stamp's or a noisy scan's words come out as new garbles ("l'unanimité" -> "luinanimiré").
REREAD_ACCEPT = 80.0
# A first-pass word is replaced only by re-read words spanning this share of its width.
REREAD_COVER = 0.6
# Re-read words below this confidence are dropped like a frame's.
REREAD_MIN_CONF = 30.0


def _line_key(data: dict, i: int) -> tuple:
    return tuple(data[k][i] if k in data else i for k in ("block_num", "par_num", "line_num"))


def _box(data: dict, i: int) -> tuple[int, int, int, int]:
    x, y = int(data["left"][i]), int(data["top"][i])
    return x, y, x + int(data["width"][i]), y + int(data["height"][i])


def _misfits(data: dict, mh: float):
    """Test of whether a word's box is much taller than a line or wider than its letters."""
    per_char = [int(data["width"][i]) / len(_word_text(t)) for i, t in enumerate(data["text"])
                if float(data["conf"][i]) >= 0 and len(_word_text(t)) >= 3]
    char_w = float(np.median(per_char)) if per_char else mh

    def misfit(i: int) -> bool:
        return (int(data["height"][i]) > MISFIT_HEIGHT * mh
                or int(data["width"][i]) > MISFIT_WIDTH * char_w * max(len(_word_text(data["text"][i])), 2))
    return misfit


def _unsure_stretches(data: dict, mh: float) -> list[list[int]]:
    """Runs of unsure words of each tesseract line, joined across short gaps. A word is unsure
    when tesseract says so (SUSPECT_CONF) or when its box does not fit its text: much taller
    than a line (two rows of a table read as one) or much wider than its letters (one "word"
    boxed over a whole table header)."""
    lines: dict[tuple, list[int]] = {}
    for i, raw in enumerate(data["text"]):
        if float(data["conf"][i]) >= 0 and _word_text(raw):
            lines.setdefault(_line_key(data, i), []).append(i)
    misfit = _misfits(data, mh)

    def unsure(i: int) -> bool:
        return float(data["conf"][i]) < SUSPECT_CONF or misfit(i)
    stretches = []
    for members in lines.values():
        members.sort(key=lambda i: int(data["left"][i]))
        run: list[int] = []
        for i in members:
            if not unsure(i):
                continue
            if run and int(data["left"][i]) - max(_box(data, j)[2] for j in run) > SUSPECT_JOIN * mh:
                stretches.append(run)
                run = []
            run.append(i)
        if run:
            stretches.append(run)
    return stretches


def _mostly_glyphs(ink: np.ndarray, box, mh: float) -> bool:
    """Whether the ink of a box is mostly glyph-sized strokes (text, not a scribble)."""
    import cv2

    x0, y0, x1, y1 = box
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, x0:x1], 8)
    if n <= 1:
        return False
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    glyph = (h <= 1.6 * mh) & (w <= 3 * mh)
    return float(area[glyph].sum()) >= GLYPH_INK_SHARE * float(area.sum())


def _snap(ink: np.ndarray, box: list[int], mh: float) -> list[int]:
    """Push each side of a box out of the ink it cuts (a glyph, a neighbouring line tesseract
    boxed short, a table row it left unread), by at most a text height or two."""
    x0, y0, x1, y1 = box
    H, W = ink.shape
    most_y, most_x = int(1.2 * mh), int(2 * mh)

    def inked(row_or_col) -> bool:
        return int(np.count_nonzero(row_or_col)) > 2  # a speck is not a glyph cut
    for _ in range(most_y):
        if y0 == 0 or not inked(ink[y0, x0:x1]):
            break
        y0 -= 1
    for _ in range(most_y):
        if y1 >= H or not inked(ink[y1 - 1, x0:x1]):
            break
        y1 += 1
    for _ in range(most_x):
        if x0 == 0 or not inked(ink[y0:y1, x0]):
            break
        x0 -= 1
    for _ in range(most_x):
        if x1 >= W or not inked(ink[y0:y1, x1 - 1]):
            break
        x1 += 1
    return [x0, y0, x1, y1]


def _merge_boxes(boxes: list[list[int]]) -> list[list[int]]:
    merged = True
    while merged:
        merged = False
        for a in range(len(boxes)):
            for b in range(a + 1, len(boxes)):
                p, q = boxes[a], boxes[b]
                if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]:
                    boxes[a] = [min(p[0], q[0]), min(p[1], q[1]), max(p[2], q[2]), max(p[3], q[3])]
                    del boxes[b]
                    merged = True
                    break
            if merged:
                break
    return boxes


def suspect_regions(data: dict, ink: np.ndarray, rules: Optional[np.ndarray] = None,
                    max_regions: int = MAX_SUSPECTS) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x, y, w, h) of the stretches of a first reading worth reading again alone:
    words tesseract was unsure of (SUSPECT_CONF) over ink that looks like text. `rules` is
    find_frames' half-resolution mask of the rulings, left out of the ink looked at."""
    mh = _text_height(data)
    if mh is None:
        return []
    H, W = ink.shape
    if rules is not None:
        import cv2
        full = cv2.resize(rules, (rules.shape[1] * 2, rules.shape[0] * 2), interpolation=cv2.INTER_NEAREST)
        ink = ink.copy()
        ink[:full.shape[0], :full.shape[1]][full[:H, :W] > 0] = 0
    px, py = int(SUSPECT_PAD[0] * mh), int(SUSPECT_PAD[1] * mh)
    scored = []
    for run in _unsure_stretches(data, mh):
        if not any(c.isalnum() for i in run for c in _word_text(data["text"][i])):
            continue  # a speck read as "_" or "."
        boxes = [_box(data, i) for i in run]
        box = [max(0, min(b[0] for b in boxes) - px), max(0, min(b[1] for b in boxes) - py),
               min(W, max(b[2] for b in boxes) + px), min(H, max(b[3] for b in boxes) + py)]
        if box[3] - box[1] < 0.5 * mh or not _mostly_glyphs(ink, box, mh):
            continue
        box = _snap(ink, box, mh)
        scored.append((float(np.mean([float(data["conf"][i]) for i in run])), box))
    # The least sure first when there are too many; a garbled page is a few such stretches.
    scored.sort(key=lambda s: s[0])
    boxes = _merge_boxes([b for _, b in scored[:max_regions]])
    return sorted(((x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes), key=lambda r: (r[1], r[0]))


def reread_content(img: np.ndarray, box) -> np.ndarray:
    """A stretch's crop with the horizontal rules crossing it whitened: the rules between two
    table rows tesseract merged garble them. Vertical rules stay: a margin's rule often runs
    through the glyphs of its labels ("convocatio|n"), which whitening would cut (a table's
    separators, read as "|", are dropped with the bars of every word)."""
    x, y, w, h = box
    crop = img[y:y + h, x:x + w].copy()
    crop[faint_rules(crop, vertical=False) > 0] = 255
    return crop


def _overlaps(a, b, share: float = 0.3) -> bool:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx > share * max(min(a[2] - a[0], b[2] - b[0]), 1) and dy > share * max(min(a[3] - a[1], b[3] - b[1]), 1)


def _covered(data: dict, i: int, boxes) -> float:
    """Share of word i's width under the given boxes."""
    x0, _, x1, _ = _box(data, i)
    cover = np.zeros(max(x1 - x0, 1), dtype=bool)
    for b in boxes:
        cover[max(b[0] - x0, 0):max(min(b[2], x1) - x0, 0)] = True
    return float(cover.mean())


def _edits(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def _subset(data: dict, idx) -> dict:
    return {k: [v[i] for i in idx] for k, v in data.items()}


def _text_height(data: dict) -> Optional[float]:
    heights = [int(data["height"][i]) for i, t in enumerate(data["text"])
               if float(data["conf"][i]) >= 0 and _word_text(t)]
    return float(np.median(heights)) if len(heights) >= 5 else None


def _replaced(data: dict, i: int, reread: dict, on: list[int], mh: float, misfit) -> bool:
    """Whether first-pass word i gives way to the re-read words `on` lying on it."""
    def text(d, k) -> str:
        return _folded(str(d["text"][k]))

    sureness = float(np.mean([float(reread["conf"][j]) for j in on])) - float(data["conf"][i])
    surer = sureness > REREAD_GAIN
    # About as sure is enough when the first word straddles the re-read lines (two table rows
    # merged; against the text height too: a lone "r" re-read is shorter than its word) ...
    tall = int(data["height"][i]) > 1.8 * max(mh, float(np.median([int(reread["height"][j]) for j in on])))
    # ... or is a part of what the re-reading reads ("ésents" of "présents").
    x0, _, x1, _ = _box(data, i)
    wider = (max(_box(reread, j)[2] for j in on) - min(_box(reread, j)[0] for j in on) > 1.25 * (x1 - x0)
             and len("".join(text(reread, j) for j in on)) > len(text(data, i)))
    if not (surer or ((tall or wider) and sureness >= -REREAD_GAIN)):
        return False
    if not surer and "".join(text(reread, j) for j in on) == text(data, i):
        return False  # the same letters, no surer: nothing to gain ("071" / "-071")
    # One word read with a letter changed ("savoir" / "savoit") is no garble: the first reading
    # had the line's context.
    if (len(on) == 1 and not misfit(i) and abs(len(text(reread, on[0])) - len(text(data, i))) <= 1
            and 1 <= _edits(text(reread, on[0]), text(data, i)) <= 2):
        return False
    # The re-reading must read it in full, not a letter of it the crop cut ("r" of
    # "d'approuver"), unless its box is no measure of its letters.
    return (surer and misfit(i)) or _covered(data, i, [_box(reread, j) for j in on]) >= REREAD_COVER


def merge_rereads(data: dict, reread: dict, regions) -> tuple[dict, dict]:
    """Merge the first reading `data` with the re-reading of its unsure regions (`reread`, whose
    "slot" list gives each word's region index), word by word. A region's re-reading counts
    when tesseract is sure of it (REREAD_ACCEPT); then a first-pass word gives way to the
    re-read words lying on it as _replaced says, and a re-read word goes when it lies on a
    first-pass word that stays (a neighbour's letters the crop took in), is too unsure, or is
    cut by the crop's edge (a neighbouring line's). Returns both as image_to_data dicts."""
    mh = _text_height(data) or 0.0
    misfit = _misfits(data, mh)
    edge = 0.6 * SUSPECT_PAD[1] * mh
    live = [i for i, t in enumerate(data["text"]) if float(data["conf"][i]) >= 0 and _word_text(t)]
    drop, keep_new = set(), []
    for slot, (x, y, w, h) in enumerate(regions):
        new = [j for j, s in enumerate(reread["slot"]) if s == slot and _word_text(reread["text"][j])
               and float(reread["conf"][j]) >= REREAD_MIN_CONF
               and y + edge <= int(reread["top"][j]) + int(reread["height"][j]) / 2 <= y + h - edge]
        sure = [float(reread["conf"][j]) for j in new if any(c.isalnum() for c in str(reread["text"][j]))]
        if not sure or float(np.mean(sure)) < REREAD_ACCEPT:
            continue
        replaced, staying = {}, []
        for i in live:
            on = [j for j in new if _overlaps(_box(reread, j), _box(data, i))] if i not in drop else []
            if on and _replaced(data, i, reread, on, mh, misfit):
                replaced[i] = on
            elif on:
                staying.append(_box(data, i))
        kept = {j for j in new if not any(_overlaps(_box(reread, j), b) for b in staying)}
        for i, on in replaced.items():
            if any(j in kept for j in on):
                drop.add(i)
            else:  # its re-reading lies on a word that stays: it stays too, alone
                kept.difference_update(on)
        keep_new += sorted(kept)
    first = _subset(data, [i for i in range(len(data["text"])) if i not in drop])
    return first, _subset(reread, keep_new)
