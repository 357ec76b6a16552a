"""Split one item's lines by role: header, attendance, counts, visas, decide, annexes, body."""
from __future__ import annotations

import re


from ..model import SECTION_NAMES, Line
from .headings import ACT_LABEL, OBJET_RE, heading_keyword, heading_style
from .patterns import (ANNEX, ARTICLE, ATTENDANCE_EVENT, DISCUSSION, INFINITIVE, VISA, is_bullet, is_count_line,
                       is_decide_opener, norm, starts_with_verb, strip_bullet, upper_share)


# --------------------------------------------------------------------------- sections
_SENTENCE_STARTERS = re.compile(
    r"^(?:monsieur|madame|m\.|mme|mr|le|la|les|l'|il|elle|ils|afin|dans|suite|conformement|pour|par|apres|sur|un|une"
    r"|vu|considerant|ce|cette|en|au|aux|a l'|lors|compte tenu|des|du|nous|on)\b")


def _header_length(lines: list[Line]) -> int:
    first = lines[0].text.strip()
    if DISCUSSION.match(first) or is_decide_opener(first) or VISA.search(norm(first)) or is_count_line(first):
        return 0  # an item cut after a vote whose heading was not read
    h = 1
    while h < min(len(lines), 4):
        prev, cur = lines[h - 1].text.strip(), lines[h].text.strip()
        ncur = norm(cur)
        if h == 1 and ACT_LABEL.match(prev) and OBJET_RE.match(cur):
            h += 1  # "Délibération n° 2023-014" then "Objet : …"
            continue
        if (heading_style(lines[h]) and heading_style(lines[h])[0] in ("act", "objet")) or is_count_line(cur) \
                or is_decide_opener(cur) or VISA.search(ncur) or is_bullet(cur) or heading_keyword(cur):
            break
        cont = (
            prev.endswith(("-", "–")) and not prev.endswith((" -", " –"))
            or cur[:1].islower()
            or cur.startswith("(")
            or (upper_share(prev) > 0.7 and re.match(r"^[A-ZÀ-ÝŒŸ]{2,}", cur) is not None)
            or (prev.endswith(":") and len(cur.split()) <= 8 and not cur.endswith("."))
            or (lines[h - 1].bold_ratio > 0.6 and lines[h].bold_ratio > 0.6 and len(cur) <= 150)
            or (len(prev) >= 60 and not re.search(r"[.:;!?]$", prev) and len(cur) <= 100
                and not _SENTENCE_STARTERS.match(ncur) and not cur.endswith("."))
        )
        if not cont:
            break
        h += 1
    return h


def _continues(prev: str, cur: str) -> bool:
    """Does `cur` continue the sentence or list of `prev`?"""
    p = prev.rstrip()
    return (cur[:1].islower() or cur[:1].isdigit() or not re.search(r"[.;!?]$|\)$", p)
            or cur.startswith(("(", "«", "\"")))


def split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Assign every line of an item to one of SECTION_NAMES, keeping document order within each."""
    sections: dict[str, list[Line]] = {name: [] for name in SECTION_NAMES}
    if not lines:
        return sections
    h = _header_length(lines)
    sections["header"].extend(lines[:h])
    state = "body"
    prev_text = lines[h - 1].text if h else ""
    for line in lines[h:]:
        text = line.text.strip()
        n = norm(strip_bullet(text))
        if state == "annexes":
            sections["annexes"].append(line)
            continue
        if ANNEX.match(n) and len(n.split()) <= 14 and not text.endswith((",", ";")):
            state = "annexes"
            sections["annexes"].append(line)
            continue
        if ATTENDANCE_EVENT.search(n) and not (is_count_line(text) and re.search(r"\d", n)):
            sections["attendance"].append(line)
            prev_text = text
            continue
        if is_decide_opener(text):
            state = "decide"
            sections["decide"].append(line)
        elif is_count_line(text) or (state == "counts" and prev_text.count("(") > prev_text.count(")")):
            # Bullets may follow a vote line ("à l'unanimité : - APPROUVE …"), prose may not.
            state = "voted" if state in ("decide", "voted") else "counts"
            sections["counts"].append(line)
        elif VISA.search(n):
            state = "visas"
            sections["visas"].append(line)
        elif state == "visas" and _continues(prev_text, text) and not DISCUSSION.match(text):
            sections["visas"].append(line)
        elif state == "decide" and _decide_continues(prev_text, text):
            sections["decide"].append(line)
        elif state in ("voted", "counts") and (is_bullet(text) or ARTICLE.match(text)) and starts_with_verb(text):
            state = "decide"
            sections["decide"].append(line)
        else:
            state = "body"
            sections["body"].append(line)
        prev_text = text
    return sections


def _decide_continues(prev: str, cur: str) -> bool:
    if DISCUSSION.match(cur) and not is_decide_opener(cur):
        return False
    if is_bullet(cur) or starts_with_verb(cur) or INFINITIVE.match(strip_bullet(cur)) or ARTICLE.match(cur):
        return True
    if prev.rstrip().endswith(":"):
        return True
    return _continues(prev, cur)


