"""Euro amounts as French deliberations print them."""
import pytest
from hypothesis import given, strategies as st

from extractors.amounts import find_amounts, parse_amounts, single_amount


@pytest.mark.parametrize("text, expected", [
    ("pour un montant maximum de 320 000 € ;", [320000.0]),
    ("320\u00a0000,00\u00a0€", [320000.0]),
    ("320\u202f000 €", [320000.0]),
    ("une subvention de 12 500,50 euros", [12500.5]),
    ("1.250.000 €", [1250000.0]),
    ("1 250 000 € HT", [1250000.0]),
    ("3 000 €", [3000.0]),
    ("50 €", [50.0]),
    ("75 028,99€ HT", [75028.99]),
    ("5 000 euros", [5000.0]),
    ("90,34788€ TTC", [90.34788]),
    ("3.30€ pour les enfants", [3.3]),
    ("mandaté 29 786.40€", [29786.4]),
    ("€ 1 250", [1250.0]),
    ("EUR 5 000", [5000.0]),
    ("150 k€", [150000.0]),
    ("environ 10 millions d'euros", [10000000.0]),
    ("jusqu’à 20.000.000 €", [20000000.0]),
    ("au titre de l'année 2025 pour 320 000 €", [320000.0]),
    ("bons d'achat de 15€ à 50€", [15.0, 50.0]),
])
def test_amounts_in_every_french_format(text, expected):
    assert parse_amounts(text) == expected


@pytest.mark.parametrize("text", [
    "budget primitif 2025 chapitre 65, article 65737",
    "25 % sur le montant",
    "Tél. 03 44 42 80 43",
    "le 22 mai 2025 à 20 heures",
    "12.753 kms",
    "délibération n°2025-CC-084",
])
def test_figures_without_currency_are_not_amounts(text):
    assert parse_amounts(text) == []


@pytest.mark.parametrize("text, expected", [
    ("D'APPROUVER le versement … pour un montant maximum de 320 000 € ;", 320000.0),
    ("Décide de retenir le devis pour 75 028,99€ HT, soit 90,34788€ TTC,", 75028.99),
    ("APPROUVE les bons d'achat de 15€ à 50€ pour un total de 440 euros", None),
    ("DE PRECISER que les crédits sont prévus au chapitre 65, article 65737", None),
    ("de 50,00 € chacun, et 50 € au troisième", 50.0),
])
def test_single_amount_of_an_article(text, expected):
    assert single_amount(text) == expected


def test_amount_knows_its_tax_mark():
    [ht, ttc] = find_amounts("75 028,99 € HT, soit 90 034,79 € TTC")
    assert (ht.tax, ttc.tax, ttc.restated) == ("HT", "TTC", True)


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


STYLES = [
    lambda e, c: f"{_group(e, ' ')},{c:02d} €",
    lambda e, c: f"{_group(e, chr(0xA0))},{c:02d}\u00a0€",
    lambda e, c: f"{_group(e, chr(0x202F))},{c:02d} euros",
    lambda e, c: f"{_group(e, '.')},{c:02d} €",
    lambda e, c: f"{_group(e, ' ')},{c:02d} € HT",
    lambda e, c: f"{e},{c:02d}€",
    lambda e, c: f"{_group(e, ' ')},{c:02d} EUR",
    lambda e, c: f"€ {_group(e, ' ')},{c:02d}",
]


@given(euros=st.integers(min_value=0, max_value=999_999_999), cents=st.integers(min_value=0, max_value=99),
       style=st.sampled_from(range(len(STYLES))))
def test_any_amount_formatted_the_french_way_reads_back(euros, cents, style):
    text = f"pour un montant de {STYLES[style](euros, cents)} au budget 2025"
    assert parse_amounts(text) == [pytest.approx(euros + cents / 100)]


@given(euros=st.integers(min_value=1, max_value=999_999_999))
def test_whole_euros_without_cents(euros):
    assert parse_amounts(f"soit {_group(euros, ' ')} € TTC") == [float(euros)]


@pytest.mark.parametrize("text, expected", [
    ("Fixe le prix du repas à 12 € HT soit 14,40 € TTC.", None),  # two sums (HT and TTC)
    ("maintenance, de 75 028,99€ HT, soit 90,34788€ TTC,", 75028.99),  # a misprint is no sum
    ("pour un montant de 72 360 € ;", 72360.0),
    # OCR garbled the first of two sums ("900,00 €" read "900 D €"): still two sums
    ("la proposition de rachat d’un montant de 900 D € HT soit 1 080,00 € TTC", None),
    ("un tarif de 12 % du prix, soit 300 € par an", 300.0),  # a percentage is no sum
])
def test_single_amount_with_tax_restatements(text, expected):
    assert single_amount(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1 234,56 €", [1234.56]),
    ("1.234,56 euros", [1234.56]),
    ("12 k€ HT", [12000.0]),
    ("8.700,50 €", [8700.5]),
    ("61.251 €", [61251.0]),
    # OCR: the first thousands space lost, a speck before the sign, a "0" read as "(" or "O"
    ("pour un montant de 1317 583,00 € TIC", [1317583.0]),
    ("une subvention de 2100<€ à l'association", [2100.0]),
    ("de 75 (28,99€ HT", [75028.99]),
    ("de 75 O28,99 € HT", [75028.99]),
])
def test_amounts_in_french_and_ocr_formats(text, expected):
    assert parse_amounts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("au titre de 2024 150 000 €", [150000.0]),  # a year, then a sum
    ("le lot 12 (30 €)", [30.0]),  # a sum in brackets is no slip
])
def test_ocr_repairs_leave_ordinary_figures_alone(text, expected):
    assert parse_amounts(text) == expected
