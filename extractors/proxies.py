"""Proxies (pouvoirs, procurations): who asked whom to vote for them.

Shapes read: "X pouvoir à Y", "X a donné / donne pouvoir à Y", "X ayant donné procuration à Y",
"X (procuration à Y)", "X (pouvoir donné à Y)", "Pouvoirs : X à Y, Z à W" (one per line or not),
"X représenté(e) par Y", "procuration de X à Y". Names as printed, civility removed.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from extractors.memo import per_lines
from extractors.name_lists import ListBlock, read_lists
from extractors.names import (
    clean_name, drop_parens, join_lines, lost_notes, name_key, normalize_marks, split_names,
    take_name,
)
from pipeline.model import DeliberationText, Evidence, Line, Proxy

EXTRACTOR = "proxies"

_GIVES = r"(?:(?:a|ayant|avait)\s+)?(?:donn[ée]e?|confi[ée]e?|remis|transmis)\s+(?:son\s+|un\s+|une\s+|sa\s+)?"
_POWER = r"(?:pouvoirs?|procurations?|d[ée]l[ée]gation(?:\s+de\s+vote)?|mandat)"
_TO_WHOM = r"(?:à|a|au\s+profit\s+de|en\s+faveur\s+de)"
# Connectors between a grantor (before) and a holder (after), longest first.
_CONNECTOR = re.compile(
    rf"\s(?:{_GIVES}{_POWER}(?:\s+de\s+vote)?\s+{_TO_WHOM}"
    rf"|{_POWER}\s+(?:donn[ée]e?\s+)?{_TO_WHOM}"
    rf"|repr[ée]sent[ée]e?s?\s+par)\s",
    re.I,
)
# Inside a 'Pouvoirs :' or 'Représentés :' list a bare word or an arrow links the two people.
_BARE_A = re.compile(r"\s(?:à|a|par|→|->|=>|⇒)\s")
# In the body of an item only an explicit giving counts: 'la société X représentée par son gérant'
# is not a proxy.
_GIVING = re.compile(rf"\s{_GIVES}{_POWER}(?:\s+de\s+vote)?\s+{_TO_WHOM}\s", re.I)
# "procuration de X à Y": the grantor follows the keyword.
_OF = re.compile(rf"\b{_POWER}\s+(?:de|donn[ée]e?\s+par)\s+", re.I)
_TO = re.compile(rf"^\s*{_TO_WHOM}\s", re.I)
# "X (pouvoir donné à Y)", "X (procuration à Y)", "X (représenté par Y)"; in a proxies list also
# "X (à Y)", "X (par Y)".
_PAREN = re.compile(rf"\((?P<body>[^()]*?\b(?:{_POWER}|repr[ée]sent[ée]e?s?)\b[^()]*?\s(?:à|a|par|en\s+faveur\s+de)[.,]?\s[^()]*)\)", re.I)
_BARE_PAREN = re.compile(r"\((?P<body>\s*(?:à|par)\s[^()]*)\)", re.I)


# What closes an item: its vote or its decisions. An arrival, a departure or a proxy printed after
# it happened once the item was voted, and counts from the next item.
_RESOLUTION = re.compile(
    r"unanimit|\bvoix\b|\bvotes?\s+pour\b|\b(?:pour|contre|abstentions?)\s*:|\bmise?\s+aux\s+voix"
    r"|\b(?:adopt|approuv|rejet|vot)[ée]e?s?\b|\bd[ée]cide\b|\bd[ée]lib[ée]r[ée]\b|^\s*Article\s+\d",
    re.I,
)
# 'AUTORISE le Maire', 'DIT que', 'DÉCIDE :' — not a heading in capitals ('FIXATION DU MONTANT').
_UPPER_VERB = re.compile(r"(?:^|[.;:]\s)[A-ZÉÈÊ]{3,}\s*(?::|\s(?:[a-zà-ÿœ]|M\.|Mmes?\b|Madame|Monsieur))")


def closes_item(sentence: str) -> bool:
    return bool(_RESOLUTION.search(sentence) or _UPPER_VERB.search(sentence))


def before_tail(lines: list[Line]) -> list[Line]:
    """An item's lines up to its last vote or decision line (all of them when none is found)."""
    last = max((i for i, l in enumerate(lines) if closes_item(l.text) and not _CONNECTOR.search(f" {l.text} ")),
               default=len(lines) - 1)
    return lines[: last + 1]


_SENTENCE = re.compile(r"(?:\b[A-Z]\.|\bMM\.|\bMmes?\.|\bMlle\.|\bMr\.|[^.!?])+")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMM)(?<!\bMme)(?<!\bMlle)(?<!\bMr)[.!?;:]\s")


def _last_name(text: str) -> Optional[str]:
    names = split_names(text)
    if names:
        return names[-1]
    name, _ = take_name(text, backward=True)
    if not name:  # prose: the subject opening the sentence ('M. X quitte la séance et donne pouvoir')
        name, _ = take_name(re.split(r"(?<![A-Z])[.;:]\s", text)[-1])
    return clean_name(name) if name else None


_KEYWORD = re.compile(rf"\b(?:{_POWER}|repr[ée]sent[ée]e?s?)\b", re.I)
# (a speck OCR read after the connector at a line's end: "procuration à." / "Gaël ÉTIENNE)")
_NOTE_CONNECTOR = re.compile(r"(?:^|\s)(?:à|a|par|au\s+profit\s+de|en\s+faveur\s+de)[.,]?\s", re.I)


def _after_connector(body: str) -> str:
    """What follows the connector of a note: '(a donné pouvoir à M. Y)' -> 'M. Y' (the 'a' of
    'a donné' is no connector: the one after the keyword is)."""
    key = _KEYWORD.search(body)
    m = _NOTE_CONNECTOR.search(body, key.end() if key else 0) or _NOTE_CONNECTOR.search(body)
    return body[m.end():] if m else body


def _paren_pairs(text: str, bare: bool = False, given: bool = False) -> list[tuple[str, str]]:
    pairs = []
    for m in list(_PAREN.finditer(text)) + (list(_BARE_PAREN.finditer(text)) if bare else []):
        if given and not _GIVEN_NOTE.search(m.group("body")):
            continue
        grantor = _last_name(text[: m.start()])
        holder, _ = take_name(_after_connector(m.group("body")))
        if grantor and holder:
            pairs.append((grantor, clean_name(holder) or holder))
    return pairs


_GIVEN_NOTE = re.compile(rf"\b(?:{_GIVES})?(?:pouvoirs?|procurations?)\b", re.I)


def _given_notes(text: str) -> list[tuple[str, str]]:
    """In an item's body, a note after a name that gives a proxy: 'Mme X (départ à 21h30,
    pouvoir à M. Y)'. A 'représenté par' note there may name a company's agent: not read."""
    return _paren_pairs(text, given=True)


_NOTE_KEYWORD = re.compile(rf"{_POWER}|repr[ée]sent[ée]e?s?", re.I)


def _lost_note_pairs(text: str) -> list[tuple[str, str]]:
    """"X RETAERE à M. Y)": a proxy note whose "(" OCR lost, with or without its keyword. Given
    "à", the person after it holds the proxy; given "par", only when the keyword is still read
    ("représenté par"), since "(remplacé par …)" names a suppléant."""
    pairs = []
    for start, person, close in lost_notes(text):
        connector = text[start:person].split()[-1].lower()
        if connector == "par" and not _NOTE_KEYWORD.search(text[start:person]):
            continue
        grantor = _last_name(text[:start])
        holder, _ = take_name(text[person:close])
        if grantor and holder:
            pairs.append((grantor, clean_name(holder) or holder))
    return pairs


def _of_to_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for m in _OF.finditer(text):
        grantor, used = take_name(text[m.end():])
        rest = text[m.end() + used:]
        to = _TO.match(rest)
        if grantor and to:
            holder, _ = take_name(rest[to.end():])
            if holder:
                pairs.append((clean_name(grantor) or grantor, clean_name(holder) or holder))
    return pairs


def _next_connector(text: str, pos: int, bare_a: bool, strict: bool = False):
    m = (_GIVING if strict else _CONNECTOR).search(text, pos)
    if bare_a:
        bare = _BARE_A.search(text, pos)
        if m is None or (bare is not None and bare.start() < m.start()):
            return bare
    return m


def parse_pairs(text: str, bare_a: bool = False, strict: bool = False) -> list[tuple[str, str]]:
    """(grantor, holder) pairs in one list or sentence; `bare_a` accepts 'X à Y' (inside a
    'Pouvoirs :' list, where 'à' alone links the two)."""
    text = normalize_marks(text)
    pairs = _given_notes(text) if strict else _paren_pairs(text, bare_a) + _lost_note_pairs(text) + _of_to_pairs(text)
    text = drop_parens(text)
    pos = 0
    while (m := _next_connector(text, pos, bare_a, strict)) is not None:
        grantor = _last_name(_SENTENCE_END.split(text[pos: m.start()])[-1])
        holder, used = take_name(text[m.end():])
        if grantor and holder:
            pairs.append((grantor, clean_name(holder) or holder))
        pos = m.end() + used
        if grantor and holder and not bare_a:
            more, pos = _elided_pairs(text, pos)
            pairs.extend(more)
    return pairs


_ELIDED = re.compile(r"\s*(?:,\s*(?:et\s+)?|;\s*|\s+et\s+)(?=\S)")


def _elided_pairs(text: str, pos: int) -> tuple[list[tuple[str, str]], int]:
    """'X a donné pouvoir à Y, Z à W et V à U': the verb is not repeated for the next pairs."""
    pairs = []
    while (sep := _ELIDED.match(text, pos)) is not None:
        grantor, used = take_name(text[sep.end():])
        to = _TO.match(text[sep.end() + used:]) if grantor else None
        if not to:
            break
        start = sep.end() + used + to.end()
        holder, used_h = take_name(text[start:])
        if not holder:
            break
        pairs.append((clean_name(grantor) or grantor, clean_name(holder) or holder))
        pos = start + used_h
    return pairs, pos


def _dedupe(proxies: Iterable[Proxy]) -> list[Proxy]:
    seen, out = set(), []
    for p in proxies:
        key = name_key(p.grantor)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _from_block(block: ListBlock) -> list[Proxy]:
    text = join_lines(block.content)
    ev = Evidence.of_lines(block.lines, EXTRACTOR)
    return [Proxy(g, h, ev) for g, h in parse_pairs(text, bare_a=block.kind == "proxy")]


def _from_sentences(lines: list[Line], strict: bool = False) -> list[Proxy]:
    """Proxies written in prose ('M. X, qui quitte la séance, donne pouvoir à M. Y'), read
    sentence by sentence so that a phrase wrapped over two lines is found."""
    spans, text = [], ""
    for line in lines:
        start = len(text) + 1
        text = f"{text} {line.text}"
        spans.append((start, len(text), line))
    trigger = _GIVING if strict else _CONNECTOR
    out = []
    for sm in _SENTENCE.finditer(text + " "):
        sentence = " " + sm.group(0) + " "
        if not (trigger.search(sentence) or (not strict and _OF.search(sentence))
                or (strict and _PAREN.search(sentence))):
            continue
        where = [line for a, b, line in spans if a < sm.end() and b > sm.start()]
        for g, h in parse_pairs(sentence, strict=strict):
            out.append(Proxy(g, h, Evidence.of_lines(where, EXTRACTOR)))
    return out


@per_lines
def _people_blocks(lines: list[Line]) -> list[ListBlock]:
    return [b for b in read_lists(lines) if _has_people(b)]


def session_context(d: DeliberationText) -> tuple[list[Line], list[Line]]:
    """(session preamble, earlier items' lines) for one item.

    A layout may leave the preamble's lists among the lines before the first item; the first run
    of labelled lists found there (and what precedes it) is then the preamble."""
    if _people_blocks(d.session) or not d.before:
        return d.session, d.before
    blocks = _people_blocks(d.before)
    if not blocks:
        return d.session, d.before
    index = {id(l): i for i, l in enumerate(d.before)}
    end = max(index[id(l)] for l in blocks[0].lines)
    for block in blocks[1:]:
        first = min(index[id(l)] for l in block.lines)
        if first - end > 3:  # a later list belongs to an earlier item, not to the preamble
            break
        end = max(end, max(index[id(l)] for l in block.lines))
    return d.session + d.before[: end + 1], d.before[end + 1:]


def session_blocks(d: DeliberationText) -> list[ListBlock]:
    """Labelled people lists of the session; an extract laid out without a preamble has them in
    its own lines."""
    session, _ = session_context(d)
    blocks = read_lists(session)
    if not any(_has_people(b) for b in blocks):
        own = read_lists(d.lines)
        if any(_has_people(b) for b in own):
            return own
    return blocks


def _has_people(block: ListBlock) -> bool:
    text = join_lines(block.content)
    return bool(split_names(text) or parse_pairs(text, bare_a=block.kind == "proxy"))


def session_grid(d: DeliberationText):
    """The attendance grid of the session (see attendance_grid), or of an extract's own lines."""
    from extractors.attendance_grid import read_grid

    session, _ = session_context(d)
    return read_grid(session) or (read_grid(d.lines[:80]) if d.kind == "extract" else None)


def extract_proxies(d: DeliberationText) -> list[Proxy]:
    grid = session_grid(d)
    in_blocks = set(grid.line_ids) if grid else set()
    found: list[Proxy] = list(grid.proxies) if grid else []
    blocks = [b for b in session_blocks(d) if not any(id(l) in in_blocks for l in b.lines)]
    for block in blocks:
        found.extend(_from_block(block))
        in_blocks.update(id(l) for l in block.lines)
    session, before = session_context(d)
    session_rest = [l for l in session if id(l) not in in_blocks]
    found.extend(_from_sentences(session_rest))
    found.extend(_from_sentences([l for l in before + before_tail(d.lines) if id(l) not in in_blocks], strict=True))
    return _dedupe(found)
