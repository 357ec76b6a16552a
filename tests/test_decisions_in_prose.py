"""Decisions as real minutes print them, beyond the operative "DÉCIDE :" block: the council as the
subject of a verb in prose (singular or plural, pronominal, in compound past beside its vote), the
vote formula and its asides inside the sentence, and the verbs of opinion and motions."""
import pytest

from pipeline.model import DeliberationText
from extractors.decisions import extract_decisions
from extractors.nlp import finite_verb


def decisions(text: str, kind: str = "minutes"):
    d = DeliberationText.from_text("Objet : Sujet de la délibération\n" + text, kind=kind)
    return [(x.verb, x.amount_eur) for x in extract_decisions(d)]


def verbs(text: str, kind: str = "minutes"):
    return [v for v, _ in decisions(text, kind)]


CA = "approuve le compte administratif 2022."


# --------------------------------------------------------------------------- "ne prend pas part" inside the vote
@pytest.mark.parametrize("text", [
    # the aside closes on the next line, after "après en avoir délibéré"
    "Le Conseil municipal, après en avoir délibéré, par 9 voix pour (le Maire ne prenant pas part au\nvote), " + CA,
    "Le Conseil municipal, après en avoir délibéré, par 9 voix pour (le Maire ne prend pas\npart au vote), " + CA,
    "Le Conseil municipal, après en avoir délibéré, par 9 voix pour (le Maire ne\nprenant pas part au vote), " + CA,
    # on one line, in brackets or between commas: "au vote" is a noun, not the verb "voter"
    "Le Conseil municipal, après en avoir délibéré, par 9 voix pour (le Maire ne prenant pas part au vote), " + CA,
    "Le Conseil municipal, après en avoir délibéré, par 9 voix pour, le Maire ne prenant pas part au vote, " + CA,
    "Le Conseil municipal, par 9 voix pour (le Maire ne prenant pas part au vote), " + CA,
    # without "après en avoir délibéré": the council's sentence runs over the line
    "Le Conseil municipal, par 9 voix pour (le Maire ne prenant pas part\nau vote), " + CA,
    "Le Conseil municipal, à l'unanimité des membres présents et représentés (Madame le Maire ne\n"
    "prend pas part au vote), " + CA,
])
def test_not_voting_inside_the_vote_formula_does_not_end_the_decision(text):
    assert verbs(text) == ["approuver"]


def test_not_voting_after_the_decisions_still_ends_them():
    body = ("Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n- d'approuver le projet ;\n"
            "Ne prend pas part au vote : 1 (M. BÉRARD), président de l'association\n"
            "qui accepte la subvention.")
    assert verbs(body) == ["approuver"]


def test_vote_line_filed_under_the_counts_keeps_its_decision():
    """The layout files "Le Conseil municipal, par 7 voix pour (…), fixe …" under the counts, as it
    opens with the vote; the sentence still decides."""
    d = DeliberationText.from_text(
        "Objet : Indemnités du Maire\n"
        "Le Conseil municipal, par 7 voix pour (le Maire ne prenant pas part au vote), fixe l'indemnité\n"
        "du Maire à 40,3 % de l'indice brut terminal.", kind="minutes")
    lines = d.lines
    d.sections = {"header": lines[:1], "counts": [lines[1]], "body": lines[2:]}
    assert [x.verb for x in extract_decisions(d)] == ["fixer"]


def test_vote_line_without_decision_filed_under_the_counts_stays_out():
    d = DeliberationText.from_text(
        "Objet : Subvention\n"
        "DÉCIDE :\n- d'attribuer une subvention de 300 € au club ;\n"
        "Pour : 12 – Contre : 1 – Abstention : 0", kind="minutes")
    lines = d.lines
    d.sections = {"header": lines[:1], "decide": lines[1:3], "counts": [lines[3]]}
    assert [(x.verb, x.amount_eur) for x in extract_decisions(d)] == [("attribuer", 300.0)]


# --------------------------------------------------------------------------- rejected and designated
def test_council_rejecting_a_motion_decides_to_reject():
    """"rejette" doubles the t of "rejeter": the verb of the table is read in its real spelling."""
    assert verbs("Après en avoir délibéré, le conseil municipal rejette la motion par 5 voix pour et 9 voix contre.") \
        == ["rejeter"]


@pytest.mark.parametrize("form, verb", [
    ("rejette", "rejeter"), ("REJETTENT", "rejeter"), ("renouvelle", "renouveler"), ("rappelle", "rappeler"),
    ("octroie", "octroyer"), ("soutient", "soutenir"), ("prescrit", "prescrire"), ("reconnaît", "reconnaître"),
    ("ratifie", "ratifier"), ("constate", "constater"), ("résilie", "résilier"), ("sursoit", "surseoir"),
])
def test_present_forms_of_decision_verbs(form, verb):
    assert finite_verb(form) == verb


def test_result_of_a_secret_ballot_is_no_decision():
    """Conventions (PROVENANCE, Putanges 2023): an election's proclaimed result has no decisions;
    "M. X est désigné" is a passive result, not the council deciding."""
    assert verbs("Il est procédé au vote à bulletin secret. M. MAILLARD obtient 13 voix, 1 bulletin blanc.\n"
                 "M. MAILLARD est désigné délégué au SIVOS.") == []


def test_council_designating_is_a_decision():
    assert verbs("Le conseil municipal, à l'unanimité, désigne M. Jean DUPONT délégué titulaire au SIVOS.") \
        == ["désigner"]


# --------------------------------------------------------------------------- verbs in prose
@pytest.mark.parametrize("text, expected", [
    ("Le conseil municipal, à l'unanimité, émet un avis favorable au projet de schéma de cohérence territoriale.",
     [("émettre", None)]),
    ("Après en avoir délibéré, le conseil municipal, à l'unanimité, donne son accord pour l'adhésion de la commune "
     "au groupement de commandes.", [("donner", None)]),
    ("Le conseil municipal prend acte de la présentation du rapport annuel 2022 sur le prix et la qualité du service "
     "public d'eau potable.", [("prendre", None)]),
    ("Le Conseil Municipal accepte le don de 500 € de l'association des parents d'élèves.", [("accepter", 500.0)]),
    ("Le Conseil municipal valide le plan de financement de l'opération.", [("valider", None)]),
    ("Le conseil municipal adopte le budget primitif 2023 de la commune.", [("adopter", None)]),
    ("Après délibération, le conseil municipal, à l'unanimité, approuve le rapport de la commission.",
     [("approuver", None)]),
    ("Le conseil municipal approuve la convention et autorise le maire à la signer.",
     [("approuver", None), ("autoriser", None)]),
    ("Le Conseil Municipal, à la majorité (2 abstentions), approuve la modification n° 2 du PLU.",
     [("approuver", None)]),
    ("Le conseil municipal, à l'unanimité des membres présents et\nreprésentés, décide d'accorder une subvention de "
     "250 € au club de football.", [("accorder", 250.0)]),
    ("Le conseil municipal, par 10 voix pour et 4 voix contre (MM. DURAND, MARTIN, Mmes PETIT et\nROUX), décide "
     "d'acquérir la parcelle AB 12 pour 3 000 €.", [("acquérir", 3000.0)]),
    ("Après en avoir délibéré, à l'unanimité, le Conseil municipal :\n- approuve le devis de l'entreprise MARTIN ;\n"
     "- autorise le Maire à le signer.", [("approuver", None), ("autoriser", None)]),
])
def test_council_as_subject_in_prose(text, expected):
    assert decisions(text) == expected


@pytest.mark.parametrize("text", [
    "Le conseil municipal se prononce favorablement sur le projet de périmètre du syndicat.",
    "Le conseil municipal, à l'unanimité, se prononce favorablement sur le projet de périmètre.",
    "Le conseil municipal, à l'unanimité des suffrages exprimés, se prononce contre le projet d'éoliennes.",
])
def test_pronominal_verb_after_the_council(text):
    assert verbs(text) == ["prononcer"]


@pytest.mark.parametrize("text", [
    "Les élus approuvent à l'unanimité le compte rendu de la commission.",
    "Les conseillers municipaux approuvent à l'unanimité le projet.",
    "Les conseillers présents approuvent à l'unanimité le projet.",
    "Les membres du conseil approuvent à l'unanimité le rapport de la CLECT.",
    "Le CM, à l'unanimité, approuve le projet.",
    "Le C.M. approuve à l'unanimité le projet.",
])
def test_plural_subjects_and_initials(text):
    assert verbs(text) == ["approuver"]


def test_elected_members_told_something_is_no_subject():
    assert verbs("Monsieur le Maire informe les élus que la commune a reçu un don de 200 €.") == []


@pytest.mark.parametrize("text, expected", [
    ("Il est décidé à l'unanimité de renouveler la convention avec la SPA.", ["renouveler"]),
    ("Il a été décidé, à l'unanimité, de maintenir les tarifs de la salle des fêtes.", ["maintenir"]),
])
def test_impersonal_decision(text, expected):
    assert verbs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le conseil municipal a décidé à l'unanimité de renouveler la convention.", ["renouveler"]),
    ("Après en avoir délibéré, le conseil municipal a approuvé à l'unanimité le projet.", ["approuver"]),
    ("Le conseil municipal a pris acte, à l'unanimité, de la démission de M. DURAND.", ["prendre"]),
    # an earlier act recalled, without this session's vote
    ("Le comité syndical a approuvé une modification de ses statuts.\n"
     "Le conseil municipal, à l'unanimité, approuve la modification.", ["approuver"]),
    ("Mme la Maire rappelle que le conseil municipal a approuvé le PLU le 3 mars 2020.", []),
    ("Vu la délibération du 3 mars 2020 par laquelle le conseil municipal a approuvé à l'unanimité le PLU,\n"
     "Le conseil municipal, à l'unanimité, approuve la modification n° 1.", ["approuver"]),
])
def test_compound_past_beside_the_vote(text, expected):
    assert verbs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le conseil municipal décide, à l'unanimité, de ne pas augmenter les taux d'imposition.", ["augmenter"]),
    ("Le Conseil municipal DÉCIDE, à l'unanimité :\n- de ne pas renouveler la convention ;\n"
     "- d'en informer le prestataire.", ["renouveler", "informer"]),
])
def test_negated_infinitive_is_the_verb_decided(text, expected):
    assert verbs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le conseil municipal, à l'unanimité, octroie une subvention exceptionnelle de 800 € à l'école.",
     [("octroyer", 800.0)]),
    ("Le conseil municipal, à l'unanimité, prescrit la révision du plan local d'urbanisme.", [("prescrire", None)]),
    ("Le conseil municipal tire le bilan de la concertation et arrête le projet de PLU.",
     [("tirer", None), ("arrêter", None)]),
    ("Le conseil municipal, à l'unanimité, soutient la motion de l'association des maires ruraux.",
     [("soutenir", None)]),
    ("Le conseil municipal, à l'unanimité, constate la désaffectation du bâtiment et prononce son déclassement.",
     [("constater", None), ("prononcer", None)]),
    ("Le conseil municipal, à l'unanimité, résilie le contrat de location du photocopieur.", [("résilier", None)]),
    ("Le conseil municipal, à l'unanimité, s'associe à la motion de soutien aux agriculteurs.", [("associer", None)]),
    ("Le conseil municipal, à l'unanimité, exprime son soutien au personnel de l'hôpital et demande le maintien "
     "du service des urgences.", [("exprimer", None), ("demander", None)]),
    ("Le Conseil municipal, à l'unanimité, sursoit à statuer sur la demande.", [("surseoir", None)]),
])
def test_verbs_of_motions_and_planning(text, expected):
    assert decisions(text) == expected


def test_words_of_the_new_verbs_used_as_nouns_or_by_a_speaker():
    assert verbs("Monsieur DURAND constate que les travaux ont pris du retard.") == []
    assert decisions("La classe de CM2 partira en voyage ; le conseil municipal, à l'unanimité, accorde une aide "
                     "de 1 000 €.") == [("accorder", 1000.0)]


@pytest.mark.parametrize("text, expected", [
    ("Le conseil municipal, à l'unanimité, leur accorde une subvention de 150 €.", [("accorder", 150.0)]),
    ("Le conseil municipal les approuve à l'unanimité.", [("approuver", None)]),
])
def test_object_pronoun_before_the_verb_is_no_article(text, expected):
    assert decisions(text) == expected


def test_a_closing_guillemet_opening_a_line_ends_the_quotation_above_not_a_bullet():
    """"… « allée des Érables" / "» et de charger …": the "»" closes the name the line above
    quoted, so the proposal's first verb is kept and the line goes on with it; a "»" after a
    line with no quotation open is still a bullet."""
    assert verbs("Il est proposé au Conseil municipal d’adopter la dénomination « rue des Tilleuls » et « allée des "
                 "Érables\n» et de charger Madame la Maire de communiquer ces dénominations aux services concernés.\n"
                 "Vote : à l'unanimité") == ["adopter", "charger"]
    assert verbs("Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n» d'approuver le projet « Cœur de bourg »\n"
                 "» d'autoriser le Maire à signer la convention.") == ["approuver", "autoriser"]


def test_a_noun_opening_a_line_after_its_article_is_no_verb():
    # "… sont à la" / "charge de la collectivité.": the line's first word follows its article
    text = ("Le Conseil municipal, après en avoir délibéré, approuve l’acquisition de la parcelle\n"
            "section CC n°259 au prix de 97540,50€, autorise le Maire à signer l’acte\n"
            "authentique et toutes les pièces s’y rapportant et dit que les frais de notaire sont à la\n"
            "charge de la collectivité.\n")
    assert verbs(text) == ["approuver", "autoriser", "dire"]
    # a verb opening the line after a full line still opens a decision
    assert verbs("Le Conseil municipal, après en avoir délibéré, approuve le projet.\n"
                 "Charge le Maire de son exécution.\n") == ["approuver", "charger"]
