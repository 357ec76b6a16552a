"""Draw a synthetic council session: who sits, what is voted, how it is printed, what goes wrong.

A `Session` holds every value and every printing choice. The renderer prints exactly these values,
and `truth.py` reads the expected values from the same objects, so the PDF and its truth file cannot
disagree. Inconsistencies are seeded on purpose ("seeds"); the findings recorded in the truth are
then computed by running the project's own validators on the expected values, and generation
checks that each seed fires (or, for the look-alikes that must not fire, stays silent).
"""
from __future__ import annotations

import datetime as dt
import re
import random
from dataclasses import dataclass, field
from typing import Optional

from . import vocab as V

# Dates of the health-emergency regimes (two proxies allowed, quorum a third): see validation/periods.py.
EMERGENCY = ((dt.date(2020, 3, 24), dt.date(2020, 8, 30)), (dt.date(2020, 11, 15), dt.date(2021, 9, 30)),
             (dt.date(2021, 11, 11), dt.date(2022, 7, 31)))

SESSION_SEEDS = ("quorum", "quorum_second_call", "present_list_count", "proxy_count", "proxy_grantor_absent",
                 "proxy_holder_present", "proxy_single", "proxy_single_emergency", "convocation_delay",
                 "convocation_urgency", "convocation_urgency_ok", "convocation_population")
ITEM_SEEDS = ("voters_arithmetic", "vote_total", "outcome_unanimity", "outcome_majority",
              "objectives_summary", "objectives_ok")
# Seeds that must NOT produce a finding (the validators must know the exception).
SILENT_SEEDS = {"quorum_second_call": "quorum", "proxy_single_emergency": "proxy_single",
                "objectives_ok": "objectives_summary", "convocation_urgency_ok": "convocation_delay"}
# Seeds that do not depend on who sits: arrivals and departures may still happen in their sessions.
ATTENDANCE_FREE_SEEDS = {"convocation_delay", "convocation_urgency", "convocation_urgency_ok", "convocation_population"}
# Members in office by population (CGCT L2121-2): a printed population agrees with the council's size.
POPULATION_BY_MEMBERS = {11: (100, 499), 15: (500, 1499), 19: (1500, 2499), 23: (2500, 3499), 27: (3500, 4999),
                         29: (5000, 9999)}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    def name(self, order: str) -> str:
        if order == "first":
            return self.first
        return f"{self.last} {self.first}" if order == "lf" else f"{self.first} {self.last}"

    @property
    def civ(self) -> str:
        return "Mme" if self.female else "M."

    @property
    def civ_long(self) -> str:
        return "Madame" if self.female else "Monsieur"


@dataclass
class Decision:
    verb: str
    complement: str  # text after the verb, amount already formatted
    amount: Optional[float]  # the single amount of the article, else None


@dataclass
class Vote:
    kind: str  # unanimous | counts | prose | caps | unanimous_abst | secret | multi | none | unanimity_against
    votes_for: Optional[int] = None
    against: Optional[int] = None
    abst: Optional[int] = None
    npp: Optional[int] = None
    unanimous: Optional[bool] = None
    outcome: Optional[str] = "adopted"
    against_names: list = field(default_factory=list)
    abst_names: list = field(default_factory=list)
    npp_names: list = field(default_factory=list)
    print_zeros: bool = False  # "Contre : 0" printed (counts style)
    position: str = "after"  # 'before' the decisions (in the "après en avoir délibéré" sentence) or 'after'


@dataclass
class Counts:
    """Counts as printed (None: not printed)."""
    members: Optional[int] = None
    present: Optional[int] = None
    represented: Optional[int] = None
    voters: Optional[int] = None


@dataclass
class Item:
    seq: int
    number_label: str  # "1.", "Point n°2", "" ...
    act_number: Optional[str]
    subject: str
    context: str
    decisions: list[Decision]
    decision_style: str  # bullets_inf | blocks | articles | prose | proposed
    vote: Vote
    events: list[tuple[str, Person, str]] = field(default_factory=list)  # printed before the heading
    temp_leave: Optional[Person] = None  # leaves for this item only
    counts: Optional[Counts] = None  # printed under the heading when attendance changed
    status: dict = field(default_factory=dict)  # Person -> status for this item
    objectives: list[dict] = field(default_factory=list)
    summary_pct: Optional[int] = None
    seed: Optional[str] = None
    pages: dict = field(default_factory=dict)  # filled by the renderer: start, vote, last


@dataclass
class Session:
    name: str
    kind: str  # 'extract' | 'minutes'
    minutes_word: str  # "PROCÈS-VERBAL" | "COMPTE RENDU"
    authority_type: str  # commune | epci | syndicat | departement
    authority: str
    body: str
    letterhead: list[str]
    departement: tuple[str, str]
    date: dt.date
    time: Optional[tuple[int, int]]
    date_style: str  # words | figures | seance
    place: Optional[str]
    convocation: Optional[dt.date]
    affichage: Optional[dt.date]
    convocation_style: str  # box | sentence | line
    president: Person
    president_role: str
    pres_title: str  # "le Maire", "Monsieur le Président" ... used inside decisions
    secretary: Optional[Person]
    secretary_style: str
    order: str  # name order: fl | lf | first
    list_civility: bool
    roles: dict  # Person -> role word printed inside the présents list
    role_style: str  # paren | inline
    present: list[Person]
    proxies: list[tuple[Person, Person]]
    excused: list[Person]
    absent: list[Person]
    suppleants: dict  # suppléant -> titulaire
    sections: list[str]  # print order of present / proxies / excused / absent
    proxy_style: str  # list | sentence | inline
    counts: Counts
    counts_style: str  # lines | box | prose | margin | none
    second_call: Optional[dt.date] = None
    items: list[Item] = field(default_factory=list)
    delegations: list[str] = field(default_factory=list)
    procedural: bool = False
    recap: bool = False
    signature_table: bool = False
    seed: Optional[str] = None
    style: dict = field(default_factory=dict)
    scanned: bool = False
    notes: list[str] = field(default_factory=list)
    list_sep: str = "comma"  # comma: "A, B et C" | dash: "A - B - C"
    spaced_dash: bool = False  # compound surnames printed "ROUVIER – COROUGE" in the lists
    variants: dict = field(default_factory=dict)  # (place, Person) -> (printed Person, name order)
    urgency: Optional[str] = None  # how the urgency of the convocation is printed, None if not urgent
    population: Optional[int] = None
    population_style: str = ""
    stamp: Optional[dict] = None  # the prefecture e-transmission stamp, printed as text

    def shown(self, p: Person, place: str) -> tuple[Person, str]:
        """The person as printed at `place` (a variant spelling or order), and the name order used."""
        return self.variants.get((place, p), (p, self.order))

    def printed_name(self, p: Person, place: str) -> str:
        q, order = self.shown(p, place)
        return q.name(order)

    @property
    def members(self) -> list[Person]:
        grantors = [g for g, _ in self.proxies]
        sitting = [p for p in self.present if p not in self.suppleants]
        return list(dict.fromkeys(sitting + grantors + self.excused + self.absent))


# =========================================================================== helpers
def in_emergency(day: dt.date) -> bool:
    return any(a <= day <= b for a, b in EMERGENCY)


def draw_date(rng: random.Random, emergency: Optional[bool]) -> dt.date:
    """A weekday session date 2019-2025; inside or outside the health-emergency periods on request."""
    while True:
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365))
        if day.weekday() >= 5:
            continue
        if emergency is None or in_emergency(day) == emergency:
            return day


def fmt_amount(rng: random.Random, value: float, style: str, nbsp: str) -> str:
    """'320 000 €', '12 500,50 euros', '1.250.000 €', '75 028,99 € HT', '2500€'."""
    cents = round(value * 100) % 100
    whole = int(round(value * 100) // 100)
    sep = {"dots": "."}.get(style, nbsp)
    grouped = f"{whole:,}".replace(",", sep) if style != "compact" else str(whole)
    dec = f",{cents:02d}" if cents or style in ("ttc",) else ""
    number = grouped + dec
    return {"space": f"{number}{nbsp}€", "euros": f"{number} euros", "dots": f"{number} €",
            "ht": f"{number}{nbsp}€ HT", "compact": f"{number}€", "ttc": f"{number} € TTC"}[style]


def draw_amount(rng: random.Random, size: str) -> float:
    if size == "tiny":
        return rng.choice((1.5, 2.8, 3.4, 4.15, 12.0, 25.5, 3.9))
    lo, hi = {"small": (150, 9000), "mid": (5000, 150000), "big": (50000, 1500000)}[size]
    value = rng.randrange(lo, hi)
    value -= value % rng.choice((1, 10, 50, 100, 500))
    return float(value) + (rng.choice((0, 0, 0, 50, 99)) / 100 if size != "big" else 0.0)


def unique_people(rng: random.Random, n: int, first_only: bool) -> list[Person]:
    people, seen_first, seen = [], set(), set()
    while len(people) < n:
        female = rng.random() < 0.5
        first = rng.choice(V.FIRST_F if female else V.FIRST_M)
        last = rng.choice(V.PARTICLE_LAST if rng.random() < 0.05 else V.LAST)
        if (first, last) in seen or (first_only and first in seen_first) or last in {p.last for p in people}:
            continue
        seen.add((first, last))
        seen_first.add(first)
        people.append(Person(first, last, female))
    return people


def town(rng: random.Random) -> str:
    return rng.choice(V.TOWN_HEAD) + rng.choice(V.TOWN_TAIL)


# =========================================================================== the authority
def draw_authority(rng: random.Random, kind: str, i: int) -> dict:
    t, (dep_de, dep, dep_no) = town(rng), rng.choice(V.DEPARTEMENTS)
    common = dict(place_town=t, dep=(dep, dep_no))
    if kind == "commune":
        return dict(authority=f"Commune {V.de(t)}", body="Conseil municipal", members=rng.choice((11, 15, 19, 23, 27, 29)),
                    letterhead=[f"MAIRIE {V.de(t).upper()}", f"Département {dep_de}"], role="Maire", **common)
    if kind == "epci":
        name = rng.choice(V.EPCI_NAMES).format(t=t, de_t=V.de(t))
        return dict(authority=name, body="Conseil communautaire", members=rng.choice((26, 31, 35, 42)),
                    letterhead=[name.upper(), f"Siège : 2 place de la Mairie – {t}"], role="Président", **common)
    if kind == "syndicat":
        name = rng.choice(V.SYNDICAT_NAMES).format(t=t, de_t=V.de(t), d=dep_de)
        return dict(authority=name, body="Comité syndical", members=rng.choice((12, 16, 18, 24)),
                    letterhead=[name.upper()], role="Président", **common)
    body = rng.choice(("Conseil départemental", "Commission permanente"))
    return dict(authority=f"Département {dep_de}", body=body,
                members=rng.choice((17, 19, 21)) if body == "Commission permanente" else rng.choice((26, 34, 38)),
                letterhead=[f"DÉPARTEMENT {dep_de.upper()}", body.upper()], role="Président", **common)


# =========================================================================== attendance
def draw_attendance(rng: random.Random, s: Session, n_members: int, seed: Optional[str]) -> None:
    people = unique_people(rng, n_members + 4, s.order == "first")
    members, spare = people[:n_members], people[n_members:]
    president, rest = members[0], members[1:]
    n_out = rng.randint(1, max(1, min(5, n_members // 4)))
    if seed in ("quorum", "quorum_second_call"):
        n_out = n_members - n_members // 2  # present = floor(half): not "more than half"
    if seed and seed.startswith("proxy"):
        n_out = max(n_out, 3)
    out, present = rest[-n_out:], [president] + rest[:-n_out]
    n_proxies = min(len(out), rng.choice((0, 1, 1, 2, 2, 3)))
    if seed and seed.startswith("proxy"):
        n_proxies = max(n_proxies, 2 if seed in ("proxy_single", "proxy_single_emergency") else 1)
        n_proxies = min(n_proxies, len(out))
    grantors = out[:n_proxies]
    holders = rng.sample(present[1:], len(grantors))
    if seed in ("proxy_single", "proxy_single_emergency"):
        holders[1] = holders[0]
    others = out[n_proxies:]
    n_abs = rng.randint(0, len(others)) if others else 0
    s.absent, s.excused = others[len(others) - n_abs:], others[:len(others) - n_abs]
    s.present, s.proxies = present, list(zip(grantors, holders))
    if seed == "proxy_holder_present" and s.proxies:
        g, h = s.proxies[0]
        s.present = [p for p in s.present if p != h]
        s.excused = s.excused + [h]
    if seed == "proxy_grantor_absent" and s.proxies:
        g, _ = s.proxies[0]
        s.present = s.present + [g]
    s.president = president
    if s.list_sep == "dash" and not any("-" in p.last for p in members):
        k = rng.randrange(1, len(members))  # a compound surname, so that the spaced dash is seen
        taken = {p.last for p in people}
        last = rng.choice([x for x in V.COMPOUND_LAST if x not in taken])
        swap = {members[k]: Person(members[k].first, last, members[k].female)}
        s.present = [swap.get(p, p) for p in s.present]
        s.excused = [swap.get(p, p) for p in s.excused]
        s.absent = [swap.get(p, p) for p in s.absent]
        s.proxies = [(swap.get(g, g), swap.get(h, h)) for g, h in s.proxies]
    if s.authority_type == "epci" and len(s.excused) and rng.random() < 0.8 and seed not in ("quorum", "quorum_second_call"):
        sub = spare[0]
        s.suppleants = {sub: s.excused[0]}
        s.present = s.present + [sub]


def draw_roles(rng: random.Random, s: Session) -> None:
    s.roles = {}
    if s.authority_type != "commune" or s.president_role != "Maire" or rng.random() < 0.6:
        return
    s.role_style = rng.choice(("paren", "inline"))
    s.roles[s.present[0]] = "Maire"
    for p in s.present[1:rng.randint(2, 4)]:
        s.roles[p] = "Adjointe" if p.female else "Adjoint"
    if len(s.present) > 6:
        s.roles[s.present[5]] = "Déléguée" if s.present[5].female else "Délégué"


def printed_counts(rng: random.Random, s: Session, fields: set) -> Counts:
    """The session's counts as printed; two seeds print a figure that disagrees with the lists."""
    present = len(s.present) + ((1 if rng.random() < 0.5 else -1) if s.seed == "present_list_count" else 0)
    represented = len(s.proxies) + (1 if s.seed == "proxy_count" else 0)
    return Counts(members=len(s.members) if "members" in fields else None,
                  present=present if "present" in fields else None,
                  represented=represented if "represented" in fields and represented else None,
                  voters=present + represented if "voters" in fields else None)


# =========================================================================== votes
def draw_vote(rng: random.Random, voters: int, present: list[Person], seed: Optional[str]) -> Vote:
    """A vote over `voters` ballots, printed in one of the shapes of real minutes."""
    names = [p for p in present]
    if seed == "outcome_unanimity":
        return Vote("unanimity_against", against=1, unanimous=True, against_names=rng.sample(names, 1))
    if seed == "outcome_majority":
        against = voters // 2 + rng.randint(1, 2)
        abst = rng.randint(0, voters - against - 1)
        kind = rng.choice(("counts", "prose"))
        # Prose leaves out a zero ("par 12 voix pour et 16 voix contre"): nothing printed, nothing expected.
        return Vote(kind, voters - against - abst, against, abst if abst or kind == "counts" else None,
                    unanimous=False, print_zeros=kind == "counts",
                    against_names=rng.sample(names, min(against, 3)) if against <= 3 else [],
                    position=rng.choice(("before", "after")))
    kind = rng.choices(("unanimous", "counts", "prose", "caps", "unanimous_abst", "secret", "multi", "rejected",
                        "none", "npp"), (30, 18, 12, 6, 6, 4, 5, 5, 7, 5))[0]
    if seed in ("vote_total", "voters_arithmetic") and kind in ("unanimous", "unanimous_abst", "none"):
        kind = "counts"
    pos = rng.choice(("before", "after"))
    if kind == "unanimous":
        return Vote("unanimous", unanimous=True, position=pos)
    if kind == "none":
        return Vote("none", position="before")
    if kind == "unanimous_abst":
        n = rng.randint(1, 3)
        return Vote("unanimous_abst", abst=n, unanimous=True, abst_names=rng.sample(names, n), position=pos)
    against = rng.choice((0, 0, 1, 2, 3))
    abst = rng.choice((0, 1, 1, 2))
    if kind == "multi" and not (against or abst):
        against = 1
    if kind == "rejected":
        against = voters // 2 + rng.randint(1, 3)
        abst = rng.randint(0, max(0, voters - against - 1))
    npp = 1 if kind == "npp" else 0
    votes_for = voters - against - abst - npp
    if seed == "vote_total":
        votes_for += rng.choice((-2, -1, 1, 2))
    named = rng.sample(names[1:], min(len(names) - 1, against + abst + npp))
    v = Vote(kind if kind not in ("npp",) else "counts", votes_for, against, abst, npp or None,
             unanimous=False if (against or abst) else None,
             outcome="rejected" if kind == "rejected" else "adopted",
             against_names=named[:against] if against <= 3 else [],
             abst_names=named[against:against + abst] if abst <= 3 else [],
             npp_names=named[against + abst:] if npp else [],
             print_zeros=rng.random() < 0.5, position=pos)
    if kind == "prose":  # prose leaves out a zero: "par 17 voix pour et 1 abstention"
        v.print_zeros = False
    if not v.print_zeros:
        v.against = against or None
        v.abst = abst or None
    if kind == "caps":
        v.print_zeros = True
        v.against, v.abst = against, abst
    if kind == "secret":
        v.print_zeros = True
        v.against, v.abst = against, abst
    return v


# =========================================================================== items
def draw_decisions(rng: random.Random, template, s: Session, style: str, fill: dict) -> list[Decision]:
    out = []
    specs = list(template[2])
    if style == "articles":
        extra = rng.sample(V.EXTRA_DECISIONS, rng.randint(1, 4))
        specs += [(v, c, None) for v, c in extra]
    for verb, comp, size in specs:
        amount, text = None, comp
        if size:
            amount = draw_amount(rng, size)
            amount_style = rng.choice(("space", "euros", "dots", "ht", "compact", "ttc", "space", "two"))
            nbsp = s.style["nbsp"]
            if amount_style == "two":  # two amounts in one article: no single amount belongs to it
                amt = fmt_amount(rng, amount, "ht", nbsp) + " soit " + fmt_amount(rng, round(amount * 1.2, 2), "ttc", nbsp)
                amount = None
            else:
                amt = fmt_amount(rng, amount, amount_style, nbsp)
            text = comp.replace("{amt}", amt)
        text = text.format(**fill)
        out.append(Decision(verb, text, amount))
    return out


def draw_objectives(rng: random.Random, year: int, seed: Optional[str]) -> tuple[list[dict], int]:
    labels = rng.sample(V.OBJECTIVE_LABELS, rng.randint(6, 12))
    rows = []
    for n, label in enumerate(labels, 1):
        template, status = rng.choice(V.OBJECTIVE_STATUSES)
        y, p = rng.randint(year - 3, year - 1), rng.randint(year, year + 2)
        rows.append({"number": n, "label": label, "status_text": template.format(y=y, p=p), "status": status,
                     "highlighted": rng.random() < 0.35,
                     "status_year": y if "{y}" in template else None,
                     "planned_year": p if "{p}" in template else None})
    share = 100 * sum(r["status"] in ("done", "in_progress") for r in rows) / len(rows)
    pct = round(share)
    if seed == "objectives_summary":
        pct = int(min(100, max(0, share + rng.choice((-1, 1)) * rng.randint(8, 25))))
        if abs(pct - share) <= 1.0:
            pct = int(share) + 12 if share < 80 else int(share) - 12
    return rows, pct


def draw_item(rng: random.Random, s: Session, seq: int, seed: Optional[str], numbering: dict) -> Item:
    used = numbering.setdefault("used", set())
    pool = [t for t in V.SUBJECTS if ("objectifs" in t[0]) == (seed in ("objectives_summary", "objectives_ok"))
            and t[0] not in used]
    pool = pool or [t for t in V.SUBJECTS if "objectifs" in t[0]]
    template = rng.choice(pool)
    used.add(template[0])
    y = s.date.year
    fill = dict(asso=rng.choice(V.ASSOCIATIONS), sec=rng.choice("ABCDEHKZ") + rng.choice(("", "B", "C")),
                num=rng.randint(2, 480), year=y, year1=y + 1, company=rng.choice(V.COMPANIES),
                synd="intercommunal d’eau potable", pres_title=s.pres_title)
    subject = template[0].format(**fill)
    if s.style["subject_caps"]:
        subject = subject.upper().replace("’", "’")
    style = rng.choice(numbering["decision_styles"])
    vote = Vote("none")
    act = numbering["act"](seq) if numbering["act"] else None
    label = numbering["label"](seq) if numbering["label"] else ""
    item = Item(seq, label, act, subject, template[1].format(**fill), [], style, vote, seed=seed)
    item.decisions = draw_decisions(rng, template, s, style, fill)
    if seed in ("objectives_summary", "objectives_ok"):
        item.objectives, item.summary_pct = draw_objectives(rng, y, seed)
    return item


# =========================================================================== the session
FONTS = ("DejaVuSans", "DejaVuSerif", "DejaVuSansCondensed", "Helvetica", "Times-Roman")
COUNT_FIELDS_CHOICES = ({"members", "present", "voters"}, {"members", "present", "represented", "voters"},
                        {"members", "present"}, {"present", "voters"}, {"members", "represented", "voters"},
                        set(), set())
NEEDS = {"quorum": {"members", "present"}, "quorum_second_call": {"members", "present"},
         "present_list_count": {"present", "voters"}, "proxy_count": {"represented", "voters", "present"},
         "voters_arithmetic": {"present", "voters"}, "vote_total": {"present", "voters"}}


def draw_numbering(rng: random.Random, s: Session) -> dict:
    y, start = s.date.year, rng.randint(3, 140)
    prefix = {"epci": "CC", "syndicat": "CS", "departement": "CP" if s.body == "Commission permanente" else "CD"}
    fmt = rng.choice(("{y}-{n:03d}", "D{y}-{n:03d}", "DEL-{y}-{n:03d}", "{y}/{n:02d}",
                      prefix.get(s.authority_type, "DCM") + "-{y}-{n:03d}"))
    act = (lambda k: fmt.format(y=y, n=start + k - 1)) if (s.kind == "extract" and rng.random() < 0.75) or (
        s.kind == "minutes" and rng.random() < 0.5) else None
    label_fmt = rng.choice(("{k}.", "{k}/", "Point n°{k} –", "{k} -")) if s.kind == "minutes" else None
    label = (lambda k: label_fmt.format(k=k)) if label_fmt and not act else None
    styles = ["bullets_inf", "blocks", "articles", "prose"] + (["proposed", "proposed"] if s.kind == "minutes" else [])
    return {"act": act, "label": label, "decision_styles": rng.sample(styles, rng.randint(1, 2))}


def draw_authority_type(rng: random.Random, session_seed: Optional[str]) -> str:
    if session_seed == "convocation_population":  # only communes print their population
        return "commune"
    weights = (55, 20, 12, 0 if session_seed in ("convocation_urgency", "convocation_urgency_ok") else 13)
    return rng.choices(("commune", "epci", "syndicat", "departement"), weights)[0]


def draw_name_order(rng: random.Random, auth_type: str, kind: str) -> str:
    """Prénom NOM, NOM Prénom, or first names only (small communes' minutes)."""
    first = (35 if kind == "minutes" else 10) if auth_type == "commune" else 0
    return rng.choices(("fl", "lf", "first"), (60, 30, first))[0]


def draw_session(rng: random.Random, idx: int, scanned: bool, session_seed: Optional[str],
                 item_seeds: list[Optional[str]], kind: str, n_items: Optional[int] = None,
                 stamp: bool = False) -> Session:
    auth_type = draw_authority_type(rng, session_seed)
    a = draw_authority(rng, auth_type, idx)
    if session_seed == "convocation_population":
        # from 3 500 inhabitants 5 clear days are due: 3 or 4 would pass unprinted (only 'info')
        a["members"] = rng.choice((27, 29))
    emergency = {"quorum": False, "quorum_second_call": False, "proxy_single": False,
                 "proxy_single_emergency": True}.get(session_seed)
    day = draw_date(rng, emergency)
    order = draw_name_order(rng, auth_type, kind)
    font = rng.choice(FONTS)
    s = Session(
        name="", kind=kind, minutes_word=rng.choice(("PROCÈS-VERBAL", "COMPTE RENDU", "COMPTE-RENDU")),
        authority_type=auth_type, authority=a["authority"], body=a["body"], letterhead=a["letterhead"],
        departement=a["dep"], date=day, time=rng.choice(((18, 30), (20, 0), (19, 0), (18, 0), (20, 30), (9, 30), (14, 0)))
        if rng.random() < 0.88 else None,
        date_style=rng.choice(("words", "figures", "seance", "words")), place=None, convocation=None, affichage=None,
        convocation_style=rng.choice(("box", "sentence", "line")), president=None, president_role=a["role"],
        pres_title="", secretary=None, secretary_style=rng.choice(("line", "sentence")), order=order,
        list_civility=rng.random() < 0.5, roles={}, role_style="paren", present=[], proxies=[], excused=[], absent=[],
        suppleants={}, sections=[], proxy_style=rng.choice(("list", "sentence", "inline")), counts=Counts(),
        counts_style="none", seed=session_seed, scanned=scanned,
        list_sep="dash" if rng.random() < (0.3 if auth_type == "commune" else 0.1) else "comma",
        style={"font": font, "nbsp": "\u202f" if font.startswith("DejaVu") and rng.random() < 0.5 else "\u00a0",
               "subject_caps": rng.random() < 0.2, "bullet": rng.choice(("–", "•", "-", "▪" if font.startswith("DejaVu") else "»")),
               "size": rng.choice((9.5, 10, 10.5, 11)), "bold_headings": rng.random() < 0.85,
               "margin_left": rng.choice((50, 60, 70)), "title_box": rng.random() < 0.4})
    s.spaced_dash = s.list_sep == "dash" and order != "first" and rng.random() < 0.8
    draw_attendance(rng, s, a["members"], session_seed)
    # A member presiding in place of the head of the authority: the first adjoint / vice-président.
    if s.authority_type == "commune" and rng.random() < 0.15 and len(s.present) > 4:
        maire = s.present[0]
        s.present = s.present[1:] + []
        s.excused = [maire] + s.excused
        s.president = s.present[0]
        s.president_role = "première adjointe" if s.president.female else "premier adjoint"
    elif s.president.female:
        s.president_role = {"Maire": "Maire", "Président": "Présidente"}[s.president_role]
    s.pres_title = rng.choice(("le ", "Monsieur le " if not s.president.female else "Madame la ")) + (
        "Maire" if s.authority_type == "commune" else ("Présidente" if s.president.female else "Président"))
    s.pres_title = s.pres_title.replace("le Présidente", "la Présidente")
    if "adjoint" in s.president_role:  # decisions still name the mayor, who is absent tonight
        s.pres_title = rng.choice(("le Maire", "Monsieur le Maire" if not s.excused[0].female else "Madame le Maire"))
    draw_roles(rng, s)
    places = [x for x in V.PLACES if ("communautaire" in x) == (auth_type == "epci") or x.startswith("Maison")]
    s.place = rng.choice(places) if rng.random() < 0.75 else None
    conv_days = draw_convocation(rng, s, a["members"], session_seed)
    if rng.random() < 0.8 or (session_seed or "").startswith("convocation"):
        s.convocation = day - dt.timedelta(days=conv_days)
        s.affichage = s.convocation + dt.timedelta(days=rng.choice((0, 0, 1)))
    if session_seed == "quorum_second_call":
        s.second_call = day - dt.timedelta(days=rng.randint(4, 10))
        s.convocation = s.second_call + dt.timedelta(days=1)
        s.affichage = s.convocation
    sec_pool = [p for p in s.present[1:] if p not in s.suppleants and p not in [h for _, h in s.proxies]]
    s.secretary = rng.choice(sec_pool) if sec_pool and rng.random() < 0.8 else None
    s.sections = ["present"] + rng.sample(["proxies", "excused"], 2) + ["absent"]
    if s.proxy_style == "inline":
        s.sections = ["present", "excused", "absent"]
    fields = set(rng.choice(COUNT_FIELDS_CHOICES))
    for seed in [session_seed] + item_seeds:
        fields |= NEEDS.get(seed or "", set())
    if session_seed == "proxy_count" and not s.proxies:
        fields.discard("represented")
    s.counts = printed_counts(rng, s, fields)
    if fields:
        s.counts_style = rng.choice(("lines", "box", "prose", "margin") if kind == "extract" else ("lines", "prose", "margin", "box"))
    numbering = draw_numbering(rng, s)
    n_items = n_items or (1 if kind == "extract" else rng.randint(2, 6))
    seeds = (item_seeds + [None] * n_items)[:n_items]
    s.items = [draw_item(rng, s, k, seeds[k - 1], numbering) for k in range(1, n_items + 1)]
    if kind == "minutes":
        s.procedural = rng.random() < 0.7
        s.delegations = [f"DM{day.year}-{rng.randint(1, 30):02d}" for _ in range(rng.randint(1, 3))] if rng.random() < 0.4 else []
        s.recap = rng.random() < 0.4
        s.signature_table = rng.random() < 0.4
    assign_votes(rng, s)
    if order == "first":  # votes name members the way the lists do: "Contre : 2 (Nelly, Patrick)"
        for item in s.items:
            v = item.vote
            v.against_names, v.abst_names, v.npp_names = ([Person(p.first, "", p.female) for p in names]
                                                          for names in (v.against_names, v.abst_names, v.npp_names))
    if stamp:
        s.stamp = draw_stamp(rng, s, a["dep"][1])
        s.style["top"] = rng.choice((78, 85, 92))  # the stamp sits in a top margin kept free for it
    from .variants import draw_variants  # variants reads Session and Person from this module
    draw_variants(rng, s)
    return s


def draw_convocation(rng: random.Random, s: Session, n_members: int, seed: Optional[str]) -> int:
    """Days from convocation to session; sets the printed urgency and population the seed needs."""
    if s.authority_type == "commune" and (seed == "convocation_population" or (seed is None and rng.random() < 0.2)):
        s.population = rng.randint(*POPULATION_BY_MEMBERS[n_members])
        s.population_style = rng.choice(("letterhead", "letterhead_pop", "line"))
    if seed == "convocation_delay":
        return rng.choice((2, 3))  # 1 or 2 clear days, population not printed: a warning
    if seed in ("convocation_urgency", "convocation_urgency_ok"):
        s.urgency = rng.choice(("preamble", "sentence", "reduced"))
        return 1 if seed == "convocation_urgency" else 2  # 0 clear days fires, 1 clear day suffices
    if seed == "convocation_population":
        return rng.choice((4, 5))  # 3 or 4 clear days
    return rng.randint(6, 14)


def draw_stamp(rng: random.Random, s: Session, dep_no: str) -> dict:
    """The @ctes e-transmission stamp: sent/received dates and the act's ID, as the prefecture prints them."""
    sent = s.date + dt.timedelta(days=rng.randint(1, 35))
    while sent.weekday() >= 5:
        sent += dt.timedelta(days=1)
    prefix = {"commune": "21", "epci": "24", "syndicat": "25", "departement": "22"}[s.authority_type]
    siren = prefix + dep_no.zfill(2) + f"{rng.randint(1, 999):03d}" + f"{rng.randint(0, 99):02d}"
    act = s.items[0].act_number if s.kind == "extract" and s.items[0].act_number else None
    local = re.sub(r"[^A-Za-z0-9]", "_", act or "") or (
        ("PV" if s.kind == "minutes" else "DEL") + s.date.strftime("%d%m%Y"))
    return {"sent": sent, "received": sent, "published": sent if rng.random() < 0.5 else None,
            "id": f"{dep_no.zfill(3)}-{siren}-{sent:%Y%m%d}-{local}-DE"}


def base_status(s: Session) -> dict:
    status = {}
    for p in s.present:
        status.setdefault(p, "present")
    for g, _ in s.proxies:
        status.setdefault(g, "excused")
    for p in s.excused:
        status.setdefault(p, "excused")
    for p in s.absent:
        status.setdefault(p, "absent")
    return status


def assign_votes(rng: random.Random, s: Session) -> None:
    """Walk the items in order: arrivals and departures change who sits, then each item is voted."""
    status = base_status(s)
    holders = {h for _, h in s.proxies}
    movable = s.kind == "minutes" and s.seed in (None, *ATTENDANCE_FREE_SEEDS) and s.counts_style != "margin"
    times = iter(f"{h}h{m:02d}" for h, m in ((20, 15), (20, 40), (21, 5), (21, 30), (21, 50), (22, 10)))
    for item in s.items:
        if movable and item.seq > 1 and rng.random() < 0.3:
            late = [p for p, st in status.items() if st == "absent" or (st == "excused" and p not in [g for g, _ in s.proxies])]
            leaving = [p for p, st in status.items() if st == "present" and p not in holders and p is not s.president
                       and p is not s.secretary and p not in s.suppleants]
            if late and rng.random() < 0.5:
                who = rng.choice(late)
                item.events.append(("arrive", who, next(times, "22h30")))
                status[who] = "present"
            elif leaving:
                who = rng.choice(leaving)
                item.events.append(("leave", who, next(times, "22h30")))
                status[who] = "absent"
        item.status = dict(status)
        if movable and rng.random() < 0.12:
            cands = [p for p, st in status.items() if st == "present" and p not in holders and p is not s.president
                     and p is not s.secretary and p not in s.suppleants]
            if cands:
                item.temp_leave = rng.choice(cands)
                item.status[item.temp_leave] = "absent"
        present_now = [p for p in item.status if item.status[p] == "present"]
        changed = item.status != base_status(s)
        c = s.counts
        if changed and s.counts_style != "none":
            p_now = len(present_now)
            item.counts = Counts(c.members, p_now if c.present is not None else None, c.represented,
                                 p_now + len(s.proxies) if c.voters is not None else None)
        if item.seed == "voters_arithmetic":
            base = item.counts or c
            wrong = (base.voters or 0) + rng.choice((-1, 1, 2))
            item.counts = Counts(base.members, base.present, base.represented, wrong)
            if s.kind == "extract":
                s.counts, item.counts = item.counts, None
        ic = item.counts or s.counts
        voters = ic.voters if ic.voters is not None else (
            (ic.present if ic.present is not None else len(present_now))
            + (ic.represented if ic.represented is not None else len(s.proxies)))
        item.vote = draw_vote(rng, voters, present_now, item.seed)
        if item.vote.outcome == "rejected":
            item.decisions = []
        if item.vote.kind == "none" and item.decision_style == "proposed":
            item.vote = Vote("unanimous", unanimous=True)  # a proposal alone does not say it was adopted
