"""`delib` command line: extract, eval (and the commands other modules register)."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from enum import IntEnum
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = PROJECT_ROOT / "samples"
DEFAULT_OUT = PROJECT_ROOT / "outputs"


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # e.g. an evaluation under its threshold
    USAGE = 2
    MISSING_DEPENDENCY = 3


class Progress:
    """One updating line on a terminal, plain log lines otherwise."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.stream, self.start = total, stream, time.monotonic()
        self.done = self.pages = self.ocr = self.errors = 0
        self.tty = stream.isatty()

    def __call__(self, r) -> None:
        self.done += 1
        self.pages += r.page_count or 0
        self.ocr += r.ocr_pages
        self.errors += r.status == "error"
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0
        msg = (f"[{self.done}/{self.total}] pages {self.pages} (OCR {self.ocr}) errors {self.errors} "
               f"ETA {eta:.0f}s")
        if self.tty:
            self.stream.write("\r" + msg.ljust(78))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{msg} :: {r.status} {r.source_path}" + (f" ({r.error})" if r.error else "") + "\n")
        self.stream.flush()


def cmd_extract(args) -> int:
    from .deps import missing_dependencies
    from .runner import Options, discover, run_batch

    problems = missing_dependencies()
    if problems:
        print("delib: missing dependencies:\n  " + "\n  ".join(problems), file=sys.stderr)
        return Exit.MISSING_DEPENDENCY
    inputs = args.inputs or [DEFAULT_SAMPLES]
    out = Path(args.out) if args.out else DEFAULT_OUT
    try:
        total = len(discover(inputs))
    except FileNotFoundError as exc:
        print(f"delib: {exc}", file=sys.stderr)
        return Exit.USAGE
    options = Options(dpi=args.dpi, page_timeout=args.page_timeout, file_timeout=args.file_timeout,
                      max_pages=args.max_pages, force_ocr=args.force_ocr)
    from .engines import EngineUnavailable

    engine_options = {"scheduler": args.scheduler} if args.engine == "dask" else {}
    if args.scheduler and args.engine != "dask":
        print("delib: --scheduler needs --engine dask", file=sys.stderr)
        return Exit.USAGE
    try:
        summary = run_batch(inputs, out, jobs=args.jobs, force=args.force, options=options,
                            on_result=Progress(total), chunk_size=args.chunk_size,
                            engine=args.engine, engine_options=engine_options)
    except EngineUnavailable as exc:
        print(f"delib: {exc}", file=sys.stderr)
        return Exit.MISSING_DEPENDENCY
    print(f"delib: run {summary.run_id} -> {out}: {summary.line()}")
    return Exit.OK


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(Path(args.out), Path(args.truth))
    print(format_report(report))
    if args.min is not None and report.worst_score() < args.min:
        print(f"delib eval: a score is under --min {args.min}: {report.worst_name()} = {report.worst_score():.3f}",
              file=sys.stderr)
        return Exit.FAILED
    return Exit.OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="delib", description="French deliberation PDFs -> Parquet datasets")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="read PDFs (files or folders) into datasets under --out")
    p.add_argument("inputs", nargs="*", help=f"PDF files or folders (default: {DEFAULT_SAMPLES})")
    p.add_argument("--out", help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="redo files already in --out")
    p.add_argument("--dpi", type=int, default=300, help="OCR render resolution")
    p.add_argument("--page-timeout", type=float, default=180.0, help="seconds of OCR per page")
    p.add_argument("--file-timeout", type=float, default=1800.0, help="seconds per file (0: none)")
    p.add_argument("--max-pages", type=int, default=2000, help="files with more pages are refused")
    p.add_argument("--force-ocr", action="store_true", help="OCR every page, even with a text layer")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local process pool, or Dask distributed (see docs/scaling.md)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); without it, --engine dask starts a local cluster")
    p.add_argument("--chunk-size", type=int, default=25, help=argparse.SUPPRESS)  # files per committed chunk
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="compare datasets with expected-value files")
    p.add_argument("out", help="datasets folder written by `delib extract`")
    p.add_argument("--truth", required=True, help="folder of expected-value JSON files")
    p.add_argument("--min", type=float, help="exit 1 when a score is under this threshold")
    p.set_defaults(func=cmd_eval)

    from . import audit, scdl, warehouse
    audit.add_parser(sub)
    scdl.add_parser(sub)
    warehouse.add_parser(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
