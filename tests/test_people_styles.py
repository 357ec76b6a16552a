"""People as real registers print them: implicit présents ('tous présents sauf …'), proxies in
notes and counted lists, arrivals and departures in notes, names grids with extra columns, and
members named by a vote list. French snippets in, records out."""
import pytest

from extractors.attendance import excepted, extract_attendance
from extractors.attendance_grid import read_grid
from extractors.names import clean_name, split_names
from extractors.proxies import extract_proxies
from extractors.member_votes import listed_member_votes
from pipeline.model import DeliberationResult, DeliberationText, Found, Evidence, Line, Word
from validation import validate


def _d(session: str, text: str = "Objet : un point", before: str = "", kind: str = "minutes"):
    return DeliberationText.from_text(text, session_text=session, before_text=before, kind=kind)


def attendance(session: str, text: str = "Objet : un point", before: str = "", kind: str = "minutes"):
    return [(a.person_name, a.status) for a in extract_attendance(_d(session, text, before, kind))]


def proxies(session: str, text: str = "Objet : un point", before: str = ""):
    return [(p.grantor, p.holder) for p in extract_proxies(_d(session, text, before))]


# --------------------------------------------------------------------------- implicit présents
@pytest.mark.parametrize("session, expected", [
    ("Étaient présents : tous les conseillers en exercice sauf : M. Alain DUBOIS (procuration à M. Pierre MARTIN), "
     "Mme Sophie LEROUX.",
     [("Pierre MARTIN", "present"), ("Alain DUBOIS", "excused"), ("Sophie LEROUX", "absent")]),
    ("Tous les membres étaient présents à l'exception de Mme VEUVE DURAND, excusée, qui a donné pouvoir à "
     "M. DUPONT Père, et de M. J.-P. MARTIN, absent.",
     [("DUPONT Père", "present"), ("VEUVE DURAND", "excused"), ("J.-P. MARTIN", "absent")]),
    ("Présents : l'ensemble des conseillers municipaux, excepté M. Luc ROY et Mme Anne PIC, excusés.",
     [("Luc ROY", "excused"), ("Anne PIC", "excused")]),
    ("Tous les membres étaient présents sauf M. Paul BLANC.", [("Paul BLANC", "absent")]),
    # the exception's list wrapped after a civility, a proxy given in a relative clause
    ("Tous les conseillers municipaux sont présents, excepté Mme Josiane FERRAND, excusée, et M.\n"
     "Gilles BARNOUIN qui a donné procuration à M. Claude REYNAUD.",
     [("Claude REYNAUD", "present"), ("Josiane FERRAND", "excused"), ("Gilles BARNOUIN", "excused")]),
    # one excepted member a line, notes in parentheses
    ("Étaient présents : l'ensemble des membres du conseil à l'exception de :\n"
     "- Mme Christelle MOREL (excusée, pouvoir à M. Bernard MAMET)\n- M. Jean-Claude GRENIER (excusé)\n"
     "- M. Hervé PERRET-GENTIL (absent)\nSecrétaire de séance : Mme Julie GROS.",
     [("Bernard MAMET", "present"), ("Christelle MOREL", "excused"), ("Jean-Claude GRENIER", "excused"),
      ("Hervé PERRET-GENTIL", "absent")]),
])
def test_all_present_except(session, expected):
    assert attendance(session) == expected


@pytest.mark.parametrize("text, expected", [
    ("M. A DURAND (procuration à M. B MARTIN), Mme C PETIT", [("A DURAND", "excused"), ("C PETIT", "absent")]),
    ("M. A DURAND et Mme C PETIT, absents", [("A DURAND", "absent"), ("C PETIT", "absent")]),
    ("M. A DURAND (excusé), Mme C PETIT (absente)", [("A DURAND", "excused"), ("C PETIT", "absent")]),
])
def test_excepted_reads_each_note(text, expected):
    assert excepted(text) == expected


def _result(session: str, **counts) -> DeliberationResult:
    d = _d(session)
    r = DeliberationResult(seq=1, attendance=extract_attendance(d), proxies=extract_proxies(d))
    ev = Evidence(1, None, "", "counts")
    r.fields = {k: Found(v, ev) for k, v in counts.items()}
    return r


def test_implicit_presents_raise_no_finding():
    r = _result("Étaient présents : tous les conseillers en exercice sauf : M. Alain DUBOIS "
                "(procuration à M. Pierre MARTIN), Mme Sophie LEROUX.",
                members_in_office=11, present_count=9, represented_count=1, voters_count=10)
    assert [f.rule for f in validate(r) if f.severity in ("error", "warning")] == []


def test_a_holder_named_among_the_exceptions_is_still_an_error():
    r = _result("Tous les membres étaient présents sauf M. Alain DUBOIS (procuration à M. Pierre MARTIN), "
                "M. Pierre MARTIN (excusé).")
    assert [f.rule for f in validate(r) if f.severity == "error"] == ["proxy_holder_present"]


def test_a_sentence_about_all_expenses_is_no_exception_list():
    assert attendance("Toutes les dépenses sauf M. Paul BLANC.") == []


# --------------------------------------------------------------------------- proxies
@pytest.mark.parametrize("session, expected", [
    ("Absents excusés : M. André JOUFFROY, Mme Brigitte PRETOT (a donné pouvoir à M. Bernard COLLIN).",
     [("Brigitte PRETOT", "Bernard COLLIN")]),
    # a count whose parenthesis lists the pairs
    ("Pouvoirs : 2 (M. André JOUFFROY à M. Daniel ROYER, Mme Brigitte PRETOT à M. Bernard COLLIN)",
     [("André JOUFFROY", "Daniel ROYER"), ("Brigitte PRETOT", "Bernard COLLIN")]),
    ("Procurations :\nM. Denis ABIVEN → M. Yannig ROBIN\nMme Valérie JESTIN → Mme Gwenola LE GALL",
     [("Denis ABIVEN", "Yannig ROBIN"), ("Valérie JESTIN", "Gwenola LE GALL")]),
    # the grantor is the one before 'qui a donné', not the excused member before him
    ("Absents : M. CHAMPAGNAT excusé, M. GAUDRY qui a donné procuration à M. RAGON, M. LEBLANC.",
     [("GAUDRY", "RAGON")]),
    ("Étaient absents : MM. BESSE (pouvoir à M. FABRE), CAUMONT, Mme DELMAS.", [("BESSE", "FABRE")]),
])
def test_proxy_styles(session, expected):
    assert proxies(session) == expected


def test_a_count_with_a_number_word_in_its_parenthesis_is_still_a_count():
    assert attendance("Présents : 14 (quatorze) – Votants : 16") == []


def test_absents_list_with_bare_excused_word_and_relative_clause():
    assert attendance("Absents : M. CHAMPAGNAT excusé, M. GAUDRY qui a donné procuration à M. RAGON, M. LEBLANC.") == [
        ("CHAMPAGNAT", "excused"), ("GAUDRY", "excused"), ("LEBLANC", "absent")]


def test_leaving_with_a_proxy_in_a_note_of_the_item():
    session = "Présents : Mme Nathalie CHAZAL, M. Olivier PONCET, Mme Martine BRUN."
    text = ("3. Travaux de l'école\nMme Nathalie CHAZAL (départ à 21h30, pouvoir à M. Olivier PONCET).\n"
            "Le Conseil municipal, après en avoir délibéré, par 3 voix pour, approuve le programme.")
    assert attendance(session, text) == [("Olivier PONCET", "present"), ("Martine BRUN", "present"),
                                         ("Nathalie CHAZAL", "excused")]
    assert proxies(session, text) == [("Nathalie CHAZAL", "Olivier PONCET")]


def test_a_company_represented_in_a_note_of_the_item_is_no_proxy():
    session = "Présents : M. Paul GAY, Mme Anne ROY."
    text = "1. Bail\nLa société ALPHA (représentée par M. Jean DUVAL) occupe le local.\nLe Conseil approuve le bail."
    assert proxies(session, text) == []


# --------------------------------------------------------------------------- names
@pytest.mark.parametrize("text, expected", [
    ("Mesdames Hélène ROCHE, Martine BRUN, Messieurs Paul GAY, Marc FAYOLLE",
     ["Hélène ROCHE", "Martine BRUN", "Paul GAY", "Marc FAYOLLE"]),
    ("M. Jean-Marie LE PEN-DUPONT, M. DUPONT Père, M. DUPONT Fils, M. J.-P. MARTIN",
     ["Jean-Marie LE PEN-DUPONT", "DUPONT Père", "DUPONT Fils", "J.-P. MARTIN"]),
])
def test_name_styles(text, expected):
    assert split_names(text) == expected


@pytest.mark.parametrize("fragment, expected", [
    ("M. GAUDRY qui", "GAUDRY"), ("M. CHAMPAGNAT excusé", "CHAMPAGNAT"), ("J. DUPONT", "J. DUPONT"),
])
def test_clean_name_drops_the_start_of_a_note(fragment, expected):
    assert clean_name(fragment) == expected


# --------------------------------------------------------------------------- grids
def _grid_lines(rows: list[list[tuple[float, str]]]) -> list[Line]:
    lines = []
    for i, cells in enumerate(rows):
        top = 100.0 + 13 * i
        words = []
        for x, cell in cells:
            for tok in cell.split(" "):
                words.append(Word(tok, 1, x, top, x + 5.5 * len(tok), top + 9.0, "Helvetica", 9.0))
                x += 5.5 * len(tok) + 2.5
        lines.append(Line.from_words(words))
    return lines


def test_grid_with_a_commune_column_keeps_only_the_names():
    rows = [[(50, "Commune"), (200, "Délégué"), (330, "Présent"), (400, "Absent"), (470, "Pouvoir à")],
            [(50, "Lunel"), (200, "Pierre SOUJOL"), (340, "X")],
            [(50, "Lunel"), (200, "Frédéric BASTIDE"), (410, "X"), (470, "Pierre SOUJOL")],
            [(50, "Marsillargues"), (200, "Annick SPENEC"), (410, "X")]]
    grid = read_grid(_grid_lines(rows))
    # (the grid gives the mark read; attendance makes a grantor marked absent 'excused')
    assert [(n, s) for n, s, _ in grid.entries] == [
        ("Pierre SOUJOL", "present"), ("Frédéric BASTIDE", "absent"), ("Annick SPENEC", "absent")]
    assert [(p.grantor, p.holder) for p in grid.proxies] == [("Frédéric BASTIDE", "Pierre SOUJOL")]


# --------------------------------------------------------------------------- per-member votes
@pytest.mark.parametrize("text, expected", [
    ("Ont voté contre : M. Marc FAYOLLE, Mme Anne ROY.", [("Marc FAYOLLE", "against"), ("Anne ROY", "against")]),
    ("Se sont abstenus : M. ROYAUX, Mme MONNEUSE", [("ROYAUX", "abstention"), ("MONNEUSE", "abstention")]),
    ("S'est abstenue : Mme HARAN\nN'ont pas pris part au vote : M. Laurent DAULNY, Mme Hélène FAIVRE.",
     [("HARAN", "abstention"), ("Laurent DAULNY", "not_voting"), ("Hélène FAIVRE", "not_voting")]),
    ("M. Hervé ABGRALL, arrivé à 18h50, ne prend pas part au vote.", [("Hervé ABGRALL", "not_voting")]),
    ("MM. ROYAUX et BERMUDEZ votent contre.", [("ROYAUX", "against"), ("BERMUDEZ", "against")]),
    # prose, not a list of members
    ("Le Maire ne prend pas part au vote.", []),
    ("Le Conseil municipal, par 7 voix pour et 2 contre, approuve.", []),
])
def test_listed_member_votes(text, expected):
    lines = [Line.synthetic(s, 1, top=12.0 * i) for i, s in enumerate(text.splitlines())]
    assert [(v.person_name, v.vote) for v in listed_member_votes(lines)] == expected
