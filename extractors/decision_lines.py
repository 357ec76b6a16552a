"""The lines of an operative part as the decisions reader sees them: where a paragraph or a
sentence ends, the body half of a line read together with a box in the margin, and a verb
hyphenated over two lines made whole."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.model import Line, Word, clean_text

from .nlp import finite_verb, known_verb


def paragraph_break(prev: Optional[Line], line: Line) -> bool:
    """A blank line's worth of space between two lines of one page."""
    if prev is None or prev.page != line.page or not prev.words or not line.words:
        return False
    pb = max(w.bottom for w in prev.words)
    ph = pb - min(w.top for w in prev.words)
    gap = line.top - pb
    return ph > 0 and gap > 0.8 * ph


_ABBREVIATION_END = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Me|Dr|St|Ste|art|n°|cf)|\(\w{1,3})\.$", re.I)


def ends_sentence(text: str) -> bool:
    """A full stop that ends a sentence, not "(Mme" / "M." cut by the line's end."""
    text = text.rstrip()
    return text.endswith((".", "!", "?")) and not _ABBREVIATION_END.search(text)


def body_left(lines: list[Line]) -> Optional[float]:
    """Where the text column starts: the x most lines open at, themselves or after a wide gap
    (a line read together with a box in the margin opens there after the box's words)."""
    xs = []
    for l in lines:
        if len(l.words) >= 3:
            xs.append(round(l.words[0].x0))
            xs.extend(round(b.x0) for a, b in zip(l.words, l.words[1:]) if b.x0 - a.x1 >= 20)
    if not xs:
        return None
    best = max(set(xs), key=lambda x: sum(abs(y - x) <= 3 for y in xs))
    return best if sum(abs(y - best) <= 3 for y in xs) >= max(3, len(xs) // 3) else None


def beside_side_box(line: Line, body_x: Optional[float]) -> Optional[Line]:
    """The body half of a line that runs beside a box in the left margin ("Nombre de membres /
    présents : 8 / votants : 10" printed left of the text): read as one line, it sits in the
    attendance or counts section, yet its right half goes on with the decision's sentence."""
    if body_x is None:
        return None
    words = line.words
    k = next((i for i, w in enumerate(words) if abs(w.x0 - body_x) <= 4), None)
    if not k or words[0].x0 > body_x - 30 or words[k].x0 - words[k - 1].x1 < 20:
        return None
    return Line.from_words(words[k:])


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """A verb of decision hyphenated over two lines ("AUTO- / RISE le Maire …") made whole again:
    the two lines become one, so the verb is read where it starts."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and prev.words and line.words:
            head, tail = prev.words[-1].text, line.words[0].text
            m = re.fullmatch(r"([^\W\d_]{2,})[-‐]", head)
            if m and tail[:1].isalpha() and not known_verb(m.group(1)):
                joined = m.group(1) + tail
                if finite_verb(joined) or known_verb(joined):
                    word = Word(joined, line.page, prev.words[-1].x0, prev.words[-1].top,
                                max(prev.words[-1].x1, line.words[0].x1), line.words[0].bottom)
                    words = prev.words[:-1] + (word,) + line.words[1:]
                    out[-1] = Line(words=words, page=line.page, text=clean_text(" ".join(w.text for w in words)))
                    continue
        out.append(line)
    return out
