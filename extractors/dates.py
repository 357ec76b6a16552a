"""French dates and times as printed in deliberations, in figures or in words.

"Séance du 12 mars 2024", "07/07/2025", "le 1er juillet", "L'an deux mille vingt-cinq, le
vingt-deux mai à vingt heures", "à 19h", "18H30", "à 20 heures 00".
Words are turned into figures with text_to_num.alpha2digit first (threshold 0, so "deux" and
"premier" convert too): only dates and times are read from the converted text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from text_to_num import alpha2digit

from extractors.joined import Joined, pair_split_dates
from extractors.numbers import NUMBER_WORDS
from pipeline.model import Evidence, Found, Line, clean_text

_NUM_WORD = "(?:" + "|".join(NUMBER_WORDS) + ")"
_CUT_NUMBER = re.compile(rf"\b({_NUM_WORD})-\s+({_NUM_WORD})\b", re.I)

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "février": 2, "fevr": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "août": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "décembre": 12, "déc": 12, "dec": 12,
}
MONTH_RE = r"(?:janvier|janv\.?|f[ée]vrier|f[ée]vr\.?|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[uû]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)"
WEEKDAY_RE = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# A day as printed, OCR look-alikes of figures included ("il octobre" is 11 octobre on a scan).
_DAY = r"(?P<day>[0-3]?\d|[0-3]?[lIi|]|[lIi|][0-9lIi|])"
_WORDS_DATE = re.compile(
    # a superscript "er" a scan splits leaves a stray letter before the month: "ler n mai 2019"
    # and a speck read as a lone mark where the day ends a line ("convoqué le 23 :" / "janvier 2019")
    rf"(?<![\w/.-])(?:{WEEKDAY_RE}\s+)?{_DAY}\s*(?:(?:er|ᵉʳ|e|°)(?:\s+[a-zA-Z](?=\s))?)?(?:\s+[:;.,_·](?=\s))?\s+(?P<month>{MONTH_RE})(?:\s*,?\s+(?P<year>\d{{4}}))?(?![\w-])",
    re.I,
)
_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(?P<day>[0-3]?\d)\s?[/.]\s?(?P<month>[01]?\d)\s?[/.]\s?(?P<year>\d{4}|\d{2})(?![\w/])")
_AN_YEAR = re.compile(r"\bl['’]\s?an\s+(?P<year>\d{4})\b", re.I)

_TIME_H = re.compile(r"(?<![\w,.])(?P<h>[0-2]?\d)\s*[hH](?:\s*(?P<m>[0-5]\d))?(?![\w])")
_TIME_HEURES = re.compile(
    r"(?<![\w,.])(?P<h>[0-2]?\d)\s+heures?(?:\s+(?P<m>[0-5]?\d)(?!\s*(?:minutes?\s+)?(?:de|d['’])\b)|\s+et\s+(?P<half>demie|quart))?(?![\w])",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int  # offsets in the normalized text (see normalize_fr)
    end: int
    has_year: bool


@lru_cache(maxsize=4096)
def normalize_fr(text: str) -> str:
    """Clean spaces and turn numbers in words into figures ("vingt-deux mai" -> "22 mai")."""
    t = clean_text(text)
    if not t:
        return t
    # A number word cut at a line end keeps a space after its hyphen ("dix- huit"): glue it back.
    t = _CUT_NUMBER.sub(r"\1-\2", t)
    try:
        t = alpha2digit(t, "fr", threshold=0)
    except Exception:  # alpha2digit is a heuristic parser: never let it break extraction
        pass
    # alpha2digit writes "1er" for "premier"; "1 er" appears in printed text too.
    return re.sub(r"\b1\s+er\b", "1er", t)


def _repair_day(token: str) -> Optional[int]:
    digits = token.translate(str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1"}))
    return int(digits) if digits.isdigit() else None


def _make_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date_matches(text: str, default_year: Optional[int] = None, normalized: bool = False) -> list[DateMatch]:
    """Every date of `text`, in order. A date without its year takes "L'an YYYY" printed before it,
    else `default_year`, else it is skipped."""
    t = text if normalized else normalize_fr(text)
    found: list[DateMatch] = []
    for m in _WORDS_DATE.finditer(t):
        day = _repair_day(m.group("day"))
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        if day is None or month is None:
            continue
        year = int(m.group("year")) if m.group("year") else None
        if year is None:
            an = [a for a in _AN_YEAR.finditer(t, 0, m.start()) if m.start() - a.end() < 40]
            year = int(an[-1].group("year")) if an else default_year
        if year is None:
            continue
        d = _make_date(year, month, day)
        if d:
            found.append(DateMatch(d, m.start(), m.end(), m.group("year") is not None))
    for m in _NUMERIC_DATE.finditer(t):
        year = int(m.group("year"))
        year = year + 2000 if year < 100 else year
        d = _make_date(year, int(m.group("month")), int(m.group("day")))
        if d:
            found.append(DateMatch(d, m.start(), m.end(), True))
    found.sort(key=lambda x: x.start)
    return found


def find_dates(text: str, default_year: Optional[int] = None) -> list[dt.date]:
    """The dates printed in `text`, in order ("12 mars 2024", "07/07/2025", "vingt-deux mai deux mille vingt-cinq")."""
    return [m.date for m in find_date_matches(text, default_year)]


def parse_date_fr(text: str, default_year: Optional[int] = None) -> Optional[dt.date]:
    """The first date printed in `text`, or None."""
    dates = find_dates(text, default_year)
    return dates[0] if dates else None


@dataclass(frozen=True)
class TimeMatch:
    hhmm: str
    start: int
    end: int


def find_time_matches(text: str, normalized: bool = False) -> list[TimeMatch]:
    """Every clock time of `text`: "19h", "18H30", "20 heures 00", "vingt heures trente"."""
    t = text if normalized else normalize_fr(text)
    out: list[TimeMatch] = []
    for rx in (_TIME_H, _TIME_HEURES):
        for m in rx.finditer(t):
            h = int(m.group("h"))
            minute = m.group("m")
            half = m.groupdict().get("half")
            mm = int(minute) if minute else (30 if half and half.lower() == "demie" else 15 if half else 0)
            if h > 23 or mm > 59:
                continue
            out.append(TimeMatch(f"{h:02d}:{mm:02d}", m.start(), m.end()))
    out.sort(key=lambda x: x.start)
    return out


def parse_time_fr(text: str) -> Optional[str]:
    """The first clock time of `text` as 'HH:MM', or None."""
    times = find_time_matches(text)
    return times[0].hhmm if times else None


# --------------------------------------------------------------------------- a sitting's date, hour and convocation
# Read from a deliberation's lines by the session extractor; evidence carries its name.
EXTRACTOR = "session"


def _found(value, lines: list[Line], raw: str) -> Found:
    return Found(value, Evidence.of_lines(lines, EXTRACTOR, clean_text(raw)))


_SESSION_DATE_CUE = re.compile(
    r"(?:s[ée]ance|r[ée]union|conseil\s+\w+|comit[ée]\s+\w+|commission\s+\w+|\bCR|compte[-\s]rendu|proc[èe]s[-\s]verbal|session)\s+(?:\w+\s+)?(?:du|de\s+la\s+s[ée]ance\s+du)?\s*$"
    # a form's label: "Date : vendredi 8 septembre 2023", "Date de la séance : …"
    r"|^\W*date(?:\s+de\s+(?:la\s+)?(?:s[ée]ance|r[ée]union))?\s*:\s*$",
    re.I)
_TITLE_CUE = re.compile(r"^\W*(?:(?:proc[èe]s[-\s]verbal|compte[-\s]rendu|extrait)\b.*)?(?:s[ée]ance|r[ée]union|session)\s+(?:\w+\s+)?du\s*$", re.I)
_NOT_SESSION_CUE = re.compile(r"(?:pr[ée]c[ée]dent|derni[èe]r|convoc|affich|vu\s|approbation|destinataire|de\s+la\s+s[ée]ance\s+du\s*$)", re.I)
_OPT_WEEKDAY = rf"(?:{WEEKDAY_RE}\s+)?"
# "… s'est réuni le 3 février 2022": read in the session's preamble only (an item may cite a
# commission "réunie le 16 février").
_MET_ON_CUE = re.compile(rf"\b(?:r[ée]uni(?:e|s|es)?|assembl[ée](?:e|s|es)?|tenue?)\s+le\s+(?={_OPT_WEEKDAY}\d)", re.I)
_PREAMBLE_CUE = re.compile(rf"\bl['’]\s?an\b|^\W*le\s+{_OPT_WEEKDAY}\d{{1,2}}(?:er)?\s+\w+\s+\d{{4}}|,\s*le\s+{_OPT_WEEKDAY}\d{{1,2}}(?:er)?\s+\w+", re.I | re.M)


def session_date_in(lines: list[Line], strict: bool) -> Optional[Found]:
    joined = Joined.of(lines)
    norm_lines = [normalize_fr(l.text) for l in lines]
    for i, t in enumerate(norm_lines):  # a title: "Séance du 12 mars 2024", "CR du conseil municipal 05 novembre 2021"
        for m in find_date_matches(t, normalized=True):
            before = t[:m.start]
            if strict and not _TITLE_CUE.match(before):
                continue
            if m.has_year and _SESSION_DATE_CUE.search(before) and not _NOT_SESSION_CUE.search(before[-60:]):
                return _found(m.date, [lines[i]], t[max(0, m.start - 25):m.end])
    norm = _normalize_joined(joined)
    cues = list(_PREAMBLE_CUE.finditer(norm)) + ([] if strict else list(_MET_ON_CUE.finditer(norm)))
    for cue in sorted(cues, key=lambda c: c.start()):  # "L'an deux mille vingt-cinq, le vingt-deux mai"
        window = norm[cue.start():cue.start() + 120]
        dates = find_date_matches(window, normalized=True)
        if dates and dates[0].start < 60 and not re.search(r"convoc|convoqu", window[:dates[0].start], re.I):
            return _found(dates[0].date, _lines_near(joined, norm, cue.start()), window[:dates[0].end])
    return None


def _normalize_joined(joined: Joined) -> str:
    return "\n".join(normalize_fr(part) for part in joined.text.split("\n"))


def _lines_near(joined: Joined, norm: str, offset: int) -> list[Line]:
    """Lines around an offset of the normalized text (normalization shifts offsets a little)."""
    ratio = len(joined.text) / max(1, len(norm))
    i = joined.line_index(int(offset * ratio))
    return joined.lines[i:i + 2]


_TIME_CUE = re.compile(r"(?:ouverte?|d[ée]bute|commence|r[ée]uni\w*|convoqu\w*|s[ée]ance\s+du)\b[^.]{0,80}$"
                       # a title's date then its hour: "… DU LUNDI 3 FÉVRIER 2020 - 20 H 00"
                       r"|\b(?:s[ée]ance|r[ée]union|conseil|comit[ée]|bureau|proc[èe]s|compte|extrait)\b[^.]{0,80}\b\d{1,2}(?:er)?\s+[^\W\d]+\s+\d{4}\s*(?:[-–—,]|[àa])\s*$|\bl['’]\s?an\b[^.]{0,120}$|\ble\s+" + _OPT_WEEKDAY + r"\d{1,2}(?:er)?\s+\w+(?:\s+\d{4})?\s*,?\s*(?:[àa]\s*)?$", re.I)
# An hour that ends, suspends or resumes the sitting, or marks a member's coming or going; a date
# may stand between the cue and the hour ("la séance est levée le 3 mars 2024 à 23h").
_TIME_BAD_CUE = re.compile(r"\b(?:lev[ée]e|cl[ôo]tur\w*|arriv\w*|d[ée]parts?\b|quitte\w*|sort\w*|suspen\w*|reprise|jusqu|fin\b)\W*(?:\w+\W+){0,6}[àa]?\s*$", re.I)


def session_time_in(lines: list[Line]) -> Optional[Found]:
    for i, line in enumerate(lines):
        t = normalize_fr(" ".join(l.text for l in lines[max(0, i - 1):i + 1]))
        offset = len(normalize_fr(lines[i - 1].text)) + 1 if i else 0
        for m in find_time_matches(t, normalized=True):
            if m.end <= offset:
                continue  # read with the line above; a time cut at the line end ("à quatorze\nheures") is read here
            before = t[:m.start]
            if _TIME_BAD_CUE.search(before[-40:]):
                continue
            if _TIME_CUE.search(before[-160:]) or re.search(r"\b[àa]\s*$", before) and _PREAMBLE_CUE.search(before):
                hhmm = _minutes_wrapped(t, m, lines[i + 1] if i + 1 < len(lines) else None)
                return _found(hhmm, [line], t[max(0, m.start - 30):m.end])
    return None


# Minutes in words after a wrap ("à neuf heures\ntrente, le Conseil"); a line that opens on a
# figure is something else ("à vingt heures\n12 conseillers présents").
_WORD_START = re.compile(r"\s*(?:et\s+)?[^\W\d_]")


def _minutes_wrapped(t: str, m: TimeMatch, following: Optional[Line]) -> str:
    """The time read on, when its hour ends the line and its minutes open the next one."""
    if following is None or m.hhmm[3:] != "00" or t[m.end:].strip() or not _WORD_START.match(following.text):
        return m.hhmm
    longer = t + " " + normalize_fr(following.text)
    for w in find_time_matches(longer, normalized=True):
        if w.start == m.start and w.end > len(t):
            return w.hhmm
    return m.hhmm


_CONVOC_RE = re.compile(
    r"(?:convoqu[ée]s?\w*|convocation)(?:\s+(?:en\s+date\s+)?(?:du|le|:|adress[ée]e\s+le|envoy[ée]e\s+le|faite\s+le))?"
    r"|date\s+(?:et\s+affichage\s+)?de\s+(?:la\s+)?conv\w*(?:\s+et\s+d['’]affichage)?\s*:?",
    re.I)


# A narrow box wraps a date's year: "Date de convocation 29/04/202\n1".
_WRAPPED_YEAR = re.compile(r"(\b\d{1,2}/\d{1,2}/\d{3})\n(\d)(?!\d)")


def convocation_in(lines: list[Line], session_date: Optional[dt.date]) -> Optional[Found]:
    joined = Joined.of(pair_split_dates(lines))
    norm = _WRAPPED_YEAR.sub(r"\1\2\n", _normalize_joined(joined))
    year = session_date.year if session_date else None
    candidates: list[tuple[dt.date, int, int]] = []
    for cue in _CONVOC_RE.finditer(norm):
        window = norm[cue.end():cue.end() + 90]
        for m in find_date_matches(window, default_year=year, normalized=True)[:1]:
            if m.start > 60:
                continue
            d = _plausible_convocation(m.date, session_date, m.has_year)
            if d:
                candidates.append((d, cue.start(), cue.end() + m.end))
    if not candidates:
        return None
    counts: dict[dt.date, int] = {}
    for d, _, _ in candidates:
        counts[d] = counts.get(d, 0) + 1
    best = max(candidates, key=lambda c: (counts[c[0]], -c[1]))
    d, a, b = best
    return Found(d, Evidence.of_lines(_lines_near(joined, norm, a), EXTRACTOR, norm[a:b]))


def _plausible_convocation(d: dt.date, session: Optional[dt.date], has_year: bool) -> Optional[dt.date]:
    """A convocation precedes the session by days or weeks; a misread year (2521) is repaired."""
    if session is None:
        return d
    if 1 <= (session - d).days <= 90:  # even an urgent convocation precedes the sitting by a day
        return d
    for year in (session.year, session.year - 1):
        try:
            alt = d.replace(year=year)
        except ValueError:
            continue
        if 1 <= (session - alt).days <= 90:
            return alt
    return None
