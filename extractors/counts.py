"""Counts and votes of a deliberation.

Counts (membres en exercice, présents, représentés/pouvoirs, votants, ne prend pas part) come from
the item's own lines, else from what was printed before the item and still holds (the session
preamble, a side box repeated on every page, or an earlier item's counts after members came or
went; see `_carried`). Votes (pour, contre, abstentions, unanimité) come from the
item's own lines only. Numbers are only what is printed: nothing is derived from name lists,
which at most choose between the readings of a figure OCR could not read (`_check_members`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractors.memo import per_lines
from extractors.member_votes import listed_member_votes
from extractors.names import name_key, strip_civility
from extractors.nlp import finite_verb
from extractors.numbers import NUMBER_RE, parse_count
from extractors.joined import Joined, glue_split_figures, in_columns, pair_header_rows, pair_split_cells, unstack_rows
from pipeline.model import DeliberationText, Evidence, Found, Line, MemberVote

EXTRACTOR = "counts"
NUM = rf"(?P<n>{NUMBER_RE})"
# After a label, a count follows a colon ("Présents : quinze") or is printed in figures ("Présents 14"):
# "présente un intérêt" is prose.
# Before a label, only figures make a count: "des deux membres présents" is prose.
FIG = r"(?P<n>(?<![\w,.])\d{1,3}(?![\d,.]\d))"
# OCR may read the colon as a quote mark ("Votants\n“27.", "en exercice ‘ 16"): a quote never
# opens a count in print.
AFTER = rf"(?:\s*[:=]\s*|\s*[“”\"«»‘’'`]?\s*(?=\d)){NUM}"
# A figure before a label, unless a label and its colon precede it ("Votants : 24 Présents : …").
LONE_FIG = rf"(?<![:=])(?<![:=]\s){FIG}"
_F = re.I

# --------------------------------------------------------------------------- count fields
# A box's cell read by OCR keeps its rule or a stray dot between label and figure ("Présents | 19",
# "Votants . 22"): tolerated only when the label opens its line, as in a box, never in prose.
BOXED = rf"(?:^|(?<=\n))[ \t]*"
# The figure may touch the stray dot ("Votants .18"): after a cell's mark it is no decimal's tail.
CELL = rf"(?:[ \t]*[|.:;=_]){{1,3}}[ \t]*(?P<n>\d{{1,3}}(?![\d,.]\d)(?!\d)|{NUMBER_RE})(?![\w/])"
COMBINED = "present_or_represented"
SEATS = "seats"
NOT_REPRESENTED = "not_represented"
_PRESENT_WORD = r"\bpr[ée]sent(?:\(e\)s|es|s)?"
# (field, pattern) with the number after the label ("Présents : 35") or before it ("dont 2 procurations").
# Every label-then-number pattern runs before any number-then-label one: in "Votants : 24 Présents"
# the 24 belongs to the label before it.
_COUNT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # "Présents ou représentés : 30" counts members present and represented together: no field of
    # ours holds it, and neither label may take its figure (read first, then dropped).
    (COMBINED, re.compile(rf"{_PRESENT_WORD}\s*(?:ou|et|\+|&|/)\s*repr[ée]sent[ée]?(?:\(e\)s|es|s)?{AFTER}", _F)),
    (COMBINED, re.compile(rf"{LONE_FIG}[ \t]+(?:membres\s+|conseillers\s+)?{_PRESENT_WORD}\s*(?:ou|et|\+|&|/)\s*repr[ée]sent[ée]?(?:\(e\)s|es|s)?\b", _F)),
    ("not_voting", re.compile(rf"(?:ne\s+prenn?(?:d|ent)\s+pas\s+part\s+au\s+vote|n['’]\s?(?:a|ont)\s+pas\s+pris\s+part\s+au\s+vote|ne\s+participen?t?\s+pas\s+au\s+vote|NPPV){AFTER}", _F)),
    # "Absents non représentés : 2" counts the absent without a proxy: read, then dropped.
    (NOT_REPRESENTED, re.compile(rf"\bnon[\s-]+repr[ée]sent[ée]?(?:\(e\)s|es|s)?{AFTER}", _F)),
    # The seats the law allots ("membres afférents au conseil") stand for the members in office
    # only when those are not printed: a vacant seat makes them differ.
    (SEATS, re.compile(rf"(?:\baff[ée]rents?(?:\s+au\s+conseil(?:\s+(?:municipal|communautaire|syndical))?)?"
                       rf"|\bnombre\s+des?\s+membres\s+du\s+conseil\s+\w+\s+[ée]lus|\beffectif\s+l[ée]gal"
                       rf"|\bcomposant\s+(?:le\s+conseil|l['’]\s?assembl[ée]e|le\s+comit[ée])(?:\s+(?:municipal|communautaire|syndical))?){AFTER}", _F)),
    # Alsace-Moselle registers: "Conseillers en fonction : 10".
    ("members_in_office", re.compile(rf"\b(?:conseillers|membres|d[ée]l[ée]gu[ée]s)\s+en\s+fonctions?{AFTER}", _F)),
    ("members_in_office", re.compile(rf"(?:\ben\s+exer\w*|\bnombre\s+de\s+(?:membres|conseillers)(?:\s+(?:municipaux|communautaires|du\s+conseil|élus))?(?=\s*:)){AFTER}", _F)),
    # A box's "Nombre de membres en exercice" whose last word OCR garbled ("en CXÉICKE : Il").
    ("members_in_office", re.compile(rf"\bnombre\s+de\s+(?:membres|conseillers)\s+en\s+\S{{5,12}}\s*:\s*{NUM}", _F)),
    ("members_in_office", re.compile(rf"{BOXED}(?:(?:nombre\s+de\s+)?(?:membres|conseillers)(?:\s+\w+)?\s+)?en\s+exercice{CELL}", _F | re.M)),
    ("present_count", re.compile(rf"(?:\bnombre\s+de\s+(?:membres\s+|conseillers\s+)?pr[ée]sents|\bpr[ée]sent(?:\(e\)s|es|s)\b|\bPRESENTS\b){AFTER}(?!\s*(?:[/.]\d|h\b))", _F)),
    ("present_count", re.compile(rf"{BOXED}(?:(?:nombre\s+de\s+)?(?:membres|conseillers)\s+)?pr[ée]sent(?:\(e\)s|es|s){CELL}", _F | re.M)),
    ("represented_count", re.compile(rf"(?:\bpouvoirs?|\bprocurations?|\brepr[ée]sent[ée](?:\(e\)s|es|s)|\bmandats?){AFTER}", _F)),
    ("represented_count", re.compile(rf"{BOXED}(?:pouvoirs?|procurations?|repr[ée]sent[ée](?:\(e\)s|es|s)){CELL}", _F | re.M)),
    ("voters_count", re.compile(rf"(?:\bvotants|\bnombre\s+de\s+(?:votants|bulletins)|(?<!pas\s)pris\s+\S+\s+(?:[àa]\s+la\s+d\S*lib\S*|au\s+vote)){AFTER}", _F)),
    ("voters_count", re.compile(rf"{BOXED}(?:nombre\s+de\s+)?votants{CELL}", _F | re.M)),
    # Number before the label.
    ("not_voting", re.compile(rf"{FIG}[ \t]+(?:membres?\s+|conseillers?\s+|[ée]lus?\s+)?(?:ne\s+prenn?(?:d|ent)\s+pas\s+part|n['’]\s?(?:a|ont)\s+pas\s+pris\s+part)", _F)),
    ("members_in_office", re.compile(rf"{LONE_FIG}[ \t]+(?:membres\s+|conseillers\s+)?en\s+exercice", _F)),
    ("present_count", re.compile(rf"{LONE_FIG}[ \t]+(?:membres\s+|conseillers\s+)?pr[ée]sents\b", _F)),
    ("represented_count", re.compile(rf"(?:\bdont\s+|\bet\s+|\+[ \t]*){NUM}[ \t]+(?:pouvoirs?|procurations?|repr[ée]sent[ée]s?|mandats?)\b", _F)),
    ("represented_count", re.compile(rf"{LONE_FIG}[ \t]+(?:membres\s+|conseillers\s+)?repr[ée]sent[ée]s\b", _F)),
    ("voters_count", re.compile(rf"{LONE_FIG}[ \t]+votants\b", _F)),
)
COUNT_FIELDS = ("members_in_office", "present_count", "represented_count", "voters_count", "not_voting")

# --------------------------------------------------------------------------- vote facts
_ABST = r"ab?st?entions?"
# "… et 1\nabstention": a vote's number may end a line and its word open the next.
WRAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# OCR may read a speck between a vote label and its colon as a letter ("Abstention n : 1").
STRAY = r"(?:\s+[^\W\d_](?=\s*:))?"
_VOTE_PATTERNS: tuple[tuple[str, re.Pattern, bool], ...] = (
    # (field, pattern, bare): a bare pattern ("2 contre", "DEUX pour") needs a vote word on its line.
    ("votes_for", re.compile(rf"(?:\b(?:votes?|voix|suffrages?)\s+)?\bpour{STRAY}\s*:\s*{NUM}", _F), False),
    ("votes_for", re.compile(rf"{NUM}{WRAP}(?:voix|votes?|suffrages?)\s+(?:pour|favorables?)\b", _F), False),
    ("votes_for", re.compile(rf"{NUM}[ \t]+pour\b(?!\s+(?:cent|100|la|le|les|l['’]|un|une|des|du|que)\b)", _F), True),
    ("votes_against", re.compile(rf"(?:\b(?:votes?|voix)\s+)?\bcontre{STRAY}\s*:\s*{NUM}", _F), False),
    ("votes_against", re.compile(rf"{NUM}{WRAP}(?:voix\s+|votes?\s+)?(?:contre|d[ée]favorables?)\b", _F), True),
    ("abstentions", re.compile(rf"\b{_ABST}{STRAY}\s*:\s*{NUM}", _F), False),
    ("abstentions", re.compile(rf"{NUM}{WRAP}(?:voix\s+|votes?\s+)?(?:d['’]\s?)?{_ABST}\b", _F), False),
    ("not_voting", re.compile(rf"(?:ne\s+prenn?(?:d|ent)\s+pas\s+part\s+au\s+vote|n['’]\s?(?:a|ont)\s+pas\s+pris\s+part\s+au\s+vote|NPPV)\s*:?\s*{NUM}", _F), False),
)
_VOTE_CONTEXT = re.compile(rf"\b(?:pour|contre|{_ABST}|votes?|voix|vote|scrutin|unanimit)", _F)
_UNANIMITY = re.compile(r"\bunanimit[ée]", _F)
_SECRET = re.compile(r"bulletins?\s+secrets?|scrutin\s+secret|vote\s+secret", _F)
_CASTING = re.compile(r"voix\s+(?:du\s+pr[ée]sident\s+(?:[ée]tant\s+|est\s+)?)?pr[ée]pond[ée]rante", _F)
# "Suffrages exprimés" counts the ballots of an election; "à l'unanimité / à la majorité des
# suffrages exprimés" is how an ordinary vote is carried.
# "M. X a été élu secrétaire de séance" opens a session, it is no election of the item.
_ELECTION = re.compile(r"\bproclam\w*\s+(?:\w+\s+){0,3}(?:[ée]lu|r[ée]sultat)|\bobtenu\b[^.]{0,80}?\d+\s+voix|\b(?:sont|est|a\s+[ée]t[ée]|ont\s+[ée]t[ée])\s+(?:proclam[ée]e?s?\s+)?[ée]lu(?:e|s|es)?\b(?!\s+(?:comme\s+|en\s+qualit[ée]\s+de\s+)?secr[ée]taire)|\bnombre\s+de\s+bulletins", _F)
# A count box may print "Suffrages exprimés : 25" above "Pour : 25 / Contre : 0": the ballots
# counted of an ordinary vote. Only without a for-and-against split does it announce an election.
_EXPRESSED = re.compile(r"(?<!\bdes\s)\bsuffrages\s+exprim[ée]s", _F)
_FOR_AGAINST = re.compile(r"\bpour\s*:\s*\d|\d\s+(?:voix|votes?)\s+pour\b|\bcontre\s*:\s*\d", _F)


def _is_election(text: str) -> bool:
    return bool(_ELECTION.search(text) or _EXPRESSED.search(text) and not _FOR_AGAINST.search(text))
# In an election the votes for the single list or candidate: "Liste « … » : 23 voix".
_ELECTED_VOTES = re.compile(rf":\s*{NUM}\s+voix\b", _F)
_REJECTED = re.compile(
    r"(?:proposition|d[ée]lib[ée]ration|projet(?:\s+de\s+d[ée]lib[ée]ration)?|motion|rapport|point)\s+(?:\w+\s+){0,3}(?:est|a\s+[ée]t[ée]|sont|ont\s+[ée]t[ée])\s+(?:donc\s+)?(?:rejet[ée]e?s?|refus[ée]e?s?|repouss[ée]e?s?)"
    r"|n['’]\s?(?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?(?:adopt|approuv)\w*"
    r"|^\W*(?:vote\s*:\s*)?(?:rejet[ée]e?|refus[ée]e?)\b"
    r"|\brejette\s+(?:la\s+proposition|le\s+projet|la\s+d[ée]lib[ée]ration|la\s+motion)",
    _F | re.M)
_ADOPTED = re.compile(
    r"\badopt[ée]e?s?\b|\badopte\b|\bapprouv\w*|\baccept\w*|\bd[ée]cid\w*|\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bautorise\b|\bd[ée]signe\b|\bprend\s+acte|\b[ée]met\b|\bvalide\b|\bunanimit[ée]",
    _F)
_STRONG_DECISION = re.compile(
    r"\bD[ÉE]CIDE(?:NT)?\b|\bARR[ÊE]TE\b|\b(?:APPROUVE|ADOPTE|ACCEPTE)(?:NT)?\b"
    # "après en avoir délibéré, par 14 voix pour et 17 voix contre, approuve …": a verb in the
    # present closing the deliberation's sentence records the decision as taken.
    r"|(?i:apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée][^.;]{0,160}?,\s*(?:approuve|d[ée]cide|adopte|accepte|autorise|valide|fixe|attribue|accorde|d[ée]signe|cr[ée]e|arr[êe]te|[ée]met|prend\s+acte)\b)")
# The same sentence closed by any verb of decision ("…, (Pour : 9 – Contre : 20), alloue au comptable …").
_AFTER_DELIBERE = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée][^.;]{0,160}?,\s*([^\W\d_]+)\b", re.I)


# Verbs closing the sentence that record no decision taken.
_NOT_TAKEN = {"rejeter", "refuser", "repousser", "ajourner", "surseoir", "reporter"}


def _decided_in_sentence(text: str) -> bool:
    """Whether the text records the decision as taken: a decision mark, or the deliberation's
    sentence closed by a verb in the present."""
    if _STRONG_DECISION.search(text):
        return True
    verbs = (finite_verb(m.group(1)) for m in _AFTER_DELIBERE.finditer(text))
    return any(v and v not in _NOT_TAKEN for v in verbs)


@dataclass
class Fact:
    field: str
    value: object
    line: int  # index in the joined lines
    start: int
    end: int
    # Readings of a doubtful OCR figure without the specks read as trailing digits ("1200" for
    # "12" followed by two dots of scanner dust), longest first; tried only when the figure as
    # read cannot be the count.
    shorter: tuple[int, ...] = ()


@dataclass
class VoteGroup:
    facts: list[Fact] = field(default_factory=list)

    def get(self, name: str) -> Optional[Fact]:
        return next((f for f in self.facts if f.field == name), None)

    @property
    def contested(self) -> bool:
        return any(f.field in ("votes_against", "abstentions") and f.value for f in self.facts)

    @property
    def numeric(self) -> bool:
        return any(f.field != "unanimous" for f in self.facts)


# --------------------------------------------------------------------------- counts
def _count_facts(joined: Joined) -> list[Fact]:
    facts, taken = [], []
    for name, rx in _COUNT_PATTERNS:
        for m in rx.finditer(joined.text):
            if any(a < m.end("n") and m.start("n") < b for a, b in taken):
                continue
            value = parse_count(m.group("n"))
            if value is None:
                continue
            shorter = _speck_free_readings(joined, m.start("n"), m.group("n"))
            if value > 999 and not shorter:  # a year, an amount: no assembly has a thousand seats
                continue
            taken.append((m.start("n"), m.end("n")))
            facts.append(Fact(name, value, joined.line_index(m.start()), m.start(), m.end(), shorter))
    return facts


# Below this tesseract confidence a figure may hold specks read as digits.
_DOUBTFUL_CONF = 60.0


def _speck_free_readings(joined: Joined, start: int, token: str) -> tuple[int, ...]:
    """The figure's leading parts, longest first, when OCR read it with little confidence: dust
    after a figure in a box's cell comes out as more digits ("Votants 1200" for "12")."""
    token = token.strip()
    if not re.fullmatch(r"\d{3,4}", token):
        return ()
    word = joined.word_of(start, token)
    if word is None or not word.from_ocr or word.conf is None or word.conf >= _DOUBTFUL_CONF:
        return ()
    return tuple(int(token[:k]) for k in range(len(token) - 1, 0, -1) if token[0] != "0")


def _is_clean(joined: Joined, fact: Fact) -> bool:
    return bool(re.search(r"\d\s*$", joined.text[fact.start:fact.end]))


def _vote(joined: Joined, facts: list[Fact], field_name: str, others: dict[str, int]) -> Optional[Found]:
    """The most repeated reading of a count (side boxes repeat on every page, OCR garbles some).
    Readings that contradict the box they sit in lose to those that agree with it; a printed
    anomaly read alone (more votants than members in office) is kept for the validators."""
    cands = [f for f in facts if f.field == field_name and f.value <= 999
             and not _impossible(field_name, f.value, others)]
    agreeing = [f for f in cands if _plausible(field_name, f.value, others)]
    if not agreeing:
        repaired = _speck_repaired(joined, facts, field_name, others) or _slip_repaired(joined, cands, field_name, others)
        if repaired is not None:
            return repaired
    cands = agreeing or cands
    if not cands:
        return None
    weights: Counter = Counter()
    for f in cands:
        weights[f.value] += 2 if _is_clean(joined, f) else 1
    best_value = max(weights, key=lambda v: (weights[v], -min(f.start for f in cands if f.value == v)))
    first = next(f for f in cands if f.value == best_value)
    return Found(best_value, joined.evidence(first.start, first.end, EXTRACTOR))


def _speck_repaired(joined: Joined, facts: list[Fact], field_name: str, others: dict[str, int]) -> Optional[Found]:
    """A doubtful figure that cannot be the count, read without its trailing specks: the longest
    leading part that the other counts of the box bound from both sides."""
    for f in facts:
        if f.field != field_name or not f.shorter:
            continue
        for value in f.shorter:
            if _bounded(field_name, value, others) and not _impossible(field_name, value, others):
                return Found(value, joined.evidence(f.start, f.end, EXTRACTOR, raw=str(value)))
    return None


# Below this tesseract confidence a figure may hold one digit misread ("25" for "15").
UNSURE_CONF = 85.0


def _unsure(joined: Joined, fact: Fact) -> bool:
    """The figure was read by OCR with little confidence."""
    m = re.search(r"\d+\s*$", joined.text[fact.start:fact.end])
    word = joined.word_of(fact.start, m.group(0)) if m else None
    return word is not None and word.from_ocr and word.conf is not None and word.conf < UNSURE_CONF


def _one_digit_off(value: int) -> set[int]:
    """The readings one digit away: one digit changed, or one dropped by the OCR put back."""
    digits = str(value)
    out = set()
    for i in range(len(digits) + 1):
        for d in "0123456789":
            if i < len(digits):
                out.add(digits[:i] + d + digits[i + 1:])
            out.add(digits[:i] + d + digits[i:])
    return {int(t) for t in out if not t.startswith("0") and int(t) != value}


def _slip_repaired(joined: Joined, cands: list[Fact], field_name: str, others: dict[str, int]) -> Optional[Found]:
    """An unsure OCR figure that cannot be the count ("Votants 25" with 16 members in office),
    read with one digit changed: only when exactly one such reading fits the other counts."""
    for f in cands:
        if not _unsure(joined, f):
            continue
        fits = {v for v in _one_digit_off(f.value) if len(str(v)) == len(str(f.value))
                and _bounded(field_name, v, others) and not _impossible(field_name, v, others)}
        if len(fits) == 1:
            value = fits.pop()
            return Found(value, joined.evidence(f.start, f.end, EXTRACTOR, raw=str(value)))
    return None


def _bounded(name: str, value: int, others: dict[str, int]) -> bool:
    """Within the bounds the other counts set, with an upper bound known: a repair needs one."""
    members, present = others.get("members_in_office"), others.get("present_count")
    upper = [b for b in (members, 2 * present if name == "voters_count" and present else None) if b]
    return bool(upper) and value <= min(upper) and _plausible(name, value, others)


def _impossible(name: str, value: int, others: dict[str, int]) -> bool:
    """Readings no council can print, hence OCR slips ("délibération : 1" for 11 with 2 proxies)."""
    members, represented = others.get("members_in_office"), others.get("represented_count")
    if name == "voters_count" and represented is not None and value < represented:
        return True
    if name == "represented_count" and members is not None and value > members:
        return True
    return False


def _plausible(name: str, value: int, others: dict[str, int]) -> bool:
    """Within what the other counts allow: no more present or voting than in office, and no more
    votants than twice the present (a member holds one proxy at most, CGCT L2121-20)."""
    members, present = others.get("members_in_office"), others.get("present_count")
    if name in ("present_count", "voters_count") and members is not None and value > members:
        return False
    return not (name == "voters_count" and present and value > 2 * present)


_MOVE_OUT = re.compile(r"\bquitte(?:nt)?\s+(?:la\s+(?:salle|s[ée]ance)|l['’]assembl[ée]e)|\bse\s+retire(?:nt)?\b|\bsort(?:ent)?\s+de\s+la\s+salle|\bd[ée]part\s+de\s", _F)
_MOVE_IN = re.compile(r"\bsi[èe]ge(?:nt)?\s+[àa]\s+nouveau|\breg?agne(?:nt)?\s+la\s+salle|\brejoin\w*\s+(?:la\s+s[ée]ance|l['’]assembl[ée]e|le\s+conseil)|\barriv[ée]e\s+de\s|\bentre(?:nt)?\s+dans\s+la\s+salle|\brevien(?:t|nent)\s+(?:en\s+s[ée]ance|dans\s+la\s+salle)", _F)


def _movements(lines: list[Line]) -> int:
    text = " ".join(l.text for l in lines)
    return len(_MOVE_OUT.findall(text)) + len(_MOVE_IN.findall(text))


def _net_moved(lines: list[Line]) -> bool:
    text = " ".join(l.text for l in lines)
    return len(_MOVE_OUT.findall(text)) != len(_MOVE_IN.findall(text))


@per_lines
def _cells_paired(lines: list[Line]) -> list[Line]:
    return pair_split_cells(pair_header_rows(unstack_rows(glue_split_figures(lines))))


@per_lines
def _facts_of(lines: list[Line]) -> tuple[Joined, list[Fact]]:
    """The lines joined and their count facts (the session and the earlier items are read for
    every count of every item)."""
    joined = Joined.of(lines)
    return joined, _count_facts(joined)


def extract_count_fields(d: DeliberationText) -> dict[str, Found]:
    lines = _cells_paired(d.lines)
    session, before = _cells_paired(d.session), _cells_paired(d.before)
    own, own_facts = _facts_of(lines)
    out: dict[str, Found] = {}
    # Members in office do not change within a session: every reading of the file votes.
    everything = Joined.of(session + before + lines)
    stale_here = _movements(_until_vote(lines)) > 0
    everything_facts = _count_facts(everything)
    for name in ("members_in_office", "represented_count", "present_count", "voters_count", "not_voting"):
        others = {k: v.value for k, v in out.items()}
        if name == "members_in_office":
            found = _vote(everything, everything_facts, name, others) or _vote(everything, everything_facts, SEATS, others)
        else:
            found = _vote(own, own_facts, name, others)
            # A count printed earlier holds unless members came or went since.
            if found is None and name != "not_voting" and not stale_here:
                found = _carried(session, before, name, others)
        if found is not None:
            out[name] = found
    _check_members(out, everything, everything_facts, d)
    _check_voters(out, everything, everything_facts)
    return out


def _check_voters(out: dict[str, Found], joined: Joined, facts: list[Fact]) -> None:
    """Fewer votants than present, read by OCR without confidence ("Votants 2" for 23, a digit
    lost to a smudge in the box's cell), is a misreading when putting one digit back gives the
    present plus the represented: that sum. A figure read surely, or of as many digits as the
    sum, stays as printed for the validators."""
    voters, present, represented = (out.get(k) for k in ("voters_count", "present_count", "represented_count"))
    if voters is None or present is None or represented is None:
        return
    total = present.value + represented.value
    if voters.value >= present.value or len(str(voters.value)) >= len(str(total)):
        return
    readings = [f for f in facts if f.field == "voters_count" and f.value == voters.value]
    if readings and all(_unsure(joined, f) for f in readings) and total in _one_digit_off(voters.value):
        out["voters_count"] = Found(total, joined.evidence(readings[0].start, readings[0].end, EXTRACTOR, raw=str(total)))


def _check_members(out: dict[str, Found], joined: Joined, facts: list[Fact], d: DeliberationText) -> None:
    """Fewer members in office than present or voting, read by OCR without confidence ("en exercice
    2" for 23, a digit lost in the box's cell), is a misreading: the reading one digit away that the
    roll of members (present, excused, absent) confirms, else none."""
    members = out.get("members_in_office")
    floor = max((out[k].value for k in ("present_count", "voters_count") if k in out), default=None)
    if members is None or floor is None or members.value >= floor:
        return
    readings = [f for f in facts if f.field == "members_in_office" and f.value == members.value]
    if not readings or not all(_unsure(joined, f) for f in readings):
        return
    fits = {v for v in _one_digit_off(members.value) if v >= floor}
    roll = _roll_size(d)
    if roll in fits:
        out["members_in_office"] = Found(roll, joined.evidence(readings[0].start, readings[0].end, EXTRACTOR, raw=str(roll)))
    else:
        del out["members_in_office"]


def _roll_size(d: DeliberationText) -> Optional[int]:
    from extractors.attendance import extract_attendance  # only for a repair: the roll is the other extractor's
    try:
        return len(extract_attendance(d)) or None
    except Exception:
        return None


def _carried(session: list[Line], before: list[Line], name: str, others: dict[str, int]) -> Optional[Found]:
    """The count that still holds when the item is voted, from what was printed before it.

    The session's counts are the first state. An earlier item's printed count becomes the new
    state only when members came or went since the last state (up to that item's vote): without
    a movement it belongs to that item alone (a member not voting, a misprint), unless the session
    printed no such count (then the first one printed is the state), or unless the movements since
    an earlier state cancel out (that state holds again). The answer is the latest state whose
    later movements cancel out ("quitte la salle" … "regagne la salle"); none when every state
    is stale."""
    earlier, earlier_facts = _facts_of(before)
    lines = earlier.lines
    shared, shared_facts = _facts_of(session)
    states: list[tuple[int, Optional[Found]]] = [(-1, _vote(shared, shared_facts, name, others))]
    for f in earlier_facts:
        if f.field != name or f.value > 999 or _impossible(name, f.value, others):
            continue
        end = _vote_line_after(lines, f.line)
        if end > states[-1][0] and _holding(states, lines, end + 1) is None:
            states.append((end, Found(f.value, earlier.evidence(f.start, f.end, EXTRACTOR))))
    return _holding(states, lines, len(lines))


def _holding(states: list[tuple[int, Optional[Found]]], lines: list[Line], upto: int) -> Optional[Found]:
    """The latest state whose later movements, up to line `upto`, cancel out: a member who left
    and came back since restores it, so a count printed meanwhile is that item's alone."""
    for end, found in reversed(states):
        if not _net_moved(lines[end + 1:upto]):
            return found
    return None


_VOTE_LINE = re.compile(r"\bunanimit|\bpour\s*:|\bvoix\b|\bvote\s*:|\bscrutin\b|\badopt[ée]e?s?\b|\bapprouv[ée]e?s?\b|\brejet[ée]e?s?\b"
                        r"|apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE\b", _F)


def _vote_line_after(lines: list[Line], i: int) -> int:
    """Index of the first vote line after line i (the end of the item that printed it)."""
    for k in range(i, len(lines)):
        text = lines[k].text
        if _VOTE_LINE.search(text) and not (_MOVE_OUT.search(text) or _MOVE_IN.search(text)):
            return k
    return len(lines) - 1


_DECISION_LINE = re.compile(r"d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE|\badopt|\bunanimit|\bpour\s*:|\bvoix\b|\bvote\s*:|\bapprouv", _F)


def _until_vote(lines: list[Line]) -> list[Line]:
    """The item's lines up to its vote or decision: a member who leaves after it ("Arrivée de
    M. X à 20h15" closing the item) changes the counts of the next items, not this one's."""
    last = -1
    for i, line in enumerate(lines):
        if _DECISION_LINE.search(line.text) and not (_MOVE_OUT.search(line.text) or _MOVE_IN.search(line.text)):
            last = i
    return lines[:last + 1] if last >= 0 else lines


# --------------------------------------------------------------------------- votes
# A figure right after a count's label and colon is that count's, never a vote's read backwards.
_COUNT_LABEL_BEFORE = re.compile(r"(?:votants|pr[ée]sents?|exercice|repr[ée]sent[ée]s|pouvoirs|procurations)\s*:\s*$", re.I)


def _vote_facts(joined: Joined) -> list[Fact]:
    facts, taken = [], []
    for name, rx, bare in _VOTE_PATTERNS:
        for m in rx.finditer(joined.text):
            if any(a < m.end("n") and m.start("n") < b for a, b in taken):
                continue
            if bare and not _bare_vote_ok(joined, m):
                continue
            if _COUNT_LABEL_BEFORE.search(joined.text[max(0, m.start("n") - 40):m.start("n")]):
                continue  # "votants : 20 Abstentions : 2": the 20 is the votants' figure
            value = parse_count(m.group("n"))
            if value is None or value > 999:  # a year or an amount, not a vote
                continue
            taken.append((m.start("n"), m.end("n")))
            facts.append(Fact(name, value, joined.line_index(m.start()), m.start(), m.end()))
    facts.extend(_wrapped_label_facts(joined, taken))
    for m in _UNANIMITY.finditer(joined.text):
        facts.append(Fact("unanimous", True, joined.line_index(m.start()), m.start(), m.end()))
    facts.sort(key=lambda f: f.start)
    return facts


# A vote line whose label OCR moved to the end of the line above ("… budget. Abstention" /
# "Vote : Pour : 16 - Contre : 3 (…) - n : 1 (M. X)"): the dash then colon left without a label.
_LABEL_AT_END = re.compile(r"\b(?P<label>(?i:A)b?st?entions?|Contre|CONTRE|Pour|POUR)\s*$", re.M)
_LABELLED_VOTE = re.compile(rf"\b(?:pour|contre|{_ABST})\s*:\s*{NUM}", _F)
_ORPHAN = re.compile(rf"[-–—]\s*(?:[^\W\d_]\s*)?:\s*{NUM}")
_LABEL_FIELD = (("abstentions", re.compile(_ABST, _F)), ("votes_against", re.compile("contre", _F)),
                ("votes_for", re.compile("pour", _F)))


def _wrapped_label_facts(joined: Joined, taken: list[tuple[int, int]]) -> list[Fact]:
    out = []
    for lm in _LABEL_AT_END.finditer(joined.text):
        i = joined.line_index(lm.start())
        if i + 1 >= len(joined.lines) or not _LABELLED_VOTE.search(joined.lines[i + 1].text):
            continue
        start = joined.starts[i + 1]
        orphans = list(_ORPHAN.finditer(joined.text, start, start + len(joined.lines[i + 1].text)))
        if len(orphans) != 1 or any(a < orphans[0].end("n") and orphans[0].start("n") < b for a, b in taken):
            continue
        m = orphans[0]
        value = parse_count(m.group("n"))
        name = next(f for f, rx in _LABEL_FIELD if rx.fullmatch(lm.group("label")))
        if value is not None and value <= 999:
            taken.append((m.start("n"), m.end("n")))
            out.append(Fact(name, value, i + 1, m.start(), m.end()))
    return out


# What may follow a vote's last figure before the next one whose label a scan could not read:
# the named voters in parentheses, a dash, then the label's unreadable word.
_AFTER_LAST = re.compile(r"\s*(?:\([^()\n]*\)(?:\n[^()\n]*\))?)?\s*[-–—]?\s*(?P<junk>[^\s\d]+)[ \t]*\n?[ \t]*(?P<n>\d{1,3})(?=\s*(?:\(|[.;,]|$))")
_SPLIT = ("votes_for", "votes_against", "abstentions")
_UNREADABLE_CONF = 50.0


def _unreadable_label(joined: Joined, group: VoteGroup, out: dict[str, Found]) -> None:
    """"Pour : 22 – Contre : 3 (…) ▒▒▒ 2 (…)": the third figure of a vote whose label OCR could not
    read (a word read with almost no confidence) is the split's missing part, when the three parts
    make up the votants the item counts."""
    missing = [n for n in _SPLIT if group.get(n) is None]
    voters = out.get("voters_count")
    if len(missing) != 1 or voters is None or group.get("unanimous") is not None:
        return
    last = max(group.facts, key=lambda f: f.end)
    m = _AFTER_LAST.match(joined.text, last.end)
    if m is None:
        return
    word = joined.word_of(m.start("junk"), m.group("junk"))
    if word is None or not word.from_ocr or word.conf is None or word.conf >= _UNREADABLE_CONF:
        return
    value = int(m.group("n"))
    if sum(group.get(n).value for n in _SPLIT if n not in missing) + value != voters.value:
        return
    group.facts.append(Fact(missing[0], value, joined.line_index(m.start("n")), m.start("junk"), m.end("n")))


def _bare_vote_ok(joined: Joined, m: re.Match) -> bool:
    """'2 contre' or 'DEUX pour' is a vote only on a line that talks about votes."""
    i = joined.line_index(m.start())
    line = joined.lines[i].text
    before = joined.text[max(0, m.start() - 3):m.start()]
    if re.search(r"[€%$]", before) or re.search(r"[€%]", joined.text[m.end():m.end() + 2]):
        return False
    rest = line.replace(joined.text[m.start():m.end()], " ", 1)
    return bool(_VOTE_CONTEXT.search(rest)) or len(line) < 40


def _group(facts: list[Fact], text: str, gap: int = 3) -> list[VoteGroup]:
    """Facts of one vote: near each other, no field twice. Unanimity and a split belong to one vote
    only within one sentence ("à l'unanimité et deux abstentions"); "Sur le principe : adopté à
    l'unanimité. / Sur les montants : Pour : 5 – Contre : 3" are two votes."""
    groups: list[VoteGroup] = []
    for f in facts:
        g = groups[-1] if groups else None
        if g and f.line - g.facts[-1].line <= gap and g.get(f.field) is None and _same_vote(g, f, text):
            g.facts.append(f)
            continue
        if g and f.field == "unanimous" and g.get("unanimous") is not None and f.line == g.facts[-1].line:
            continue  # "à l'unanimité … unanimité" twice in one line is one fact
        groups.append(VoteGroup([f]))
    return groups


def _same_vote(g: VoteGroup, f: Fact, text: str) -> bool:
    kinds = {x.field == "unanimous" for x in g.facts}
    if (f.field == "unanimous") in kinds and len(kinds) == 1:
        return True  # numbers with numbers
    last = g.facts[-1]
    between = text[last.end:f.start] if last.end <= f.start else ""
    return not _OTHER_VOTE_LABEL.search(between)


# A label opening another vote: "Sur les montants :", "Pour les adultes :" — not a vote word ("Contre :").
_OTHER_VOTE_LABEL = re.compile(
    rf"(?:^|[.\n])\W*(?!(?:pour|contre|{_ABST}|votes?|voix|nppv|ne\s+prend)\s*(?:\(|:))[A-ZÀ-ÝŒŸa-zà-ÿœ][^:.\n]{{0,40}}:", _F)


def _choose(groups: list[VoteGroup]) -> Optional[VoteGroup]:
    """Several votes in one item: the contested one is the item's vote (the others were unanimous)."""
    if not groups:
        return None
    for g in groups:
        if g.contested:
            return g
    numeric = [g for g in groups if g.numeric]
    return numeric[-1] if numeric else groups[0]


_PASSED = re.compile(r"\b(?:est|a\s+[ée]t[ée]|sont|ont\s+[ée]t[ée])\s+(?:donc\s+)?(?:adopt|approuv)[ée]e?s?\b|^\W*(?:vote\s*:\s*)?(?:adopt|approuv)[ée]e?s?\b", _F | re.M)


def _outcome(text: str, group: Optional[VoteGroup], election: bool) -> Optional[str]:
    """Rejection wording, then what the text records as taken, then the split of the votes."""
    if election:
        return None
    if _REJECTED.search(text):
        return "rejected"
    if group is not None and group.get("unanimous"):
        return "adopted"
    if _PASSED.search(text):
        return "adopted"
    f = group.get("votes_for") if group else None
    a = group.get("votes_against") if group else None
    if f is not None or a is not None:
        pour, contre = (f.value if f else 0), (a.value if a else 0)
        if pour > contre:
            return "adopted"
        if _decided_in_sentence(text):
            return "adopted"  # the text records the decision as taken, whatever the split
        return "rejected" if pour < contre else None
    if group is not None and group.facts:
        return None  # e.g. abstentions alone: no direction printed
    if _ADOPTED.search(text):
        return "adopted"
    return None


def _vote_source(d: DeliberationText) -> Joined:
    lines = glue_split_figures(d.lines)
    own = _column_read(Joined.of(pair_header_rows(lines)))
    if d.kind == "extract" and not _vote_facts(own) and d.session:
        return Joined.of(pair_header_rows(glue_split_figures(d.session)) + lines)  # an extract may print its vote box above the subject
    return own


def _column_read(joined: Joined) -> Joined:
    """The item read column by column when a side box runs beside its vote: "… – Abstention : 0 – Ne"
    / "06/06/2019 prend pas part au vote : 1" puts the box's date inside the vote's label. The
    column reading is taken only when it reads more of the vote and agrees on what both read."""
    lines = in_columns(joined.lines)
    if len(lines) == len(joined.lines) and all(a is b for a, b in zip(lines, joined.lines)):
        return joined
    cols = Joined.of(lines)
    mine = {(f.field, f.value) for f in _vote_facts(joined) if f.field != "unanimous"}
    theirs = {(f.field, f.value) for f in _vote_facts(cols) if f.field != "unanimous"}
    if mine < theirs and len({n for n, _ in theirs}) == len(theirs):
        return cols
    return joined


def extract_counts(d: DeliberationText) -> dict[str, Found]:
    """Counts, votes, outcome and flags of one deliberation (only the keys found)."""
    out = extract_count_fields(d)
    joined = _vote_source(d)
    groups = _group(_vote_facts(joined), joined.text)
    group = _choose(groups)
    election = _is_election(joined.text)
    if group is not None and not election:
        _unreadable_label(joined, group, out)
    if group is not None:
        for name in ("votes_for", "votes_against", "abstentions", "not_voting"):
            f = group.get(name)
            if f is not None:
                out[name] = Found(f.value, joined.evidence(f.start, f.end, EXTRACTOR))
        u = group.get("unanimous")
        if u is not None:
            out["unanimous"] = Found(True, joined.evidence(u.start, u.end, EXTRACTOR))
        elif group.contested:
            first = group.facts[0]
            out["unanimous"] = Found(False, joined.evidence(first.start, group.facts[-1].end, EXTRACTOR))
    if election and "votes_for" not in out:
        tallies = [m for m in _ELECTED_VOTES.finditer(joined.text)]
        if len({parse_count(m.group("n")) for m in tallies}) == 1:
            m = tallies[0]
            out["votes_for"] = Found(parse_count(m.group("n")), joined.evidence(m.start(), m.end(), EXTRACTOR))
    outcome = _outcome(joined.text, group, election)
    if outcome is not None:
        ev_lines = _outcome_lines(joined, group)
        out["outcome"] = Found(outcome, Evidence.of_lines(ev_lines, EXTRACTOR))
    for name, rx in (("secret_ballot", _SECRET), ("casting_vote", _CASTING)):
        m = rx.search(joined.text)
        if m:
            out[name] = Found(True, joined.evidence(m.start(), m.end(), EXTRACTOR))
    return out


def _outcome_lines(joined: Joined, group: Optional[VoteGroup]) -> list[Line]:
    if group is not None and group.facts:
        return joined.lines_of(group.facts[0].start, group.facts[-1].end)
    # no vote printed: the words that record the decision (not the signatures on the next page)
    for rx in (_REJECTED, _PASSED, _ADOPTED):
        m = rx.search(joined.text)
        if m:
            return joined.lines_of(m.start(), m.end())
    return joined.lines[-1:]


# --------------------------------------------------------------------------- named votes
_VOTE_OF_FIELD = {"votes_for": "for", "votes_against": "against", "abstentions": "abstention", "not_voting": "not_voting"}
_NAME_STOP = re.compile(r"\s+(?:en\s+raison|car|qui|pour|parce|du\s+fait|[ée]tant|au\s+motif)\b.*$", _F | re.S)
_CIVILITY_HEAD = re.compile(r"^(?:M\.|MM\.?|Mme\.?|Mmes|Mlle|Mr\.?|Monsieur|Madame|Messieurs|Mesdames)\s*", _F)


def _names_in_parenthesis(text: str) -> list[str]:
    end = re.search(r"(?<![A-Z])(?<!Mme)(?<!Mlle)\.\s+[A-ZÀ-ÝŒŸ][a-zà-ÿœ]", text)  # a sentence after the names
    inner = text[:end.start()] if end else text
    inner = _NAME_STOP.sub("", inner)
    parts = re.split(r"\s*,\s*|\s+et\s+|\s*;\s*", inner)
    names = []
    for p in parts:
        p = p.strip(" .")
        if not p:
            continue
        had_civility = bool(_CIVILITY_HEAD.match(p))
        name = strip_civility(p)
        tokens = name.split()
        if not tokens or len(tokens) > 5:
            continue
        if not had_civility and not all(re.match(r"[A-ZÀ-ÝŒŸ]|(?:de|du|des|le|la|d['’])$", t) for t in tokens):
            continue
        if not re.match(r"[A-ZÀ-ÝŒŸ]", tokens[-1]):
            continue
        names.append(name)
    return names


def extract_named_votes(d: DeliberationText) -> list[MemberVote]:
    """Members named after a vote count: "2 voix contre (M. A, Mme B)", "Abstentions : 3 (…)"."""
    joined = _vote_source(d)
    group = _choose(_group(_vote_facts(joined), joined.text))
    if group is None:
        return []
    out: list[MemberVote] = []
    for f in group.facts:
        vote = _VOTE_OF_FIELD.get(f.field)
        if vote is None:
            continue
        m = re.match(r"\s*(?:\w+\s*)?\(([^()]{2,300})\)", joined.text[f.end:f.end + 320])
        if not m:
            continue
        ev = joined.evidence(f.start, f.end + m.end(), EXTRACTOR)
        out.extend(MemberVote(name, vote, ev) for name in _names_in_parenthesis(m.group(1)))
    # ... and in lists of their own ("Ont voté contre : …", "M. X ne prend pas part au vote").
    seen = {name_key(v.person_name) for v in out}
    for v in listed_member_votes(d.lines):
        if name_key(v.person_name) not in seen:
            seen.add(name_key(v.person_name))
            out.append(v)
    return out
