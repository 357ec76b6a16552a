"""Attendance: session lists in, one status per member out, following arrivals and departures."""
from collections import Counter
from pathlib import Path

import pytest

from extractors.attendance import extract_attendance
from pipeline.model import DeliberationText

SEED = Path(__file__).parent / "corpus" / "seed" / "seed_hautes-terres_2025-05-22.txt"


def attendance(session: str, text: str = "Objet : un point", before: str = "", kind: str = "minutes"):
    d = DeliberationText.from_text(text, session_text=session, before_text=before, kind=kind)
    return [(a.person_name, a.status) for a in extract_attendance(d)]


@pytest.mark.parametrize("session, expected", [
    ("Présents : Jean DUPONT, Anne MARTIN\nAbsents excusés : Paul DURAND\nAbsents : Luc BLANC",
     [("Jean DUPONT", "present"), ("Anne MARTIN", "present"), ("Paul DURAND", "excused"), ("Luc BLANC", "absent")]),
    # label alone on its line, names below, 'et' before the last one
    ("Étaient présents :\nMadame Virginie\nANTHONY, Monsieur Ronan TANGUY et Mme Elsa CARRIER\nÉtaient absents excusés :\nM. Gilles PAPIN",
     [("Virginie ANTHONY", "present"), ("Ronan TANGUY", "present"), ("Elsa CARRIER", "present"),
      ("Gilles PAPIN", "excused")]),
    ("Absents non excusés : Mathieu FIGINI (pas de pouvoir donné), Maryline LECESTRE (pas de pouvoir donné).",
     [("Mathieu FIGINI", "absent"), ("Maryline LECESTRE", "absent")]),
    # an empty heading gives no one
    ("Présents : Denis JUVIN - Catherine MARTEL\nAbsentes :\nAbsent excusés : Patricia MICHOT - Philippe ROUVIER - COROUGE",
     [("Denis JUVIN", "present"), ("Catherine MARTEL", "present"), ("Patricia MICHOT", "excused"),
      ("Philippe ROUVIER-COROUGE", "excused")]),
    # SURNAME Firstname and role words mixed in the présents list
    ("Présents :\nM.CHARRIER Jean-Paul Maire, M.THOREAU Gérard, M. ROBERT Henri\nAdjoints, M. JALON\nBenjamin Délégué\n"
     "Absente excusée: Mme VENOT Charlène\nNombre de Conseillers en exercice : 15- Présents 14 - Votants 14",
     [("CHARRIER Jean-Paul", "present"), ("THOREAU Gérard", "present"), ("ROBERT Henri", "present"),
      ("JALON Benjamin", "present"), ("VENOT Charlène", "excused")]),
    # counts printed with the same labels are not lists
    ("Présents : 35 – Pouvoirs : 7 – Votants : 42", []),
])
def test_session_lists(session, expected):
    assert attendance(session) == expected


def test_proxy_grantor_is_excused_even_when_listed_absent():
    session = ("Présents : Anne MARTIN, Paul DURAND\nAbsents : Luc BLANC, Julie PETIT\n"
               "Pouvoirs : Luc BLANC à Anne MARTIN")
    assert attendance(session) == [("Anne MARTIN", "present"), ("Paul DURAND", "present"),
                                   ("Luc BLANC", "excused"), ("Julie PETIT", "absent")]


def test_grantor_only_in_the_proxies_list_is_added_as_excused():
    session = ("Etaients présents : MM. Serge DRUGEON, Roger PERRAY.\n"
               "Absent ayant donné procuration : Mr Sébastien LEROUX à Mr Roger PERRAY.\n"
               "Absents excusés : MM. Christian COUPRY.\nAbsents : MM. Florence HEE.")
    assert attendance(session) == [("Serge DRUGEON", "present"), ("Roger PERRAY", "present"),
                                   ("Sébastien LEROUX", "excused"), ("Christian COUPRY", "excused"),
                                   ("Florence HEE", "absent")]


def test_grantor_printed_with_an_ocr_slip_is_not_duplicated():
    session = "Présents : Anne MARTIN\nAbsents excusés : Dominique GAUDIIN\nPouvoirs : Dominique GAUDIN à Anne MARTIN"
    assert attendance(session) == [("Anne MARTIN", "present"), ("Dominique GAUDIIN", "excused")]


def test_first_names_with_proxy_notes_and_a_session_arrival_note():
    session = ("Présents : Jean-Pierre, Yves, Agnès, Mario.\n"
               "Excusés : Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès) /\nMathieu (pas de pouvoir donné)\n"
               "Nelly arrivée à 18H45. Départ à 19H25.")
    got = attendance(session, "1/ Recensement voirie communale :\n12 votes pour.")
    assert Counter(s for _, s in got) == Counter(present=5, excused=3)
    assert ("Nelly", "present") in got and ("Marielle", "excused") in got


SESSION = "Présents : Sébastien LEROUX, Annick MACE, Sylvain GAUDIN\nAbsents excusés : Thierry CHAUVIN"


def test_leaving_the_room_inside_an_item_is_for_that_item_only():
    item3 = ("20240219 3-Vente de chemins\nMonsieur Leroux cède la parole à madame Annick Macé, Présidente de la commission\n"
             "urbanisme et logement et quitte la salle.\nAprès en avoir délibéré, le Conseil Municipal, à l'unanimité\n"
             "Monsieur Leroux siège à nouveau.")
    assert ("Sébastien LEROUX", "absent") in attendance(SESSION, item3)
    item4 = "20240219 4-Campagne de stérilisation\nMonsieur Leroux cède la parole à monsieur Sylvain Gaudin."
    assert ("Sébastien LEROUX", "present") in attendance(SESSION, item4, before=item3)


def test_leaving_the_sitting_holds_for_the_following_items():
    before = "1. Budget\nAdopté à l'unanimité.\nM. Sylvain GAUDIN quitte la séance à 21h."
    assert ("Sylvain GAUDIN", "absent") in attendance(SESSION, "2. Tarifs", before=before)
    assert ("Sylvain GAUDIN", "present") in attendance(SESSION, "1. Budget")


def test_arrival_recorded_before_an_item_makes_the_member_present():
    before = "1. Budget\nAdopté.\nArrivée de M. Thierry CHAUVIN à 20h15."
    assert ("Thierry CHAUVIN", "present") in attendance(SESSION, "2. Tarifs", before=before)
    assert ("Thierry CHAUVIN", "excused") in attendance(SESSION, "1. Budget")


def test_not_taking_part_and_leaving_the_room():
    text = "3. Vente d'un terrain\nMme Annick MACE, intéressée, ne prend pas part au vote et quitte la salle.\nAdopté."
    assert ("Annick MACE", "absent") in attendance(SESSION, text)


def test_prose_is_not_read_as_an_arrival():
    text = "1/ GRDF\nLe contrat signé pour 25 ans arrive à échéance le 13 octobre 2023."
    assert attendance(SESSION, text) == attendance(SESSION)


def test_seed_counts_are_exact():
    session, _, body = SEED.read_text(encoding="utf-8").partition("**Objet")
    got = attendance(session, "**Objet" + body, kind="extract")
    assert Counter(s for _, s in got) == Counter(present=35, excused=25)
    assert got[0] == ("Didier ACHALME", "present")
    assert ("Alain VAN SIMMERTIER", "excused") in got and ("Jean Louis VERDIER", "excused") in got


def test_extract_without_preamble_reads_its_own_lines():
    d = DeliberationText.from_text("Présents : Jean DUPONT, Anne MARTIN\nObjet : Budget", kind="extract")
    assert [(a.person_name, a.status) for a in extract_attendance(d)] == [("Jean DUPONT", "present"),
                                                                         ("Anne MARTIN", "present")]


def test_evidence_is_the_list():
    d = DeliberationText.from_text("x", session_text="Titre\nPrésents : Jean DUPONT,\nAnne MARTIN")
    entries = extract_attendance(d)
    assert entries[1].evidence.raw == "Présents : Jean DUPONT, Anne MARTIN"
    assert entries[1].evidence.page == 1 and entries[1].evidence.box is not None


def test_holder_named_inside_an_excused_list_is_not_excused():
    session = ("Présents : Paul DURAND, Anne MARTIN\n"
               "Absents excusés : Mme Julie PETIT représentée par M. Paul DURAND, M. Luc BLANC")
    assert attendance(session) == [("Paul DURAND", "present"), ("Anne MARTIN", "present"),
                                   ("Julie PETIT", "excused"), ("Luc BLANC", "excused")]


def test_leaving_the_sitting_with_a_proxy_given_is_excused():
    before = "1. Budget\nAdopté.\nM. Sylvain GAUDIN quitte la séance et donne pouvoir à Mme Annick MACE."
    assert ("Sylvain GAUDIN", "excused") in attendance(SESSION, "2. Tarifs", before=before)


@pytest.mark.parametrize("label", ["Présents :", "PRESENTS :", "Présent(e)s :", "Etaient présents :",
                                   "Présents (2) :", "Membres présents :"])
def test_present_label_variants(label):
    assert attendance(f"{label} Jean DUPONT, Anne MARTIN") == [("Jean DUPONT", "present"), ("Anne MARTIN", "present")]


@pytest.mark.parametrize("label, status", [("Excusés :", "excused"), ("Absents excusés :", "excused"),
                                           ("Étaient absents excusés :", "excused"), ("Absente excusée :", "excused"),
                                           ("Absents :", "absent"), ("Absents non excusés :", "absent"),
                                           ("Absent(e)s :", "absent")])
def test_absence_label_variants(label, status):
    assert attendance(f"Présents : Jean DUPONT\n{label} Anne MARTIN") == [("Jean DUPONT", "present"),
                                                                          ("Anne MARTIN", status)]


# --------------------------------------------------------------------------- more shapes
def test_preamble_left_among_the_lines_before_the_first_item_is_the_session():
    before = ("Séance du 17 octobre 2025\nPrésents : M. ROUX Philippe, Mme PERRIN Solène\n"
              "Absents : Mme BOYER Françoise\nApprobation du procès-verbal\nLe procès-verbal est approuvé à l’unanimité.")
    assert attendance("DÉPARTEMENT DE LA NIÈVRE", "Point n°1 – Redevance\nAdopté.", before=before) == [
        ("ROUX Philippe", "present"), ("PERRIN Solène", "present"), ("BOYER Françoise", "absent")]


@pytest.mark.parametrize("tail", [
    "M. Sylvain GAUDIN quitte la séance à 20h15.",
    "Arrivée de M. Thierry CHAUVIN à 20h15.",
])
def test_a_move_printed_after_the_vote_counts_from_the_next_item(tail):
    item = f"2. Tarifs\nIl est proposé d’approuver les tarifs.\nAdopté à l’unanimité.\n{tail}"
    assert attendance(SESSION, item) == attendance(SESSION, "2. Tarifs\nAdopté à l’unanimité.")
    moved = attendance(SESSION, "3. Voirie\nAdopté.", before=item)
    assert ("Sylvain GAUDIN", "absent") in moved or ("Thierry CHAUVIN", "present") in moved


def test_arrival_after_the_decisions_of_an_item_without_a_vote_line():
    item = ("2. Vente d’un véhicule\nLe Conseil, après en avoir délibéré,\nDÉCIDE d’accepter l’offre ;\n"
            "AUTORISE le Maire à signer.\nArrivée de M. Thierry CHAUVIN à 20h15.")
    assert ("Thierry CHAUVIN", "excused") in attendance(SESSION, item)


def test_out_of_the_room_until_a_return_printed_after_this_items_vote():
    before = "2. Subvention\nMadame Annick MACE, intéressée à l’affaire, quitte la salle."
    item = "Il est proposé d’attribuer la subvention.\nAdopté à l’unanimité.\nMme Annick MACE regagne la salle."
    assert ("Annick MACE", "absent") in attendance(SESSION, item, before=before)
    assert ("Annick MACE", "present") in attendance(SESSION, "3. Voirie", before=before + "\n" + item)


def test_interested_member_with_a_lowercase_elision_before_the_verb():
    item = "2. Redevance\nMonsieur Denis DU PLESSIS, intéressé à l’affaire, quitte la salle et ne prend part ni au\ndébat ni au vote.\nAdopté."
    got = attendance("Présents : Odile CARON, Denis DU PLESSIS", item)
    assert ("Denis DU PLESSIS", "absent") in got


def test_revenir_sur_is_not_a_return():
    item = "2. Indemnités\nMonsieur Sylvain GAUDIN revient sur le montant des indemnités.\nAdopté."
    before = "1. Budget\nAdopté.\nM. Sylvain GAUDIN quitte la séance à 21h."
    assert ("Sylvain GAUDIN", "absent") in attendance(SESSION, item, before=before)


@pytest.mark.parametrize("session, titulaire", [
    ("Présents : M. Paul DURAND, M. Alain JOLY (suppléant de M. Jean DUPONT), Mme Anne MARTIN", "Jean DUPONT"),
    ("Présents : Paul DURAND, Alain JOLY (suppléante de Jean-Noël DE LA ROCHE) et Anne MARTIN", "Jean-Noël DE LA ROCHE"),
    ("Présents : M. Paul DURAND, M. Alain JOLY, suppléant de M. Jean DUPONT, Mme Anne MARTIN\n"
     "Excusés : M. Jean DUPONT", "Jean DUPONT"),
    # a speck OCR read as a period opening the line the titulaire's name wrapped to
    ("Présents : M. Paul DURAND, M. Alain JOLY (suppléant de\n. Jean DUPONT), Mme Anne MARTIN\n"
     "Excusés : M. Jean DUPONT", "Jean DUPONT"),
])
def test_a_substitute_sits_and_the_titulaire_is_excused(session, titulaire):
    assert attendance(session) == [("Paul DURAND", "present"), ("Alain JOLY", "present"),
                                   ("Anne MARTIN", "present"), (titulaire, "excused")]


def test_count_line_with_a_list_label_is_not_a_list():
    session = ("Présents : Jean DUPONT, Anne MARTIN\nAbsents : Luc BLANC\n"
               "Présents : 2 – Votants : 2\nDésignation du secrétaire de séance")
    assert attendance(session) == [("Jean DUPONT", "present"), ("Anne MARTIN", "present"), ("Luc BLANC", "absent")]


def test_a_heading_with_role_words_ends_a_first_names_list():
    session = "Présents : Véronique, Évelyne\nAbsents : Solène, Chantal et Rose-Marie\nDésignation du secrétaire de séance"
    assert attendance(session)[-1] == ("Rose-Marie", "absent")


def test_variant_spelling_in_an_event_is_the_listed_member():
    before = "1. Budget\nAdopté.\nM. Sylvain GAUDDIN quitte la séance à 21h."
    got = attendance(SESSION, "2. Tarifs\nAdopté.", before=before)
    assert ("Sylvain GAUDIN", "absent") in got and len(got) == 4


def test_a_heading_in_capitals_does_not_close_the_item():
    item = "SUBVENTION AUX ASSOCIATIONS\nMme Annick MACE, intéressée, quitte la salle."
    assert ("Annick MACE", "absent") in attendance(SESSION, item)


@pytest.mark.parametrize("label, status", [("Excusés et représentés :", "excused"),
                                           ("Absents excusés non représentés :", "excused"),
                                           ("Absents non représentés :", "absent")])
def test_represented_label_variants(label, status):
    assert attendance(f"Présents : Jean DUPONT\n{label} Anne MARTIN")[-1] == ("Anne MARTIN", status)


@pytest.mark.parametrize("move", ["M. Sylvain GAUDIN quitte momentanément la salle.",
                                  "M. Sylvain GAUDIN, intéressé, s’est retiré."])
def test_departure_wordings(move):
    assert ("Sylvain GAUDIN", "absent") in attendance(SESSION, f"2. Vente\n{move}\nAdopté.")


PRESIDED = ("Le conseil s'est réuni sous la présidence de Monsieur Sébastien LEROUX, Maire.\n" + SESSION)


@pytest.mark.parametrize("move", ["Monsieur le Maire quitte la salle.",
                                  "Le Maire, intéressé, quitte la salle.",
                                  "M. le Maire se retire."])
def test_the_presiding_member_leaving_is_the_one_the_preamble_names(move):
    item = f"2. Compte administratif\n{move} Mme Annick MACE prend la présidence.\nAdopté à l'unanimité."
    assert ("Sébastien LEROUX", "absent") in attendance(PRESIDED, item)
    # ... and is back for the next item
    back = f"{item}\nMonsieur le Maire reprend place dans la salle."
    assert ("Sébastien LEROUX", "present") in attendance(PRESIDED, "3. Tarifs\nAdopté.", before=back)


def test_an_adjoint_au_maire_leaving_is_not_the_maire():
    item = "2. Vente\nM. Sylvain GAUDIN, adjoint au maire, quitte la salle.\nAdopté."
    got = attendance(PRESIDED, item)
    assert ("Sébastien LEROUX", "present") in got and ("Sylvain GAUDIN", "absent") in got


@pytest.mark.parametrize("session, expected", [
    ("Présents : Jean DUPONT, Luc LEROY représenté par son suppléant Alain JOLY, Paul MARTIN",
     [("Jean DUPONT", "present"), ("Alain JOLY", "present"), ("Paul MARTIN", "present"), ("Luc LEROY", "excused")]),
    ("Présents : Jean DUPONT, Paul MARTIN\nAbsents : Luc LEROY (excusé), Anne ROY",
     [("Jean DUPONT", "present"), ("Paul MARTIN", "present"), ("Luc LEROY", "excused"), ("Anne ROY", "absent")]),
    # a proxy statement after the list is not a member of it
    ("Présents : Jean DUPONT, Paul MARTIN\nPouvoir de Mme Anne ROY à M. Paul MARTIN",
     [("Jean DUPONT", "present"), ("Paul MARTIN", "present"), ("Anne ROY", "excused")]),
    # a note wrapped over a line end: the list goes on to its last member
    ("Présents : Jean DUPONT\nAbsents excusés : M. Guillaume MASSON (pouvoir à M. Jean DUPONT, adjoint\n"
     "au maire) - M. Ludovic GUILLOUET",
     [("Jean DUPONT", "present"), ("Guillaume MASSON", "excused"), ("Ludovic GUILLOUET", "excused")]),
    # substitutes listed under their own label sit; the titulaire they replace is excused
    ("Présents : MM. ADAM Régis, BRUN Michel\nSuppléant : M. KLEIN Roger suppléant de M. HOFFMANN Jacques.",
     [("ADAM Régis", "present"), ("BRUN Michel", "present"), ("KLEIN Roger", "present"),
      ("HOFFMANN Jacques", "excused")]),
    # titles and 'dit' names of older registers
    ("Présents : Monsieur Paul BERTRAND, Maire, Messieurs COLIN, ROUX dit MARTIN, Maître GIRARD, Docteur LAMBERT",
     [("Paul BERTRAND", "present"), ("COLIN", "present"), ("ROUX dit MARTIN", "present"), ("GIRARD", "present"),
      ("LAMBERT", "present")]),
])
def test_substitutes_notes_and_proxy_statements(session, expected):
    assert attendance(session) == expected


def test_first_names_only_a_grantor_is_not_a_longer_compound_name():
    session = ("Membres présents : Laëtitia, Élodie, Anne-Sophie\n"
               "Absents ayant donné procuration : Madame Anne donne pouvoir à Madame Élodie")
    assert attendance(session) == [("Laëtitia", "present"), ("Élodie", "present"), ("Anne-Sophie", "present"),
                                   ("Anne", "excused")]


def test_an_event_with_a_one_letter_misprint_is_the_listed_member():
    session = "Présents : Hervé, Gérard, Marie-Hélène\nExcusés : Jean-Pierre, Hélène"
    got = attendance(session, "3. Budget\nArrivée de Mme Hélème à 20h15.\nAdopté à l'unanimité.")
    assert ("Hélène", "present") in got and len(got) == 5


def test_ocr_debris_around_names_of_a_scanned_list():
    """'Mme' read as 'Mine', a speck read as two capitals after a surname."""
    assert attendance("Étaient présents : MARCHAND ID Anne Maire, Mine Chantal FOURNIER - Mickaël FONTAINE TE\n"
                      "Absents excusés : Paul DURAND") == [
        ("MARCHAND Anne", "present"), ("Chantal FOURNIER", "present"), ("Mickaël FONTAINE", "present"),
        ("Paul DURAND", "excused")]


def test_ocr_specks_inside_a_names_list_do_not_end_it_or_stick_to_a_name():
    # A period standing apart at a line's end and an apostrophe after a first name are specks
    # read by OCR on a scan: the list goes on, the name is clean.
    text = """\
Étaient présents : Gérard LEMAIRE, Ludovic’ MERCIER, Régis BOUCHER, Sébastien .
DAVID, Maëlle VAN DER BEKE et Joël LEROY
Absents excusés : Élodie GRÉGOIRE"""
    got = [(e.person_name, e.status) for e in extract_attendance(DeliberationText.from_text(text))]
    assert got == [("Gérard LEMAIRE", "present"), ("Ludovic MERCIER", "present"), ("Régis BOUCHER", "present"),
                   ("Sébastien DAVID", "present"), ("Maëlle VAN DER BEKE", "present"), ("Joël LEROY", "present"),
                   ("Élodie GRÉGOIRE", "excused")]


def test_proxy_note_whose_opening_ocr_lost_names_its_grantor_not_its_holder():
    """"M. Jean-Luc GUÉRIN RETAERE à M. Daniel LECLERRC)" (OCR for "(procuration à …)"): the holder
    inside the note is no excused member; the grantor before it is."""
    session = ("Présents : M. Daniel LECLERC, Mme Anne DUPONT\n"
               "Absents excusés : Mme Claire LÉGER (procuration à M. Daniel\n"
               "LECLERRC) et M. Jean-Luc GUÉRIN RETAERE à M. Daniel\nLECLERRC)\nAbsents : M. Jean NICOLAS")
    assert attendance(session) == [("Daniel LECLERC", "present"), ("Anne DUPONT", "present"),
                                   ("Claire LÉGER", "excused"), ("Jean-Luc GUÉRIN", "excused"),
                                   ("Jean NICOLAS", "absent")]


def test_a_civility_whose_period_ocr_read_as_several_does_not_end_the_list():
    """'M...' at a line's end is 'M.' with specks, no ellipsis: the name it announces opens the
    next line and the list goes on."""
    session = ("Présents : Mme Anne MARTIN, Mme Claire GIRARD, M...\n"
               "Pierre-Yves PÉROT, M. Jean-Marc PETIT et Mme Chantal CARON\n"
               "Absents excusés : Mme Anne-Sophie DUVAL (procuration à M. Jean-Marc PETIT)")
    assert attendance(session) == [("Anne MARTIN", "present"), ("Claire GIRARD", "present"),
                                   ("Pierre-Yves PÉROT", "present"), ("Jean-Marc PETIT", "present"),
                                   ("Chantal CARON", "present"), ("Anne-Sophie DUVAL", "excused")]
