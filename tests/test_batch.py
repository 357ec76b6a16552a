"""Whole batches: bad input never stops a run, a kill -9 loses nothing, a second run is a no-op."""
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.runner import Options, run_batch
from pipeline.schemas import SCHEMAS
from pipeline.writers import MANIFESTS, read_table

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "corpus" / "real"
GOOD = REAL / "couthenans_2021-11-05_cr.pdf"
MAX_PAGES = 5
RUN_DEPENDENT = {"run_id", "seconds"}


def snapshot(out: Path) -> dict[str, list[str]]:
    """Every table's rows, sorted, without the columns that differ from run to run."""
    return {name: sorted(repr(sorted((k, v) for k, v in r.items() if k not in RUN_DEPENDENT))
                         for r in read_table(out, name).to_pylist())
            for name in SCHEMAS}


# --------------------------------------------------------------------------- bad files
def _zero_page_pdf() -> bytes:
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    pdfium.PdfDocument.new().save(buf)
    return buf.getvalue()


def _reportlab_pdf(path: Path, pages: int = 1, size=(595.0, 842.0), **kwargs) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size, **kwargs)
    for i in range(pages):
        c.drawString(72, size[1] - 72, f"Délibération n° {i + 1} du conseil municipal")
        c.showPage()
    c.save()


def make_bad_folder(folder: Path) -> None:
    good = GOOD.read_bytes()
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 16)
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 2])
    _reportlab_pdf(folder / "encrypted.pdf", encrypt="secret")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "zero-page.pdf").write_bytes(_zero_page_pdf())
    (folder / "not-a-pdf.pdf").write_text("Procès-verbal du conseil municipal\n" * 20, encoding="utf-8")
    _reportlab_pdf(folder / "too-many-pages.pdf", pages=MAX_PAGES + 1)
    _reportlab_pdf(folder / "page-too-large.pdf", size=(6000.0, 6000.0))
    (folder / "good.pdf").write_bytes(good)


# file -> words its error message must contain (case-insensitive)
EXPECTED_ERRORS = {
    "corrupt.pdf": "corrupt",
    "truncated.pdf": "truncated",
    "encrypted.pdf": "encrypted",
    "empty.pdf": "empty",
    "zero-page.pdf": "no pages",
    "not-a-pdf.pdf": "not a pdf",
    "too-many-pages.pdf": f"{MAX_PAGES + 1} pages, more than the limit of {MAX_PAGES}",
    "page-too-large.pdf": "larger than the limit",
}


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_in")
    make_bad_folder(folder)
    out = tmp_path_factory.mktemp("bad_out")
    summary = run_batch([folder], out, jobs=2, options=Options(max_pages=MAX_PAGES))
    docs = {Path(r["source_path"]).name: r for r in read_table(out, "documents").to_pylist()}
    return out, summary, docs


def test_a_batch_of_bad_files_finishes_with_one_documents_row_per_file(bad_batch):
    out, summary, docs = bad_batch
    assert sorted(docs) == sorted(list(EXPECTED_ERRORS) + ["good.pdf"])
    assert summary.files == len(docs) and summary.error == len(EXPECTED_ERRORS)
    assert docs["good.pdf"]["status"] == "ok", docs["good.pdf"]["error"]
    assert docs["good.pdf"]["deliberation_count"] >= 1


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_bad_file_is_an_error_with_a_clear_message(bad_batch, name):
    _, _, docs = bad_batch
    row = docs[name]
    assert row["status"] == "error"
    assert row["deliberation_count"] == 0
    assert EXPECTED_ERRORS[name].lower() in row["error"].lower(), row["error"]


def test_each_error_keeps_its_traceback_aside(bad_batch):
    out, _, docs = bad_batch
    kept = {p.read_text(encoding="utf-8").splitlines()[0]: p.read_text(encoding="utf-8")
            for p in (out / "_errors").glob("*.txt")}
    for name, row in docs.items():
        if row["status"] == "error":
            text = kept[row["source_path"]]
            assert "Traceback (most recent call last)" in text and row["error"] in text


def test_bad_files_are_not_retried_by_a_second_run(bad_batch):
    out, _, _ = bad_batch
    before = snapshot(out)
    again = run_batch([Path(read_table(out, "documents").column("source_path")[0].as_py()).parent], out,
                      jobs=1, options=Options(max_pages=MAX_PAGES))
    assert again.files == 0 and again.skipped == len(EXPECTED_ERRORS) + 1
    assert snapshot(out) == before


# --------------------------------------------------------------------------- bad pages
def _scanned_then_digital_pdf(path: Path) -> None:
    """Page 1 is an image of text (goes to OCR), page 2 has a text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    for i in range(12):
        draw.text((100, 100 + 40 * i), f"Le conseil municipal, après en avoir délibéré, ligne {i}", fill=0)
    c = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    c.drawImage(ImageReader(img), 0, 0, width=595.0, height=842.0)
    c.showPage()
    c.drawString(72, 770, "Délibération n° 2025-01 : le conseil municipal approuve le budget.")
    c.showPage()
    c.save()


def test_a_page_that_tesseract_cannot_read_makes_the_file_partial(tmp_path, monkeypatch):
    import pipeline.text
    from pipeline.ocr import OcrError

    def failing_ocr(pdf, index, *args, **kwargs):
        raise OcrError(f"tesseract failed on page {index + 1}: Error in pixReadMem: image unreadable")

    monkeypatch.setattr(pipeline.text, "ocr_page", failing_ocr)
    _scanned_then_digital_pdf(tmp_path / "in.pdf")
    summary = run_batch([tmp_path / "in.pdf"], tmp_path / "out", jobs=1, keep_results=True)
    r = summary.results[0]
    assert (r.status, r.page_count) == ("partial", 2)
    assert "page 1" in r.error and "tesseract failed" in r.error


def test_an_ocr_page_over_its_time_limit_makes_the_file_partial(tmp_path):
    _scanned_then_digital_pdf(tmp_path / "in.pdf")
    summary = run_batch([tmp_path / "in.pdf"], tmp_path / "out", jobs=1, keep_results=True,
                        options=Options(page_timeout=0.001))
    r = summary.results[0]
    assert (r.status, r.page_count) == ("partial", 2)
    assert "page 1" in r.error and "timeout" in r.error.lower()


def test_a_file_over_its_time_limit_is_an_error(tmp_path):
    summary = run_batch([ROOT / "samples" / "seed_hautes-terres_2025-05-22_digital.pdf"], tmp_path, jobs=1,
                        keep_results=True, options=Options(file_timeout=0.01))
    r = summary.results[0]
    assert r.status == "error" and "time limit" in r.error


def test_the_file_time_limit_also_holds_off_the_main_thread(tmp_path):
    """Dask runs files in worker threads, where no alarm signal can be set: the limit is then
    checked between pages (the OCR of page 1 outlasts it, page 2 is never read)."""
    import threading

    from pipeline.runner import process_file

    _scanned_then_digital_pdf(tmp_path / "in.pdf")
    got = []
    worker = threading.Thread(target=lambda: got.append(process_file(tmp_path / "in.pdf", Options(file_timeout=0.2))))
    worker.start()
    worker.join(timeout=120)
    (r,) = got
    assert r.status == "error" and "time limit" in r.error and "before page 2" in r.error


# --------------------------------------------------------------------------- crash safety
def _distinct_copies(folder: Path, n: int) -> None:
    """Small digital PDFs with distinct bytes (a trailing comment), so each has its own sha256."""
    sources = [REAL / "couthenans_2021-11-05_cr.pdf", REAL / "couthenans_2022-10-07_cr.pdf"]
    for i in range(n):
        data = sources[i % len(sources)].read_bytes()
        (folder / f"doc-{i:02d}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())


def _cli(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(inputs), "--out", str(out),
           "--jobs", "1", "--chunk-size", "1", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _visible_parts_are_whole(out: Path) -> None:
    for name in SCHEMAS:
        for part in (out / name).rglob("part-*.parquet"):
            pq.read_metadata(part)  # a half-written file has no footer and raises


@pytest.fixture(scope="module")
def crash_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash_in")
    _distinct_copies(folder, 8)
    reference = tmp_path_factory.mktemp("reference_out")
    summary = run_batch([folder], reference, jobs=1, chunk_size=1)
    assert summary.files == 8
    return folder, reference


def test_a_kill_9_mid_run_then_a_rerun_gives_the_datasets_of_an_uninterrupted_run(crash_inputs, tmp_path):
    folder, reference = crash_inputs
    out = tmp_path / "out"
    proc = _cli(folder, out)
    manifests = out / MANIFESTS
    deadline = time.monotonic() + 120
    while not (manifests.exists() and any(manifests.glob("*.json"))):
        assert proc.poll() is None, proc.stdout.read().decode()
        assert time.monotonic() < deadline, "no chunk committed in 120 s"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = len(list(manifests.glob("*.json")))
    assert 1 <= committed < 8, "the run was not interrupted mid-way"
    _visible_parts_are_whole(out)

    rerun = _cli(folder, out)
    output = rerun.communicate(timeout=300)[0].decode()
    assert rerun.returncode == 0, output
    docs = read_table(out, "documents").column("document_id").to_pylist()
    assert len(docs) == len(set(docs)) == 8
    assert snapshot(out) == snapshot(reference)


def test_a_second_run_is_a_no_op(crash_inputs):
    folder, reference = crash_inputs
    before = snapshot(reference)
    parts = sorted(p.relative_to(reference) for p in reference.rglob("*.parquet"))
    summary = run_batch([folder], reference, jobs=1, chunk_size=1)
    assert (summary.files, summary.skipped) == (0, 8)
    assert snapshot(reference) == before
    assert sorted(p.relative_to(reference) for p in reference.rglob("*.parquet")) == parts
