"""Euro amounts as French administrative texts print them.

"320 000 €", "320 000,00 €", "12 500,50 euros", "1.250.000 €", "75 028,99€ HT", "3.30€",
"€ 1 250", "EUR 5 000", "150 k€", "10 millions d'euros". A figure is an amount only when a
currency mark touches it: years, article numbers, percentages and phone numbers never carry one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.model import clean_text

# Thousands grouped by spaces ("1 250 000") or dots ("1.250.000"), or a plain run of digits.
# A dot followed by exactly three digits groups thousands; followed by 1-2 digits it is a
# decimal point ("3.30€", "850.56€"), as in minutes typed on an English keyboard.
# OCR sometimes drops the first thousands space ("1317 583,00 €" for "1 317 583,00 €"): a
# four-figure head before space-grouped thousands is read as two groups, unless it is a year
# ("en 2024 150 000 €" is a year then a sum).
_INT = r"(?:(?!(?:19|20)\d\d )\d{4}(?: \d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d])|\d+)"
_DEC = r"(?:,\d+|\.\d{1,2}(?!\d))"
_NUM = rf"(?<![\d.,])(?P<num>{_INT}{_DEC}?)"
_SCALE = r"(?P<scale>k|K|M|millions?\s+d['’]|milliers?\s+d['’])?"
# OCR reads the euro sign as a pound sign ("1 141 940 £"): no French public act pays in pounds.
_CUR_AFTER = r"(?:[€£]|euros?\b|EUR\b|Euros?\b|EUROS?\b)"
_TAX = r"(?:\s*(?P<tax>H\.?T\.?|T\.?T\.?C\.?|hors\s+taxes?|toutes\s+taxes\s+comprises)(?![A-Za-z]))?"

# A speck OCR reads between the figure and the sign ("2100<€", "500 '€") does not part them.
_AFTER = re.compile(rf"{_NUM}\s?{_SCALE}\s?(?:[<>'’‘|]\s?)?{_CUR_AFTER}{_TAX}")
_BEFORE = re.compile(rf"(?:€|\bEUR)\s?(?P<num>{_INT}{_DEC}?)(?![\d])(?!\s?(?:€|euros?\b)){_TAX}")
# A figure without a currency mark is a sum when a money noun introduces it and it ends the clause
# ("pour un montant de 44184 ;"): OCR drops a euro sign printed against the figure ("44184€").
# A year never is ("la subvention de 2024.").
_BARE = re.compile(
    rf"\b(?:montant|somme|co[uû]t|enveloppe|dotation|subvention|prix)\s+(?:(?:total|global|maximum|maximal|"
    rf"annuel|estim[ée])\s+)?(?:de|d['’]\s*un\s+montant\s+de|s['’]\s*[ée]levant\s+[àa])\s+"
    rf"(?!(?:19|20)\d\d\b(?![ ,.]\d))(?P<num>{_INT}{_DEC}?)(?![\d%]|[.,]\d){_TAX}(?=\s*(?:[;,.)]|$))", re.I)
_SOIT = re.compile(r"\b(?:soit|ou)\s*$", re.IGNORECASE)

_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6}


@dataclass(frozen=True)
class Amount:
    value: float
    start: int
    end: int
    tax: Optional[str]  # 'HT' | 'TTC' | None
    restated: bool  # introduced by "soit"/"ou": the sum said another way (its TTC, a total)
    well_formed: bool = True  # False for a misprint like "90,34788€" (euros have two decimals)


def _to_float(num: str) -> float:
    num = num.replace(" ", "")
    if "," in num:
        whole, dec = num.split(",", 1)
        return float(whole.replace(".", "") + "." + dec)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
        return float(num.replace(".", ""))
    return float(num)


def _scale(raw: Optional[str]) -> float:
    if not raw:
        return 1.0
    if raw in _SCALES:
        return _SCALES[raw]
    return 1e6 if raw.lower().startswith("million") else 1e3


def _tax(raw: Optional[str]) -> Optional[str]:
    if not raw:
        return None
    r = raw.lower().replace(".", "")
    return "HT" if r.startswith("h") else "TTC"


def _well_formed(num: str) -> bool:
    return not re.search(r",\d{3,}$", num.replace(" ", ""))


# OCR reads a "0" inside a thousands group as "(", "O" or "o" ("75 (28,99€ HT" for "75 028,99€"):
# a group of three that is two figures and one such mark, between figures and before a currency,
# is repaired. The repair keeps the text's length, so offsets still point into the original.
_GROUP_SLIP = re.compile(r"(?<=\d )(?=[\d(Oo]{3}(?:,\d{1,2})?\s?(?:[€£]|euros?\b|EUR\b))([\d(Oo]{3})")


def _repair_groups(t: str) -> str:
    def fix(m: re.Match) -> str:
        g = m.group(1)
        if sum(c.isdigit() for c in g) != 2:
            return g
        if "(" in g and re.match(r"[^()]{0,16}\)", m.string[m.end():]):
            return g  # "le 12 (30 €)": a sum in brackets, not a slip
        return g.replace("(", "0").replace("O", "0").replace("o", "0")
    return _GROUP_SLIP.sub(fix, t)


def find_amounts(text: str) -> list[Amount]:
    """Every euro amount of `text` (already NFC/space-normalized or not), in reading order."""
    t = _repair_groups(clean_text(text))
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for m in _AFTER.finditer(t):
        value = _to_float(m.group("num")) * _scale(m.group("scale"))
        found.append(Amount(value, m.start(), m.end(), _tax(m.group("tax")), bool(_SOIT.search(t[: m.start()])),
                            _well_formed(m.group("num"))))
        taken.append((m.start(), m.end()))
    for m in _BEFORE.finditer(t):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        found.append(Amount(_to_float(m.group("num")), m.start(), m.end(), _tax(m.group("tax")),
                            bool(_SOIT.search(t[: m.start()])), _well_formed(m.group("num"))))
    for m in _BARE.finditer(t):
        if any(a <= m.start("num") < b for a, b in taken) or any(a.start <= m.start("num") < a.end for a in found):
            continue
        found.append(Amount(_to_float(m.group("num")), m.start("num"), m.end(), _tax(m.group("tax")),
                            bool(_SOIT.search(t[: m.start()])), _well_formed(m.group("num"))))
    return sorted(found, key=lambda a: a.start)


def parse_amounts(text: str) -> list[float]:
    """'… 320 000 € puis 12 500,50 euros' -> [320000.0, 12500.5]."""
    return [a.value for a in find_amounts(text)]


def single_amount(text: str) -> Optional[float]:
    """The one sum a decided article is about, or None when it names none or several.

    "3 800,50 € HT soit 4 560,60 € TTC" names two sums (tests/corpus/real/PROVENANCE.md note 6:
    several amounts -> null). A misprinted figure ("75 028,99€ HT, soit 90,34788€ TTC": euros have
    two decimals) is not a sum, so the well-formed one is the article's amount. The same value
    printed twice is one sum.
    """
    found = find_amounts(text)
    amounts = [a for a in found if a.well_formed]
    values = {round(a.value, 2): a.value for a in amounts}
    if len(values) == 1 and _unread_sum(text, found):
        return None  # another sum is printed but OCR garbled it: the article names several
    return next(iter(values.values())) if len(values) == 1 else None


# A currency sign after a figure and a garbled mark or two ("900 D € HT", OCR for "900,00 €").
_GARBLED_SUM = re.compile(rf"\d[ ,.]?[^\s\d€£]{{1,3}}\s?{_CUR_AFTER}")


def _unread_sum(text: str, found: list[Amount]) -> bool:
    """A sum printed next to the one read, whose figures OCR garbled beyond reading."""
    t = _repair_groups(clean_text(text))
    return any(not any(a.start <= m.start() < a.end or a.start < m.end() <= a.end for a in found)
               for m in _GARBLED_SUM.finditer(t))
