"""Every expected-value file under tests/truth/ follows tests/truth/FORMAT.md.

A truth file that drifts from the format would make `delib eval` compare the wrong thing
silently, so the format is checked here: keys, types, allowed values, ISO dates, contiguous
sequence numbers. A key that is absent is allowed (FORMAT.md: "not checked"); an unknown key is not.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

TRUTH_DIR = Path(__file__).parent / "truth"
TRUTH_FILES = sorted(TRUTH_DIR.glob("*.json"))

TOP_KEYS = {"file", "kind", "deliberations", "notes"}
KINDS = {"digital", "scanned"}
OUTCOMES = {"adopted", "rejected", None}
ATTENDANCE_STATUSES = {"present", "excused", "absent"}
OBJECTIVE_STATUSES = {"done", "in_progress", "not_done", "cancelled", None}
SEVERITIES = {"error", "warning"}
RULES = {
    "quorum", "voters_arithmetic", "vote_total", "present_list_count", "proxy_count",
    "proxy_grantor_absent", "proxy_holder_present", "proxy_single", "outcome",
    "convocation_delay", "objectives_summary",
}

STR_FIELDS = ("authority", "body", "act_number", "place", "president", "secretary", "subject")
DATE_FIELDS = ("session_date", "convocation_date")
COUNT_FIELDS = (
    "members_in_office", "present_count", "represented_count", "voters_count",
    "votes_for", "votes_against", "abstentions", "not_voting",
)
PAGE_FIELDS = ("page_start", "page_end")
CHILD_KEYS = {
    "attendance": {"person_name", "status"},
    "proxies": {"grantor", "holder"},
    "decisions": {"position", "verb", "amount_eur"},
    "objectives": {"number", "label", "status_text", "status", "highlighted", "status_year", "planned_year"},
    "findings": {"rule", "severity"},
}
DELIB_KEYS = (
    {"seq", "session_time", "outcome", "unanimous"} | set(STR_FIELDS) | set(DATE_FIELDS)
    | set(COUNT_FIELDS) | set(PAGE_FIELDS) | set(CHILD_KEYS)
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _nullable_str(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() != "")


def _check_date(errors: list[str], where: str, value) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not ISO_DATE.match(value):
        errors.append(f"{where}: {value!r} is not YYYY-MM-DD")
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: {value!r} is not a real date")


def _check_children(errors: list[str], where: str, name: str, rows) -> None:
    if not isinstance(rows, list):
        errors.append(f"{where}.{name}: not a list")
        return
    for i, row in enumerate(rows):
        at = f"{where}.{name}[{i}]"
        if not isinstance(row, dict):
            errors.append(f"{at}: not an object")
            continue
        missing, extra = CHILD_KEYS[name] - row.keys(), row.keys() - CHILD_KEYS[name]
        if missing or extra:
            errors.append(f"{at}: missing {sorted(missing)} unknown {sorted(extra)}")
            continue
        _check_child(errors, at, name, row)


def _check_child(errors: list[str], at: str, name: str, row: dict) -> None:
    if name == "attendance":
        if not (isinstance(row["person_name"], str) and row["person_name"].strip()):
            errors.append(f"{at}: empty person_name")
        if row["status"] not in ATTENDANCE_STATUSES:
            errors.append(f"{at}: status {row['status']!r}")
    elif name == "proxies":
        if not (isinstance(row["grantor"], str) and row["grantor"] and isinstance(row["holder"], str) and row["holder"]):
            errors.append(f"{at}: grantor and holder must be non-empty strings")
    elif name == "decisions":
        if row["verb"] is not None and (not isinstance(row["verb"], str) or row["verb"] != row["verb"].lower()
                                        or " " in row["verb"]):
            errors.append(f"{at}: verb {row['verb']!r} is not one lowercase infinitive")
        amount = row["amount_eur"]
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0):
            errors.append(f"{at}: amount_eur {amount!r}")
    elif name == "objectives":
        if not _is_int(row["number"]) or not isinstance(row["highlighted"], bool):
            errors.append(f"{at}: number must be int and highlighted bool")
        if row["status"] not in OBJECTIVE_STATUSES:
            errors.append(f"{at}: status {row['status']!r}")
        for key in ("status_year", "planned_year"):
            if row[key] is not None and not (_is_int(row[key]) and 1900 <= row[key] <= 2100):
                errors.append(f"{at}: {key} {row[key]!r}")
    elif name == "findings":
        if row["rule"] not in RULES:
            errors.append(f"{at}: unknown rule {row['rule']!r}")
        if row["severity"] not in SEVERITIES:
            errors.append(f"{at}: severity {row['severity']!r}")


def _check_positions(errors: list[str], where: str, d: dict) -> None:
    """decisions.position runs 1..n in list order (objective numbers are as printed, not checked)."""
    rows = d.get("decisions")
    if isinstance(rows, list) and all(isinstance(r, dict) and "position" in r for r in rows):
        got = [r["position"] for r in rows]
        if got != list(range(1, len(got) + 1)):
            errors.append(f"{where}.decisions: positions {got} are not 1..{len(got)}")


def _check_deliberation(errors: list[str], where: str, d) -> None:
    if not isinstance(d, dict):
        errors.append(f"{where}: not an object")
        return
    extra = d.keys() - DELIB_KEYS
    if extra:
        errors.append(f"{where}: unknown keys {sorted(extra)}")
    if "seq" not in d:
        errors.append(f"{where}: seq is required")
    for key in STR_FIELDS:
        if key in d and not _nullable_str(d[key]):
            errors.append(f"{where}.{key}: {d[key]!r} is not a non-empty string or null")
    for key in DATE_FIELDS:
        if key in d:
            _check_date(errors, f"{where}.{key}", d[key])
    if "session_time" in d and d["session_time"] is not None and not (
            isinstance(d["session_time"], str) and HH_MM.match(d["session_time"])):
        errors.append(f"{where}.session_time: {d['session_time']!r} is not HH:MM")
    for key in COUNT_FIELDS:
        if key in d and d[key] is not None and not (_is_int(d[key]) and d[key] >= 0):
            errors.append(f"{where}.{key}: {d[key]!r} is not a count")
    for key in PAGE_FIELDS:
        if key in d and d[key] is not None and not (_is_int(d[key]) and d[key] >= 1):
            errors.append(f"{where}.{key}: {d[key]!r} is not a 1-based page")
    if _is_int(d.get("page_start")) and _is_int(d.get("page_end")) and d["page_start"] > d["page_end"]:
        errors.append(f"{where}: page_start {d['page_start']} after page_end {d['page_end']}")
    if "outcome" in d and d["outcome"] not in OUTCOMES:
        errors.append(f"{where}.outcome: {d['outcome']!r}")
    if "unanimous" in d and d["unanimous"] not in (True, False, None):
        errors.append(f"{where}.unanimous: {d['unanimous']!r}")
    for name in CHILD_KEYS:
        if name in d:
            _check_children(errors, where, name, d[name])
    _check_positions(errors, where, d)


def check_truth(doc, stem: str) -> list[str]:
    """All the ways `doc` (the parsed content of `<stem>.json`) departs from FORMAT.md."""
    errors: list[str] = []
    if not isinstance(doc, dict):
        return ["top level is not an object"]
    missing, extra = {"file", "kind", "deliberations"} - doc.keys(), doc.keys() - TOP_KEYS
    if missing or extra:
        errors.append(f"top level: missing {sorted(missing)} unknown {sorted(extra)}")
    if doc.get("file") != f"{stem}.pdf":
        errors.append(f"file {doc.get('file')!r} does not name {stem}.pdf")
    if doc.get("kind") not in KINDS:
        errors.append(f"kind {doc.get('kind')!r}")
    notes = doc.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(n, str) and n.strip() for n in notes)):
        errors.append("notes must be a list of non-empty strings")
    delibs = doc.get("deliberations")
    if not isinstance(delibs, list):
        return errors + ["deliberations is not a list"]
    for i, d in enumerate(delibs):
        _check_deliberation(errors, f"deliberations[{i}]", d)
    seqs = [d.get("seq") for d in delibs if isinstance(d, dict)]
    if seqs != list(range(1, len(delibs) + 1)):
        errors.append(f"seq {seqs} is not 1..{len(delibs)} in order")
    return errors


def test_truth_dir_holds_files():
    assert TRUTH_FILES, f"no expected-value files in {TRUTH_DIR}"


@pytest.mark.parametrize("path", TRUTH_FILES, ids=[p.stem for p in TRUTH_FILES])
def test_truth_file_follows_format(path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))  # a file that does not parse fails here
    assert check_truth(doc, path.stem) == []


# The checker itself must catch departures, or the test above proves nothing.
_GOOD = {
    "file": "x.pdf", "kind": "digital", "notes": ["n"],
    "deliberations": [{
        "seq": 1, "authority": "Commune de X", "body": "Conseil municipal", "act_number": None,
        "session_date": "2021-11-05", "session_time": "18:30", "place": None, "convocation_date": None,
        "president": None, "secretary": None, "subject": "Budget", "members_in_office": None,
        "present_count": 12, "represented_count": None, "voters_count": None, "votes_for": 12,
        "votes_against": None, "abstentions": None, "not_voting": None, "outcome": "adopted",
        "unanimous": None, "page_start": 1, "page_end": 2,
        "attendance": [{"person_name": "Jean", "status": "present"}],
        "proxies": [{"grantor": "Marc", "holder": "Jean"}],
        "decisions": [{"position": 1, "verb": "approuver", "amount_eur": 320000.0}],
        "objectives": [{"number": 1, "label": "l", "status_text": "fait", "status": "done",
                        "highlighted": True, "status_year": 2024, "planned_year": None}],
        "findings": [{"rule": "convocation_delay", "severity": "error"}],
    }],
}


def test_checker_accepts_a_well_formed_file():
    assert check_truth(copy.deepcopy(_GOOD), "x") == []


@pytest.mark.parametrize("path_value", [
    (("kind",), "ocr"),
    (("deliberations", 0, "seq"), 2),
    (("deliberations", 0, "session_date"), "05/11/2021"),
    (("deliberations", 0, "session_date"), "2021-02-30"),
    (("deliberations", 0, "session_time"), "18h30"),
    (("deliberations", 0, "votes_for"), "12"),
    (("deliberations", 0, "outcome"), "passed"),
    (("deliberations", 0, "unanimous"), "yes"),
    (("deliberations", 0, "page_start"), 3),
    (("deliberations", 0, "attendance", 0, "status"), "excusé"),
    (("deliberations", 0, "decisions", 0, "position"), 2),
    (("deliberations", 0, "decisions", 0, "verb"), "Approuve"),
    (("deliberations", 0, "objectives", 0, "status"), "finished"),
    (("deliberations", 0, "findings", 0, "rule"), "no_such_rule"),
    (("deliberations", 0, "findings", 0, "severity"), "fatal"),
    (("deliberations", 0, "colour"), "red"),
])
def test_checker_rejects(path_value):
    path, value = path_value
    doc = copy.deepcopy(_GOOD)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert check_truth(doc, "x") != []
