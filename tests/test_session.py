"""Session facts: French preambles and headings in, values out."""
import datetime as dt

import pytest

from extractors.dates import find_dates, parse_date_fr, parse_time_fr
from extractors.session import extract_session, fill_document_constants, place_name_case
from extractors.joined import letterhead_blocks
from pipeline.model import DeliberationText, Line, Word


def session_of(session_text: str, item_text: str = "1. Objet quelconque\nTexte.", kind: str = "minutes", before: str = ""):
    d = DeliberationText.from_text(item_text, session_text=session_text, before_text=before, kind=kind)
    return {k: v.value for k, v in extract_session(d).items()}


# --------------------------------------------------------------------------- dates and times
@pytest.mark.parametrize("text, expected", [
    ("Séance du 12 mars 2024", dt.date(2024, 3, 12)),
    ("Conseil Municipal du 07/07/2025", dt.date(2025, 7, 7)),
    ("L'an deux mille vingt-cinq, le vingt-deux mai à vingt heures", dt.date(2025, 5, 22)),
    ("Le vingt deux mai deux mille vingt cinq à 20 heures 00", dt.date(2025, 5, 22)),
    ("CR du conseil municipal 05 novembre 2021", dt.date(2021, 11, 5)),
    ("L’an deux mil dix neuf, le neuf septembre", dt.date(2019, 9, 9)),
    ("Séance du lundi 19 février 2024", dt.date(2024, 2, 19)),
    ("le premier juillet deux mille vingt", dt.date(2020, 7, 1)),
    ("SEANCE DU 9 SEPTEMBRE 2019", dt.date(2019, 9, 9)),
    ("il octobre 2021", dt.date(2021, 10, 11)),  # OCR of "11 octobre"
    ("le 3 decembre 2023", dt.date(2023, 12, 3)),
    ("Date de la convocation : ler n mai 2019", dt.date(2019, 5, 1)),  # OCR of a superscript "1er"
    ("dûment convoqué le 23 :\njanvier 2019", dt.date(2019, 1, 23)),  # a speck after a day ending its line
])
def test_parse_date_fr(text, expected):
    assert parse_date_fr(text) == expected


def test_a_date_without_year_takes_the_default_year():
    assert parse_date_fr("dûment convoqué le 1er juillet", default_year=2025) == dt.date(2025, 7, 1)
    assert parse_date_fr("dûment convoqué le 1er juillet") is None


def test_act_numbers_are_not_dates():
    assert find_dates("2019-09-01 MODIFICATION DES STATUTS") == []


@pytest.mark.parametrize("text, expected", [
    ("à 19h", "19:00"), ("19h00", "19:00"), ("18H30", "18:30"), ("à 20 heures 00", "20:00"),
    ("à vingt heures trente", "20:30"), ("à dix-huit heures trente", "18:30"), ("à 20 heures et demie", "20:30"),
    ("35 heures par semaine", None), ("le 12 mars", None),
])
def test_parse_time_fr(text, expected):
    assert parse_time_fr(text) == expected


# --------------------------------------------------------------------------- preambles
SEED = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
Le vingt deux mai deux mille vingt cinq à 20 heures 00, le Conseil communautaire, dûment convoqué, s'est réuni en session ordinaire à Murat, sous la présidence de Monsieur Didier ACHALME, Président de Hautes Terres Communauté.
Étaient présents :
Didier ACHALME, Claire ANDRIEUX-JANNETTA, Djuwan ARMANDET
Date et affichage de la convocation : 15 mai 2025
Secrétaire de séance : Djuwan ARMANDET
Membres en exercice : 60
Objet : Validation de l'annexe opérationnelle et financière à la convention d'objectifs
et de moyens pour l'exercice 2025
Vu le Code général des collectivités territoriales ;"""


def test_extract_preamble_in_prose_with_date_in_words():
    got = session_of(SEED, item_text="Le Conseil communautaire,\nAprès en avoir délibéré, DÉCIDE :", kind="extract")
    assert got["authority"] == "Hautes Terres Communauté"
    assert got["body"] == "Conseil communautaire"
    assert got["session_date"] == dt.date(2025, 5, 22)
    assert got["session_time"] == "20:00"
    assert got["place"] == "Murat"
    assert got["convocation_date"] == dt.date(2025, 5, 15)
    assert got["president"] == "Didier ACHALME"
    assert got["secretary"] == "Djuwan ARMANDET"
    assert got["subject"] == ("Validation de l'annexe opérationnelle et financière à la convention d'objectifs "
                              "et de moyens pour l'exercice 2025")


PIERREFONDS = """Commune de Pierrefonds
Conseil Municipal du 07/07/2025
L’an deux mille vingt-cinq, le 7 juillet à 19h00, le Conseil Municipal de PIERREFONDS, dûment convoqué le 1er
juillet, s’est réuni dans la salle du conseil en mairie, sous la présidence de Madame Florence
DEMOUY, maire.
Présents : Madame Florence DEMOUY, Madame Karine DUTEIL
Secrétaire : Madame Karine DUTEIL
Le quorum est atteint. Madame le Maire rappelle que chacun a été destinataire du procès-verbal de la séance du
27 mai 2025."""


def test_minutes_preamble_with_year_less_convocation_and_wrapped_name():
    got = session_of(PIERREFONDS, "D2025-027- Objet : Présentation du rapport d’observations définitives de la CRC – ADTO SAO\nexercices 2018 à 2023\nMadame le maire expose.")
    assert got["authority"] == "Commune de Pierrefonds"
    assert got["body"] == "Conseil municipal"
    assert got["session_date"] == dt.date(2025, 7, 7)
    assert got["session_time"] == "19:00"
    assert got["place"] == "salle du conseil en mairie"
    assert got["convocation_date"] == dt.date(2025, 7, 1)
    assert got["president"] == "Florence DEMOUY"
    assert got["secretary"] == "Karine DUTEIL"
    assert got["act_number"] == "D2025-027"
    assert got["subject"] == "Présentation du rapport d’observations définitives de la CRC – ADTO SAO exercices 2018 à 2023"


PREUILLY = """PROCES VERBAL DU CONSEIL MUNICIPAL
DE LA COMMUNE DE PREUILLY SUR CLAISE
Séance du 23 Juillet 2020
Le vingt trois Juillet deux mille vingt par convocation en date du 09 Juillet 2020, le Conseil Municipal
s’est légalement réuni à la Salle des Fêtes de Preuilly Sur Claise en présence de public, sous la
présidence de Monsieur CHARRIER Jean-Paul, Maire.
Présents :
M.CHARRIER Jean-Paul Maire, Mme BOTTEMINE Charlotte
Nombre de Conseillers en exercice : 15- Présents 14 - Votants 14-Le quorum étant atteint
La séance est ouverte à 18H30.
Secrétaire de séance : Mme BOTTEMINE Charlotte."""


def test_capitalised_commune_name_is_written_as_a_french_place_name():
    got = session_of(PREUILLY, "2020- 047 REDEVANCE POUR OCCUPATION DU DOMAINE PUBLIC PAR ORANGE\nA ce jour, les modalités")
    assert got["authority"] == "Commune de Preuilly-sur-Claise"
    assert got["session_date"] == dt.date(2020, 7, 23)
    assert got["session_time"] == "18:30"
    assert got["place"] == "Salle des Fêtes de Preuilly Sur Claise"
    assert got["convocation_date"] == dt.date(2020, 7, 9)
    assert got["president"] == "CHARRIER Jean-Paul"
    assert got["secretary"] == "BOTTEMINE Charlotte"
    assert got["act_number"] == "2020-047"
    assert got["subject"] == "REDEVANCE POUR OCCUPATION DU DOMAINE PUBLIC PAR ORANGE"


@pytest.mark.parametrize("printed, expected", [
    ("PUTANGES-LE-LAC", "Putanges-le-Lac"), ("PREUILLY SUR CLAISE", "Preuilly-sur-Claise"), ("FLAUX", "Flaux"),
    ("LE FRESNE CAMILLY", "Le Fresne-Camilly"), ("SAINT QUENTIN DE BLAVOU", "Saint-Quentin-de-Blavou"),
    ("Preuilly Sur Claise", "Preuilly Sur Claise"), ("Pierrefonds", "Pierrefonds"),
])
def test_place_name_case(printed, expected):
    assert place_name_case(printed) == expected


@pytest.mark.parametrize("title, authority, body", [
    ("COMMUNE DE PUTANGES-LE-LAC\nSEANCE DU 9 SEPTEMBRE 2019", "Commune de Putanges-le-Lac", None),
    ("COMPTE RENDU\ndu CONSEIL MUNICIPAL de la COMMUNE de FLAUX\nSéance du 24 septembre 2021", "Commune de Flaux", "Conseil municipal"),
    ("Conseil Municipal de PIERREFONDS\nSéance du 2 mai 2024", "Commune de Pierrefonds", "Conseil municipal"),
    ("COMMUNAUTÉ DE COMMUNES DU PAYS D'UZÈS\nCOMITÉ SYNDICAL du 3 mars 2024", "Communauté de communes du Pays d'Uzès", "Comité syndical"),
    ("Syndicat mixte du Bassin de la Claise\nRéunion du Comité syndical du 3 mars 2024", "Syndicat mixte du Bassin de la Claise", "Comité syndical"),
    ("DÉPARTEMENT DE LA GIRONDE\nCOMMISSION PERMANENTE\nSéance du 3 mars 2024", "Département de la Gironde", "Commission permanente"),
])
def test_authority_and_body_from_the_title(title, authority, body):
    got = session_of(title)
    assert got.get("authority") == authority
    if body:
        assert got["body"] == body


def test_a_department_named_in_a_commune_header_is_not_the_authority():
    got = session_of("REPUBLIQUE FRANCAISE\nDEPARTEMENT du GARD\nCOMPTE RENDU du CONSEIL MUNICIPAL de la COMMUNE de FLAUX")
    assert got["authority"] == "Commune de Flaux"


@pytest.mark.parametrize("preamble, expected", [
    ("L'an deux mil dix neuf, le neuf septembre à vingt heures trente, les membres du Conseil Municipal de la Commune de\n"
     "PUTANGES-LE-LAC, convoqués le trente août deux mil dix neuf, se sont réunis dans la salle Jean Féron, en l’absence\n"
     "de Monsieur le Maire, sous la Présidence de Monsieur Roger PERRAY, 1er Adjoint au Maire.",
     {"session_date": dt.date(2019, 9, 9), "session_time": "20:30", "convocation_date": dt.date(2019, 8, 30),
      "place": "salle Jean Féron", "president": "Roger PERRAY", "authority": "Commune de Putanges-le-Lac"}),
    ("L'an deux mille vingt et un le quinze octobre à dix-huit heures trente, le Conseil Municipal de\n"
     "la commune, régulièrement convoqué, s’est réuni au nombre prescrit par la loi, dans la salle\n"
     "de réunion de la mairie, sous la présidence de Monsieur Denis JUVIN - Maire\nPrésents : Denis JUVIN",
     {"session_date": dt.date(2021, 10, 15), "session_time": "18:30", "place": "salle de réunion de la mairie",
      "president": "Denis JUVIN"}),
    ("Séance du 3 avril 2024\nLe Conseil, présidé par Mme Anne LE GALL, Maire, s'est réuni à la mairie.",
     {"president": "Anne LE GALL", "place": "mairie"}),
])
def test_prose_preambles(preamble, expected):
    got = session_of(preamble)
    for key, value in expected.items():
        assert got.get(key) == value, key


@pytest.mark.parametrize("box, expected", [
    ("Séance du 24 septembre 2021\nDate de la convocation :\n17 septembre 2521", dt.date(2021, 9, 17)),  # OCR year slip
    ("Séance du 9 Juin 2023\nDate de la\nconvocation :\n06/06/2023\nAffichage le :\n06/06/2023", dt.date(2023, 6, 6)),
    ("Séance du 15 décembre 2023\nDate de convocation : 12/12/2023", dt.date(2023, 12, 12)),
    ("Séance du 15 octobre 2021\nDate de la convocation :\nÂl octobre 2021\nconseil municipal du\n15 octobre 2021", None),
])
def test_convocation_date_in_a_box(box, expected):
    assert session_of(box).get("convocation_date") == expected


def test_the_end_of_the_sitting_is_not_its_time():
    got = session_of("Séance du lundi 19 février 2024\nNelly arrivée à 18H45.",
                     before="L'ordre du jour étant épuisé, la séance est levée à 21h20")
    assert "session_time" not in got


def test_a_previous_session_date_is_not_the_session_date():
    got = session_of("Le quorum est atteint. Madame le Maire rappelle que chacun a été destinataire du procès-verbal de la séance du\n06 octobre 2022.")
    assert "session_date" not in got


def test_an_item_about_another_meeting_keeps_the_session_date():
    got = session_of("Séance du lundi 19 février 2024",
                     "6-Adressage de voies\nMadame Guillouet propose, après avis de la commission réunie le 16 février 2024, la dénomination")
    assert got["session_date"] == dt.date(2024, 2, 19)
    assert "place" not in got


# --------------------------------------------------------------------------- secretary
@pytest.mark.parametrize("text, expected", [
    ("Secrétaire de séance : Djuwan ARMANDET\nMembres en exercice : 60", "Djuwan ARMANDET"),
    ("Secrétaire : Mr Daniel ROCHER\nLe quorum étant atteint,", "Daniel ROCHER"),
    ("Madame Jeanne GUILLOUET est nommée secrétaire de séance", "Jeanne GUILLOUET"),
    ("Mme Claire DURAND a été désignée secrétaire de séance.", "Claire DURAND"),
    ("Monsieur le Maire propose la candidature de Michel VAILLIES, en qualité de\nsecrétaire pour la présente séance", "Michel VAILLIES"),
    ("Monsieur le Maire propose la candidature de Mr VINCON en qualité de secrétaire", "VINCON"),
])
def test_secretary(text, expected):
    assert session_of(text)["secretary"] == expected


def test_a_secretary_named_by_surname_takes_the_full_name_from_the_list():
    text = ("Présents : MM Sébastien LEROUX, Philippe MALLARD, Annick MACE\n"
            "Désignation du secrétaire de séance\nMonsieur Mallard est nommé secrétaire de séance.")
    assert session_of(text)["secretary"] == "Philippe MALLARD"


def test_a_surname_spelled_differently_in_the_list_is_kept_as_printed():
    text = "Présents : Denis JUVIN - Philippe VINÇON\nMonsieur le Maire propose la candidature de Mr VINCON en qualité de secrétaire"
    assert session_of(text)["secretary"] == "VINCON"


# --------------------------------------------------------------------------- act number and subject
@pytest.mark.parametrize("heading, act, subject", [
    ("2019-09-01 MODIFICATION DES STATUTS DU SYNDICAT MIXTE POUR L’INFORMATISATION DES COLLECTIVITES\n(SMICO)\nMonsieur Roger PERRAY",
     "2019-09-01", "MODIFICATION DES STATUTS DU SYNDICAT MIXTE POUR L’INFORMATISATION DES COLLECTIVITES (SMICO)"),
    ("2019-09-02 60ème ANNIVERSAIRE DU LAC – CONVENTION", "2019-09-02", "60ème ANNIVERSAIRE DU LAC – CONVENTION"),
    ("20240219 1-Consultation relative au projet de vidéoprotection\nMonsieur Leroux cède la parole", "20240219 1",
     "Consultation relative au projet de vidéoprotection"),
    ("20240219 6-Adressage, dénomination de cinq nouvelles voies, commune déléguée de Putanges-\nPont-Ecrepin\nMonsieur le Maire",
     "20240219 6", "Adressage, dénomination de cinq nouvelles voies, commune déléguée de Putanges-Pont-Ecrepin"),
    ("Délibération n°2020-045 : Tarifs de la cantine.", "2020-045", "Tarifs de la cantine"),
    ("N° 2025-CC-084\nObjet : Convention d'objectifs", "2025-CC-084", "Convention d'objectifs"),
    ("1/ Recensement voirie communale :\nL’état demande de mesurer toute la voirie communale.", None, "Recensement voirie communale"),
    ("2/ Déneigement (rajouté en préambule du conseil municipal) :\n\nL’entreprise arrête.", None,
     "Déneigement (rajouté en préambule du conseil municipal)"),
    ("3/ Subventions aux associations :\nLe budget réservé aux associations s’élève à 2000€", None, "Subventions aux associations"),
    ("2020-041 CONSEIL D’ADMINISTRATION DU COLLEGE GASTON DEFFERRE :\nDésignation des délégués\nMonsieur le Maire expose",
     "2020-041", "CONSEIL D’ADMINISTRATION DU COLLEGE GASTON DEFFERRE : Désignation des délégués"),
    ("2020-039 DESIGNATION DES MEMBRES DE LA COMMISSION LOCALE D’EVALUATION DES\nCHARGES TRANSFÉRÉES DE LA COMMUNAUTÉ de Communes de Loches\nMonsieur le Maire expose",
     "2020-039", "DESIGNATION DES MEMBRES DE LA COMMISSION LOCALE D’EVALUATION DES CHARGES TRANSFÉRÉES DE LA COMMUNAUTÉ de Communes de Loches"),
    ("4. Convention pour le remboursement par l’Entente Oise-Aisne de frais engagés par la commune au\ntitre d’une enquête publique\nLa commune a engagé",
     None, "Convention pour le remboursement par l’Entente Oise-Aisne de frais engagés par la commune au titre d’une enquête publique"),
])
def test_act_number_and_subject_from_the_heading(heading, act, subject):
    got = session_of("Séance du 3 mars 2024", heading)
    assert got.get("act_number") == act
    assert got["subject"] == subject


def test_a_visa_citing_another_deliberation_is_not_the_act_number():
    got = session_of("Séance du 3 mars 2024",
                     "Objet : Annexe financière\nVu la délibération n°2025-CC-084 en date du 22 mai 2025 ;", kind="extract")
    assert "act_number" not in got
    assert got["subject"] == "Annexe financière"


# --------------------------------------------------------------------------- flags
@pytest.mark.parametrize("text, flag", [
    ("Le quorum n’ayant pas été atteint lors de la séance du 3 mars, le conseil se réunit sans condition de quorum.", "second_convocation"),
    ("Réunion sur deuxième convocation", "second_convocation"),
    ("Le conseil municipal, convoqué en urgence conformément à l'article L2121-12", "urgency"),
])
def test_flags(text, flag):
    assert session_of("Séance du 3 mars 2024\n" + text)[flag] is True


def test_urgency_in_the_business_of_an_item_is_not_an_urgent_convocation():
    got = session_of("Séance du 3 mars 2024\nLe Conseil départemental est intervenu en urgence en raison de la dégradation de la route.")
    assert "urgency" not in got


def test_population_when_printed():
    assert session_of("Séance du 3 mars 2024\nPopulation municipale : 1 234 habitants")["population"] == 1234


def test_document_constants_fill_items_that_could_not_see_them():
    a = extract_session(DeliberationText.from_text("1. A\nLe Maire de la commune de Putanges-le-Lac signe.", session_text="Séance du 3 mars 2024"))
    b = extract_session(DeliberationText.from_text("2. B\nTexte.", session_text="Séance du 3 mars 2024"))
    filled = fill_document_constants([b, a])
    assert filled[0]["authority"].value == "Commune de Putanges-le-Lac"


def test_every_value_has_evidence():
    d = DeliberationText.from_text("Le Conseil communautaire,", session_text=SEED, kind="extract")
    for name, found in extract_session(d).items():
        assert found.evidence.extractor == "session", name
        assert found.evidence.page == 1, name
        assert found.evidence.raw, name


def test_a_superscript_ordinal_split_by_the_text_layer_is_glued_back():
    got = session_of("Séance du 9 septembre 2019", "2019-09-02 60 ème ANNIVERSAIRE DU LAC\nMonsieur Roger PERRAY")
    assert got["subject"] == "60ème ANNIVERSAIRE DU LAC"


def test_a_number_word_cut_at_the_line_end_still_reads():
    assert parse_time_fr("le vingt-quatre septembre à dix- huit heures trente") == "18:30"


@pytest.mark.parametrize("preamble, date, time", [
    ("Séance du 12 mars 2024 à 18h30", dt.date(2024, 3, 12), "18:30"),
    ("Le douze mars deux mille vingt-quatre, à dix-huit heures, le Conseil municipal s'est réuni en mairie",
     dt.date(2024, 3, 12), "18:00"),
    ("CONSEIL MUNICIPAL\nRéunion du jeudi 4 avril 2024\nLa séance est ouverte à 20 h 15.", dt.date(2024, 4, 4), "20:15"),
])
def test_session_date_and_time_shapes(preamble, date, time):
    got = session_of(preamble)
    assert (got.get("session_date"), got.get("session_time")) == (date, time)


# --------------------------------------------------------------------------- letterheads
@pytest.mark.parametrize("letterhead, authority", [
    ("COMMUNAUTÉ DE COMMUNES DU PAYS DE RÉPUBLIQUE FRANÇAISE\nMARCILLY-EN-VEXIN Département : 23",
     "Communauté de communes du Pays de Marcilly-en-Vexin"),
    ("DÉPARTEMENT DE LA NIÈVRE RÉPUBLIQUE FRANÇAISE\nDN COMMISSION PERMANENTE Département : 58", "Département de la Nièvre"),
    ("MAIRIE DE MONTCŒUR-SUR-LOIRE RÉPUBLIQUE FRANÇAISE\nCM Département de l’Indre Département : 36", "Commune de Montcœur-sur-Loire"),
    ("MAIRIE D’ÉCOUVES-LE-CHÂTEAU\nLiberté Égalité Fraternité", "Commune d’Écouves-le-Château"),
    ("VILLE DE NEUVY-D'ANJOU", "Commune de Neuvy-d'Anjou"),
    ("COMMUNAUTÉ DE COMMUNES\nFONTENOY-EN-VEXIN VALLÉES", "Communauté de communes Fontenoy-en-Vexin Vallées"),
])
def test_the_states_marks_beside_a_letterhead_are_not_part_of_the_authority(letterhead, authority):
    body = "Commission permanente" if "COMMISSION" in letterhead else "Conseil"
    got = session_of(letterhead + f"\nSéance du 3 mars 2024\nLe {body} s'est réuni.\nPrésents : A")
    assert got["authority"] == authority


def test_a_name_in_capitals_takes_the_casing_the_preamble_prints():
    got = session_of("SYNDICAT INTERCOMMUNAL DES EAUX DE RÉPUBLIQUE FRANÇAISE\nNEUVY-LE-LAC Département : 58\n"
                     "Séance du 17 février 2021\nLe Comité syndical du Syndicat intercommunal\ndes eaux de Neuvy-le-Lac, "
                     "légalement convoqué, s’est réuni.\nPrésents : A")
    assert got["authority"] == "Syndicat intercommunal des eaux de Neuvy-le-Lac"
    got = session_of("MAIRIE D’ÉCOUVES-LE-CHÂTEAU\nSéance du 14 décembre 2020\nLe Conseil municipal de la commune "
                     "d’Écouves-le-Château, dûment convoqué.\nPrésents : A")
    assert got["authority"] == "Commune d’Écouves-le-Château"


def test_a_place_mentioned_in_mixed_case_does_not_recase_the_commune():
    got = session_of("COMMUNE DE PREUILLY SUR CLAISE\nSéance du 23 juillet 2020\nréuni à la Salle des Fêtes de "
                     "Preuilly Sur Claise\nPrésents : A")
    assert got["authority"] == "Commune de Preuilly-sur-Claise"


@pytest.mark.parametrize("heading, subject", [
    ("Point n°1 – FIXATION DU MONTANT DE LA REDEVANCE", "FIXATION DU MONTANT DE LA REDEVANCE"),
    ("Point n°3 – Convention de partenariat avec l’office de tourisme – bilan\ndes objectifs",
     "Convention de partenariat avec l’office de tourisme – bilan des objectifs"),
    ("Question n° 4 : Vente d’un véhicule communal réformé", "Vente d’un véhicule communal réformé"),
    ("2/ Décision modificative n°384 – budget principal", "Décision modificative n°384 – budget principal"),
    ("2 - Acquisition de la parcelle cadastrée section D n°84", "Acquisition de la parcelle cadastrée section D n°84"),
    # a "1." OCR read as a lone letter, its dot lost
    ("L Admission en non-valeur de créances irrécouvrables", "Admission en non-valeur de créances irrécouvrables"),
    # an "l" read as a capital "I" in an article
    ("3. Fixation du montant de Ia redevance d'occupation", "Fixation du montant de la redevance d'occupation"),
])
def test_an_agenda_number_is_neither_an_act_number_nor_part_of_the_subject(heading, subject):
    got = session_of("Séance du 3 mars 2024", heading + "\nLe Conseil municipal, après en avoir délibéré, DÉCIDE")
    assert "act_number" not in got
    assert got["subject"] == subject


def test_an_act_number_whose_year_ocr_split_before_its_last_figure():
    got = session_of("Séance du 12 septembre 2019", "Délibération n°201 9-110 : Acquisition de la parcelle\n"
                     "Le Conseil municipal, après en avoir délibéré, DÉCIDE")
    assert (got["act_number"], got["subject"]) == ("2019-110", "Acquisition de la parcelle")


def test_a_number_inside_an_extracts_subject_is_not_its_act_number():
    got = session_of("Séance du 3 mars 2024", "Objet : Décision modificative n°70 – budget principal\nVu le CGCT ;", kind="extract")
    assert "act_number" not in got


def test_an_extracts_act_number_printed_above_its_subject():
    session = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 30 septembre 2019\nPrésents : A, B\nMembres en exercice : 29\nDélibération n° 2019/139"
    got = session_of(session, "Objet : CRÉATION D’UN POSTE\nVu le CGCT ;", kind="extract")
    assert got["act_number"] == "2019/139"


def test_a_preamble_the_layout_left_before_the_item_still_gives_the_session_facts():
    letterhead = "MAIRIE DE MÉRIGNAC-SUR-ORNE RÉPUBLIQUE FRANÇAISE\nDépartement du Gers Département : 32"
    before = ("COMPTE RENDU DE LA SÉANCE DU CONSEIL MUNICIPAL\nSéance du 1er janvier 2021\n"
              "L’an deux mille vingt et un, le premier janvier à vingt heures trente, le Conseil municipal de la commune\n"
              "de Mérignac-sur-Orne, légalement convoqué, s’est réuni en séance publique en la salle de la mairie, sous\n"
              "la présidence de Madame Claire BARBIER, Maire.\nPrésents : Claire BARBIER, Régis SANCHEZ")
    got = session_of(letterhead, "DCM-2021-119 – Dénomination de voies nouvelles\nTexte.", before=before)
    assert got["session_date"] == dt.date(2021, 1, 1)
    assert got["session_time"] == "20:30"
    assert got["place"] == "salle de la mairie"
    assert got["president"] == "Claire BARBIER"
    assert got["authority"] == "Commune de Mérignac-sur-Orne"


def test_a_count_box_above_the_preamble_is_not_the_attendance_list():
    session = ("Nombre de membres\nen exercice : 19\nprésents : 15\nvotants : 17\nMAIRIE DE MONTCŒUR-SUR-LOIRE\n"
               "Séance du 14 septembre 2023\nLe jeudi 14 septembre 2023 à 20h30, le Conseil municipal, réuni\n"
               "dans la salle Victor Hugo, sous la présidence de Monsieur Karim DAVID, Maire.\nÉtaient présents : Karim DAVID")
    got = session_of(session)
    assert got["session_date"] == dt.date(2023, 9, 14)
    assert got["place"] == "salle Victor Hugo"
    assert got["president"] == "Karim DAVID"


@pytest.mark.parametrize("text, president", [
    ("s’est réuni, sous la présidence de Monsieur CHEVALIER\nLaurent, Maire.", "CHEVALIER Laurent"),
    ("sous la présidence de Monsieur GARNIER\nHugues, Président.", "GARNIER Hugues"),
    ("sous la présidence\nde Madame LE GALL Odile, Présidente.", "LE GALL Odile"),
    ("sous la présidence de Monsieur Karim DAVID, Maire.\nLe Conseil", "Karim DAVID"),
    ("sous la présidence de Monsieur Joël\nLEBŒUF, Maire.", "Joël LEBŒUF"),
])
def test_president_names_wrapped_or_with_a_particle(text, president):
    assert session_of("Séance du 3 mars 2024\n" + text)["president"] == president


def test_a_surname_with_a_particle_in_capitals_keeps_it():
    got = session_of("Séance du 3 mai 2019\nPrésents : A\nMonsieur LE GOFF Pierre-Yves a été désigné secrétaire de séance.")
    assert got["secretary"] == "LE GOFF Pierre-Yves"


_printed = Line.printed


def test_blocks_printed_side_by_side_are_read_apart_and_a_logos_initials_dropped():
    lines = [_printed((146, "COMMUNAUTÉ DE COMMUNES DU PAYS DE"), (420, "RÉPUBLIQUE FRANÇAISE")),
             _printed((89, "CPM"), (146, "MARCILLY-EN-VEXIN"), (460, "Département : 23"), top=12)]
    assert [l.text for l in letterhead_blocks(lines)] == ["COMMUNAUTÉ DE COMMUNES DU PAYS DE", "MARCILLY-EN-VEXIN"]
    d = DeliberationText(seq=1, lines=[Line.synthetic("1. Objet")], session=lines + [Line.synthetic("Présents : A", top=30)])
    assert extract_session(d)["authority"].value == "Communauté de communes du Pays de Marcilly-en-Vexin"


# --------------------------------------------------------------------------- OCR noise, columns, dashes
@pytest.mark.parametrize("heading, act, subject", [
    ("CC-2019-125 — Adhésion au service commun", "CC-2019-125", "Adhésion au service commun"),
    ("DEL-2024-081 - CONVENTION DE MISE À DISPOSITION", "DEL-2024-081", "CONVENTION DE MISE À DISPOSITION"),
    ("CC-2019-126 -— Dénomination de voies nouvelles", "CC-2019-126", "Dénomination de voies nouvelles"),
    ("_2020/83 - Demande de subvention au titre de la DETR 2020", "2020/83", "Demande de subvention au titre de la DETR 2020"),
    ("DEL-2025- 071 1 - Convention de partenariat", "DEL-2025-071", "Convention de partenariat"),
])
def test_a_spaced_dash_separates_the_act_number_from_its_subject(heading, act, subject):
    got = session_of("Séance du 3 mars 2024", heading + "\nVu le Code général des collectivités territoriales ;")
    assert (got.get("act_number"), got["subject"]) == (act, subject)


def test_a_school_year_under_a_heading_is_not_an_act_number():
    got = session_of("Séance du 22 septembre 2021", "2/ TARIFS DE LA CANTINE SCOLAIRE POUR L’ANNÉE SCOLAIRE\n2021-2022\n"
                     "Il convient de fixer les tarifs de la restauration scolaire.")
    assert "act_number" not in got
    assert got["subject"] == "TARIFS DE LA CANTINE SCOLAIRE POUR L’ANNÉE SCOLAIRE 2021-2022"


@pytest.mark.parametrize("item, subject", [
    ("2019-070 - Convention de mise à disposition de locaux avec l’association\nComité des fêtes\nVu le Code général ;",
     "Convention de mise à disposition de locaux avec l’association Comité des fêtes"),
    ("D2023-012 - Travaux de réfection de la voirie communale - programme\n2023\n"
     "La commission des travaux a examiné les offres reçues à la suite de la consultation.",
     "Travaux de réfection de la voirie communale - programme 2023"),
    ("Point n°4 - Décision modificative n°389 - budget principal\n|\nDes ajustements de crédits sont nécessaires pour payer.",
     "Décision modificative n°389 - budget principal"),
    ("1. Vote du budget primitif 2024\nRapporteur : M. le Maire\nLe Conseil municipal examine le budget de l'exercice.",
     "Vote du budget primitif 2024"),
])
def test_a_short_fragment_before_the_body_ends_the_heading(item, subject):
    assert session_of("Séance du 3 mars 2024", item)["subject"] == subject


@pytest.mark.parametrize("heading, subject", [
    ("3. Demande de subvention DETR 2022 -— rénovation de l’école", "Demande de subvention DETR 2022 – rénovation de l’école"),
    ("3. Rapport annuel sur le prix et la _ qualité du service", "Rapport annuel sur le prix et la qualité du service"),
    ("3. Création d’un poste d’'adjoint technique", "Création d’un poste d’adjoint technique"),
])
def test_marks_a_scan_adds_to_a_heading_are_dropped(heading, subject):
    assert session_of("Séance du 3 mars 2024", heading + "\nVu le CGCT ;")["subject"] == subject


def test_a_word_read_twice_on_a_scan_does_not_hide_the_secretary_nor_the_place():
    got = session_of("Séance du 20 janvier 2023\nLe Conseil municipal s'est réuni en séance publique à a la salle du conseil "
                     "en mairie, sous la présidence de Madame Valérie GAUTIER, Maire.\nPrésents : 11\n"
                     "Madame Corinne NOËL a a été désignée secrétaire de séance.")
    assert got["secretary"] == "Corinne NOËL"
    assert got["place"] == "salle du conseil en mairie"


def test_figures_of_a_count_box_read_into_the_preamble():
    session = ("MAIRIE DE BRÉVILLY\nSéance du 20 novembre 2025\n12 Le 20 novembre 2025, à 14 heures 00, le Conseil\n"
               "2 municipal de la commune de Brévilly, convoqué\nlégalement, s’est réuni en séance publique à la\n"
               "14 salle du conseil municipal, sous la présidence de\nMadame GÉRARD Élodie, Maire.")
    got = session_of(session)
    assert got["place"] == "salle du conseil municipal"
    assert got["session_time"] == "14:00"


@pytest.mark.parametrize("preamble, time", [
    ("Présents 16\n1\nLe jeudi 13 mai 2021 à 18h, le Conseil municipal s'est réuni.", "18:00"),
    ("Membres en exercice 19 L’an deux mille vingt-trois, le quinze mai à quatorze\nheures, la Commission permanente", "14:00"),
])
def test_a_time_after_a_weekday_or_cut_at_a_line_end(preamble, time):
    assert session_of("Séance du 13 mai 2021\n" + preamble)["session_time"] == time


def test_a_speck_after_the_convocation_day_at_a_line_end_is_no_punctuation():
    """A scan's speck OCR read as a colon where the day ends the line: the date goes on below."""
    got = session_of("Séance du 29 janvier 2019\nL'an deux mille dix-neuf, le vingt-neuf janvier à vingt heures, le Conseil\n"
                     "communautaire, dûment convoqué le 23 :\njanvier 2019, s’est réuni en séance publique")
    assert got["convocation_date"] == dt.date(2019, 1, 23)


def test_a_convocation_year_wrapped_in_a_narrow_box():
    got = session_of("Séance du 13 mai 2021\nPrésents 16\nDate de convocation 29/04/202\n1\nDate d'affichage 29/04/202\n1")
    assert got["convocation_date"] == dt.date(2021, 4, 29)


def test_a_column_read_between_presidency_and_name():
    got = session_of("Séance du 23 août 2022\nsous la présidence de\nDate d’affichage 17/08/2022 Madame Rose-Marie VÉRON, Maire.")
    assert got["president"] == "Rose-Marie VÉRON"


def test_a_presidents_surname_lost_to_another_column_is_found_in_the_list():
    got = session_of("Séance du 21 juin 2019\npublique, sous la présidence de Monsieur Mathieu\nVotants 32 MOREL, Président.\n"
                     "Étaient présents : Mathieu MOREL, Marie CLÉMENT, Mathieu LUCAS")
    assert got["president"] == "Mathieu"  # two Mathieu in the list: ambiguous, kept as printed
    got = session_of("Séance du 21 juin 2019\npublique, sous la présidence de Monsieur Mathieu\nVotants 32 MOREL, Président.\n"
                     "Étaient présents : Mathieu MOREL, Marie CLÉMENT, Jean-Noël LUCAS")
    assert got["president"] == "Mathieu MOREL"


def test_an_elided_l_read_as_p_is_restored_when_the_item_elides_the_same_word():
    item = ("2. Avenant à la convention pour Pinstruction des autorisations d'urbanisme\n"
            "Monsieur le Maire rappelle que l'instruction des autorisations est confiée au service commun.")
    assert session_of("Séance du 15 octobre 2021", item)["subject"] == "Avenant à la convention pour l’instruction des autorisations d'urbanisme"
    item = "2. Subvention à Pierrefonds pour Paris\nLa commune verse une aide."
    assert session_of("Séance du 15 octobre 2021", item)["subject"] == "Subvention à Pierrefonds pour Paris"


# --------------------------------------------------------------------------- side boxes, OCR readings, population
def _rows(*rows: tuple[float, tuple]) -> list[Line]:
    """Lines at given heights, each printed as blocks of words at given x positions."""
    return [_printed(*blocks, top=top) for top, blocks in rows]


def test_a_count_box_left_of_the_preamble_is_not_read_into_the_place_nor_the_name():
    # the box's lines come out interleaved with the preamble's, one of them inside a sentence
    session = _rows(
        (0, ((250, "Séance du 8 septembre 2022"),)),
        (20, ((150, "Le 8 septembre 2022, à 18 heures 30, le Conseil communautaire s’est réuni en séance publique dans la salle du"),)),
        (32, ((40, "Nombre de membres"), (150, "conseil communautaire, sous la présidence de Madame Françoise LE"))),
        (40, ((40, "présents : 32"),)),
        (44, ((150, "BIHAN, Présidente."),)),
        (52, ((40, "votants : 35"),)),
        (60, ((150, "Membres présents : Françoise LE BIHAN - Martine DE SOUSA - Ghislaine TESSIER"),)),
    )
    d = DeliberationText(seq=1, lines=[Line.synthetic("1. Objet", top=200)], session=session, kind="minutes")
    got = {k: v.value for k, v in extract_session(d).items()}
    assert got["place"] == "salle du conseil communautaire"
    assert got["president"] == "Françoise LE BIHAN"


def test_a_count_box_line_between_sous_and_la_presidence():
    session = _rows(
        (0, ((80, "Membres en exercice"), (212, "19"), (274, "Le jeudi 27 juin 2019 à 18h30, le Conseil municipal de la"))),
        (13, ((274, "commune de Neuvy-le-Lac, convoqué légalement, s’est"),)),
        (19, ((80, "Présents"), (212, "16"))),
        (26, ((274, "réuni en séance publique dans la salle polyvalente, sous"),)),
        (36, ((80, "Votants"), (212, "19"), (274, "la présidence de Monsieur Daniel MORIN, Maire."))),
        (53, ((80, "Date de convocation"), (212, "13/06/2019"))),
    )
    d = DeliberationText(seq=1, lines=[Line.synthetic("1. Objet", top=200)], session=session, kind="minutes")
    got = {k: v.value for k, v in extract_session(d).items()}
    assert got["president"] == "Daniel MORIN"
    assert got["place"] == "salle polyvalente"
    assert got["convocation_date"] == dt.date(2019, 6, 13)


def test_a_list_wider_than_the_preamble_is_not_a_side_box():
    session = _rows(
        (0, ((150, "Le 3 mai 2019, le Conseil municipal s’est réuni à la mairie, sous la"),)),
        (12, ((150, "présidence de Monsieur Jean DURAND, Maire, en séance publique."),)),
        (24, ((40, "Étaient présents : Jean DURAND, Anne MARTIN, Paul ROBERT, Luc PETIT"),)),
    )
    d = DeliberationText(seq=1, lines=[Line.synthetic("1. Objet", top=200)], session=session, kind="minutes")
    got = {k: v.value for k, v in extract_session(d).items()}
    assert got["president"] == "Jean DURAND"
    assert got["place"] == "mairie"


def _scanned(text: str, confs: dict = {}) -> DeliberationText:
    """Lines as OCR reads them: every word 90 sure, unless `confs` says otherwise."""
    def ocr(line: Line) -> Line:
        return Line.from_words([Word(w.text, w.page, w.x0, w.top, w.x1, w.bottom, conf=confs.get(w.text, 90.0), from_ocr=True)
                                for w in line.words])
    d = DeliberationText.from_text("1. Objet quelconque\nTexte.", session_text=text, kind="minutes")
    return DeliberationText(seq=1, lines=[ocr(l) for l in d.lines], session=[ocr(l) for l in d.session], kind="minutes")


@pytest.mark.parametrize("text, president", [
    # a scan drops the accent in the preamble (and is less sure of that word), reads it in the list
    ("Séance du 4 février 2022\nsous la présidence de Madame Marie-Claire CLEMENT, Maire.\n"
     "Étaient présents : Marie-Claire CLÉMENT, André LE GALL", "Marie-Claire CLÉMENT"),
    # the spelling most readings agree on
    ("Séance du 4 février 2022\nsous la présidence de Monsieur Jean-François MARTINEL, Maire.\n"
     "Étaient présents : Jean-François MARTlNEL, André LE GALL\nLe Maire, Jean-François MARTlNEL", "Jean-François MARTlNEL"),
    # one reading against one: kept as read
    ("Séance du 4 février 2022\nsous la présidence de Monsieur Jean-François MARTINEL, Maire.\n"
     "Étaient présents : Jean-François MARTlNEL, André LE GALL", "Jean-François MARTINEL"),
    # another person with a close name is not a reading of the president's
    ("Séance du 4 février 2022\nsous la présidence de Monsieur Paul MOREL, Maire.\n"
     "Étaient présents : Paul MOREL, Paul MOREAU, Paul MOREAU", "Paul MOREL"),
])
def test_a_name_read_several_times_on_a_scan(text, president):
    assert extract_session(_scanned(text, {"CLEMENT,": 69.0}))["president"].value == president


def test_a_name_read_as_surely_with_and_without_its_accent_takes_the_accent():
    # OCR drops a capital's accent far more often than it reads one that is not printed
    text = ("Séance du 5 mars 2021\nPrésents : M. ANDRÉ Noël, M. ROUX Gérard\n"
            "Monsieur ANDRE Noël a été désigné secrétaire de séance.")
    assert extract_session(_scanned(text))["secretary"].value == "ANDRÉ Noël"


def test_a_name_printed_without_its_accent_and_read_surely_is_kept():
    # "Mr VINCON" in the designation, "VINÇON" in the list: both printed so
    text = ("Séance du 15 décembre 2023\nPrésents : Jean DURAND - Philippe VINÇON - Catherine VINAS\n"
            "Monsieur le Maire propose la candidature de Mr VINCON en qualité de secrétaire")
    assert extract_session(_scanned(text, {"VINCON": 91.0, "VINÇON": 87.0}))["secretary"].value == "VINCON"


def test_a_name_in_the_text_layer_is_kept_as_printed():
    text = ("Séance du 4 février 2022\nsous la présidence de Madame Marie-Claire CLEMENT, Maire.\n"
            "Étaient présents : Marie-Claire CLÉMENT, André LE GALL")
    assert session_of(text)["president"] == "Marie-Claire CLEMENT"


@pytest.mark.parametrize("text, population", [
    ("MAIRIE DE NEUVY-LE-LAC\nPopulation municipale : 2 040 habitants", 2040),
    ("MAIRIE DE SAINTE-COLOMBE\nCommune de 6 906 habitants\nDépartement de la Nièvre", 6906),
    ("MAIRIE DE FLAUX\nNombre d’habitants : 812", 812),
    ("MAIRIE DE FLAUX\nla commune de Flaux compte désormais plus d'habitants", None),
])
def test_population(text, population):
    assert session_of(text + "\nSéance du 3 mai 2019").get("population") == population


def test_a_secretary_named_through_ocr_noise():
    got = session_of("Séance du 15 août 2022\nPrésents : A\nMonsieur Jean-Pierre PRÉVOST a a: été désigné secrétaire de séance.")
    assert got["secretary"] == "Jean-Pierre PRÉVOST"


def test_a_compound_surname_printed_with_a_spaced_dash_is_one_reading():
    text = ("Séance du 27 août 2024\nsous la présidence de Madame Chantal FOURE-BÉCHET, Maire.\n"
            "Présents : Chantal FOURÉ - BÉCHET (Maire) - Olivier GARCIA (Adjoint)")
    assert extract_session(_scanned(text, {"FOURE-BÉCHET,": 89.0}))["president"].value == "Chantal FOURÉ-BÉCHET"


def test_a_convocation_date_in_a_box_column_apart_from_its_label_and_wrapped_in_its_cell():
    """"Date de convocation" alone on its line, "30/08/202" at its height in the next column and
    the year's last figure under it: the box's cells are paired back."""
    from extractors.dates import convocation_in
    lines = [_printed((80, "Membres en exercice")), _printed((80, "Date de convocation"), top=30.0),
             _printed((212, "29")), _printed((212, "30/08/202"), top=30.0), _printed((212, "2"), top=42.0),
             _printed((274, "L’an deux mille vingt-deux, le treize septembre"))]
    assert convocation_in(lines, dt.date(2022, 9, 13)).value == dt.date(2022, 8, 30)


@pytest.mark.parametrize("line, number", [
    ("Délibération n°DCM- 2020-143 : ATTRIBUTION D’UNE SUBVENTION", "DCM-2020-143"),  # OCR split the label
    ("Délibération n°DCM-2020-143 : ATTRIBUTION D’UNE SUBVENTION", "DCM-2020-143"),
])
def test_act_number_with_a_prefix_split_by_ocr(line, number):
    d = DeliberationText(seq=1, lines=[Line.synthetic(line), Line.synthetic("Texte.")], kind="minutes")
    assert extract_session(d)["act_number"].value == number


def test_a_convocation_date_under_its_label_in_a_narrow_margin_box_misread_by_ocr():
    from extractors.dates import convocation_in
    lines = [_printed((39, "Date de convocatioh:"), top=290.0),
             _printed((140, "Étaient présents : Mme DUPONT Anne, M. MARTIN Paul, Mme ROY Claire,"), top=293.0),
             _printed((39, "01/12/2020"), (140, "Mme DE MAGALHAES Hélène et Mme NICOLAS Mélanie"), top=302.0)]
    assert convocation_in(lines, dt.date(2020, 12, 7)).value == dt.date(2020, 12, 1)


def test_a_heading_wrapped_before_a_parcel_number_gives_no_act_number():
    d = DeliberationText(seq=1, lines=[Line.synthetic("1/ ACQUISITION DE LA PARCELLE CADASTRÉE SECTION Z"),
                                       Line.synthetic("N°462"), Line.synthetic("Le propriétaire a fait connaître son accord.")],
                         kind="minutes")
    got = extract_session(d)
    assert "act_number" not in got or got["act_number"] is None
    assert got["subject"].value == "ACQUISITION DE LA PARCELLE CADASTRÉE SECTION Z N°462"


def test_a_place_noun_a_scan_misread_is_put_back_and_kept_as_printed_on_a_text_layer():
    text = ("Séance du 8 novembre 2019\nLe Comité syndical, convoqué légalement, s'est réuni en séance publique "
            "en la saile Victor Hugo, sous la présidence de Monsieur Paul ROY.")
    assert extract_session(_scanned(text))["place"].value == "salle Victor Hugo"
    assert session_of(text)["place"] == "saile Victor Hugo"


def test_a_heading_word_ocr_was_unsure_of_takes_the_spelling_the_item_prints_more_surely():
    item = ("2021/92 - Création d’un poste d’adijoint technique territorial\n"
            "Le Conseil municipal décide de créer un poste d’adjoint technique territorial à temps complet ;")
    d = DeliberationText.from_text(item, session_text="Séance du 29 avril 2021", kind="minutes")
    confs = {"d’adijoint": 43.0, "d’adjoint": 50.0}
    ocr = lambda l: Line.from_words([Word(w.text, w.page, w.x0, w.top, w.x1, w.bottom, conf=confs.get(w.text, 90.0),
                                          from_ocr=True) for w in l.words])
    d = DeliberationText(seq=1, lines=[ocr(l) for l in d.lines], session=[ocr(l) for l in d.session], kind="minutes")
    assert extract_session(d)["subject"].value == "Création d’un poste d’adjoint technique territorial"


def _ocr_item(item: str) -> DeliberationText:
    d = DeliberationText.from_text(item, session_text="Séance du 2 mai 2019", kind="minutes")
    ocr = lambda l: Line.from_words([Word(w.text, w.page, w.x0, w.top, w.x1, w.bottom, conf=95.0, from_ocr=True)
                                     for w in l.words])
    return DeliberationText(seq=1, lines=[ocr(l) for l in d.lines], session=[ocr(l) for l in d.session], kind="minutes")


@pytest.mark.parametrize("sentence, subject", [
    # the item's text writes the heading's phrase with "à": OCR lost the capital's accent
    ("Il est proposé d'attribuer 500 euros à l'association La Boule lyonnaise.",
     "SUBVENTION EXCEPTIONNELLE À L'ASSOCIATION LA BOULE LYONNAISE"),
    # no "à l'association" in the text: what OCR read stands
    ("Il est proposé d'attribuer 500 euros au club La Boule lyonnaise.",
     "SUBVENTION EXCEPTIONNELLE A L'ASSOCIATION LA BOULE LYONNAISE"),
])
def test_a_capital_a_ocr_read_in_a_heading_takes_the_grave_accent_the_items_text_gives_it(sentence, subject):
    item = "2019-027 - SUBVENTION EXCEPTIONNELLE A L'ASSOCIATION LA BOULE LYONNAISE\n" + sentence
    assert extract_session(_ocr_item(item))["subject"].value == subject


def test_a_capital_a_of_a_text_layer_heading_is_read_as_printed():
    item = ("2019-027 - SUBVENTION EXCEPTIONNELLE A L'ASSOCIATION LA BOULE LYONNAISE\n"
            "Il est proposé d'attribuer 500 euros à l'association La Boule lyonnaise.")
    d = DeliberationText.from_text(item, session_text="Séance du 2 mai 2019", kind="minutes")
    assert extract_session(d)["subject"].value == "SUBVENTION EXCEPTIONNELLE A L'ASSOCIATION LA BOULE LYONNAISE"


def test_an_accented_reading_as_sure_as_the_others_wins_over_more_readings_without_it():
    text = ("Séance du 30 juillet 2021\nsous la présidence de Monsieur VERON Philippe, Maire.\n"
            "Étaient présents : VÉRON Philippe, COLLIN Mickaël, DENIS Anne-Sophie\nLe Maire, VERON Philippe")
    assert extract_session(_scanned(text, {"VERON": 90.0, "VÉRON": 91.0}))["president"].value == "VÉRON Philippe"
    # ... not when it was read less surely (both spellings printed: "Mr VINCON" / "VINÇON")
    assert extract_session(_scanned(text, {"VERON": 91.0, "VÉRON": 87.0}))["president"].value == "VERON Philippe"
