"""Executors that run `process_file` over many files and yield results as they complete.

The parent process alone writes datasets: engines only move picklable work (a path and the
Options) out and DocumentResults back. Two rules hold for every engine:

- bounded in-flight work: only a few files per worker are submitted ahead, so the results
  waiting to be written (and the futures that hold them) do not grow with the batch;
- a file whose worker dies (segfault in a PDF library, out-of-memory kill) becomes a
  DocumentResult with status 'error', never an exception that stops the batch.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import time
import traceback
from collections import deque
from dataclasses import dataclass
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterator, Optional, Sequence

from .model import DocumentResult

# Files submitted ahead per worker: enough to keep a worker busy while the parent writes.
AHEAD_PER_WORKER = 2
log = logging.getLogger("delib")
DASK_HINT = "pip install 'delib[dask]'  (or: pip install 'dask[distributed]')"


class EngineUnavailable(RuntimeError):
    """The engine's own dependency is not installed."""


def _worker_init() -> None:
    # tesseract's OpenMP threads fight each other when one process per core already runs
    os.environ["OMP_THREAD_LIMIT"] = "1"


def died_result(path: Path, why: str, tb: Optional[str] = None) -> DocumentResult:
    """The result of a file whose worker process died while reading it."""
    try:
        from .runner import sha256_file
        doc_id = sha256_file(path)
    except OSError:
        doc_id = "sha256-unreadable:" + hashlib.sha256(str(path).encode()).hexdigest()
    return DocumentResult(document_id=doc_id, source_path=str(path), status="error",
                          error=f"worker process died while reading this file ({why})",
                          traceback=tb or why)


# --------------------------------------------------------------------------- local
def run_local(files: Sequence[Path], options, jobs: int) -> Iterator[DocumentResult]:
    from .runner import process_file

    if jobs <= 1 or not files:
        _worker_init()
        for p in files:
            yield process_file(p, options)
        return
    todo = deque(files)
    while todo:
        # Workers start on demand: a lone file still gets `jobs` of them if its pages spread.
        suspects = yield from _pool_until_broken(todo, options, jobs)
        # The pool broke: any in-flight file may be the culprit. Each is retried alone, so a
        # file that kills its worker again is the one reported, and the others are kept.
        for p in suspects:
            yield _isolated(p, options)


def _pool_until_broken(todo: deque, options, jobs: int):
    """Run files from `todo` on one pool; returns the in-flight files if the pool broke.

    A file with many pages without a text layer (a long scan) is spread: its pages are OCR-ed
    as separate tasks on the same pool, then one task reads the file with those words."""
    from .runner import process_file

    in_flight: dict = {}  # future -> (kind, path), kind in file | page | finish
    spreading: dict = {}  # path -> {"left": pages still running, "pages": {index: PageOcr}}
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    try:
        while todo or in_flight:
            while todo and len(in_flight) < jobs * AHEAD_PER_WORKER:
                p = todo.popleft()
                pages = textless_pages(p) if jobs > 1 else []
                if len(pages) >= SPREAD_MIN_PAGES:
                    log.debug("%s: %d pages without text OCR-ed over the pool", p, len(pages))
                    spreading[p] = {"left": len(pages), "pages": {}}
                    for index, width, height in pages:
                        fut = pool.submit(ocr_page_task, str(p), index, width, height, options.dpi,
                                          options.page_timeout)
                        in_flight[fut] = ("page", p)
                else:
                    in_flight[pool.submit(process_file, p, options)] = ("file", p)
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for fut in done:
                if _broke(fut):
                    suspects = []
                    for f, (kind, path) in in_flight.items():
                        if kind != "page" and not _broke(f):  # finished before the pool broke
                            yield f.result()
                        elif path not in suspects:
                            suspects.append(path)
                    return suspects
                kind, p = in_flight.pop(fut)
                if kind != "page":
                    yield fut.result()
                    continue
                state = spreading[p]
                page = fut.result()
                state["pages"][page.index] = page
                state["left"] -= 1
                if not state["left"]:
                    del spreading[p]
                    in_flight[pool.submit(process_file_with_pages, p, options, state["pages"])] = ("finish", p)
        return []
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- one long scan
# A file with at least this many pages without a text layer has its pages OCR-ed in parallel.
SPREAD_MIN_PAGES = 4


@dataclass
class PageOcr:
    index: int
    width: float
    height: float
    dpi: int
    words: Optional[list] = None
    error: Optional[BaseException] = None


def textless_pages(path: Path) -> list[tuple[int, float, float]]:
    """(index, width, height) of the pages without any text layer, when there are enough of
    them to be worth spreading; a cheap pdfium look, the text stage still decides."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
    except Exception:  # unreadable: the file's own task reports why
        return []
    try:
        if len(doc) < SPREAD_MIN_PAGES:
            return []
        found = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                textpage = page.get_textpage()
                chars = textpage.count_chars()
                textpage.close()
                if chars == 0:
                    width, height = page.get_size()
                    found.append((i, float(width), float(height)))
            finally:
                page.close()
        return found
    except Exception:
        return []
    finally:
        doc.close()


def ocr_page_task(path: str, index: int, width: float, height: float, dpi: int, timeout: float) -> PageOcr:
    """OCR one page in a worker; its failure travels back as the page's error, as in the text stage."""
    from .ocr import ocr_page

    result = PageOcr(index, width, height, dpi)
    try:
        result.words = ocr_page(path, index, width, height, dpi=dpi, timeout=timeout)
    except Exception as exc:
        result.error = exc
    return result


def process_file_with_pages(path: Path, options, pages: dict) -> DocumentResult:
    """process_file, with the text stage's OCR answered from the pages OCR-ed beforehand
    (`pages`: index -> PageOcr, all made with options.dpi and the stage's language)."""
    from .runner import process_file

    prepared = {p.index + 1: (p.error if p.error is not None else p.words)
                for p in pages.values() if p.dpi == options.dpi}
    return process_file(path, options, prepared_ocr=prepared)


def _broke(fut) -> bool:
    return not fut.done() or isinstance(fut.exception(), BrokenProcessPool)


def _isolated(p: Path, options) -> DocumentResult:
    from .runner import process_file

    with ProcessPoolExecutor(max_workers=1, initializer=_worker_init) as pool:
        try:
            return pool.submit(process_file, p, options).result()
        except BrokenProcessPool:
            return died_result(p, "the process was killed or crashed", traceback.format_exc())


# --------------------------------------------------------------------------- dask
def _import_distributed():
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise EngineUnavailable(f"the dask engine needs dask.distributed, which is not installed: {DASK_HINT}") from exc
    return distributed


def _dask_task(path: str, options) -> DocumentResult:
    # Runs on a dask worker: set the OCR thread limit before tesseract is first spawned.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from .runner import process_file
    return process_file(path, options)


@contextlib.contextmanager
def dask_client(scheduler: Optional[str], jobs: int):
    """A client on `scheduler`, or on a LocalCluster of `jobs` single-threaded processes."""
    distributed = _import_distributed()
    import dask

    if not logging.getLogger("delib").isEnabledFor(logging.DEBUG):
        # distributed logs every connection at INFO: it would drown the progress lines
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    # Workers spill and lock files under the temporary directory: keep them out of the cwd.
    with tempfile.TemporaryDirectory(prefix="delib-dask-") as scratch, \
            dask.config.set({"temporary-directory": scratch}):
        old = os.environ.get("DASK_TEMPORARY_DIRECTORY")
        os.environ["DASK_TEMPORARY_DIRECTORY"] = scratch
        try:
            with distributed.LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                          dashboard_address=":0", silence_logs=logging.WARNING, local_directory=scratch,
                                          env={"OMP_THREAD_LIMIT": "1"}) as cluster, \
                    distributed.Client(cluster) as client:
                yield client
        finally:
            if old is None:
                os.environ.pop("DASK_TEMPORARY_DIRECTORY", None)
            else:
                os.environ["DASK_TEMPORARY_DIRECTORY"] = old


def _cluster_threads(client) -> int:
    try:
        return sum(client.nthreads().values())
    except Exception:  # the scheduler is busy or gone; the caller keeps its last figure
        return 0


def run_dask(files: Sequence[Path], options, jobs: int, scheduler: Optional[str] = None) -> Iterator[DocumentResult]:
    """Submit `process_file` per file to Dask distributed and yield results as they complete.

    Paths are sent as strings: workers must see the same files (a shared filesystem)."""
    distributed = _import_distributed()
    if not files:
        return
    with dask_client(scheduler, jobs) as client:
        todo = deque(enumerate(files))
        ac = distributed.as_completed()
        where: dict = {}
        threads, checked = max(jobs, _cluster_threads(client), 1), time.monotonic()

        def submit_ahead():
            while todo and len(where) < threads * AHEAD_PER_WORKER:
                i, p = todo.popleft()
                fut = client.submit(_dask_task, str(p), options, pure=False, key=f"delib-{i}-{Path(p).name}")
                where[fut.key] = p
                ac.add(fut)

        submit_ahead()
        for fut in ac:
            p = where.pop(fut.key)
            try:
                result = fut.result()
            except Exception as exc:  # KilledWorker after retries, a worker that cannot import us…
                result = died_result(p, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            fut.release()
            yield result
            if time.monotonic() - checked > 5:  # adaptive clusters grow and shrink
                threads, checked = max(jobs, _cluster_threads(client), 1), time.monotonic()
            submit_ahead()


ENGINES = {"local": run_local, "dask": run_dask}


def run_files(engine: str, files: Sequence[Path], options, jobs: int, **engine_options) -> Iterator[DocumentResult]:
    try:
        run = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown engine {engine!r}; choose from {sorted(ENGINES)}") from None
    if engine == "dask":
        _import_distributed()  # fail before any work with the install hint
    return run(files, options, jobs, **engine_options)
