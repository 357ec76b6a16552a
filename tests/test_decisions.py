"""Decided items: French operative text in -> (verb, amount) records out."""
from pathlib import Path

import pytest

from pipeline.model import DeliberationText
from extractors.decisions import extract_decisions
from extractors.nlp import lemma_of_verb

ROOT = Path(__file__).resolve().parents[1]


def decisions(text: str, kind: str = "extract"):
    d = DeliberationText.from_text("Objet : Sujet de la délibération\n" + text, kind=kind)
    return [(x.verb, x.amount_eur) for x in extract_decisions(d)]


@pytest.mark.parametrize("word, verb", [
    ("D'APPROUVER", "approuver"), ("APPROUVE", "approuver"), ("AUTORISE", "autoriser"),
    ("PRÉCISE", "préciser"), ("DE PRECISER", "préciser"), ("DECIDE", "décider"), ("DELEGUE", "déléguer"),
    ("CREE", "créer"), ("FIXE", "fixer"), ("ACCORDE", "accorder"), ("ADOPTE", "adopter"),
    ("ARRETE", "arrêter"), ("DESIGNE", "désigner"), ("ELIT", "élire"), ("EMET", "émettre"),
    ("PROCEDE", "procéder"), ("RECONDUIT", "reconduire"), ("SOLLICITE", "solliciter"), ("VALIDE", "valider"),
    ("VOTE", "voter"), ("CHARGE", "charger"), ("DONNE", "donner"), ("DIT", "dire"), ("PREND", "prendre"),
    ("S'ENGAGE", "engager"), ("s’engager", "engager"), ("ACCEPTENT", "accepter"), ("Entérine", "entériner"),
    ("Retient", "retenir"), ("s'engaget", "engager"), ("autorisé", "autoriser"),
])
def test_lemma_of_decision_verbs(word, verb):
    assert lemma_of_verb(word) == verb


SEED = """Le Conseil communautaire,
Après en avoir délibéré, DÉCIDE :
- D'APPROUVER le versement d'une dotation de fonctionnement à l'office de tourisme intercommunal
Hautes Terres Tourisme au titre de l'année 2025 pour un montant maximum de 320 000 € ;
- DE PRÉCISER que lors du versement du solde, Hautes Terres Tourisme devra communiquer le bilan
de l'année 2025 et que le solde correspondra aux besoins de l'année ;
- DE PRÉCISER que le versement de la dotation se fera bimestriellement ;
- DE VALIDER l'annexe opérationnelle et financière pour l'année 2025 comme ci-annexée ;
- DE PRECISER que les crédits nécessaires sont prévus au budget primitif 2025 chapitre 65 autres
charges de gestion courante, article 65737 Subventions de fonctionnement ;
- D'ADRESSER une ampliation de la présente à Monsieur le Préfet du Cantal pour le contrôle de sa
légalité et à Monsieur le Comptable Public de Saint-Flour.
Ainsi fait et délibéré les jours, mois et an
Pour copie conforme
"""


def test_decide_block_of_the_seed():
    assert decisions(SEED) == [("approuver", 320000.0), ("préciser", None), ("préciser", None),
                               ("valider", None), ("préciser", None), ("adresser", None)]


def test_wrapped_items_keep_their_whole_text():
    d = DeliberationText.from_text("Objet : x\n" + SEED)
    first = extract_decisions(d)[0]
    assert first.text.startswith("D'APPROUVER le versement")
    assert first.text.endswith("320 000 € ;")
    assert first.evidence.page == 1 and first.position == 1


@pytest.mark.parametrize("text, expected", [
    # Article 1 … N after DÉCIDE: the verb of each article
    ("""Vu l'avis conforme du Comptable public,
DÉCIDE
Article 1 - Il est institué auprès de la commune une régie de recettes,
Article 2 — cette régie est installée au siège de la Mairie,
Article 3- Le montant maximum de l'encaisse que le régisseur est autorisé à conserver est de 3 000 €,
Article 4 — Le régisseur doit verser la totalité des recettes encaissées chaque trimestre,
Article 5 — Le régisseur sera désigné par le Maire,
Article 6 — Le régisseur est dispensé de verser un cautionnement,
Article 7 — Le Maire et le Comptable public sont chargés, chacun en ce qui le concerne,
de l'exécution de la présente décision.""",
     [("instituer", None), ("installer", None), ("autoriser", 3000.0), ("verser", None),
      ("désigner", None), ("dispenser", None), ("charger", None)]),
    # Wingdings bullets and "Décide de <verbe>"
    ("""Après en avoir délibéré, le Conseil Municipal, à l'unanimité des Membres présents,
\uf0d8 Décide de verser une subvention de 400,00 € au CCAS pour le repas des Ainés.
\uf0d8 Charge Monsieur le Maire de financer cette dépense ; chapitre 65, article 6574.""",
     [("verser", 400.0), ("charger", None)]),
    # OCR of the same arrows, and a restated TTC amount
    ("""Après en avoir délibéré, le Conseil Municipal, à l'unanimité des Membres présents et représentés :
*”_ Entérine la seconde phase du projet de videoprotection,
Y Décide de retenir le devis présenté par la société pour un total, avec
maintenance, de 75 028,99€ HT, soit 90,34788€ TTC,
*_ Autorise Monsieur le Maire, ou son représentant, à signer tout document,
Ÿ_ Charge Monsieur le Maire de prévoir les crédits nécessaires au budget 2024.""",
     [("entériner", None), ("retenir", 75028.99), ("autoriser", None), ("charger", None)]),
    # DÉCIDE / PRÉCISE lines, and "PREND ACTE"
    ("""Le Conseil Municipal, après en avoir délibéré, à l’unanimité :
- DÉCIDE d’adopter la proposition du Maire
- DÉCIDE de modifier le tableau des emplois au 01/09/2025
- PRÉCISE que les crédits nécessaires sont inscrits au budget de l’exercice 2025
Madame Debuisser demande s’il ne serait pas plus rentable de faire venir une société.""",
     [("adopter", None), ("modifier", None), ("préciser", None)]),
    ("""Le Conseil Municipal, après en avoir délibéré, à l’unanimité :
- PREND ACTE du rapport définitif de la Chambre Régionale des Comptes""", [("prendre", None)]),
    # Capital verbs in prose, two decisions in one sentence
    ("""Le conseil Municipal après en avoir délibéré,
ACCEPTE ces modalités de calcul et charge le Maire d’émettre le titre de 1751,73 euros.""",
     [("accepter", None), ("charger", 1751.73)]),
    ("""Les Membres du Conseil Municipal après en avoir délibéré à l’unanimité,
DÉCIDENT de demander le remboursement de la somme de 22€ à la bibliothèque et CHARGE le Maire d’émettre le titre.""",
     [("demander", 22.0), ("charger", None)]),
    ("""Le Conseil Municipal après en avoir délibéré à l’unanimité, accepte de verser une dotation
exceptionnelle de 2500 euros à l’USYP.""", [("accepter", 2500.0)]),
    ("""Après avoir examiné les conditions, le Conseil Municipal ACCEPTE la nomination de Mme X
Les Membres du Conseil Municipal, après en avoir délibéré à l’unanimité,
DECIDENT,
- de créer un poste d’Adjoint Technique à temps non complet.
- De supprimer le poste d’Adjoint Technique Principal
- D’inscrire les sommes nécessaires au budget.""",
     [("accepter", None), ("créer", None), ("supprimer", None), ("inscrire", None)]),
    # DECIDE block with the vote line between, in capitals
    ("""DECIDE :
Par : DEUX voix POUR - ONZE voix CONTRE et 1 ABSTENTION
- DE DONNER UN AVIS DEFAVORABLE pour le projet éolien""", [("donner", None)]),
    # sub-bullets without a verb continue the item: several amounts -> no single amount
    ("""Après en avoir délibéré, le Conseil Municipal, à l’unanimité des Membres présents,
 Décide d’indemniser les trois exploitants, à savoir :
- Monsieur A, de la somme de 50,00 €
- Monsieur C, de la somme de 150,00 €
 Charge Monsieur le Maire de faire effectuer ces versements.""", [("indemniser", None), ("charger", None)]),
    # "Le conseil municipal désigne :" after visas
    ("""Après en avoir délibéré,
Vu l’article 1609 nonies C du code général des impôts
Le conseil municipal désigne :
• en qualité de membre titulaire M. Jean DUPONT""", [("désigner", None)]),
])
def test_operative_part(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("text, expected", [
    ("""Pour l’année 2022, il est proposé d’offrir un carnet de chèques cadeau d’un montant unique de 50 €, quel que soit l’âge.
Le montant total représente 450 € (9 enfants concernés).
Vote : Pour à l’unanimité""", [("offrir", 50.0)]),
    ("""Madame le maire propose aux membres du conseil municipal de lui donner délégation afin de créer les emplois.
Vote : pour à l'unanimité""", [("donner", None)]),
    ("""Il est proposé au Conseil Municipal de,
valider le projet, intitulé « Aménagement d’une aire de jeux »
accepter le projet pour un montant total de 39 000 € H.T
solliciter l’aide de :
- la Région pour 25 % sur le montant de 9750 €
s’engaget à assurer par fonds propres l’autofinancement.
autoriser Monsieur le Maire à effectuer toutes les démarches nécessaires et
signer tous les documents se rapportant à ce projet
Vote: à l'unanimité""",
     [("valider", None), ("accepter", 39000.0), ("solliciter", 9750.0), ("engager", None), ("autoriser", None)]),
    ("""Le maire propose au conseil municipal que la commune charge le Centre de Gestion de négocier un contrat.
Le conseil Municipal autorise le Maire à signer tout document relatif à cette affaire
Vote : à l'unanimité""", [("charger", None), ("autoriser", None)]),
    ("""Monsieur le Maire propose aux membres du conseil municipal de reporter la coupe de bois de 2022.
Les membres du conseil acceptent
Vote : à l'unanimité""", [("reporter", None)]),
    ("""Monsieur Le Maire propose au conseil municipal l'extension du périmètre communautaire
Les membres du conseil acceptent
Vote : à l'unanimité""", [("accepter", None)]),
])
def test_minutes_without_operative_block_use_the_proposal(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("text", [
    # Couthenans prints no decision verbs
    "Il n’y aura pas de coupe ONF pour l’année 2023.\n13 votes pour",
    "Le budget réservé aux associations s’élève à 2000€\nASSPEC : 600€\n13 votes",
    # an election result is not a decision
    "Après dépouillement, les résultats sont les suivants :\n-nombre de bulletins : 23\nM. le Maire proclame les résultats définitifs :",
    "Vote : unanimité",
])
def test_no_decision_printed(text):
    assert decisions(text, kind="minutes") == []


SAMPLE = ROOT / "samples" / "seed_hautes-terres_2025-05-22_digital.pdf"


@pytest.mark.skipif(not SAMPLE.exists(), reason="digital seed sample not generated")
def test_golden_digital_seed_decisions():
    from pipeline.text import read_document

    doc = read_document(SAMPLE)
    d = DeliberationText(seq=1, lines=doc.lines, sections={"body": doc.lines})
    got = [(x.verb, x.amount_eur) for x in extract_decisions(d)]
    assert got == [("approuver", 320000.0), ("préciser", None), ("préciser", None),
                   ("valider", None), ("préciser", None), ("adresser", None)]


@pytest.mark.parametrize("text, expected", [
    # the vote formula runs over the line: the verb is read in the sentence the lines make
    ("""Le Conseil municipal, après en avoir délibéré, par 14 voix pour et 17 voix
contre, approuve l’acquisition de la parcelle au prix de 11900€,
autorise la Présidente à signer l’acte et dit que les frais sont à la charge de la collectivité.""",
     [("approuver", 11900.0), ("autoriser", None), ("dire", None)]),
    ("""Le Conseil municipal, après en avoir délibéré, par 23 voix pour et 1 abstention (M.
LEBRETON), accepte la proposition de rachat d’un montant de 2 550 € et autorise le
Maire à procéder à la sortie du bien.""", [("accepter", 2550.0), ("autoriser", None)]),
    # "crée" is a present tense, not a participle
    ("""Le Conseil municipal, après en avoir délibéré, par 15 voix pour, crée un poste d’adjoint
technique, modifie le tableau des effectifs en conséquence et inscrit les crédits au budget.""",
     [("créer", None), ("modifier", None), ("inscrire", None)]),
    # Article N opening with a conjugated verb: that verb, not the one it governs
    ("""Le Conseil municipal, après en avoir délibéré, DÉCIDE :
Article 1er : Retient l’offre de l’entreprise pour un montant de 472 650 €.
Article 2 : Autorise Monsieur le Président à signer le marché.
Article 3 : Dit que la présente délibération sera transmise au représentant de l’État.
Article 4 : Charge Monsieur le Président de l’exécution de la présente délibération.""",
     [("retenir", 472650.0), ("autoriser", None), ("dire", None), ("charger", None)]),
    # HT and its TTC are two sums: no single amount
    ("""Le Conseil municipal, après en avoir délibéré, DÉCIDE :
Article 1 : Attribue une subvention de 3 800,50 € HT soit 4 560,60 € TTC à l’association.""",
     [("attribuer", None)]),
])
def test_prose_and_articles(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("text, expected", [
    # a list of infinitives in one proposal: one decision each
    ("""Il est proposé au Conseil municipal d’adopter le projet pour un coût estimé à 745 393,00 € TTC,
de solliciter une subvention au titre de la DETR et d’autoriser le Maire à signer les pièces.
Mise aux voix, la proposition est adoptée par 18 voix pour, 2 voix contre (M. ÉTIENNE, Mme
CHEVALIER) et 1 abstention (Mme FAURE).""",
     [("adopter", 745393.0), ("solliciter", None), ("autoriser", None)]),
    # one charge with two complements stays one decision
    ("""Le Conseil Municipal, après en avoir délibéré, à l’unanimité :
Charge Monsieur le Maire d’effectuer toutes démarches et de signer toutes pièces utiles.""",
     [("charger", None)]),
])
def test_lists_of_infinitives(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("text, expected", [
    # OCR reads the square bullet "■" as "=" and doubles the apostrophe of "D’"
    ("""Le Conseil municipal, après en avoir délibéré, DÉCIDE :
= D’'APPROUVER la modification des statuts du syndicat ;
= DE CHARGER le Maire de notifier la présente délibération au syndicat.""",
     [("approuver", None), ("charger", None)]),
    # pdfplumber prints an unmapped bullet glyph as "(cid:127)"
    ("""La Commission permanente, après en avoir délibéré, DÉCIDE :
(cid:127) D’APPROUVER l’acquisition de la parcelle au prix de 62 700 € ;
(cid:127) DE DIRE que les frais de notaire sont à la charge de la collectivité.""",
     [("approuver", 62700.0), ("dire", None)]),
    # "Article 1er" read as "Article ler"; OCR spacing after a wrapped article does not end them
    ("""Le Conseil communautaire, après en avoir délibéré, DÉCIDE :
Article ler : Admet en non-valeur les créances pour un montant total de 8.700,50 €.
Article 2 : Dit que la dépense sera imputée à l’article 6541.""",
     [("admettre", 8700.5), ("dire", None)]),
    # "DECIDE" without its accent, then numbered items
    ("""Le Conseil municipal, après en avoir délibéré, DECIDE:
1°) d'approuver le plan de financement ;
2) de solliciter une subvention de 25 000 € auprès de l'État ;
3. d'autoriser le Maire à signer toute pièce.""",
     [("approuver", None), ("solliciter", 25000.0), ("autoriser", None)]),
    # "DÉCIDE" with the vote formula after it on its line
    ("""Le Conseil Municipal, après en avoir délibéré,
DÉCIDE à l'unanimité
- de créer un poste d'adjoint technique,
- de modifier le tableau des effectifs.""", [("créer", None), ("modifier", None)]),
    # a verb in capitals after the vote formula opens the line: "VOTE" here is no vote line
    ("""Le Conseil municipal, après en avoir délibéré, (12 voix pour, 1 contre),
VOTE les taux d'imposition suivants : TFB 25 %, TFNB 40 %.""", [("voter", None)]),
    # the object of a verb ending a line is not a verb: "l'offre" is no form of "offrir"
    ("""Le Conseil municipal, après en avoir délibéré, (Pour : 4 - Contre : 11), retient
l'offre de l'entreprise pour un montant de 1 086 500 € HT soit 1 303 800,00 € TTC,
autorise le Maire à signer le marché et sollicite le concours financier de l'État.""",
     [("retenir", None), ("autoriser", None), ("solliciter", None)]),
    # the vote formula wraps onto a line that opens with a dash
    ("""Le Conseil communautaire, après en avoir délibéré, par TRENTE-CINQ voix POUR – ZÉRO voix CONTRE
– UNE ABSTENTION, admet en non-valeur les créances pour un montant total de 5 960 € HT et dit que la
dépense sera imputée à l’article 6541.""", [("admettre", 5960.0), ("dire", None)]),
    # a stray OCR mark between "et" and the next verb
    ("""Le Conseil communautaire, après en avoir délibéré, par 31 voix pour, prend acte de la
présentation du rapport annuel 2019 et E émet un avis favorable sur ce rapport.""",
     [("prendre", None), ("émettre", None)]),
    # a verb hyphenated over two lines
    ("""Le Conseil, après en avoir délibéré, par 12 voix pour et 3 abstentions
AUTO-
RISE le Maire à signer la convention.""", [("autoriser", None)]),
    # "décide" ending its line reads as the infinitive on the next one
    ("""Entendu l'exposé du Maire, le conseil municipal, à l'unanimité, décide
d'adhérer au groupement de commandes et autorise le Maire à signer la convention.""",
     [("adhérer", None), ("autoriser", None)]),
    # articles with no "DÉCIDE :" above them
    ("""Article 1er : Approuve le projet pour 1.234,56 euros.
Article 2 : Le Maire est autorisé à signer la convention.""", [("approuver", 1234.56), ("autoriser", None)]),
    # a numbered paragraph after the decided sentence is no part of it
    ("""Le Conseil Municipal après en avoir délibéré,
ACCEPTE les tarifs proposés pour les repas enfants à compter de septembre 2020.

2) Il propose d’appliquer le tarif suivant pour les adultes :
- 5.80€ pour les repas adultes""", [("accepter", None)]),
    # a speck OCR read before the dash of an item
    ("""Le Conseil municipal, après en avoir délibéré, DÉCIDE :
: — DE FIXER le montant de la redevance annuelle à 3,90 € par mètre carré ;
— DE DIRE que la recette sera inscrite au budget de l'exercice.""", [("fixer", 3.9), ("dire", None)]),
    # the vote formula wrapping after a count's colon, the decision after it
    ("""Le Conseil communautaire, après en avoir délibéré, (Pour : 33 - Contre : 1 (M. TESSIER) - Abstention :
1 (Mme LEROY)), approuve le bilan des objectifs, verse une dotation de 1 493 660 euros
et valide l'annexe opérationnelle pour l'année 2023.""", [("approuver", None), ("verser", 1493660.0), ("valider", None)]),
    # the "de" after DÉCIDE lost by OCR
    ("""Le Conseil municipal, après en avoir délibéré, à l'unanimité,
DÉCIDE fixer le montant de la redevance annuelle à 2,80 € par mètre carré ;
DIT que la recette sera inscrite au budget de l'exercice.""", [("fixer", 2.8), ("dire", None)]),
])
def test_ocr_and_layout_variants_of_the_operative_part(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("text, expected", [
    # OCR of "Il est proposé": "Il'est", "ll est", "1 est"
    ("""Il'est proposé au Conseil municipal d'approuver la modification des statuts et de charger
Madame la Maire de notifier la présente délibération au syndicat.""", [("approuver", None), ("charger", None)]),
    ("""ll est proposé au conseil municipal d'approuver la convention et d'autoriser le Maire à la signer.""",
     [("approuver", None), ("autoriser", None)]),
    ("""1 est proposé au Conseil municipal d'approuver la décision modificative n°103
. telle que présentée, pour un montant de 31 350 € HT et de charger le Maire de
_ l'exécution de la présente délibération.""", [("approuver", 31350.0), ("charger", None)]),
    ("""If est proposé au Comité syndical d'approuver la décision modificative n°404 telle que présentée, pour un
montant de 5281€ et de charger Monsieur le Président de l’exécution de la présente délibération.""",
     [("approuver", 5281.0), ("charger", None)]),
    ("""Ïl est proposé au Comité syndical d’attribuer une subvention exceptionnelle de 1 500,99 euros.""",
     [("attribuer", 1500.99)]),
    # a speck above "est" read as an accented capital glued to it
    ("""Il Èest proposé au Conseil municipal d'attribuer une subvention exceptionnelle de 500 euros à
l'association La Boule lyonnaise et de préciser que les crédits sont inscrits au budget.""",
     [("attribuer", 500.0), ("préciser", None)]),
    # a noun at a line's start that is one letter off a verb ("financier" / "financer")
    ("""Il est proposé au Conseil municipal de retenir l’offre de l’entreprise pour 901 000 € HT, d’autoriser
le Maire à signer le marché et ses avenants éventuels et de solliciter le concours
financier de l’État au titre de la DETR.""", [("retenir", 901000.0), ("autoriser", None), ("solliciter", None)]),
    # the assembly the proposal is put to is no subject: "prendre acte" is not "acter"
    ("""Il est proposé à la Commission permanente de prendre acte de la présentation du
rapport annuel 2019 et d’émettre un avis favorable sur ce rapport.
Vote : Pour : 15""", [("prendre", None), ("émettre", None)]),
])
def test_ocr_variants_of_the_proposal(text, expected):
    assert decisions(text, kind="minutes") == expected


def test_vote_formula_filed_under_counts_stays_in_the_sentence():
    """The layout may file the middle of "après en avoir délibéré, (Pour : 15 - Contre : 3 (…) -
    Abstention : 1), approuve …" under the counts: the verb it carries is still read."""
    d = DeliberationText.from_text(
        "Objet : Adhésion au service commun\n"
        "Le Conseil municipal, après en avoir délibéré, (Pour : 15 - Contre : 3 (Guillaume,\n"
        "Sandrine, Anthony) - Abstention : 1 (Fatima)), approuve l'adhésion au service commun\n"
        "d'instruction, autorise le Maire à signer la convention correspondante et désigne le\n"
        "Maire comme signataire des autorisations.\n"
        "Adopté à l'unanimité.", kind="minutes")
    lines = d.lines
    d.sections = {"header": lines[:1], "decide": lines[1:2], "counts": [lines[2], lines[5]], "body": lines[3:5]}
    assert [x.verb for x in extract_decisions(d)] == ["approuver", "autoriser", "désigner"]


@pytest.mark.parametrize("word, verb", [
    ("offre", "offrir"), ("l'offre", None), ("d'accord", None), ("s'engage", "engager"), ("APPROUVE", "approuver"),
])
def test_finite_verb_ignores_nouns_behind_an_elided_article(word, verb):
    from extractors.nlp import finite_verb
    assert finite_verb(word) == verb


@pytest.mark.parametrize("word, verb", [
    ("financier", None), ("foncier", None), ("approuvcr", "approuver"), ("s'engaget", "engager"),
])
def test_infinitive_repairs_ocr_slips_but_not_nouns(word, verb):
    from extractors.nlp import infinitive
    assert infinitive(word) == verb


@pytest.mark.parametrize("text, expected", [
    # an article whose subject is the collectivity: its present tense is the verb
    ("""LE CONSEIL MUNICIPAL, après en avoir délibéré,
DÉCIDE, à l'unanimité des membres présents et représentés :
Article 1 : La commune adhère au groupement.
Article 2 : Le Maire est autorisé à signer la convention.""", [("adhérer", None), ("autoriser", None)]),
    # the council named on the line above a list of bullets is their subject
    ("""Le Conseil Municipal, à l'unanimité des membres présents,
- émet un avis favorable au projet ;
- autorise le Maire à signer.""", [("émettre", None), ("autoriser", None)]),
])
def test_subjects_of_the_decided_items(text, expected):
    assert decisions(text, kind="minutes") == expected


@pytest.mark.parametrize("counts_filed", [True, False])
def test_not_voting_wrapped_onto_its_own_line_is_no_decision(counts_filed):
    """"… – Ne / prend pas part au vote : 1 (M. X)": the wrapped end of the vote formula opens a
    line with a verb, but a negated one, whether or not the layout files the formula's first line
    under the counts."""
    d = DeliberationText.from_text(
        "Objet : Création d'un poste\n"
        "Le Conseil syndical, après en avoir délibéré, DÉCIDE :\n"
        "- de créer un poste d'adjoint technique territorial à temps complet ;\n"
        "- d'inscrire les crédits nécessaires au chapitre 012 du\n"
        "budget.\n"
        "Vote : Pour : 13 – Contre : 2 (Mme D'ALMEIDA, M. MEYER) – Abstention : 1 (Mme O'NEILL) – Ne\n"
        "prend pas part au vote : 1 (M. BÉRARD)\n"
        "La délibération est adoptée.", kind="minutes")
    if counts_filed:
        lines = d.lines
        d.sections = {"header": lines[:1], "decide": lines[1:5], "counts": [lines[5]], "body": lines[6:]}
    assert [x.verb for x in extract_decisions(d)] == ["créer", "inscrire"]


@pytest.mark.parametrize("text", [
    "n'ont pas pris part au vote : 2",
    "ne participe pas au vote : Mme X",
    "prennent pas part au vote : 2 (M. X, Mme Y)",
])
def test_not_voting_formula_ends_the_operative_part(text):
    body = "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n- d'approuver le projet ;\n" + text
    assert decisions(body, kind="minutes") == [("approuver", None)]
