"""Attendance: who was present, excused or absent for one deliberation.

The session lists ("Présents :", "Absents excusés :", "Absents :", proxies) give the base; a member
who gave a proxy is 'excused' even when listed among the absents. Arrivals and departures then
change it: a note in the session preamble with no item reference counts for every item (an
arrival makes the member present); lines of earlier items carry lasting changes ("quitte la
séance", "arrivée de M. X"); the item's own lines carry changes for that item only ("quitte la
salle" while the item is discussed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.name_lists import ListBlock
from extractors.names import (
    clean_name, join_lines, name_key, normalize_marks, reconcile, split_names, take_name,
)
from extractors.proxies import (
    _CONNECTOR, closes_item, extract_proxies, parse_pairs, session_blocks, session_context, session_grid,
)
from pipeline.model import AttendanceEntry, DeliberationText, Evidence, Line

EXTRACTOR = "attendance"
_RANK = {"present": 0, "excused": 1, "absent": 2}

_ARRIVES = (r"(?:est\s+)?(?:arriv[ée]e?s?|arrive|rejoint\s+(?:la\s+s[ée]ance|l['’]assembl[ée]e|le\s+conseil|la\s+salle|l['’]assistance)"
            r"|entre\s+en\s+s[ée]ance|prend\s+(?:place|s[ée]ance|part\s+[àa]\s+la\s+s[ée]ance))\b")
_RETURNS = (r"(?:si[èe]ge\s+[àa]\s+nouveau|revient(?!\s+sur\b)|est\s+de\s+retour|r[ée]int[èe]gre|regagne|rentre\s+(?:dans|en))\b")
_LEAVES = (r"(?:quitte|a\s+quitt[ée]|sort\s+de|se\s+retire\s+de|s['’]absente\s+de)\s+"
           r"(?:momentan[ée]ment\s+|provisoirement\s+|d[ée]finitivement\s+)?"
           r"(?P<place>la\s+salle|la\s+s[ée]ance|l['’]assembl[ée]e|le\s+conseil|la\s+r[ée]union|l['’]h[ée]micycle)"
           r"|(?:se\s+retire|s['’]absente|s['’]est\s+retir[ée]e?|sort)\b")
_NOUN_EVENT = re.compile(r"\b(?P<what>arriv[ée]e|retour|d[ée]part)\s+de\s+", re.I)
# 'Mme X (départ à 21h30, pouvoir à M. Y)', 'M. Z (arrivée au point 3)': a note after the name.
_NOTE_EVENT = re.compile(r"\(\s*(?P<what>arriv[ée]e?|retour|d[ée]part|sortie)\b(?!\s+de\s)", re.I)
_VERB_EVENT = re.compile(rf"(?P<arrive>{_ARRIVES})|(?P<back>{_RETURNS})|(?P<leave>{_LEAVES})", re.I)


@dataclass
class _Event:
    kind: str  # 'arrive' | 'back' | 'leave'
    name: str
    lasting: bool  # a departure from the whole sitting, not only from the room for one item
    lines: list
    tail: bool = False  # printed after the item's vote: it takes effect from the next item


@dataclass
class _Entry:
    name: str
    status: str
    evidence: Evidence
    order: tuple


_CIVILITY_AT = re.compile(r"(?<![\w.])(?:M\.|MM\.?|Mmes?\.?|Mlle\.?|Mr\.?|Monsieur|Madame|Mademoiselle)(?=\s|[A-ZÀ-ÝŒŸ])", re.I)
_SENTENCES = re.compile(r"(?:\b[A-Z]\.|\bMM\.|\bMmes?\.|\bMlle\.|\bMr\.|[^.!?;])+")


# 'Monsieur le Maire quitte la salle' (the compte administratif is voted without the maire):
# the person is whoever presides, named in the preamble.
PRESIDENT = "\x00president"
_PRESIDING = re.compile(
    r"(?:\b(?:M\.|Monsieur|Madame|Mme)\s+)?\b(?:le|la)\s+(?:maire|pr[ée]sident(?:e)?)\b"
    r"(?:\s*,[^,]{1,40},?)?\s*$", re.I)


def _subject(sentence: str, verb_start: int) -> Optional[str]:
    """Who does the verb: the name right before it, else the first person the sentence names
    ('Monsieur Leroux cède la parole à … et quitte la salle')."""
    before = sentence[:verb_start].rstrip(" ,")
    name, _ = take_name(before, backward=True)
    if not name and _PRESIDING.search(before):
        return PRESIDENT
    if not name:
        civ = _CIVILITY_AT.search(before)
        if civ:
            name, _ = take_name(before[civ.start():])
    return clean_name(name) if name else None


def _lines_of(spans: list[tuple[int, int, Line]], start: int, end: int) -> list[Line]:
    return [line for s, e, line in spans if s < end and e > start]


def _events_in(lines: list[Line]) -> list[_Event]:
    """Arrivals, returns and departures in reading order, read sentence by sentence; those after
    the last sentence that votes or decides are marked `tail`."""
    spans, text = [], ""
    for line in lines:
        start = len(text) + (1 if text else 0)
        text = f"{text} {line.text}" if text else line.text
        spans.append((start, len(text), line))
    events: list[_Event] = []
    last_resolution = -1
    for sm in _SENTENCES.finditer(text):
        sentence = sm.group(0)
        if not (_VERB_EVENT.search(sentence) or _NOUN_EVENT.search(sentence) or _NOTE_EVENT.search(sentence)):
            if closes_item(sentence):
                last_resolution = sm.start()
                for e in events:
                    e.tail = False
            continue
        where = _lines_of(spans, sm.start(), sm.end())
        first = len(events)
        taken = []
        for m in _NOUN_EVENT.finditer(sentence):
            taken.append((m.start(), m.end()))
            name, _ = take_name(sentence[m.end():])
            name = clean_name(name) if name else None
            if name:
                what = m.group("what").lower()
                kind = "leave" if what.startswith("d") else "arrive" if what.startswith("arr") else "back"
                events.append(_Event(kind, name, kind == "leave", where))
        for m in _NOTE_EVENT.finditer(sentence):
            close = sentence.find(")", m.end())
            taken.append((m.start(), close if close >= 0 else len(sentence)))
            name = _subject(sentence, m.start())
            if name:
                what = m.group("what").lower()
                kind = "arrive" if what.startswith("arr") else "back" if what.startswith("r") else "leave"
                events.append(_Event(kind, name, kind == "leave", where))
        for m in _VERB_EVENT.finditer(sentence):
            if any(a <= m.start() < b for a, b in taken):
                continue
            name = _subject(sentence, m.start())
            if not name:
                continue
            kind = "arrive" if m.group("arrive") else "back" if m.group("back") else "leave"
            place = (m.groupdict().get("place") or "").lower()
            lasting = kind == "leave" and place != "" and "salle" not in place
            events.append(_Event(kind, name, lasting, where))
        for e in events[first:]:
            e.tail = last_resolution >= 0
    return events


def _drop_holders(text: str) -> str:
    """'A donne pouvoir à B, C' -> 'A , C': a holder named inside an absents list is not absent."""
    out, pos = "", 0
    for m in _CONNECTOR.finditer(text):
        if m.start() < pos:
            continue
        _, used = take_name(text[m.end():])
        closes = text[m.end(): m.end() + used].rstrip().endswith(")")  # the note's end stays
        out += text[pos: m.start()] + " , " + (")" if closes else "")
        pos = m.end() + used
    return out + text[pos:]


# 'M. Alain JOLY (suppléant de M. Jean DUPONT)': the substitute sits, the titulaire is excused.
_SUBSTITUTE = re.compile(
    r"[(,]?\s*(?:en\s+)?(?:suppl[ée]ant|rempla[çc]ant)(?:e|s|es)?\s+(?:de|du|d['’])\s*(?:titulaire\s+)?", re.I)


# 'M. Jean DUPONT représenté par son suppléant M. Alain JOLY': the same, titulaire first.
_SAT_FOR_BY = re.compile(
    r"\s*,?\s+(?:est\s+)?(?:repr[ée]sent[ée]e?|remplac[ée]e?)\s+par\s+(?:son|sa|le|la)\s+"
    r"(?:suppl[ée]ant|rempla[çc]ant)e?\s*(?:,\s*)?", re.I)


def _titulaires_first(text: str) -> tuple[str, list[str]]:
    out, pos, titulaires = "", 0, []
    for m in _SAT_FOR_BY.finditer(text):
        name, used = take_name(text[pos: m.start()], backward=True)
        if not name or not clean_name(name):
            continue
        titulaires.append(clean_name(name))
        out += text[pos: m.start() - used] + " "
        pos = m.end()
    return out + text[pos:], titulaires


def _drop_substitutes(text: str) -> tuple[str, list[str]]:
    """The list without its 'suppléant de X' notes, and the titulaires they name."""
    text, titulaires = _titulaires_first(text)
    out, pos = "", 0
    for m in _SUBSTITUTE.finditer(text):
        if m.start() < pos:
            continue
        name, used = take_name(text[m.end():])
        end = m.end() + used
        close = re.match(r"\s*\)", text[end:])
        if close:
            end += close.end()
        if name and clean_name(name):
            titulaires.append(clean_name(name))
        out += text[pos: m.start()] + " "
        pos = end
    return out + text[pos:], titulaires


# '(excusé)', or the bare word after the name: 'M. CHAMPAGNAT excusé, M. LEBLANC'.
_EXCUSED_NOTE = re.compile(r"\(\s*excus[ée]e?s?\s*\)|(?<=[\w.])\s*,?\s+excus[ée]e?\b(?!\s*:)", re.I)


def _noted_excused(text: str) -> set[str]:
    """'Absents : Luc LEROY (excusé), Anne ROY': a note marks one member of the list excused."""
    keys = set()
    for m in _EXCUSED_NOTE.finditer(text):
        name, _ = take_name(text[: m.start()].rstrip(), backward=True)
        if name and clean_name(name):
            keys.add(name_key(clean_name(name)))
    return keys


def _unpaired(text: str) -> list[str]:
    """'Représentés : Anne MARTIN, Paul DURAND': members under a proxies label whose holder is not
    named are excused all the same."""
    if parse_pairs(text, bare_a=True):
        return []  # a list of pairs: its leftovers are pieces of names cut by the connectors
    return split_names(text)


# Entries read from 'tous présents sauf …' (and the holders it implies present) carry this
# extractor: the présents are implied, not listed, so no count or list check may rely on them.
IMPLICIT_PRESENTS = "attendance_implicit"
_NOTE_EXCUSED = re.compile(r"\bexcus[ée]|\bemp[êe]ch[ée]|\bpouvoir|\bprocuration|\bd[ée]l[ée]gation|\brepr[ée]sent[ée]", re.I)
_NOTE_ABSENT = re.compile(r"\babsent", re.I)
_NOTE_PLURAL = re.compile(r"\b(?:excus[ée]e?s|absent(?:e?s))\b", re.I)
_TOP_SEPARATOR = re.compile(r"[,;]|\s+et\s+|\s+[-–—]\s+")


def _top_fragments(text: str) -> list[str]:
    """Fragments split at separators outside parentheses (a note keeps its commas)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|" + _TOP_SEPARATOR.pattern, text):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(text[start: m.start()])
            start = m.end()
    return out + [text[start:]]


def excepted(text: str) -> list[tuple[str, str]]:
    """'M. A (procuration à M. Y), Mme B, excusée, et de M. C, absent' -> (name, status) of each
    member the exception names: a note after a person ('excusé', a proxy given, 'absent') sets
    theirs; a plural note closing the list ('M. A et M. B, excusés') sets all unnoted ones; no
    note at all: absent."""
    text = re.sub(r"(?<![\w'’])(?:de|d['’])\s*(?=(?:M\.|MM\b|Mmes?\b|Mlle|Monsieur|Madame|Mademoiselle|Messieurs|Mesdames))",
                  " ", _drop_holders(normalize_marks(text)), flags=re.I)
    people: list[list] = []  # [name, status or None]
    for frag in _top_fragments(text):
        name = clean_name(frag)
        if name:
            people.append([name, None])
        notes = re.findall(r"\(([^()]*)\)", frag) if name else [frag]
        note = " ".join(notes)
        status = "excused" if _NOTE_EXCUSED.search(note) else "absent" if _NOTE_ABSENT.search(note) else None
        if status is None or not people:
            continue
        if not name and _NOTE_PLURAL.search(note):
            for person in people:
                person[1] = person[1] or status
        else:
            people[-1][1] = status
    return [(name, status or "absent") for name, status in people]


def _base_entries(blocks: list[ListBlock]) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    titulaires: list[tuple[str, Evidence, tuple]] = []
    for b_index, block in enumerate(blocks):
        ev = Evidence.of_lines(block.lines, EXTRACTOR)
        if block.kind == "except":
            ev = Evidence.of_lines(block.lines, IMPLICIT_PRESENTS)
            for n_index, (name, status) in enumerate(excepted(join_lines(block.content))):
                entries.setdefault(name_key(name), _Entry(name, status, ev, (b_index, n_index)))
            continue
        if block.kind == "proxy":
            for n_index, name in enumerate(_unpaired(join_lines(block.content))):
                entries.setdefault(name_key(name), _Entry(name, "excused", ev, (b_index, n_index)))
            continue
        text, sat_for = _drop_substitutes(join_lines(block.content))
        text = _drop_holders(text)
        titulaires += [(t, ev, (b_index, 10_000 + i)) for i, t in enumerate(sat_for)]
        excused = _noted_excused(text) if block.kind == "absent" else set()
        for n_index, name in enumerate(split_names(text)):
            key = name_key(name)
            if key not in entries:
                status = "excused" if key in excused else block.kind
                entries[key] = _Entry(name, status, ev, (b_index, n_index))
    for name, ev, order in titulaires:
        if _match(name, entries) is None:
            entries[name_key(name)] = _Entry(name, "excused", ev, order)
    return entries


def _match(name: str, entries: dict[str, _Entry]) -> Optional[str]:
    if name_key(name) in entries:
        return name_key(name)
    hit = reconcile([name], [e.name for e in entries.values()]).get(name)
    return name_key(hit) if hit else None


def _apply_proxies(d: DeliberationText, blocks: list[ListBlock], entries: dict[str, _Entry]) -> None:
    proxy_order = next((i for i, b in enumerate(blocks) if b.kind == "proxy"), len(blocks))
    for p_index, proxy in enumerate(extract_proxies(d)):
        key = _match(proxy.grantor, entries)
        if key is None:
            entries[name_key(proxy.grantor)] = _Entry(proxy.grantor, "excused",
                                                      Evidence(proxy.evidence.page, proxy.evidence.box,
                                                               proxy.evidence.raw, EXTRACTOR),
                                                      (proxy_order, p_index))
        elif entries[key].status == "absent":
            entries[key].status = "excused"


def _implied_holders(d: DeliberationText, entries: dict[str, _Entry]) -> None:
    """'Tous présents sauf X (pouvoir à Y)': Y, not named among the exceptions, sat and voted."""
    for p_index, proxy in enumerate(extract_proxies(d)):
        if _match(proxy.holder, entries) is None:
            ev = Evidence(proxy.evidence.page, proxy.evidence.box, proxy.evidence.raw, IMPLICIT_PRESENTS)
            entries[name_key(proxy.holder)] = _Entry(proxy.holder, "present", ev, (-2, p_index))


def _set(entries: dict[str, _Entry], event: _Event, status: str, allow_new: bool, order: tuple) -> None:
    key = _match(event.name, entries)
    ev = Evidence.of_lines(event.lines, EXTRACTOR)
    if key is not None:
        entries[key].status = status
        entries[key].evidence = ev
    elif allow_new:
        entries[name_key(event.name)] = _Entry(event.name, status, ev, order)


def _presiding(d: DeliberationText, *groups: list[_Event]) -> list[list[_Event]]:
    """Events of 'le Maire' / 'la Présidente' given the name of who presides (dropped when the
    document never names them)."""
    named = None
    if any(e.name == PRESIDENT for g in groups for e in g):
        from extractors.session import extract_session  # only when a role stands for a person

        found = extract_session(d).get("president")
        named = found.value if found is not None else None
        for e in (e for g in groups for e in g if e.name == PRESIDENT):
            e.name = named
    return [[e for e in g if e.name] for g in groups]


def _replay(d: DeliberationText, entries: dict[str, _Entry]) -> None:
    """Arrivals and departures in the order they happened, up to this item's vote."""
    late = (10**6, 0)
    session, before = session_context(d)
    session_events, before_events, own = _presiding(d, _events_in(session), _events_in(before), _events_in(d.lines))
    for i, event in enumerate(session_events):
        if event.kind in ("arrive", "back"):
            _set(entries, event, "present", True, (late[0], i))
    out_of_room: dict[str, _Event] = {}  # left the room in an earlier item, no return printed yet
    for event in before_events:
        key = _match(event.name, entries)
        if event.kind in ("arrive", "back"):
            _set(entries, event, "present", event.kind == "arrive", late)
            out_of_room.pop(key, None)
        elif event.lasting:
            _set(entries, event, "absent", False, late)
        elif key is not None:
            out_of_room[key] = event
    for event in own:
        key = _match(event.name, entries)
        if key in out_of_room and event.kind == "back" and event.tail:
            _set(entries, out_of_room[key], "absent", False, late)  # out until after this item's vote
        if event.tail:
            continue
        if event.kind == "arrive":
            _set(entries, event, "present", True, late)
        elif event.kind == "leave":
            _set(entries, event, "absent", False, late)


def _grid_entries(grid) -> dict[str, _Entry]:
    return {name_key(name): _Entry(name, status, ev, (-1, i)) for i, (name, status, ev) in enumerate(grid.entries)}


def extract_attendance(d: DeliberationText) -> list[AttendanceEntry]:
    grid = session_grid(d)
    blocks = session_blocks(d)
    if grid:
        blocks = [b for b in blocks if not any(id(l) in grid.line_ids for l in b.lines)]
    entries = _grid_entries(grid) if grid else {}
    for key, entry in _base_entries(blocks).items():
        entries.setdefault(key, entry)
    if not entries and not blocks:
        return []
    _replay(d, entries)
    _apply_proxies(d, blocks, entries)  # after departures: leaving with a proxy given is 'excused'
    if any(b.kind == "except" for b in blocks):
        _implied_holders(d, entries)
    ordered = sorted(entries.values(), key=lambda e: (_RANK[e.status], e.order))
    return [AttendanceEntry(e.name, e.status, e.evidence) for e in ordered]
