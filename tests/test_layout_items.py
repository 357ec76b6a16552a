"""Layout: which agenda items of minutes are deliberations, whatever their heading shape or count.

A session may hold one item only; items may be headed by an act number with a two-figure year
("17-120 TARIFS COMMUNAUX 2018"), by letters, or by any of the usual numberings; a council
decision stated without a vote formula ("Le conseil municipal prend acte du rapport …") is a
deliberation, while information items, "questions diverses" and decisions taken by delegation
are not.
"""
import pytest

from pipeline.layout import lines_from_text_pages, segment_lines


def seg(*pages: str):
    return segment_lines(lines_from_text_pages(list(pages)))


def headings(delibs):
    return [d.lines[0].text for d in delibs]


PREAMBLE = """\
COMMUNE DE SAINT-EXEMPLE
PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 9 AVRIL 2024
Le neuf avril deux mille vingt-quatre à vingt heures trente, le Conseil Municipal, légalement convoqué, s'est réuni à la mairie sous la présidence de M. Alain DUPONT, Maire.
Secrétaire de séance : Mme Hélène MARTIN
"""


# --------------------------------------------------------------------------- one item
@pytest.mark.parametrize("heading", [
    "1. Vote des taux d'imposition 2024",
    "1/ Vote des taux d'imposition 2024",
    "1 - Vote des taux d'imposition 2024",
    "Point n° 1 : Vote des taux d'imposition 2024",
    "I – Vote des taux d'imposition 2024",
    "Objet : Vote des taux d'imposition 2024",
    "24-017 VOTE DES TAUX D'IMPOSITION 2024",
    "2024-017 Vote des taux d'imposition 2024",
    "DCM 2024-017 – Vote des taux d'imposition 2024",
    "Délibération n°2024-17 : Vote des taux d'imposition 2024",
])
def test_minutes_of_a_session_with_one_item_hold_one_deliberation(heading):
    text = PREAMBLE + heading + "\nLe Conseil municipal, à l'unanimité, décide de maintenir les taux d'imposition de 2023.\n"
    kind, session, delibs = seg(text)
    assert kind == "minutes"
    assert headings(delibs) == [heading]
    assert session[-1].text == "Secrétaire de séance : Mme Hélène MARTIN"


def test_a_lone_numbered_line_inside_the_text_of_unnumbered_minutes_does_not_cut_an_item():
    text = PREAMBLE + """\
Travaux de voirie
Le maire présente les devis :
1. devis de l'entreprise Martin pour 12 500 €
Vote : unanimité
Tarifs de la cantine
Le conseil fixe le prix du repas.
Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert [d.lines[0].text for d in delibs][-1] == "Tarifs de la cantine"
    assert not any(d.lines[0].text.startswith("1.") for d in delibs)


# --------------------------------------------------------------------------- an extract of the minutes
def test_an_extract_of_the_proces_verbal_is_an_extract():
    text = """\
DÉPARTEMENT DU CALVADOS
COMMUNE DE SAINT-EXEMPLE
Extrait du procès-verbal des délibérations du Conseil Municipal
Séance du mardi 14 novembre 2000
Étaient présents : MM. DUPONT, MARTIN, Mmes PETIT, DURAND.
Nombre de conseillers : En exercice : 13 Présents : 10 Votants : 11
Objet : Acquisition d'un terrain rue des Écoles
Monsieur le Maire expose au Conseil Municipal le projet d'acquisition de la parcelle AB 214.
Le Conseil Municipal, après en avoir délibéré, à l'unanimité des membres présents et représentés,
DÉCIDE d'acquérir la parcelle AB 214 au prix de 45 000 francs.
"""
    kind, session, delibs = seg(text)
    assert kind == "extract"
    assert headings(delibs) == ["Objet : Acquisition d'un terrain rue des Écoles"]


def test_an_extract_of_the_proces_verbal_holding_every_item_is_minutes():
    text = """\
Extrait du procès-verbal de la séance du Conseil Municipal du 12 mars 2024
Présents : Jean DUPONT, Marie MARTIN
1/ Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2/ Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
"""
    kind, _, delibs = seg(text)
    assert kind == "minutes" and headings(delibs) == ["1/ Travaux de voirie", "2/ Tarifs de la cantine"]


def test_minutes_titled_proces_verbal_above_an_extract_mark_stay_minutes():
    text = """\
PROCÈS-VERBAL DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Présents : Jean DUPONT, Marie MARTIN
Extrait du registre des délibérations joint en annexe.
1/ Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2/ Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
"""
    kind, _, delibs = seg(text)
    assert kind == "minutes" and len(delibs) == 2


# --------------------------------------------------------------------------- heading shapes
@pytest.mark.parametrize("first,second", [
    ("17-120 TARIFS COMMUNAUX 2018", "17-121 DÉCISION MODIFICATIVE N°3"),
    ("DCM 2023-045 – Tarifs communaux 2024", "DCM 2023-046 – Décision modificative n°3"),
    ("Délibération n°2023-12 : Tarifs communaux 2024", "Délibération n°2023-13 : Décision modificative n°3"),
    ("N° 12/2023 – Tarifs communaux 2024", "N° 13/2023 – Décision modificative n°3"),
    ("2023/045 – Tarifs communaux 2024", "2023/046 – Décision modificative n°3"),
    ("Point n° 3 : Tarifs communaux 2024", "Point n° 4 : Décision modificative n°3"),
    ("III – Tarifs communaux 2024", "IV – Décision modificative n°3"),
    ("A) Tarifs communaux 2024", "B) Décision modificative n°3"),
    ("A/ Tarifs communaux 2024", "B/ Décision modificative n°3"),
])
def test_item_heading_shapes(first, second):
    text = PREAMBLE + f"""\
{first}
Le Conseil Municipal, après en avoir délibéré, adopte les tarifs communaux par 20 voix pour et 6 contre.
{second}
Le Conseil municipal adopte la décision modificative n° 3 à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == [first, second]


def test_two_figure_year_numbers_need_a_series_or_a_title_in_capitals():
    # Figures opening a line of prose are no act number.
    text = PREAMBLE + """\
1. Travaux de voirie
Le conseil approuve le devis. Vote : unanimité
12-15 rue des Écoles sera refaite en 2025.
2. Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1. Travaux de voirie", "2. Tarifs de la cantine"]


def test_lettered_sub_items_inside_numbered_items_do_not_replace_the_numbering():
    text = PREAMBLE + """\
1. Budget primitif 2024
A) Section de fonctionnement
B) Section d'investissement
C) Annexes
Le conseil adopte le budget. Vote : unanimité
2. Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1. Budget primitif 2024", "2. Tarifs de la cantine"]


# --------------------------------------------------------------------------- decisions without a vote formula
@pytest.mark.parametrize("body", [
    "Le conseil municipal prend acte de la présentation du rapport annuel 2022 sur le prix et la qualité du service de l'eau.",
    "Le Conseil Municipal accepte le don de 500 € de l'association des parents d'élèves.",
    "Le conseil municipal émet un avis favorable au projet de schéma de cohérence territoriale.",
    "Le conseil municipal se prononce favorablement sur le projet de périmètre du syndicat des eaux.",
    "Le conseil municipal donne son accord pour l'adhésion de la commune au groupement de commandes.",
    "Après avoir entendu l'exposé du Maire, le conseil municipal accepte la convention.",
    "Le conseil municipal a approuvé le devis de l'entreprise Martin.",
    "Le Conseil communautaire prend acte de la tenue du débat d'orientation budgétaire.",
    "Vu la délibération du 3 mars 2023 ;\nLe conseil municipal accepte l'indemnité de sinistre de 1 200 €.",
    "Le conseil municipal\nprend acte du rapport d'activité 2023 du syndicat.",  # the sentence wraps
    "Les conseillers municipaux approuvent le règlement du cimetière.",
])
def test_a_council_decision_without_a_vote_formula_is_a_deliberation(body):
    text = PREAMBLE + f"""\
1. Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2. Objet du point
{body}
3. Questions diverses
Le maire informe le conseil de la date de la fête du village.
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1. Travaux de voirie", "2. Objet du point"]


@pytest.mark.parametrize("heading,body", [
    ("Rapport d'activité du syndicat", "Le maire présente le rapport. Le conseil municipal en prend connaissance."),
    ("Fête du village", "Le maire informe le conseil municipal de la date de la fête."),
    ("Projet de maison d'assistante maternelle", "La délibération sera réalisée au prochain conseil."),
    ("Informations diverses", "Le conseil municipal prend acte de ces informations."),
    ("Compte rendu des décisions du Maire", "Le conseil municipal prend acte des décisions prises par le Maire."),
    ("Décisions prises en application de l'article L.2122-22 du CGCT",
     "Le conseil municipal prend acte des décisions prises par délégation."),
    ("Questions diverses", "Le conseil municipal accepte d'étudier la demande du club."),
    ("Point sur les travaux", "Le conseil municipal prend acte de cette information."),
    ("Approbation du procès-verbal de la séance du 5 mars", "Le conseil municipal approuve le procès-verbal."),
    ("Salle des fêtes", "Le conseil municipal décidera des tarifs lors d'une prochaine séance."),
    ("Extension de l'école", "Par délibération du 3 mars, le conseil municipal a approuvé le projet. Les travaux commencent."),
    ("Vente du terrain", "Le conseil municipal décide de reporter ce point à une prochaine séance."),
    ("Démission d'un conseiller", "Le conseil municipal prend acte de la démission de M. Paul DURAND."),
    ("Procès-verbal de la séance précédente", "Le conseil municipal approuve le procès-verbal de la séance du 5 mars."),
])
def test_items_that_are_no_deliberation_stay_dropped(heading, body):
    text = PREAMBLE + f"""\
1. Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2. {heading}
{body}
3. Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1. Travaux de voirie", "3. Tarifs de la cantine"]


@pytest.mark.parametrize("mangled", ["L - Décision modificative n°4 - budget principal",
                                     "l - Décision modificative n°4 - budget principal",
                                     "I - Décision modificative n°4 - budget principal"])
def test_a_first_item_whose_1_ocr_read_as_a_letter_opens_the_run_that_goes_on_from_2(mangled):
    text = PREAMBLE + f"""\
Décisions prises par délégation (article L. 2122-22 du CGCT)
— DM2022-07 : Acceptation d'une indemnité de sinistre de 16 314,00 €.
{mangled}
Il est proposé au Conseil municipal d'approuver la décision modificative n°4. Adopté à l'unanimité.
2 - Attribution d'une subvention exceptionnelle
Le Conseil municipal attribue une subvention de 1 500 euros. Adopté à l'unanimité.
3 - Création d'un poste d'adjoint technique
Le Conseil municipal crée le poste. Adopté à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs)[-3:] == [mangled, "2 - Attribution d'une subvention exceptionnelle",
                                     "3 - Création d'un poste d'adjoint technique"]


def test_a_first_item_whose_1_ocr_read_as_a_letter_with_its_dot_lost_opens_the_run():
    text = PREAMBLE + """\
Approbation du procès-verbal de la séance du 1er septembre 2025
Le procès-verbal de la précédente séance est approuvé à l'unanimité.
L Admission en non-valeur de créances irrécouvrables
Le comptable public a transmis un état des créances dont le recouvrement s'avère impossible.
Vote : Pour : 3 - Contre : 15 - Abstentions : 8
La délibération est rejetée.
2. Acquisition de la parcelle cadastrée section HB n°244
Le Conseil municipal, après en avoir délibéré, à l'unanimité, DÉCIDE d'approuver l'acquisition.
3. Création d'un poste d'adjoint technique
Le Conseil municipal crée le poste. Adopté à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs)[-3:] == ["L Admission en non-valeur de créances irrécouvrables",
                                     "2. Acquisition de la parcelle cadastrée section HB n°244",
                                     "3. Création d'un poste d'adjoint technique"]


def test_the_result_of_a_vote_opening_the_next_page_stays_with_its_item():
    first = PREAMBLE + """\
1. Création d'un poste d'adjoint technique
Il est proposé au Conseil de créer le poste.
Vote : Pour : 8 – Contre : 22 – Abstentions : 12
"""
    second = """\
La délibération est adoptée.
2. Attribution d'une subvention exceptionnelle
Le Conseil municipal attribue une subvention de 1 500 euros. Adopté à l'unanimité.
"""
    _, _, delibs = seg(first, second)
    assert delibs[0].lines[-1].text == "La délibération est adoptée."


def test_an_item_whose_number_ocr_lost_whole_is_found_between_headings_in_capitals():
    text = PREAMBLE + """\
1. ADHÉSION AU SERVICE COMMUN D'INSTRUCTION
Le Conseil municipal approuve l'adhésion. Vote : unanimité.
2. DEMANDE DE SUBVENTION AU TITRE DE LA DETR 2019
Le Conseil municipal sollicite la subvention. Adoptée à l'unanimité.
CONVENTION DE PARTENARIAT AVEC L'OFFICE DE TOURISME
Le Conseil municipal approuve le bilan. Vote : Pour : 1 — Contre : 14 — Abstentions : 7
4. VENTE D'UN VÉHICULE COMMUNAL RÉFORMÉ
Le Conseil municipal accepte la proposition. Adoptée à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1. ADHÉSION AU SERVICE COMMUN D'INSTRUCTION", "2. DEMANDE DE SUBVENTION AU TITRE DE LA DETR 2019",
                                "CONVENTION DE PARTENARIAT AVEC L'OFFICE DE TOURISME", "4. VENTE D'UN VÉHICULE COMMUNAL RÉFORMÉ"]
