"""Synthetic deliberation PDFs with their expected values (issue 3, "the team's own labelled corpus").

    python -m synth --out DIR --count 60 --seed 7

writes DIR/<name>.pdf and DIR/<name>.json (tests/truth/FORMAT.md) for each document: a third of
them scanned-looking (image-only), every authority, file shape and wording of the issue, and
inconsistencies seeded in about a third of the deliberations, with the findings they must raise.
"""
from __future__ import annotations

import json
import random
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from .generate import Session, draw_session
from .phrases import list_name, stamp_lines
from .plan import plan_corpus
from .render import render_pdf
from .scan import scan_pdf
from .truth import build

__all__ = ["build_corpus", "build_document", "plan_corpus"]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


SEED_NOTES = {
    "quorum": "quorum seeded: present members are not more than half of the members in office",
    "quorum_second_call": "second convocation 'sans condition de quorum': too few present, quorum must NOT fire",
    "present_list_count": "present_list_count seeded: the printed 'Présents' differs from the names listed",
    "proxy_count": "proxy_count seeded: the printed represented count differs from the proxies listed",
    "proxy_grantor_absent": "proxy_grantor_absent seeded: a grantor is also printed among the présents "
                            "(recorded once, as present)",
    "proxy_holder_present": "proxy_holder_present seeded: a holder is printed among the excused",
    "proxy_single": "proxy_single seeded: one holder has two proxies outside the health-emergency periods",
    "proxy_single_emergency": "a holder has two proxies during a health-emergency period: proxy_single must NOT fire",
    "convocation_delay": "convocation_delay seeded: fewer than 3 clear days; population not printed, so a warning",
    "convocation_urgency": "convocation_delay seeded: convened in urgency (printed) with 0 clear day, so an error",
    "convocation_urgency_ok": "convened in urgency (printed) with 1 clear day: convocation_delay must NOT fire",
    "convocation_population": "convocation_delay seeded: the printed population (3 500 inhabitants or more) requires "
                              "5 clear days and only 3 or 4 are left, so an error",
    "voters_arithmetic": "voters_arithmetic seeded: printed votants differ from présents + représentés",
    "vote_total": "vote_total seeded: pour + contre + abstentions differ from the votants",
    "outcome_unanimity": "outcome seeded: 'à l’unanimité' printed with a vote against",
    "outcome_majority": "outcome seeded: fewer pour than contre, yet adopted",
    "objectives_summary": "objectives_summary seeded: the printed % disagrees with the objectives table",
    "objectives_ok": "objectives table whose printed % agrees: objectives_summary must NOT fire",
}


def notes(s: Session) -> list[str]:
    out = ["Synthetic document (python -m synth). Values are those printed; counts only when printed.",
           "Attendance: présents, proxy grantors (excused), absents excusés (excused), absents (absent), in printed "
           "order; a suppléant sitting for a titulaire is present, the titulaire excused; arrivals, departures "
           "and a member leaving the room for one item change the status from that item on."]
    out += shape_notes(s)
    for item in s.items:
        for seed in (s.seed if item.seq == 1 else None, item.seed):
            if seed:
                out.append(f"#{item.seq}: {SEED_NOTES[seed]}" if seed == item.seed else f"all items: {SEED_NOTES[seed]}")
    return out


def shape_notes(s: Session) -> list[str]:
    """The reading traps of this document, so that a reader of the truth file knows where to look."""
    out = []
    for (place, p), (q, order) in s.variants.items():
        where = {"proxy_holder": "as proxy holder", "event": "in an arrival/departure",
                 "vote": "among the named voters"}[place]
        out.append(f"name variant: {p.name(s.order)!r} of the lists is printed {q.name(order)!r} {where}"
                   + (" (kept as printed)" if place == "proxy_holder" else ""))
    compound = [p for p in s.members if "-" in p.last]
    if s.spaced_dash and compound:
        out.append(f"lists separated by ' - '; compound surnames printed with a spaced dash "
                   f"({list_name(s, compound[0])!r}) are read joined ({compound[0].name(s.order)!r})")
    if s.stamp:
        what = "is the only text layer over the scanned image" if s.scanned else "is printed over the page"
        out.append(f"prefecture e-transmission stamp ({s.stamp['id']}) {what}; it is not part of the act")
    if s.population is not None:
        out.append(f"population printed: {s.population} inhabitants")
    if s.urgency:
        out.append("convened in urgency: one clear day suffices (CGCT L2121-11/12)")
    return out


def build_document(out: Path, index: int, seed: int, scanned: bool, kind: str, session_seed, item_seeds,
                   n_items: int | None = None, text_stamp: bool = False) -> dict:
    """Draw, print and label one document; a draw whose seeds misbehave is drawn again."""
    last_error = None
    for attempt in range(12):
        rng = random.Random(f"synth-{seed}-{index}-{attempt}")
        s = draw_session(rng, index, scanned, session_seed, list(item_seeds), kind, n_items, text_stamp)
        suffix = "extrait" if kind == "extract" else ("pv" if s.minutes_word.startswith("PROC") else "cr")
        name = f"synth_{index + 1:03d}_{slug(s.authority)}_{s.date.isoformat()}_{suffix}"
        s.name = name
        with tempfile.TemporaryDirectory() as tmp:
            digital = Path(tmp) / f"{name}.pdf" if scanned else out / f"{name}.pdf"
            signatures = render_pdf(s, digital, rng)
            s.notes = notes(s)
            try:
                truth = build(s, f"{name}.pdf")
            except AssertionError as exc:  # a seed that did not fire: draw again
                last_error = exc
                if not scanned:
                    digital.unlink(missing_ok=True)
                continue
            info = {}
            if scanned:
                info = scan_pdf(digital, out / f"{name}.pdf", rng, signatures, s.authority,
                                s.date.strftime("%d/%m/%Y"), stamp_lines(s) if s.stamp else None)
        (out / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return {"name": name, "session": s, "truth": truth, "scan": info}
    raise RuntimeError(f"document {index}: could not draw a consistent document: {last_error}")


def build_corpus(out: Path, count: int = 60, seed: int = 7) -> list[dict]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    return [build_document(out, p.index, seed, p.scanned, p.kind, p.session_seed, p.item_seeds, p.n_items,
                           p.text_stamp) for p in plan_corpus(count, seed)]


def summary(docs: list[dict]) -> dict:
    """Counts of shapes and findings, for the report printed by the command."""
    c: Counter = Counter()
    for d in docs:
        s: Session = d["session"]
        c[f"kind:{'scanned' if s.scanned else 'digital'}"] += 1
        c[f"file:{s.kind}"] += 1
        c[f"authority:{s.authority_type}/{s.body}"] += 1
        c[f"counts:{s.counts_style}"] += 1
        c[f"names:{s.order}"] += 1
        c[f"font:{s.style['font']}"] += 1
        c[f"proxies:{s.proxy_style}"] += bool(s.proxies)
        if d["scan"]:
            c[f"scan:{d['scan']['dpi']}dpi{'-1bit' if d['scan']['bilevel'] else ''}"] += 1
        for flag in ("procedural", "recap", "signature_table"):
            c[f"minutes:{flag}"] += bool(getattr(s, flag))
        c["minutes:delegations"] += bool(s.delegations)
        c["attendance:suppleants"] += bool(s.suppleants)
        c["attendance:roles"] += bool(s.roles)
        c["names:dash_separated"] += s.list_sep == "dash"
        c["names:spaced_dash_compound"] += s.spaced_dash and any("-" in p.last for p in s.members)
        c["names:particle"] += any(" " in p.last or "'" in p.last or "’" in p.last for p in s.members)
        for place, _ in s.variants:
            c[f"names:variant_{place}"] += 1
        c["stamp:text_only_scan" if s.scanned else "stamp:over_digital"] += bool(s.stamp)
        c["convocation:urgency"] += bool(s.urgency)
        c["convocation:population"] += s.population is not None
        c["session:second_call"] += bool(s.second_call)
        c[f"date_style:{s.date_style}"] += 1
        c["president:adjoint"] += "adjoint" in s.president_role
        if s.seed:
            c[f"document_seed:{s.seed}"] += 1
        for item in s.items:
            c["deliberations"] += 1
            c[f"vote:{item.vote.kind}"] += 1
            c[f"decisions:{item.decision_style}"] += bool(item.decisions)
            c["events:arrival/departure"] += len(item.events)
            c["events:temporary_leave"] += bool(item.temp_leave)
            c["objectives_tables"] += bool(item.objectives)
            for seed_name in (s.seed, item.seed):
                if seed_name:
                    c[f"seed:{seed_name}"] += 1
        for delib in d["truth"]["deliberations"]:
            c["deliberations_with_findings"] += bool(delib["findings"])
            for f in delib["findings"]:
                c[f"finding:{f['rule']}/{f['severity']}"] += 1
    return dict(sorted(c.items()))
