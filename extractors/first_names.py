"""First names OCR misread, put back from the names given in France.

Tesseract reads a letter of a first name wrong as often as any other word's ("Sändrine",
"Chantai", "Jean-Piérre"), and the document may print that person's name only once. A first
name is a word of a closed, known set (INSEE's fichier des prénoms, pipeline/data/prenoms_insee.csv):
a word read by OCR that is no first name at all, one letter away from exactly one common first
name, is that name. Known first names are never changed ("Loic" and "Loïc" are both given), nor
are surnames (in capitals), nor is anything read from a text layer.
"""
from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from extractors.numbers import _strip_accents

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "prenoms_insee.csv"
# A first name this short has too many neighbours one letter away to be repaired.
MIN_LENGTH = 4
# Between two candidates as close, the more frequent wins only by this factor of rank.
RANK_MARGIN = 3


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], dict[int, list[tuple[str, int]]]]:
    """(every first name, casefolded; the common ones by length, with their frequency rank)."""
    known, common = set(), {}
    with DATA.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            name = row["name"]
            known.add(name.casefold())
            if row["tier"] == "1":
                common.setdefault(len(name), []).append((name, int(row["rank"])))
    return frozenset(known), common


def _cost(a: str, b: str) -> float:
    """Edits from a to b, a letter that differs by its accent only counting half."""
    d = Levenshtein.distance(a.casefold(), b.casefold())
    if d == 1 and len(a) == len(b) and _strip_accents(a).casefold() == _strip_accents(b).casefold():
        return 0.5
    return float(d)


def repair_first_name(word: str) -> str:
    """The first name an OCR reading stands for, or the reading itself."""
    if "-" in word:  # "Jean-Piérre": each part on its own; "Marie-josé": a capital OCR lowered
        head, *rest = word.split("-")
        rest = [p[:1].upper() + p[1:] if p.islower() and p.casefold() in _lexicon()[0] else p for p in rest]
        return "-".join(repair_first_name(part) for part in [head, *rest])
    if len(word) < MIN_LENGTH or not re.fullmatch(r"[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+", word):
        return word
    known, common = _lexicon()
    if word.casefold() in known:
        return word
    costs = ((_cost(word, name), rank, name) for n in (len(word) - 1, len(word), len(word) + 1)
             for name, rank in common.get(n, []))
    near = sorted(c for c in costs if c[0] <= 1)
    if not near:
        return word
    best = [c for c in near if c[0] == near[0][0]]
    if len(best) == 1 or best[0][1] * RANK_MARGIN <= best[1][1]:
        return best[0][2]
    return word


def repair_name(name: str) -> str:
    """A person's name read by OCR with its first name put back: only in a name that prints its
    surname in capitals, so that a surname in lower case is never taken for a first name."""
    tokens = name.split(" ")
    if not any(len(t) >= 2 and t.isupper() for t in tokens):
        return name
    return " ".join(t if t.isupper() else repair_first_name(t) for t in tokens)


def repair_people(result, ocr_pages: set[int]) -> None:
    """Every person's name of a deliberation read on a scanned page, first names put back."""
    def on_scan(evidence) -> bool:
        return evidence is not None and evidence.page in ocr_pages

    result.attendance = [replace(a, person_name=repair_name(a.person_name)) if on_scan(a.evidence) else a
                         for a in result.attendance]
    result.proxies = [replace(p, grantor=repair_name(p.grantor), holder=repair_name(p.holder)) if on_scan(p.evidence)
                      else p for p in result.proxies]
    result.member_votes = [replace(v, person_name=repair_name(v.person_name)) if on_scan(v.evidence) else v
                           for v in result.member_votes]
    for name in ("president", "secretary"):
        found = result.fields.get(name)
        if found is not None and isinstance(found.value, str) and on_scan(found.evidence):
            result.fields[name] = replace(found, value=repair_name(found.value))
