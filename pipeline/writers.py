"""Parquet datasets under OUT/<table>/, written so that a reader never sees a half-written file
nor a half-written chunk.

Protocol (roll forward):
- rows are written in chunks; each chunk writes one part per table (all tables, empty ones
  included, so a reader never meets a missing table);
- each part is first written under a hidden pending name (pyarrow's dataset discovery skips names
  starting with '.' or '_'): `OUT/<table>/.pending-<chunk>.parquet`;
- then `OUT/_manifests/<chunk>.json` is written (temp + rename): the commit point;
- then each pending part is renamed to `OUT/<table>/part-<chunk>.parquet`.
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
            for path in (self.out / name).iterdir():
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
            for path in sorted((self.out / name).glob("part-*.parquet")):
                table = pq.read_table(path, schema=SCHEMAS[name])
                keep = pc.invert(pc.is_in(table.column("document_id"), value_set=wanted))
                kept = table.filter(keep)
                if kept.num_rows != table.num_rows:
                    _atomic_write_table(kept, path)

    # -- writing -----------------------------------------------------------------------
    def write_chunk(self, rows: dict[str, list[dict]], document_ids: Iterable[str]) -> str:
        chunk = f"{self.run_id}-{self._chunk:05d}"
        self._chunk += 1
        pending = []
        for name in SCHEMAS:
            path = self.out / name / f".pending-{chunk}.parquet"
            _atomic_write_table(to_table(name, rows.get(name, [])), path)
            pending.append(path)
        manifest = {"chunk": chunk, "run_id": self.run_id,
                    "files": [f"{p.parent.name}/part-{chunk}.parquet" for p in pending],
                    "document_ids": sorted(set(document_ids))}
        _atomic_write_text(json.dumps(manifest, indent=1), self.out / MANIFESTS / f"{chunk}.json")
        for path in pending:
            os.replace(path, path.with_name(f"part-{chunk}.parquet"))
        return chunk


def read_table(out: Path | str, name: str, columns=None) -> pa.Table:
    """Read one dataset as users do (hive partitioning), with the contract schema."""
    path = Path(out) / name
    schema = SCHEMAS[name]
    if not path.exists() or not any(path.glob("**/*.parquet")):
        return schema.empty_table() if columns is None else schema.empty_table().select(columns)
    dataset = ds.dataset(path, format="parquet", partitioning="hive", schema=schema)
    return dataset.to_table(columns=columns)
