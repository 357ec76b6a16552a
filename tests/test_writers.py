"""The datasets' contract: every table written with its schema, atomically, re-runs idempotent."""
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from pipeline.model import (AttendanceEntry, DeliberationResult, DocumentResult, Evidence, Found, Proxy)
from pipeline.rows import document_rows
from pipeline.schemas import SCHEMAS
from pipeline.writers import DERIVED, PARTITIONED, DatasetWriter, read_table

EV = Evidence(1, (10.0, 20.0, 30.0, 40.0), "raw", "test")


def _result(doc_id="a" * 64, name="x.pdf", date=dt.date(2025, 5, 22)) -> DocumentResult:
    d = DeliberationResult(seq=1, page_start=1, page_end=2, fields={
        "session_date": Found(date, EV), "present_count": Found(35, EV),
        "subject": Found("Validation de l’annexe", EV), "unanimous": Found(True, EV)})
    d.attendance = [AttendanceEntry("Didier ACHALME", "present", EV)]
    d.proxies = [Proxy("Jennifer DEVEZE", "Éric VIALA", EV)]
    return DocumentResult(document_id=doc_id, source_path=name, page_count=2, deliberations=[d])


def _contract_part(table, name):
    """Hive discovery adds the `year` partition key to the per-deliberation tables, nothing else."""
    if name in PARTITIONED:
        assert table.schema.field("year").type == pa.int32()
        table = table.drop_columns(["year"])
    return table


def test_every_table_is_written_even_empty_and_readable_with_hive_partitioning(tmp_path):
    w = DatasetWriter(tmp_path, "run1")
    w.write_chunk({}, [])
    for name, schema in SCHEMAS.items():
        if name in DERIVED:  # rebuilt whole after each commit, never written by a chunk
            assert not list((tmp_path / name).rglob("*.parquet")), name
            assert read_table(tmp_path, name).schema.equals(schema), name
            continue
        table = _contract_part(ds.dataset(tmp_path / name, partitioning="hive").to_table(), name)
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
    year = tmp_path / "deliberations" / "year=2025"
    crashed = year / "part-run2-00000.parquet"
    crashed.write_bytes((year / "part-run1-00000.parquet").read_bytes())
    (tmp_path / "attendance" / "year=2025" / ".tmp-xyz-part.parquet").write_bytes(b"PAR1 half")
    assert read_table(tmp_path, "deliberations").num_rows == 2
    removed = DatasetWriter(tmp_path, "run3").recover()
    assert crashed in removed
    assert read_table(tmp_path, "deliberations").num_rows == 1
    assert not list((tmp_path / "attendance").rglob(".tmp-*"))


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
    part = tmp_path / "deliberations" / "year=2025" / "part-run1-00000.parquet"
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


def _write(tmp_path, *results):
    w = DatasetWriter(tmp_path, "run1")
    rows = {k: [row for r in results for row in document_rows(r, "run1")[k]] for k in SCHEMAS}
    w.write_chunk(rows, [r.document_id for r in results])
    return w


def test_rows_of_two_years_land_in_two_hive_folders_beside_their_deliberation(tmp_path):
    _write(tmp_path, _result("a" * 64, "a.pdf", dt.date(2024, 12, 3)), _result("b" * 64, "b.pdf"))
    for name in ("deliberations", "attendance", "proxies"):
        folders = sorted(p.parent.name for p in (tmp_path / name).rglob("part-*.parquet"))
        assert folders == ["year=2024", "year=2025"], name
    att = ds.dataset(tmp_path / "attendance", partitioning="hive").to_table().to_pylist()
    assert {(r["document_id"][0], r["year"]) for r in att} == {("a", 2024), ("b", 2025)}
    assert sorted(p.parent.name for p in (tmp_path / "documents").rglob("part-*.parquet")) == ["documents"]


@pytest.mark.parametrize("dates", [(dt.date(2024, 1, 9), dt.date(2025, 5, 22)), (None, dt.date(2025, 5, 22)),
                                   (None, None)])
def test_partitioned_tables_read_with_plain_hive_discovery_keep_the_contract_columns(tmp_path, dates):
    _write(tmp_path, *(_result(c * 64, f"{c}.pdf", d) for c, d in zip("ab", dates)))
    for name, schema in SCHEMAS.items():
        if name in DERIVED:
            continue
        table = _contract_part(ds.dataset(tmp_path / name, partitioning="hive").to_table(), name)
        assert table.schema.equals(schema), name
        assert read_table(tmp_path, name).schema.equals(schema), name
    delibs = ds.dataset(tmp_path / "deliberations", partitioning="hive").to_table().to_pylist()
    assert sorted(((r["session_year"], r["year"]) for r in delibs), key=lambda p: p[1]) == sorted(
        ((d.year if d else None, d.year if d else 0) for d in dates), key=lambda p: p[1])
    assert len(pd.read_parquet(tmp_path / "attendance")) == 2  # the README's way of reading


def test_undated_deliberations_go_to_year_0(tmp_path):
    _write(tmp_path, _result(date=None))
    assert [p.relative_to(tmp_path).as_posix() for p in (tmp_path / "attendance").rglob("part-*")] == [
        "attendance/year=0/part-run1-00000.parquet"]


def test_the_manifest_lists_the_parts_in_their_year_folders(tmp_path):
    _write(tmp_path, _result())
    manifest = json.loads((tmp_path / "_manifests" / "run1-00000.json").read_text())
    assert "deliberations/year=2025/part-run1-00000.parquet" in manifest["files"]
    assert "decisions/year=2025/part-run1-00000.parquet" in manifest["files"]  # no rows: one empty part
    assert "documents/part-run1-00000.parquet" in manifest["files"]
    assert all((tmp_path / f).exists() for f in manifest["files"])


def test_force_rewrites_parts_inside_year_folders(tmp_path):
    w = _write(tmp_path, _result("a" * 64, "a.pdf", dt.date(2024, 1, 9)), _result("b" * 64, "b.pdf"))
    w.remove_documents({"a" * 64})
    assert {r["document_id"] for r in read_table(tmp_path, "deliberations").to_pylist()} == {"b" * 64}


def test_uncommitted_parts_in_year_folders_are_dropped_and_committed_ones_rolled_forward(tmp_path):
    _write(tmp_path, _result())
    year = tmp_path / "attendance" / "year=2025"
    (year / "part-run1-00000.parquet").rename(year / ".pending-run1-00000.parquet")
    stray = year / "part-run9-00000.parquet"
    stray.write_bytes(b"PAR1 half")
    removed = DatasetWriter(tmp_path, "run2").recover()
    assert stray in removed and (year / "part-run1-00000.parquet").exists()
    assert read_table(tmp_path, "attendance").num_rows == 1
