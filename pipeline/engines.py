"""Executors that run `process_file` over many files and yield results as they complete.

The parent process alone writes datasets: engines only move picklable work and results.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Iterator, Sequence

from .model import DocumentResult


def _worker_init() -> None:
    # tesseract's OpenMP threads fight each other when one process per core already runs
    os.environ["OMP_THREAD_LIMIT"] = "1"


def run_local(files: Sequence[Path], options, jobs: int) -> Iterator[DocumentResult]:
    from .runner import process_file

    if jobs <= 1 or len(files) <= 1:
        _worker_init()
        for p in files:
            yield process_file(p, options)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        futures = [pool.submit(process_file, p, options) for p in files]
        for fut in as_completed(futures):
            yield fut.result()


ENGINES = {"local": run_local}


def run_files(engine: str, files: Sequence[Path], options, jobs: int, **engine_options) -> Iterator[DocumentResult]:
    try:
        run = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown engine {engine!r}; choose from {sorted(ENGINES)}") from None
    return run(files, options, jobs, **engine_options)
