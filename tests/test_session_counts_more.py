"""Session facts and counts on documents nobody had seen: an article of a code wrapped to the
start of a line is no act number, an item number read "3," by a scan, a label repeated after a
heading naming it, a speck between a heading's two lines, the end of the State's mark a stamp left
in a letterhead, accents the preamble prints and the capitals lost, two rows of a box read as one
line, a vote label OCR could not read. French snippets in, records out."""
import pytest

from extractors.authority import authority_in
from extractors.counts import extract_count_fields, extract_counts
from extractors.joined import letterhead_blocks, unstack_rows
from extractors.session import extract_session
from pipeline.model import DeliberationText, Line, Word


def session_of(session_text: str, item_text: str = "Objet : Tarifs\nLe Conseil approuve.", kind: str = "extract") -> dict:
    d = DeliberationText.from_text(item_text, session_text=session_text, kind=kind)
    return {k: v.value for k, v in extract_session(d).items()}


def ocr_line(words: list[tuple[str, float, float, float, float]], conf: float = 93.0) -> Line:
    """A line as tesseract gives it: (text, x0, top, x1, bottom) per word."""
    return Line.from_words([Word(t, 1, x0, top, x1, bottom, conf=conf, from_ocr=True) for t, x0, top, x1, bottom in words])


# --------------------------------------------------------------------------- act number
@pytest.mark.parametrize("preamble, expected", [
    # the article's number opens the line after "article L." (a wrapped citation of the CGCT)
    ("Séance du 16 février 2024\nLe quorum n’ayant pas été atteint, le Conseil a été à nouveau convoqué. Conformément à l’article L.\n"
     "2121-17 du CGCT, il délibère valablement sans condition de quorum.\nMembres présents : Jean DUPONT\n"
     "Délibération n° DEL-2024-014", "DEL-2024-014"),
    ("Séance du 23 février 2021\nEn raison de l'urgence, le délai de convocation a été abrégé par le Maire (article L.\n"
     "2121-11 du CGCT), le Conseil se prononçant sur l'urgence.\nMembres présents : Jean DUPONT", None),
    ("Séance du 2 mai 2023\nVu les articles\n2122-22 et L.2122-23 du code général des collectivités territoriales,\nPrésents : Jean DUPONT", None),
    # a number alone above the subject is still the act's
    ("Séance du 2 mai 2023\nPrésents : Jean DUPONT\nDCM 2023-046", "DCM 2023-046"),
    ("Séance du 2 mai 2023\n2023-046 Tarifs de la cantine\nPrésents : Jean DUPONT", "2023-046"),
])
def test_code_article_is_no_act_number(preamble, expected):
    assert session_of(preamble).get("act_number") == expected


# --------------------------------------------------------------------------- subject
@pytest.mark.parametrize("heading, expected", [
    ("3, ATTRIBUTION D'UNE SUBVENTION EXCEPTIONNELLE À L'ASSOCIATION LA BOULE", "ATTRIBUTION D'UNE SUBVENTION EXCEPTIONNELLE À L'ASSOCIATION LA BOULE"),
    ("12, Tarifs de la cantine scolaire", "Tarifs de la cantine scolaire"),
    ("3. Tarifs de la cantine scolaire", "Tarifs de la cantine scolaire"),
    # a comma after a figure inside the subject stays
    ("Vente des lots 3, 4 et 5 du lotissement", "Vente des lots 3, 4 et 5 du lotissement"),
])
def test_item_number_read_with_a_comma(heading, expected):
    d = DeliberationText.from_text(heading + "\nLe Conseil municipal, après en avoir délibéré, approuve.", kind="minutes")
    assert extract_session(d)["subject"].value == expected


def test_speck_between_a_heading_and_its_second_line():
    head = ocr_line([("CC-2023-050", 55, 494, 129, 504), ("-", 133, 494, 137, 504), ("Adhésion", 142, 494, 195, 504),
                     ("au", 199, 494, 212, 504), ("service", 217, 494, 258, 504), ("commun", 262, 494, 311, 504),
                     ("d'instruction", 316, 494, 390, 504), ("des", 394, 494, 414, 504), ("autorisations", 418, 494, 495, 504)])
    speck = ocr_line([("=", 505, 503.5, 513, 505.7)], conf=34.0)
    tail = ocr_line([("d'urbanisme", 55, 509, 128, 518)])
    body = Line.synthetic("Vu le Code général des collectivités territoriales ;", top=530)
    d = DeliberationText(seq=1, lines=[head, speck, tail, body], kind="minutes")
    assert extract_session(d)["subject"].value == "Adhésion au service commun d'instruction des autorisations d'urbanisme"


def test_a_speck_line_of_the_text_layer_is_kept_as_printed():
    d = DeliberationText.from_text("Tarifs de la cantine\n=\nscolaire 2024\nLe Conseil approuve.", kind="minutes")
    assert extract_session(d)["subject"].value == "Tarifs de la cantine"


# --------------------------------------------------------------------------- secretary
@pytest.mark.parametrize("preamble, expected", [
    ("Désignation du secrétaire de séance\n: Secrétaire de séance : Mme DUMONT Monique (adopté à l'unanimité)", "DUMONT Monique"),
    ("Désignation du secrétaire de séance :\nSecrétaire de séance : M. Paul MARTIN", "Paul MARTIN"),
    ("Secrétaire de séance : Mme Claire BRUN", "Claire BRUN"),
])
def test_secretary_label_repeated_after_its_heading(preamble, expected):
    assert session_of("Séance du 28 avril 2021\n" + preamble).get("secretary") == expected


# --------------------------------------------------------------------------- authority
def test_end_of_the_state_mark_left_by_a_stamp_is_no_name():
    lines = [Line.synthetic("COMMUNAUTÉ D'AGGLOMÉRATION DE ANÇAISE"), Line.synthetic("MONTCŒUR-LE-CHÂTEAU REÇU LE", top=12)]
    assert authority_in(lines, "Conseil communautaire").value == "Communauté d'agglomération de Montcœur-le-Château"


@pytest.mark.parametrize("text, kept", [
    ("COMMUNE DE FONTENOY UE FRANÇAISE", "COMMUNE DE FONTENOY"),
    ("COMMUNE DE FONTENOY RÉPUBLIQUE FRANÇAISE", "COMMUNE DE FONTENOY"),
    ("COMMUNE DE FONTENOY RANÇAISE", "COMMUNE DE FONTENOY"),
    ("COMMUNE DE FRANCOURT", "COMMUNE DE FRANCOURT"),
])
def test_letterhead_blocks_drop_pieces_of_the_state_mark(text, kept):
    assert " ".join(l.text for l in letterhead_blocks([Line.synthetic(text)])) == kept


def test_accents_the_preamble_prints_and_the_capitals_lost():
    session = ("COMMUNAUTÉ D'AGGLOMÉRATION DE\nPUYBRUN-LA-FORET\nSéance du 8 octobre 2021\n"
               "L'an deux mille vingt et un, le huit octobre, le Conseil communautaire de la\n"
               "Communauté d'agglomération de Puybrun-la-Forêt, convoqué légalement, s'est réuni.")
    assert session_of(session)["authority"] == "Communauté d'agglomération de Puybrun-la-Forêt"


def test_letterhead_name_kept_when_the_preamble_prints_no_more_accents():
    session = ("COMMUNE DE BELLERIVE\nSéance du 8 octobre 2021\n"
               "L'an deux mille vingt et un, le huit octobre, le Conseil municipal de la commune de Bellerive, convoqué.")
    assert session_of(session)["authority"] == "Commune de Bellerive"


# --------------------------------------------------------------------------- stacked rows of a box
def _stacked_box() -> Line:
    # "en exercice : 19" over "présents : 17", a colon drawn tall across both rows
    return ocr_line([("en", 39.8, 237.4, 47.3, 242.4), ("présents", 39.8, 247.2, 67.9, 254.6), ("exercice", 49.9, 236.6, 77.3, 242.3),
                     (":", 69.6, 238.6, 72.5, 255.4), ("17", 75.1, 247.4, 82.8, 253.0), (":", 80.4, 237.4, 81.4, 242.3),
                     ("19", 85.0, 236.6, 92.4, 242.4)])


def test_two_rows_of_a_box_read_as_one_line_are_read_apart():
    assert [l.text for l in unstack_rows([_stacked_box()])] == ["en exercice : 19", "présents : 17"]


def test_box_rows_give_their_counts():
    d = DeliberationText(seq=1, lines=[Line.synthetic("Objet : Tarifs", top=400)],
                         session=[ocr_line([("Nombre", 39.8, 226, 65, 232), ("de", 67, 226, 74, 232), ("membres", 76, 226, 100, 232)]),
                                  _stacked_box()])
    counts = {k: v.value for k, v in extract_count_fields(d).items()}
    assert counts["members_in_office"] == 19 and counts["present_count"] == 17


@pytest.mark.parametrize("line", [
    # a line of the text layer, a skewed line, a label beside a sentence at another height
    Line.from_words([Word(t, 1, x, top, x + 20, top + 8) for t, x, top in [("en", 40, 237), ("présents", 40, 247), ("exercice", 50, 237), ("17", 75, 247)]]),
    ocr_line([("Le", 40, 100, 50, 110), ("Conseil", 52, 101, 80, 111), ("municipal", 82, 102, 120, 112), ("approuve", 122, 103, 160, 113)]),
    ocr_line([("Présents", 40, 100, 70, 108), (":", 71, 100, 73, 108), ("Le", 200, 112, 210, 120), ("Conseil", 212, 112, 240, 120)]),
])
def test_lines_that_are_no_stacked_rows_stay_whole(line):
    assert unstack_rows([line]) == [line]


# --------------------------------------------------------------------------- unreadable vote label
def _vote_item(junk_conf: float) -> DeliberationText:
    vote = ocr_line([("Vote", 56, 724, 85, 733), (":", 86, 724, 88, 733), ("Pour", 90, 724, 119, 733), (":", 120, 724, 122, 733),
                     ("22", 124, 724, 144, 733), ("-", 145, 724, 146, 733), ("Contre", 148, 724, 188, 733), (":", 189, 724, 190, 733),
                     ("3", 193, 724, 199, 733), ("(M.", 203, 724, 219, 733), ("MORIN,", 223, 724, 264, 733), ("Mme", 268, 724, 290, 733),
                     ("BEKE)", 292, 724, 330, 733)])
    junk = Word("béton", 1, 335, 722, 400, 733, conf=junk_conf, from_ocr=True)
    vote = Line.from_words(list(vote.words) + [junk])
    second = ocr_line([("2", 57, 737, 61, 746), ("(M.", 66, 737, 82, 746), ("SANCHEZ,", 87, 737, 149, 746), ("Mme", 153, 737, 178, 746),
                       ("GARCIA)", 182, 737, 227, 746)])
    return DeliberationText(seq=1, lines=[Line.synthetic("2022-058 - Adhésion au service commun", top=700), vote, second,
                                          Line.synthetic("La proposition est adoptée.", top=760)],
                            session=[Line.synthetic("Présents : 23 - Représentés : 4 - Votants : 27")], kind="minutes")


def test_vote_label_ocr_could_not_read_is_the_missing_part_of_the_split():
    counts = {k: v.value for k, v in extract_counts(_vote_item(0.0)).items()}
    assert (counts["votes_for"], counts["votes_against"], counts["abstentions"]) == (22, 3, 2)


def test_a_word_read_with_confidence_is_no_unreadable_label():
    assert "abstentions" not in extract_counts(_vote_item(93.0))


@pytest.mark.parametrize("voters", ["Votants : 26", ""])
def test_unreadable_label_needs_the_votants_it_completes(voters):
    d = _vote_item(0.0)
    d.session = [Line.synthetic("Présents : 23 - Représentés : 4" + (" - " + voters if voters else ""))]
    assert "abstentions" not in extract_counts(d)


def test_word_a_stamp_cut_in_the_letterhead_is_printed_whole_in_the_preamble():
    session = ("SYNDICAT INTERCOMMUNAL À VOCATION SC\nDE NEUVY\nSéance du 9 novembre 2023\n"
               "L'an deux mille vingt-trois, le neuf novembre, le Comité syndical\n"
               "du Syndicat intercommunal à vocation scolaire de Neuvy, dûment convoqué.")
    assert session_of(session)["authority"] == "Syndicat intercommunal à vocation scolaire de Neuvy"


def test_a_line_opening_on_novembre_is_no_act_number_label():
    from extractors.session import _ACT_LABELLED
    assert _ACT_LABELLED.search("novembre 2019. Conformément à l'article L. 2121-17") is None
    assert _ACT_LABELLED.search("no 2019-116").group("num") == "2019-116"


def test_a_secretary_designated_with_a_been_read_with_an_accent_by_ocr():
    from extractors.session import extract_session
    d = DeliberationText.from_text("1. Budget\nAdopté à l'unanimité.", kind="minutes", session_text=(
        "Séance du 3 mars 2023\nMonsieur Karim PONCHET-PASSEMARD à été désigné secrétaire de séance."))
    assert extract_session(d)["secretary"].value == "Karim PONCHET-PASSEMARD"
