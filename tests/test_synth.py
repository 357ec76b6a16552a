"""The synthetic corpus generator (synth/): PDFs a reader would take for real, with truth files
that follow tests/truth/FORMAT.md and findings that the validators really raise."""
from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # synth/ is a top-level package of the checkout, like validators/
    sys.path.insert(0, str(ROOT))

from synth import build_corpus, build_document  # noqa: E402
from synth.generate import ITEM_SEEDS, SESSION_SEEDS, SILENT_SEEDS, fmt_amount  # noqa: E402
from synth.vocab import time_words, words, year_words  # noqa: E402
from tests.test_truth_files import check_truth  # noqa: E402

SEED = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    build_corpus(out, count=9, seed=SEED)
    return out


def _truths(out: Path) -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(out.glob("*.json"))]


def _tokens(pdf_path: Path) -> set[str]:
    with pdfplumber.open(str(pdf_path)) as pdf:
        words_ = [w["text"] for page in pdf.pages for w in page.extract_words()]
    return {unicodedata.normalize("NFC", w).strip(",;.:()") for w in words_}


def test_writes_a_pdf_and_a_truth_file_per_document(corpus):
    pdfs, jsons = sorted(corpus.glob("*.pdf")), sorted(corpus.glob("*.json"))
    assert len(pdfs) == 9
    assert [p.stem for p in pdfs] == [j.stem for j in jsons]


def test_truth_files_follow_the_format(corpus):
    for path, doc in _truths(corpus):
        assert check_truth(doc, path.stem) == [], path.name


def test_a_third_is_scanned(corpus):
    kinds = [doc["kind"] for _, doc in _truths(corpus)]
    assert kinds.count("scanned") == 3 and kinds.count("digital") == 6


def test_digital_text_layer_holds_the_expected_names_and_counts(corpus):
    for path, doc in _truths(corpus):
        if doc["kind"] != "digital":
            continue
        tokens = _tokens(path.with_suffix(".pdf"))
        for d in doc["deliberations"]:
            names = [a["person_name"] for a in d["attendance"]] + [p["holder"] for p in d["proxies"]]
            for name in names + [d["president"]]:
                missing = [t for t in re.split(r"[\s]+", name) if t not in tokens]
                assert not missing, f"{path.name}: {name!r} not printed ({missing})"
            for key in ("members_in_office", "present_count", "voters_count", "votes_for"):
                if d[key] is not None and d["unanimous"] is not True:
                    assert str(d[key]) in tokens, f"{path.name} #{d['seq']}: {key} {d[key]} not printed"


def test_scanned_files_have_no_text_layer(corpus):
    for path, doc in _truths(corpus):
        if doc["kind"] != "scanned":
            continue
        with pdfplumber.open(str(path.with_suffix(".pdf"))) as pdf:
            assert all(not (page.extract_text() or "").strip() for page in pdf.pages), path.name
            assert all(page.images for page in pdf.pages), path.name


def test_pages_of_every_deliberation_are_within_the_file(corpus):
    for path, doc in _truths(corpus):
        if doc["kind"] != "digital":
            continue
        with pdfplumber.open(str(path.with_suffix(".pdf"))) as pdf:
            n = len(pdf.pages)
            for d in doc["deliberations"]:
                assert 1 <= d["page_start"] <= d["page_end"] <= n
                page_text = " ".join((pdf.pages[d["page_start"] - 1].extract_text() or "").split())
                assert " ".join(d["subject"].split()[:3]) in page_text


def test_same_seed_same_truth(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        out.mkdir()
        for i in range(3):
            build_document(out, i, SEED, False, ("extract", "minutes")[i % 2], None, [])
    assert [p.read_text() for p in sorted(a.glob("*.json"))] == [p.read_text() for p in sorted(b.glob("*.json"))]


@pytest.mark.parametrize("seed", SESSION_SEEDS + ITEM_SEEDS)
def test_each_seed_fires_its_rule_and_look_alikes_stay_silent(tmp_path, seed):
    session_seed, item_seeds = (seed, []) if seed in SESSION_SEEDS else (None, [seed])
    doc = build_document(tmp_path, 0, SEED, False, "extract", session_seed, item_seeds)["truth"]
    rules = {f["rule"] for d in doc["deliberations"] for f in d["findings"]}
    if seed in SILENT_SEEDS:
        assert SILENT_SEEDS[seed] not in rules
    else:
        assert ("outcome" if seed.startswith("outcome") else seed) in rules


def test_unseeded_documents_raise_no_finding(tmp_path):
    for i in range(4):
        doc = build_document(tmp_path, i, SEED + 1, False, ("extract", "minutes")[i % 2], None, [])["truth"]
        assert all(d["findings"] == [] for d in doc["deliberations"])


@pytest.mark.parametrize("n, text", [(1, "un"), (17, "dix-sept"), (21, "vingt et un"), (71, "soixante et onze"),
                                     (80, "quatre-vingts"), (99, "quatre-vingt-dix-neuf")])
def test_numbers_in_words(n, text):
    assert words(n) == text


def test_dates_and_times_in_words():
    assert year_words(2024) == "deux mille vingt-quatre"
    assert time_words(18, 30) == "dix-huit heures trente"


@pytest.mark.parametrize("value, style, printed", [
    (320000.0, "space", "320 000 €"), (12500.5, "euros", "12 500,50 euros"), (1250000.0, "dots", "1.250.000 €"),
    (75028.99, "ht", "75 028,99 € HT"), (2500.0, "compact", "2500€"),
])
def test_amounts_in_french_formats(value, style, printed):
    assert fmt_amount(random.Random(0), value, style, " ") == printed
