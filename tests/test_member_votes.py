"""Per-member votes of one item: named in a count's parenthesis or in lists of their own."""
from extractors.counts import extract_named_votes
from pipeline.model import DeliberationText


def votes(text: str):
    d = DeliberationText.from_text(text, kind="minutes")
    return [(v.person_name, v.vote) for v in extract_named_votes(d)]


def test_a_list_after_the_vote_names_who_voted_against():
    assert votes("1. Budget supplémentaire\nLe Conseil, par 4 voix pour et 2 voix contre, approuve le budget.\n"
                 "Ont voté contre : M. Luc BLANC, Mme Marie PETIT.") == [("Luc BLANC", "against"), ("Marie PETIT", "against")]


def test_a_member_not_voting_named_on_the_line_under_the_heading():
    assert votes("2. Tarifs de la cantine\nM. Paul DURAND ne prend pas part au vote.\n"
                 "Le Conseil municipal, par 5 voix pour, fixe le prix du repas.") == [("Paul DURAND", "not_voting")]


def test_a_name_in_the_parenthesis_and_in_a_list_counts_once():
    assert votes("1. Vente\nAdopté par 5 voix pour et 1 voix contre (M. Luc BLANC).\nA voté contre : M. Luc BLANC.") == [
        ("Luc BLANC", "against")]
