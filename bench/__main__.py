"""python -m bench [--files N] [--jobs N] [--memory 10,100,1000] [--only SECTION ...]

Sections (all by default):
  throughput  pages/s of process_file on born-digital and on scanned pages, one process, and
              of the bare floors on the same pages: pdfplumber extract_words (digital),
              pypdfium2 render + pytesseract image_to_data at the same dpi (scanned)
  speedup     `delib extract` wall time with --jobs 1 and --jobs N on the same distinct files
  memory      peak RSS of `delib extract` (parent + workers) over 10, 100, 1,000 small files
  profile     where process_file spends its time (cProfile, top functions)

Wall-clock figures suffer when other programs share the cores; CPU-second figures (this
process and its finished children, tesseract included) are printed beside them.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import ROOT, Pdf, distinct_copies, project_pdfs, split
from .measure import Clock, have_psutil, run_sampling_rss

MB = 1 << 20


def out(line: str = "") -> None:
    print(line, flush=True)


# --------------------------------------------------------------------------- throughput
def pipeline_span(pdfs: list[Pdf], dpi: int):
    from pipeline.runner import Options, process_file

    options = Options(dpi=dpi)
    with Clock() as c:
        results = [process_file(p.path, options) for p in pdfs]
    bad = [f"{Path(r.source_path).name}: {r.status} {r.error}" for r in results if r.status == "error"]
    return c.span, bad


def plumber_floor(pdfs: list[Pdf]):
    import pdfplumber

    with Clock() as c:
        for p in pdfs:
            with pdfplumber.open(p.path) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    page.close()
    return c.span


def tesseract_floor(pdfs: list[Pdf], dpi: int):
    import pypdfium2 as pdfium
    import pytesseract

    with Clock() as c:
        for p in pdfs:
            doc = pdfium.PdfDocument(str(p.path))
            try:
                for i in p.ocr_pages:
                    page = doc[i]
                    image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
                    page.close()
                    pytesseract.image_to_data(image, lang="fra", output_type=pytesseract.Output.DICT)
            finally:
                doc.close()
    return c.span


def _rate(pages: int, seconds: float) -> str:
    return f"{pages / seconds:6.2f} pages/s" if seconds > 0 else "   n/a"


def throughput(args) -> dict:
    from pipeline.runner import Options, process_file

    os.environ["OMP_THREAD_LIMIT"] = "1"
    pdfs = project_pdfs()
    digital, scanned = split(pdfs, args.scanned_pages)
    # Warm-up: spaCy model, pdfium and tesseract binaries are loaded once per worker in a batch.
    process_file(digital[0].path, Options(dpi=args.dpi))
    figures = {}
    for label, group, floor_name, floor in (
            ("born-digital", digital, "pdfplumber extract_words", lambda: plumber_floor(digital)),
            ("scanned", scanned, f"render + tesseract {args.dpi} dpi", lambda: tesseract_floor(scanned, args.dpi))):
        pages = sum(p.pages for p in group) if label == "born-digital" else sum(len(p.ocr_pages) for p in group)
        out(f"\n{label}: {len(group)} files, {pages} pages ({', '.join(p.path.name for p in group)})")
        pipe, bad = pipeline_span(group, args.dpi)
        base = floor()
        for name, s in (("pipeline (process_file)", pipe), (f"floor: {floor_name}", base)):
            out(f"  {name:38s} wall {s.wall:7.2f} s  {_rate(pages, s.wall)} | cpu {s.cpu:7.2f} s  {_rate(pages, s.cpu)}")
        ratio_wall, ratio_cpu = pipe.wall / base.wall, pipe.cpu / base.cpu
        target = 2.0 if label == "born-digital" else 1.15
        out(f"  ratio pipeline / floor: wall {ratio_wall:.2f}x, cpu {ratio_cpu:.2f}x  "
            f"(target <= {target}x: {'met' if ratio_cpu <= target else 'NOT met'} on cpu)")
        for line in bad:
            out(f"  ! {line}")
        figures[label] = (ratio_wall, ratio_cpu)
    return figures


# --------------------------------------------------------------------------- speed-up
def _extract_cmd(folder: Path, out_dir: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "extract", str(folder), "--out", str(out_dir),
            "--jobs", str(jobs), *extra]


def _env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def speedup(args, tmp: Path) -> float:
    pdfs = project_pdfs()
    digital, scanned = split(pdfs, args.scanned_pages)
    # Mostly scans, as in real archives; distinct bytes so nothing is skipped as already done.
    sources = [p.path for p in scanned] * 2 + [p.path for p in digital]
    folder = tmp / "speedup_in"
    files = distinct_copies(sources, args.files, folder)
    jobs = args.jobs or os.cpu_count() or 1
    out(f"\nspeed-up: {len(files)} files, --jobs 1 vs --jobs {jobs} (`delib extract`, process start included)")
    walls = {}
    for j in sorted({1, jobs}):
        out_dir = tmp / f"speedup_out_{j}"
        start_cpu = os.times()
        _, wall, peak = run_sampling_rss(_extract_cmd(folder, out_dir, j), cwd=ROOT, env=_env())
        end_cpu = os.times()
        cpu = (end_cpu.children_user + end_cpu.children_system) - (start_cpu.children_user + start_cpu.children_system)
        walls[j] = wall
        out(f"  --jobs {j}: wall {wall:7.1f} s, cpu {cpu:7.1f} s, peak RSS {peak / MB:6.0f} MB")
    gain = walls[1] / walls[jobs] if jobs in walls and walls[jobs] else 1.0
    out(f"  speed-up 1 -> {jobs} cores: {gain:.2f}x (target >= 1.8x on 2 cores); load average now "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return gain


# --------------------------------------------------------------------------- memory
def memory(args, tmp: Path) -> dict:
    jobs = args.jobs or os.cpu_count() or 1
    small = min((p for p in project_pdfs() if not p.ocr_pages), key=lambda p: p.path.stat().st_size)
    out(f"\nmemory: `delib extract --jobs {jobs}` over N distinct copies of {small.path.name} "
        f"({small.pages} page(s), digital)")
    if not have_psutil():
        out("  (psutil not installed: figures are the largest single process, from getrusage)")
    peaks = {}
    for n in args.memory:
        folder = tmp / f"mem_in_{n}"
        distinct_copies([small.path], n, folder)
        out_dir = tmp / f"mem_out_{n}"
        if have_psutil():
            _, wall, peak = run_sampling_rss(_extract_cmd(folder, out_dir, jobs), cwd=ROOT, env=_env())
        else:
            import resource
            start = time.perf_counter()
            subprocess.run(_extract_cmd(folder, out_dir, jobs), cwd=ROOT, env=_env(), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        peaks[n] = peak
        out(f"  {n:6d} files: peak RSS {peak / MB:7.0f} MB, wall {wall:7.1f} s ({n / wall:.1f} files/s)")
    counts = sorted(peaks)
    if len(counts) > 1:
        growth = peaks[counts[-1]] / peaks[counts[0]]
        out(f"  peak at {counts[-1]} / peak at {counts[0]}: {growth:.2f}x "
            f"(target: under 1 GB and flat; {'met' if peaks[counts[-1]] < 1024 * MB and growth < 1.3 else 'NOT met'})")
    return peaks


# --------------------------------------------------------------------------- profile
def profile(args) -> None:
    from pipeline.runner import Options, process_file

    pdfs = project_pdfs()
    digital, scanned = split(pdfs, args.scanned_pages)
    process_file(digital[0].path, Options(dpi=args.dpi))
    for label, group in (("born-digital", digital), ("scanned", scanned[:1])):
        prof = cProfile.Profile()
        prof.enable()
        for p in group:
            process_file(p.path, Options(dpi=args.dpi))
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
        stats.print_stats(r"pipeline|extractors|validators|pdfplumber/page|pytesseract|pdfminer/pdfinterp", 25)
        out(f"\nprofile, {label} ({len(group)} files), cumulative, top project/library functions:")
        lines = [l for l in buf.getvalue().splitlines() if l.strip() and not l.startswith(("   Ordered", "   List"))]
        for line in lines[-27:]:
            out("  " + line[:150])


# --------------------------------------------------------------------------- main
SECTIONS = ("throughput", "speedup", "memory", "profile")


def parse(argv):
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--files", type=int, default=12, help="files for the speed-up runs (default 12)")
    ap.add_argument("--jobs", type=int, default=0, help="cores for the parallel runs (default: all)")
    ap.add_argument("--memory", default="10,100,1000", help="file counts of the memory runs")
    ap.add_argument("--scanned-pages", type=int, default=12, help="about how many scanned pages to time")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    args = ap.parse_args(argv)
    args.memory = [int(x) for x in args.memory.split(",") if x.strip()]
    return args


def main(argv=None) -> int:
    args = parse(argv)
    sections = args.only or [s for s in SECTIONS if s != "profile"]
    out(f"delib bench: {os.cpu_count()} cores, python {sys.version.split()[0]}, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
        if "throughput" in sections:
            throughput(args)
        if "speedup" in sections:
            speedup(args, Path(tmp))
        if "memory" in sections:
            memory(args, Path(tmp))
        if "profile" in sections:
            profile(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
