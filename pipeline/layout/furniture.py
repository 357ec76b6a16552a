"""Page furniture: running headers and footers, page numbers, side columns, the e-transmission stamp."""
from __future__ import annotations

import bisect
import math
import re
import statistics
from typing import Optional

from rapidfuzz import fuzz

from ..model import Line
from .headings import heading_keyword, heading_style
from .patterns import (EXTRACT_MARK, PAGE_FOOTER, PAGE_NO, RESULT_LINE, STAMP, VISA, VOTE_EVIDENCE, is_decide_opener,
                       is_synthetic, norm)


# --------------------------------------------------------------------------- furniture
def _furniture_key(text: str) -> str:
    return re.sub(r"[^a-z#]+", " ", re.sub(r"\d", "#", norm(text))).strip()


# Marks OCR reads before a line's first word: a bullet ("•" read "="), a rule's or a stamp's edge.
_OCR_LEAD = re.compile(r"^[=|]+\s*")


def _protected(text: str) -> bool:
    """Content lines that legitimately recur on many pages: votes, decisions, visas, headings."""
    text = _OCR_LEAD.sub("", text.strip())
    n = norm(text)
    if re.search(r"en exercice|pris part|procuration|convocation", n):
        return False
    return bool(VOTE_EVIDENCE.search(n) or RESULT_LINE.search(n) or is_decide_opener(text) or VISA.search(n) or heading_keyword(text)
                or EXTRACT_MARK.search(n))


_STAMP_PHRASE = re.compile(
    r"(?:envoy\w*|re[çc]u|publi\w*|affich\w*)\s+en\s+(?:sous-)?pr[ée]fecture\s+le(?:\s+\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4})?"
    r"|(?:publi[ée]|re[çc]u)\s+le(?:\s+\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4})?(?:\s+\d{1,3}\s*/\s*\d{1,3})?\s*$"
    r"|(?:\b(?:id|1d|10)\s*:?\s*)?\d{3}\s*[-:]\s*\d{9}\s*[-:]\s*\d{8}\S*", re.I)


def _cut_stamp(line: Line) -> tuple[Optional[Line], list[Line]]:
    """Separate e-transmission stamp phrases glued to other words by OCR or line grouping:
    (what remains of the line or None, the stamp parts). A footer's "publié le …" may end on
    the page's number ("… publié le 14/09/2021 1 / 2")."""
    words = list(line.words)
    if not words:
        return line, []
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    text = " ".join(w.text for w in words)
    taken: set[int] = set()
    stamps: list[Line] = []
    for m in _STAMP_PHRASE.finditer(text):
        idx = [k for k, (a, b) in enumerate(offsets) if a < m.end() and b > m.start()]
        if idx:
            taken.update(idx)
            stamps.append(Line.from_words(words[k] for k in idx))
    if not taken:
        return line, []
    rest = [w for k, w in enumerate(words) if k not in taken]
    if not any(sum(c.isalpha() for c in w.text) >= 3 for w in rest):
        return None, stamps
    return Line.from_words(rest), stamps


def split_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(content lines, furniture lines), both in document order.

    Furniture: the e-transmission stamp, page numbers and running footers, and short lines
    printed at the same place on most pages (headers, the side column of counts)."""
    furniture: list[Line] = []
    cut: list[Line] = []
    for line in lines:
        rest, stamps = _cut_stamp(line)
        furniture.extend(stamps)
        if rest is None:
            continue
        if STAMP.search(norm(rest.text)) and len(rest.text.split()) <= 12:
            furniture.append(rest)
        else:
            cut.append(rest)
    places = _Places(cut)
    need = max(2, math.ceil(0.6 * len(places.pages)))
    content: list[Line] = []
    for i, line in enumerate(cut):
        n = norm(line.text)
        if (places.at_page_edge(i) and PAGE_NO.match(n) and not _figure_of_label(cut, i)) or PAGE_FOOTER.search(n):
            furniture.append(line)
        elif len(places.pages) >= 2 and places.keys[i] and len(n) <= 90 and not _protected(line.text) \
                and not _figure_of_label(cut, i) and _repeated(places, i, need):
            kept, repeated = _body_part(places, i)
            furniture.append(repeated)
            if kept is not None:
                content.append(kept)
        else:
            content.append(line)
    return content, furniture


def _body_part(places: "_Places", i: int) -> tuple[Optional[Line], Line]:
    """(the body's words sharing furniture line i, the furniture proper). A box repeated in the
    margin of every page shares its rows with the text beside it: a table cell wrapping onto the
    row of "Date d'affichage :" joins that line. Only the box's words are repeated on the other
    pages; a run of words set apart by a gap, none of which the copies print, is the body's."""
    line = places.lines[i]
    runs = _runs(list(line.words))
    if len(runs) < 2:  # one run of words: nothing printed apart from the box (most lines)
        return None, line
    copies = [places.lines[j] for j in places.copies(i)]
    if not copies:
        return None, line
    seen = {w for c in copies for w in _word_keys(c)}
    # The box's own values (a count OCR reads differently on each page) lie within its extent.
    x0 = statistics.median(c.x0 for c in copies)
    x1 = statistics.median(max(w.x1 for w in c.words) for c in copies)
    # ... and the body's words stand in the body's column, past the margin the box sits in.
    left, right = _body_edges(places, line.page)

    def of_body(run) -> bool:
        a, b = min(w.x0 for w in run), max(w.x1 for w in run)
        return (not any(_word_key(w.text) in seen for w in run)
                and any(len(_word_key(w.text)) >= 2 for w in run)  # OCR specks ("ÿ É") are no one's words
                and ((a > x1 and a >= left - 2) or (b < x0 and b <= right + 2)))

    body = [run for run in runs if of_body(run)]
    if not body or len(body) == len(runs):
        return None, line
    kept = {id(w) for run in body for w in run}
    return (Line.from_words(w for w in line.words if id(w) in kept),
            Line.from_words(w for w in line.words if id(w) not in kept))


def _body_edges(places: "_Places", page: int) -> tuple[float, float]:
    """Where the page's running text starts and ends: the median edges of its lines of a few words."""
    lines = [places.lines[i] for i in places.pages[page] if len(places.lines[i].words) >= 4] \
        or [places.lines[i] for i in places.pages[page]]
    return statistics.median(l.x0 for l in lines), statistics.median(max(w.x1 for w in l.words) for l in lines)


def _word_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", norm(text))


def _word_keys(line: Line) -> set[str]:
    return {_word_key(w.text) for w in line.words}


def _runs(words: list) -> list[list]:
    """The line's words in runs split at gaps wider than a gutter (a few characters' width)."""
    if not words or is_synthetic(Line.from_words(words)):
        return [words] if words else []
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 2 and w.x1 > w.x0]
    gap = max(2.5 * (sorted(widths)[len(widths) // 2] if widths else 5.0), 8.0)
    ordered = sorted(words, key=lambda w: w.x0)
    runs = [[ordered[0]]]
    for w in ordered[1:]:
        if w.x0 - max(x.x1 for x in runs[-1]) >= gap:
            runs.append([w])
        else:
            runs[-1].append(w)
    return runs


# A line ending on a count label and its colon ("Votants :") whose figure is printed on the next line.
_OPEN_LABEL = re.compile(r"\b(?:en exercice|presents?|representes?|votants?|pouvoirs?|procurations?|absents?|pour|contre"
                         r"|abstentions?)\s*:\s*$")


def _figure_of_label(lines: list[Line], i: int) -> bool:
    """A lone figure near the top of a page is a page number, unless the line before it on the
    same page ends on a count label waiting for its figure."""
    prev = lines[i - 1] if i > 0 else None
    return prev is not None and prev.page == lines[i].page and bool(_OPEN_LABEL.search(norm(prev.text)))


def _repeated(places: "_Places", i: int, need: int) -> bool:
    """An item heading reappears near the same place in the recap list of a short document
    ("Liste des délibérations"); a running header repeated as a heading is printed identically
    on most pages. So a heading-like line must come back word for word, on 3 pages at least."""
    if heading_style(places.lines[i]) is not None:
        return places.repeated_on(i, max(need, 3), exact=True)
    if places.counts[i]:
        # A box of counts repeated on every page starts on the first; two items of a later page
        # that happen to print the same counts at the same height are the items' own text.
        # A box is printed once per page: count lines recurring down a page head the items.
        first = min(places.pages)
        if places.lines[i].page != first and not places.copy_on(i, first):
            return False
        if any(sum(places.counts[j] and places.same_text(i, j) for j in idxs) > 1 for idxs in places.pages.values()):
            return False
    return places.repeated_on(i, need)


_COUNT_LABEL = re.compile(r"\b(?:en exercice|presents?|representes?|votants?|pouvoirs?|procurations?|absents?"
                          r"|pour|contre|abstentions?)\b")


# Figures OCR read at least this surely are taken as printed when count lines are compared.
SURE_FIGURE_CONF = 90.0


def _sure_figures(line: Line) -> bool:
    return all(not w.from_ocr or (w.conf is not None and w.conf >= SURE_FIGURE_CONF)
               for w in line.words if any(c.isdigit() for c in w.text))


def _is_counts(text: str) -> bool:
    """A line of counts: a count label and a figure ("Présents : 25 – Votants : 26")."""
    return bool(re.search(r"\d", text) and _COUNT_LABEL.search(norm(text)))


# Furniture sits at the same place on every page. A born-digital page prints it at the very same
# point; a scan shifts it by a few lines at most. Synthetic lines (tests) have no geometry: their
# top is the line's rank, so only the vertical distance means anything there.
_TOP_REACH = 45.0
_X_REACH = 60.0
_SYNTHETIC_TOP_REACH = 48.0


# The title of a recap list of the session's deliberations, however it goes on
# ("Liste des délibérations examinées au cours de la séance").
_RECAP_LIST = re.compile(r"^\W*(?:(?:liste|recapitulatif|recap\w*|tableau|rappel|releve)\s+des\s+deliberations"
                         r"|deliberations\s+(?:prises|adoptees|examinees))\b")


def _recap_lines(lines: list[Line], pages: dict[int, list[int]]) -> set[int]:
    """Lines printed below a recap list's title on its page: the list repeats the items'
    subjects, so an entry that happens to sit where an item's line sits on another page is
    no copy of it."""
    out: set[int] = set()
    for idxs in pages.values():
        start = next((k for k, i in enumerate(idxs) if _RECAP_LIST.match(norm(lines[i].text))), None)
        if start is not None:
            out.update(idxs[start + 1:])
    return out


class _Places:
    """Each line's page, rank on its page, position and furniture key, indexed for lookups of
    "lines near this place on another page" (sorted by top per page, so a lookup is a bisect)."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.keys = [_furniture_key(l.text) for l in lines]
        self.tops = [l.top for l in lines]
        self.x0s = [l.x0 for l in lines]
        self.synthetic = [is_synthetic(l) for l in lines]
        # Figures are compared only on a text layer: OCR misreads a repeated box differently on each page.
        # OCR garbles the figures of a box repeated on every page: only figures it read surely
        # tell an item's own count line from the box.
        self.counts = [_sure_figures(l) and _is_counts(l.text) for l in lines]
        self.digits = [re.findall(r"\d+", l.text) for l in lines]
        self.pages: dict[int, list[int]] = {}
        for i, line in enumerate(lines):
            self.pages.setdefault(line.page, []).append(i)
        self.rank = {i: r for idxs in self.pages.values() for r, i in enumerate(idxs)}
        self.recap = _recap_lines(lines, self.pages)
        self.by_top: dict[int, tuple[list[float], list[int]]] = {}
        for page, idxs in self.pages.items():
            ordered = sorted(idxs, key=lambda i: self.tops[i])
            self.by_top[page] = ([self.tops[i] for i in ordered], ordered)

    def at_page_edge(self, i: int) -> bool:
        on_page = len(self.pages[self.lines[i].page])
        return self.rank[i] < 3 or self.rank[i] >= on_page - 3

    def same_place(self, i: int, j: int) -> bool:
        dy = abs(self.tops[i] - self.tops[j])
        if self.synthetic[i] or self.synthetic[j]:
            return dy <= _SYNTHETIC_TOP_REACH
        return dy <= _TOP_REACH and abs(self.x0s[i] - self.x0s[j]) <= _X_REACH

    def same_text(self, i: int, j: int, exact: bool = False) -> bool:
        a, b = self.keys[i], self.keys[j]
        if (i in self.recap or j in self.recap) and a != b:
            return False  # a recap entry repeats an item's subject, not the page's furniture
        if self.counts[i] and self.counts[j] and self.digits[i] != self.digits[j]:
            # A box of counts repeated on every page prints the same figures; an item's own count
            # line that happens to sit at the height of the session's box on another page does not.
            return False
        return a == b or (not exact and len(a) >= 8 and fuzz.ratio(a, b) >= 84)

    def _copies_on(self, i: int, page: int, exact: bool = False) -> list[int]:
        tops, ordered = self.by_top.get(page, ([], []))
        reach = max(_TOP_REACH, _SYNTHETIC_TOP_REACH)
        lo = bisect.bisect_left(tops, self.tops[i] - reach)
        hi = bisect.bisect_right(tops, self.tops[i] + reach)
        return [j for j in ordered[lo:hi] if self.same_place(i, j) and self.same_text(i, j, exact)]

    def copy_on(self, i: int, page: int, exact: bool = False) -> bool:
        """Is line i printed at the same place on `page`?"""
        return bool(self._copies_on(i, page, exact))

    def copies(self, i: int) -> list[int]:
        """Lines printed like line i at its place on the other pages."""
        return [j for page in self.pages if page != self.lines[i].page for j in self._copies_on(i, page)]

    def repeated_on(self, i: int, need: int, exact: bool = False) -> bool:
        """Is line i printed, at the same place, on at least `need` pages (its own included)?"""
        own = self.lines[i].page
        others = [p for p in self.pages if p != own]
        hits = 1
        for left, page in enumerate(others):
            if hits + (len(others) - left) < need:
                return False
            if self.copy_on(i, page, exact):
                hits += 1
                if hits >= need:
                    return True
        return hits >= need
