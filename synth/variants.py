"""One person, printed differently across one document.

Real registers name the same member in several places (the présents list, the proxies, the
votes, an arrival) and do not always spell the name the same way: a doubled letter typed or read
by the scanner's OCR ("GAUDIIN" / "GAUDIN"), a lost accent, the other name order in one list
("NIGGEL Muriel" in a "Prénom NOM" document). The truth keeps each name as printed where it is
read (PROVENANCE.md note 4), so the variants live in `Session.variants`, keyed by the place they
are printed in, and both the renderer and the truth read them from there.

Every variant is one edit away from the name (or the same name in the other order), the tolerance
the validators use to match holders and grantors (validation.rules.same_person).
"""
from __future__ import annotations

import random
import unicodedata
from typing import Callable, Optional

from .generate import Person, Session

# Letters a scanner's OCR reads as another letter of the same shape (one substitution each).
# Capital I and small l are left out: in a sans-serif scan even a careful reader cannot tell them apart.
LOOKALIKE = {"U": "V", "V": "U", "C": "G", "E": "F", "O": "Q", "B": "R",
             "n": "m", "e": "c", "c": "e", "i": "l", "u": "v", "t": "f", "h": "b"}


def _strip_one_accent(word: str, rng: random.Random, letters: list[int]) -> Optional[str]:
    spots = [k for k in letters if unicodedata.decomposition(word[k])]
    if not spots:
        return None
    k = rng.choice(spots)
    bare = unicodedata.normalize("NFKD", word[k])[0]
    return word[:k] + bare + word[k + 1:]


def ocr_typo(rng: random.Random, word: str, ok: Callable[[str], bool] = lambda out: True) -> str:
    """One edit that a typist or an OCR engine makes: doubled or dropped letter, lost accent, look-alike.
    `ok` vets a candidate (the caller checks the whole name still matches)."""
    # the first letter of each part stays: it orders the parts, and readers rarely misread it
    letters = [k for k, ch in enumerate(word) if ch.isalpha() and k > 0 and word[k - 1].isalpha()]
    moves = ["double", "lookalike", "accent", "drop_double"]
    rng.shuffle(moves)
    for move in moves:
        if move == "double" and letters:
            k = rng.choice(letters)
            out = word[:k] + word[k] + word[k:]
        elif move == "accent":
            out = _strip_one_accent(word, rng, letters)
        elif move == "drop_double":
            pairs = [k for k in range(1, len(word)) if word[k] == word[k - 1] and word[k].isalpha()]
            out = word[:pairs[0]] + word[pairs[0] + 1:] if pairs else None
        else:
            spots = [k for k in letters if word[k] in LOOKALIKE]
            k = rng.choice(spots) if spots else None
            out = None if k is None else word[:k] + LOOKALIKE[word[k]] + word[k + 1:]
        if out and out != word and ok(out):
            return out
    return word + word[-1]


def misspelt(rng: random.Random, s: Session, p: Person) -> Person:
    """The person with one typo in the part of the name the document prints as the key."""
    from validation.rules import same_person
    if s.order == "first":
        return Person(ocr_typo(rng, p.first, lambda out: same_person(out, p.first)), p.last, p.female)
    full = p.name(s.order)
    return Person(p.first, ocr_typo(rng, p.last, lambda out: same_person(full, Person(p.first, out, p.female)
                                                                          .name(s.order))), p.female)


def other_order(s: Session) -> str:
    return {"fl": "lf", "lf": "fl"}.get(s.order, s.order)


def clashes(s: Session, variant: Person, order: str, who: Person) -> bool:
    """A variant must not read as another member's name."""
    from validation.rules import same_person  # the project's own matcher decides what is "the same"
    text = variant.name(order)
    return any(same_person(text, q.name(s.order)) for q in s.members + list(s.suppleants) if q != who)


def _add(s: Session, place: str, who: Person, variant: Person, order: str) -> bool:
    if variant != who and clashes(s, variant, order, who):
        return False
    s.variants[(place, who)] = (variant, order)
    return True


def draw_variants(rng: random.Random, s: Session) -> None:
    """Pick the names printed differently in this document (most documents have none)."""
    s.variants = {}
    rate = 0.5 if s.scanned else 0.3
    holders = list(dict.fromkeys(h for _, h in s.proxies))
    if holders and rng.random() < rate:
        h = rng.choice(holders)
        if rng.random() < 0.25 and s.order != "first":
            _add(s, "proxy_holder", h, h, other_order(s))
        else:
            _add(s, "proxy_holder", h, misspelt(rng, s, h), s.order)
    movers = [who for item in s.items for _, who, _ in item.events]
    if movers and rng.random() < rate:
        who = rng.choice(movers)
        _add(s, "event", who, misspelt(rng, s, who), s.order)
    voters = [p for item in s.items for p in item.vote.against_names + item.vote.abst_names]
    if voters and rng.random() < rate:
        who = rng.choice(voters)
        variant = misspelt(rng, s, who)
        if _add(s, "vote", who, variant, s.order):
            for item in s.items:  # vote names are printed from the Vote's own lists
                v = item.vote
                v.against_names = [variant if q == who else q for q in v.against_names]
                v.abst_names = [variant if q == who else q for q in v.abst_names]
