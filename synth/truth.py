"""Expected values of a synthetic session, in the format of tests/truth/FORMAT.md.

Findings are not written by hand: the validators of the project run on the expected values (what a
correct reader extracts), and the errors and warnings they return are the findings expected.
Generation then checks each seed against them, so a seed that does not fire is a generator bug.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pipeline.model import AttendanceEntry, DeliberationResult, Evidence, Found, Objective, Proxy
from validation.rules import validate

from .generate import SILENT_SEEDS, Item, Session
from .phrases import prose_name

_EV = Evidence(None, None, "", "synth")


def printed_attendance(s: Session) -> list:
    """People in the order the session lists print them (a name printed twice counts once)."""
    order = []
    for section in s.sections:
        if section == "present":
            order += s.present
        elif section == "proxies":
            order += [g for g, _ in s.proxies]
        elif section == "excused":
            order += ([g for g, _ in s.proxies] if s.proxy_style == "inline" else []) + s.excused
        elif section == "absent":
            order += s.absent
    return list(dict.fromkeys(order))


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day else None


def deliberation(s: Session, item: Item) -> dict:
    c = item.counts or s.counts
    v = item.vote
    name = lambda p: p.name(s.order)  # noqa: E731
    return {
        "seq": item.seq, "authority": s.authority, "body": s.body, "act_number": item.act_number,
        "session_date": s.date.isoformat(),
        "session_time": f"{s.time[0]:02d}:{s.time[1]:02d}" if s.time else None,
        "place": s.place, "convocation_date": _iso(s.convocation),
        "president": prose_name(s, s.president), "secretary": prose_name(s, s.secretary) if s.secretary else None,
        "subject": item.subject,
        "members_in_office": c.members, "present_count": c.present, "represented_count": c.represented,
        "voters_count": c.voters,
        "votes_for": v.votes_for, "votes_against": v.against, "abstentions": v.abst, "not_voting": v.npp,
        "outcome": v.outcome, "unanimous": v.unanimous,
        "page_start": item.pages.get("start"), "page_end": max(item.pages.get("vote", 0), item.pages.get("last", 0)) or None,
        "attendance": [{"person_name": name(p), "status": item.status[p]} for p in printed_attendance(s)],
        # a proxy holder is named as the proxies list prints him, typo or name order included (note 4)
        "proxies": [{"grantor": name(g), "holder": s.printed_name(h, "proxy_holder")} for g, h in s.proxies],
        "decisions": [{"position": k, "verb": d.verb, "amount_eur": d.amount} for k, d in enumerate(item.decisions, 1)],
        "objectives": item.objectives,
        "findings": [],
    }


def findings_of(s: Session, item: Item, d: dict) -> list[dict]:
    r = DeliberationResult(seq=d["seq"])
    for key in ("members_in_office", "present_count", "represented_count", "voters_count", "votes_for",
                "votes_against", "abstentions", "not_voting", "outcome", "unanimous", "convocation_date"):
        if d[key] is not None:
            r.fields[key] = Found(dt.date.fromisoformat(d[key]) if key == "convocation_date" else d[key], _EV)
    r.fields["session_date"] = Found(s.date, _EV)
    if s.second_call:
        r.fields["second_convocation"] = Found(True, _EV)
    if s.urgency:
        r.fields["urgency"] = Found(True, _EV)
    if s.population is not None:
        r.fields["population"] = Found(s.population, _EV)
    if item.vote.kind == "secret":
        r.fields["secret_ballot"] = Found(True, _EV)
    if item.summary_pct is not None:
        r.fields["summary_done_pct"] = Found(float(item.summary_pct), _EV)
    r.attendance = [AttendanceEntry(a["person_name"], a["status"], _EV) for a in d["attendance"]]
    r.proxies = [Proxy(p["grantor"], p["holder"], _EV) for p in d["proxies"]]
    r.objectives = [Objective(o["number"], o["label"], o["status_text"], o["status"], o["highlighted"],
                              o["status_year"], o["planned_year"], _EV) for o in d["objectives"]]
    found = [{"rule": f.rule, "severity": f.severity} for f in validate(r) if f.severity in ("error", "warning")]
    return [dict(t) for t in dict.fromkeys(tuple(f.items()) for f in found)]


def seed_rule(seed: str) -> str:
    """The rule a seed makes fire: several seeds are variants of one rule."""
    for rule in ("outcome", "convocation_delay"):
        if seed.startswith(rule.split("_")[0]):
            return rule
    return seed


def check_seeds(seeds, rules: set, where: str) -> None:
    """Seeded rules fire, look-alikes stay silent, and nothing else fires."""
    seeds = [x for x in seeds if x]
    expected = {seed_rule(x) for x in seeds if x not in SILENT_SEEDS}
    silent = {SILENT_SEEDS[x] for x in seeds if x in SILENT_SEEDS}
    if not expected <= rules or rules & silent or rules - expected:
        raise AssertionError(f"{where}: seeds {seeds} expect {sorted(expected)}, silent {sorted(silent)}, "
                             f"validators give {sorted(rules)}")


def build(s: Session, file_name: str) -> dict:
    delibs = []
    for item in s.items:
        d = deliberation(s, item)
        d["findings"] = findings_of(s, item, d)
        rules = {f["rule"] for f in d["findings"]}
        check_seeds((s.seed, item.seed), rules, f"{file_name} #{item.seq}")
        delibs.append(d)
    return {"file": file_name, "kind": "scanned" if s.scanned else "digital", "notes": s.notes or
            ["synthetic document written by synth (python -m synth); values are those printed"],
            "deliberations": delibs}
