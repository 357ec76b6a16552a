"""French numbers as printed in counts: figures, words ("quarante-deux", "DEUX"), OCR slips.

Owner: counts/session extractors. Other extractors import `parse_count`, `NUMBER_RE`.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from text_to_num import text2num

# Letters OCR prints for digits inside a numeric field: "O" for 0, "l"/"I"/"i"/"|" for 1
# (tesseract reads "11" in a side box as "il"), "S" for 5, "B" for 8.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1",
                             "L": "1", "S": "5", "B": "8"})
_OCR_TOKEN = re.compile(r"[0-9OoQlIiL|!SB]+")

# Words a French count is spelled with (capitals and missing accents are common).
NUMBER_WORDS = (
    "zéro", "zero", "une", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingts", "vingt", "trente", "quarante",
    "cinquante", "soixante", "cents", "cent", "mille", "mil",
)
_WORD = r"(?:" + "|".join(NUMBER_WORDS) + r")"
# A number written in words: "quarante-deux", "vingt et un", "DEUX", "quatre-vingt-dix-neuf".
WORDS_RE = rf"(?<![\w'’]){_WORD}(?:(?:[\s-]+et)?[\s-]+{_WORD})*(?![\w'’])"
# A count as printed in a field: figures ("1 234" too), OCR look-alikes of figures, or words.
NUMBER_RE = rf"(?:(?<![\w,.])\d{{1,4}}(?![\d,.]\d)(?!\d)|(?<![\w'’])(?:[OolIi|!]{{1,2}}|t|[lIL][SB]|[0-9][OolI]|[OolI][0-9])(?![\w'’])|{WORDS_RE})"


def repair_ocr_digits(token: str) -> str:
    """Map digit-looking letters to digits when the token is mostly digits or a short letter pair.

    Only call it on a token that sits where a count is printed: 'il' is the pronoun in prose
    but '11' after "en exercice :".
    """
    if _OCR_TOKEN.fullmatch(token) and (any(c.isdigit() for c in token) or len(token) <= 2):
        return token.translate(_OCR_DIGITS)
    if token == "t":  # a lone "1" whose foot OCR read as a t ("par t voix pour")
        return "1"
    return token


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _words_to_int(text: str) -> Optional[int]:
    t = re.sub(r"\s+", " ", text.lower().strip())
    t = re.sub(r"\bzero\b", "zéro", t)
    t = re.sub(r"\bmil\b", "mille", t)
    candidates = (t, t.replace("-", " "), re.sub(r"[\s-]+", "-", t), re.sub(r"\s*-\s*", "-", t))
    for cand in candidates:
        try:
            return text2num(cand, "fr")
        except ValueError:
            continue
    return None


def parse_count(text: str) -> Optional[int]:
    """'42' -> 42, 'quarante-deux' -> 42, 'DEUX' -> 2, 'une' -> 1, 'O' -> 0, '1 234' -> 1234; None otherwise."""
    if text is None:
        return None
    t = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().strip(".,;:()[]«»\"'")
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", t):
        return int(t.replace(" ", ""))
    t = repair_ocr_digits(t)
    if t.isdigit():
        return int(t)
    if not re.fullmatch(r"[A-Za-zÀ-ÿ\s-]+", t):
        return None
    if not all(_strip_accents(w).lower() in {_strip_accents(x) for x in NUMBER_WORDS} | {"et"}
               for w in re.split(r"[\s-]+", t) if w):
        return None
    return _words_to_int(t)


_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
          "douze", "treize", "quatorze", "quinze", "seize"]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_100(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the teens ride on the lower ten
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = n - (60 if tens == 7 else 80)
        joiner = " et " if (tens == 7 and rest == 11) else "-"
        return base + joiner + _below_100(rest)
    if tens == 8:
        return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _UNITS[unit]
    word = _TENS[tens]
    if unit == 0:
        return word
    return word + (" et un" if unit == 1 else "-" + _UNITS[unit])


def to_french_words(n: int) -> str:
    """0..999999 in French words (traditional spelling), for generators and tests."""
    if n < 0 or n > 999_999:
        raise ValueError(n)
    if n < 100:
        return _below_100(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else _UNITS[hundreds] + (" cents" if rest == 0 else " cent")
        return head if rest == 0 else head + " " + _below_100(rest)
    thousands, rest = divmod(n, 1000)
    head = "mille" if thousands == 1 else to_french_words(thousands) + " mille"
    head = head.replace("cents mille", "cent mille")
    return head if rest == 0 else head + " " + to_french_words(rest)
