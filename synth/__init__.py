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

from .generate import ITEM_SEEDS, SESSION_SEEDS, Session, draw_session
from .render import render_pdf
from .scan import scan_pdf
from .truth import build

__all__ = ["build_corpus", "build_document"]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


class SeedPlan:
    """Hands out seeds in turn, so that every rule is seeded even in a small corpus."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        # quorum and convocation delays are the commonest real irregularities: seeded twice as often
        self.session = list(SESSION_SEEDS) + ["quorum", "convocation_delay"]
        self.item = list(ITEM_SEEDS)
        rng.shuffle(self.session)
        rng.shuffle(self.item)
        self.ns = self.ni = 0

    def next_session(self) -> str:
        self.ns += 1
        return self.session[(self.ns - 1) % len(self.session)]

    def next_item(self) -> str:
        self.ni += 1
        return self.item[(self.ni - 1) % len(self.item)]

    def for_document(self, kind: str) -> tuple:
        r = self.rng.random()
        if kind == "extract":
            if r < 0.35:
                return self.next_session(), []
            return None, [self.next_item() if r < 0.6 else None]
        session = self.next_session() if r < 0.15 else None
        items = [self.next_item() if self.rng.random() < 0.22 else None for _ in range(6)]
        return session, items


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
    for item in s.items:
        for seed in (s.seed if item.seq == 1 else None, item.seed):
            if seed:
                out.append(f"#{item.seq}: {SEED_NOTES[seed]}" if seed == item.seed else f"all items: {SEED_NOTES[seed]}")
    return out


def build_document(out: Path, index: int, seed: int, scanned: bool, kind: str, session_seed, item_seeds) -> dict:
    """Draw, print and label one document; a draw whose seeds misbehave is drawn again."""
    last_error = None
    for attempt in range(12):
        rng = random.Random(f"synth-{seed}-{index}-{attempt}")
        s = draw_session(rng, index, scanned, session_seed, list(item_seeds), kind)
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
                                s.date.strftime("%d/%m/%Y"))
        (out / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return {"name": name, "session": s, "truth": truth, "scan": info}
    raise RuntimeError(f"document {index}: could not draw a consistent document: {last_error}")


def build_corpus(out: Path, count: int = 60, seed: int = 7) -> list[dict]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"synth-plan-{seed}")
    plan = SeedPlan(rng)
    scanned = set(rng.sample(range(count), round(count / 3)))
    docs = []
    for i in range(count):
        kind = "extract" if rng.random() < 0.4 else "minutes"
        session_seed, item_seeds = plan.for_document(kind)
        docs.append(build_document(out, i, seed, i in scanned, kind, session_seed, item_seeds))
    return docs


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
