"""Session facts and counts as registers of every size and decade print them: combined counts
("Présents ou représentés"), seats allotted against members in office, a row of labels over a row
of figures, a place after the day and hour, the secretary "pour remplir les fonctions", a president
named after the title, a département named by its council. French snippets in, records out."""
import pytest

from extractors.authority import authority_in, body_in
from extractors.counts import extract_count_fields, extract_counts
from extractors.joined import pair_header_rows
from extractors.session import extract_session
from pipeline.model import DeliberationText, Line, Word

SESSION = "Séance du 3 mars 2024"


def counts_of(session_text: str, item_text: str = "Le Conseil, à l'unanimité, approuve.") -> dict:
    d = DeliberationText.from_text(item_text, session_text=session_text, kind="extract")
    return {k: v.value for k, v in extract_counts(d).items()}


def session_of(session_text: str, item_text: str = "Objet : Tarifs\nLe Conseil approuve.", kind: str = "extract") -> dict:
    d = DeliberationText.from_text(item_text, session_text=session_text, kind=kind)
    return {k: v.value for k, v in extract_session(d).items()}


# --------------------------------------------------------------------------- combined counts
@pytest.mark.parametrize("box, expected", [
    # present and represented together fill neither count
    ("Membres en exercice : 34\nPrésents ou représentés : 30", {"members_in_office": 34}),
    ("Nombre de membres présents et représentés : 16", {}),
    ("En exercice : 19 - Présents + représentés : 17", {"members_in_office": 19}),
    ("17 membres présents ou représentés", {}),
    # a separate count beside it is still read
    ("Présents : 12\nPrésents ou représentés : 14", {"present_count": 12}),
    # "Présents : 24 + 3 pouvoirs": the proxies after a plus sign
    ("Présents : 24 + 3 pouvoirs\nVotants : 27", {"present_count": 24, "represented_count": 3, "voters_count": 27}),
    ("Présents : 12 + 2 procurations", {"present_count": 12, "represented_count": 2}),
    ("Nombre de votants : 14 dont 2 pouvoirs", {"voters_count": 14, "represented_count": 2}),
    # the absent without a proxy are no represented count
    ("Présents : 11 - Absents représentés : 2 - Absents non représentés : 3", {"present_count": 11, "represented_count": 2}),
    ("Présents : 11\nExcusés non représentés : 1", {"present_count": 11}),
])
def test_combined_present_and_represented(box, expected):
    got = counts_of(SESSION + "\n" + box)
    keys = ("members_in_office", "present_count", "represented_count", "voters_count")
    assert {k: got[k] for k in keys if k in got} == expected


# --------------------------------------------------------------------------- seats and members in office
@pytest.mark.parametrize("box, members", [
    # the seats the law allots differ from the members in office when a seat is vacant
    ("Nombre de membres afférents au Conseil municipal : 23\nNombre de membres en exercice : 22", 22),
    ("Nombre de conseillers : afférents au conseil : 11 - en exercice : 11 - qui ont pris part au vote : 10", 11),
    # alone, the seats stand for the members in office
    ("Membres afférents au conseil : 15\nPrésents : 12", 15),
    ("Effectif légal : 15\nPrésents : 11", 15),
    ("Nombre de membres composant le conseil : 19\nNombre de membres en exercice : 18", 18),
    # Alsace-Moselle registers
    ("Nombre des membres du Conseil municipal élus : 11\nConseillers en fonction : 10\nConseillers présents : 8", 10),
])
def test_members_in_office_before_seats(box, members):
    assert counts_of(SESSION + "\n" + box)["members_in_office"] == members


# --------------------------------------------------------------------------- a row of labels over figures
def _row(cells: list[tuple[float, str]], top: float) -> Line:
    words = []
    for x, text in cells:
        for tok in text.split(" "):
            w = 5.0 * len(tok)
            words.append(Word(tok, 1, x, top, x + w, top + 10.0))
            x += w + 3.0
    return Line.from_words(words)


def test_header_row_over_figures():
    header = _row([(50, "Membres en exercice"), (200, "Présents"), (290, "Votants"), (360, "Pour"), (430, "Contre")], 100)
    values = _row([(50, "23"), (200, "18"), (290, "21"), (360, "21"), (430, "0")], 114)
    lines = pair_header_rows([header, values])
    assert [l.text for l in lines] == ["Membres en exercice : 23", "Présents : 18", "Votants : 21", "Pour : 21", "Contre : 0"]
    d = DeliberationText(seq=1, lines=[Line.synthetic("Le Conseil approuve.", top=300)], session=[header, values], kind="extract")
    assert {k: v.value for k, v in extract_count_fields(d).items()} == {"members_in_office": 23, "present_count": 18, "voters_count": 21}


def test_header_row_needs_labels_and_figures():
    prose = _row([(50, "Le Conseil"), (200, "approuve")], 100)
    values = _row([(50, "23"), (200, "18")], 114)
    assert pair_header_rows([prose, values]) == [prose, values]
    header = _row([(50, "Présents"), (200, "Votants")], 100)
    text = _row([(50, "vingt"), (200, "18")], 114)
    assert pair_header_rows([header, text]) == [header, text]


# --------------------------------------------------------------------------- suffrages exprimés
def test_expressed_votes_in_a_box_are_no_election():
    got = counts_of(SESSION + "\nVotants : 27\nSuffrages exprimés : 25\nPour : 25\nContre : 0\nAbstentions : 2",
                    "Objet : Marché\nAprès en avoir délibéré, le Conseil DÉCIDE d'attribuer le marché.")
    assert got["outcome"] == "adopted" and got["votes_for"] == 25


@pytest.mark.parametrize("item", [
    "Nombre de bulletins : 23\nSuffrages exprimés : 23\nM. Paul DURAND : 23 voix\nM. DURAND est proclamé élu.",
    "Suffrages exprimés : 15\nMajorité absolue : 8\nA obtenu : Mme Anne PETIT : 15 voix",
])
def test_an_election_has_no_outcome(item):
    d = DeliberationText.from_text(item, session_text=SESSION, kind="minutes")
    assert "outcome" not in extract_counts(d)


def test_secretary_elected_is_no_election():
    d = DeliberationText.from_text("M. Pierre OGER a été élu secrétaire de séance.\nLe Conseil, par 12 voix pour et 3 voix contre, approuve.",
                                   session_text=SESSION, kind="minutes")
    assert extract_counts(d)["outcome"].value == "adopted"


# --------------------------------------------------------------------------- place
@pytest.mark.parametrize("preamble, place", [
    # the day and the hour between the verb and the place
    ("La Commission permanente, régulièrement convoquée le 8 novembre 2023, s'est réunie le 17 novembre 2023 "
     "à l'Hôtel du Département à Chaumont, sous la présidence de M. Nicolas LACROIX.", "Hôtel du Département à Chaumont"),
    ("Le Conseil municipal s'est réuni le jeudi 4 avril 2024 à 18h30 en la salle du conseil, sous la présidence de Mme Anne PETIT.",
     "salle du conseil"),
    ("Le Conseil municipal s'est réuni le jeudi 28 septembre 2023 à 19 heures, à l'Hôtel de Ville, salle des mariages.", "Hôtel de Ville"),
    ("Le Comité s'est réuni le 5 juillet 2016 à 14 h 30 à la Maison de l'eau à Clisson, sous la présidence de M. Gérard BARON.",
     "Maison de l'eau à Clisson"),
    ("Le conseil s'est réuni le quatorze avril à vingt heures précises à la salle polyvalente.", "salle polyvalente"),
    # the manner after the place ends it
    ("Le Conseil Municipal légalement convoqué, s'est réuni à la Mairie en séance publique sous la présidence de M. Yves LE GALL.", "Mairie"),
    # older wording, and a meeting held remotely
    ("Le Conseil Municipal, convoqué le sept novembre, s'est assemblé au lieu ordinaire de ses séances sous la présidence de M. LECOQ.",
     "lieu ordinaire de ses séances"),
    ("Le Conseil communautaire s'est réuni le jeudi 7 octobre 2021 à 18 h 30 en visioconférence, sous la présidence de M. Paul FABRE.",
     "visioconférence"),
    # the hour or a reason after the place ends it; "en mairie", "en l'Hôtel de Ville"
    ("Le Conseil municipal s'est réuni en séance ordinaire à la mairie à dix-neuf heures trente sous la présidence de M. Yannig ROBIN.",
     "mairie"),
    ("Le Conseil s'est réuni à la salle des fêtes en raison de la crise sanitaire, sous la présidence de M. Pierre AUBIER.",
     "salle des fêtes"),
    ("Le Conseil Municipal, dûment convoqué le 27 janvier 2022, s'est réuni le 3 février 2022 à 20h, en mairie, sous la présidence de M. Paul MARTIN.",
     "mairie"),
    ("Le Conseil Municipal, légalement convoqué, s'est réuni en l'Hôtel de Ville, salle du conseil, sous la présidence de M. Paul HENRY.",
     "Hôtel de Ville"),
])
def test_place(preamble, place):
    assert session_of(SESSION + "\n" + preamble)["place"] == place


def test_a_commission_that_met_before_gives_no_place():
    got = session_of(SESSION + "\nLe Conseil municipal s'est réuni en séance publique, sous la présidence de Mme Anne PETIT.",
                     "Objet : Voirie\nLa commission des travaux, réunie le 3 février 2024 à la mairie, a examiné les offres.")
    assert "place" not in got


def test_the_assembly_invited_to_vote_is_no_place():
    got = session_of(SESSION + "\nLe Conseil municipal s'est réuni en séance publique, sous la présidence de Mme Anne PETIT.",
                     "Objet : Voirie\nMadame la Maire invite l'assemblée à se prononcer.")
    assert "place" not in got


# --------------------------------------------------------------------------- secretary
@pytest.mark.parametrize("line, secretary", [
    ("Mme Lucie BARRE est désignée pour remplir les fonctions de secrétaire.", "Lucie BARRE"),
    ("M. Jean MARTIN a été désigné pour remplir les fonctions de secrétaire de séance.", "Jean MARTIN"),
    ("Secrétaire de séance élue : Mme Hélène CHAPUIS.", "Hélène CHAPUIS"),
    ("Le Conseil municipal a choisi pour secrétaire M. Joseph WEBER.", "Joseph WEBER"),
    ("Le Conseil désigne Mme Anne PETIT comme secrétaire de séance.", "Anne PETIT"),
    ("M. Jean MAZAUD a été élu secrétaire.", "Jean MAZAUD"),
    ("Il a été procédé, conformément à l'article L.2121-15 du CGCT, à l'élection d'un secrétaire pris au sein du conseil : "
     "Mme Anne PETIT a été désignée pour remplir ces fonctions qu'elle a acceptées.", "Anne PETIT"),
    ("Il a été procédé à l'élection d'un secrétaire pris dans le sein du conseil ; M. Jean MAZAUD, ayant obtenu la majorité "
     "des suffrages, a été désigné pour remplir ces fonctions.", "Jean MAZAUD"),
    ("sous la présidence de Mme Claire ROUX, Présidente, assistée de Mme Anne PETIT, secrétaire de séance.", "Anne PETIT"),
])
def test_secretary(line, secretary):
    assert session_of(SESSION + "\nPrésents : M. Jean MAZAUD, Mme Anne PETIT.\n" + line)["secretary"] == secretary


# --------------------------------------------------------------------------- president
@pytest.mark.parametrize("line, president", [
    ("Le Conseil s'est réuni en session ordinaire, à la Mairie, sous la présidence de Monsieur le Maire, Sylvain LEFORT.", "Sylvain LEFORT"),
    ("Le Comité s'est réuni à Clisson, sous la présidence de Monsieur le Président, M. Gérard BARON.", "Gérard BARON"),
    ("Présidence : M. Valentin BELLEVAL, Maire.", "Valentin BELLEVAL"),
    ("Président de séance : Mme Claire ROUX", "Claire ROUX"),
    ("sous la présidence de Mme Sylvie GAUTHIER, première adjointe, en l'absence du Maire empêché.", "Sylvie GAUTHIER"),
])
def test_president(line, president):
    assert session_of(SESSION + "\n" + line)["president"] == president


# --------------------------------------------------------------------------- act number
@pytest.mark.parametrize("session_tail, item, act, subject", [
    # a spaced dash ends the number: the subject follows
    ("", "N° 2005-24 - Budget primitif 2006\nLe Comité adopte.", "2005-24", "Budget primitif 2006"),
    ("", "Délibération n° 2019-139 - Tarifs de la cantine\nLe Conseil approuve.", "2019-139", "Tarifs de la cantine"),
    # a number alone on the line above the "Objet :" line, after the attendance list
    ("Secrétaire de séance : Mme Valérie HUET.\nDCM 2017-046", "OBJET : Fixation du prix de vente des lots\nLe Conseil fixe le prix.",
     "DCM 2017-046", "Fixation du prix de vente des lots"),
])
def test_act_number_and_subject(session_tail, item, act, subject):
    got = session_of(SESSION + "\nPrésents : M. Jean MARTIN.\n" + session_tail if session_tail else SESSION, item,
                     kind="extract" if session_tail else "minutes")
    assert (got.get("act_number"), got.get("subject")) == (act, subject)


def test_a_number_alone_above_a_heading_is_not_taken_without_objet():
    got = session_of(SESSION + "\nPrésents : M. Jean MARTIN.\n2017-046", "Tarifs de la cantine\nLe Conseil fixe le prix.")
    assert "act_number" not in got


# --------------------------------------------------------------------------- département named by its council
@pytest.mark.parametrize("head, authority, body", [
    ("CONSEIL DÉPARTEMENTAL DE LA GIRONDE\nASSEMBLÉE PLÉNIÈRE\nSéance du lundi 18 décembre 2023",
     "Département de la Gironde", "Conseil départemental"),
    ("CONSEIL GÉNÉRAL DU JURA\nSéance du 12 mars 2004", "Département du Jura", "Conseil général"),
    ("DÉPARTEMENT DE LA HAUTE-MARNE\nCONSEIL DÉPARTEMENTAL\nCOMMISSION PERMANENTE", "Département de la Haute-Marne",
     "Commission permanente"),
])
def test_departement_named_by_its_council(head, authority, body):
    lines = [Line.synthetic(t, top=20.0 * i) for i, t in enumerate(head.split("\n"))]
    found_body = body_in(lines)
    assert found_body.value == body
    assert authority_in(lines, found_body.value).value == authority


def test_a_communes_letterhead_keeps_its_commune():
    lines = [Line.synthetic("COMMUNE DE SAINT-PARDOUX"), Line.synthetic("CONSEIL MUNICIPAL", top=20)]
    assert authority_in(lines, body_in(lines).value).value == "Commune de Saint-Pardoux"


# --------------------------------------------------------------------------- session date and hour
def test_session_date_after_reuni_le():
    got = session_of("Commune de Saint-Julien\nLe Conseil Municipal, dûment convoqué le 27 janvier 2022, s'est réuni le "
                     "3 février 2022 à 20h, en mairie, sous la présidence de M. Paul MARTIN, Maire.")
    assert (str(got["session_date"]), got["session_time"], str(got["convocation_date"])) == ("2022-02-03", "20:00", "2022-01-27")


@pytest.mark.parametrize("title, hhmm", [
    ("SÉANCE ORDINAIRE DU CONSEIL MUNICIPAL DU LUNDI 3 FÉVRIER 2020 - 20 H 00", "20:00"),
    ("Réunion du Comité syndical du 5 juillet 2016, 14h30", "14:30"),
])
def test_hour_after_a_titles_date(title, hhmm):
    assert session_of(title + "\nPrésents : M. Paul MARTIN.")["session_time"] == hhmm


def test_an_hour_after_a_date_in_the_body_is_not_the_sittings():
    got = session_of("Séance du 3 mars 2024\nLa séance est levée le 3 mars 2024 à 23h00.")
    assert "session_time" not in got


def test_a_departement_named_before_the_preamble_is_no_departure():
    got = session_of("Département de la Haute-Saône Département : 70\nLe 20 novembre 2024, à 18 heures 30, le Conseil municipal s'est réuni.")
    assert got["session_time"] == "18:30"


def test_a_syndicats_acronym_keeps_its_capitals():
    lines = [Line.synthetic("SIVOM DE LA RÉGION DE MARCKOLSHEIM"), Line.synthetic("EXTRAIT DU PROCÈS-VERBAL DU COMITÉ DIRECTEUR", top=20)]
    assert body_in(lines).value == "Comité directeur"
    assert authority_in(lines, "Comité directeur").value == "SIVOM de la Région de Marckolsheim"


# --------------------------------------------------------------------------- a form's labels
def test_date_and_place_labels():
    got = session_of("COMMUNE DE CHAMPAGNAC\nCompte rendu de la réunion du Conseil municipal\nHeure de début : 20h30\n"
                     "Date : vendredi 8 septembre 2023\nLieu : salle du conseil municipal\nDate de convocation : 1er septembre 2023",
                     kind="minutes")
    assert (str(got["session_date"]), got["place"], str(got["convocation_date"])) == ("2023-09-08", "salle du conseil municipal", "2023-09-01")


def test_minutes_take_their_body_from_the_sitting_not_from_a_body_an_item_mentions():
    """The preamble wraps the body's name ("le Conseil" / "communautaire de la Communauté …");
    an item's text names another body ("Le comité syndical a approuvé …")."""
    session = ("COMPTE RENDU DE LA SÉANCE\nSéance du 16 mai 2025\n"
               "L’an deux mille vingt-cinq, le seize mai à dix-huit heures trente, le Conseil\n"
               "communautaire de la Communauté de communes du Pays de Fontenoy, convoqué en urgence.")
    d = DeliberationText.from_text(
        "Délibération n°CC-2025-080 : MODIFICATION DES STATUTS DU SYNDICAT\nINTERCOMMUNAL D’EAU POTABLE\n"
        "Le comité syndical a approuvé une modification de ses statuts, soumise à l’avis des membres.\n"
        "Le Conseil communautaire, après en avoir délibéré,", session_text=session, kind="minutes")
    assert extract_session(d)["body"].value == "Conseil communautaire"
