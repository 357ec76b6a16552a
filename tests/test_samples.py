"""The sample PDFs made from the seed: what a reader (and our pipeline) can rely on in them.

tools/make_samples.py is run once into a temporary folder; the tests read what it wrote.
"""
from __future__ import annotations

import collections
import importlib.util
import json
import re
import sys
from pathlib import Path

import pdfplumber
import pytest

from pipeline.model import clean_text

ROOT = Path(__file__).resolve().parents[1]
STEM = "seed_hautes-terres_2025-05-22"


def _load_tool():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "tools" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


ms = _load_tool()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("samples")
    return ms.build_samples(base / "samples", base / "truth", copy_real=False)


@pytest.fixture(scope="module")
def digital_pages(built):
    with pdfplumber.open(str(built["digital"])) as pdf:
        yield pdf.pages


@pytest.fixture(scope="module")
def truth(built):
    return json.loads(built["truth_digital"].read_text(encoding="utf-8"))["deliberations"][0]


def flow_text(pages) -> str:
    """The text in drawing order, so that a side box does not interleave with the body."""
    return clean_text(" ".join(p.extract_text(use_text_flow=True) or "" for p in pages))


# --------------------------------------------------------------------------- born-digital PDF
@pytest.mark.parametrize("line", [
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS",
    "Le vingt deux mai deux mille vingt cinq à 20 heures 00, le Conseil communautaire",
    "sous la présidence de Monsieur Didier ACHALME, Président de Hautes Terres Communauté",
    "Étaient présents : Didier ACHALME, Claire ANDRIEUX-JANNETTA",
    "Étaient absents excusés : Gilles AMAT",
    "Pouvoirs : Jennifer DEVEZE pouvoir à Éric VIALA",
    "Date et affichage de la convocation : 15 mai 2025",
    "Secrétaire de séance : Djuwan ARMANDET",
    "Membres en exercice : 60",
    "Votants : 42",
    "Pour : 42 Contre : 0 Abstention : 0 Ne prend pas part au vote : 0",
    "Objet : Validation de l'annexe opérationnelle et financière",
    "Après en avoir délibéré, DÉCIDE :",
    "pour un montant maximum de 320 000 € ;",
    "D'ADRESSER une ampliation de la présente",
    "Rappel des soutiens financiers pour l'année 2025 :",
    "69 % des actions prévues ont été réalisées",
    "Le Directeur, Julien COUTY",
])
def test_digital_text_layer_has_the_seed_lines(digital_pages, line):
    assert line in flow_text(digital_pages)


def test_digital_prints_every_word_of_the_seed_and_only_layout_extras(digital_pages):
    seed = ms.Seed(ms.SEED.read_text(encoding="utf-8"))
    expected = collections.Counter(
        w for it in seed.items if it.kind not in ("rule", "signature") for w in clean_text(it.text).split())
    printed = collections.Counter(w for p in digital_pages for w in clean_text(p.extract_text()).split())
    assert expected - printed == collections.Counter()
    extras = set(printed - expected)
    # the repeated table header, the bullets, and the authority's name in the letterhead
    assert extras <= {"•", "-", "Objectifs", "opérationnels", "Etat", "de", "réalisation", "Hautes", "Terres", "Communauté"}


def test_amounts_never_break_across_lines(digital_pages):
    lines = [clean_text(line) for p in digital_pages for line in (p.extract_text() or "").splitlines()]
    assert sum("320 000 €" in line for line in lines) == 2  # the first DÉCIDE item and the rappel table


def objective_rows(pages) -> dict[int, tuple[int, tuple[bool, bool, bool]]]:
    """number -> (page, bold flags of the three cells), read from the ruled table."""
    rows = {}
    for page in pages:
        for table in page.find_tables():
            for row in table.rows:
                cells = row.cells
                if len(cells) != 3 or None in cells:
                    continue
                number = (page.crop(cells[0]).extract_text() or "").strip()
                if re.fullmatch(r"\d+", number):
                    bold = tuple(any("Bold" in ch["fontname"] for ch in page.crop(c).chars) for c in cells)
                    rows[int(number)] = (page.page_number, bold)
    return rows


@pytest.fixture(scope="module")
def table_rows(digital_pages):
    return objective_rows(digital_pages)


def test_objectives_table_has_100_rows_71_in_bold_as_the_seed_marks_them(table_rows):
    rows = table_rows
    assert sorted(rows) == list(range(1, 101))
    assert sum(any(bold) for _, bold in rows.values()) == 71
    seed = ms.Seed(ms.SEED.read_text(encoding="utf-8"))
    for num, label, status in seed.objective_rows():
        assert rows[int(num.text)][1] == (num.bold, label.bold, status.bold), num.text


@pytest.mark.parametrize("number, bold", [
    (1, (True, False, False)), (11, (True, False, False)), (12, (False, False, False)),
    (26, (True, False, True)), (67, (True, False, True)), (68, (False, False, False)),
    (83, (False, False, True)), (100, (False, False, True)),
])
def test_bold_cells_follow_the_three_highlight_styles(table_rows, number, bold):
    assert table_rows[number][1] == bold


def test_objectives_table_spans_pages_with_its_header_repeated(digital_pages, table_rows):
    pages = {page for page, _ in table_rows.values()}
    assert len(pages) >= 3
    for n in pages:
        assert "Objectifs opérationnels" in digital_pages[n - 1].extract_text()


def test_truth_pages_match_the_rendering(digital_pages, truth):
    text = [clean_text(p.extract_text()) for p in digital_pages]
    assert "Objet :" in text[truth["page_start"] - 1]
    assert "D'ADRESSER" in text[truth["page_end"] - 1]


# --------------------------------------------------------------------------- scanned PDF
def test_scanned_has_no_text_layer_and_one_200dpi_image_per_page(built):
    with pdfplumber.open(str(built["scanned"])) as pdf, pdfplumber.open(str(built["digital"])) as dig:
        assert len(pdf.pages) == len(dig.pages)
        for page in pdf.pages:
            assert page.chars == []
            assert len(page.images) == 1
            image = page.images[0]
            dpi = image["srcsize"][0] / ((image["x1"] - image["x0"]) / 72)
            assert round(dpi) >= 200
            assert abs(page.width - 595.3) < 2 and abs(page.height - 841.9) < 2


def test_scanned_file_stays_small(built):
    assert built["scanned"].stat().st_size < 3_000_000


# --------------------------------------------------------------------------- truth files
def test_truth_holds_every_value_of_the_seed(truth):
    assert (truth["members_in_office"], truth["present_count"], truth["represented_count"],
            truth["voters_count"]) == (60, 35, 7, 42)
    assert (truth["votes_for"], truth["votes_against"], truth["abstentions"], truth["not_voting"]) == (42, 0, 0, 0)
    assert truth["outcome"] == "adopted" and truth["unanimous"] is None
    assert (truth["session_date"], truth["session_time"], truth["convocation_date"]) == ("2025-05-22", "20:00", "2025-05-15")
    assert (truth["place"], truth["president"], truth["secretary"]) == ("Murat", "Didier ACHALME", "Djuwan ARMANDET")
    assert truth["authority"] == "Hautes Terres Communauté" and truth["body"] == "Conseil communautaire"
    assert truth["subject"].startswith("Validation de l'annexe opérationnelle") and truth["subject"].endswith("exercice 2025")
    status = collections.Counter(a["status"] for a in truth["attendance"])
    assert status == {"present": 35, "excused": 25}
    assert truth["attendance"][-1]["person_name"] == "Jean Louis VERDIER"
    assert len(truth["proxies"]) == 7
    assert truth["proxies"][5] == {"grantor": "Philippe ROSSEEL", "holder": "Didier ACHALME"}
    assert [d["verb"] for d in truth["decisions"]] == ["approuver", "préciser", "préciser", "valider", "préciser", "adresser"]
    assert [d["amount_eur"] for d in truth["decisions"]] == [320000.0, None, None, None, None, None]
    assert len(truth["objectives"]) == 100
    assert sum(o["highlighted"] for o in truth["objectives"]) == 71
    assert truth["findings"] == []


@pytest.mark.parametrize("number, status, status_year, planned_year", [
    (1, "done", 2024, None),           # Réalisée en 2024, mais non mis en œuvre
    (7, "not_done", None, 2025),       # Non réalisée, démarrage prévu 2nd semestre 2025
    (9, "in_progress", None, None),    # En cours de réalisation
    (11, "in_progress", 2022, None),   # Initiée en 2022 et toujours en cours
    (15, "cancelled", None, None),     # Action annulée
    (27, "in_progress", 2023, None),   # Réalisée en 2023 et toujours en cours
    (33, "done", 2022, None),          # Réalisée en 2022
    (42, "not_done", None, None),      # Non réalisée
    (58, "not_done", None, 2027),      # Non réalisée, prévue en 2027
])
def test_truth_objective_rows(truth, number, status, status_year, planned_year):
    row = truth["objectives"][number - 1]
    assert row["number"] == number
    assert (row["status"], row["status_year"], row["planned_year"]) == (status, status_year, planned_year)


def test_status_rule_agrees_with_the_documents_own_summary(truth):
    # "69 % des actions prévues ont été réalisées ou sont en cours", "31 % … pas encore été réalisées"
    status = collections.Counter(o["status"] for o in truth["objectives"])
    assert status["done"] + status["in_progress"] == 69
    assert status["not_done"] + status["cancelled"] == 31


@pytest.mark.parametrize("text, status", [
    ("Réalisée en 2022", "done"),
    ("Réalisée en 2023, et toujours en cours", "in_progress"),
    ("Initiée en 2023 et toujours en cours", "in_progress"),
    ("En cours de réalisation", "in_progress"),
    ("Non réalisée, dépend du positionnement", "not_done"),
    ("Action annulée", "cancelled"),
])
def test_status_rule(text, status):
    assert ms.objective_status(text) == status


@pytest.mark.parametrize("kind", ["digital", "scanned"])
def test_committed_truth_is_what_the_tool_writes(built, kind):
    committed = ROOT / "tests" / "truth" / f"{STEM}_{kind}.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(built[f"truth_{kind}"].read_text(encoding="utf-8"))
