"""Documents in the styles of real registers the synthetic generator does not write
(tests/corpus/styles), rendered to born-digital PDFs: what delib must read from each."""
import textwrap
from pathlib import Path

import pytest

from pipeline.runner import Options, process_file

STYLES = Path(__file__).parent / "corpus" / "styles"
COLUMNS = (50, 200, 290, 360, 430)


def _render(text_file: Path, pdf: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(pdf), pagesize=(595, 842))
    y = 800
    for raw in text_file.read_text(encoding="utf-8").splitlines():
        rows = [raw] if "|" in raw else (textwrap.wrap(raw, 95) or [""])
        for row in rows:
            if y < 50:
                c.showPage()
                y = 800
            c.setFont("Helvetica", 9 if "|" in row else 10)
            if "|" in row:  # a table row: its cells at fixed columns
                for x, cell in zip(COLUMNS, row.split("|")):
                    c.drawString(x, y, cell.strip())
            else:
                c.drawString(50, y, row)
            y -= 13
    c.save()
    return pdf


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styles")
    cache = {}

    def _read(name: str):
        if name not in cache:
            result = process_file(_render(STYLES / f"{name}.txt", folder / f"{name}.pdf"), Options())
            assert result.status == "ok", result.error
            cache[name] = result.deliberations
        return cache[name]
    return _read


def _people(d):
    return [(a.person_name, a.status) for a in d.attendance]


def _errors(d):
    return [f.rule for f in d.findings if f.severity == "error"]


def test_an_older_register_with_titles_and_a_dit_name(read):
    d1, d2, d3 = read("register-2016-titles")
    assert _people(d1)[:6] == [("Paul BERTRAND", "present"), ("COLIN", "present"), ("FAURE", "present"),
                               ("ROUX dit MARTIN", "present"), ("PETIT", "present"), ("LEROY", "present")]
    assert ("GIRARD", "present") in _people(d1) and ("LAMBERT", "present") in _people(d1)
    assert [(p.grantor, p.holder) for p in d1.proxies] == [("GARNIER", "COLIN"), ("ROUSSEL", "PETIT")]
    assert (d1.value("votes_for"), d1.value("abstentions"), d1.value("outcome")) == (11, 3, "adopted")
    assert {(m.person_name, m.vote) for m in d1.member_votes if m.vote != "for"} == {
        ("MOREAU", "abstention"), ("CHEVALIER", "abstention"), ("LEROY", "abstention")}
    assert d1.decisions[0].amount_eur == 1254300.0
    assert (d3.value("votes_for"), d3.value("votes_against")) == (12, 2)
    assert not any(_errors(d) for d in (d1, d2, d3))


def test_an_epci_with_a_substitute_an_arrival_and_a_member_out_of_the_room(read):
    d1, d2 = read("epci-2023-substitute")
    assert (d1.value("body"), d1.value("act_number")) == ("Conseil communautaire", "2023-45")
    assert ("KLEIN Roger", "present") in _people(d1) and ("HOFFMANN Jacques", "absent") in _people(d1)
    assert (d1.value("votes_for"), d1.value("votes_against"), d1.value("abstentions")) == (26, 2, 1)
    assert d2.value("subject") == "FONDS DE CONCOURS À LA COMMUNE DE VAUDRECOURT"
    assert ("NOËL Daniel", "absent") in _people(d2) and ("BAILLY Corinne", "present") in _people(d2)
    assert not _errors(d1) and not _errors(d2)


def test_the_maire_leaves_for_the_compte_administratif_and_comes_back(read):
    d1, d2, d3 = read("commune-2023-maire-leaves")
    assert ("Bernard CHAPUIS", "present") in _people(d1)
    assert ("Bernard CHAPUIS", "absent") in _people(d2)
    assert ("Bernard CHAPUIS", "present") in _people(d3)
    assert [(p.grantor, p.holder) for p in d1.proxies] == [("Laurent CHARPENTIER", "Nathalie ROLLAND"),
                                                           ("Céline MARTY", "Franck LAURENT")]
    assert [x.verb for x in d2.decisions] == ["approuver"]
    assert d3.decisions[0].amount_eur == 84312.47


def test_a_departement_commission_permanente(read):
    (d,) = read("departement-2023-commission")
    assert (d.value("authority"), d.value("body")) == ("Département de la Haute-Marne", "Commission permanente")
    assert d.value("act_number") == "CP-2023-11-042" and d.value("members_in_office") == 34
    assert d.value("represented_count") is None  # "Présents ou représentés : 30" is neither
    assert [x.verb for x in d.decisions] == ["attribuer", "imputer", "autoriser"]
    assert [(p.grantor, p.holder) for p in d.proxies] == [("Paul FOURNIER", "Karine COLOMBO")]


def test_an_attendance_grid_of_marks(read):
    d1, d2 = read("commune-2024-grid")
    assert _people(d1) == [("DESCHAMPS Alain", "present"), ("MERCIER Josiane", "present"), ("GIRAUD Hélène", "present"),
                           ("LEBON Patrick", "present"), ("PAGES Thierry", "present"), ("SAUVAGE Éric", "present"),
                           ("FABRE Daniel", "excused"), ("ROBIN Martine", "excused"), ("NICOLAS Sandrine", "absent")]
    assert [(p.grantor, p.holder) for p in d2.proxies] == [("FABRE Daniel", "DESCHAMPS Alain"),
                                                           ("ROBIN Martine", "MERCIER Josiane")]


def test_names_printed_in_columns_and_proxies_by_representation(read):
    d1, d2 = read("commune-2021-columns")
    assert len([s for _, s in _people(d1) if s == "present"]) == 9
    assert ("de LA FONTAINE Jean", "present") in _people(d1)
    assert [(p.grantor, p.holder) for p in d1.proxies] == [("Éric JACQUET", "Sylvie BOUCHER"),
                                                           ("Laure PONS", "Yann LE GALL"),
                                                           ("Henri COUDERC", "Odile BERTIN")]
    assert {(m.person_name, m.vote) for m in d2.member_votes if m.vote != "for"} == {
        ("LAGARDE", "against"), ("MOREL", "against")}


def test_a_1998_extract_with_dates_in_words(read):
    (d,) = read("commune-1998-extract")
    assert (str(d.value("session_date")), d.value("session_time"), str(d.value("convocation_date"))) == (
        "1998-11-14", "20:00", "1998-11-06")
    assert (d.value("members_in_office"), d.value("present_count"), d.value("voters_count")) == (11, 8, 8)
    assert ("DELAGE", "excused") in _people(d) and ("PINAUD", "absent") in _people(d)
    assert [x.verb for x in d.decisions] == ["adhérer", "donner"]
