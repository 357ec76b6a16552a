"""Lines joined into one searchable text, with offsets back to the lines (for evidence), and the
columns of a letterhead read apart.

Shared by the session and counts extractors.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from pipeline.model import Evidence, Line


@dataclass
class Joined:
    """Lines joined by newlines (a word cut by a hyphen at a line end is glued back), with offsets
    back to the lines. Names never run across a newline; cue phrases (\\s) do."""

    lines: list[Line]
    text: str
    starts: list[int]

    @classmethod
    def of(cls, lines: Iterable[Line], glue_after_particle: bool = False) -> "Joined":
        """glue_after_particle: a line ending on "DE", "DU PAYS DE", "D’" goes on with the next
        line as one name (letterheads wrap an authority's name that way)."""
        lines = [l for l in lines if l.text.strip()]
        parts, starts, pos = [], [], 0
        for i, line in enumerate(lines):
            t = line.text
            if i:
                prev = parts[-1]
                # "Putanges-" + "le-Lac": a word cut at the line end joins without a space.
                if re.search(r"\w-$", prev) and re.match(r"\w", t):
                    sep = ""
                elif glue_after_particle and _ENDS_ON_PARTICLE.search(prev):
                    sep = "" if re.search(r"['’]$", prev) else " "
                else:
                    sep = "\n"
                parts.append(sep)
                pos += len(sep)
            starts.append(pos)
            parts.append(t)
            pos += len(t)
        return cls(lines, "".join(parts), starts)

    def line_index(self, offset: int) -> int:
        idx = 0
        for i, s in enumerate(self.starts):
            if s <= offset:
                idx = i
            else:
                break
        return idx

    def lines_of(self, start: int, end: int) -> list[Line]:
        if not self.lines:
            return []
        a, b = self.line_index(start), self.line_index(max(start, end - 1))
        return self.lines[a:b + 1]

    def evidence(self, start: int, end: int, extractor: str = "session", raw: Optional[str] = None) -> Evidence:
        ev = Evidence.of_lines(self.lines_of(start, end), extractor, raw if raw is not None else self.text[start:end])
        conf = self.figures_conf(start, end)
        return ev if conf is None else replace(ev, conf=conf)

    def word_of(self, offset: int, token: str):
        """The word of the line at `offset` that reads `token`, punctuation OCR glued to it aside."""
        line = self.lines[self.line_index(offset)]
        token = token.strip()
        return next((w for w in line.words if w.text.strip(_GLUED) == token), None)

    def figures_conf(self, start: int, end: int) -> Optional[float]:
        """The lowest OCR confidence of the words holding the figures printed in text[start:end]:
        how far a count read from a scan can be trusted ("Votants 1" read at 52 for a smudged 17)."""
        confs = []
        for m in re.finditer(r"\d+", self.text[start:end]):
            at = start + m.start()
            # the word that reads the figure, else the one holding it ("21/10/2022")
            word = self.word_of(at, m.group(0)) or next(
                (w for w in self.lines[self.line_index(at)].words if m.group(0) in w.text), None)
            if word is not None and word.from_ocr and word.conf is not None:
                confs.append(word.conf)
        return min(confs) if confs else None


# What OCR reads around a figure in a box's cell: a rule, a colon, a quote.
_GLUED = ".,;:|‘’'`“”"


_ENDS_ON_PARTICLE = re.compile(r"(?:^|[\s-])(?:de|du|des|de\s+la|de\s+l['’]|d['’]|la|le|les|l['’]|en|sur|sous|et|aux?)$", re.I)


# --------------------------------------------------------------------------- columns
def split_columns(line: Line) -> list[Line]:
    """A line cut where a wide blank separates two blocks printed side by side ("MAIRIE DE X" on
    the left, "RÉPUBLIQUE FRANÇAISE" on the right): the text stage joins them into one line."""
    if len(line.words) < 2:
        return [line]
    out = word_runs(line, floor=20.0, heights=2.5)
    return [Line.from_words(ws) for ws in out] if len(out) > 1 else [line]


def word_runs(line: Line, floor: float, heights: float) -> list[list]:
    """The line's words cut where a blank wider than `floor` points and `heights` times the
    median word height separates them."""
    words = list(line.words)
    if not words:
        return []
    sizes = [w.bottom - w.top for w in words if w.bottom > w.top]
    gap_min = max(floor, heights * (statistics.median(sizes) if sizes else 10.0))
    out, current = [], [words[0]]
    for prev, w in zip(words, words[1:]):
        if w.x0 - prev.x1 > gap_min:
            out.append(current)
            current = []
        current.append(w)
    out.append(current)
    return out


# A stamp or the scan's edge may leave only the end of the State's mark ("ANÇAISE", "UE FRANÇAISE"):
# no authority's name holds those words.
_LETTERHEAD_MARK = re.compile(
    r"R[ÉE]PUBLIQUE\s+FRAN[ÇC]AISE|(?<![\w'’])(?:[A-ZÉ]{0,8}(?:IQUE|UE)\s+)?(?:F?R)?AN[ÇC]AISE(?![\w'’])|Libert[ée]\W{1,3}[ÉE]galit[ée]\W{1,3}Fraternit[ée]|D[ée]partement\s*:\s*\d{1,3}[AB]?\b",
    re.I)
_LOGO = re.compile(r"^[A-ZÀ-ÝŒŸ]{1,4}$")


def _words_outside(line: Line, spans: list[tuple[int, int]]) -> list[list]:
    """The line's words cut into runs that avoid the character spans of `spans`."""
    runs, current, pos = [], [], 0
    for w in line.words:
        start, end = pos, pos + len(w.text)
        pos = end + 1
        if any(a < end and start < b for a, b in spans):
            if current:
                runs.append(current)
            current = []
            continue
        current.append(w)
    if current:
        runs.append(current)
    return runs


def letterhead_blocks(lines: list[Line]) -> list[Line]:
    """A letterhead's lines without the State's marks printed beside the authority's name
    ("RÉPUBLIQUE FRANÇAISE", "Liberté Égalité Fraternité", "Département : 58") nor a logo's
    initials: each line cut into the blocks printed side by side, in reading order."""
    out: list[Line] = []
    for line in lines:
        segments = split_columns(line)
        kept: list[Line] = []
        for k, seg in enumerate(segments):
            spans = [m.span() for m in _LETTERHEAD_MARK.finditer(seg.text)]
            runs = _words_outside(seg, spans) if spans else [list(seg.words)]
            for run in runs:
                part = Line.from_words(run)
                if _LOGO.match(part.text) and (k == 0 and len(segments) > 1 or len(segments) == 1 and len(runs) == 1):
                    continue  # initials of a logo, left of the name or alone on their line
                kept.append(part)
        out.extend(kept)
    return out


def _overlap(a: Line, b: Line) -> bool:
    ax0, _, ax1, _ = a.box or (0, 0, 0, 0)
    bx0, _, bx1, _ = b.box or (0, 0, 0, 0)
    return min(ax1, bx1) - max(ax0, bx0) > 0


def in_columns(lines: list[Line]) -> list[Line]:
    """Lines cut into side-by-side blocks and read column by column: each block goes on under the
    block of the line just above that it overlaps horizontally."""
    columns: list[tuple[int, list[Line]]] = []  # (index of the line last added, blocks)
    for i, line in enumerate(lines):
        for seg in split_columns(line):
            home = None
            for col in columns:
                last_i, blocks = col
                if last_i == i - 1 and blocks[-1].page == seg.page and _overlap(blocks[-1], seg):
                    home = col
                    break
            if home is None:
                columns.append((i, [seg]))
            else:
                columns[columns.index(home)] = (i, home[1] + [seg])
    return [seg for _, blocks in columns for seg in blocks]


# --------------------------------------------------------------------------- split cells
_CELL_LABEL = re.compile(
    r"(?:nombre\s+de\s+)?(?:(?:membres|conseillers)(?:\s+\w+)?\s+)?(?:en\s+exercice|pr[ée]sents?|repr[ée]sent[ée]s|votants|"
    r"pouvoirs|procurations)", re.I)
_CELL_FIGURE = re.compile(r"\d{1,3}")


def pair_split_cells(lines: list[Line], label: re.Pattern = _CELL_LABEL, figure: re.Pattern = _CELL_FIGURE) -> list[Line]:
    """A box of counts printed as a table ("Présents" in one cell, "12" in the next) can come out
    of the text stage as a label alone on its line while its figure, far to the right, went into
    the line of the text beside the box (or into a column of figures of its own). Each label alone
    is given back the figure printed at its height just right of it (a copy: the other line keeps
    its words)."""
    out = []
    for line in lines:
        if not label.fullmatch(line.text.strip()) or not line.words:
            out.append(line)
            continue
        found = _figure_beside(line, lines, figure)
        out.append(Line.from_words(list(line.words) + [found]) if found is not None else line)
    return out


# Dates of a box printed as a table: "Date de convocation" in one cell, "30/08/2022" in the next
# (or under it, in a narrow margin box). OCR may garble the label's last letters ("convocatioh").
_DATE_LABEL = re.compile(r"date\s+(?:de\s+(?:la\s+)?|d['’]\s?)?(?:conv\w*|affich\w*|publication|envoi)\s*:?", re.I)
_DATE_FIGURE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")


def pair_split_dates(lines: list[Line]) -> list[Line]:
    """`pair_split_cells` for the dates of a box; a year the cell was too narrow for, wrapped
    under the date ("30/08/202" over "2"), is put back."""
    lines = [_unwrap_year(l, lines) for l in lines]
    out = []
    for line in pair_split_cells(lines, _DATE_LABEL, _DATE_FIGURE):
        if _DATE_LABEL.fullmatch(line.text.strip()) and line.words:
            under = _figure_under(line, lines)
            line = Line.from_words(list(line.words) + [under]) if under is not None else line
        out.append(line)
    return out


def _figure_under(label: Line, lines: list[Line]):
    """The date opening the line just under a label alone, at the label's left edge."""
    x0, bottom = label.words[0].x0, max(w.bottom for w in label.words)
    height = max(bottom - min(w.top for w in label.words), 1.0)
    for line in lines:
        w = line.words[0] if line.words and line.page == label.page else None
        if w is not None and _DATE_FIGURE.fullmatch(w.text) and abs(w.x0 - x0) < height and 0 <= w.top - bottom < height:
            return w
    return None


def _unwrap_year(line: Line, lines: list[Line]) -> Line:
    if len(line.words) != 1 or not re.fullmatch(r"\d{1,2}/\d{1,2}/\d{3}", line.words[0].text):
        return line
    w = line.words[0]
    height = max(w.bottom - w.top, 1.0)
    for other in lines:
        if (other.page == line.page and len(other.words) == 1 and re.fullmatch(r"\d", other.text)
                and abs(other.words[0].x0 - w.x0) < height and 0 < other.words[0].top - w.top < 2 * height):
            return Line.from_words([replace(w, text=w.text + other.text, bottom=other.words[0].bottom)])
    return line


def _figure_beside(label: Line, lines: list[Line], figure: re.Pattern = _CELL_FIGURE):
    x1 = max(w.x1 for w in label.words)
    top, bottom = min(w.top for w in label.words), max(w.bottom for w in label.words)
    height = max(bottom - top, 1.0)
    best = None
    for line in lines:
        if line.page != label.page or line is label:
            continue
        for k, w in enumerate(line.words):
            if not figure.fullmatch(w.text) or w.x0 <= x1 or w.x0 - x1 > 300:
                continue
            if k and w.x0 - line.words[k - 1].x1 < 3 * height:
                continue  # a figure inside a sentence, not a cell of its own
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= 0.6 * min(height, max(w.bottom - w.top, 1.0)) and (best is None or w.x0 < best.x0):
                best = w
    return best


# --------------------------------------------------------------------------- header rows
# A table of counts printed as a row of labels over a row of figures ("Membres en exercice |
# Présents | Votants" / "23 | 18 | 21"): no label has its figure on its own line.
_HEADER_CELL = re.compile(
    r"(?:nombre\s+de\s+)?(?:(?:membres|conseillers|d[ée]l[ée]gu[ée]s)(?:\s+\w+)?\s+)?"
    r"(?:en\s+exercice|aff[ée]rents?|pr[ée]sents?|repr[ée]sent[ée]s|votants|pouvoirs|procurations|absents?(?:\s+excus[ée]s)?"
    r"|pour|contre|abstentions?|(?:suffrages\s+)?exprim[ée]s|quorum|nppv)", re.I)
_FIGURE_CELL = re.compile(r"\d{1,3}")


def _cells(line: Line) -> list[list]:
    return word_runs(line, floor=12.0, heights=1.5)


def _header_pairs(labels: list[list], figures: list[list]) -> Optional[list[tuple[list, object]]]:
    """Each label cell with the figure printed under it (the figure's middle within the label's
    span, widened by half the gap to its neighbours); None unless every figure finds one label."""
    spans = [(cell[0].x0, cell[-1].x1) for cell in labels]
    pairs: list[tuple[list, object]] = []
    for fig in figures:
        w = fig[0]
        mid = (w.x0 + w.x1) / 2
        best = min(range(len(spans)), key=lambda k: 0 if spans[k][0] <= mid <= spans[k][1] else min(abs(mid - spans[k][0]), abs(mid - spans[k][1])))
        if any(best == k for k, _ in pairs):
            return None
        pairs.append((best, w))
    return [(labels[k], w) for k, w in pairs]


def pair_header_rows(lines: list[Line]) -> list[Line]:
    """A row of count labels over a row of figures read as one "Label : figure" line per column."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        labels = _cells(line)
        if nxt is not None and nxt.page == line.page and len(labels) >= 2 and all(
                _HEADER_CELL.fullmatch(Line.from_words(c).text.strip(" |:")) for c in labels):
            figures = _cells(nxt)
            if len(figures) >= 2 and all(len(c) == 1 and _FIGURE_CELL.fullmatch(c[0].text) for c in figures):
                pairs = _header_pairs(labels, figures)
                if pairs:
                    out.extend(Line.from_words(list(label) + [_colon_after(label[-1]), fig]) for label, fig in pairs)
                    i += 2
                    continue
        out.append(line)
        i += 1
    return out


def _colon_after(word):
    """A colon placed just after a label's last word (the printed table has rules, not colons)."""
    return replace(word, text=":", x0=word.x1, x1=word.x1 + 1.0, conf=None, from_ocr=False)


# --------------------------------------------------------------------------- stacked rows
def unstack_rows(lines: list[Line]) -> list[Line]:
    """Two rows of a narrow box read by OCR as one line, their words interleaved ("en présents
    exercice : 17 : 19" for "en exercice : 19" over "présents : 17"): a speck or a colon drawn
    tall joins the rows. Each row is given back its own words, upper row first."""
    out: list[Line] = []
    for line in lines:
        rows = _rows_of(line)
        out.extend(Line.from_words(r) for r in rows) if rows else out.append(line)
    return out


def _rows_of(line: Line) -> Optional[list[list]]:
    words = list(line.words)
    if len(words) < 4 or not all(w.from_ocr for w in words):
        return None
    heights = sorted(w.bottom - w.top for w in words)
    height = heights[len(heights) // 2]
    middles = sorted((w.top + w.bottom) / 2 for w in words)
    gap, cut = max((b - a, (a + b) / 2) for a, b in zip(middles, middles[1:]))
    if height <= 0 or gap < 0.7 * height:
        return None
    upper = [w for w in words if (w.top + w.bottom) / 2 < cut]
    lower = [w for w in words if (w.top + w.bottom) / 2 >= cut]
    if len(upper) < 2 or len(lower) < 2:
        return None
    # side by side (a margin's label beside a sentence) is not stacked: the rows must overlap
    overlap = min(max(w.x1 for w in upper), max(w.x1 for w in lower)) - max(min(w.x0 for w in upper), min(w.x0 for w in lower))
    if overlap <= 0.5 * min(max(w.x1 for w in r) - min(w.x0 for w in r) for r in (upper, lower)):
        return None
    return [upper, lower]


# --------------------------------------------------------------------------- split figures
# Two figures OCR boxed apart by less than this share of their line's usual word spacing are one
# figure with a thin gap read between its digits ("Pour : 1 0" for 10); a thousands space is as
# wide as the line's other spaces.
TOUCHING_SHARE = 0.6


def glue_split_figures(lines: list[Line]) -> list[Line]:
    """The lines with each figure OCR read as two touching pieces made whole again."""
    return [_figures_glued(line) for line in lines]


def _figures_glued(line: Line) -> Line:
    words = list(line.words)
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    if len(gaps) < 3 or not any(w.from_ocr for w in words):
        return line  # too few spaces to know the line's usual one
    usual = statistics.median(gaps)
    out = words[:1]
    for w, gap in zip(words[1:], gaps):
        prev = out[-1]
        if (prev.from_ocr and w.from_ocr and re.fullmatch(r"\d+", prev.text) and re.match(r"\d", w.text)
                and gap < TOUCHING_SHARE * usual):
            confs = [c for c in (prev.conf, w.conf) if c is not None]
            out[-1] = replace(prev, text=prev.text + w.text, x1=w.x1, top=min(prev.top, w.top),
                              bottom=max(prev.bottom, w.bottom), conf=min(confs) if confs else None)
        else:
            out.append(w)
    return line if len(out) == len(words) else Line.from_words(out)


def read_by_ocr(lines: list[Line]) -> bool:
    """Most of the lines' words come from OCR (a scanned page)."""
    words = [w for l in lines for w in l.words]
    return bool(words) and sum(w.from_ocr for w in words) > len(words) / 2
