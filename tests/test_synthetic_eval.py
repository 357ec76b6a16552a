"""The synthetic labelled corpus: generated deliberations (a third scanned) with their expected
values and seeded inconsistencies, read by the whole pipeline and scored by `delib eval`.

The floors are what the pipeline measured when they were set (see the closing notes); a change
that loses accuracy fails here. Issue 3's targets (every field >= 0.98 digital, >= 0.95 scanned)
are higher than some of these floors: raise a floor whenever the pipeline improves.
"""
import pytest

from pipeline.evaluate import evaluate, format_report
from pipeline.runner import run_batch
from synth import build_corpus


@pytest.fixture(scope="module")
def synthetic_report(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("synth")
    build_corpus(corpus, count=12, seed=11)
    out = tmp_path_factory.mktemp("synth_out")
    summary = run_batch([corpus], out, jobs=2)
    assert summary.error == 0
    report = evaluate(out, corpus)
    print(format_report(report, show_mismatches=100))
    return report


@pytest.mark.parametrize("kind,metric,floor", [
    ("digital", "deliberation_count", 1.0), ("scanned", "deliberation_count", 1.0),
    ("digital", "counts_votes", 0.98), ("scanned", "counts_votes", 0.95),
    ("digital", "attendance_F1", 0.98), ("scanned", "attendance_F1", 0.97),
    ("digital", "proxies_F1", 0.98), ("scanned", "proxies_F1", 0.95),
    ("digital", "decisions_verb_F1", 0.98), ("scanned", "decisions_verb_F1", 0.95),
    ("digital", "decisions_amount_F1", 0.98),
    ("digital", "objectives_F1", 0.98), ("digital", "objectives_status_F1", 0.98),
    *[("digital", f"field.{name}", 0.98) for name in (
        "act_number", "authority", "body", "convocation_date", "page_end", "page_start", "place", "president",
        "secretary", "session_date", "session_time", "subject")],
    # Eight scanned deliberations: one miss is 0.875.
    *[("scanned", f"field.{name}", 0.85) for name in (
        "act_number", "body", "convocation_date", "page_end", "page_start", "place", "president", "secretary",
        "session_date", "session_time", "subject")],
    ("scanned", "field.authority", 0.85),
    ("digital", "no_false_alarm", 1.0), ("scanned", "no_false_alarm", 0.85),
    ("scanned", "rule_recall", 0.95), ("digital", "rule_recall", 0.98),
])
def test_synthetic_floor(synthetic_report, kind, metric, floor):
    s = synthetic_report.scores[kind][metric]
    value = s.f1 if metric.endswith("F1") else s.accuracy
    assert value is not None and value >= floor, f"{kind}.{metric} = {value}"
