"""Status rules of the objectives table: the printed status text ("Réalisée en 2023", "Non
réalisée, prévue en 2026", "Initiée en 2022 et toujours en cours") as a status and its years."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from pipeline.model import clean_text


def _plain(text: str) -> str:
    """Lowercase letters and digits only: OCR's stray accents and marks ("Én:courS", ": Réalisée")
    do not hide the words."""
    t = unicodedata.normalize("NFD", clean_text(text).lower())
    t = "".join(c for c in t if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def normalize_status(text: str) -> Optional[str]:
    """Status from the printed text (samples/README.md): annul… > Non réalisé(e) > en cours /
    Initié(e) > Réalisé(e). Read on the plain words so that OCR junk around them does not matter."""
    t = _plain(text)
    if re.search(r"\bannul|\babandon", t):
        return "cancelled"
    if re.search(r"\b(?:non|pas(?: encore)?)(?: ete)? r\w?alis", t):
        return "not_done"
    if re.search(r"\ben ?cours\b|\bcours de r|\binit ?i|\btoujours\b", t):
        return "in_progress"
    if re.search(r"\br\w?alis", t):
        return "done"
    return None


def status_year(text: str) -> Optional[int]:
    """'Réalisée en 2023', 'Initiée en 2022 …' (also 'In itiée', 'iée' as OCR cuts it) -> the year;
    never the year something is planned for ('prévue en 2026')."""
    t = _plain(text)
    m = re.search(r"\b(?:realis\w*|(?:in ?)?iti\w*|i?iee?s?|engag\w*|demarr\w*|lanc\w*)\s+en\s+((?:19|20)\d{2})\b", t)
    # "[Initiée] en 2023 et toujours en cours" with its verb lost to a smudge: still the start year
    m = m or re.search(r"\ben ((?:19|20)\d{2}) et toujours\b", t)
    return int(m.group(1)) if m else None


def planned_year(text: str) -> Optional[int]:
    m = re.search(r"\bpr[ée]vue?s?\b.{0,40}?\b((?:19|20)\d{2})\b", text, re.I)
    return int(m.group(1)) if m else None
