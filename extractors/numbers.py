"""French numbers as printed in counts: figures, words ("quarante-deux", "DEUX"), OCR slips.

Owner: counts/session extractors. Other extractors import `parse_count`.
"""
from __future__ import annotations

import re
from typing import Optional

from text_to_num import text2num

# Letters OCR prints for digits inside a numeric field ("O" for 0, "l"/"I" for 1).
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"})


def repair_ocr_digits(token: str) -> str:
    """Map digit-looking letters to digits when the token is mostly digits or a lone 'O'/'l'."""
    if re.fullmatch(r"[0-9OolI|SB]+", token) and (any(c.isdigit() for c in token) or len(token) <= 2):
        return token.translate(_OCR_DIGITS)
    return token


def parse_count(text: str) -> Optional[int]:
    """'42' -> 42, 'quarante-deux' -> 42, 'DEUX' -> 2, 'O' -> 0; None when not a number."""
    t = text.strip().strip(".,;:()")
    if not t:
        return None
    t = repair_ocr_digits(t)
    if t.isdigit():
        return int(t)
    try:
        return text2num(t.lower().replace(" ", "-"), "fr")
    except ValueError:
        pass
    try:
        return text2num(t.lower(), "fr")
    except ValueError:
        return None
