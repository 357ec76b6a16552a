"""Item headings of minutes and where the items start: numbering families, procedural keywords, agenda."""
from __future__ import annotations

import math
import re
from typing import Optional

from rapidfuzz import fuzz

from ..model import Line
from .patterns import (OBJET_RE, VISA, VOTE_EVIDENCE, is_bullet, is_count_line, is_decide_opener, norm, strip_bullet,
                       upper_share)


# --------------------------------------------------------------------------- headings
_DASH = r"[-–—‐]"
# An act number: a year and a serial ("2020-038", "2021/42", "20240219 1"), often behind a letter
# prefix naming the act's kind ("D2025-027", "DEL-2021-042", "DCM-2019-003", "CC_2022_14").
_PREFIX = r"(?:[A-Z]{1,4}\s*[-_]?\s*)"
_ACT_RES = (
    re.compile(r"^(?:d[ée]lib[ée]ration|d[ée]lib\.?)\s*(?:n\s*[°ºo]?\s*)?(?P<num>" + _PREFIX + r"?\d{2,4}\s*[-/_.]\s*\d{1,4}"
               r"(?:\s*[-/_.]\s*\d{1,4})?)\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>.*)$", re.I),
    re.compile(r"^n\s*[°º]\s*(?P<num>" + _PREFIX + r"?\d{2,4}\s*[-/_.]\s*\d{1,4}(?:\s*[-/_.]\s*\d{1,4})?)\s*(?:" + _DASH
               + r"|[:.])*\s*(?P<title>.*)$", re.I),
    re.compile(r"^(?P<num>(?!DM)[A-Z]{1,4}(?:\s?|[-_])\d{4}\s*[-_/]\s*\d{2,4})\b\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>.*)$"),
    re.compile(r"^(?P<num>(?:19|20)\d{2}\s*[-/_.]\s*\d{1,3}(?:\s*[-/_.]\s*\d{1,3})?)\s*(?:" + _DASH
               + r"|[:.])*\s+(?P<title>(?=\S*[A-Za-zÀ-ÿ]|\d+\s?(?:er|re|ère|e|è|ème|eme)\b)\S.*)$"),
    re.compile(r"^(?P<num>(?:19|20)\d{6}\s*[-_]?\s*\d{1,3})\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>(?=\S*[A-Za-zÀ-ÿ]|\d+\s?(?:er|re|ère|e|è|ème|eme)\b)\S.*)$"),
    # A serial without the year, named as a deliberation: "Délibération n° 45 : Vote du budget".
    re.compile(r"^(?:d[ée]lib[ée]ration|d[ée]lib\.?)\s*n\s*[°º]\s*(?P<num>\d{1,4})\s*(?:" + _DASH + r"|[:.])+\s*(?P<title>.*)$", re.I),
)
# Numbers printed bare, before a procedural heading too ("2020-037 Approbation du PV").
_YEAR_SERIAL_RES = _ACT_RES[3:5]
# The act number on a line of its own, the subject following on an "Objet :" line.
ACT_LABEL = re.compile(r"^(?:d[ée]lib[ée]ration|d[ée]lib\.?)\s*n\s*[°ºo]\s*(?P<num>" + _PREFIX + r"?\d{1,4}"
                        r"(?:\s*[-/_.]\s*\d{1,4}){0,2})\s*[:.]?$", re.I)
# "]" is how OCR reads the "/" or ")" after a number; it joins whichever family the others form.
_NUM_RE = re.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>/|\)|\]|\.(?!\d)|°\)?|\s?" + _DASH + r"{1,2}(?!\d))\s*(?P<title>[A-Za-zÀ-ÿ«\"'].*)$")
# "Point n°4 – …", "Question 2 : …", "Dossier n° 3 - …": a numbered agenda point named as such.
_POINT_RE = re.compile(r"^(?:point|question|dossier|affaire|rapport)\s*(?:n\s*[°ºo]\.?\s*)?(?P<num>\d{1,2})\s*"
                       r"(?:[-–—‐:./)]{1,2}\s*)?(?P<title>[A-Za-zÀ-ÿ«\"'].*)$", re.I)
_ROMAN_RE = re.compile(r"^(?P<num>[IVX]{1,5})\s*(?P<sep>[.)/]|\s" + _DASH + r")\s*(?P<title>[A-Za-zÀ-ÿ].*)$")
# An act number with a two-figure year, the subject after it: "17-120 TARIFS COMMUNAUX 2018".
# Bare figures open prose too ("12-15 rue des Écoles …"): such a number heads items only as a
# series of one year, or alone before a title in capitals.
_SHORT_ACT_RE = re.compile(r"^(?P<year>\d{2})\s*[-/.]\s*(?P<num>\d{1,4})(?P<sep>\s*(?:" + _DASH + r"|:)\s*|\s+)"
                           r"(?P<title>[A-ZÀ-ÝŒŸ«\"].*)$")
_LETTER_RE = re.compile(r"^(?P<num>[A-H])\s*(?P<sep>/|\))\s*(?P<title>[A-Za-zÀ-ÿ].*)$")

# Procedural headings, recognised on the heading's words whatever its numbering.
_KW_DROP = (
    ("questions", re.compile(r"^q?u?estions? diver\w*|^affaires? diverses|^points? divers|^divers\s*:?$|^questions orales")),
    ("information", re.compile(r"^informations?\b|^pour information|^points? d'information|^communications?\b")),
    ("delegation", re.compile(r"^(?:compte[- ]rendu des |liste des )?decisions? (?:prises? )?(?:par (?:le maire|delegation|monsieur|madame)"
                              r"|du maire|en vertu|dans le cadre)|^decisions? du (?:maire|president)")),
    ("approval", re.compile(r"^(?:approbation|adoption|validation) d[ue]s? (?:dernier )?(?:proces[- ]?verba\w*|compte[- ]?rendu|pv\b|cr\b)")),
    ("secretary", re.compile(r"^(?:designation|nomination|election|choix) d[ue]s? (?:la |le )?secretaire")),
)
_KW_SESSION = (
    ("agenda", re.compile(r"^ordre du jo\w*\b")),
    ("opening", re.compile(r"^q?o?uve\w*ture de (?:la|ia) seance")),
)
_FUZZY_KW = (("questions", "questions diverses"), ("agenda", "ordre du jour"), ("opening", "ouverture de la seance"))


def heading_keyword(text: str) -> Optional[str]:
    """The procedural keyword a heading starts with (its numbering removed), if any."""
    bare = strip_bullet(text)
    core = norm(bare)
    m = _POINT_RE.match(bare) or _NUM_RE.match(bare) or _ROMAN_RE.match(bare) or _LETTER_RE.match(bare)
    if m:
        core = norm(m.group("title"))
    else:
        for rx in _YEAR_SERIAL_RES:
            m = rx.match(bare)
            if m:
                core = norm(m.group("title"))
                break
    if len(core.split()) > 14:
        return None
    for name, rx in _KW_DROP + _KW_SESSION:
        if rx.search(core):
            return name
    for name, word in _FUZZY_KW:
        head = core[: len(word) + 1].strip(" :")
        if len(core.split()) <= 5 and fuzz.ratio(head, word) >= 82:
            return name
    return None


# What opens an act's number: a label and a prefix ("Délibération n°DEL-").
_SERIAL_OPENING = r"^(?P<head>\W{0,3}(?:(?:d[ée]lib[ée]ration|acte)\s*n\s*[°º]?\s*)?(?:[A-Z]{1,5}[-_]?)?"
# OCR splits a serial's figures after a narrow "1" ("DEL-2020-1 16 - Création …" for "DEL-2020-116") …
_SPLIT_SERIAL = re.compile(_SERIAL_OPENING + r"(?:19|20)\d\d\s?[-_/]\s?1) (?P<tail>\d{1,2})(?=\s*(?:[-–—:]|$))", re.I)
# … or before a year's last figure ("Délibération n°201 9-110 : …" for "n°2019-110").
_SPLIT_YEAR = re.compile(_SERIAL_OPENING + r"(?:19|20)\d) (?P<tail>\d\s?[-_/]\s?\d{1,4}\b)", re.I)


def join_split_serial(text: str) -> str:
    return _SPLIT_YEAR.sub(r"\g<head>\g<tail>", _SPLIT_SERIAL.sub(r"\g<head>\g<tail>", text))


def act_match(text: str):
    text = join_split_serial(text)
    for rx in _ACT_RES:
        m = rx.match(text)
        if m and re.search(r"[A-Za-zÀ-ÿ]{3}", m.group("title") or ""):
            return m
    return None


# Marks OCR reads in the margin before a line's first word (a rule, a stamp's edge).
_OCR_LEAD = re.compile(r"^[=|:]+\s*")


def heading_style(line: Line) -> Optional[tuple[str, Optional[int], str]]:
    """(style, number, title) when the line looks like a numbered or titled heading."""
    text = _OCR_LEAD.sub("", line.text.strip())
    if len(text) > 220:
        return None
    m = act_match(text)
    if m:
        return "act", None, m.group("title").strip()
    if ACT_LABEL.match(text):
        return "act", None, ""
    m = OBJET_RE.match(text)
    if m and len(m.group("title").split()) >= 2:
        return "objet", None, m.group("title").strip()
    m = _POINT_RE.match(text)
    if m and len(text) <= 180:
        return "num:point", int(m.group("num")), m.group("title").strip()
    m = _NUM_RE.match(text)
    if m and len(text) <= 180 and len(m.group("title").split()) >= 1:
        sep = m.group("sep").strip()
        sep = "-" if sep and sep in "-–—‐" else sep[:1]
        return f"num{sep}", int(m.group("num")), m.group("title").strip()
    m = _ROMAN_RE.match(text)
    if m and len(text) <= 150:
        return "roman", _roman(m.group("num")), m.group("title").strip()
    m = _LETTER_RE.match(text)
    if m and len(text) <= 150:
        return "letter", ord(m.group("num")) - 64, m.group("title").strip()
    m = _SHORT_ACT_RE.match(text)
    if m and len(text) <= 180 and re.search(r"[A-Za-zÀ-ÿ]{3}", m.group("title")):
        return "act:" + m.group("year"), int(m.group("num")), m.group("title").strip()
    return None


# A heading's label alone: "5 -", "Point", "Point n°5", "12.".
_LABEL_ONLY = re.compile(r"^(?:(?:point|question|dossier|affaire|rapport)(?:\s*n\s*[°ºo]\.?\s*\d{1,2})?|\d{1,2})"
                         r"\s*[-–—‐./)\]:°]?$", re.I)


def rejoin_labels(lines: list[Line]) -> list[Line]:
    """Put back a heading's label that OCR read as a line of its own after the title it precedes
    on the same row ("Attribution d'une subvention …" then "5 -"), so the numbering is seen."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and _LABEL_ONLY.match(line.text.strip()) \
                and _left_on_same_row(line, prev):
            out[-1] = Line.from_words(line.words + prev.words)
            continue
        out.append(line)
    return out


def _left_on_same_row(label: Line, line: Line) -> bool:
    """Is `label` printed just left of `line`'s first word, on the same row? (Lines of a skewed
    scan slope, so the row is judged on the first word, not on the whole line's box.)"""
    if not label.words or not line.words or label.box is None:
        return False
    first = line.words[0]
    x0, top, x1, bottom = label.box
    overlap = min(bottom, first.bottom) - max(top, first.top)
    return x1 <= first.x0 + 2 and bottom > top and overlap >= 0.5 * (bottom - top)


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -vals[a] if b in vals and vals[b] > vals[a] else vals[a]
    return total


# --------------------------------------------------------------------------- agenda
def _agenda_span(lines: list[Line]) -> tuple[int, int]:
    """[start, end) of the agenda list that follows an "Ordre du jour" line, or (0, 0).

    The list is kept only as far as its entries come back later in the document (as item
    headings); a heading "Ordre du jour" followed directly by the items yields no list."""
    for i, line in enumerate(lines[:400]):
        if heading_keyword(line.text) != "agenda":
            continue
        j = i + 1
        seen: list[str] = []
        end = j
        while j < len(lines) and j - i <= 40:
            t = lines[j].text
            n = norm(strip_bullet(t))
            if re.fullmatch(r"[-_=*. ]{3,}", t.strip()) and seen:
                break
            if VOTE_EVIDENCE.search(n):
                break
            if any(fuzz.ratio(n, s) >= 88 for s in seen):
                break
            seen.append(n)
            j += 1
            if heading_keyword(t) == "questions":
                break
        end = j
        # Keep the prefix whose last entry is repeated later in the document.
        later = [norm(strip_bullet(l.text)) for l in lines[end:]]
        last_ok = None
        for k in range(i + 1, end):
            n = norm(strip_bullet(lines[k].text))
            n = _strip_number(n)
            if len(n) < 8:
                continue
            if heading_keyword(lines[k].text) == "questions" and last_ok is not None:
                last_ok = k
                continue
            if any(_fuzzy_same(n, _strip_number(x)) for x in later):
                last_ok = k
        if last_ok is not None:
            return i + 1, last_ok + 1
    return 0, 0


def _strip_number(n: str) -> str:
    m = re.match(r"^(?:\d{1,2}|[ivx]{1,4})\s*(?:[/).°-]|\s-)\s*", n)
    return n[m.end():] if m else n


# How many first characters of a heading and of its agenda entry must agree.
HEAD_CHARS = 12


def _words_before(head: str, line: str) -> float:
    """How many words of three letters or more `line` prints before the start of `head`
    (infinite when it does not print that start)."""
    found = fuzz.partial_ratio_alignment(head[:HEAD_CHARS], line, score_cutoff=75)
    if found is None:
        return math.inf
    return sum(1 for w in line[:found.dest_start].split() if w.isalpha() and len(w) >= 3)


def _fuzzy_same(a: str, b: str) -> bool:
    if len(a) < 8 or len(b) < 8:
        return False
    # A heading starts as its agenda entry does, after a number or a label word at most: a
    # sentence quoting the entry after words of its own ("Considérant que les zones
    # d'accélération pour …") is close by ratio, not by its start.
    if min(_words_before(a, b), _words_before(b, a)) > 1:
        return False
    if fuzz.ratio(a, b) >= 85:
        return True
    # A heading cut short by OCR (or printed over two lines) keeps its beginning.
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and fuzz.ratio(short, long_[:len(short)]) >= 88


# --------------------------------------------------------------------------- boundaries
def _chain(cands: list[tuple[int, int]]) -> list[int]:
    """Indexes of the longest run of headings numbered 1, 2, 3 … (latest on ties).

    A number may be skipped when it appears nowhere later (its heading lost by OCR or printed
    out of line), so one unreadable heading does not end the run. A heading of the family whose
    digit OCR misread ("4." for "1.", "7." for "2.") takes the place the numbers around it leave
    for it: first of the run when the run goes on from 2, between n and n + 2 otherwise."""
    best: list[int] = []
    nums = [num for _, num in cands]
    starts = [(k, [cands[k][0]], 1) for k, num in enumerate(nums) if num == 1]
    if 1 not in nums:
        starts += [(k, [cands[k - 1][0], cands[k][0]], 2) for k, num in enumerate(nums) if num == 2 and k > 0]
    if not starts and cands:
        starts = [(0, [cands[0][0]], nums[0])]
    for s, run, last in starts:
        run = list(run)
        pos = s + 1
        while pos < len(cands):
            idx, num = cands[pos]
            later = nums[pos:]
            if num == last + 1 or (num == last + 2 and last + 1 not in later):
                run.append(idx)
                last = num
            elif pos + 1 < len(cands) and nums[pos + 1] == last + 2 and last + 1 not in later:
                run.append(idx)
                last += 1
            pos += 1
        if len(run) >= len(best):
            best = run
    return best


# A heading label mangled by OCR: its separator lost or split off ("2 DEMANDE DE …"), read as
# a digit ("21 Adhésion …" for "2/ Adhésion …"), or behind margin marks.
# A "1" before a dash may be read as a letter ("L - Décision modificative …"), its dot lost with it
# ("L Admission en non-valeur …" for "1. Admission …"): no French sentence opens on a lone "L".
_LOOSE_LABEL = re.compile(r"^[.,'_=|]*\s*(?P<num>\d{1,2}|[lIL](?=\s?[-–—]\s|\s+[A-ZÀ-Ý][a-zà-ÿ]))\s*[^\w\s]{0,2}\s*"
                          r"(?P<title>[A-ZÀ-ÝŒŸ][A-Za-zÀ-ÿ'’]+\b.*)$")
# How far above a run opening on 2 the mangled label of its first item is looked for.
FIRST_LABEL_LINES = 40


def _fill_gaps(lines: list[Line], chain: list[int], styles: dict) -> list[int]:
    """Add the heading of a number missing between two headings of the chain (3 between 2 and 4)
    when a line between them carries that number in a mangled label; likewise the first item's
    above a run that opens on 2."""
    out = []
    if styles[chain[0]][1] == 2:
        above = range(chain[0] - 1, max(chain[0] - 1 - FIRST_LABEL_LINES, -1), -1)
        k = next((i for i in above if 1 in _loose_numbers(lines[i])), None)
        if k is not None:
            out.append(k)
            styles.setdefault(k, (styles[chain[0]][0], 1, lines[k].text))
    out.append(chain[0])
    in_capitals = all(upper_share(styles[i][2]) >= 0.9 for i in chain)
    for a, b in zip(chain, chain[1:]):
        lo, hi = styles[a][1], styles[b][1]
        if hi - lo == 2:
            k = next((i for i in range(a + 1, b) if lo + 1 in _loose_numbers(lines[i])), None)
            if k is None and in_capitals:
                k = _lone_title_between(lines, a, b)
            if k is not None:
                out.append(k)
                styles.setdefault(k, (styles[a][0], lo + 1, lines[k].text))
        out.append(b)
    return out


def _lone_title_between(lines: list[Line], a: int, b: int) -> Optional[int]:
    """The one line in capitals between two headings in capitals whose number OCR lost whole
    ("æ." read apart from "CONVENTION DE PARTENARIAT …"): the missing item's title."""
    titles = [i for i in range(a + 2, b) if len(lines[i].text) >= 20 and upper_share(lines[i].text) >= 0.9
              and not is_count_line(lines[i].text) and not VISA.search(norm(lines[i].text))]
    return titles[0] if len(titles) == 1 else None


def _loose_numbers(line: Line) -> set[int]:
    """The numbers a mangled label may stand for ("21" is 21, or 2 with its "/" read as "1")."""
    text = line.text.strip()
    m = _LOOSE_LABEL.match(text)
    if not m or len(text) > 180 or is_count_line(text) or is_decide_opener(text) or VISA.search(norm(text)):
        return set()
    digits = m.group("num")
    if not digits.isdigit():
        return {1}
    return {int(digits), int(digits[0])} if len(digits) == 2 and digits[1] == "1" else {int(digits)}


def _numbered_families(counts: dict[str, list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Candidate lists of each numbering family ("1/", "1.", "1 -", "Point n°1" …), with the
    OCR-ambiguous "1]" headings added to every family."""
    wild = counts.get("num]", [])
    families = [v for k, v in counts.items() if k.startswith("num") and k != "num]"]
    if not families:
        return [wild] if wild else []
    return [sorted(v + wild) for v in families]


def _is_bold_heading(lines: list[Line], i: int) -> bool:
    line = lines[i]
    if line.bold_ratio < 0.8 or len(line.text) > 160 or line.text.rstrip().endswith("."):
        return False
    if is_count_line(line.text) or is_decide_opener(line.text) or VISA.search(norm(line.text)) or is_bullet(line.text):
        return False
    prev = lines[i - 1] if i > 0 else None
    return prev is None or prev.bold_ratio < 0.5


def _vote_boundaries(lines: list[Line], lo: int) -> list[int]:
    """Starts of the lines that follow a closing vote line ("Vote : à l'unanimité")."""
    out = []
    i = lo
    while i < len(lines):
        n = norm(strip_bullet(lines[i].text))
        if re.match(r"^(?:votes?|vore|resultats? du vote)\b", n) or (
                re.match(r"^(?:adoptee?s?|approuvee?s?|rejetee?s?)\b", n) and VOTE_EVIDENCE.search(n)):
            j = i + 1
            while j < len(lines) and (is_count_line(lines[j].text) or is_bullet(lines[j].text)
                                      or lines[j].text[:1].islower()):
                j += 1
            if j < len(lines):
                out.append(j)
            i = j
            continue
        i += 1
    return out


# A roll-call line naming people: "Présents : Jean DUPONT …", "Secrétaire de séance : Marie MARTIN".
_ROLL_CALL = re.compile(
    r"^(?:etaient |sont )?(?:membres |conseillers )?(?:presents?|absents?(?: excuses?)?|excuses?|pouvoirs?|procurations?"
    r"|secretaire de seance|ont donne (?:pouvoir|procuration))\b[^:]{0,30}:\s*(?:mm?e?s?\b|monsieur|madame|[a-z]{2,})")


def _above_roll_call(lines: list[Line], i: int) -> bool:
    """Is line i a title of the preamble (a bold "COMPTE RENDU …", "Séance du …") rather than an
    item heading? The roll call follows it before any vote or decision."""
    for line in lines[i + 1:i + 60]:
        n = norm(line.text)
        if _ROLL_CALL.match(n):
            return True
        if VOTE_EVIDENCE.search(n) or is_decide_opener(line.text):
            return False
    return False


def _short_act_series(lines: list[Line], counts: dict) -> list[int]:
    """The longest run of two-figure-year act numbers of one year with rising serials, each
    printed as a heading (its title in capitals, or after a dash or colon)."""
    best: list[int] = []
    for st, cands in counts.items():
        if not st.startswith("act:"):
            continue
        run: list[int] = []
        last = -1
        for i, num in sorted(cands):
            if num > last and _short_act_heading(lines[i]):
                run.append(i)
                last = num
        if len(run) > len(best):
            best = run
    return best


def _short_act_heading(line: Line) -> bool:
    m = _SHORT_ACT_RE.match(_OCR_LEAD.sub("", line.text.strip()))
    return bool(m) and (upper_share(m.group("title")) > 0.7 or bool(m.group("sep").strip()))


def _lone_heading(lines: list[Line], best: list[int], counts: dict) -> Optional[int]:
    """The heading of the only item of a session: a heading numbered 1 (I, A, point 1), an
    "Objet :" line, or an act number before a title in capitals, with no second of its kind."""
    cands = []
    if len(best) == 1 and heading_style(lines[best[0]])[1] == 1:
        cands.append(best[0])
    if len(counts.get("objet", [])) == 1:
        cands.append(counts["objet"][0][0])
    short = [i for st, v in counts.items() if st.startswith("act:") for i, _ in v]
    if len(short) == 1 and _short_act_heading(lines[short[0]]):
        cands.append(short[0])
    for i in sorted(cands):
        title = heading_style(lines[i])[2]
        # A title in capitals may open on a verb's stem ("VOTE DES TAUX"); a decided article does not.
        opener = is_decide_opener(title) and upper_share(title) < 0.7
        if title[:1].isupper() and not VOTE_EVIDENCE.search(norm(title)) and not opener \
                and not VISA.search(norm(title)) and not _above_roll_call(lines, i):
            return i
    return None


def find_boundaries(lines: list[Line]) -> tuple[list[int], int]:
    """(item start indexes after the session, index where the session ends)."""
    a0, a1 = _agenda_span(lines)
    in_agenda = set(range(a0, a1))
    styles: dict[int, tuple[str, Optional[int], str]] = {}
    for i, line in enumerate(lines):
        if i not in in_agenda:
            st = heading_style(line)
            if st:
                styles[i] = st
    kws = {i: k for i, line in enumerate(lines) if i not in in_agenda and (k := heading_keyword(line.text))
           and len(line.text) <= 160}
    counts: dict[str, list[tuple[int, int]]] = {}
    for i, (st, num, _) in styles.items():
        counts.setdefault(st, []).append((i, num or 0))
    primary: list[int] = []
    lone: Optional[int] = None
    acts = [i for i, _ in counts.get("act", [])]
    if len(acts) >= 2:
        primary = acts
    else:
        chains = [_chain(v) for v in _numbered_families(counts)]
        chains.append(_chain(counts.get("roman", [])))
        best = max(chains, key=len, default=[])
        if len(best) < 2:
            # Lettered items ("A) …") number a session only when nothing else does: inside a
            # numbered item they are its sub-points.
            best = max([best, _chain(counts.get("letter", []))], key=len)
        series = _short_act_series(lines, counts)
        if len(series) >= 2 and len(series) >= len(best):
            primary = series
        elif len(best) >= 2:
            primary = _fill_gaps(lines, best, styles)
        elif len(counts.get("objet", [])) >= 2:
            primary = [i for i, _ in counts["objet"]]
        elif len(acts) == 1:
            primary = acts
        else:
            lone = _lone_heading(lines, best, counts)
    bounds = set(primary) | set(kws)
    if primary:
        # Higher-level section titles ("II. PERSONNEL") close the item before them.
        if styles[primary[0]][0] != "roman":
            bounds |= {i for i, (st, _, t) in styles.items() if st == "roman" and upper_share(t) > 0.7}
    else:
        bounds |= set(_vote_boundaries(lines, a1))
        # Agenda entries printed over two lines are matched on their first line only.
        entries = [_strip_number(norm(strip_bullet(lines[k].text))) for k in range(a0, a1)
                   if not lines[k].text[:1].islower()]
        for i in range(a1, len(lines)):
            n = _strip_number(norm(strip_bullet(lines[i].text)))
            if len(n) >= 12 and any(_fuzzy_same(n, e) for e in entries) and (i - 1) not in bounds:
                bounds.add(i)
        bounds |= {i for i in range(len(lines)) if i not in in_agenda and _is_bold_heading(lines, i)}
        # A session of one item has a single heading: it opens the items when no other cut
        # comes before it.
        if lone is not None and all(b > lone for b in bounds - set(kws)):
            bounds.add(lone)
    session_kws = {"agenda", "opening", "secretary"}
    ordered = sorted(bounds)
    firm = set(primary)
    start = next((i for i in ordered if kws.get(i) not in session_kws and i >= a1
                  and (i in firm or not _above_roll_call(lines, i))), len(lines))
    # The secretary's designation belongs to the preamble only when it comes before the items.
    items = [i for i in ordered if i >= start]
    return items, start


