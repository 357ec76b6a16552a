"""The Python API beside the CLI.

    from pipeline import extract, write
    result = extract("samples/seed_hautes-terres_2025-05-22_digital.pdf")
    for d in result.deliberations:
        print(d.seq, d.value("subject"), d.value("votes_for"), len(d.attendance))
    write([result], "outputs/")          # the same Parquet datasets as `delib extract`
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .members import MemberRegistry
from .model import DocumentResult
from .rows import document_rows
from .runner import Options, new_run_id, process_file
from .writers import DatasetWriter


def extract(path: str | Path, options: Options = Options()) -> DocumentResult:
    """Every record of one PDF, with evidence; never raises (see `status` and `error`)."""
    return process_file(path, options)


def write(results: Iterable[DocumentResult], out: str | Path) -> str:
    """Append these results to the datasets under `out` as one committed chunk; returns the run id."""
    run_id = new_run_id()
    writer = DatasetWriter(out, run_id)
    writer.recover()
    registry = MemberRegistry.load(out)
    merged: dict[str, list[dict]] = {}
    ids = []
    for r in results:
        for name, rows in document_rows(r, run_id).items():
            merged.setdefault(name, []).extend(rows)
        ids.append(r.document_id)
    registry.assign(merged)
    writer.write_chunk(merged, ids)
    registry.write_members(out, run_id)
    return run_id
