"""French counts as printed: figures, words, capitals, OCR look-alikes."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.numbers import NUMBER_RE, parse_count, repair_ocr_digits, to_french_words


@pytest.mark.parametrize("printed, expected", [
    ("42", 42), ("0", 0), (" 7 ", 7), ("12.", 12), ("(3)", 3), ("1 234", 1234),
    ("quarante-deux", 42), ("quarante deux", 42), ("DEUX", 2), ("ONZE", 11), ("Quinze", 15),
    ("un", 1), ("une", 1), ("UNE", 1), ("zéro", 0), ("zero", 0),
    ("vingt et un", 21), ("vingt-et-un", 21), ("soixante-dix", 70), ("quatre-vingt-dix-neuf", 99),
    ("deux cents", 200), ("trois cent quarante-deux", 342),
    ("O", 0), ("l", 1), ("I", 1), ("il", 11), ("1O", 10), ("l2", 12),
])
def test_parse_count_reads_printed_counts(printed, expected):
    assert parse_count(printed) == expected


@pytest.mark.parametrize("printed", ["", "pour", "contre", "et", "il y a", "Monsieur", "n°3", "12,5", None])
def test_parse_count_refuses_what_is_not_a_count(printed):
    assert parse_count(printed) is None


@pytest.mark.parametrize("token, expected", [("O", "0"), ("1O", "10"), ("l", "1"), ("il", "11"), ("S", "5"),
                                             ("Pour", "Pour"), ("Oui", "Oui"), ("42", "42")])
def test_repair_ocr_digits_only_touches_digit_like_tokens(token, expected):
    assert repair_ocr_digits(token) == expected


@pytest.mark.parametrize("n, words", [(0, "zéro"), (1, "un"), (17, "dix-sept"), (21, "vingt et un"), (71, "soixante et onze"),
                                      (80, "quatre-vingts"), (81, "quatre-vingt-un"), (99, "quatre-vingt-dix-neuf"),
                                      (200, "deux cents"), (342, "trois cent quarante-deux")])
def test_to_french_words_writes_traditional_spelling(n, words):
    assert to_french_words(n) == words


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999))
def test_figures_read_back(n):
    assert parse_count(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999), st.sampled_from([str.lower, str.upper, str.capitalize]),
       st.sampled_from(["-", " "]))
def test_words_read_back_in_any_case_and_joiner(n, case, joiner):
    words = case(to_french_words(n)).replace("-", joiner)
    assert parse_count(words) == n


def test_number_pattern_finds_counts_in_a_vote_line():
    text = "Pour : 42 Contre : O Abstention : 0 - DEUX voix POUR - ONZE voix CONTRE"
    assert [m.group() for m in re.finditer(NUMBER_RE, text, re.I)] == ["42", "O", "0", "DEUX", "ONZE"]


def test_number_pattern_does_not_split_amounts():
    assert [m.group() for m in re.finditer(NUMBER_RE, "12,5 et 3.25", re.I)] == []
