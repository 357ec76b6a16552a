"""`delib warehouse`: one DuckDB table per dataset, keys, views that answer, idempotent reloads."""
import datetime as dt

import duckdb
import pytest

from pipeline.api import write
from pipeline.model import (AttendanceEntry, Decision, DeliberationResult, DocumentResult, Evidence,
                            Finding, Found, Objective, Proxy)
from pipeline.schemas import SCHEMAS
from pipeline.warehouse import VIEWS, WarehouseError, add_parser, load

EV = Evidence(1, (10.0, 20.0, 30.0, 40.0), "raw", "test")
HOSTILE = "O'Brien'); DROP TABLE attendance; --"


def _delib(seq, day, present_names, absent_names=(), votes=(10, 2, 1), unanimous=False, findings=()):
    fields = {"authority": "Commune d'Exemple", "session_date": day, "subject": f"Objet {seq}",
              "members_in_office": 15, "present_count": len(present_names), "voters_count": sum(votes),
              "votes_for": votes[0], "votes_against": votes[1], "abstentions": votes[2],
              "unanimous": unanimous, "outcome": "adopted"}
    d = DeliberationResult(seq=seq, page_start=seq, page_end=seq,
                           fields={k: Found(v, EV) for k, v in fields.items()})
    d.attendance = ([AttendanceEntry(n, "present", EV) for n in present_names]
                    + [AttendanceEntry(n, "excused", EV) for n in absent_names])
    d.proxies = [Proxy(absent_names[0], present_names[0], EV)] if absent_names else []
    d.decisions = [Decision(1, "approuver", "APPROUVE le budget", 1200.5, EV),
                   Decision(2, "autoriser", "AUTORISE le Maire", None, EV)]
    d.objectives = [Objective(1, "Action", "Réalisé", "done", False, 2024, 2024, EV)]
    d.findings = list(findings)
    return d


def _results():
    quorum = Finding("quorum", "error", "quorum not reached", ">= 8", "5", "CGCT L2121-17", (1,))
    doc1 = DocumentResult("a" * 64, "/data/a.pdf", page_count=3, deliberations=[
        _delib(1, dt.date(2024, 3, 1), ["Anne MARTIN", "Paul DURAND", HOSTILE], ["Luc PETIT"], findings=[quorum]),
        _delib(2, dt.date(2024, 3, 1), ["Anne MARTIN", "Luc PETIT"], ["Paul DURAND"], votes=(13, 0, 0)),
    ])
    doc2 = DocumentResult("b" * 64, "/data/b.pdf", page_count=1, deliberations=[
        _delib(1, dt.date(2025, 1, 9), ["Paul DURAND"], ["Anne MARTIN"], votes=(12, 0, 0), unanimous=True),
    ])
    failed = DocumentResult("c" * 64, "/data/c.pdf", status="error", error="PdfminerException: broken")
    return [doc1, doc2, failed]


@pytest.fixture()
def out(tmp_path):
    out = tmp_path / "out"
    write(_results(), out)
    return out


def _query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_one_table_per_dataset_and_reloading_is_idempotent(out, tmp_path):
    db = tmp_path / "w.duckdb"
    first = load(out, db)
    second = load(out, db)
    assert first == second
    assert set(first) == set(SCHEMAS)
    assert first["documents"] == 3 and first["deliberations"] == 3 and first["attendance"] == 9
    assert first["decisions"] == 6 and first["findings"] == 1
    tables = {r[0] for r in _query(db, "SELECT table_name FROM information_schema.tables")}
    assert set(SCHEMAS) | set(VIEWS) <= tables


@pytest.mark.parametrize("table, key", [
    ("documents", ["document_id"]),
    ("deliberations", ["deliberation_id"]),
    ("attendance", ["deliberation_id", "position"]),
    ("decisions", ["deliberation_id", "position"]),
    ("objectives", ["deliberation_id", "number"]),
    ("findings", ["row_id"]),
    ("proxies", ["row_id"]),
])
def test_primary_keys(out, tmp_path, table, key):
    db = tmp_path / "w.duckdb"
    load(out, db)
    rows = _query(db, "SELECT constraint_column_names FROM duckdb_constraints() "
                      "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'", [table])
    assert rows == [(key,)]


def test_surrogate_ids_are_the_same_at_every_load(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    before = _query(db, "SELECT row_id, grantor FROM proxies ORDER BY row_id")
    load(out, db)
    assert _query(db, "SELECT row_id, grantor FROM proxies ORDER BY row_id") == before


def test_member_attendance_view_gives_the_share_of_deliberations_present(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    rows = {r[0]: r[1:] for r in _query(
        db, "SELECT person_name, deliberations_listed, present, attendance_rate FROM v_member_attendance")}
    assert rows["Anne MARTIN"] == (3, 2, pytest.approx(0.6667))
    assert rows["Paul DURAND"] == (3, 2, pytest.approx(0.6667))
    assert rows["Luc PETIT"] == (2, 1, 0.5)


def test_vote_splits_view_per_authority_and_year(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    rows = _query(db, "SELECT year, deliberations, votes_for, votes_against, abstentions, unanimous "
                      "FROM v_vote_splits WHERE authority = ? ORDER BY year", ["Commune d'Exemple"])
    assert rows == [(2024, 2, 23, 2, 1, 0), (2025, 1, 12, 0, 0, 1)]


def test_findings_per_rule_view(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    assert _query(db, "SELECT rule, severity, findings, deliberations, documents FROM v_findings_per_rule") == [
        ("quorum", "error", 1, 1, 1)]


def test_hostile_text_is_stored_as_data_never_run(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    load(out, db)
    assert _query(db, "SELECT count(*) FROM attendance WHERE person_name = ?", [HOSTILE]) == [(1,)]
    assert _query(db, "SELECT count(*) FROM attendance") == [(9,)]


def test_a_duplicated_key_fails_the_load_and_keeps_the_previous_database(out, tmp_path):
    db = tmp_path / "w.duckdb"
    load(out, db)
    write(_results()[:1], out)  # the same document appended a second time
    with pytest.raises(WarehouseError, match="documents: key"):
        load(out, db)
    assert _query(db, "SELECT count(*) FROM documents") == [(3,)]


def test_empty_out_gives_typed_empty_tables(tmp_path):
    out = tmp_path / "out"
    write([], out)
    counts = load(out, tmp_path / "w.duckdb")
    assert set(counts.values()) == {0}
    types = dict(_query(tmp_path / "w.duckdb", "SELECT column_name, data_type FROM information_schema.columns "
                                               "WHERE table_name = 'deliberations'"))
    assert types["session_date"] == "DATE" and types["present_count"] == "INTEGER"


def test_command_line(out, tmp_path, capsys):
    import argparse
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["warehouse", str(out), "--duckdb", str(tmp_path / "w.duckdb")])
    assert args.func(args) == 0
    assert "deliberations" in capsys.readouterr().out
    args = parser.parse_args(["warehouse", str(tmp_path / "missing"), "--duckdb", str(tmp_path / "x.duckdb")])
    assert args.func(args) == 2
