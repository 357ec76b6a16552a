"""Counts carried across items and a sitting's hour wrapped over two lines: snippets in, values out."""
import pytest

from extractors.counts import extract_counts
from extractors.dates import session_time_in
from pipeline.model import DeliberationText, Line


def counts_of(item: str, session: str = "", before: str = "") -> dict:
    d = DeliberationText.from_text(item, session_text=session, before_text=before, kind="minutes")
    return {k: v.value for k, v in extract_counts(d).items()}


SESSION = "Membres en exercice : 35\nPrésents : 31\nReprésentés : 3\nVotants : 34"
LEAVES = ("Point n°1 – Poste\nPrésents : 30 – Représentés : 3 – Votants : 33\n"
          "M. GIRARD, intéressé à l’affaire, quitte la salle et ne prend part ni au débat ni au vote.\n"
          "Adoptée à l’unanimité des membres présents et représentés.\n")
BACK = "M. GIRARD regagne la salle.\nPoint n°2 – Trésorerie\nAdoptée par 31 voix pour, 1 voix contre et 2 abstentions.\n"


@pytest.mark.parametrize("before, present, voters", [
    # A member left for one item and came back; a later item prints its own (mis)count: that count
    # is the item's alone, the session's counts hold again for the next items.
    (LEAVES + BACK + "Point n°3 – Voirie\nPrésents : 31 – Représentés : 3 – Votants : 36\nVote : 36 voix pour.\nAdopté.\n",
     31, 34),
    # Same, the later count agreeing with the session's.
    (LEAVES + BACK + "Point n°3 – Voirie\nPrésents : 31 – Représentés : 3 – Votants : 34\nAdopté.\n", 31, 34),
    # The member never came back: the count printed for the item with the member out holds.
    (LEAVES + "Point n°2 – Trésorerie\nAdoptée par 30 voix pour et 3 abstentions.\n", 30, 33),
    # A second member left later and a count was printed then: it is the new state.
    (LEAVES + BACK + "Mme ROUX quitte la salle.\nPoint n°3 – Voirie\nPrésents : 30 – Représentés : 3 – Votants : 33\n"
     "Adopté.\n", 30, 33),
])
def test_a_count_printed_once_everybody_is_back_is_that_items_alone(before, present, voters):
    got = counts_of("Point n°4 – Statuts\nAdopté à l’unanimité.", session=SESSION, before=before)
    assert (got.get("present_count"), got.get("voters_count")) == (present, voters)


@pytest.mark.parametrize("first, second, expected", [
    # The minutes of a time in words wrap to the next line of a narrow preamble.
    ("L’an deux mille vingt et un, le vingt-six mai à neuf heures", "trente, le Conseil municipal de la commune de", "09:30"),
    ("le vingt-six mai 2021 à dix-huit heures", "et demie, le Conseil municipal s’est réuni", "18:30"),
    ("le vingt-six mai à vingt heures", "quinze, le Conseil municipal s’est réuni", "20:15"),
    # The next line opens on something else: the hour stands alone.
    ("le vingt-six mai à vingt heures", "le Conseil municipal s’est réuni", "20:00"),
    ("le vingt-six mai à vingt heures", "12 conseillers étant présents", "20:00"),
    # Minutes printed on the hour's line are read there.
    ("le vingt-six mai à vingt heures trente,", "le Conseil municipal", "20:30"),
])
def test_a_sitting_hour_whose_minutes_wrap(first, second, expected):
    found = session_time_in([Line.synthetic(first), Line.synthetic(second)])
    assert found is not None and found.value == expected
