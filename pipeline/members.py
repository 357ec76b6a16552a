"""Members: implied per-member votes, person ids, and the `members` dimension.

Implied votes. A document that names who voted against, abstained or did not take part, and whose
named lists account for every such vote, implies that every other member who voted — present, or
represented through a proxy whose holder is present — voted for. Those votes are added with the
`IMPLIED_EXTRACTOR` evidence (the `source` column of member_votes says 'implied'). Nothing is
implied when the document does not say it: a secret ballot, counts that the names do not account
for, a printed 'pour' figure the roster does not reach, no vote at all.

Person ids. `MemberRegistry` lives in the parent process of a batch. It is rebuilt at the start of a
run from the committed attendance/proxies/member_votes rows of OUT, gives each chunk's rows their
person ids before the chunk is written, and rewrites the small `members` dataset whole after each
chunk (temp file + rename: a reader sees the old file or the new one). A name gets the id of a
known member of the same authority when its key matches (case, accents, civility and word order
ignored), else of the one member within one typo of it, else a new id: a short hash of the
authority key and the name key, so re-running on an empty OUT gives the same ids again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import pyarrow.parquet as pq
from rapidfuzz.distance import OSA

from extractors.names import name_key, reconcile
from pipeline.model import DeliberationResult, Evidence, MemberVote

from .schemas import EXTRACTOR_VERSION, SCHEMA_VERSION
from .writers import _atomic_write_table, read_table, to_table

IMPLIED_EXTRACTOR = "implied_votes"
MEMBERS = "members"
MEMBERS_FILE = "members.parquet"  # not 'part-*': it belongs to no chunk, recover() keeps it
_COUNTED = (("votes_against", "against"), ("abstentions", "abstention"), ("not_voting", "not_voting"))


# --------------------------------------------------------------------------- implied votes
def is_implied(vote: MemberVote) -> bool:
    return vote.evidence.extractor == IMPLIED_EXTRACTOR


def implied_member_votes(d: DeliberationResult) -> list[MemberVote]:
    """The 'for' votes the document implies for the members it does not name (may be empty)."""
    printed = [v for v in d.member_votes if not is_implied(v)]
    unanimous = d.value("unanimous") is True
    if d.value("secret_ballot") or any(v.vote == "for" for v in printed):
        return []  # a secret ballot names nobody; a printed 'pour' list is the whole answer
    if not unanimous and d.value("votes_for") is None:
        return []
    if unanimous and d.value("outcome") == "rejected":
        return []  # rejected unanimously: nobody voted for
    named = Counter(v.vote for v in printed)
    if not _named_account_for_counts(d, named, unanimous):
        return []
    roster = _roster(d)
    if not roster:
        return []
    targets = [match_name(v.person_name, roster) for v in printed]
    if any(t is None for t in targets) or len(set(targets)) != len(targets):
        return []  # a named voter outside the roster, or one member named twice
    rest = [name for name in roster if name not in set(targets)]
    if not _counts_agree(d, len(rest), len(roster), named):
        return []
    ev = _vote_evidence(d)
    return [MemberVote(name, "for", ev) for name in rest]


def complete_member_votes(d: DeliberationResult) -> None:
    """Printed votes followed by the implied ones (idempotent)."""
    printed = [v for v in d.member_votes if not is_implied(v)]
    d.member_votes = printed + implied_member_votes(d)


def match_name(name: str, candidates: list[str]) -> Optional[str]:
    """The candidate a printed name stands for: same person up to an OCR slip or word order,
    else the one candidate whose name contains all its words ('M. LE GALL' -> 'Yann LE GALL')."""
    if not name or not candidates:
        return None
    found = reconcile([name], candidates)[name]
    if found is not None:
        return found
    words = Counter(name_key(name).split(" "))
    if not words or sum(len(w) for w in words) < 3:
        return None
    hits = {c for c in candidates if not words - Counter(name_key(c).split(" "))}
    return hits.pop() if len(hits) == 1 else None


def _named_account_for_counts(d: DeliberationResult, named: Counter, unanimous: bool) -> bool:
    """Every contre / abstention / NPPV vote has its name; an unprinted count is zero."""
    for field_name, vote in _COUNTED:
        count = d.value(field_name)
        if count is None:
            if named[vote]:
                return False
        elif count != named[vote]:
            return False
    return not (unanimous and (d.value("votes_against") or 0) > 0)  # 'unanimité' with a contre


def _roster(d: DeliberationResult) -> list[str]:
    """Who votes: members present, then proxy grantors whose holder is not marked away."""
    roster: list[str] = []
    keys: set[str] = set()

    def add(name: str) -> None:
        key = name_key(name)
        if key and key not in keys:
            keys.add(key)
            roster.append(name)

    for a in d.attendance:
        if a.status == "present":
            add(a.person_name)
    if not roster:
        return []
    present = list(roster)
    away = [a.person_name for a in d.attendance if a.status != "present"]
    for p in d.proxies:
        if match_name(p.grantor, present) is not None:
            continue  # the grantor sits for this item: no vote through the holder
        holder = match_name(p.holder, present + away)
        if holder is not None and holder not in present:
            continue  # the holder is away for this item: the proxy cannot be used
        add(p.grantor)
    return roster


def _counts_agree(d: DeliberationResult, n_for: int, n_roster: int, named: Counter) -> bool:
    """The roster gives the printed figures: 'pour', else votants, else présents/représentés;
    and never more voters than members in office."""
    in_office = d.value("members_in_office")
    if in_office is not None and n_roster > in_office:
        return False
    votes_for = d.value("votes_for")
    if votes_for is not None:
        return votes_for == n_for
    voters = d.value("voters_count")
    if voters is not None:
        return voters in (n_roster, n_roster - named["not_voting"])
    present, represented = d.value("present_count"), d.value("represented_count")
    n_present = len({name_key(a.person_name) for a in d.attendance if a.status == "present"})
    if present is not None and present != n_present:
        return False
    if represented is not None and represented != n_roster - n_present:
        return False
    return True


def _vote_evidence(d: DeliberationResult) -> Evidence:
    found = d.fields.get("votes_for") or d.fields.get("unanimous")
    ev = found.evidence if found is not None else Evidence(d.page_end, None, "", IMPLIED_EXTRACTOR)
    return Evidence(ev.page, ev.box, ev.raw, IMPLIED_EXTRACTOR)


# --------------------------------------------------------------------------- keys and ids
def authority_key(authority: Optional[str], document_id: Optional[str]) -> str:
    """Accent-, case- and punctuation-insensitive; an unknown authority is its own document."""
    if authority:
        text = unicodedata.normalize("NFKD", authority)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
        text = " ".join(re.findall(r"[^\W_]+", text))
        if text:
            return text
    return f"document {document_id or ''}"


def new_person_id(auth_key: str, key: str) -> str:
    return "p" + hashlib.sha256(f"{auth_key}\x1f{key}".encode()).hexdigest()[:15]


def _one_typo_apart(a: str, b: str) -> bool:
    """Name keys within one edit whatever the word order ('muriel niggel' / 'niggei muriel')."""
    tokens = a.split(" ")
    orders = itertools.permutations(tokens) if len(tokens) <= 4 else [tokens]
    return any(OSA.distance(" ".join(o), b, score_cutoff=1) <= 1 for o in orders)


# A key this short, or a lone word, is matched exactly only: 'luc roy' and 'luc ray' are two people.
_FUZZY_MIN_LENGTH = 8


# --------------------------------------------------------------------------- registry
@dataclass
class _Seen:
    """What the members row of one person is derived from."""

    auth_key: str
    spellings: Counter = field(default_factory=Counter)
    authorities: Counter = field(default_factory=Counter)
    deliberations: set = field(default_factory=set)
    first: Optional[dt.date] = None
    last: Optional[dt.date] = None
    origin: Optional[tuple] = None  # (date or max, document_id) of the first sighting

    def add(self, name: str, authority: Optional[str], did: str, doc: Optional[str], day: Optional[dt.date]) -> None:
        self.spellings[name] += 1
        if authority:
            self.authorities[authority] += 1
        self.deliberations.add(did)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        origin = (day or dt.date.max, doc or "")
        if self.origin is None or origin < self.origin:
            self.origin = origin


@dataclass
class _Delib:
    did: str
    document_id: Optional[str]
    authority: Optional[str]
    day: Optional[dt.date]
    seq: int

    @property
    def order(self) -> tuple:
        return (self.day is None, self.day or dt.date.min, self.document_id or "", self.seq, self.did)

    @property
    def auth_key(self) -> str:
        return authority_key(self.authority, self.document_id)


class MemberRegistry:
    """Person ids per authority, kept stable across chunks, runs, crashes and --force re-runs."""

    def __init__(self) -> None:
        self._index: dict[str, dict[str, str]] = defaultdict(dict)  # authority key -> name key -> id
        self._seen: dict[str, _Seen] = {}

    # -- loading ----------------------------------------------------------------------
    @classmethod
    def load(cls, out: Path | str, exclude_documents: Iterable[str] = ()) -> "MemberRegistry":
        """Ids from every committed row; observations from the rows of documents not excluded
        (documents about to be re-processed keep their people's ids but are counted again)."""
        reg = cls()
        tables = {name: read_table(out, name, columns=cols).to_pylist() for name, cols in _LOADED.items()}
        infos = _infos(tables["deliberations"])
        for row, name_col, id_col in _named_rows(tables):
            if row.get(id_col) and row.get(name_col):
                info = infos.get(row["deliberation_id"]) or _orphan(row)
                reg._index[info.auth_key].setdefault(name_key(row[name_col]), row[id_col])
        excluded = set(exclude_documents)
        reg.assign(tables, observe=lambda doc: doc not in excluded)
        return reg

    # -- assigning --------------------------------------------------------------------
    def assign(self, rows: dict[str, list[dict]], observe: Callable[[Optional[str]], bool] = lambda doc: True) -> None:
        """Fill person_id (attendance, member_votes) and grantor/holder_person_id (proxies) in
        place, deliberation by deliberation in session order (the same ids whatever order the
        workers returned the files in), and record what the members table shows."""
        groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for name in ("attendance", "proxies", "member_votes"):
            for row in rows.get(name, []):
                groups[row["deliberation_id"]][name].append(row)
        infos = _infos(rows.get("deliberations", []))
        chosen = [infos.get(did) or _orphan(next(iter(g.values()))[0]) for did, g in groups.items()]
        for info in sorted(chosen, key=lambda i: i.order):
            self._assign_deliberation(info, groups[info.did], observe(info.document_id))

    def _assign_deliberation(self, info: _Delib, group: dict[str, list[dict]], observe: bool) -> None:
        ak = info.auth_key
        local: dict[str, str] = {}  # attendance name as printed -> id
        used: dict[str, str] = {}  # id -> name key of the attendance entry holding it
        for row in sorted(group.get("attendance", []), key=lambda r: r.get("position") or 0):
            name = row.get("person_name")
            if not name:
                continue
            key = name_key(name)
            pid = row.get("person_id") or self._resolve(ak, key, used)
            row["person_id"] = pid
            if pid:
                local.setdefault(name, pid)
                used.setdefault(pid, key)
        for row in group.get("proxies", []):
            for name_col, id_col in (("grantor", "grantor_person_id"), ("holder", "holder_person_id")):
                row[id_col] = row.get(id_col) or self._resolve_named(ak, row.get(name_col), local)
        for row in group.get("member_votes", []):
            row["person_id"] = row.get("person_id") or self._resolve_named(ak, row.get("person_name"), local)
        if observe:
            self._observe(info, group)

    def _resolve_named(self, ak: str, name: Optional[str], local: dict[str, str]) -> Optional[str]:
        """A name of a proxy or a vote: the attendance entry it names (a lone surname, an OCR
        slip), else the registry."""
        if not name:
            return None
        match = match_name(name, list(local))
        return local[match] if match is not None else self._resolve(ak, name_key(name), {})

    def _resolve(self, ak: str, key: str, used: dict[str, str]) -> Optional[str]:
        if not key:
            return None
        index = self._index[ak]
        pid = index.get(key)
        if pid is not None:
            if used.get(pid, key) == key:
                return pid
            # Listed beside the spelling it was once merged with: two people after all.
            fresh = new_person_id(ak, key)
            return fresh if fresh != pid else new_person_id(ak, key + " #2")
        pid = self._fuzzy(index, key, used) or new_person_id(ak, key)
        index[key] = pid
        return pid

    @staticmethod
    def _fuzzy(index: dict[str, str], key: str, used: dict[str, str]) -> Optional[str]:
        if len(key) < _FUZZY_MIN_LENGTH or " " not in key:
            return None
        # A member already listed in this deliberation under another spelling is someone else.
        hits = {pid for known, pid in index.items()
                if " " in known and abs(len(known) - len(key)) <= 1 and used.get(pid, key) == key
                and _one_typo_apart(key, known)}
        return hits.pop() if len(hits) == 1 else None

    def _observe(self, info: _Delib, group: dict[str, list[dict]]) -> None:
        named = [(r.get("person_id"), r.get("person_name")) for r in group.get("attendance", [])]
        named += [(r.get(i), r.get(n)) for r in group.get("proxies", [])
                  for n, i in (("grantor", "grantor_person_id"), ("holder", "holder_person_id"))]
        named += [(r.get("person_id"), r.get("person_name")) for r in group.get("member_votes", [])]
        for pid, name in named:
            if not pid or not name:
                continue
            seen = self._seen.setdefault(pid, _Seen(info.auth_key))
            seen.add(name, info.authority, info.did, info.document_id, info.day)

    # -- the members dataset ----------------------------------------------------------
    def members_rows(self, run_id: str) -> list[dict]:
        rows = []
        for pid, s in self._seen.items():
            spellings = sorted(s.spellings, key=lambda n: (-s.spellings[n], -len(n), n))
            authority = min(s.authorities, key=lambda a: (-s.authorities[a], a)) if s.authorities else None
            rows.append({
                "person_id": pid, "authority": authority, "person_name": spellings[0], "spellings": spellings,
                "first_session": s.first, "last_session": s.last, "deliberations_seen": len(s.deliberations),
                "authority_key": s.auth_key, "document_id": s.origin[1] if s.origin else None,
                "extractor_version": EXTRACTOR_VERSION, "schema_version": SCHEMA_VERSION, "run_id": run_id,
            })
        rows.sort(key=lambda r: (r["authority_key"], r["person_name"], r["person_id"]))
        return rows

    def write_members(self, out: Path | str, run_id: str, force: bool = False) -> Optional[Path]:
        """Replace OUT/members/members.parquet atomically when its content changed (or is missing)."""
        folder = Path(out) / MEMBERS
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MEMBERS_FILE
        table = to_table(MEMBERS, self.members_rows(run_id))
        if not force and path.exists() and _same_members(path, table):
            return None  # a run that changed nothing leaves the file (and its run_id) alone
        _atomic_write_table(table, path)
        return path


def _same_members(path: Path, new) -> bool:
    """The file holds these rows, up to the run that wrote them."""
    try:
        old = pq.read_table(path)
        return old.drop_columns(["run_id"]).equals(new.drop_columns(["run_id"]))
    except Exception:  # an older schema or a damaged file: rewrite it
        return False


_LOADED = {
    "deliberations": ["deliberation_id", "document_id", "authority", "session_date", "seq"],
    "attendance": ["deliberation_id", "document_id", "person_name", "position", "person_id"],
    "proxies": ["deliberation_id", "document_id", "grantor", "holder", "grantor_person_id", "holder_person_id"],
    "member_votes": ["deliberation_id", "document_id", "person_name", "person_id"],
}


def _infos(deliberations: list[dict]) -> dict[str, _Delib]:
    return {d["deliberation_id"]: _Delib(d["deliberation_id"], d.get("document_id"), d.get("authority"),
                                         d.get("session_date"), d.get("seq") or 0)
            for d in deliberations}


def _orphan(row: dict) -> _Delib:
    """A row whose deliberation is not at hand: its document stands for the authority."""
    return _Delib(row["deliberation_id"], row.get("document_id"), None, None, 0)


def _named_rows(tables: dict[str, list[dict]]):
    """(row, name column, id column) for every person named in the tables."""
    for row in tables["attendance"]:
        yield row, "person_name", "person_id"
    for row in tables["proxies"]:
        yield row, "grantor", "grantor_person_id"
        yield row, "holder", "holder_person_id"
    for row in tables["member_votes"]:
        yield row, "person_name", "person_id"
