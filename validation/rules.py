"""The validators: each rule reads one DeliberationResult and returns Findings. Rules never raise.

A rule fires only on figures the document prints (counts are never inferred from lists), so a
consistent document yields no error. Comparisons of a list with a printed count are warnings:
they more often reveal a reading problem than an irregular deliberation.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Callable, Iterable, Optional


from extractors import names
from extractors.attendance import IMPLICIT_PRESENTS
from extractors.counts import UNSURE_CONF
from pipeline.model import DeliberationResult, Finding
from .periods import regime_on

Rule = Callable[[DeliberationResult], list[Finding]]
RULES: dict[str, Rule] = {}


def rule(name: str):
    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn
    return register


def _pages(d: DeliberationResult, *fields: str) -> tuple[int, ...]:
    pages = {d.fields[n].evidence.page for n in fields if n in d.fields and d.fields[n].evidence.page}
    return tuple(sorted(pages))


def _finding(d, rule_id, severity, message, expected, observed, source, *fields) -> Finding:
    unsure = _unsure_figures(d, *fields)
    if unsure and severity == "error":
        # A figure a scan let OCR read only doubtfully ("Votants 1" for a smudged 17) makes the
        # disagreement as likely a misreading as a misprint: the auditor checks the page.
        severity = "warning"
        message += " (OCR read " + ", ".join(f"{n} at confidence {c:.0f}" for n, c in unsure) + ": check the page)"
    return Finding(rule_id, severity, message, None if expected is None else str(expected),
                   None if observed is None else str(observed), source, _pages(d, *fields))


def _unsure_figures(d: DeliberationResult, *fields: str) -> list[tuple[str, float]]:
    out = []
    for name in fields:
        found = d.fields.get(name)
        conf = found.evidence.conf if found is not None else None
        if conf is not None and conf < UNSURE_CONF:
            out.append((name, conf))
    return out


def same_person(a: str, b: str) -> bool:
    """One matcher for the whole project (extractors/names.py): the lists, the proxies and the
    votes of a document name the same people up to an OCR slip, a typo or the word order."""
    return names.same_person(a, b)


def _present(d: DeliberationResult) -> list[str]:
    return [a.person_name for a in d.attendance if a.status == "present"]


def _implicit_presents(d: DeliberationResult) -> bool:
    """'Tous les membres étaient présents sauf …': the présents are implied, never listed."""
    return any(a.evidence.extractor == IMPLICIT_PRESENTS for a in d.attendance)


def _in(name: str, people: Iterable[str]) -> bool:
    """Is this person among `people`? The closest unambiguous match decides, so a 'MARTIN' holder
    is not taken for a present 'MARTINEZ' when a 'MARTIN' is listed too."""
    return names.reconcile([name], list(people))[name] is not None


@rule("quorum")
def quorum(d: DeliberationResult) -> list[Finding]:
    members, present = d.value("members_in_office"), d.value("present_count")
    if members is None or present is None or members <= 0 or d.value("second_convocation"):
        return []
    regime = regime_on(d.value("session_date"))
    counted = present + (d.value("represented_count") or 0 if regime.represented_count_for_quorum else 0)
    needed_exact = regime.quorum_fraction * members
    ok = counted > needed_exact if regime.quorum_strict else counted >= needed_exact
    if ok:
        return []
    needed = int(needed_exact) + 1 if regime.quorum_strict else -(-needed_exact.numerator // needed_exact.denominator)
    what = "present" + (" or represented" if regime.represented_count_for_quorum else "")
    return [_finding(d, "quorum", "error",
                     f"quorum not reached: {counted} members {what} for {members} in office, "
                     f"at least {needed} needed ({regime.name})",
                     f">= {needed}", counted, regime.source, "members_in_office", "present_count")]


@rule("voters_arithmetic")
def voters_arithmetic(d: DeliberationResult) -> list[Finding]:
    present, represented, voters = d.value("present_count"), d.value("represented_count"), d.value("voters_count")
    if present is None or voters is None:
        return []
    severity, named = "error", ""
    if represented is None:
        if not d.proxies and voters > present:
            return []  # proxies may exist that the document neither counts nor names
        # No count of représentés: the proxies named stand in, and a list can miss one.
        represented, severity, named = len(d.proxies), "warning", " (proxies named, no count printed)"
    total = present + represented
    allowed = {total}
    if d.value("not_voting"):
        allowed.add(total - d.value("not_voting"))
    if voters in allowed:
        return []
    return [_finding(d, "voters_arithmetic", severity,
                     f"{present} present + {represented} represented{named} = {total}, but {voters} voters printed",
                     total, voters, "CGCT L2121-20 (votants = présents + représentés)",
                     "present_count", "represented_count", "voters_count")]


@rule("vote_total")
def vote_total(d: DeliberationResult) -> list[Finding]:
    votes_for = d.value("votes_for")
    if votes_for is None:
        return []
    against, abst, npp = (d.value(k) or 0 for k in ("votes_against", "abstentions", "not_voting"))
    voters, severity, whose = d.value("voters_count"), "error", "voters"
    figures = ["votes_for", "votes_against", "abstentions", "voters_count"]
    if voters is None and d.value("present_count") is not None:
        # No votants printed (or none read): the present and represented stand in, and the gap
        # may be members who did not take part without the document saying so.
        voters = d.value("present_count") + (d.value("represented_count") or 0)
        severity, whose = "warning", "present + represented (no votants printed)"
        figures[-1:] = ["present_count", "represented_count"]
    if voters is None:
        return []
    cast = votes_for + against + abst
    if voters in (cast, cast + npp):
        return []
    return [_finding(d, "vote_total", severity,
                     f"pour {votes_for} + contre {against} + abstentions {abst}"
                     + (f" (+ {npp} not voting)" if npp else "") + f" = {cast}, but {voters} {whose}",
                     voters, cast, "CGCT L2121-20", *figures)]


def _list_against_count(d: DeliberationResult, rule_id: str, count_field: str, listed: int,
                        what: str, source: str) -> list[Finding]:
    """A named list that disagrees with its printed count (a warning: more often a reading
    problem than an irregular deliberation)."""
    printed = d.value(count_field)
    if printed is None or listed == 0 or printed == listed:
        return []
    return [_finding(d, rule_id, "warning", f"{listed} {what}, {printed} printed", printed, listed,
                     source, count_field)]


@rule("present_list_count")
def present_list_count(d: DeliberationResult) -> list[Finding]:
    if _implicit_presents(d):
        return []
    return _list_against_count(d, "present_list_count", "present_count", len(_present(d)),
                               "members named present", "CGCT L2121-25 (liste des présents)")


@rule("proxy_count")
def proxy_count(d: DeliberationResult) -> list[Finding]:
    return _list_against_count(d, "proxy_count", "represented_count", len(d.proxies),
                               "proxies named (represented)", "CGCT L2121-20")


@rule("proxy_grantor_absent")
def proxy_grantor_absent(d: DeliberationResult) -> list[Finding]:
    present = _present(d)
    return [Finding("proxy_grantor_absent", "error",
                    f"{p.grantor} gave a proxy to {p.holder} but is listed present",
                    "grantor absent", "grantor present", "CGCT L2121-20", (p.evidence.page,) if p.evidence.page else ())
            for p in d.proxies if _in(p.grantor, present)]


@rule("proxy_holder_present")
def proxy_holder_present(d: DeliberationResult) -> list[Finding]:
    present = _present(d)
    if _implicit_presents(d):
        # Every member not named in the exception was present: only a holder named there is not.
        absent = [a.person_name for a in d.attendance if a.status != "present"]
        return [Finding("proxy_holder_present", "error",
                        f"{p.holder} holds the proxy of {p.grantor} but is listed absent",
                        "holder present", "holder not present", "CGCT L2121-20",
                        (p.evidence.page,) if p.evidence.page else ())
                for p in d.proxies if _in(p.holder, absent) and not _in(p.holder, present)]
    if not present:
        return []
    return [Finding("proxy_holder_present", "error",
                    f"{p.holder} holds the proxy of {p.grantor} but is not listed present",
                    "holder present", "holder not present", "CGCT L2121-20",
                    (p.evidence.page,) if p.evidence.page else ())
            for p in d.proxies if not _in(p.holder, present)]


@rule("proxy_single")
def proxy_single(d: DeliberationResult) -> list[Finding]:
    regime = regime_on(d.value("session_date"))
    holders: list[str] = []
    counts: Counter = Counter()
    for p in d.proxies:
        key = names.reconcile([p.holder], holders)[p.holder] if holders else None
        if key is None:
            holders.append(p.holder)
            key = p.holder
        counts[key] += 1
    return [Finding("proxy_single", "error",
                    f"{holder} holds {n} proxies, at most {regime.max_proxies_per_holder} allowed ({regime.name})",
                    f"<= {regime.max_proxies_per_holder}", n, "CGCT L2121-20" if regime.max_proxies_per_holder == 1
                    else regime.source)
            for holder, n in counts.items() if n > regime.max_proxies_per_holder]


@rule("outcome")
def outcome(d: DeliberationResult) -> list[Finding]:
    found = []
    votes_for, against = d.value("votes_for"), d.value("votes_against")
    printed = d.value("outcome")
    if d.value("unanimous") and against:
        found.append(_finding(d, "outcome", "error",
                              f"'unanimité' printed with {against} vote(s) against", 0, against,
                              "CGCT L2121-20", "unanimous", "votes_against"))
    if votes_for is None or against is None or printed is None:
        return found
    if votes_for > against:
        expected = "adopted"
    elif votes_for < against:
        expected = "rejected"
    elif d.value("secret_ballot"):
        expected = "rejected"  # no casting vote in a secret ballot
    else:
        return found  # tie in a public ballot: the president's vote decides either way
    if printed != expected:
        found.append(_finding(d, "outcome", "error",
                              f"pour {votes_for} / contre {against} gives {expected}, the document says {printed}",
                              expected, printed, "CGCT L2121-20 (majorité des suffrages exprimés)",
                              "votes_for", "votes_against", "outcome"))
    return found


def clear_days(convocation: dt.date, session: dt.date) -> int:
    """Whole days strictly between the convocation and the session (jours francs)."""
    return (session - convocation).days - 1


@rule("convocation_delay")
def convocation_delay(d: DeliberationResult) -> list[Finding]:
    conv, session = d.value("convocation_date"), d.value("session_date")
    if conv is None or session is None or conv > session:
        return []
    days = clear_days(conv, session)
    population = d.value("population")
    if d.value("urgency"):
        need, severity, source = 1, "error", "CGCT L2121-11, L2121-12 (urgence)"
        if days >= need:
            return []
    elif population is not None:
        need = 5 if population >= 3500 else 3
        severity, source = "error", "CGCT L2121-12" if need == 5 else "CGCT L2121-11"
        if days >= need:
            return []
    elif days < 3:
        need, severity, source = 3, "warning", "CGCT L2121-11 (3 jours francs, communes < 3 500 hab.)"
    elif days < 5:
        need, severity, source = 5, "info", "CGCT L2121-12, L5211-1 (5 jours francs, >= 3 500 hab. et EPCI)"
    else:
        return []
    return [_finding(d, "convocation_delay", severity,
                     f"convocation on {conv.isoformat()} for a session on {session.isoformat()}: "
                     f"{days} clear day(s), at least {need} required",
                     f">= {need}", days, source, "convocation_date", "session_date")]


@rule("objectives_summary")
def objectives_summary(d: DeliberationResult) -> list[Finding]:
    """The printed share agrees with the table. Rows whose status could not be read (or that are
    missing from the numbering) may be anything, so the rule fires only when the printed share
    lies outside every value the table could still give: a scan's unreadable cell is no error."""
    pct = d.value("summary_done_pct")
    if pct is None or not d.objectives:
        return []
    rated = [o for o in d.objectives if o.status is not None]
    if not rated:
        return []
    rows = max(len({o.number for o in d.objectives}), max(o.number for o in d.objectives))
    unknown = rows - len(rated)
    done = sum(o.status in ("done", "in_progress") for o in rated)
    low, high = 100 * done / rows, 100 * (done + unknown) / rows
    if low - 1.0 <= pct <= high + 1.0:
        return []
    share = 100 * done / len(rated)
    known = "" if not unknown else f" ({unknown} of {rows} rows unread: between {low:.1f} and {high:.1f} %)"
    return [_finding(d, "objectives_summary", "error",
                     f"summary says {pct:g} % done or in progress, the table gives {share:.1f} %{known}",
                     round(share, 1), pct, "consistency of the annexed table", "summary_done_pct")]


def validate(d: DeliberationResult) -> list[Finding]:
    findings: list[Finding] = []
    for name, fn in RULES.items():
        try:
            findings.extend(fn(d))
        except Exception as exc:  # a rule bug is itself reported, never raised
            findings.append(Finding(name, "info", f"rule could not run: {type(exc).__name__}: {exc}",
                                    None, None, "delib"))
    return findings
