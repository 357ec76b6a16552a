"""Person names as printed: civility removed, whitespace collapsed.

Owner: attendance/proxies extractors. Others import `strip_civility`.
"""
from __future__ import annotations

import re

from pipeline.model import clean_text

_CIVILITY = re.compile(r"^(?:(?:M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Mr\.?|Monsieur|Madame|Mademoiselle|Messieurs|Mesdames)\s*)+", re.I)


def strip_civility(name: str) -> str:
    """'Monsieur Didier ACHALME' -> 'Didier ACHALME'; 'Mme DUPONT' -> 'DUPONT'."""
    return clean_text(_CIVILITY.sub("", clean_text(name)))
