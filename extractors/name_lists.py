"""Labelled lists of people in a session preamble: "Présents : …", "Absents excusés : …",
"Pouvoirs : …", "Tous les conseillers présents sauf : …", with the lines each list spans (a list
ends at the next label, at a line that is not names, or after a closing period; a margin column
read between two of its lines is skipped).
"""
from __future__ import annotations

import re
from typing import Optional

from extractors.memo import per_lines
from extractors.numbers import NUMBER_RE
from extractors.names import (
    _CIVILITY, _CIVILITY_WORD, _INNER_CIVILITY, _PARTICLES, _ROLE, _is_name_token, _unmatched_closings,
    drop_parens, normalize_marks, split_names, strip_roles,
)
from pipeline.model import clean_text

_BODY_ADJ = r"(?:municipa(?:l|le|ux|les)|communautaires?|syndica(?:l|le|ux|les)|d[ée]partementa(?:l|le|ux|les))"
_ETAIENT = (r"(?:[ée]tai[a-z]*\s+|(?:membres?|conseill[a-zè]*|[ée]lus?|d[ée]l[ée]gu[ée]e?s?|titulaires?)\s+"
            rf"(?:{_BODY_ADJ}\s+)?(?:(?:titulaires?|suppl[ée]ant(?:e|s|es)?)\s+)?)?")
# 'Étaient présents les conseillers :', 'Présents les membres suivants :'
_LABEL_TAIL = (rf"(?:\s+(?:les\s+)?(?:membres|conseill[a-zè]*|d[ée]l[ée]gu[ée]e?s|[ée]lus)(?:\s+{_BODY_ADJ})?"
               r"(?:\s+suivants)?)?")
_PL = r"(?:e|s|es|\(e\)s?|\(s\)|e\(s\)|\(es\))?"
_LIST_LABELS = {
    "proxy": rf"{_ETAIENT}(?:absent{_PL}\s+)?(?:excus[ée]{_PL}\s+(?:et\s+)?)?(?:(?:ayant|avaient|ont|qui\s+ont)\s+donn[ée]{_PL}\s+(?:pouvoir|procuration|d[ée]l[ée]gation){_PL}"
             rf"|pouvoir{_PL}|pro[a-z]{{1,3}}ation{_PL}|repr[ée]sent[ée]{_PL}|d[ée]l[ée]gations?\s+de\s+vote)",
    "excused": rf"{_ETAIENT}(?:absent{_PL}\s+)?excus[ée]{_PL}(?:\s+(?:non[\s-]+repr[ée]sent[ée]{_PL}|sans\s+pouvoir))?",
    "absent": rf"{_ETAIENT}absent{_PL}(?:\s+(?:non[\s-]+excus[ée]{_PL}|non[\s-]+repr[ée]sent[ée]{_PL}"
              rf"|sans\s+(?:pouvoir|procuration)))?",
    # 'Suppléant : M. KLEIN Roger (suppléant de M. HOFFMANN)': a substitute sits.
    "present": rf"{_ETAIENT}pr[ée]sent{_PL}|(?:d[ée]l[ée]gu[ée]{_PL}\s+)?suppl[ée]ant{_PL}(?:\s+pr[ée]sent{_PL})?",
}
_LABEL = re.compile(
    r"(?<![\w])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _LIST_LABELS.items()) + r")" + _LABEL_TAIL
    + r"\s*(?:\(\s*\d+\s*\))?\s*:",
    re.I,
)
_OTHER_LABEL = re.compile(r"^\W{0,3}[A-Za-zÀ-ÿ][^,:]{0,40}:")

# 'Étaient présents : tous les conseillers en exercice sauf : …', 'Tous les membres étaient
# présents à l'exception de …', 'Présents : l'ensemble des conseillers, excepté …': the présents
# are implied; the list after the exception names the others (kind 'except').
_ALL_MEMBERS = (rf"(?:(?:tous|toutes|l['’]ensemble)(?:\s+(?:les|des)\s+(?:membres|conseill[a-zè]*|[ée]lus|"
                rf"d[ée]l[ée]gu[ée]e?s)(?:\s+{_BODY_ADJ})?(?:\s+(?:en\s+exercice|titulaires|du\s+conseil(?:\s+{_BODY_ADJ})?))?)?)")
_EXCEPT_WORD = (r"(?:sauf|[àa]\s+l['’]exception\s+d(?:e\s+la|e|u|es|['’])|except[ée]e?s?|hormis"
                r"|exception\s+faite\s+d(?:e\s+la|e|u|es|['’]))")
_EXCEPT_LABEL = re.compile(
    rf"(?<![\w])(?:{_ETAIENT}pr[ée]sent{_PL}\s*:?\s*{_ALL_MEMBERS}"
    rf"|{_ALL_MEMBERS}\s+(?:(?:[ée]taient|sont|[ée]tant)\s+)?pr[ée]sent{_PL})"
    rf"(?:\s*\(\s*\d+\s*\))?\s*,?\s*(?P<except>{_EXCEPT_WORD})(?:\s+les\s+membres\s+suivants)?\s*:?",
    re.I,
)


class ListBlock:
    """A labelled list of people ('Présents : …') with the lines it was read from."""

    def __init__(self, kind: str, label: str, line, text: str, left_limit: Optional[float], x0: float = 0.0):
        self.x0 = x0  # left edge of the label: a line wholly left of it belongs to a side column
        self.kind = kind
        self.label = label
        self.lines = [line]
        self.texts = [text]
        self.left_limit = left_limit

    @property
    def content(self) -> str:
        return "\n".join(t for t in self.texts if t)

    def __repr__(self) -> str:
        return f"ListBlock({self.kind}, {self.content!r})"


def _word_at(line, offset: int):
    pos = 0
    for w in line.words:
        if pos + len(w.text) > offset:
            return w
        pos += len(w.text) + 1
    return None


def _visible_text(line, left_limit: Optional[float]) -> str:
    """Words right of a side box's edge: a scanned page's margin column shares the visual line."""
    if left_limit is None or not line.words:
        return line.text
    return clean_text(" ".join(w.text for w in line.words if w.x1 > left_limit))


_PROXY_WORDS = re.compile(r"^(?:a|à|donne|donné|donnée|ayant|pouvoir|pouvoirs|procuration|procurations|représentée?s?|par|de|vote)$", re.I)


def _mostly_roles(text: str) -> bool:
    """'Désignation du secrétaire de séance': role words carry the line and no surname is left."""
    role_chars = sum(len(m.group(0)) for m in _ROLE.finditer(text))
    letters = sum(1 for c in text if c.isalpha())
    return role_chars * 2 > letters and not _has_surname(_ROLE.sub(" ", text))


def looks_like_names(text: str, proxy: bool = False) -> bool:
    """A wrapped line of a names list (capitalised tokens, civilities, roles, separators).
    A proxies list may also hold its connecting words ('donne pouvoir à')."""
    text = drop_parens(text)
    if _mostly_roles(text):
        return False
    text = strip_roles(text)
    toks = [t.strip(".,;:/") for t in text.split(" ")]
    toks = [t for t in toks if t and t not in {"-", "–", "—", "et", "&"} and t.lower() not in _PARTICLES]
    if proxy:
        toks = [t for t in toks if not _PROXY_WORDS.match(t)]
    if not toks:
        return False
    good = sum(1 for t in toks if _is_name_token(t) or _CIVILITY.fullmatch(t + " "))
    return good / len(toks) >= 0.8 and not re.search(r"\d{1,2}\s*[hH]\s*\d{0,2}", text)


def _has_surname(text: str) -> bool:
    """A word in capitals: 'DUPONT', "O'NEILL", 'LAMBERT-DELHOMME'."""
    return bool(re.search(r"(?<![\w'’-])[A-ZÀ-ÝŒŸ](?:[A-ZÀ-ÝŒŸ]|['’-](?=[A-ZÀ-ÝŒŸ]))*[A-ZÀ-ÝŒŸ](?![\w'’-])", text))


# What stands between two people in a list or a proxies list: after it, a new person starts.
_PERSON_START = re.compile(
    r"[,;/]|\s[-–—]+\s|\set\s|\s(?:à|a|par|au\s+profit\s+de)\s|"
    rf"(?<![\w.]){_CIVILITY_WORD}",
)


def _cut_person(so_far: str) -> bool:
    """The text ends inside a name: at most one name word since the last separator, connector or
    civility ('… pouvoir à Madame PICHONNIER' / 'Nathalie'; 'M. DE LA' / 'ROCHE Jean-Luc')."""
    starts = list(_PERSON_START.finditer(so_far))
    last = so_far[starts[-1].end():] if starts else so_far
    words = [t for t in strip_roles(last).split(" ") if t and t.lower() not in _PARTICLES]
    if starts and _CIVILITY.match(starts[-1].group(0) + " ") and not words:
        return True
    return len(words) <= 1 or bool(re.search(r"(?<!\S)(?:de|du|des|la|le|van|von|der)$", last.strip(), re.I))


# A line opening on a proxy keyword starts a proxy statement, never the rest of a names list
# ('Pouvoir de M. X à M. Y' after 'Présents : …').
_PROXY_OPENING = re.compile(r"^\W{0,3}(?:pouvoirs?|procurations?|d[ée]l[ée]gations?|mandats?)\s+(?:de|du|d['’]|donn[ée]e?s?\s+par)\b", re.I)


# A proxy statement cut at a line end inside a list of any kind: its first part ends on the
# connecting words, or its second part opens with them.
_PAIR_CUT = re.compile(r"\b(?:qui\s+(?:a|avait)(?:\s+donn[ée]e?)?|ayant(?:\s+donn[ée]e?)?|donne|donn[ée]e?\s+(?:pouvoir|procuration))$", re.I)
_PAIR_GOES_ON = re.compile(r"^(?:(?:qui\s+(?:a|avait)|a|ayant)\s+donn[ée]e?|donn[ée]e?|donne)\s+(?:pouvoir|procuration|d[ée]l[ée]gation)\b"
                           r"|^(?:pouvoir|procuration)\s+(?:à|a|au\s+profit)\b", re.I)


_FIRST_NAME_CUT = re.compile(rf"(?<![\w.]){_CIVILITY_WORD}\s*[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+(?:-[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+)?$")
_CIVILITY_END = re.compile(r"(?<![\w.])(?:M\.|MM\.|Mmes?\.?|Mlle\.?|Monsieur|Madame|Mademoiselle)$")
_SURNAME_OPENS = re.compile(r"^[A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+(?:\s+[A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+)*(?=[\s,;.)(]|$)")


def _continues(block: ListBlock, text: str) -> bool:
    # A period standing apart from the last word is a speck read by OCR, not a sentence's end.
    so_far = re.sub(r"\s+[.·]$", "", normalize_marks(block.content.strip()))
    proxy = block.kind == "proxy"
    if so_far.count("(") > so_far.count(")") and ")" in normalize_marks(text):
        return True  # a note wrapped over the line end: '(pouvoir à M. Noël DI' / 'MARCO) - Mme …'
    if _PROXY_OPENING.match(text) and not proxy:
        return False
    if not so_far:
        return looks_like_names(text, proxy)
    if re.search(r"(?:[,;/&\-–—]|\bet|\bà)$", so_far) or re.match(r"^(?:[-–—•(]|et\s)", text):
        return True
    if proxy and re.search(r"\b(?:donn[ée]e?s?|pouvoirs?|procurations?|par|de)$", so_far, re.I):
        return True  # a pair cut after its connecting words
    if ((_FIRST_NAME_CUT.search(so_far) and _SURNAME_OPENS.match(text))
            or (_CIVILITY_END.search(so_far) and re.match(r"[A-ZÀ-ÝŒŸ][\w'’-]*(?:\s|$)", text))):
        return True  # 'et M. Gilles' / 'BARNOUIN qui a donné procuration à …': a name cut at the line end
    if _PAIR_CUT.search(so_far) or _PAIR_GOES_ON.match(text):
        return True  # 'Céline MARTY qui a' / 'donné pouvoir à Franck LAURENT.' in any list
    if so_far.endswith(".") and not re.search(rf"(?:{_CIVILITY_WORD}|\b[A-Z]\.)$", so_far, re.I):
        # OCR reads a list's commas as periods ("Jean-Noël NICOLAS." / "Valérie LECLERC. Anne …"):
        # after a surname in capitals, a line of names separated the same way goes on with it
        if not (re.search(r"[A-ZÀ-ÝŒŸ]{2}\.$", so_far) and (re.search(r"[A-ZÀ-ÝŒŸ]{2}[.,]\s", text) or _first_name_after(so_far, text))
                and looks_like_names(text, proxy)):
            return False
    if _has_surname(so_far) and not _has_surname(text) and not _cut_person(so_far):
        return False
    return looks_like_names(text, proxy)


# "GUILLOUET Jean-Noël, MARTIN." / "Stéphane, MARCHAND Pierre, …": names printed surname first, the
# first name of the last one on the next line, before the list's next separator.
_SURNAME_FIRST = re.compile(r"\b[A-ZÀ-ÝŒŸ]{2,}(?:[ '’-][A-ZÀ-ÝŒŸ]{2,})*\s+[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+(?:-[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+)?\s*[,;]")
_FIRST_NAME_ALONE = re.compile(r"^[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+(?:-[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+)?\s*(?:[,;]|et\s)")


def _first_name_after(so_far: str, text: str) -> bool:
    """The line opens with the first name of the surname that ended the line above, in a list
    printed surname first: the period OCR read after that surname stands for no sentence's end."""
    return bool(_SURNAME_FIRST.search(so_far) and _FIRST_NAME_ALONE.match(text))


_LABEL_PREFIX = re.compile(_ETAIENT, re.I)
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’])[a-zà-ÿœ][\w'’-]*\s*$")


def _gap_before(line, offset: int) -> bool:
    """The word at `offset` stands apart from the word before it (three times the line's usual
    word spacing): a margin column ends there."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line.words, line.words[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    pos, prev = 0, None
    for w in line.words:
        if pos + len(w.text) > offset:
            return prev is not None and w.x0 - prev.x1 > max(6.0, 3.0 * usual)
        pos += len(w.text) + 1
        prev = w
    return False


def _column_start(line, offset: int) -> Optional[float]:
    """Left edge of the text column holding the word at `offset`, when a wide gap on the line
    separates it from a margin column ('présents : 19      Étaient } présents : M. X')."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line.words, line.words[1:]))
    wide = max(6.0, 3.0 * (gaps[len(gaps) // 2] if gaps else 0.0))
    pos, index = 0, None
    for i, w in enumerate(line.words):
        if pos + len(w.text) > offset:
            index = i
            break
        pos += len(w.text) + 1
    if index is None:
        return None
    # The widest gap: a brace or a rule drawn between the columns leaves a narrower one.
    gap, i = max(((line.words[i].x0 - line.words[i - 1].x1, i) for i in range(1, index + 1)), default=(0.0, 0))
    return line.words[i].x0 if gap > wide else None


def _labels(line, text: str) -> list[re.Match]:
    """Label matches of one line. A label after a lowercase word is prose ('des membres présents :'),
    unless a wide gap shows that word ends a margin column ('Nombre de membres   Présents :')."""
    found = list(_EXCEPT_LABEL.finditer(text))
    for m in _LABEL.finditer(text):
        if any(e.start() <= m.start() < e.end() for e in found):
            continue
        if not _LOWER_WORD_BEFORE.search(text[: m.start()]):
            found.append(m)
            continue
        core = _LABEL_PREFIX.match(text, m.start()).end()
        again = _LABEL.match(text, core) if core > m.start() else m
        if again and text == line.text and _gap_before(line, core):
            found.append(again)
    return sorted(found, key=lambda m: m.start())


def _is_count(content: str) -> bool:
    """'Présents : 14 – Votants : 16': a figure after the label is a count, not a list; so is
    what OCR made of a figure alone on its line ("présents : LS" for 15)."""
    return bool(re.match(r"\s*\d", content) or re.fullmatch(rf"\s*{NUMBER_RE}\s*[.,;]?\s*", content))


def _listed_after_count(content: str) -> Optional[str]:
    """'Pouvoirs : 2 (M. A à M. B, Mme C à M. D)': a count whose parenthesis lists the people;
    the list without the count and its parenthesis (None when the parenthesis holds no name:
    'Présents : 14 (quatorze)')."""
    m = re.match(r"\s*\d+\s*\(", content)
    if not m:
        return None
    rest = content[m.end():]
    close = _unmatched_closings(rest)
    if close:
        rest = rest[: close[0]] + " " + rest[close[0] + 1:]
    return rest.strip() if _has_surname(rest) or _INNER_CIVILITY.search(" " + rest) else None


def _speck_colon(block: ListBlock, text: str) -> bool:
    """"Mme" / "Chantal ROCHE et Mme Valérie DESCHAMPS :": a colon that OCR read from a speck
    after the last names of a list cut mid-name is no label; people, not a heading, precede it."""
    so_far = block.content.rstrip()
    head, colon, tail = text.partition(":")
    if not colon or re.search(r"\w", tail):
        return False
    cut = re.search(r"(?:[,;/&]|\bet)$", so_far) or _CIVILITY.fullmatch(so_far.split(" ")[-1] + " ")
    return bool(cut) and any(len(n.split(" ")) >= 2 for n in split_names(head))


@per_lines
def read_lists(lines) -> list[ListBlock]:
    """Find labelled lists of people and the lines each spans (a list ends at the next label,
    at a line that is not names, or after a closing period)."""
    blocks: list[ListBlock] = []
    current: Optional[ListBlock] = None
    skipped = 0
    for line in lines:
        text = _visible_text(line, current.left_limit if current else None)
        found = _labels(line, text)
        if found:
            prefix = text[: found[0].start()].strip()
            if current and prefix and ":" not in prefix and _continues(current, prefix):
                current.texts.append(prefix)
                current.lines.append(line)
            limit = None
            # Words before the label are a margin column only when a blank sets them apart:
            # "Conseillers titulaires présents :" is one label.
            if re.search(r"\w", prefix) and (text != line.text or _gap_before(line, found[0].start())):
                w = _word_at(line, found[0].start()) if text == line.text else None
                limit = w.x0 - 1.0 if w is not None else None
            for i, m in enumerate(found):
                end = found[i + 1].start() if i + 1 < len(found) else len(text)
                kind = m.lastgroup
                label_word = _word_at(line, m.start()) if text == line.text else None
                x0 = label_word.x0 if label_word is not None else line.x0
                content = text[m.end():end].strip()
                col = _column_start(line, m.start()) if text == line.text else None
                listed = _listed_after_count(content)
                content = listed if listed is not None else content
                current = None if _is_count(content) else ListBlock(
                    kind, m.group(0), line, content, col - 1.0 if col is not None else limit, x0)
                if current is not None:
                    blocks.append(current)
            continue
        if current is None:
            continue
        if line.words and max(w.x1 for w in line.words) < current.x0 - 3.0 and skipped < 20:
            skipped += 1  # a margin column read between two lines of the list
            continue
        skipped = 0
        if not re.search(r"[^\W_]", text):
            continue  # a speck OCR read on a line of its own (":" beside the list): no letter, no figure
        if _OTHER_LABEL.match(text) and not _speck_colon(current, text) or not _continues(current, text):
            current = None
            continue
        current.texts.append(text)
        current.lines.append(line)
    return blocks
