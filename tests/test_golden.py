"""Golden files: the whole pipeline on every real PDF and on the seed samples, against tests/truth.

The floors below are the acceptance figures of the issues; `delib eval` prints the same scores.
"""
import datetime as dt
import json

import pytest

from pipeline.evaluate import evaluate, format_report
from pipeline.writers import read_table

from conftest import REAL, SAMPLES, TRUTH

SEED = "seed_hautes-terres_2025-05-22"


def _truth(stem):
    return json.loads((TRUTH / f"{stem}.json").read_text(encoding="utf-8"))


def _docs(out):
    return {d["source_path"].split("/")[-1]: d for d in read_table(out, "documents").to_pylist()}


def _rows(out, table, document_id):
    return [r for r in read_table(out, table).to_pylist() if r["document_id"] == document_id]


@pytest.fixture(scope="module")
def report(corpus_run):
    out, _ = corpus_run
    rep = evaluate(out, TRUTH)
    print(format_report(rep, show_mismatches=200))
    return rep


def score(report, kind, metric):
    s = report.scores[kind][metric]
    return s.f1 if metric.endswith("F1") else s.accuracy


def test_every_file_is_read_with_status_ok(corpus_run):
    out, _ = corpus_run
    docs = read_table(out, "documents").to_pylist()
    assert len(docs) == len(list(REAL.glob("*.pdf"))) + len(list(SAMPLES.glob("seed_*.pdf")))
    assert {d["status"] for d in docs} == {"ok"}, [(d["source_path"], d["error"]) for d in docs if d["status"] != "ok"]


@pytest.mark.parametrize("pdf", sorted(p.name for p in REAL.glob("*.pdf")))
def test_number_of_deliberations_per_real_file(corpus_run, pdf):
    out, _ = corpus_run
    assert _docs(out)[pdf]["deliberation_count"] == len(_truth(pdf[:-4])["deliberations"])


def test_digital_seed_gives_every_value_of_the_seed(corpus_run):
    out, _ = corpus_run
    doc = _docs(out)[f"{SEED}_digital.pdf"]
    (d,) = _rows(out, "deliberations", doc["document_id"])
    assert (d["members_in_office"], d["present_count"], d["represented_count"], d["voters_count"]) == (60, 35, 7, 42)
    assert (d["votes_for"], d["votes_against"], d["abstentions"], d["not_voting"]) == (42, 0, 0, 0)
    assert d["outcome"] == "adopted"
    assert d["session_date"] == dt.date(2025, 5, 22) and d["session_time"] == "20:00"
    assert d["convocation_date"] == dt.date(2025, 5, 15) and d["place"] == "Murat"
    assert (d["president"], d["secretary"]) == ("Didier ACHALME", "Djuwan ARMANDET")
    assert d["subject"].startswith("Validation de l'annexe opérationnelle et financière")
    att = _rows(out, "attendance", doc["document_id"])
    assert sum(a["status"] == "present" for a in att) == 35 and sum(a["status"] == "excused" for a in att) == 25
    truth = _truth(f"{SEED}_digital")["deliberations"][0]
    assert {(p["grantor"], p["holder"]) for p in _rows(out, "proxies", doc["document_id"])} == \
        {(p["grantor"], p["holder"]) for p in truth["proxies"]}
    decisions = sorted(_rows(out, "decisions", doc["document_id"]), key=lambda r: r["position"])
    assert [r["verb"] for r in decisions] == ["approuver", "préciser", "préciser", "valider", "préciser", "adresser"]
    assert decisions[0]["amount_eur"] == 320000.0
    objectives = {o["number"]: o for o in _rows(out, "objectives", doc["document_id"])}
    assert len(objectives) == 100 and sum(o["highlighted"] for o in objectives.values()) == 71
    expected = {o["number"]: o for o in truth["objectives"]}
    for n, o in expected.items():
        got = objectives[n]
        assert (got["status"], got["status_year"], got["planned_year"], got["highlighted"]) == \
            (o["status"], o["status_year"], o["planned_year"], o["highlighted"]), n
    assert not [f for f in _rows(out, "findings", doc["document_id"]) if f["severity"] == "error"]


def test_scanned_seed_counts_exact_names_and_statuses(corpus_run):
    out, _ = corpus_run
    doc = _docs(out)[f"{SEED}_scanned.pdf"]
    (d,) = _rows(out, "deliberations", doc["document_id"])
    truth = _truth(f"{SEED}_scanned")["deliberations"][0]
    for f in ("members_in_office", "present_count", "represented_count", "voters_count",
              "votes_for", "votes_against", "abstentions", "not_voting", "outcome"):
        assert d[f] == truth[f], f
    names = {a["person_name"] for a in _rows(out, "attendance", doc["document_id"])}
    expected = [a["person_name"] for a in truth["attendance"]]
    assert sum(n in names for n in expected) / len(expected) >= 0.97
    statuses = {o["number"]: o["status"] for o in _rows(out, "objectives", doc["document_id"])}
    right = sum(statuses.get(o["number"]) == o["status"] for o in truth["objectives"])
    assert right / len(truth["objectives"]) >= 0.95


@pytest.mark.parametrize("kind,metric,floor", [
    ("digital", "attendance_F1", 0.97), ("scanned", "attendance_F1", 0.93),
    ("digital", "counts_votes", 0.97), ("scanned", "counts_votes", 0.97),
    ("digital", "decisions_verb_F1", 0.90), ("scanned", "decisions_verb_F1", 0.90),
    ("digital", "proxies_F1", 0.97), ("scanned", "proxies_F1", 0.93),
    ("digital", "deliberation_count", 1.0), ("scanned", "deliberation_count", 1.0),
    ("digital", "rule_recall", 1.0), ("scanned", "rule_recall", 1.0),
    ("digital", "no_false_alarm", 1.0), ("scanned", "no_false_alarm", 1.0),
])
def test_labelled_corpus_floor(report, kind, metric, floor):
    assert not report.missing
    assert score(report, kind, metric) >= floor
