"""python -m synth --out DIR --count 60 --seed 7"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import build_corpus, summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m synth", description="Write synthetic deliberation PDFs and truth files.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = build_corpus(args.out, args.count, args.seed)
    if not args.quiet:
        for key, n in summary(docs).items():
            print(f"{key:45s} {n}")
    print(f"{len(docs)} documents written to {args.out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
