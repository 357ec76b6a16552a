"""Inputs of the benchmark: digital and scanned PDFs of the project, and distinct copies of them."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "samples", ROOT / "tests" / "corpus" / "real")


@dataclass(frozen=True)
class Pdf:
    path: Path
    pages: int
    ocr_pages: tuple[int, ...]  # 0-based indexes the text stage sends to OCR

    @property
    def scanned(self) -> bool:
        return len(self.ocr_pages) == self.pages


def triage(path: Path) -> Pdf:
    """Which pages the pipeline will OCR, decided by the text stage's own rule."""
    import pdfplumber

    from pipeline.text import _words_from_plumber, needs_ocr

    ocr = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            if needs_ocr(page, _words_from_plumber(page, i + 1))[0]:
                ocr.append(i)
            page.close()
        return Pdf(path, len(pdf.pages), tuple(ocr))


def project_pdfs() -> list[Pdf]:
    """Every PDF of the project once (the same bytes under two folders count once)."""
    import hashlib

    seen, found = set(), []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.pdf")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                found.append(triage(path))
    return found


def split(pdfs: list[Pdf], scanned_pages: int) -> tuple[list[Pdf], list[Pdf]]:
    """Born-digital files (no OCR page), and whole scanned files up to about `scanned_pages`
    pages, the seed scan first (it is the reference document of the project)."""
    digital = [p for p in pdfs if not p.ocr_pages]
    scans = sorted((p for p in pdfs if p.scanned), key=lambda p: (not p.path.name.startswith("seed"), p.pages))
    chosen, total = [], 0
    for p in scans:
        if total >= scanned_pages:
            break
        chosen.append(p)
        total += p.pages
    return digital, chosen


def distinct_copies(sources: list[Path], n: int, folder: Path) -> list[Path]:
    """`n` files cycling over `sources`, each with a trailing PDF comment that makes its bytes
    (and so its document_id) unique; readers ignore bytes after %%EOF."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, src in zip(range(n), itertools.cycle(sources)):
        dst = folder / f"{i:05d}-{src.name}"
        dst.write_bytes(src.read_bytes() + f"\n% bench copy {i}\n".encode())
        out.append(dst)
    return out
