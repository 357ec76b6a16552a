"""Validators as specifications: consistent figures give no finding; one wrong figure fires its rule."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.model import AttendanceEntry, DeliberationResult, Evidence, Found, Objective, Proxy
from validation import validate
from validation.periods import regime_on
from validation.rules import clear_days

EV = Evidence(2, None, "raw", "test")
NORMAL_DAY = dt.date(2024, 3, 12)


def make(**values) -> DeliberationResult:
    d = DeliberationResult(seq=1)
    for k, v in values.items():
        if k in ("attendance", "proxies", "objectives"):
            setattr(d, k, v)
        elif v is not None:
            d.fields[k] = Found(v, EV)
    return d


FIRST = ["Anne", "Bruno", "Chloé", "Didier", "Émile", "Fanny", "Gérard", "Hélène", "Igor", "Julie",
         "Karim", "Léa"]
LAST = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
        "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
        "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",
        "MULLER", "LEFEVRE", "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER",
        "CHEVALIER", "FRANCOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLEMENT",
        "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL",
        "DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOEL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD",
        "GIRAUD", "JOLY", "RIVIERE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD"]


def people(n, offset=0):
    """n distinct, realistic names (distinct enough that fuzzy matching keeps them apart)."""
    return [f"{FIRST[(i + offset) % len(FIRST)]} {LAST[(i + offset) % len(LAST)]}" for i in range(n)]


@st.composite
def consistent(draw):
    members = draw(st.integers(5, 69))
    present = draw(st.integers(members // 2 + 1, members))
    absent = members - present
    represented = draw(st.integers(0, min(absent, present)))
    voters = present + represented
    against = draw(st.integers(0, (voters - 1) // 2))
    abst = draw(st.integers(0, voters - 2 * against - 1))
    votes_for = voters - against - abst
    assert votes_for > against
    present_names = people(present)
    absent_names = people(absent, offset=present)
    proxies = [Proxy(absent_names[i], present_names[i], EV) for i in range(represented)]
    attendance = ([AttendanceEntry(n, "present", EV) for n in present_names]
                  + [AttendanceEntry(n, "excused", EV) for n in absent_names])
    session = NORMAL_DAY
    conv = session - dt.timedelta(days=draw(st.integers(6, 20)))
    return dict(members_in_office=members, present_count=present, represented_count=represented,
                voters_count=voters, votes_for=votes_for, votes_against=against, abstentions=abst,
                outcome="adopted", unanimous=(against == 0 and abst == 0) or None, session_date=session,
                convocation_date=conv, attendance=attendance, proxies=proxies)


@settings(max_examples=150, deadline=None)
@given(consistent())
def test_consistent_figures_give_no_finding(values):
    assert [f for f in validate(make(**values)) if f.severity != "info"] == []


PERTURBATIONS = {
    # figure changed -> the rule that must fire (and only it)
    "voters_count": "voters_arithmetic",
    "votes_for": "vote_total",
}


@settings(max_examples=100, deadline=None)
@given(consistent(), st.sampled_from(sorted(PERTURBATIONS)), st.sampled_from([-1, 1, 3]))
def test_one_wrong_figure_fires_exactly_its_rule(values, field, delta):
    values = dict(values)
    values[field] = values[field] + delta
    if field == "voters_count":
        # keep the vote split consistent with the printed (wrong) voters so only the arithmetic breaks
        values["votes_for"] += delta
        if values["votes_for"] <= values["votes_against"] or values["votes_for"] < 0:
            return
    rules = {f.rule for f in validate(make(**values)) if f.severity in ("error", "warning")}
    if field == "votes_for" and values["votes_for"] <= values["votes_against"]:
        rules.discard("outcome")
    assert rules == {PERTURBATIONS[field]}


@settings(max_examples=60, deadline=None)
@given(consistent())
def test_a_present_count_that_disagrees_with_the_list_fires_present_list_count(values):
    values = dict(values, present_count=values["present_count"] + 1, voters_count=None)
    rules = {f.rule for f in validate(make(**values)) if f.severity in ("error", "warning")}
    assert "present_list_count" in rules
    assert rules <= {"present_list_count", "vote_total"}


def test_quorum_more_than_half_present_proxies_not_counted():
    d = make(members_in_office=20, present_count=10, represented_count=5, session_date=NORMAL_DAY)
    (f,) = [f for f in validate(d) if f.rule == "quorum"]
    assert f.severity == "error" and f.expected == ">= 11" and f.observed == "10"
    assert "L2121-17" in f.source and f.pages == (2,)
    assert not [f for f in validate(make(members_in_office=20, present_count=11)) if f.rule == "quorum"]


def test_second_convocation_needs_no_quorum():
    d = make(members_in_office=20, present_count=4, second_convocation=True, session_date=NORMAL_DAY)
    assert not [f for f in validate(d) if f.rule == "quorum"]


def test_health_emergency_lowers_quorum_to_a_third_and_allows_two_proxies():
    day = dt.date(2021, 2, 10)
    assert regime_on(day).max_proxies_per_holder == 2
    d = make(members_in_office=30, present_count=10, session_date=day,
             proxies=[Proxy("A a", "B b", EV), Proxy("C c", "B b", EV)],
             attendance=[AttendanceEntry("B b", "present", EV)])
    assert [f.rule for f in validate(d) if f.severity == "error"] == []
    d.fields["session_date"] = Found(NORMAL_DAY, EV)
    assert {f.rule for f in validate(d) if f.severity == "error"} == {"quorum", "proxy_single"}


@pytest.mark.parametrize("present,grantor,holder,rule", [
    (["Jean DUPONT", "Marie CURIE"], "Jean DUPONT", "Marie CURIE", "proxy_grantor_absent"),
    (["Marie CURIE"], "Jean DUPONT", "Paul VALERY", "proxy_holder_present"),
])
def test_proxy_rules(present, grantor, holder, rule):
    d = make(attendance=[AttendanceEntry(n, "present", EV) for n in present],
             proxies=[Proxy(grantor, holder, EV)])
    assert [f.rule for f in validate(d)] == [rule]


def test_proxy_names_match_with_one_typo_and_either_order():
    d = make(attendance=[AttendanceEntry("Dominique GAUDIIN", "present", EV),
                         AttendanceEntry("NIGGEL Muriel", "present", EV)],
             proxies=[Proxy("Jean X", "Dominique GAUDIN", EV), Proxy("Paul Y", "Muriel NIGGEL", EV)])
    assert validate(d) == []


@pytest.mark.parametrize("values,fires", [
    (dict(votes_for=10, votes_against=2, outcome="adopted"), False),
    (dict(votes_for=2, votes_against=11, outcome="adopted"), True),
    (dict(votes_for=5, votes_against=5, outcome="adopted"), False),  # casting vote of the president
    (dict(votes_for=5, votes_against=5, outcome="adopted", secret_ballot=True), True),
    (dict(unanimous=True, votes_against=1), True),
])
def test_outcome(values, fires):
    assert bool([f for f in validate(make(**values)) if f.rule == "outcome"]) == fires


@pytest.mark.parametrize("conv,session,population,urgency,severity", [
    (dt.date(2023, 6, 6), dt.date(2023, 6, 9), None, None, "warning"),  # 2 clear days
    (dt.date(2023, 6, 5), dt.date(2023, 6, 9), None, None, "info"),  # 3: fine under 3,500 only
    (dt.date(2023, 6, 5), dt.date(2023, 6, 9), 1200, None, None),
    (dt.date(2023, 6, 5), dt.date(2023, 6, 9), 5000, None, "error"),
    (dt.date(2023, 6, 7), dt.date(2023, 6, 9), 5000, True, None),  # urgency: one clear day
    (dt.date(2023, 6, 1), dt.date(2023, 6, 9), None, None, None),
])
def test_convocation_delay(conv, session, population, urgency, severity):
    d = make(convocation_date=conv, session_date=session, population=population, urgency=urgency)
    got = [f.severity for f in validate(d) if f.rule == "convocation_delay"]
    assert got == ([severity] if severity else [])


def test_clear_days_exclude_both_ends():
    assert clear_days(dt.date(2023, 12, 12), dt.date(2023, 12, 15)) == 2


def test_objectives_summary_compares_the_printed_share_with_the_table():
    objs = [Objective(i, "x", "s", "done" if i <= 7 else "not_done", False, None, None, EV) for i in range(1, 11)]
    assert validate(make(objectives=objs, summary_done_pct=70.0)) == []
    (f,) = validate(make(objectives=objs, summary_done_pct=69.0 - 10))
    assert f.rule == "objectives_summary"


@pytest.mark.parametrize("pct,fires", [
    (70.0, False),  # 6 read done + the unread row 7 done
    (60.0, False),  # the unread row not done
    (80.0, True),   # out of reach whatever row 7 says
    (50.0, True),
])
def test_objectives_summary_abstains_within_what_unread_rows_allow(pct, fires):
    objs = [Objective(i, "x", "s", "done" if i <= 6 else "not_done", False, None, None, EV)
            for i in range(1, 11) if i != 7]  # row 7 lost by OCR
    got = [f.rule for f in validate(make(objectives=objs, summary_done_pct=pct))]
    assert got == (["objectives_summary"] if fires else [])


def _with_conf(d: DeliberationResult, field: str, conf: float) -> DeliberationResult:
    d.fields[field] = Found(d.value(field), Evidence(1, None, "raw", "counts", conf=conf))
    return d


@settings(max_examples=60, deadline=None)
@given(consistent(), st.sampled_from([-1, 1, 3]))
def test_an_error_on_a_figure_ocr_read_doubtfully_is_a_warning_naming_it(values, delta):
    values = dict(values, voters_count=values["voters_count"] + delta, votes_for=values["votes_for"] + delta)
    if values["votes_for"] <= values["votes_against"]:
        return
    sure = [f for f in validate(_with_conf(make(**values), "voters_count", 96.0)) if f.rule == "voters_arithmetic"]
    unsure = [f for f in validate(_with_conf(make(**values), "voters_count", 52.0)) if f.rule == "voters_arithmetic"]
    assert [f.severity for f in sure] == ["error"]
    assert [f.severity for f in unsure] == ["warning"]
    assert "voters_count at confidence 52" in unsure[0].message


def test_votes_against_present_and_represented_when_no_votants_is_printed_give_a_warning():
    d = make(members_in_office=19, present_count=15, represented_count=2, votes_for=14, votes_against=1,
             abstentions=0)
    [f] = [f for f in validate(d) if f.rule == "vote_total"]
    assert f.severity == "warning" and "no votants printed" in f.message
    d = make(members_in_office=19, present_count=15, represented_count=2, voters_count=17, votes_for=14,
             votes_against=1, abstentions=0)
    assert [f.severity for f in validate(d) if f.rule == "vote_total"] == ["error"]


def test_voters_against_proxies_named_when_no_represented_count_is_printed_give_a_warning():
    absent = people(3, offset=10)
    present = people(8)
    d = make(members_in_office=11, present_count=8, voters_count=11,
             attendance=[AttendanceEntry(n, "present", EV) for n in present],
             proxies=[Proxy(absent[0], present[0], EV), Proxy(absent[1], present[1], EV)])
    [f] = [f for f in validate(d) if f.rule == "voters_arithmetic"]
    assert f.severity == "warning" and "no count printed" in f.message
    d.fields["represented_count"] = Found(2, EV)
    assert [f.severity for f in validate(d) if f.rule == "voters_arithmetic"] == ["error"]
