"""`delib audit`: a self-contained HTML report, checked in a real headless browser, and a findings CSV."""
import argparse
import csv
import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from pipeline.api import write
from pipeline.audit import (AuditData, add_parser, attendance_rates, page_link, quorum_margin,
                            write_report)
from pipeline.model import AttendanceEntry, DeliberationResult, DocumentResult, Evidence, Finding, Found

EV = Evidence(2, None, "raw", "test")
SCRIPT_NAME = "<script>alert(1)</script>"
IMG_SUBJECT = "Subvention <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
MEMBERS = ["Anne MARTIN", "Paul DURAND", "Luc PETIT", "Marie LEROY", SCRIPT_NAME]


def _delib(seq, day, present, subject, votes=None, members=9, findings=(), authority="Commune d'Exemple"):
    fields = {"authority": authority, "session_date": day, "subject": subject, "act_number": f"2024-{seq:03d}",
              "members_in_office": members, "present_count": len(present)}
    if votes:
        fields.update(votes_for=votes[0], votes_against=votes[1], abstentions=votes[2], voters_count=sum(votes))
    d = DeliberationResult(seq=seq, page_start=seq, page_end=seq,
                           fields={k: Found(v, EV) for k, v in fields.items()})
    d.attendance = [AttendanceEntry(n, "present" if n in present else "excused", EV) for n in MEMBERS]
    d.findings = list(findings)
    return d


def _results(tmp_path):
    pdf = tmp_path / "pv 2024'03.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    quorum = Finding("quorum", "error", "quorum not reached: 3 members present for 9 in office, at least 5 needed",
                     ">= 5", "3", "CGCT L2121-17", (3,))
    total = Finding("vote_total", "error", "pour + contre + abstentions = 6, votants = 5", "5", "6",
                    "CGCT L2121-20", (2, 3))
    doc = DocumentResult("a" * 64, str(pdf), page_count=5, kind="minutes", deliberations=[
        _delib(1, dt.date(2024, 3, 12), MEMBERS, "Budget primitif 2024", (4, 1, 0)),
        _delib(2, dt.date(2024, 3, 12), MEMBERS[:4], IMG_SUBJECT, (3, 2, 1), findings=[total]),
        _delib(3, dt.date(2024, 3, 12), MEMBERS[:3], "Tarifs de la cantine", (2, 0, 1), findings=[quorum]),
    ])
    covid = DocumentResult("b" * 64, str(tmp_path / "cr 2021.pdf"), page_count=2, deliberations=[
        # 2021: quorum a third, represented members counted
        _delib(1, dt.date(2021, 2, 4), MEMBERS[:3], "Désignation des délégués", (3, 0, 0)),
    ])
    other = DocumentResult("c" * 64, str(tmp_path / "extrait.pdf"), page_count=1, deliberations=[
        _delib(1, dt.date(2025, 1, 20), MEMBERS[1:], "Motion", (4, 0, 0), authority="Communauté de communes du Val"),
    ])
    failed = DocumentResult("d" * 64, str(tmp_path / "scan<b>bold</b>.pdf"), status="error",
                            error="PdfminerException: <b>not a PDF</b>")
    partial = DocumentResult("e" * 64, str(tmp_path / "long.pdf"), status="partial", page_count=40,
                             error="file timeout after 1800 s (page 31)")
    return [doc, covid, other, failed, partial]


@pytest.fixture()
def out(tmp_path):
    out = tmp_path / "out"
    write(_results(tmp_path), out)
    return out


@pytest.mark.parametrize("day, members, present, represented, expected", [
    (dt.date(2024, 3, 12), 9, 5, 0, (0, 5, 5)),       # more than half: 5 of 9
    (dt.date(2024, 3, 12), 10, 5, 3, (-1, 5, 6)),     # 6 of 10; proxies do not count
    (dt.date(2021, 2, 4), 9, 2, 1, (0, 3, 3)),        # a third, represented counted (loi 2020-1379)
    (None, 9, None, 0, None),
])
def test_quorum_margin_follows_the_rules_of_the_session_date(day, members, present, represented, expected):
    d = {"session_date": day, "members_in_office": members, "present_count": present,
         "represented_count": represented}
    assert quorum_margin(d) == expected


def test_attendance_rate_is_the_share_of_deliberations_present(out):
    rates = dict((name, (listed, present)) for name, listed, present in
                 attendance_rates(AuditData.read(out))["Commune d'Exemple"])
    assert rates["Anne MARTIN"] == (4, 4)
    assert rates["Marie LEROY"] == (4, 2)
    assert rates[SCRIPT_NAME] == (4, 1)


def test_page_links_point_into_the_pdf(tmp_path):
    link = page_link(str(tmp_path / "a b.pdf"), 3)
    assert link.startswith("file:///") and link.endswith("/a%20b.pdf#page=3")
    assert page_link(None, 3) is None


def test_report_and_csv_are_written(out):
    report, csv_path = write_report(out)
    assert report == out / "audit.html" and csv_path == out / "findings.csv"
    html = report.read_text(encoding="utf-8")
    assert SCRIPT_NAME not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower() and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert "#page=3" in html and "vote_total" in html and "not a PDF" in html
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["rule"], r["pages"]) for r in rows] == [("quorum", "3"), ("vote_total", "2;3")]
    assert rows[0]["link"].endswith("#page=3")


def test_csv_defuses_spreadsheet_formulas(tmp_path):
    d = _delib(1, dt.date(2024, 1, 1), MEMBERS, "=HYPERLINK(\"http://x\")", (1, 0, 0), findings=[
        Finding("vote_total", "error", "m", "-1", "@SUM(A1)", "s", (1,))])
    write([DocumentResult("f" * 64, "x.pdf", deliberations=[d])], tmp_path / "o")
    _, csv_path = write_report(tmp_path / "o")
    row = next(csv.DictReader(open(csv_path, encoding="utf-8", newline="")))
    assert row["subject"].startswith("'=") and row["observed"] == "'@SUM(A1)" and row["expected"] == "-1"


def test_empty_datasets_give_a_report(tmp_path):
    write([], tmp_path / "o")
    report, _ = write_report(tmp_path / "o")
    assert "No deliberation read." in report.read_text(encoding="utf-8")


def test_command_line(out, tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    target = tmp_path / "r" / "report.html"
    args = parser.parse_args(["audit", str(out), "--report", str(target)])
    assert args.func(args) == 0
    assert target.exists() and (tmp_path / "r" / "findings.csv").exists()
    args = parser.parse_args(["audit", str(tmp_path / "nope")])
    assert args.func(args) == 2


# --------------------------------------------------------------------------- real browser
def _chromium():
    return next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _run_chromium(*args, timeout=90):
    exe = _chromium()
    if exe is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": profile})


def test_report_renders_in_headless_chromium_and_runs_nothing(out, tmp_path):
    report, _ = write_report(out)
    dom = _run_chromium("--dump-dom", report.as_uri()).stdout
    assert "<main>" in dom, "chromium gave no DOM"
    # the findings, with links to their pages
    assert "quorum not reached" in dom and "vote_total" in dom and re.search(r'href="file:///[^"]+#page=3"', dom)
    # the charts: quorum margins and vote splits, one of each per authority
    assert len(re.findall(r"<svg\b", dom)) == 4
    assert len(re.findall(r"<rect\b", dom)) >= 5
    # hostile text shown as text: no element was made from it, no handler ran
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert not re.search(r"<script\b", dom, re.I) and not re.search(r"<img\b", dom, re.I)
    assert "<b>bold</b>" not in dom and "<b>not a PDF</b>" not in dom and "data-pwned=\"1\"" not in dom
    assert "&lt;b&gt;not a PDF&lt;/b&gt;" in dom
    shot = tmp_path / "audit.png"
    _run_chromium(f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000
