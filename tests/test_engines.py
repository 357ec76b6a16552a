"""Engines: the Dask engine writes the same datasets as the local one; a worker that dies on a
file costs that file only; in-flight work stays bounded."""
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from pipeline import engines
from pipeline.runner import Options, run_batch
from pipeline.schemas import SCHEMAS
from pipeline.writers import read_table

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "corpus" / "real"
SMALL_DIGITAL = [REAL / "couthenans_2021-11-05_cr.pdf", REAL / "couthenans_2022-10-07_cr.pdf",
                 ROOT / "samples" / "seed_hautes-terres_2025-05-22_digital.pdf"]
RUN_DEPENDENT = {"run_id", "seconds"}


def snapshot(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that differ from run to run."""
    tables = {}
    for name in SCHEMAS:
        rows = read_table(out, name).to_pylist()
        tables[name] = sorted(repr(sorted((k, v) for k, v in r.items() if k not in RUN_DEPENDENT)) for r in rows)
    return tables


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    for p in SMALL_DIGITAL:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def local_out(small_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("local_out")
    summary = run_batch([small_folder], out, jobs=1)
    assert summary.files == len(SMALL_DIGITAL) and summary.error == 0
    return out


def test_the_dask_engine_on_a_local_cluster_gives_the_datasets_of_the_local_engine(
        small_folder, local_out, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    monkeypatch.chdir(tmp_path)  # nothing (dask-scratch-space) may be left in the cwd
    out = tmp_path / "dask_out"
    summary = run_batch([small_folder], out, jobs=2, engine="dask")
    assert summary.files == len(SMALL_DIGITAL) and summary.error == 0
    got, want = snapshot(out), snapshot(local_out)
    assert got["documents"] == want["documents"]
    assert got == want
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dask_out"]


def test_without_dask_the_engine_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(engines.EngineUnavailable, match=r"pip install 'delib\[dask\]'"):
        run_batch([SMALL_DIGITAL[0]], tmp_path, engine="dask")


def test_an_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        run_batch([SMALL_DIGITAL[0]], tmp_path, engine="spark")


# --------------------------------------------------------------------------- local pool
def crashing_process_file(path, options=Options()):
    """Stands for a PDF that makes a C library kill its process (segfault, OOM killer)."""
    if Path(path).name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    from pipeline.model import DocumentResult
    return DocumentResult(document_id=Path(path).name, source_path=str(path))


@pytest.mark.skipif(sys.platform == "win32", reason="relies on fork inheriting the patched function")
def test_a_file_that_kills_its_worker_is_an_error_and_the_others_complete(tmp_path, monkeypatch):
    import pipeline.runner

    monkeypatch.setattr(pipeline.runner, "process_file", crashing_process_file)
    files = []
    for name in ["a.pdf", "b.pdf", "crash.pdf", "c.pdf", "d.pdf", "e.pdf"]:
        (tmp_path / name).write_bytes(b"%PDF-1.4 " + name.encode())
        files.append(tmp_path / name)
    results = {Path(r.source_path).name: r for r in engines.run_local(files, Options(), jobs=2)}
    assert sorted(results) == sorted(p.name for p in files)
    assert results["crash.pdf"].status == "error"
    assert "worker process died" in results["crash.pdf"].error
    assert len(results["crash.pdf"].document_id) == 64  # the file's sha256: a re-run skips it
    assert all(r.status == "ok" for n, r in results.items() if n != "crash.pdf")


def slow_echo(path, options=Options()):
    import time

    from pipeline.model import DocumentResult
    time.sleep(0.05)
    return DocumentResult(document_id=Path(path).name, source_path=str(path))


def test_the_local_pool_keeps_only_a_few_files_in_flight(tmp_path, monkeypatch):
    import pipeline.runner

    monkeypatch.setattr(pipeline.runner, "process_file", slow_echo)
    submitted = []
    real_submit = engines.ProcessPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):
        submitted.append(args[0])
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(engines.ProcessPoolExecutor, "submit", counting_submit)
    files = [tmp_path / f"f{i}.pdf" for i in range(20)]
    gen = engines.run_local(files, Options(), jobs=2)
    first = next(gen)
    assert first.status == "ok"
    assert len(submitted) <= 2 * engines.AHEAD_PER_WORKER + 1
    rest = list(gen)
    assert len(rest) + 1 == len(files)


# --------------------------------------------------------------------------- one long scan
SCAN = REAL / "putanges-le-lac_2023-06-09_extrait-senatoriales.pdf"  # 2 scanned pages


def test_the_pages_of_a_long_scan_are_spread_over_workers_with_the_same_result(tmp_path, monkeypatch, caplog):
    import logging

    (tmp_path / "in").mkdir()
    shutil.copy(SCAN, tmp_path / "in" / SCAN.name)
    whole = run_batch([tmp_path / "in"], tmp_path / "whole", jobs=1)
    assert whole.ocr_pages == 2
    monkeypatch.setattr(engines, "SPREAD_MIN_PAGES", 2)
    assert [i for i, _, _ in engines.textless_pages(SCAN)] == [0, 1]
    with caplog.at_level(logging.DEBUG, logger="delib"):
        spread = run_batch([tmp_path / "in"], tmp_path / "spread", jobs=2)
    assert "2 pages without text OCR-ed over the pool" in caplog.text
    assert (spread.ocr_pages, spread.error) == (2, 0)
    assert snapshot(tmp_path / "spread") == snapshot(tmp_path / "whole")


def test_a_page_ocr_failure_in_a_spread_file_is_the_same_page_error(tmp_path, monkeypatch):
    from pipeline.ocr import OcrError

    pages = {0: engines.PageOcr(0, 595.0, 842.0, 300, error=OcrError("tesseract failed on page 1: boom")),
             1: engines.PageOcr(1, 595.0, 842.0, 300, words=[])}
    calls = []
    import pipeline.text

    monkeypatch.setattr(pipeline.text, "ocr_page", lambda *a, **k: calls.append(a[1]) or [])
    r = engines.process_file_with_pages(SCAN, Options(), pages)
    assert r.status == "partial" and "page 1: OCR failed: OcrError: tesseract failed on page 1: boom" in r.error
    assert calls == []  # both pages were answered from the prepared OCR, tesseract not called again
