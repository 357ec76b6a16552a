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

from extractors.numbers import NUMBER_WORDS
from pipeline.model import clean_text

_NUM_WORD = "(?:" + "|".join(NUMBER_WORDS) + ")"
_CUT_NUMBER = re.compile(rf"\b({_NUM_WORD})-\s+({_NUM_WORD})\b", re.I)

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "février": 2, "fevr": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "août": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "décembre": 12, "déc": 12, "dec": 12,
}
_MONTH_RE = r"(?:janvier|janv\.?|f[ée]vrier|f[ée]vr\.?|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[uû]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# A day as printed, OCR look-alikes of figures included ("il octobre" is 11 octobre on a scan).
_DAY = r"(?P<day>[0-3]?\d|[0-3]?[lIi|]|[lIi|][0-9lIi|])"
_WORDS_DATE = re.compile(
    # a superscript "er" a scan splits leaves a stray letter before the month: "ler n mai 2019"
    rf"(?<![\w/.-])(?:{_WEEKDAY}\s+)?{_DAY}\s*(?:(?:er|ᵉʳ|e|°)(?:\s+[a-zA-Z](?=\s))?)?\s+(?P<month>{_MONTH_RE})(?:\s*,?\s+(?P<year>\d{{4}}))?(?![\w-])",
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
