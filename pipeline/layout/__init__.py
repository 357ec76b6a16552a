"""Layout stage: split a document's lines into the session preamble and its deliberations.

Two kinds of files exist:
- an *extract* ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS") holds one deliberation: what precedes
  its subject heading ("Objet : …" or a numbered act heading) is the session, the rest (visas,
  DÉCIDE, signatures, annexes and their tables) is the deliberation;
- *minutes* (procès-verbal, compte rendu) hold many agenda items. Each item starts at a heading
  and ends where the next one starts. Only voted items are deliberations: the secretary's
  designation, the approval of the previous minutes, information items, "questions diverses",
  the mayor's decisions taken by delegation and items without any vote are dropped.

Headings of minutes come in families: act numbers ("2020-038 …", "D2025-027- Objet : …",
"20240219 1-…"), numbers ("1/ …", "2. …", "3) …"), roman numerals, "Objet : …". The family
that numbers the items (the *primary* one) is chosen per document, so numbered lists inside an
item ("1) Il propose …") do not cut it. Minutes without numbered headings are split on their
agenda ("Ordre du jour" entries repeated as headings), on fixed procedural headings, and after
each closing vote line ("Vote : à l'unanimité").

Page furniture (running headers and footers, page numbers, the side column of counts repeated
on every page of some scans, the prefecture e-transmission stamp) is taken out of the items
first (only the repeated words: body words sharing a row of a margin box stay content); the first
page's furniture is kept in the session, where the counts and stamp are read.

Modules: patterns (line-level wording), headings (item headings, numbering families, agenda,
boundaries), furniture, sections (roles of an item's lines), synthetic (Lines from plain text).
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import DeliberationText, DocText, Layout, Line
from .furniture import split_furniture
from .headings import OBJET_RE, act_match, find_boundaries, heading_keyword, heading_style, rejoin_labels
from .patterns import (ATTENDANCE_EVENT, CLOSING, EXTRACT_MARK, MINUTES_MARK, RECAP_TITLE, RESULT_LINE, VISA, council_decision, has_vote,
                       is_bullet,
                       is_count_line, is_decide_opener, norm, strip_bullet)
from .sections import split_sections
from .synthetic import lines_from_text, lines_from_text_pages

__all__ = ["segment", "segment_lines", "split_sections", "lines_from_text", "lines_from_text_pages", "norm",
           "detect_kind", "split_furniture", "find_boundaries", "heading_style", "is_count_line", "is_decide_opener",
           "has_vote", "is_bullet", "strip_bullet"]


# --------------------------------------------------------------------------- items
# The approval of the previous minutes, recognised by its wording when its heading is lost.
_APPROVAL_BODY = re.compile(r"\b(?:s'il y a des|aucune|pas d'|sans) observations?\b.*|\bobservations? sur le (?:proces|compte)")


def _drop_reason(item: list[Line]) -> Optional[str]:
    k = heading_keyword(item[0].text)
    if k:
        return k
    stated = council_decision(item[1:] or item)
    if stated == "previous minutes" and len(item) <= 8:
        return "approval"
    if not has_vote(item):
        # A decision stated without a vote formula ("Le conseil municipal prend acte du rapport",
        # "… accepte le don") is a deliberation all the same.
        return None if stated == "decision" else "no vote"
    if len(item) <= 8 and not any(is_decide_opener(l.text) for l in item) \
            and any(_APPROVAL_BODY.search(norm(l.text)) for l in item):
        return "approval"
    return None


def _trim_tail(item: list[Line]) -> list[Line]:
    """Cut what follows the item's own text: the closing of the session, a recap list of the
    deliberations, signatures, and discussion printed on pages after the vote."""
    cut = len(item)
    for k in range(1, len(item)):
        n = norm(item[k].text)
        if CLOSING.search(n) or RECAP_TITLE.match(n):
            cut = k
            break
    item = item[:cut]
    sections = split_sections(item)
    anchors = sections["counts"] + sections["decide"]
    if not anchors:
        return item
    last_page = max(l.page for l in anchors)
    ids = {id(l) for l in anchors}
    last = max(k for k, l in enumerate(item) if id(l) in ids)
    kept_tail = []
    for l in item[last + 1:]:
        if l.page > last_page:
            # ... but the words that record the vote's result, opening the next page, are the item's
            if len(l.text) <= 80 and RESULT_LINE.search(norm(l.text)):
                kept_tail.append(l)
                continue
            break
        kept_tail.append(l)
    return item[:last + 1] + kept_tail


def _merge_by_order(order: dict[int, int], *groups: list[Line]) -> list[Line]:
    out = [l for g in groups for l in g]
    out.sort(key=lambda l: order.get(id(l), 0))
    return out


def _extract_subject_index(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if OBJET_RE.match(text) or act_match(text):
            return i
    for i, line in enumerate(lines):
        if VISA.search(norm(line.text)) or is_decide_opener(line.text):
            # The subject is printed just above the first visa when it has no label.
            j = i
            while j > 0 and not is_count_line(lines[j - 1].text) and not ATTENDANCE_EVENT.search(norm(lines[j - 1].text)) \
                    and i - j < 2 and len(lines[j - 1].text) <= 200:
                j -= 1
            return j if j < i else i
    return 0


def _segment_extracts(lines: list[Line], furniture_first: list[Line], order) -> tuple[list[Line], list[DeliberationText]]:
    marks = [i for i, l in enumerate(lines) if EXTRACT_MARK.search(norm(l.text))]
    chunks: list[tuple[int, int]] = []
    starts = [0]
    for i in marks[1:]:
        page_lines = [k for k, l in enumerate(lines) if l.page == lines[i].page]
        start = page_lines[0] if page_lines and i - page_lines[0] <= 8 else i
        if start > starts[-1]:
            starts.append(start)
    bounds = starts + [len(lines)]
    for a, b in zip(bounds, bounds[1:]):
        chunk = lines[a:b]
        # A repeated page header opening a page of the same extract has no subject of its own.
        if chunks and not any(OBJET_RE.match(l.text.strip()) or act_match(l.text.strip()) for l in chunk):
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    delibs: list[DeliberationText] = []
    first_session: list[Line] = []
    for seq, (a, b) in enumerate(chunks, start=1):
        chunk = lines[a:b]
        s = _extract_subject_index(chunk)
        session = chunk[:s]
        own = chunk[s:]
        if seq == 1:
            session = _merge_by_order(order, session, furniture_first)
            first_session = session
        delibs.append(DeliberationText(seq=seq, lines=own, session=session, before=[],
                                       sections=split_sections(own), kind="extract"))
    return first_session, delibs


_MINUTES_TITLE = re.compile(r"proces[- ]verbal|compte[- ]rendu d[ue] ")


def detect_kind(lines: list[Line]) -> str:
    head = [norm(l.text) for l in lines[:40]]
    marks = [t for t in head if EXTRACT_MARK.search(t)]
    if marks and not any(_MINUTES_TITLE.search(t) and not EXTRACT_MARK.search(t) for t in head[:6]):
        if not all(_MINUTES_TITLE.search(t) for t in marks):
            return "extract"
        # "Extrait du procès-verbal" heads one deliberation, or a copy of the whole minutes:
        # the items tell which.
        items, _ = find_boundaries(lines)
        copies = sum(1 for l in lines if EXTRACT_MARK.search(norm(l.text)))
        if len(items) < 2 or copies >= len(items):
            return "extract"
    if any(MINUTES_MARK.search(t) for t in head):
        return "minutes"
    items, _ = find_boundaries(lines)
    return "minutes" if len(items) >= 2 else "extract"


def _later_readings(furniture: list[Line], first_page: int) -> list[Line]:
    """A margin box of counts repeated on every page is read once per page; when OCR garbles a
    figure on the first page, a later copy may hold it. A later page's furniture whose figures
    read differently from the first page's follows the session whole (labels with their
    figures), so extractors can fall back on it."""
    first = {norm(l.text) for l in furniture if l.page == first_page}
    later: list[Line] = []
    for page in sorted({l.page for l in furniture} - {first_page}):
        copy = [l for l in furniture if l.page == page]
        if any(norm(l.text) not in first and any(c.isdigit() for c in l.text) for l in copy):
            later.extend(copy)
            first |= {norm(l.text) for l in copy}
    return later


def segment_lines(lines: list[Line]) -> tuple[str, list[Line], list[DeliberationText]]:
    """(kind, session lines, deliberations) for a document's lines in reading order."""
    lines = [l for l in lines if l.text.strip()]
    order = {id(l): k for k, l in enumerate(lines)}
    content, furniture = split_furniture(rejoin_labels(lines))
    for l in furniture + content:
        if id(l) not in order:  # split stamp/body parts of one line keep their line's place
            src = next((k for k, x in enumerate(lines) if x.page == l.page and l.words and l.words[0] in x.words), 0)
            order[id(l)] = src
    first_page = min((l.page for l in lines), default=1)
    furniture_first = [l for l in furniture if l.page == first_page]
    kind = detect_kind(lines)
    if kind == "extract":
        session, delibs = _segment_extracts(content, furniture_first, order)
        return kind, session, delibs
    items, start = find_boundaries(content)
    session = _merge_by_order(order, content[:start], furniture_first) + _later_readings(furniture, first_page)
    delibs: list[DeliberationText] = []
    ends = items[1:] + [len(content)]
    for a, b in zip(items, ends):
        item = content[a:b]
        if _drop_reason(item):
            continue
        item = _trim_tail(item)
        delibs.append(DeliberationText(
            seq=len(delibs) + 1, lines=item, session=session, before=content[start:a],
            sections=split_sections(item), kind="minutes"))
    return kind, session, delibs


def segment(doc: DocText) -> Layout:
    """Split a read document into its session preamble and one DeliberationText per voted item."""
    kind, session, delibs = segment_lines(doc.lines)
    return Layout(doc=doc, kind=kind, session=session, deliberations=delibs)
