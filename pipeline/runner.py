"""Run the stages over one file (`process_file`) and over a batch (`run_batch`).

`process_file` is picklable and never raises: whatever goes wrong becomes the status and error
of the file's DocumentResult. Only the parent process writes datasets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import logging
import os
import signal
import sys
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .members import MemberRegistry
from .model import DeliberationResult, DeliberationText, DocText, DocumentResult
from .rows import document_rows
from .writers import DatasetWriter

log = logging.getLogger("delib")


@dataclass(frozen=True)
class Options:
    dpi: int = 300
    page_timeout: float = 180.0  # seconds of OCR per page
    file_timeout: float = 1800.0  # seconds per file, 0 for none
    max_pages: int = 2000
    force_ocr: bool = False


# (name, module, function, how the result is stored on DeliberationResult)
EXTRACTORS: tuple[tuple[str, str, str, str], ...] = (
    ("session", "extractors.session", "extract_session", "fields"),
    ("counts", "extractors.counts", "extract_counts", "fields"),
    ("attendance", "extractors.attendance", "extract_attendance", "attendance"),
    ("proxies", "extractors.proxies", "extract_proxies", "proxies"),
    ("decisions", "extractors.decisions", "extract_decisions", "decisions"),
    ("objectives", "extractors.objectives", "extract_objectives", "objectives"),
    ("objectives_summary", "extractors.objectives", "extract_objectives_summary", "summary"),
    ("tables", "extractors.tables", "extract_tables", "tables"),
    ("member_votes", "extractors.counts", "extract_named_votes", "member_votes"),
)


def _function(module: str, name: str) -> Callable:
    return getattr(importlib.import_module(module), name)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def extract_deliberation(d: DeliberationText, errors: list[str]) -> DeliberationResult:
    """Run every extractor on one deliberation; a failing extractor is recorded, not raised."""
    result = DeliberationResult(seq=d.seq, page_start=d.page_start, page_end=d.page_end)
    for name, module, function, target in EXTRACTORS:
        try:
            value = _function(module, function)(d)
        except Exception as exc:  # one extractor's bug must not lose the others' values
            errors.append(f"deliberation {d.seq}: extractor {name} failed: {type(exc).__name__}: {exc}")
            log.debug("extractor %s failed", name, exc_info=True)
            continue
        if target == "fields":
            result.fields.update({k: v for k, v in value.items() if v is not None})
        elif target == "summary":
            if value is not None:
                result.fields["summary_done_pct"] = value
        else:
            setattr(result, target, list(value or []))
    result.page_end = _page_end(d, result)
    return result


def _page_end(d: DeliberationText, result: DeliberationResult) -> Optional[int]:
    """The page of the vote or of the last decided article (not of annexes that follow)."""
    pages = [f.evidence.page for k, f in result.fields.items()
             if k in ("votes_for", "votes_against", "abstentions", "unanimous", "outcome")
             and f.evidence.page is not None]
    pages += [dec.evidence.page for dec in result.decisions if dec.evidence.page is not None]
    pages = [p for p in pages if d.page_start is None or p >= d.page_start]
    return max(pages) if pages else d.page_end


def _validate(results: list[DeliberationResult], errors: list[str]) -> None:
    try:
        validate = _function("validation", "validate_all")
    except Exception as exc:
        errors.append(f"validators unavailable: {exc}")
        return
    try:
        validate(results)
    except Exception as exc:  # rules must never raise; if one does, keep the data anyway
        errors.append(f"validators failed: {type(exc).__name__}: {exc}")


class FileTimeout(BaseException):
    """Raised by the file alarm. Not an Exception: the stages' broad `except Exception` guards
    (one page, one extractor) must not swallow it and carry on past the limit."""


def _alarm(signum, frame):
    raise FileTimeout("file time limit exceeded")


def process_file(path: str | Path, options: Options = Options(), prepared_ocr=None) -> DocumentResult:
    """Read, segment, extract and validate one PDF. Never raises.

    `prepared_ocr`: pages OCR-ed beforehand, see pipeline.text.read_document."""
    start = time.monotonic()
    path = Path(path)
    result = DocumentResult(document_id="", source_path=str(path))
    use_alarm = options.file_timeout and hasattr(signal, "SIGALRM") and _in_main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, options.file_timeout)
    try:
        result.document_id = sha256_file(path)
        deadline = start + options.file_timeout if options.file_timeout else None
        _process(path, result, options, prepared_ocr, deadline)
    except (Exception, FileTimeout) as exc:
        result.status = "error"
        result.error = _error_message(exc)
        result.traceback = traceback.format_exc()
        result.deliberations = []
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if not result.document_id:
        result.document_id = "sha256-unreadable:" + hashlib.sha256(str(path).encode()).hexdigest()
    result.seconds = time.monotonic() - start
    return result


def _in_main_thread() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()


def _error_message(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not text.startswith(type(exc).__name__) else text


def _process(path: Path, result: DocumentResult, options: Options, prepared_ocr=None,
             deadline: Optional[float] = None) -> None:
    from .text import read_document

    # The alarm stops a file in the main thread wherever it hangs; the deadline also holds in
    # a worker thread (Dask), between pages.
    doc = read_document(path, dpi=options.dpi, page_timeout=options.page_timeout, max_pages=options.max_pages,
                        force_ocr=options.force_ocr, prepared_ocr=prepared_ocr, deadline=deadline)
    analyse(doc, result)


def analyse(doc: DocText, result: DocumentResult) -> DocumentResult:
    """Layout, extractors and validators over a document's text (the stages after reading)."""
    from .layout import segment

    result.document_id = result.document_id or doc.document_id
    result.page_count = len(doc.pages)
    result.ocr_pages = doc.ocr_pages
    errors = [f"page {p.number}: {p.error}" for p in doc.pages if p.error]
    layout = segment(doc)
    result.kind = layout.kind
    result.deliberations = [extract_deliberation(d, errors) for d in layout.deliberations]
    _repair_first_names(doc, result.deliberations, errors)
    _share_session_facts(result.deliberations, errors)
    _imply_member_votes(result.deliberations, errors)
    _validate(result.deliberations, errors)
    if errors:
        result.status = "partial"
        result.error = "; ".join(errors)
    return result


def _repair_first_names(doc: DocText, results: list[DeliberationResult], errors: list[str]) -> None:
    """First names OCR misread ("Sändrine") put back, before the validators match people."""
    ocr_pages = {p.number for p in doc.pages if p.ocr}
    if not ocr_pages:
        return
    for r in results:
        try:
            _function("extractors.first_names", "repair_people")(r, ocr_pages)
        except Exception as exc:
            errors.append(f"deliberation {r.seq}: first names could not be repaired: {type(exc).__name__}: {exc}")


def _share_session_facts(results: list[DeliberationResult], errors: list[str]) -> None:
    """Items of one file share their session: an item that could not see the authority or the
    date takes what the other items found."""
    try:
        _function("extractors.session", "fill_document_constants")([r.fields for r in results])
    except Exception as exc:
        errors.append(f"session facts could not be shared: {type(exc).__name__}: {exc}")


def _imply_member_votes(results: list[DeliberationResult], errors: list[str]) -> None:
    """After the session facts are shared (a vote needs the item's attendance and counts)."""
    from .members import complete_member_votes

    for r in results:
        try:
            complete_member_votes(r)
        except Exception as exc:
            errors.append(f"deliberation {r.seq}: implied member votes failed: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- batch
def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """PDF files named directly, and every *.pdf under named folders (recursively, sorted)."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"input not found: {p}")
    seen, unique = set(), []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


@dataclass
class RunSummary:
    run_id: str
    files: int = 0
    skipped: int = 0
    ok: int = 0
    partial: int = 0
    error: int = 0
    pages: int = 0
    ocr_pages: int = 0
    deliberations: int = 0
    findings: int = 0
    seconds: float = 0.0
    results: list[DocumentResult] = field(default_factory=list, repr=False)

    def add(self, r: DocumentResult) -> None:
        self.files += 1
        setattr(self, r.status, getattr(self, r.status) + 1)
        self.pages += r.page_count or 0
        self.ocr_pages += r.ocr_pages
        self.deliberations += len(r.deliberations)
        self.findings += sum(len(d.findings) for d in r.deliberations)

    def line(self) -> str:
        return (f"files {self.files} (ok {self.ok}, partial {self.partial}, error {self.error}, "
                f"skipped {self.skipped}); pages {self.pages} (OCR {self.ocr_pages}); "
                f"deliberations {self.deliberations}; findings {self.findings}; {self.seconds:.1f} s")


def run_batch(inputs: Iterable[str | Path], out: str | Path, *, jobs: int = 0, force: bool = False,
              options: Options = Options(), chunk_size: int = 25,
              on_result: Optional[Callable[[DocumentResult], None]] = None,
              keep_results: bool = False, engine: str = "local",
              engine_options: Optional[dict] = None) -> RunSummary:
    """Process files into the datasets under `out`: incremental, crash-safe, bounded memory."""
    start = time.monotonic()
    run_id = new_run_id()
    writer = DatasetWriter(out, run_id)
    writer.recover()
    files = discover(inputs)
    summary = RunSummary(run_id=run_id)
    done = writer.existing_document_ids()
    todo: list[Path] = []
    redo: set[str] = set()
    for p in files:
        digest = sha256_file(p)
        if digest in done and not force:
            summary.skipped += 1
        else:
            todo.append(p)
            if digest in done:
                redo.add(digest)
    # Loaded before --force removes rows, so that re-processed documents keep their person ids.
    registry = MemberRegistry.load(out, exclude_documents=redo)
    writer.remove_documents(redo)
    jobs = jobs or os.cpu_count() or 1
    pending_rows: dict[str, list[dict]] = {}
    pending_ids: list[str] = []
    written_ids: set[str] = set()

    def flush() -> None:
        if pending_ids or not any((Path(out) / "documents").glob("part-*.parquet")):
            registry.assign(pending_rows)
            writer.write_chunk(pending_rows, pending_ids)
            registry.write_members(out, run_id)  # after the commit: derived from committed rows only
        pending_rows.clear()
        pending_ids.clear()

    def collect(r: DocumentResult) -> None:
        summary.add(r)
        if r.traceback:
            _keep_traceback(Path(out), r)
        if keep_results:
            summary.results.append(r)
        if on_result:
            on_result(r)
        if r.document_id in written_ids:  # the same bytes under two names: keep the first
            return
        written_ids.add(r.document_id)
        for name, rows in document_rows(r, run_id).items():
            pending_rows.setdefault(name, []).extend(rows)
        pending_ids.append(r.document_id)
        if len(pending_ids) >= chunk_size:
            flush()

    from .engines import run_files

    for r in run_files(engine, todo, options, jobs, **(engine_options or {})):
        collect(r)
    flush()
    registry.write_members(out, run_id)  # a run killed after a commit left it behind: catch up
    summary.seconds = time.monotonic() - start
    return summary


def _keep_traceback(out: Path, r: DocumentResult) -> None:
    folder = out / "_errors"
    folder.mkdir(parents=True, exist_ok=True)
    name = r.document_id.replace(":", "_")[:80]
    (folder / f"{name}.txt").write_text(f"{r.source_path}\n{r.error}\n\n{r.traceback}", encoding="utf-8")
