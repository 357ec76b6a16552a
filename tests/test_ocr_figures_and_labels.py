"""Authority of a syndicat "à vocation …", unsure OCR figures of a count box, and a vote label cut
by a side box: French snippets in, records out."""
import pytest

from extractors.counts import extract_counts
from extractors.session import extract_session
from pipeline.model import DeliberationText, Line, Word


def authority_of(session_text: str):
    d = DeliberationText.from_text("1. Objet quelconque\nTexte.", session_text=session_text, kind="minutes")
    found = extract_session(d).get("authority")
    return found.value if found else None


# --------------------------------------------------------------------------- authority
@pytest.mark.parametrize("session, authority", [
    # the purpose is a whole word: a letterhead cut by a stamp ("VOCATION SC") is no name "C"
    ("SYNDICAT INTERCOMMUNAL À VOCATION SC “RANÇAISE\nDE NEUVY . ement : 70\nSéance du 9 novembre 2023\n"
     "L'an deux mille vingt-trois, le neuf novembre, le Comité syndical\n"
     "du Syndicat intercommunal à vocation scolaire de Neuvy, dûment convoqué le 28\noctobre 2023.",
     "Syndicat intercommunal à vocation scolaire de Neuvy"),
    ("SYNDICAT INTERCOMMUNAL À VOCATION SCOLAIRE DE NEUVY\nSéance du 9 novembre 2023",
     "Syndicat intercommunal à vocation scolaire de Neuvy"),
    ("Séance du 3 mai 2022\nLe Comité syndical du Syndicat intercommunal à vocation multiple du Val de Saône, "
     "convoqué légalement, s'est réuni.",
     "Syndicat intercommunal à vocation multiple du Val de Saône"),
    ("Séance du 3 mai 2022\nLe Comité syndical du Syndicat intercommunal à vocation scolaire d’Aubigné-le-Château, "
     "convoqué légalement, s'est réuni.",
     "Syndicat intercommunal à vocation scolaire d’Aubigné-le-Château"),
])
def test_a_syndicat_named_by_its_purpose(session, authority):
    assert authority_of(session) == authority


# --------------------------------------------------------------------------- counts read by OCR
def _ocr_line(*tokens, top=0.0):
    words, x = [], 60.0
    for tok in tokens:
        text, conf = tok if isinstance(tok, tuple) else (tok, 96.0)
        words.append(Word(text, 1, x, top, x + 5.0 * len(text), top + 10.0, conf=conf, from_ocr=True))
        x += 5.0 * len(text) + 40.0
    return Line.from_words(words)


def _counts(session: list[Line], item: list[Line] = ()) -> dict:
    lines = list(item) or [Line.synthetic("Objet : Budget"), Line.synthetic("Adoptée à l'unanimité.")]
    d = DeliberationText(seq=1, lines=lines, session=session, kind="extract")
    return {k: v.value for k, v in extract_counts(d).items()}


def test_a_quote_mark_read_for_the_colon_of_a_box():
    got = _counts([_ocr_line("Membres", "en", "exercice", ("‘", 62.0), "16", top=0.0)])
    assert got["members_in_office"] == 16


@pytest.mark.parametrize("figure, conf, expected", [
    ("25", 72.0, 15),  # more votants than members: one digit misread, and only 15 fits
    ("25", 96.0, 25),  # a sure reading is what was printed: the validators report it
    ("15", 72.0, 15),
])
def test_an_unsure_figure_that_cannot_be_the_count_is_read_one_digit_away(figure, conf, expected):
    got = _counts([_ocr_line("Membres", "en", "exercice", ":", "16", top=0.0),
                   _ocr_line("Votants", (figure, conf), top=14.0)])
    assert got["voters_count"] == expected


def test_a_count_read_by_ocr_keeps_the_confidence_of_its_figure_not_of_its_label():
    session = [_ocr_line("Membres", "en", "exercice", ":", "19", top=0.0),
               _ocr_line(("Présents", 40.0), ":", ("15", 91.0), top=14.0),
               _ocr_line("Votants", ("1", 52.0), top=28.0)]
    d = DeliberationText(seq=1, lines=[Line.synthetic("Objet : Budget"), Line.synthetic("Adoptée.")],
                         session=session, kind="extract")
    got = extract_counts(d)
    assert got["present_count"].evidence.conf == 91.0
    assert got["voters_count"].evidence.conf == 52.0
    assert extract_counts(DeliberationText(seq=1, lines=[Line.synthetic("Présents : 15")], kind="extract")
                          )["present_count"].evidence.conf is None  # a text layer


def test_a_one_ocr_read_as_an_exclamation_mark_after_a_count_label():
    got = _counts([_ocr_line("Membres", "en", "exercice", ":", "24", top=0.0),
                   _ocr_line("Représentés", ":", ("!", 80.0), top=14.0), _ocr_line("Votants", ":", "20", top=28.0)])
    assert got["represented_count"] == 1


def test_several_readings_one_digit_away_repair_nothing():
    # 38 votants for 40 in office and 20 present: 18, 28, 30..37, 39 would all fit
    got = _counts([_ocr_line("Membres", "en", "exercice", ":", "40", top=0.0),
                   _ocr_line("Présents", ":", "20", top=14.0),
                   _ocr_line("Votants", ("98", 60.0), top=28.0)])
    assert got.get("voters_count") == 98


def _roll(n_present: int, n_absent: int) -> list[Line]:
    present = ", ".join(f"Nom{chr(65 + i)} PRENOM{chr(65 + i)}" for i in range(n_present))
    absent = " et ".join(f"Absent{chr(65 + i)} ABSENT{chr(65 + i)}" for i in range(n_absent))
    return [Line.synthetic(f"Présents : {present}", top=60.0), Line.synthetic(f"Absents : {absent}", top=72.0)]


@pytest.mark.parametrize("figure, conf, expected", [
    ("2", 32.0, 23),  # a digit lost in the cell: the roll of 23 members confirms "23"
    ("2", 96.0, 2),  # a sure reading stays, anomaly and all, for the validators
])
def test_fewer_members_than_present_read_unsure_is_repaired_by_the_roll(figure, conf, expected):
    session = [_ocr_line("Membres", "en", "exercice", (figure, conf), top=0.0),
               _ocr_line("Présents", "20", top=14.0), _ocr_line("Votants", "20", top=28.0)] + _roll(20, 3)
    assert _counts(session).get("members_in_office") == expected


def test_fewer_members_than_present_without_a_roll_that_fits_is_unknown():
    session = [_ocr_line("Membres", "en", "exercice", ("2", 32.0), top=0.0),
               _ocr_line("Présents", "20", top=14.0), _ocr_line("Votants", "20", top=28.0)] + _roll(20, 20)
    assert "members_in_office" not in _counts(session)


@pytest.mark.parametrize("figure, conf, expected", [
    ("2", 38.0, 23),  # "Votants 2" for 23: a digit lost in the cell, the present and represented give it back
    ("2", 96.0, 2),  # a sure reading stays, anomaly and all, for the validators
    ("22", 38.0, 22),  # as many digits as the sum: a misprint or a member not voting, not a lost digit
    ("4", 38.0, 4),  # no digit put back makes 23
])
def test_fewer_votants_than_present_read_unsure_is_the_present_plus_the_represented(figure, conf, expected):
    session = [_ocr_line("Membres", "en", "exercice", "23", top=0.0), _ocr_line("Présents", "21", top=14.0),
               _ocr_line("Représentés", "2", top=28.0), _ocr_line("Votants", (figure, conf), top=42.0)]
    assert _counts(session).get("voters_count") == expected


# --------------------------------------------------------------------------- votes beside a side box
def _w(text, x0, top):
    return Word(text, 1, x0, top, x0 + 5.5 * len(text), top + 9.0)


def _row(left: str, right: str, top: float) -> Line:
    words = [_w(t, 40 + 30 * i, top) for i, t in enumerate(left.split())] if left else []
    x = 180.0
    for t in right.split():
        words.append(_w(t, x, top))
        x += 5.5 * len(t) + 3.0
    return Line.from_words(words)


def test_a_vote_label_cut_by_a_side_box_is_read_in_its_column():
    item = [Line.synthetic("4. Modification des statuts"),
            _row("votants : 10", "présente délibération au syndicat.", 100.0),
            _row("Date de convocation :", "Vote : Pour : 7 – Contre : 2 – Abstention : 0 – Ne", 112.0),
            _row("06/06/2019", "prend pas part au vote : 1 (M. MARTIN)", 124.0),
            _row("", "La proposition est adoptée.", 136.0)]
    got = _counts([], item)
    assert (got["votes_for"], got["votes_against"], got["abstentions"], got.get("not_voting")) == (7, 2, 0, 1)


@pytest.mark.parametrize("session, authority", [
    # one letterhead word garbled into a short one, or a speck word added: the preamble's print wins
    ("SYNDICAT INTERCOMMUNAL À VOCATION JE FRANÇAISE\nDE CHAMPLIEU-LE-LAC\nSéance du 25 avril 2024\n"
     "L'an deux mille vingt-quatre, le Comité syndical du\nSyndicat intercommunal à vocation scolaire de Champlieu-le-Lac, "
     "dûment convoqué le 13 avril.", "Syndicat intercommunal à vocation scolaire de Champlieu-le-Lac"),
    ("SYNDICAT INTERCOMMUNAL À VOCATION RÉPUBLIQUE FRANÇAISE\nË SCOLAIRE DE FONTENOY\nSéance du 18 juin 2025\n"
     "Le mercredi 18 juin 2025 à 14h, le Comité syndical du Syndicat intercommunal\nà vocation scolaire de Fontenoy, "
     "convoqué légalement, s'est réuni.", "Syndicat intercommunal à vocation scolaire de Fontenoy"),
])
def test_a_letterhead_word_garbled_by_ocr_gives_way_to_the_preamble(session, authority):
    assert authority_of(session) == authority


def test_count_figures_misread_as_letters_and_a_count_beside_a_vote():
    got = _counts([_ocr_line("présents", ":", ("LS", 39.0), top=0.0), _ocr_line("votants", ":", "19", top=14.0)])
    assert got["present_count"] == 15
    d = DeliberationText.from_text(
        "1. Objet\nprésents : 19 Le Conseil municipal, après en avoir délibéré, (Pour : 16 - Contre : 2 (Solène, Karim) -\n"
        "votants : 20 Abstentions : 2 (Catherine, Hélène)),\nDÉCIDE d'admettre", session_text="Séance du 3 mars 2021",
        kind="minutes")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert (got["voters_count"], got["abstentions"]) == (20, 2)
