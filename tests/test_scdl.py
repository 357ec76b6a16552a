"""`delib export scdl`: the SCDL « Délibérations » 2.1.5 CSV, validated against its Table Schema."""
import argparse
import csv
import datetime as dt
import json

import pytest

from pipeline.api import write
from pipeline.model import DeliberationResult, DocumentResult, Evidence, Found
from pipeline.scdl import (ACTES_LEVEL1, ACTES_LEVEL2, COLUMNS, EXAMPLE_MAPPING, SCHEMA_PATH, ExportOptions,
                           MappingError, actes_label, add_parser, begins_with_actes_level1,
                           export_rows, load_mapping, write_csv)

EV = Evidence(1, None, "raw", "test")
SIRET = "21150000000013"


def _delib(seq, **fields):
    return DeliberationResult(seq=seq, page_start=seq + 1, page_end=seq + 1,
                              fields={k: Found(v, EV) for k, v in fields.items()})


def _results():
    base = dict(authority="Commune de Saint-Exemple", session_date=dt.date(2025, 3, 27), members_in_office=15)
    doc = DocumentResult("d" * 64, "/archives/2025 séance du 27 mars.pdf", page_count=4, kind="minutes",
                         deliberations=[
        _delib(1, **base, act_number="DE-2025-012", subject="Vote du budget primitif 2025",
               voters_count=14, votes_for=12, votes_against=1, abstentions=1),
        _delib(2, **base, act_number="DE-2025-013", subject="Attribution d’une subvention au comité des fêtes",
               voters_count=14, unanimous=True),
        _delib(3, **base, subject="Questions diverses", present_count=11, represented_count=2),
    ])
    return [doc, DocumentResult("e" * 64, "/archives/broken.pdf", status="error", error="boom")]


@pytest.fixture()
def out(tmp_path):
    write(_results(), tmp_path / "out")
    return tmp_path / "out"


def _validate(path):
    frictionless = pytest.importorskip("frictionless", reason="pip install frictionless (test extra)")
    schema = frictionless.Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    # frictionless refuses absolute paths as unsafe: give the folder as basepath.
    return frictionless.Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()


def _export(out, tmp_path, **opts):
    rows, report = export_rows(out, ExportOptions(**opts))
    path = tmp_path / "scdl.csv"
    write_csv(rows, path)
    return path, rows, report


def test_the_nomenclature_has_the_nine_level1_labels_and_the_documented_level2_codes():
    assert len(ACTES_LEVEL1) == 9
    per_level1 = {k: sum(1 for c in ACTES_LEVEL2 if c.split(".")[0] == k) for k in ACTES_LEVEL1}
    assert per_level1 == {"1": 7, "2": 3, "3": 6, "4": 5, "5": 8, "6": 5, "7": 10, "8": 9, "9": 4}
    for code in ACTES_LEVEL2:
        label = actes_label(code)
        assert begins_with_actes_level1(label) and "," not in label and "(" not in label and label == label.lower()


@pytest.mark.parametrize("label, ok", [
    ("finances locales/subventions", True),
    ("Finances Locales/Subventions", True),
    ("DOMAINES DE COMPETENCES PAR THEMES/aménagement du territoire", True),
    ("Libertés publiques et pouvoirs de police", True),
    ("subventions", False),
    ("budget", False),
])
def test_actes_level1_rule_ignores_case_and_accents(label, ok):
    assert begins_with_actes_level1(label) is ok


def test_export_with_siret_and_mapping_validates_against_the_table_schema(out, tmp_path):
    path, rows, report = _export(out, tmp_path, siret=SIRET, mapping=load_mapping(EXAMPLE_MAPPING),
                                 url_prefix="https://example.org/deliberations/")
    result = _validate(path)
    assert result.valid, result.flatten(["rowNumber", "fieldName", "type", "note"])
    assert not report.empty_required()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == COLUMNS
        for row in reader:
            assert begins_with_actes_level1(row["DELIB_MATIERE_NOM"])


def test_values_come_from_the_deliberation_and_the_mapping(out, tmp_path):
    _, rows, _ = _export(out, tmp_path, siret=SIRET, mapping=load_mapping(EXAMPLE_MAPPING),
                         url_prefix="https://example.org/delibs")
    budget, subvention, diverses = rows
    assert budget["DELIB_ID"] == "DE-2025-012" and budget["DELIB_DATE"] == "2025-03-27"
    assert (budget["DELIB_MATIERE_CODE"], budget["DELIB_MATIERE_NOM"]) == ("7.1", "finances locales/décisions budgétaires")
    assert (budget["VOTE_EFFECTIF"], budget["VOTE_REEL"], budget["VOTE_POUR"], budget["VOTE_CONTRE"],
            budget["VOTE_ABSTENTION"]) == ("15", "14", "12", "1", "1")
    assert budget["DELIB_URL"] == "https://example.org/delibs/2025%20s%C3%A9ance%20du%2027%20mars.pdf#page=2"
    # typographic apostrophe in the subject, keyword rule written with a plain one
    assert subvention["DELIB_MATIERE_CODE"] == "7.5"
    assert (subvention["VOTE_POUR"], subvention["VOTE_CONTRE"]) == ("14", "0")  # "à l'unanimité"
    assert diverses["DELIB_MATIERE_CODE"] == "9.1"  # mapping default
    assert diverses["DELIB_ID"] == "dddddddddddd-3" and diverses["VOTE_REEL"] == "13"
    assert all(r["COLL_SIRET"] == SIRET and r["PREF_ID"] == "" for r in rows)


def test_without_options_the_export_says_what_is_missing_and_does_not_validate(out, tmp_path):
    path, rows, report = _export(out, tmp_path)
    assert report.empty_required() == {"COLL_SIRET": 3, "DELIB_MATIERE_CODE": 3, "DELIB_MATIERE_NOM": 3}
    text = "\n".join(report.lines())
    assert "COLL_SIRET: 3 empty (pass --siret" in text
    assert "DELIB_ID: 1 defaulted to <document id>-<seq>" in text
    assert "DELIB_URL: 3 empty (no --url-prefix" in text
    assert "PREF_ID: 3 empty (not in the PDF; optional)" in text
    result = _validate(path)
    errors = {(e[0], e[1]) for e in result.flatten(["fieldName", "type"])}
    assert errors == {("COLL_SIRET", "constraint-error"), ("DELIB_MATIERE_CODE", "constraint-error"),
                      ("DELIB_MATIERE_NOM", "constraint-error")}


def test_one_siret_option_for_several_authorities_is_warned(tmp_path):
    docs = [DocumentResult(c * 64, f"{c}.pdf", deliberations=[_delib(1, authority=name, subject="x")])
            for c, name in (("a", "Commune de A"), ("b", "Commune de B"))]
    write(docs, tmp_path / "o")
    _, report = export_rows(tmp_path / "o", ExportOptions(siret=SIRET))
    assert "warning: --siret given to 2 authorities (Commune de A, Commune de B)" in "\n".join(report.lines())


def test_mapping_siret_per_authority_wins_over_the_option(out, tmp_path):
    mapping_file = tmp_path / "m.csv"
    mapping_file.write_text("rule,match,value,label\n"
                            "siret,COMMUNE DE SAINT EXEMPLE,21150000000099,\n"
                            "coll_nom,commune de saint-exemple,Commune de Saint-Exemple-sur-Loire,\n"
                            "keyword,budget,7.1,\n", encoding="utf-8")
    _, rows, report = _export(out, tmp_path, siret=SIRET, mapping=load_mapping(mapping_file))
    assert {r["COLL_SIRET"] for r in rows} == {"21150000000099"}
    assert {r["COLL_NOM"] for r in rows} == {"Commune de Saint-Exemple-sur-Loire"}
    assert [r["DELIB_MATIERE_CODE"] for r in rows] == ["7.1", "", ""]


@pytest.mark.parametrize("line, message", [
    ("siret,X,1234,", "not 14 digits"),
    ("keyword,budget,71,", "not like '7.5'"),
    ("keyword,budget,7.1,budget général", "ACTES level-1"),
    ("act_number,(,7.1,", "regular expression"),
    ("frobnicate,x,y,", "unknown rule"),
])
def test_a_bad_mapping_is_refused_with_its_line(tmp_path, line, message):
    path = tmp_path / "m.csv"
    path.write_text("rule,match,value,label\n" + line + "\n", encoding="utf-8")
    with pytest.raises(MappingError, match=message):
        load_mapping(path)


@pytest.mark.parametrize("subject, code", [
    ("Modification du PLU", "2.1"),
    ("Le conseil décide de plus de transparence", "9.1"),  # 'plu' is a word, not a prefix
    ("Acquisition d’une parcelle cadastrée AB 12", "3.1"),
    ("Création d’un poste d’adjoint technique", "4.1"),
    ("Groupement de commandes pour l’achat d’électricité", "1.1"),
    ("Motion de soutien aux agriculteurs", "9.4"),
])
def test_example_mapping_keywords(tmp_path, subject, code):
    write([DocumentResult("f" * 64, "x.pdf", deliberations=[_delib(1, subject=subject)])], tmp_path / "o")
    rows, _ = export_rows(tmp_path / "o", ExportOptions(mapping=load_mapping(EXAMPLE_MAPPING)))
    assert rows[0]["DELIB_MATIERE_CODE"] == code


def test_command_line(out, tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    to = tmp_path / "x.csv"
    args = parser.parse_args(["export", "scdl", str(out), "--to", str(to), "--siret", SIRET,
                              "--mapping", str(EXAMPLE_MAPPING)])
    assert args.func(args) == 0 and to.exists()
    assert "3 deliberations" in capsys.readouterr().out
    args = parser.parse_args(["export", "scdl", str(out), "--to", str(to)])
    assert args.func(args) == 1
    assert "COLL_SIRET (3 rows)" in capsys.readouterr().err
    args = parser.parse_args(["export", "scdl", str(out), "--to", str(to), "--siret", "123"])
    assert args.func(args) == 2
