"""`delib eval`: compare the datasets in OUT with expected-value files (tests/truth/FORMAT.md).

Documents are matched by file name (the truth's "file" and the stem of documents.source_path),
deliberations by seq. Scores are split by the truth's kind ('digital' / 'scanned').
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .model import DELIBERATION_FIELDS
from .writers import read_table

COUNT_FIELDS = ("members_in_office", "present_count", "represented_count", "voters_count",
                "votes_for", "votes_against", "abstentions", "not_voting", "outcome", "unanimous")
TEXT_FIELDS = tuple(f for f in DELIBERATION_FIELDS if f not in COUNT_FIELDS) + ("page_start", "page_end")


def norm(value: Any) -> Any:
    """Compare text as printed, forgiving only typography: spaces, apostrophes, dashes."""
    if isinstance(value, str):
        v = unicodedata.normalize("NFC", value).replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
        v = re.sub(r"\s+", " ", v).strip().rstrip(".:;,").strip()
        return v
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass
class Score:
    hit: float = 0
    total: float = 0  # for accuracy: hit/total; for F1: tp / (found, expected)
    found: float = 0

    @property
    def accuracy(self) -> Optional[float]:
        return self.hit / self.total if self.total else None

    @property
    def f1(self) -> Optional[float]:
        if not self.total and not self.found:
            return None
        return 2 * self.hit / (self.total + self.found) if (self.total + self.found) else 1.0


@dataclass
class Report:
    # scores[kind][metric]
    scores: dict[str, dict[str, Score]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Score)))
    files: list[tuple[str, str, int, int]] = field(default_factory=list)  # file, kind, found, expected
    missing: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    def headline(self) -> dict[str, float]:
        out = {}
        for kind, metrics in self.scores.items():
            for name, s in metrics.items():
                v = s.f1 if name.endswith("F1") else s.accuracy
                if v is not None:
                    out[f"{kind}.{name}"] = v
        return out

    def worst_name(self) -> str:
        h = self.headline()
        return min(h, key=h.get) if h else "none"

    def worst_score(self) -> float:
        h = self.headline()
        return min(h.values()) if h else 0.0


def _set_f1(score: Score, found: Iterable, expected: Iterable) -> None:
    f, e = Counter(found), Counter(expected)
    score.hit += sum((f & e).values())
    score.found += sum(f.values())
    score.total += sum(e.values())


def _by_deliberation(table) -> dict[str, list[dict]]:
    rows = defaultdict(list)
    for r in table.to_pylist():
        rows[r["deliberation_id"]].append(r)
    return rows


def evaluate(out: Path, truth_dir: Path) -> Report:
    report = Report()
    docs = read_table(out, "documents").to_pylist()
    delibs = read_table(out, "deliberations").to_pylist()
    children = {name: _by_deliberation(read_table(out, name))
                for name in ("attendance", "proxies", "decisions", "objectives", "findings")}
    doc_by_stem = {Path(d["source_path"]).name: d for d in docs}
    delibs_by_doc = defaultdict(dict)
    for d in delibs:
        delibs_by_doc[d["document_id"]][d["seq"]] = d
    for truth_file in sorted(Path(truth_dir).glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        name = truth.get("file") or truth_file.stem + ".pdf"
        kind = truth.get("kind", "digital")
        doc = doc_by_stem.get(name)
        if doc is None:
            report.missing.append(name)
            continue
        got = delibs_by_doc.get(doc["document_id"], {})
        expected = truth.get("deliberations", [])
        report.files.append((name, kind, len(got), len(expected)))
        report.scores[kind]["deliberation_count"].total += 1
        report.scores[kind]["deliberation_count"].hit += len(got) == len(expected)
        for exp in expected:
            row = got.get(exp["seq"])
            _compare_deliberation(report, kind, name, exp, row, children)
    return report


def _compare_deliberation(report: Report, kind: str, name: str, exp: dict, row: Optional[dict], children) -> None:
    s = report.scores[kind]
    row = row or {}
    did = row.get("deliberation_id")
    for f in TEXT_FIELDS + COUNT_FIELDS:
        if f not in exp:
            continue
        ok = norm(row.get(f)) == norm(exp[f])
        group = "counts_votes" if f in COUNT_FIELDS else f"field.{f}"
        if f in COUNT_FIELDS and exp[f] is None:
            group = "counts_votes_null"  # printed values are the headline; nulls tracked apart
        s[group].total += 1
        s[group].hit += ok
        if not ok:
            report.mismatches.append(f"{name}#{exp['seq']} {f}: got {row.get(f)!r} expected {exp[f]!r}")
    kids = {k: v.get(did, []) if did else [] for k, v in children.items()}
    if "attendance" in exp:
        _set_f1(s["attendance_F1"], [(norm(r["person_name"]), r["status"]) for r in kids["attendance"]],
                [(norm(a["person_name"]), a["status"]) for a in exp["attendance"]])
    if "proxies" in exp:
        _set_f1(s["proxies_F1"], [(norm(r["grantor"]), norm(r["holder"])) for r in kids["proxies"]],
                [(norm(p["grantor"]), norm(p["holder"])) for p in exp["proxies"]])
    if "decisions" in exp:
        _set_f1(s["decisions_verb_F1"], [(r["position"], r["verb"]) for r in kids["decisions"]],
                [(d["position"], d.get("verb")) for d in exp["decisions"]])
        _set_f1(s["decisions_amount_F1"],
                [(r["position"], round(r["amount_eur"], 2)) for r in kids["decisions"] if r["amount_eur"] is not None],
                [(d["position"], round(d["amount_eur"], 2)) for d in exp["decisions"] if d.get("amount_eur") is not None])
    if "objectives" in exp:
        # tesseract reports no font, so bold highlighting is only scored on born-digital files
        keys = ("number", "status", "status_year", "planned_year") + (("highlighted",) if kind != "scanned" else ())
        _set_f1(s["objectives_F1"], [tuple(r[k] for k in keys) for r in kids["objectives"]],
                [tuple(o.get(k) for k in keys) for o in exp["objectives"]])
        _set_f1(s["objectives_status_F1"], [(r["number"], r["status"]) for r in kids["objectives"]],
                [(o["number"], o["status"]) for o in exp["objectives"]])
    if "findings" in exp:
        fired = {(f["rule"]) for f in kids["findings"] if f["severity"] in ("error", "warning")}
        errors = {(f["rule"]) for f in kids["findings"] if f["severity"] == "error"}
        wanted = {f["rule"] for f in exp["findings"]}
        s["rule_recall"].total += len(wanted)
        s["rule_recall"].hit += len(wanted & fired)
        false_alarms = errors - wanted
        s["no_false_alarm"].total += 1
        s["no_false_alarm"].hit += not false_alarms
        for rule in sorted(false_alarms):
            report.mismatches.append(f"{name}#{exp['seq']} false alarm: {rule}")
        for rule in sorted(wanted - fired):
            report.mismatches.append(f"{name}#{exp['seq']} missed finding: {rule}")


def format_report(report: Report, show_mismatches: int = 60) -> str:
    lines = ["delib eval", ""]
    lines.append(f"{'file':55} {'kind':8} found expected")
    for name, kind, found, expected in report.files:
        mark = "" if found == expected else "  <-"
        lines.append(f"{name:55} {kind:8} {found:5} {expected:8}{mark}")
    for name in report.missing:
        lines.append(f"{name:55} missing from the datasets")
    lines.append("")
    for kind in sorted(report.scores):
        lines.append(f"[{kind}]")
        for metric, sc in sorted(report.scores[kind].items()):
            if metric.endswith("F1"):
                v = sc.f1
                detail = f"tp {sc.hit:g} found {sc.found:g} expected {sc.total:g}"
            else:
                v = sc.accuracy
                detail = f"{sc.hit:g}/{sc.total:g}"
            lines.append(f"  {metric:32} {'n/a' if v is None else f'{v:.3f}':>6}  ({detail})")
    if report.mismatches:
        lines.append("")
        lines.append(f"mismatches ({len(report.mismatches)}; first {show_mismatches}):")
        lines.extend("  " + m for m in report.mismatches[:show_mismatches])
    return "\n".join(lines)
