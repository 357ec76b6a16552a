"""Parquet datasets under OUT/<table>/, written so that a reader never sees a half-written file
nor a half-written chunk.

Partitioning (hive style, by year of session): the per-deliberation tables (PARTITIONED) put the
rows of a deliberation held in year Y under `OUT/<table>/year=Y/`, and those of a deliberation
without a session date under `year=0`. The folder key is `year`, not `session_year`: a hive key
that is also a file column breaks pandas/pyarrow readers (the partition is inferred as a
dictionary and cannot merge with the int32 column), so the files keep the contract columns
unchanged and hive discovery adds one int32 `year` column. 0 rather than
`__HIVE_DEFAULT_PARTITION__`: pyarrow cannot infer a partition type from null folders alone, and a
batch of undated documents must stay readable. `documents` and `members` are flat.

Protocol (roll forward):
- rows are written in chunks; each chunk writes at least one part per table (all tables, empty
  ones included, so a reader never meets a missing table), one per (table, year) present;
- each part is first written under a hidden pending name (pyarrow's dataset discovery skips names
  starting with '.' or '_'): `OUT/<table>/[year=Y/].pending-<chunk>.parquet`;
- then `OUT/_manifests/<chunk>.json` is written (temp + rename): the commit point; it lists the
  parts' paths relative to OUT;
- then each pending part is renamed to `part-<chunk>.parquet` in its folder.
`recover()` finishes the renames of committed chunks and deletes the pending parts of chunks
that never got their manifest, so a killed run loses nothing committed and duplicates nothing.
"""
from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .schemas import SCHEMAS

_PART = re.compile(r"^part-(?P<chunk>.+)\.parquet$")
_PENDING = re.compile(r"^\.pending-(?P<chunk>.+)\.parquet$")
MANIFESTS = "_manifests"
PARTITION_KEY = "year"
UNKNOWN_YEAR = 0
PARTITIONED = ("deliberations", "attendance", "proxies", "decisions", "objectives", "findings",
               "member_votes", "tables", "evidence")


def _atomic_write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _atomic_write_text(text: str, path: Path) -> None:
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _coerce(value, kind: pa.DataType):
    """Values as the contract types them: an extractor's stray int in a text column (an act
    number read as a figure) must not stop a batch at write time."""
    if value is None:
        return None
    if pa.types.is_string(kind) and not isinstance(value, str):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if pa.types.is_integer(kind) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    return value


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows -> Arrow table with the contract schema (missing keys become nulls)."""
    schema = SCHEMAS[name]
    columns = {f.name: [_coerce(r.get(f.name), f.type) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


class DatasetWriter:
    def __init__(self, out: Path | str, run_id: str):
        self.out = Path(out)
        self.run_id = run_id
        self._chunk = 0
        for name in SCHEMAS:
            (self.out / name).mkdir(parents=True, exist_ok=True)
        (self.out / MANIFESTS).mkdir(parents=True, exist_ok=True)

    # -- recovery and incremental runs -------------------------------------------------
    def committed_chunks(self) -> set[str]:
        return {p.stem for p in (self.out / MANIFESTS).glob("*.json")}

    def recover(self) -> list[Path]:
        """Finish committed chunks, drop uncommitted ones and stray temp files."""
        committed = self.committed_chunks()
        removed = []
        for name in SCHEMAS:
            for path in sorted((self.out / name).rglob("*")):
                if not path.is_file():
                    continue
                pending, part = _PENDING.match(path.name), _PART.match(path.name)
                if pending and pending.group("chunk") in committed:
                    os.replace(path, path.with_name(f"part-{pending.group('chunk')}.parquet"))
                elif path.name.startswith(".tmp-") or pending or (part and part.group("chunk") not in committed):
                    path.unlink()
                    removed.append(path)
        for path in (self.out / MANIFESTS).glob(".tmp-*"):
            path.unlink()
        return removed

    def existing_document_ids(self) -> set[str]:
        table = read_table(self.out, "documents", columns=["document_id"])
        return set(table.column("document_id").to_pylist())

    def remove_documents(self, document_ids: set[str]) -> None:
        """Rewrite the parts that hold rows of these documents without them (for --force)."""
        if not document_ids:
            return
        wanted = pa.array(sorted(document_ids), pa.string())
        for name in SCHEMAS:
            for path in sorted((self.out / name).rglob("part-*.parquet")):
                table = pq.read_table(path, schema=SCHEMAS[name])
                keep = pc.invert(pc.is_in(table.column("document_id"), value_set=wanted))
                kept = table.filter(keep)
                if kept.num_rows != table.num_rows:
                    _atomic_write_table(kept, path)

    # -- writing -----------------------------------------------------------------------
    def write_chunk(self, rows: dict[str, list[dict]], document_ids: Iterable[str]) -> str:
        chunk = f"{self.run_id}-{self._chunk:05d}"
        self._chunk += 1
        years = _session_years(rows.get("deliberations", []))
        pending = []
        for name in SCHEMAS:
            if name in DERIVED:
                continue
            for folder, part_rows in _partitions(name, rows.get(name, []), years):
                path = self.out / name / folder / f".pending-{chunk}.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write_table(to_table(name, part_rows), path)
                pending.append(path)
        manifest = {"chunk": chunk, "run_id": self.run_id,
                    "files": [_part_path(p, chunk).relative_to(self.out).as_posix() for p in pending],
                    "document_ids": sorted(set(document_ids))}
        _atomic_write_text(json.dumps(manifest, indent=1), self.out / MANIFESTS / f"{chunk}.json")
        for path in pending:
            os.replace(path, _part_path(path, chunk))
        return chunk


# Tables rebuilt whole from the committed rows after each commit (pipeline/members.py), never
# written by chunks.
DERIVED = frozenset({"members"})


def _part_path(pending: Path, chunk: str) -> Path:
    return pending.with_name(f"part-{chunk}.parquet")


def _session_years(deliberations: list[dict]) -> dict[str, int]:
    years = {}
    for row in deliberations:
        year = _coerce(row.get("session_year"), pa.int32())
        if year is not None:
            years[row["deliberation_id"]] = year
    return years


def _partitions(name: str, rows: list[dict], years: dict[str, int]) -> list[tuple[Path, list[dict]]]:
    """(folder relative to the table, rows) per year of the deliberations. A table without rows
    gets one empty part in the chunk's first year folder, so every table exists after any chunk
    and hive discovery always finds the `year` key."""
    if name not in PARTITIONED:
        return [(Path(), rows)]
    groups: dict[int, list[dict]] = {}
    for row in rows:
        # The deliberation's year, so that a child row sits beside its deliberation.
        groups.setdefault(years.get(row.get("deliberation_id"), UNKNOWN_YEAR), []).append(row)
    if not groups:
        groups[min(years.values(), default=UNKNOWN_YEAR)] = []
    return [(Path(f"{PARTITION_KEY}={year}"), part) for year, part in sorted(groups.items())]


def read_table(out: Path | str, name: str, columns=None) -> pa.Table:
    """Read one dataset as users do (hive partitioning), with the contract schema: the explicit
    schema leaves out the `year` partition key (its value is the row's `session_year`, or 0)."""
    path = Path(out) / name
    schema = SCHEMAS[name]
    if not path.exists() or not any(path.glob("**/*.parquet")):
        return schema.empty_table() if columns is None else schema.empty_table().select(columns)
    dataset = ds.dataset(path, format="parquet", partitioning="hive", schema=schema)
    return dataset.to_table(columns=columns)
