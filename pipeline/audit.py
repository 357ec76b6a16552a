"""`delib audit OUT [--report FILE]`: a self-contained HTML audit report and a CSV of findings.

The report opens without network: inline CSS, charts drawn here as inline SVG, no script at all.
Every string that comes from a PDF (names, subjects, authorities, error messages, file paths) is
untrusted: it goes through `esc` (html.escape, quotes included) and never into an attribute
that a browser runs. A Content-Security-Policy forbids scripts, as a second line of defence.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from validation.periods import regime_on

from .scdl import vote_counts
from .writers import read_table

SEVERITIES = ("error", "warning", "info")
MAX_VOTE_BARS = 150  # per authority: beyond it the chart stops being readable
COLORS = {"for": "#2e7d32", "against": "#c62828", "abstention": "#9e9e9e", "ok": "#2e7d32", "bad": "#c62828"}


def esc(value) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


# --------------------------------------------------------------------------- data
@dataclass
class AuditData:
    out: Path
    documents: dict[str, dict]
    deliberations: list[dict]
    findings: list[dict]
    attendance: list[dict]

    @classmethod
    def read(cls, out: Path | str) -> "AuditData":
        out = Path(out)
        docs = {r["document_id"]: r for r in read_table(out, "documents").to_pylist()}
        delibs = sorted(read_table(out, "deliberations").to_pylist(), key=_delib_order)
        return cls(out, docs, delibs, read_table(out, "findings").to_pylist(),
                   read_table(out, "attendance").to_pylist())

    def by_id(self) -> dict[str, dict]:
        return {d["deliberation_id"]: d for d in self.deliberations}


def _delib_order(d: dict):
    return (d.get("authority") or "", d.get("session_date") or dt.date.min, d.get("document_id"), d.get("seq") or 0)


def authority_of(d: Optional[dict]) -> str:
    return (d or {}).get("authority") or "(authority not read)"


def page_link(source_path: Optional[str], page: Optional[int]) -> Optional[str]:
    """file:///abs/path.pdf#page=N: PDF viewers open the file at that page."""
    if not source_path:
        return None
    uri = Path(source_path).resolve().as_uri()  # percent-encodes, so no quote can leave the URL
    return f"{uri}#page={int(page)}" if page else uri


def quorum_margin(d: dict) -> Optional[tuple[int, int, int]]:
    """(margin, counted, needed) under the regime of the session date, None without figures."""
    members, present = d.get("members_in_office"), d.get("present_count")
    if not members or present is None:
        return None
    regime = regime_on(d.get("session_date"))
    counted = present + ((d.get("represented_count") or 0) if regime.represented_count_for_quorum else 0)
    exact = regime.quorum_fraction * members
    needed = int(exact) + 1 if regime.quorum_strict else -(-exact.numerator // exact.denominator)
    return counted - needed, counted, needed


def attendance_rates(data: AuditData) -> dict[str, list[tuple[str, int, int]]]:
    """authority -> [(member, deliberations listed, deliberations present)], by name."""
    delibs = data.by_id()
    listed, present = defaultdict(set), defaultdict(set)
    for a in data.attendance:
        key = (authority_of(delibs.get(a["deliberation_id"])), a["person_name"] or "")
        listed[key].add(a["deliberation_id"])
        if a["status"] == "present":
            present[key].add(a["deliberation_id"])
    rates = defaultdict(list)
    for (authority, name), ids in sorted(listed.items()):
        rates[authority].append((name, len(ids), len(present[(authority, name)])))
    return rates


# --------------------------------------------------------------------------- CSV
CSV_COLUMNS = ("authority", "session_date", "act_number", "subject", "rule", "severity", "message", "expected",
               "observed", "source", "pages", "link", "deliberation_id", "document_id", "source_path")


def _cell(value) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: text from PDFs is defused."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def findings_rows(data: AuditData) -> list[dict]:
    delibs = data.by_id()
    rows = []
    for f in data.findings:
        d = delibs.get(f["deliberation_id"], {})
        doc = data.documents.get(f["document_id"], {})
        pages = f.get("pages") or []
        rows.append({"authority": authority_of(d), "session_date": d.get("session_date"),
                     "act_number": d.get("act_number"), "subject": d.get("subject"), "rule": f["rule"],
                     "severity": f["severity"], "message": f["message"], "expected": f["expected"],
                     "observed": f["observed"], "source": f["source"], "pages": ";".join(map(str, pages)),
                     "link": page_link(doc.get("source_path"), pages[0] if pages else d.get("page_start")),
                     "deliberation_id": f["deliberation_id"], "document_id": f["document_id"],
                     "source_path": doc.get("source_path")})
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(rows, key=lambda r: (order.get(r["severity"], 9), r["rule"], r["authority"], str(r["session_date"])))


def write_findings_csv(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for r in rows:
            writer.writerow([_cell(r[c]) for c in CSV_COLUMNS])


# --------------------------------------------------------------------------- SVG charts
def _svg(width: int, height: int, body: Iterable[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(label)}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">' + "".join(body) + "</svg>")


def _short(text: Optional[str], n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _delib_label(d: dict) -> str:
    date = d.get("session_date")
    return _short(f"{date.isoformat() if date else '?'} {d.get('act_number') or ''} {d.get('subject') or ''}", 64)


def quorum_chart(delibs: list[dict]) -> Optional[str]:
    """One bar per deliberation, in date order: members counted minus the quorum needed."""
    points = [(d, m) for d in delibs if (m := quorum_margin(d)) is not None]
    if not points:
        return None
    left, top, bottom, plot_h = 50, 12, 30, 160
    step = min(1040 / len(points), 36)  # a few deliberations do not make wall-wide bars
    width, height = max(int(left + step * len(points) + 20), 480), top + plot_h + bottom
    lo, hi = min(0, min(m[0] for _, m in points)), max(1, max(m[0] for _, m in points))
    y = lambda v: top + (hi - v) / (hi - lo) * plot_h  # noqa: E731
    body = [f'<line x1="{left}" x2="{width - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#333"/>']
    for v in sorted({lo, 0, hi}):
        body.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" class="tick">'
                    f'{"0" if v == 0 else f"{v:+d}"}</text>')
    for i, (d, (margin, counted, needed)) in enumerate(points):
        x, y0, y1 = left + i * step, y(max(margin, 0)), y(min(margin, 0))
        color = COLORS["ok"] if margin >= 0 else COLORS["bad"]
        tip = f"{_delib_label(d)}: {counted} counted, {needed} needed, margin {margin:+d}"
        # a margin of 0 (quorum just reached) still gets a visible sliver
        body.append(f'<rect x="{x + step * 0.1:.1f}" y="{min(y0, y(0) - 2):.1f}" width="{max(step * 0.8, 1):.1f}" '
                    f'height="{max(y1 - y0, 2):.1f}" fill="{color}"><title>{esc(tip)}</title></rect>')
    first, last = points[0][0].get("session_date"), points[-1][0].get("session_date")
    span = f"{first or '?'}" if first == last else f"{first or '?'} → {last or '?'}"
    body.append(f'<text x="{left}" y="{height - 8}" class="tick">'
                f'{len(points)} deliberation{"s" if len(points) > 1 else ""}, {esc(span)}</text>')
    return _svg(width, height, body, "quorum margin per deliberation")


def vote_chart(delibs: list[dict]) -> Optional[str]:
    """One 100 % stacked bar per deliberation: pour, contre, abstention."""
    rows = []
    for d in delibs:
        pour, contre, abst = vote_counts(d)
        total = (pour or 0) + (contre or 0) + (abst or 0)
        if total:
            rows.append((d, pour or 0, contre or 0, abst or 0, total))
    if not rows:
        return None
    shown = rows[:MAX_VOTE_BARS]
    width, label_w, row_h, bar_w = 1100, 430, 18, 520
    body = []
    for i, (d, pour, contre, abst, total) in enumerate(shown):
        yy, x = 4 + i * row_h, label_w
        body.append(f'<text x="{label_w - 8}" y="{yy + 12}" text-anchor="end" class="lbl">{esc(_delib_label(d))}</text>')
        for count, kind in ((pour, "for"), (contre, "against"), (abst, "abstention")):
            w = bar_w * count / total
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{yy}" width="{w:.1f}" height="{row_h - 4}" fill="{COLORS[kind]}">'
                            f'<title>{esc(f"{kind}: {count}")}</title></rect>')
            x += w
        body.append(f'<text x="{label_w + bar_w + 8}" y="{yy + 12}" class="lbl">'
                    f'{pour} pour · {contre} contre · {abst} abst.</text>')
    chart = _svg(width, 8 + len(shown) * row_h, body, "vote split per deliberation")
    more = f'<p class="muted">First {len(shown)} of {len(rows)} deliberations with votes.</p>' if len(rows) > len(shown) else ""
    return chart + more


# --------------------------------------------------------------------------- HTML sections
def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """Cells are HTML already escaped by the caller (some hold links)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _badge(severity: str) -> str:
    known = severity if severity in SEVERITIES else "info"
    return f'<span class="badge {known}">{esc(severity)}</span>'


def _link(href: Optional[str], text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>' if href else esc(text)


def section_overview(data: AuditData) -> str:
    delibs = data.by_id()
    counts = defaultdict(Counter)
    docs = defaultdict(set)
    for d in data.deliberations:
        key = (authority_of(d), d.get("session_year"))
        counts[key]["deliberations"] += 1
        docs[key].add(d["document_id"])
    for f in data.findings:
        d = delibs.get(f["deliberation_id"], {})
        counts[(authority_of(d), d.get("session_year"))][f["severity"]] += 1
    rows = [[esc(a), esc(y if y is not None else "?"), str(len(docs[(a, y)])), str(c["deliberations"]),
             *(str(c[s]) for s in SEVERITIES)]
            for (a, y), c in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))]
    if not rows:
        return '<p class="muted">No deliberation read.</p>'
    return _table(["Authority", "Year", "Documents", "Deliberations read", "Errors", "Warnings", "Notes"], rows)


def section_findings(data: AuditData, rows: list[dict]) -> str:
    if not rows:
        return '<p class="ok">No finding: every figure read holds together.</p>'
    by_rule = defaultdict(list)
    for r in rows:
        by_rule[r["rule"]].append(r)
    parts = []
    for rule, items in by_rule.items():
        sev = Counter(r["severity"] for r in items)
        summary = ", ".join(f"{n} {s}" for s, n in sev.most_common())
        table = _table(["Severity", "Authority", "Date", "Deliberation", "Message", "Expected", "Observed", "Pages"],
                       ([_badge(r["severity"]), esc(r["authority"]), esc(r["session_date"] or "?"),
                         esc(_short(f"{r['act_number'] or ''} {r['subject'] or ''}".strip(), 90)),
                         esc(r["message"]), esc(r["expected"]), esc(r["observed"]), _page_links(data, r)]
                        for r in items), "findings")
        parts.append(f'<h3 id="rule-{esc(rule)}">{esc(rule)} <small>{esc(summary)} · {esc(items[0]["source"])}'
                     f"</small></h3>{table}")
    return "".join(parts)


def _page_links(data: AuditData, r: dict) -> str:
    path = r["source_path"]
    pages = [int(p) for p in r["pages"].split(";") if p] if r["pages"] else []
    if not pages:
        return _link(page_link(path, None), "document") if path else ""
    return " ".join(_link(page_link(path, p), f"p. {p}") for p in pages)


def section_attendance(data: AuditData) -> str:
    rates = attendance_rates(data)
    if not rates:
        return '<p class="muted">No attendance list read.</p>'
    parts = []
    for authority, members in rates.items():
        rows = []
        for name, listed, present in members:
            pct = 100.0 * present / listed if listed else 0.0
            bar = f'<span class="bar"><span style="width:{pct:.0f}%"></span></span>'
            rows.append([esc(name), str(listed), str(present), f"{bar} {pct:.0f} %"])
        parts.append(f"<h3>{esc(authority)}</h3>" + _table(
            ["Member", "Deliberations listed", "Present", "Attendance rate"], rows, "attendance"))
    return "".join(parts)


def _per_authority(data: AuditData, chart, missing: str) -> str:
    """One chart per authority; authorities without figures listed on one line, not one each."""
    groups = defaultdict(list)
    for d in data.deliberations:
        groups[authority_of(d)].append(d)
    parts, without = [], []
    for authority, delibs in groups.items():
        svg = chart(delibs)
        if svg is None:
            without.append(authority)
        else:
            parts.append(f'<h3>{esc(authority)}</h3><div class="chart">{svg}</div>')
    if without:
        parts.append(f'<p class="muted">{esc(missing)}: {esc(", ".join(without))}.</p>')
    return "".join(parts) or '<p class="muted">No deliberation read.</p>'


def section_failures(data: AuditData) -> str:
    failed = [d for d in data.documents.values() if d.get("status") in ("error", "partial")]
    if not failed:
        return '<p class="ok">Every document was read.</p>'
    rows = [[_badge("error" if d["status"] == "error" else "warning"),
             _link(page_link(d.get("source_path"), None), d.get("source_path") or d["document_id"]),
             esc(d.get("page_count") if d.get("page_count") is not None else "?"), esc(d.get("error") or "")]
            for d in sorted(failed, key=lambda d: d.get("source_path") or "")]
    return _table(["Status", "File", "Pages", "Error"], rows, "failures")


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:0;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:24px;margin:0 0 4px} h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #e3e6ea;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px} h3 small{font-weight:normal;color:#666;margin-left:8px}
nav a{margin-right:14px} .muted{color:#777} .ok{color:#2e7d32}
.cards{display:flex;gap:12px;margin:16px 0} .card{flex:1;border:1px solid #e3e6ea;border-radius:6px;padding:10px 14px}
.card b{display:block;font-size:22px} table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border-bottom:1px solid #e6e8eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600} tbody tr:nth-child(even){background:#fafbfc}
td{overflow-wrap:anywhere} .badge{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px}
.badge.error{background:#c62828} .badge.warning{background:#ef6c00} .badge.info{background:#1565c0}
.bar{display:inline-block;width:120px;height:10px;background:#eceff1;vertical-align:middle}
.bar span{display:block;height:10px;background:#2e7d32} .chart{overflow-x:auto}
svg .tick,svg .lbl{font:11px system-ui,sans-serif;fill:#333} .legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
"""


def _legend() -> str:
    return ('<p class="legend">' + "".join(f'<span style="background:{COLORS[k]}"></span>{label}' for k, label in
            (("for", "pour"), ("against", "contre"), ("abstention", "abstention"))) + "</p>")


def render(data: AuditData, rows: list[dict], csv_name: str) -> str:
    sev = Counter(f["severity"] for f in data.findings)
    failed = sum(1 for d in data.documents.values() if d.get("status") in ("error", "partial"))
    cards = [("Documents", len(data.documents)), ("Failed to parse", failed),
             ("Deliberations read", len(data.deliberations)), ("Errors", sev["error"]),
             ("Warnings", sev["warning"]), ("Notes", sev["info"])]
    nav = "".join(f'<a href="#{k}">{t}</a>' for k, t in (("overview", "Overview"), ("findings", "Findings"),
                  ("quorum", "Quorum margins"), ("votes", "Vote splits"), ("attendance", "Attendance"),
                  ("failures", "Failed documents")))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>delib audit — {esc(data.out.name)}</title><style>{CSS}</style></head>
<body><main>
<h1>Deliberations audit</h1>
<p class="muted">Datasets {esc(data.out.resolve())} · generated {esc(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))}
 · findings as CSV: <a href="{esc(csv_name)}">{esc(csv_name)}</a></p>
<nav>{nav}</nav>
<div class="cards">{"".join(f"<div class='card'><b>{n}</b>{esc(t)}</div>" for t, n in cards)}</div>
<h2 id="overview">Deliberations read per authority and year</h2>{section_overview(data)}
<h2 id="findings">Findings by rule</h2>{section_findings(data, rows)}
<h2 id="quorum">Quorum margins</h2>
<p class="muted">Members counted towards the quorum minus the quorum needed under the rules of the session date;
a bar below the line is a deliberation without quorum (unless held on a second convocation).</p>
{_per_authority(data, quorum_chart, "No deliberation prints both the members in office and the present count")}
<h2 id="votes">Vote splits</h2>{_legend()}{_per_authority(data, vote_chart, "No vote figures read")}
<h2 id="attendance">Attendance rate per member</h2>
<p class="muted">Share of the deliberations whose attendance lists name the member where the member is present.</p>
{section_attendance(data)}
<h2 id="failures">Documents that failed to parse</h2>{section_failures(data)}
</main></body></html>
"""


def write_report(out: Path | str, report: Optional[Path | str] = None,
                 csv_path: Optional[Path | str] = None) -> tuple[Path, Path]:
    """Write the HTML report (default OUT/audit.html) and the findings CSV beside it."""
    data = AuditData.read(out)
    report = Path(report) if report else Path(out) / "audit.html"
    csv_path = Path(csv_path) if csv_path else report.with_name("findings.csv")
    report.parent.mkdir(parents=True, exist_ok=True)
    rows = findings_rows(data)
    write_findings_csv(rows, csv_path)
    name = csv_path.name if csv_path.parent.resolve() == report.parent.resolve() else csv_path.resolve().as_uri()
    report.write_text(render(data, rows, name), encoding="utf-8")
    return report, csv_path


def cmd_audit(args) -> int:
    if not Path(args.out).is_dir():
        print(f"delib audit: no datasets folder: {args.out}", file=sys.stderr)
        return 2
    report, csv_path = write_report(args.out, args.report, args.csv)
    print(f"delib audit: report {report} · findings {csv_path}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("audit", help="HTML audit report (findings, quorum, votes, attendance) and findings CSV")
    p.add_argument("out", help="datasets folder written by `delib extract`")
    p.add_argument("--report", help="HTML file to write (default: OUT/audit.html)")
    p.add_argument("--csv", help="findings CSV to write (default: findings.csv beside the report)")
    p.set_defaults(func=cmd_audit)
