"""Golden files: the whole pipeline on every real PDF and on the seed samples, against tests/truth."""
import json

import pytest

from pipeline.evaluate import evaluate, format_report
from pipeline.writers import read_table

from conftest import REAL, SAMPLES, TRUTH


def _truth(stem):
    return json.loads((TRUTH / f"{stem}.json").read_text(encoding="utf-8"))


def test_every_file_is_read_without_error(corpus_run):
    out, summary = corpus_run
    docs = read_table(out, "documents").to_pylist()
    assert len(docs) == len(list(REAL.glob("*.pdf"))) + len(list(SAMPLES.glob("seed_*.pdf")))
    assert {d["status"] for d in docs} == {"ok"}, [(d["source_path"], d["error"]) for d in docs if d["status"] != "ok"]


@pytest.mark.parametrize("pdf", sorted(p.name for p in REAL.glob("*.pdf")))
def test_number_of_deliberations_per_real_file(corpus_run, pdf):
    out, _ = corpus_run
    docs = {d["source_path"].split("/")[-1]: d for d in read_table(out, "documents").to_pylist()}
    expected = len(_truth(pdf[:-4])["deliberations"])
    assert docs[pdf]["deliberation_count"] == expected


def test_evaluation_report(corpus_run):
    out, _ = corpus_run
    report = evaluate(out, TRUTH)
    print(format_report(report))
    assert not report.missing
