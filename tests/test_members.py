"""Per-member votes and the members dimension.

Implied votes: when the names printed after the contre / abstention / NPPV counts account for every
such vote, the rest of the members who vote (present, or represented through a present holder)
voted for. Person ids: one per person of an authority, the same across documents, OCR variants,
word order, runs, --force and crashes; never shared by two authorities.
"""
import datetime as dt
import hashlib
from pathlib import Path

import pyarrow as pa
import pytest

import pipeline.runner
from pipeline.api import write
from pipeline.members import (IMPLIED_EXTRACTOR, MEMBERS, MEMBERS_FILE, MemberRegistry, complete_member_votes,
                              implied_member_votes, match_name)
from pipeline.model import (AttendanceEntry, DeliberationResult, DeliberationText, DocumentResult, Evidence,
                            Found, MemberVote, Proxy)
from pipeline.runner import extract_deliberation, run_batch
from pipeline.schemas import SCHEMAS
from pipeline.writers import read_table

EV = Evidence(2, (10.0, 20.0, 30.0, 40.0), "raw", "test")
PRESENT = ["Jean DUPONT", "Marie LE GALL", "Paul MARTIN", "Anne PETIT", "Luc ROBERT"]


def _delib(fields: dict, present=PRESENT, away=(("Claire BERNARD", "excused"), ("Henri SIMON", "absent")),
           proxies=(("Claire BERNARD", "Paul MARTIN"),), named=(), seq=1) -> DeliberationResult:
    d = DeliberationResult(seq=seq, page_start=1, page_end=2, fields={k: Found(v, EV) for k, v in fields.items()})
    d.attendance = [AttendanceEntry(n, "present", EV) for n in present] + [AttendanceEntry(n, s, EV) for n, s in away]
    d.proxies = [Proxy(g, h, EV) for g, h in proxies]
    d.member_votes = [MemberVote(n, v, Evidence(2, None, "raw", "counts")) for n, v in named]
    return d


def _names(votes, vote="for"):
    return sorted(v.person_name for v in votes if v.vote == vote)


# --------------------------------------------------------------------------- implied votes
def test_a_french_extract_naming_the_contre_gives_the_rest_voting_for():
    session = ("Séance du conseil municipal du 12 mars 2024\n"
               "Présents : Jean DUPONT, Marie LE GALL, Paul MARTIN, Anne PETIT, Luc ROBERT\n"
               "Absents excusés : Claire BERNARD (pouvoir à Paul MARTIN), Henri SIMON\n")
    text = ("Objet : Tarifs de la cantine\n"
            "Le conseil municipal, après en avoir délibéré, par 4 voix pour et 2 voix contre "
            "(M. DUPONT, Mme LE GALL), APPROUVE les tarifs.\n")
    errors = []
    d = extract_deliberation(DeliberationText.from_text(text, session_text=session), errors)
    complete_member_votes(d)
    assert errors == []
    assert _names(d.member_votes, "against") == ["DUPONT", "LE GALL"]
    # the excused member voted through the proxy holder; the absent one did not vote
    assert _names(d.member_votes) == ["Anne PETIT", "Claire BERNARD", "Luc ROBERT", "Paul MARTIN"]
    assert {v.evidence.extractor for v in d.member_votes if v.vote == "for"} == {IMPLIED_EXTRACTOR}


@pytest.mark.parametrize("fields, named, expected_for", [
    # named contre and abstention account for the printed counts
    ({"votes_for": 3, "votes_against": 2, "abstentions": 1},
     [("DUPONT", "against"), ("LE GALL", "against"), ("Anne PETIT", "abstention")],
     ["Claire BERNARD", "Luc ROBERT", "Paul MARTIN"]),
    # unanimity: every present and represented member
    ({"unanimous": True}, [], ["Anne PETIT", "Claire BERNARD", "Jean DUPONT", "Luc ROBERT", "Marie LE GALL", "Paul MARTIN"]),
    # unanimity with a named abstention ("à l'unanimité et une abstention (M. ROBERT)")
    ({"unanimous": True, "abstentions": 1}, [("M. ROBERT", "abstention")],
     ["Anne PETIT", "Claire BERNARD", "Jean DUPONT", "Marie LE GALL", "Paul MARTIN"]),
    # a member who does not take part is named, the others voted for
    ({"votes_for": 5, "not_voting": 1}, [("PETIT Anne", "not_voting")],
     ["Claire BERNARD", "Jean DUPONT", "Luc ROBERT", "Marie LE GALL", "Paul MARTIN"]),
    # unanimity and printed votants that the roster gives
    ({"unanimous": True, "voters_count": 6, "present_count": 5, "represented_count": 1}, [],
     ["Anne PETIT", "Claire BERNARD", "Jean DUPONT", "Luc ROBERT", "Marie LE GALL", "Paul MARTIN"]),
])
def test_the_rest_of_the_voters_voted_for_when_the_names_account_for_every_other_vote(fields, named, expected_for):
    d = _delib(fields, named=named)
    added = implied_member_votes(d)
    assert _names(added) == expected_for
    assert all(v.evidence.extractor == IMPLIED_EXTRACTOR and v.evidence.page == 2 for v in added)


@pytest.mark.parametrize("fields, named", [
    ({"votes_for": 4, "votes_against": 2, "secret_ballot": True}, [("DUPONT", "against"), ("LE GALL", "against")]),
    ({"votes_for": 3, "votes_against": 2, "abstentions": 1}, [("DUPONT", "against")]),  # names missing
    ({"votes_for": 5, "abstentions": 1}, []),  # an abstention nobody is named for
    ({"unanimous": True, "abstentions": 2}, []),  # "unanimité et 2 abstentions" without names
    ({"votes_for": 2, "votes_against": 2}, [("DUPONT", "against"), ("LE GALL", "against")]),  # 'pour' != roster
    ({"votes_for": 4, "votes_against": 2}, [("DUPONT", "against"), ("GARNIER", "against")]),  # not in the roster
    ({"votes_for": 5, "votes_against": 1}, [("DUPONT", "against"), ("Jean DUPONT", "abstention")]),
    ({"unanimous": True, "votes_against": 1}, [("DUPONT", "against")]),  # "unanimité" with a contre
    ({"unanimous": True, "outcome": "rejected"}, []),  # rejected unanimously: nobody for
    ({"unanimous": True, "voters_count": 9}, []),  # votants the roster does not reach
    ({"unanimous": True, "members_in_office": 5}, []),  # more voters than members in office
    ({"outcome": "adopted"}, []),  # no vote printed
    ({"votes_for": 4, "votes_against": 2}, [("Paul MARTIN", "for"), ("DUPONT", "against")]),  # a 'pour' list
])
def test_nothing_is_implied_when_the_document_does_not_imply_it(fields, named):
    assert implied_member_votes(_delib(fields, named=named)) == []


def test_a_proxy_whose_holder_is_away_for_the_item_gives_no_vote():
    d = _delib({"unanimous": True}, present=PRESENT[:4], away=(("Luc ROBERT", "absent"), ("Claire BERNARD", "excused")),
               proxies=(("Claire BERNARD", "Luc ROBERT"),))
    assert _names(implied_member_votes(d)) == sorted(PRESENT[:4])


def test_completing_twice_adds_nothing_more():
    d = _delib({"votes_for": 4, "votes_against": 2}, named=[("DUPONT", "against"), ("LE GALL", "against")])
    complete_member_votes(d)
    first = list(d.member_votes)
    complete_member_votes(d)
    assert d.member_votes == first and len(first) == 6


@pytest.mark.parametrize("name, expected", [
    ("M. LE GALL", "Marie LE GALL"),
    ("DUPONT", "Jean DUPONT"),
    ("MARTIN Paul", "Paul MARTIN"),
    ("Anne PETTT", "Anne PETIT"),  # OCR slip
    ("GARNIER", None),
])
def test_a_printed_name_finds_its_member(name, expected):
    assert match_name(name, PRESENT) == expected


# --------------------------------------------------------------------------- person ids
def _doc(doc_id: str, authority, day, present, away=(), proxies=(), votes=(), seq=1) -> DocumentResult:
    fields = {"session_date": day, "unanimous": True}
    if authority:
        fields["authority"] = authority
    d = DeliberationResult(seq=seq, page_start=1, page_end=1, fields={k: Found(v, EV) for k, v in fields.items()})
    d.attendance = [AttendanceEntry(n, "present", EV) for n in present] + [AttendanceEntry(n, "excused", EV) for n in away]
    d.proxies = [Proxy(g, h, EV) for g, h in proxies]
    d.member_votes = [MemberVote(n, v, EV) for n, v in votes]
    return DocumentResult(document_id=doc_id, source_path=f"/data/{doc_id[:4]}.pdf", page_count=1, deliberations=[d])


def _ids(out) -> dict[tuple[str, str], str]:
    """(document_id prefix, name) -> person_id over attendance, proxies and votes."""
    ids = {}
    for r in read_table(out, "attendance").to_pylist():
        ids[(r["document_id"][:4], r["person_name"])] = r["person_id"]
    for r in read_table(out, "proxies").to_pylist():
        ids[(r["document_id"][:4], r["grantor"])] = r["grantor_person_id"]
        ids[(r["document_id"][:4], r["holder"])] = r["holder_person_id"]
    for r in read_table(out, "member_votes").to_pylist():
        ids[(r["document_id"][:4], "vote:" + r["person_name"])] = r["person_id"]
    return ids


A, B, C = "aaaa" + "0" * 60, "bbbb" + "0" * 60, "cccc" + "0" * 60


def test_ocr_variants_and_word_order_share_one_person_across_documents(tmp_path):
    write([_doc(A, "Commune de Putanges-le-Lac", dt.date(2023, 6, 9), ["Dominique GAUDIIN", "NIGGEL Muriel", "Jean MARTIN"])], tmp_path)
    write([_doc(B, "COMMUNE DE PUTANGES-LE-LAC", dt.date(2024, 2, 19), ["Dominique GAUDIN", "Muriel NIGGEL", "Jeanne MARTIN"],
                votes=[("M. GAUDIN", "against")])], tmp_path)
    ids = _ids(tmp_path)
    assert ids[("aaaa", "Dominique GAUDIIN")] == ids[("bbbb", "Dominique GAUDIN")] == ids[("bbbb", "vote:M. GAUDIN")]
    assert ids[("aaaa", "NIGGEL Muriel")] == ids[("bbbb", "Muriel NIGGEL")]
    assert ids[("aaaa", "Jean MARTIN")] != ids[("bbbb", "Jeanne MARTIN")]  # two edits apart: two people
    members = {r["person_id"]: r for r in read_table(tmp_path, MEMBERS).to_pylist()}
    gaudin = members[ids[("bbbb", "Dominique GAUDIN")]]
    assert set(gaudin["spellings"]) == {"Dominique GAUDIIN", "Dominique GAUDIN", "M. GAUDIN"}
    assert (gaudin["first_session"], gaudin["last_session"]) == (dt.date(2023, 6, 9), dt.date(2024, 2, 19))
    assert gaudin["deliberations_seen"] == 2 and gaudin["document_id"] == A
    assert len(members) == 4


def test_two_authorities_never_share_a_person_and_an_unknown_authority_stays_in_its_document(tmp_path):
    write([_doc(A, "Commune de Flaux", dt.date(2021, 9, 24), ["Denis JUVIN"]),
           _doc(B, "Commune de Couthenans", dt.date(2021, 9, 24), ["Denis JUVIN"]),
           _doc(C, None, dt.date(2023, 12, 15), ["Denis JUVIN"])], tmp_path)
    ids = _ids(tmp_path)
    assert len({ids[("aaaa", "Denis JUVIN")], ids[("bbbb", "Denis JUVIN")], ids[("cccc", "Denis JUVIN")]}) == 3


def test_two_spellings_listed_side_by_side_are_two_people(tmp_path):
    write([_doc(A, "Commune de Flaux", dt.date(2021, 9, 24), ["Marie DURAND"])], tmp_path)
    write([_doc(B, "Commune de Flaux", dt.date(2022, 9, 24), ["Marie DURAND", "Marie DURANT"])], tmp_path)
    ids = _ids(tmp_path)
    assert ids[("bbbb", "Marie DURAND")] == ids[("aaaa", "Marie DURAND")] != ids[("bbbb", "Marie DURANT")]


def test_proxies_and_votes_carry_the_ids_of_the_members_they_name(tmp_path):
    write([_doc(A, "Commune de Flaux", dt.date(2021, 9, 24), ["Denis JUVIN", "Yann LE GALL"], away=["Catherine VINAS"],
                proxies=[("Catherine VINAS", "Denis JUVIN")], votes=[("LE GALL", "against")])], tmp_path)
    ids = _ids(tmp_path)
    assert ids[("aaaa", "vote:LE GALL")] == ids[("aaaa", "Yann LE GALL")]
    assert ids[("aaaa", "Catherine VINAS")] and ids[("aaaa", "Denis JUVIN")]
    row = read_table(tmp_path, "proxies").to_pylist()[0]
    assert row["holder_person_id"] == ids[("aaaa", "Denis JUVIN")] != row["grantor_person_id"]


def test_the_members_table_follows_its_contract_and_loads_into_the_warehouse(tmp_path):
    from pipeline.warehouse import load

    write([_doc(A, "Commune de Flaux", dt.date(2021, 9, 24), ["Denis JUVIN", "Muriel NIGGEL"], votes=[("JUVIN", "against")])],
          tmp_path / "out")
    table = read_table(tmp_path / "out", MEMBERS)
    assert table.schema.equals(SCHEMAS[MEMBERS])
    assert table.schema.field("spellings").type == pa.list_(pa.string())
    assert table.schema.field("first_session").type == pa.date32()
    assert table.schema.field("deliberations_seen").type == pa.int32()
    assert read_table(tmp_path / "out", "member_votes").column("source").to_pylist() == ["printed"]
    counts = load(tmp_path / "out", tmp_path / "w.duckdb")
    assert counts[MEMBERS] == 2 and counts["attendance"] == 2
    import duckdb
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        joined = con.execute("SELECT m.person_name, count(*) FROM attendance a JOIN members m USING (person_id) "
                             "GROUP BY ALL ORDER BY 1").fetchall()
    finally:
        con.close()
    assert joined == [("Denis JUVIN", 1), ("Muriel NIGGEL", 1)]


# --------------------------------------------------------------------------- across runs
# run_batch over tiny placeholder files; the monkeypatched process_file reads who sat from a table.
SITTINGS = {
    "2023.pdf": ("Commune de Putanges-le-Lac", dt.date(2023, 6, 9), ["Dominique GAUDIIN", "Andrée NOËL"]),
    "2024.pdf": ("Commune de Putanges-le-Lac", dt.date(2024, 2, 19), ["Dominique GAUDIN", "Andrée NOEL", "Kévin LEGENTIL"]),
    "other.pdf": ("Commune de Flaux", dt.date(2024, 2, 19), ["Dominique GAUDIN"]),
}


def fake_process_file(path, options=None):
    authority, day, present = SITTINGS[Path(path).name]
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _doc(digest, authority, day, present)


@pytest.fixture()
def batch(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline.runner, "process_file", fake_process_file)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SITTINGS:
        (folder / name).write_bytes(b"%PDF-1.4 " + name.encode())
    return folder


def _by_name(out) -> dict[tuple[str, str], str]:
    rows = read_table(out, "attendance").to_pylist()
    auth = {r["deliberation_id"]: r["authority"] for r in read_table(out, "deliberations").to_pylist()}
    return {(auth[r["deliberation_id"]], r["person_name"]): r["person_id"] for r in rows}


def test_ids_are_stable_across_incremental_runs_force_and_a_fresh_out(batch, tmp_path):
    out = tmp_path / "out"
    run_batch([batch / "2024.pdf"], out, jobs=1)
    run_batch([batch], out, jobs=1)  # incremental: the earlier 2023 session brings OCR variants
    first = _by_name(out)
    putanges = "Commune de Putanges-le-Lac"
    assert first[(putanges, "Dominique GAUDIIN")] == first[(putanges, "Dominique GAUDIN")]
    assert first[(putanges, "Andrée NOËL")] == first[(putanges, "Andrée NOEL")]
    assert first[("Commune de Flaux", "Dominique GAUDIN")] != first[(putanges, "Dominique GAUDIN")]
    members_before = read_table(out, MEMBERS).to_pylist()

    # Every document again, in one chunk in session order: the ids first given still hold.
    run_batch([batch], out, jobs=1, force=True)
    assert _by_name(out) == first
    members_after = read_table(out, MEMBERS).to_pylist()
    strip = lambda rows: sorted((r["person_id"], r["deliberations_seen"], tuple(r["spellings"])) for r in rows)
    assert strip(members_after) == strip(members_before) and len(members_after) == 4

    fresh = tmp_path / "fresh"
    run_batch([batch / "2024.pdf"], fresh, jobs=1)
    run_batch([batch], fresh, jobs=1)
    assert _by_name(fresh) == first  # ids are hashes of authority and name: another OUT agrees


def test_a_run_killed_before_the_members_rewrite_is_caught_up_by_the_next_run(batch, tmp_path):
    out = tmp_path / "out"
    run_batch([batch], out, jobs=1)
    path = out / MEMBERS / MEMBERS_FILE
    before = read_table(out, MEMBERS).to_pylist()
    path.unlink()  # as if killed between a chunk's commit and the members rewrite
    summary = run_batch([batch], out, jobs=1)
    assert summary.skipped == 3
    strip = lambda rows: sorted((r["person_id"], r["person_name"]) for r in rows)
    assert strip(read_table(out, MEMBERS).to_pylist()) == strip(before)


def test_the_registry_rebuilt_from_out_gives_known_names_their_ids(tmp_path):
    write([_doc(A, "Commune de Flaux", dt.date(2021, 9, 24), ["Muriel NIGGEL"])], tmp_path)
    known = _ids(tmp_path)[("aaaa", "Muriel NIGGEL")]
    registry = MemberRegistry.load(tmp_path)
    rows = {"deliberations": [{"deliberation_id": "x:1", "document_id": "x", "authority": "Commune de  FLAUX",
                               "session_date": dt.date(2022, 1, 1), "seq": 1}],
            "attendance": [{"deliberation_id": "x:1", "document_id": "x", "person_name": "NIGGEL Muriel", "position": 1}]}
    registry.assign(rows)
    assert rows["attendance"][0]["person_id"] == known
