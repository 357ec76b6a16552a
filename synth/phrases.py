"""French sentences of a session, composed from the values of `generate.Session`.

Every value the truth file holds is printed here exactly once per place it is read from, in
one of the wordings real registers use. Markup is reportlab's paragraph markup (<b>, &amp;).
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Optional
from xml.sax.saxutils import escape

from . import vocab as V
from .generate import Decision, Item, Person, Session, Vote

VOWELS = tuple("aeiouyéèêhAEIOUYÉÈÊH")


def esc(text: str) -> str:
    return escape(text)


def date_long(day: dt.date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {V.MONTHS[day.month - 1]} {day.year}"


def date_short(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def hhmm(t) -> str:
    return f"{t[0]}h{t[1]:02d}" if t[1] else f"{t[0]}h"


def list_name(s: Session, p: Person, place: str = "list") -> str:
    """The name as a session list prints it: its variant at `place`, and the spaced dash of
    compound surnames in dash-separated lists ("Philippe ROUVIER – COROUGE")."""
    q, order = s.shown(p, place)
    if s.spaced_dash and "-" in q.last and order != "first":
        q = Person(q.first, q.last.replace("-", " – "), q.female)
    return q.name(order)


def person(s: Session, p: Person, civ: bool = False, role: bool = False, place: str = "list",
           civ_long: bool = False) -> str:
    text = list_name(s, p, place)
    if civ or civ_long:
        text = f"{p.civ_long if civ_long else p.civ} {text}"
    if p in s.suppleants:
        t = s.suppleants[p]
        text += f" ({'suppléante' if p.female else 'suppléant'} de {t.name(s.order)})"
    if role and p in s.roles:
        text += f" ({s.roles[p]})" if s.role_style == "paren" else f" {s.roles[p]}"
    return text


def list_join(s: Session, parts: list[str]) -> str:
    """Names of a session list: "A, B et C", or "A - B - C" in documents that separate them with dashes."""
    return " - ".join(parts) if s.list_sep == "dash" else join(parts)


def join(parts: list[str], last: str = " et ") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + last + parts[-1]


def de(verb: str) -> str:
    return ("d’" if verb.startswith(VOWELS) else "de ") + verb


def feminine(s: Session) -> bool:
    return s.body.startswith("Commission")


def the(s: Session, cap: bool = False) -> str:
    """'le Conseil municipal', 'la Commission permanente'."""
    art = "la" if feminine(s) else "le"
    return f"{art.capitalize() if cap else art} {s.body}"


def of_the(s: Session) -> str:
    return f"{'de la' if feminine(s) else 'du'} {s.body}"


def to_the(s: Session) -> str:
    return f"{'à la' if feminine(s) else 'au'} {s.body}"


def prose_name(s: Session, p: Person) -> str:
    """Name in sentences and signatures: documents that list first names still name the president in full."""
    return p.name("fl" if s.order == "first" else s.order)


def members_word(s: Session) -> str:
    return {"commune": "conseillers municipaux", "epci": "conseillers communautaires", "syndicat": "délégués",
            "departement": "conseillers départementaux"}[s.authority_type]


def body_article(s: Session) -> str:
    return f"le {s.body}"


# =========================================================================== session header
def preamble(rng: random.Random, s: Session) -> str:
    body = the(s)
    if s.authority_type == "commune":
        body += " de la c" + s.authority[1:]  # "Commune d’Orcival" -> "de la commune d’Orcival"
    elif s.authority_type == "epci":
        body += f" de la {s.authority}"
    elif s.authority_type == "syndicat":
        body += f" du {s.authority}"
    t = s.time
    if s.date_style == "words":
        when = f"L’an {V.year_words(s.date.year)}, le {V.day_words(s.date.day)} {V.MONTHS[s.date.month - 1]}"
        when += f" à {V.time_words(*t)}" if t else ""
    elif s.date_style == "figures":
        when = f"Le {V.WEEKDAYS[s.date.weekday()]} {date_long(s.date)}" + (f" à {hhmm(t)}" if t else "")
    else:
        when = f"Le {date_long(s.date)}" + (f", à {t[0]} heures {t[1]:02d}" if t else "")
    e = "e" if feminine(s) else ""
    how = "en urgence" if s.urgency == "preamble" else ("dûment" if s.convocation_style == "sentence" else "légalement")
    conv = f", convoqué{e} {how}" if how != "dûment" else f", dûment convoqué{e}"
    if s.convocation and s.convocation_style == "sentence":
        conv += f" le {date_long(s.convocation)}"
    conv += ","
    where = f" {rng.choice(('en la', 'à la', 'dans la'))} {esc(s.place)}" if s.place else ""
    if s.place and s.place.startswith("Maison"):
        where = f" à la {esc(s.place)}"
    pres = s.president
    role = s.president_role
    if role in ("Président", "Présidente") and s.authority_type == "departement":
        role += " du Conseil départemental"
    return (f"{when}, {body}{conv} s’est réuni{'e' if feminine(s) else ''} en séance publique{where}, "
            f"sous la présidence de {pres.civ_long} {esc(prose_name(s, pres))}, {role}.")


def urgency_sentence(s: Session) -> Optional[str]:
    """A separate sentence recording the urgency (the preamble may carry it instead)."""
    if s.urgency == "sentence":
        return (f"Séance convoquée en urgence conformément à l’article L. 2121-12 du code général des "
                f"collectivités territoriales.")
    if s.urgency == "reduced":
        return (f"En raison de l’urgence, le délai de convocation a été abrégé par {s.pres_title} "
                f"(article L. 2121-11 du CGCT), {the(s)} se prononçant sur l’urgence en début de séance.")
    return None


def thousands(n: int, sep: str = "\u00a0") -> str:
    return f"{n:,}".replace(",", sep)


def population_text(s: Session) -> Optional[str]:
    """'Commune de 4 213 habitants', 'Population municipale : 4 213 habitants' (letterhead or line)."""
    if s.population is None:
        return None
    n = thousands(s.population, s.style["nbsp"] if s.style.get("nbsp") else " ")
    if s.population_style == "letterhead":
        return f"Commune de {n} habitants"
    if s.population_style == "letterhead_pop":
        return f"Population municipale : {n} habitants"
    return f"Population légale (INSEE) : {n} habitants"


def stamp_lines(s: Session) -> list[str]:
    """The e-transmission stamp the prefecture's platform prints on every page of the act."""
    st = s.stamp
    return [f"Envoyé en préfecture le {date_short(st['sent'])}", f"Reçu en préfecture le {date_short(st['received'])}",
            "Publié le" + (f" {date_short(st['published'])}" if st["published"] else ""), f"ID : {st['id']}"]


def second_call_sentence(s: Session) -> str:
    return (f"Le quorum n’ayant pas été atteint lors de la réunion du {date_long(s.second_call)}, {the(s)} "
            f"a été à nouveau convoqué{'e' if feminine(s) else ''} le {date_long(s.convocation)}. Conformément à l’article L. 2121-17 du CGCT, "
            f"il délibère valablement sans condition de quorum.")


def count_pairs(s: Session, c) -> list[tuple[str, int]]:
    out = []
    if c.members is not None:
        out.append((s.style.get("members_label", "Membres en exercice"), c.members))
    if c.present is not None:
        out.append(("Présents", c.present))
    if c.represented is not None:
        out.append((s.style.get("represented_label", "Représentés"), c.represented))
    if c.voters is not None:
        out.append(("Votants", c.voters))
    return out


def counts_prose(s: Session, c) -> str:
    pairs = count_pairs(s, c)
    if pairs and pairs[0][0].startswith("Membres"):
        pairs[0] = (f"Nombre de {members_word(s)} en exercice", pairs[0][1])
    return " – ".join(f"{k} : {v}" for k, v in pairs)


def attendance_lines(rng: random.Random, s: Session) -> list[tuple[str, str]]:
    """(label, names) pairs in print order."""
    civ = s.list_civility
    out = []
    for section in s.sections:
        if section == "present":
            names = [person(s, p, civ, role=True) for p in s.present]
            out.append((rng.choice(("Présents", "Étaient présents", "Membres présents")), list_join(s, names)))
        elif section == "proxies" and s.proxies:
            holder = lambda h, **k: person(s, h, place="proxy_holder", **k)  # noqa: E731
            if s.proxy_style == "list":
                verb = rng.choice(("à", "pouvoir à", "donne pouvoir à", "donne procuration à"))
                pairs = [f"{person(s, g, civ)} {verb} {holder(h, civ=civ)}" for g, h in s.proxies]
                sep = " - " if s.list_sep == "dash" else ", "
                out.append((rng.choice(("Pouvoirs", "Procurations")), sep.join(pairs)))
            else:
                pairs = [f"{person(s, g, civ_long=True)} donne pouvoir à {holder(h, civ_long=True)}"
                         for g, h in s.proxies]
                out.append(("Absents ayant donné procuration", list_join(s, pairs)))
        elif section == "excused":
            names = []
            if s.proxy_style == "inline":
                names += [f"{person(s, g, civ)} ({rng.choice(('pouvoir à', 'procuration à'))} "
                          f"{person(s, h, civ, place='proxy_holder')})" for g, h in s.proxies]
            names += [person(s, p, civ) for p in s.excused]
            if names:
                out.append((rng.choice(("Absents excusés", "Excusés")), list_join(s, names)))
        elif section == "absent" and s.absent:
            out.append((rng.choice(("Absents", "Absents non excusés")),
                        list_join(s, [person(s, p, civ) for p in s.absent])))
    return [(label, esc(names)) for label, names in out]


def secretary_text(s: Session) -> Optional[str]:
    if not s.secretary:
        return None
    p = s.secretary
    if s.secretary_style == "line":
        return f"Secrétaire de séance : {p.civ} {esc(prose_name(s, p))}"
    return f"{p.civ_long} {esc(prose_name(s, p))} a été {'désignée' if p.female else 'désigné'} secrétaire de séance."


# =========================================================================== votes
def n_words(n: int, caps: bool = False) -> str:
    w = "zéro" if n == 0 else ("une" if n == 1 else V.words(n))
    return w.upper() if caps else w


def short(p: Person) -> str:
    return f"{p.civ} {p.last}" if p.last else p.first


def names_paren(names: list[Person]) -> str:
    return f" ({', '.join(short(p) for p in names)})" if names else ""


def vote_counts_line(v: Vote) -> str:
    parts = [f"Pour : {v.votes_for}"]
    if v.against is not None:
        parts.append(f"Contre : {v.against}{names_paren(v.against_names) if v.against else ''}")
    if v.abst is not None:
        parts.append(f"{'Abstention' if v.abst <= 1 else 'Abstentions'} : {v.abst}{names_paren(v.abst_names) if v.abst else ''}")
    if v.npp:
        parts.append(f"Ne prend pas part au vote : {v.npp}{names_paren(v.npp_names)}")
    return " – ".join(parts)


def vote_prose(v: Vote) -> str:
    parts = [f"{v.votes_for} voix pour"]
    if v.against:
        parts.append(f"{v.against} voix contre{names_paren(v.against_names)}")
    if v.abst:
        parts.append(f"{v.abst} {'abstention' if v.abst == 1 else 'abstentions'}{names_paren(v.abst_names)}")
    return "par " + join(parts)


def vote_caps(v: Vote) -> str:
    return (f"{n_words(v.votes_for, True)} voix POUR – {n_words(v.against, True)} voix CONTRE – "
            f"{n_words(v.abst, True)} {'ABSTENTION' if v.abst <= 1 else 'ABSTENTIONS'}")


def vote_inline(rng: random.Random, v: Vote) -> str:
    """The vote inside 'après en avoir délibéré, …, DÉCIDE' (position 'before')."""
    if v.kind == "unanimous":
        return rng.choice(("à l’unanimité", "à l’unanimité des membres présents et représentés"))
    if v.kind == "unanimous_abst":
        return f"à l’unanimité et {n_words(v.abst)} {'abstention' if v.abst == 1 else 'abstentions'}{names_paren(v.abst_names)}"
    if v.kind == "prose":
        return vote_prose(v)
    if v.kind == "caps":
        return "par " + vote_caps(v)
    return f"({vote_counts_line(v)})"


def vote_after(rng: random.Random, s: Session, v: Vote) -> list[str]:
    """Paragraphs recording the vote after the decisions (position 'after')."""
    adopted = rng.choice(("La délibération est adoptée.", "Adopté.", "La proposition est adoptée."))
    rejected = rng.choice(("La proposition est rejetée.", "La délibération est rejetée."))
    end = rejected if v.outcome == "rejected" else adopted
    k = v.kind
    if k == "unanimous":
        return [rng.choice(("Adopté à l’unanimité.", "Vote : unanimité.", "Adoptée à l’unanimité des membres présents et représentés."))]
    if k == "unanimity_against":
        return [f"Adopté à l’unanimité. Contre : 1{names_paren(v.against_names)}."]
    if k == "unanimous_abst":
        return [f"Adopté à l’unanimité et {n_words(v.abst)} {'abstention' if v.abst == 1 else 'abstentions'}"
                f"{names_paren(v.abst_names)}."]
    if k == "prose":
        return [f"Mise aux voix, la proposition est {'rejetée' if v.outcome == 'rejected' else 'adoptée'} {vote_prose(v)}."]
    if k == "caps":
        return [f"Vote : {vote_caps(v)}.", end]
    if k == "secret":
        return ["Il est procédé au vote à bulletin secret.", f"Résultat du scrutin : {vote_counts_line(v)}.", end]
    if k == "multi":
        return ["Sur le principe : adopté à l’unanimité.", f"Sur les montants : {vote_counts_line(v)}.", end]
    return [f"Vote : {vote_counts_line(v)}", end]


# =========================================================================== decisions
def decision_paragraphs(rng: random.Random, s: Session, item: Item, vote_before: Optional[str]) -> list[tuple[str, str]]:
    """(role, markup) pairs; role 'decision' marks a decided article, 'vote' the vote sentence."""
    ds, style = item.decisions, item.decision_style
    lead = f"{the(s, True)}, après en avoir délibéré"
    lead += f", {vote_before}," if vote_before else ","
    if style == "prose":
        verbs = [f"{V.CONJ[d.verb]} {esc(d.complement)}" for d in ds]
        return [("decision+vote" if vote_before else "decision", f"{lead} {join(verbs)}.")]
    if style == "proposed":
        verbs = [f"{de(d.verb)} {esc(d.complement)}" for d in ds]
        return [("decision", f"Il est proposé {to_the(s)} {join(verbs)}.")]
    out = [("vote" if vote_before else "lead", f"{lead} <b>{rng.choice(('DÉCIDE', 'DÉCIDE'))} :</b>"
            if style != "blocks" else (f"{lead}" if vote_before else lead))]
    b = s.style["bullet"]
    if style == "bullets_inf":
        caps = rng.random() < 0.6
        for k, d in enumerate(ds):
            verb = de(d.verb).upper() if caps else de(d.verb)
            end = "." if k == len(ds) - 1 else " ;"
            out.append(("decision", f"{b} <b>{verb}</b> {esc(d.complement)}{end}"))
    elif style == "articles":
        for k, d in enumerate(ds, 1):
            num = "1er" if k == 1 and rng.random() < 0.5 else str(k)
            out.append(("decision", f"<b>Article {num} :</b> {V.CONJ[d.verb].capitalize()} {esc(d.complement)}."))
    else:  # blocks: DÉCIDE d'adopter … / PRÉCISE … / AUTORISE … / CHARGE …
        for k, d in enumerate(ds):
            if k == 0:
                out.append(("decision", f"<b>DÉCIDE</b> {de(d.verb)} {esc(d.complement)} ;"))
            else:
                out.append(("decision", f"<b>{V.CONJ[d.verb].upper()}</b> {esc(d.complement)}."))
    return out
