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

from synth import build_corpus, build_document, plan_corpus  # noqa: E402
from synth.generate import ITEM_SEEDS, SESSION_SEEDS, SILENT_SEEDS, fmt_amount  # noqa: E402
from synth.truth import seed_rule  # noqa: E402
from synth.variants import ocr_typo  # noqa: E402
from synth.vocab import time_words, words, year_words  # noqa: E402
from tests.test_truth_files import check_truth  # noqa: E402
from validation.rules import same_person  # noqa: E402

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
                # a compound surname may be printed with a spaced dash: "ROUVIER – COROUGE"
                missing = [t for t in re.split(r"[\s]+", name)
                           if t not in tokens and not all(part in tokens for part in t.split("-"))]
                assert not missing, f"{path.name}: {name!r} not printed ({missing})"
            for key in ("members_in_office", "present_count", "voters_count", "votes_for"):
                if d[key] is not None and d["unanimous"] is not True:
                    assert str(d[key]) in tokens, f"{path.name} #{d['seq']}: {key} {d[key]} not printed"


def _stamp_only(page) -> bool:
    """The page's text is the prefecture stamp in the top right corner, nothing else."""
    words_ = page.extract_words()
    text = " ".join(w["text"] for w in words_)
    return bool(words_) and all(w["top"] < 75 and w["x0"] >= 395 for w in words_) and \
        text.startswith("Envoyé en préfecture le") and re.search(r"ID : \d{3}-\d{9}-\d{8}-\w+-DE$", text) is not None


def test_scanned_files_have_no_text_layer_but_the_prefecture_stamp(corpus):
    stamped = 0
    for path, doc in _truths(corpus):
        if doc["kind"] != "scanned":
            continue
        with pdfplumber.open(str(path.with_suffix(".pdf"))) as pdf:
            assert all(page.images for page in pdf.pages), path.name
            if any(page.chars for page in pdf.pages):
                assert all(_stamp_only(page) for page in pdf.pages), path.name
                stamped += 1
            else:
                assert all(not (page.extract_text() or "").strip() for page in pdf.pages), path.name
    assert stamped >= 1  # the plan keeps at least one scan whose only text layer is the stamp


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
        assert seed_rule(seed) in rules


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


# --------------------------------------------------------------------------- more shapes
def test_plan_covers_every_session_seed_on_three_deliberations():
    plan = plan_corpus(60, 7)
    assert plan == plan_corpus(60, 7)
    assert sum(p.scanned for p in plan) == 20
    assert sum(p.scanned and p.text_stamp for p in plan) >= 3
    for seed in SESSION_SEEDS:
        assert sum(p.n_items for p in plan if p.session_seed == seed) >= 3, seed
    assert sum(p.session_seed is None for p in plan) >= 24  # clean sessions remain the majority shape


def test_a_scan_whose_only_text_layer_is_the_prefecture_stamp(tmp_path):
    doc = build_document(tmp_path, 0, SEED, True, "minutes", None, [], n_items=2, text_stamp=True)
    assert doc["truth"]["kind"] == "scanned" and doc["scan"]["text_stamp"]
    with pdfplumber.open(str(tmp_path / f"{doc['name']}.pdf")) as pdf:
        for page in pdf.pages:
            assert _stamp_only(page)
            assert any(im["x1"] - im["x0"] > 0.95 * page.width and im["bottom"] - im["top"] > 0.95 * page.height
                       for im in page.images)


def test_a_digital_act_with_the_stamp_printed_above_its_text(tmp_path):
    doc = build_document(tmp_path, 1, SEED, False, "extract", None, [], text_stamp=True)
    with pdfplumber.open(str(tmp_path / f"{doc['name']}.pdf")) as pdf:
        page = pdf.pages[0]
        stamp = [w for w in page.extract_words() if w["x0"] >= 395 and w["top"] < 75]
        body = [w for w in page.extract_words() if w not in stamp]
        assert " ".join(w["text"] for w in stamp).startswith("Envoyé en préfecture le")
        assert min(w["top"] for w in body) > max(w["bottom"] for w in stamp)  # the margin is kept free


@pytest.mark.parametrize("word", ["GAUDIN", "FOURÉ-BÉCHET", "LE GALL", "Nelly", "D'ALMEIDA", "BONNET", "Hélène"])
@pytest.mark.parametrize("k", range(4))
def test_ocr_variants_are_one_typo_away(word, k):
    typo = ocr_typo(random.Random(k), word, lambda out: same_person(f"Jean {word}", f"Jean {out}"))
    assert typo != word and typo[0] == word[0]
    assert same_person(f"Jean {word}", f"Jean {typo}")


def _first_document(tmp_path, wanted, kinds=("minutes", "extract"), tries=40):
    for i in range(tries):
        doc = build_document(tmp_path, i, SEED, False, kinds[i % len(kinds)], None, [])
        if wanted(doc["session"]):
            return doc
    pytest.fail("no document of that shape in the first draws")


def test_a_holder_misspelt_in_the_proxies_is_kept_as_printed(tmp_path):
    doc = _first_document(tmp_path, lambda s: any(place == "proxy_holder" for place, _ in s.variants))
    s = doc["session"]
    (_, holder), (shown, order) = next((k, v) for k, v in s.variants.items() if k[0] == "proxy_holder")
    d = doc["truth"]["deliberations"][0]
    printed = shown.name(order)
    assert printed != holder.name(s.order)
    assert printed in [p["holder"] for p in d["proxies"]]
    assert holder.name(s.order) in [a["person_name"] for a in d["attendance"]]
    assert same_person(printed, holder.name(s.order))
    assert not any(f["rule"] == "proxy_holder_present" for f in d["findings"])


def test_dash_separated_lists_print_compound_surnames_with_a_spaced_dash(tmp_path):
    doc = _first_document(tmp_path, lambda s: s.spaced_dash and any("-" in p.last for p in s.present))
    s = doc["session"]
    p = next(p for p in s.present if "-" in p.last)
    with pdfplumber.open(str(tmp_path / f"{doc['name']}.pdf")) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert p.last.replace("-", " – ") in text
    assert " - " in text
    assert p.name(s.order) in [a["person_name"] for a in doc["truth"]["deliberations"][0]["attendance"]]


@pytest.mark.parametrize("seed, clear_days, severity, printed", [
    ("convocation_urgency", 0, "error", "urgence"),
    ("convocation_urgency_ok", 1, None, "urgence"),
    ("convocation_delay", None, "warning", None),
    ("convocation_population", None, "error", "habitants"),
])
def test_urgency_and_population_set_the_convocation_delay(tmp_path, seed, clear_days, severity, printed):
    doc = build_document(tmp_path, 0, SEED, False, "extract", seed, [])
    s, d = doc["session"], doc["truth"]["deliberations"][0]
    days = (s.date - s.convocation).days - 1
    if clear_days is not None:
        assert days == clear_days
    if seed == "convocation_population":
        assert s.population >= 3500 and days in (3, 4)  # enough without the population, too few with it
    found = [f["severity"] for f in d["findings"] if f["rule"] == "convocation_delay"]
    assert found == ([severity] if severity else [])
    if printed:
        with pdfplumber.open(str(tmp_path / f"{doc['name']}.pdf")) as pdf:
            assert printed in " ".join((page.extract_text() or "") for page in pdf.pages)


def test_first_names_only_lists_name_proxies_by_first_name(tmp_path):
    doc = _first_document(tmp_path, lambda s: s.order == "first" and s.proxies, kinds=("minutes",))
    d = doc["truth"]["deliberations"][0]
    assert all(" " not in a["person_name"] for a in d["attendance"])
    assert all(" " not in p["grantor"] for p in d["proxies"])
