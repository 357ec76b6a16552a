"""The datasets' contract: every table written with its schema, atomically, re-runs idempotent."""
import datetime as dt
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from pipeline.model import (AttendanceEntry, DeliberationResult, DocumentResult, Evidence, Found, Proxy)
from pipeline.rows import document_rows
from pipeline.schemas import SCHEMAS
from pipeline.writers import DatasetWriter, read_table

EV = Evidence(1, (10.0, 20.0, 30.0, 40.0), "raw", "test")


def _result(doc_id="a" * 64, name="x.pdf") -> DocumentResult:
    d = DeliberationResult(seq=1, page_start=1, page_end=2, fields={
        "session_date": Found(dt.date(2025, 5, 22), EV), "present_count": Found(35, EV),
        "subject": Found("Validation de l’annexe", EV), "unanimous": Found(True, EV)})
    d.attendance = [AttendanceEntry("Didier ACHALME", "present", EV)]
    d.proxies = [Proxy("Jennifer DEVEZE", "Éric VIALA", EV)]
    return DocumentResult(document_id=doc_id, source_path=name, page_count=2, deliberations=[d])


def test_every_table_is_written_even_empty_and_readable_with_hive_partitioning(tmp_path):
    w = DatasetWriter(tmp_path, "run1")
    w.write_chunk({}, [])
    for name, schema in SCHEMAS.items():
        table = ds.dataset(tmp_path / name, partitioning="hive").to_table()
        assert table.num_rows == 0
        assert table.schema.equals(schema), name


def test_rows_follow_the_contract_types(tmp_path):
    r = _result()
    w = DatasetWriter(tmp_path, "run1")
    w.write_chunk(document_rows(r, "run1"), [r.document_id])
    delib = read_table(tmp_path, "deliberations").to_pylist()[0]
    assert delib["deliberation_id"] == "a" * 64 + ":1"
    assert delib["session_date"] == dt.date(2025, 5, 22)
    assert delib["present_count"] == 35 and delib["votes_for"] is None
    assert delib["unanimous"] is True and delib["run_id"] == "run1"
    att = read_table(tmp_path, "attendance").to_pylist()
    assert att[0]["person_name"] == "Didier ACHALME" and att[0]["bbox"] == [10.0, 20.0, 30.0, 40.0]
    ev = {e["field"]: e for e in read_table(tmp_path, "evidence").to_pylist()}
    assert ev["present_count"]["page"] == 1 and ev["present_count"]["value"] == "35"


def test_a_chunk_without_manifest_is_removed_on_recovery(tmp_path):
    r = _result()
    w = DatasetWriter(tmp_path, "run1")
    w.write_chunk(document_rows(r, "run1"), [r.document_id])
    # a crashed run: parts in place, manifest never written, a temp file left behind
    crashed = tmp_path / "deliberations" / "part-run2-00000.parquet"
    crashed.write_bytes((tmp_path / "deliberations" / "part-run1-00000.parquet").read_bytes())
    (tmp_path / "attendance" / ".tmp-xyz-part.parquet").write_bytes(b"PAR1 half")
    assert read_table(tmp_path, "deliberations").num_rows == 2
    removed = DatasetWriter(tmp_path, "run3").recover()
    assert crashed in removed
    assert read_table(tmp_path, "deliberations").num_rows == 1
    assert not list((tmp_path / "attendance").glob(".tmp-*"))


def test_force_removes_a_documents_previous_rows(tmp_path):
    a, b = _result("a" * 64, "a.pdf"), _result("b" * 64, "b.pdf")
    w = DatasetWriter(tmp_path, "run1")
    rows = {k: document_rows(a, "run1")[k] + document_rows(b, "run1")[k] for k in SCHEMAS}
    w.write_chunk(rows, [a.document_id, b.document_id])
    w.remove_documents({"a" * 64})
    assert w.existing_document_ids() == {"b" * 64}
    assert {r["document_id"] for r in read_table(tmp_path, "attendance").to_pylist()} == {"b" * 64}


def test_a_committed_chunk_interrupted_before_its_renames_is_rolled_forward(tmp_path):
    r = _result()
    w = DatasetWriter(tmp_path, "run1")
    w.write_chunk(document_rows(r, "run1"), [r.document_id])
    part = tmp_path / "deliberations" / "part-run1-00000.parquet"
    part.rename(part.with_name(".pending-run1-00000.parquet"))  # killed between manifest and rename
    assert read_table(tmp_path, "deliberations").num_rows == 0  # pending parts are invisible
    DatasetWriter(tmp_path, "run2").recover()
    assert read_table(tmp_path, "deliberations").num_rows == 1


def test_pending_parts_without_manifest_are_never_visible_and_are_dropped(tmp_path):
    DatasetWriter(tmp_path, "run1").write_chunk({}, [])
    stray = tmp_path / "attendance" / ".pending-run9-00000.parquet"
    stray.write_bytes(b"PAR1 half")
    assert read_table(tmp_path, "attendance").num_rows == 0
    assert stray in DatasetWriter(tmp_path, "run2").recover()
