"""Developer loop: extract + evaluate a corpus with the text stage's output cached on disk.

OCR is the slow stage and rarely what a change touches, so each PDF's DocText is pickled under
--cache (keyed by sha256) and reused; line grouping, layout, extractors and validators run
fresh every time (a change to OCR or to the text layer's reading needs a new --cache).

    python tools/dev_eval.py tests/corpus/real samples --truth tests/truth --out /tmp/dev_out
"""
from __future__ import annotations

import argparse
import pickle
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.evaluate import evaluate, format_report  # noqa: E402
from pipeline.lines import group_lines  # noqa: E402
from pipeline.model import DocumentResult  # noqa: E402
from pipeline.rows import document_rows  # noqa: E402
from pipeline.runner import analyse, discover, sha256_file  # noqa: E402
from pipeline.text import read_document  # noqa: E402
from pipeline.writers import DatasetWriter  # noqa: E402


def cached_doctext(path: Path, cache: Path):
    digest = sha256_file(path)
    slot = cache / f"{digest}.pkl"
    if slot.exists():
        doc = pickle.loads(slot.read_bytes())
        # Lines are regrouped from the cached words: a change to pipeline/lines.py shows at once
        # (text.py groups a page's words with nothing else).
        for page in doc.pages:
            page.lines = group_lines(page.words, page.number)
        return doc
    doc = read_document(path)
    cache.mkdir(parents=True, exist_ok=True)
    slot.write_bytes(pickle.dumps(doc))
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--truth", required=True)
    ap.add_argument("--out", default="/tmp/dev_out")
    ap.add_argument("--cache", default="/tmp/delib_doctext_cache")
    ap.add_argument("--mismatches", type=int, default=80)
    args = ap.parse_args(argv)
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    writer = DatasetWriter(out, "dev")
    rows: dict[str, list[dict]] = {}
    ids = []
    seen = set()
    for path in discover(args.inputs):
        digest = sha256_file(path)
        if digest in seen:  # the same bytes under two names count once, as in `delib extract`
            continue
        seen.add(digest)
        try:
            doc = cached_doctext(path, Path(args.cache))
            result = analyse(doc, DocumentResult(document_id=doc.document_id, source_path=str(path)))
        except Exception as exc:
            result = DocumentResult(document_id=sha256_file(path), source_path=str(path), status="error", error=str(exc))
        for name, part in document_rows(result, "dev").items():
            rows.setdefault(name, []).extend(part)
        ids.append(result.document_id)
    writer.write_chunk(rows, ids)
    print(format_report(evaluate(out, Path(args.truth)), show_mismatches=args.mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
