"""Layout: a file's lines -> session preamble + one DeliberationText per voted item, with sections."""
import json
import re
from pathlib import Path

import pytest

from pipeline.layout import lines_from_text, lines_from_text_pages, segment, segment_lines, split_sections
from pipeline.model import SECTION_NAMES, Line, clean_text

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "corpus" / "real"
TRUTH = ROOT / "tests" / "truth"
SEED = ROOT / "tests" / "corpus" / "seed" / "seed_hautes-terres_2025-05-22.txt"


def seg(*pages: str):
    return segment_lines(lines_from_text_pages(list(pages)))


def headings(delibs):
    return [d.lines[0].text for d in delibs]


def texts(lines):
    return [l.text for l in lines]


MINUTES = """\
PROCES-VERBAL DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Présents : Jean DUPONT, Marie MARTIN, Paul DURAND
Pouvoirs : Anne PETIT à Jean DUPONT
Secrétaire de séance : Marie MARTIN
1/ Approbation du compte rendu de la séance précédente
Le compte rendu de la séance du 5 février est adopté à l'unanimité.
2/ Travaux de voirie rue des Écoles :
Le maire présente les devis reçus.
Le conseil municipal approuve le devis de l'entreprise Martin pour 12 500 €.
Vote : 11 pour, 1 contre, 0 abstention
3/ Tarifs de la cantine :
Il est proposé de fixer le prix du repas à 3,50 €.
Adopté à l'unanimité.
4/ Questions diverses
Le maire informe le conseil de la date de la fête du village.
La séance est levée à 21h30.
"""


def test_numbered_minutes_keep_only_voted_items():
    kind, session, delibs = seg(MINUTES)
    assert kind == "minutes"
    assert headings(delibs) == ["2/ Travaux de voirie rue des Écoles :", "3/ Tarifs de la cantine :"]
    assert [d.seq for d in delibs] == [1, 2]
    assert texts(session)[-1] == "Secrétaire de séance : Marie MARTIN"
    assert all(d.session == session and d.kind == "minutes" for d in delibs)


def test_before_holds_the_items_between_session_and_item():
    _, _, delibs = seg(MINUTES)
    before = texts(delibs[1].before)
    assert before[0] == "1/ Approbation du compte rendu de la séance précédente"
    assert "Vote : 11 pour, 1 contre, 0 abstention" in before
    assert delibs[0].before[-1].text.startswith("Le compte rendu de la séance")


def test_closing_line_is_not_part_of_the_last_item():
    text = MINUTES.replace("4/ Questions diverses\nLe maire informe le conseil de la date de la fête du village.\n", "")
    _, _, delibs = seg(text)
    assert texts(delibs[-1].lines)[-1] == "Adopté à l'unanimité."


EXTRACT = """\
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
DU CONSEIL MUNICIPAL DE SAINT-EXEMPLE
Séance du 3 avril 2025
Membres en exercice : 15 - Présents : 12 - Votants : 13
Présents : Jean DUPONT, Marie MARTIN
Objet : Acquisition d'un terrain rue du Stade
Vu le code général des collectivités territoriales ;
Vu l'avis du service des domaines en date du 2 mars 2025,
Considérant l'intérêt de constituer une réserve foncière ;
Le Conseil municipal, après en avoir délibéré, à l'unanimité,
DÉCIDE :
- D'APPROUVER l'acquisition de la parcelle AB 12 pour 15 000 € ;
- D'AUTORISER le Maire à signer l'acte.
Fait et délibéré les jour, mois et an susdits.
Annexe 1 : plan de la parcelle
Parcelle Surface Prix
AB 12 1 200 m2 15 000 €
"""


def test_extract_is_one_deliberation_from_its_subject():
    kind, session, delibs = seg(EXTRACT)
    assert kind == "extract"
    assert len(delibs) == 1
    d = delibs[0]
    assert d.lines[0].text == "Objet : Acquisition d'un terrain rue du Stade"
    assert texts(session)[-1] == "Présents : Jean DUPONT, Marie MARTIN"
    assert texts(d.lines)[-1] == "AB 12 1 200 m2 15 000 €"  # the annex table stays with it
    assert d.kind == "extract" and d.before == []


def test_extract_sections():
    _, _, (d,) = seg(EXTRACT)
    s = {k: texts(v) for k, v in d.sections.items()}
    assert s["header"] == ["Objet : Acquisition d'un terrain rue du Stade"]
    assert s["visas"] == ["Vu le code général des collectivités territoriales ;",
                          "Vu l'avis du service des domaines en date du 2 mars 2025,",
                          "Considérant l'intérêt de constituer une réserve foncière ;"]
    assert s["decide"] == ["Le Conseil municipal, après en avoir délibéré, à l'unanimité,", "DÉCIDE :",
                           "- D'APPROUVER l'acquisition de la parcelle AB 12 pour 15 000 € ;",
                           "- D'AUTORISER le Maire à signer l'acte."]
    assert s["annexes"][0] == "Annexe 1 : plan de la parcelle" and len(s["annexes"]) == 3
    assert s["body"] == ["Fait et délibéré les jour, mois et an susdits."]


@pytest.mark.parametrize("text", [MINUTES, EXTRACT])
def test_every_line_in_exactly_one_section_in_order(text):
    _, _, delibs = seg(text)
    for d in delibs:
        assert set(d.sections) == set(SECTION_NAMES)
        flat = [l for name in SECTION_NAMES for l in d.sections[name]]
        assert sorted(map(id, flat)) == sorted(map(id, d.lines))
        for lines in d.sections.values():
            pos = [next(i for i, x in enumerate(d.lines) if x is l) for l in lines]
            assert pos == sorted(pos)


ACTS = """\
PROCES VERBAL DU CONSEIL MUNICIPAL
Séance du 23 juillet 2020
Présents : M. DUPONT Jean, Mme MARTIN Marie
Approbation du Procès verbal du Conseil Municipal du 10/06/2020
Aucune observation.
2020-038 SUBVENTION EXCEPTIONNELLE AU CLUB DE FOOTBALL
Le Conseil Municipal après en avoir délibéré à l'unanimité, accepte de verser 2500 euros.
2020-039 CANTINE- TARIFS POUR LA RENTREE
1) Il propose d'appliquer les tarifs suivants pour les enfants :
Le Conseil Municipal après en avoir délibéré, Par 13 voix POUR – 1 voix CONTRE
ACCEPTE les tarifs proposés pour les enfants.
2) Il propose d'appliquer le tarif suivant pour les adultes :
Le Conseil Municipal après en avoir délibéré à l'unanimité,
ACCEPTE les tarifs proposés pour les adultes.
2020- 040 REDEVANCE POUR OCCUPATION DU DOMAINE PUBLIC
Le conseil Municipal après en avoir délibéré, ACCEPTE ces modalités de calcul.
QUESTIONS DIVERSES
Nettoyage de la place des Halles.
La séance est levée à 20H50- Le Conseil Municipal a délibéré 3 fois -
2020-038 Subvention exceptionnelle au club de football
2020-039 Cantine- Tarifs pour la rentrée
2020-040 Redevance pour occupation du domaine public
"""


def test_act_numbers_head_items_and_inner_numbered_lists_do_not():
    _, _, delibs = seg(ACTS)
    assert [h.split()[0] for h in headings(delibs)] == ["2020-038", "2020-039", "2020-"]
    assert len(delibs[1].lines) == 7


def test_recap_list_at_the_end_is_not_an_item():
    _, _, delibs = seg(ACTS)
    assert len(delibs) == 3
    assert texts(delibs[-1].lines)[-1] == "Le conseil Municipal après en avoir délibéré, ACCEPTE ces modalités de calcul."


def test_recap_list_without_closing_line_is_trimmed():
    text = """\
COMMUNE DE SAINT-EXEMPLE
SEANCE DU 9 SEPTEMBRE 2019
Secrétaire : M. Daniel ROCHER
2019-09-01 CONVENTION AVEC EDF
Après en avoir délibéré, le Conseil Municipal, à l'unanimité des membres présents ;
Approuve la convention.
2019-09-02 60ème ANNIVERSAIRE DU LAC
Après en avoir délibéré, le Conseil Municipal, à l'unanimité des membres présents ;
Décide de verser 400,00 €.
DELIBERATIONS
2019-09-01 CONVENTION AVEC EDF
2019-09-02 60ème ANNIVERSAIRE DU LAC
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["2019-09-01 CONVENTION AVEC EDF", "2019-09-02 60ème ANNIVERSAIRE DU LAC"]
    assert texts(delibs[-1].lines)[-1] == "Décide de verser 400,00 €."


def test_decisions_taken_by_delegation_are_not_an_item():
    text = """\
Conseil Municipal du 07/07/2025
Présents : Madame Florence DEMOUY, Monsieur Gilles PAPIN
Décisions prises par délégation du Conseil Municipal au maire :
- DM2024-05 : Attribution d'une concession funéraire
- DM2025-06 : Renouvellement du contrat illiwap
I. AFFAIRES GÉNÉRALES
D2025-027- Objet : Création d'un emploi d'adjoint technique
Le Conseil Municipal, après en avoir délibéré, à l'unanimité :
- DÉCIDE de créer l'emploi
II. PERSONNEL
D2025-028- Objet : Modification du tableau des emplois
Le Conseil Municipal, après en avoir délibéré, à l'unanimité :
- DÉCIDE de modifier le tableau des emplois
"""
    _, _, delibs = seg(text)
    assert [h[:8] for h in headings(delibs)] == ["D2025-02", "D2025-02"]
    assert "II. PERSONNEL" not in texts(delibs[0].lines)


def test_items_without_vote_and_information_items_are_dropped():
    text = """\
CR du conseil municipal 7 octobre 2022
Présents : Jean-Pierre, Nelly, Yves
1/ ONF Etat d'assiette 2023 :
Il n'y aura pas de coupe ONF pour l'année 2023.
13 votes pour
2/ Présentation d'un projet de maison d'assistante maternelle :
La délibération sera réalisée au prochain conseil.
3/ Information relative au camping municipal
Le montant de l'opération est estimé à 1 707 891 € TTC.
4/ Subventions aux associations :
13 votes
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1/ ONF Etat d'assiette 2023 :", "4/ Subventions aux associations :"]


def test_numbered_agenda_before_the_items_stays_in_the_session():
    text = """\
Conseil Municipal du 22 novembre 2022
Ordre du jour
1. Noël 2022 - cartes cadeaux pour les enfants du personnel
2. Convention pour le remboursement de frais engagés par la commune
_________
1. Noël 2022 - cartes cadeaux pour les enfants du personnel
Il est proposé d'offrir un carnet de chèques cadeau de 50 €.
Vote : Pour à l'unanimité
2. Convention pour le remboursement de frais engagés par la commune
Il est proposé d'autoriser Madame le Maire à signer la convention.
Vote : pour à l'unanimité
"""
    _, session, delibs = seg(text)
    assert len(delibs) == 2
    assert "2. Convention pour le remboursement de frais engagés par la commune" in texts(session)
    assert delibs[0].lines[0] is not session[2]


# Minutes without numbering: headings are found on the agenda and after each vote line, with
# OCR slips in the procedural headings.
FLAUX_P1 = """\
REPUBLIQUE FRANCAISE
DEPARTEMENT du GARD
Nombre de membres
en exercice : 11
qui ont pris part à la délibération : 9
COMPTE RENDU du CONSEIL MUNICIPAL
Présents : Denis JUVIN - Catherine MARTEL
Nomination du secrétaire
Monsieur le Maire propose la candidature de Michel VAILLIES
Vote : à l'unanimité
Ordre du jout
Approbation du compte rendu du conseil du 16 juin 2021
Contrat d'assurance contre les risques statutaires
CCPU Extension à la commune d'ARGILLIERS
Questions diverses
Approbation du compte rendu du Conseil Municipal du 16 juin 2021
Monsieur le Maire demande s'il y a des observations.
Vote : à l'unanimité
Contrat d'assurance contre les risques statutaires
Le maire propose au conseil municipal que la commune charge le Centre de Gestion
"""
FLAUX_P2 = """\
REPUBLIQUE FRANÇAISE
DEPARTEMENT du GARD
Nombre de membres
en exercice : il
qui ont pris part à la délibération : 9
de négocier un contrat groupe.
Le conseil Municipal autorise le Maire à signer tout document relatif à cette affaire
Vote : à l'unanimité
Monsieur le Maire propose aux membres du conseil municipal de reporter la coupe de bois.
Les membres du conseil acceptent
Vote : à l'unanimité
uestions divetses
Mr le Maire informe les membres du Conseil municipal des travaux de l'école.
Séance levée à 19h
"""


def test_unnumbered_minutes_split_on_agenda_and_votes():
    kind, session, delibs = seg(FLAUX_P1, FLAUX_P2)
    assert kind == "minutes"
    assert [d.lines[0].text for d in delibs] == [
        "Contrat d'assurance contre les risques statutaires",
        "Monsieur le Maire propose aux membres du conseil municipal de reporter la coupe de bois.",
    ]
    assert [(d.page_start, d.page_end) for d in delibs] == [(1, 2), (2, 2)]
    assert "Nomination du secrétaire" in texts(session)


def test_a_sentence_quoting_an_agenda_entry_opens_no_item():
    # "Considérant que les zones d'accélération pour l'implantation …" is close to the entry by
    # ratio, but a heading starts as its entry does.
    p1 = ("PROCES VERBAL\nSéance du 15 décembre 2023\nPrésents : Denis JUVIN\nOrdre du jour\n"
          "> Zones d'accélération pour l'implantation d'installations terrestres\n"
          "> Dépenses d'investissement avant le vote du budget 2024\n"
          "Zones d'accélération pour l'implantation d'installations terrestres\n"
          "Vu la loi n° 2023-175 du 10 mars 2023 ;\n")
    p2 = ("Considérant que les zones d'accélération pour l'implantation d'installations terrestres\n"
          "contribuent à la solidarité entre les territoires ;\n"
          "Le conseil approuve les zones.\nLe maire est chargé de transmettre la carte au référent.\n"
          "Vote : unanimité\n"
          "Dépenses d'investissement avant le vote du budget 2024\n"
          "Le conseil autorise le maire à mandater les dépenses.\nVote : unanimité\n")
    _, _, delibs = seg(p1 + p2)
    assert headings(delibs) == ["Zones d'accélération pour l'implantation d'installations terrestres",
                                "Dépenses d'investissement avant le vote du budget 2024"]


def test_repeated_side_column_leaves_items_but_first_page_copy_stays_in_session():
    _, session, delibs = seg(FLAUX_P1, FLAUX_P2)
    own = texts(delibs[0].lines)
    assert "Nombre de membres" not in own and "REPUBLIQUE FRANÇAISE" not in own
    assert "en exercice : 11" in texts(session)


def test_prefecture_stamp_is_furniture_kept_in_session():
    stamp = "Envoyé en préfecture le 12/02/2024\nReçu en préfecture le 12/02/2024\nPublié le\nID : 030-213001100-20240202-PV15122023-DE\n"
    p1 = stamp + "PROCES VERBAL\nSéance du 15 décembre 2023\nPrésents : Denis JUVIN\n" \
        "1. Zones d'accélération des énergies renouvelables\nVote : unanimité\n"
    p2 = stamp + "2. Dépenses d'investissement avant le vote du budget\nVote : unanimité\n"
    _, session, delibs = seg(p1, p2)
    assert len(delibs) == 2
    assert "Reçu en préfecture le 12/02/2024" in texts(session)
    assert any("030-213001100" in t for t in texts(session))
    for d in delibs:
        assert not any("préfecture" in t or "030-213001100" in t for t in texts(d.lines))
    assert delibs[1].page_start == 2


@pytest.mark.parametrize("heading", [
    "1/ Recensement voirie communale :",
    "1. Recensement voirie communale",
    "1) Recensement voirie communale",
    "I – Recensement voirie communale",
    "Délibération n° 2020-045 : Recensement voirie communale",
    "D2025-027 - Recensement voirie communale",
    "2019-09-01 RECENSEMENT VOIRIE COMMUNALE",
    "20240219 1-Recensement voirie communale",
    "N° 2024-012 Recensement voirie communale",
    "OBJET : Recensement voirie communale",
    "DEL-2021-042 – Recensement voirie communale",
    "Délibération n°DCM-2021-042 : Recensement voirie communale",
    "CC_2022_14 - Recensement voirie communale",
    "Délibération n° 1 : Recensement voirie communale",
    "Point n°1 – Recensement voirie communale",
    "POINT 1 : Recensement voirie communale",
    "Question n° 1 - Recensement voirie communale",
    # OCR: a speck before the label, the year split before its last figure
    ": Délibération n°201 9-101 : Recensement voirie communale",
])
def test_heading_forms(heading):
    second = heading.replace("1", "2", 1) if "OBJET" not in heading else "OBJET : Tarifs de la salle des fêtes"
    if heading.startswith("I "):
        second = "II – Tarifs de la salle des fêtes"
    text = f"""\
Procès-verbal de la séance du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
{heading}
Le conseil municipal, après en avoir délibéré, DECIDE de recenser la voirie.
{second}
Après en avoir délibéré, le conseil adopte les tarifs à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == [heading, second]


@pytest.mark.parametrize("line,section", [
    ("Vu le Code général des collectivités territoriales ;", "visas"),
    ("Considérant qu'il convient de nommer des délégués,", "visas"),
    ("DECIDE :", "decide"),
    ("Article 3- Le montant maximum de l'encaisse est de 3 000 €,", "decide"),
    ("Atticle 4 — Le régisseur doit verser la totalité des recettes", "decide"),
    ("Y_ Autorise Monsieur le Maire, ou son représentant, à signer tout document", "decide"),
    ("Il est proposé au Conseil Municipal de,", "decide"),
    ("Vote : à l'unanimité", "counts"),
    ("Par 13 voix POUR – 1 ABSTENTION", "counts"),
    ("3 abstentions 8 votes pour", "counts"),
    ("Pour : 16", "counts"),
    ("Monsieur Leroux quitte la salle.", "attendance"),
    ("Madame Debuisser demande s'il ne serait pas plus rentable de faire appel à une société.", "body"),
])
def test_line_roles(line, section):
    lines = [Line.synthetic("1/ Objet de test", top=0), Line.synthetic(line, top=12)]
    sections = split_sections(lines)
    assert texts(sections[section]) == [line]


def test_multi_line_heading_goes_to_header():
    lines = [Line.synthetic(t, top=12 * i) for i, t in enumerate([
        "2. Délégation à donner à Madame le maire pour la création d'emplois pour besoin saisonnier dans le",
        "cadre de l'Accueil de Loisirs – Année 2023",
        "Afin d'assurer le fonctionnement de l'accueil de loisirs, Madame le maire propose la création.",
    ])]
    assert len(split_sections(lines)["header"]) == 2


def test_text_dump_pages():
    lines = lines_from_text("a\fb\nc\f")
    assert [(l.page, l.text) for l in lines] == [(1, "a"), (2, "b"), (2, "c")]
    lines = lines_from_text("=== PAGE p-1.png\na\n=== PAGE p-2.png\nb\n")
    assert [(l.page, l.text) for l in lines] == [(1, "a"), (2, "b")]


def test_seed_extract_keeps_its_objectives_table():
    # The seed is Markdown-ish text: its emphasis marks are not part of the printed words.
    text = re.sub(r"\*\*|</?b>|^#+\s*", "", SEED.read_text(encoding="utf-8"), flags=re.M)
    kind, session, delibs = segment_lines(lines_from_text(text))
    assert kind == "extract" and len(delibs) == 1
    d = delibs[0]
    assert d.lines[0].text.startswith("Objet : Validation de l'annexe opérationnelle")
    assert "Membres en exercice : 60" in texts(session)
    assert d.section("decide")[0].text == "Après en avoir délibéré, DÉCIDE :"
    assert len(d.section("visas")) == 6  # 4 "Vu", 1 "Considérant", "Où l'exposé …"
    annex = texts(d.section("annexes"))
    assert annex[0] == "Annexe opérationnelle année 2025"
    rows = [t for t in annex if re.match(r"^\d{1,3} ", t)]
    assert set(range(1, 101)) <= {int(t.split()[0]) for t in rows}
    assert d.lines[-1].text == clean_text([t for t in text.splitlines() if t.strip()][-1])


# --------------------------------------------------------------------------- real PDFs
EXPECTED = {
    "couthenans_2021-11-05_cr": 3,
    "couthenans_2022-10-07_cr": 5,
    "pierrefonds_2022-11-22_pv": 4,
    "pierrefonds_2025-07-07_pv": 3,
    "preuilly-sur-claise_2020-07-23_pv": 15,
    "putanges-le-lac_2019-09-09_pv": 5,
    "putanges-le-lac_2023-06-09_extrait-senatoriales": 1,
    "putanges-le-lac_2024-02-19_pv": 7,
    "flaux_2021-09-24_cr": 3,
    "flaux_2021-10-15_cr": 2,
    "flaux_2023-12-15_pv": 5,
}
SCANNED = {"putanges-le-lac_2023-06-09_extrait-senatoriales", "putanges-le-lac_2024-02-19_pv",
           "flaux_2021-09-24_cr", "flaux_2021-10-15_cr", "flaux_2023-12-15_pv"}


@pytest.fixture(scope="module")
def read_real():
    """read_document once per file for this module (OCR costs ~1-2 s a page)."""
    from pipeline.text import read_document

    cache = {}

    def read(stem):
        if stem not in cache:
            cache[stem] = read_document(REAL / f"{stem}.pdf")
        return cache[stem]
    return read


def _params():
    for stem in EXPECTED:
        marks = [pytest.mark.slow] if stem in SCANNED else []
        yield pytest.param(stem, marks=marks, id=stem)


@pytest.mark.parametrize("stem", list(_params()))
def test_real_pdf_deliberations_and_pages(stem, read_real):
    layout = segment(read_real(stem))
    assert len(layout.deliberations) == EXPECTED[stem]
    assert layout.kind == ("extract" if "extrait" in stem else "minutes")
    truth_file = TRUTH / f"{stem}.json"
    if truth_file.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))["deliberations"]
        want = [(t.get("page_start"), t.get("page_end")) for t in truth]
        got = [(d.page_start, d.page_end) for d in layout.deliberations]
        assert got == want


# --------------------------------------------------------------------------- more shapes
def test_act_number_on_its_own_line_heads_the_item_with_its_objet():
    text = """\
Procès-verbal de la séance du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
DELIBERATION N° 2023-014
Objet : Vote des taux d'imposition
Le conseil municipal, après en avoir délibéré, DECIDE de maintenir les taux.
DELIBERATION N° 2023-015
Objet : Tarifs de la salle des fêtes
Après en avoir délibéré, le conseil adopte les tarifs à l'unanimité.
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["DELIBERATION N° 2023-014", "DELIBERATION N° 2023-015"]
    assert texts(delibs[0].sections["header"]) == ["DELIBERATION N° 2023-014", "Objet : Vote des taux d'imposition"]


def test_numbering_survives_one_heading_lost_by_ocr():
    text = """\
Compte rendu du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
1/ Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2/ Tarifs de la cantine
Le conseil fixe le prix du repas à 3,50 €. Vote : unanimité
Subvention au club de football
Le conseil attribue 500 € au club. Vote : unanimité
4/ Convention avec la commune voisine
Le conseil autorise le maire à signer. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert [h[:2] for h in headings(delibs)] == ["1/", "2/", "4/"]


def test_ocr_bracket_for_a_slash_keeps_the_numbering():
    text = """\
Compte rendu du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
1/ Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2/ Tarifs de la cantine
Le conseil fixe le prix du repas à 3,50 €. Vote : unanimité
3] Subvention au club de football
Le conseil attribue 500 € au club. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert [h[:2] for h in headings(delibs)] == ["1/", "2/", "3]"]


def _row(text, page, x0, top, height=9.0, char=5.0):
    """A Line with real geometry (as the text stage gives), words laid left to right from x0."""
    from pipeline.model import Word
    words, x = [], x0
    for tok in text.split():
        words.append(Word(tok, page, x, top, x + char * len(tok), top + height))
        x += char * len(tok) + 4
    return Line.from_words(words)


def test_heading_label_read_after_its_title_is_put_back_in_front():
    # OCR gave the row "5 - Attribution d'une subvention" as two lines, the label last.
    lines = [
        _row("COMPTE RENDU DU CONSEIL MUNICIPAL", 1, 60, 40),
        _row("Présents : Jean DUPONT, Marie MARTIN", 1, 60, 60),
        _row("4 - Tarifs de la cantine scolaire", 1, 54, 80),
        _row("Le conseil fixe le prix du repas. Vote : unanimité", 1, 54, 100),
        _row("Attribution d'une subvention au club", 1, 68, 120),
        _row("5 -", 1, 54, 121.5),
        _row("Le conseil attribue 500 € au club. Vote : unanimité", 1, 54, 140),
    ]
    _, _, delibs = segment_lines(lines)
    assert headings(delibs) == ["4 - Tarifs de la cantine scolaire", "5 - Attribution d'une subvention au club"]


def test_heading_repeated_in_a_recap_list_on_a_later_page_is_not_furniture():
    from pipeline.layout import split_furniture
    heading = _row("2025-024 – Adhésion au service commun d'instruction des", 2, 151, 300)
    recap = _row("2025-024 Adhésion au service commun d'instruction des autorisations d'urbanisme", 3, 116, 290)
    running = [_row("Commune de Saint-Exemple - séance du 3 avril 2025", p, 60, 20) for p in (1, 2, 3)]
    lines = [running[0], _row("Présents : Jean DUPONT", 1, 60, 100), running[1], heading,
             _row("Vote : unanimité", 2, 151, 320), running[2], recap]
    content, furniture = split_furniture(lines)
    assert heading in content and recap in content
    assert running == [l for l in furniture]


def _naive_repeated(lines, need):
    """The definition, pairwise: line i is furniture-like when a line at the same place with the
    same furniture key is on `need` pages (its own included)."""
    from pipeline.layout.furniture import _Places
    places = _Places(lines)
    out = set()
    for i in range(len(lines)):
        pages = {lines[i].page}
        for j in range(len(lines)):
            if lines[j].page != lines[i].page and places.same_place(i, j) and places.same_text(i, j):
                pages.add(lines[j].page)
        if len(pages) >= need:
            out.add(i)
    return out


def test_bucketed_furniture_lookup_equals_the_pairwise_definition():
    import random
    from pipeline.layout.furniture import _Places
    rng = random.Random(3)
    texts_ = ["Commune de Saint-Exemple", "Nombre de membres", "en exercice : 15", "Le conseil approuve",
              "Page 1 sur 3", "Séance du 3 avril 2025", "Vote : unanimité", "Présents : Jean DUPONT"]
    for _ in range(20):
        lines = []
        for page in range(1, rng.randint(2, 9)):
            for k in range(rng.randint(1, 25)):
                lines.append(_row(rng.choice(texts_), page, rng.choice((40, 60, 130)), rng.uniform(0, 800)))
        places = _Places(lines)
        for need in (2, 3, 5):
            assert {i for i in range(len(lines)) if places.repeated_on(i, need)} == _naive_repeated(lines, need)


def test_furniture_split_is_near_linear_in_pages():
    """Four times the pages costs about four times the CPU, not sixteen (the pairwise version took
    minutes on 40 pages). A ratio of CPU times: no wall-clock limit that a loaded machine breaks."""
    import time
    from pipeline.layout import split_furniture
    page = [f"Ligne {k} du compte rendu, texte ordinaire numéro {k}" for k in range(40)]

    def cpu(pages: int) -> float:
        lines = [_row(t, p, 60, 40 + 18 * k) for p in range(1, pages + 1) for k, t in enumerate(page)]
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            split_furniture(lines)
            best = min(best, time.process_time() - start)
        return best

    assert cpu(40) < 9.0 * max(cpu(10), 1e-3)


def test_bold_titles_above_the_roll_call_stay_in_the_session():
    spec = [("MAIRIE DE SAINT-EXEMPLE", True), ("COMPTE RENDU DU CONSEIL MUNICIPAL", True),
            ("Séance du 3 avril 2025", False), ("Présents : Jean DUPONT, Marie MARTIN, Paul DURAND", False),
            ("Absents excusés : Anne PETIT", False), ("Secrétaire de séance : Marie MARTIN", False),
            ("Travaux de voirie rue des Écoles", True), ("Le maire présente les devis reçus.", False),
            ("Le conseil municipal approuve le devis de l'entreprise Martin.", False), ("Adopté à l'unanimité.", False),
            ("Tarifs de la cantine", True), ("Il est proposé de fixer le prix du repas à 3,50 €.", False),
            ("Adopté à l'unanimité.", False)]
    lines = [Line.synthetic(t, 1, top=12 * i, bold=b) for i, (t, b) in enumerate(spec)]
    kind, session, delibs = segment_lines(lines)
    assert kind == "minutes"
    assert texts(session) == [t for t, _ in spec[:6]]
    assert headings(delibs) == ["Travaux de voirie rue des Écoles", "Tarifs de la cantine"]
    assert delibs[0].before == []


@pytest.mark.parametrize("heading,number", [
    ("Point n°1 —- MODIFICATION DES STATUTS DU SYNDICAT", 1),  # OCR doubles the dash
    ("2 —- Création d'un poste d'adjoint technique", 2),
    ("= D2022-119 - Décision modificative n°238", None),  # a margin mark read before the number
    ("| 2020-045 Tarifs de la cantine", None),
])
def test_ocr_noise_around_heading_labels(heading, number):
    from pipeline.layout import heading_style
    style = heading_style(Line.synthetic(heading))
    assert style is not None and style[1] == number


@pytest.mark.parametrize("mangled", [
    "2 DEMANDE DE SUBVENTION AU TITRE DE LA DETR",  # the " - " split off by OCR
    "21 Demande de subvention au titre de la DETR",  # "2/" read as "21"
])
def test_missing_number_between_two_headings_is_found_in_a_mangled_label(mangled):
    text = f"""\
Compte rendu du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
1 - Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
{mangled}
Le conseil sollicite une subvention. Vote : unanimité
3 - Convention avec la commune voisine
Le conseil autorise le maire à signer. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert headings(delibs) == ["1 - Travaux de voirie", mangled, "3 - Convention avec la commune voisine"]


def test_a_number_inside_an_item_is_not_taken_for_a_lost_heading():
    text = """\
Compte rendu du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
1 - Travaux de voirie
Le conseil municipal approuve le devis. Vote : unanimité
2 - Tarifs de la cantine
Le conseil fixe le prix du repas. Vote : unanimité
3 Abstentions sur ce point.
4 - Convention avec la commune voisine
Le conseil autorise le maire à signer. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert [h[:3] for h in headings(delibs)] == ["1 -", "2 -", "4 -"]


@pytest.mark.parametrize("first,second,third", [
    ("4.", "2.", "3."),  # the "1" of the first heading read as "4"
    ("1.", "7.", "3."),  # the "2" read as "7"
])
def test_a_heading_digit_misread_by_ocr_keeps_its_place_in_the_numbering(first, second, third):
    text = f"""\
Procès-verbal de la séance du conseil municipal
Présents : Jean DUPONT, Marie MARTIN
{first} Attribution d'une subvention exceptionnelle
Le conseil attribue 500 € à l'association. Vote : unanimité
{second} Admission en non-valeur de créances
Le conseil admet en non-valeur 2 500 €. Vote : unanimité
{third} Fixation de la redevance d'occupation du domaine public
Le conseil fixe la redevance. Vote : unanimité
"""
    _, _, delibs = seg(text)
    assert [h[:2] for h in headings(delibs)] == [first, second, third]


def test_items_printing_the_same_counts_at_the_same_height_keep_their_count_lines():
    # Each item prints its own count line; on pages 2 and 3 they fall at the same height with the
    # same figures, which is what a margin box repeated on every page looks like -- except that
    # a box starts on the first page, once per page.
    p1 = """\
PROCES-VERBAL DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Présents : Jean DUPONT, Marie MARTIN
Présents : 26 – Représentés : 1 – Votants : 27
1. Travaux de voirie
Le conseil approuve le devis. Vote : unanimité
"""
    p2 = """\
2. Tarifs de la cantine
Présents : 25 – Représentés : 1 – Votants : 26
Le conseil fixe le prix du repas. Vote : unanimité
"""
    p3 = """\
3. Convention avec la commune voisine
Présents : 25 – Représentés : 1 – Votants : 26
Le conseil autorise le maire à signer. Vote : unanimité
"""
    _, _, delibs = seg(p1, p2, p3)
    assert [[l.text for l in d.lines if "Votants" in l.text] for d in delibs] == [
        [], ["Présents : 25 – Représentés : 1 – Votants : 26"], ["Présents : 25 – Représentés : 1 – Votants : 26"]]


def test_a_box_of_counts_repeated_on_every_page_is_furniture():
    box = "Présents : 25\nVotants : 26\n"
    p1 = box + """\
PROCES-VERBAL DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Présents : Jean DUPONT, Marie MARTIN
1. Travaux de voirie
Le conseil approuve le devis. Vote : unanimité
"""
    p2 = box + "2. Tarifs de la cantine\nLe conseil fixe le prix du repas. Vote : unanimité\n"
    p3 = box + "3. Convention avec la commune voisine\nLe conseil autorise le maire à signer. Vote : unanimité\n"
    _, session, delibs = seg(p1, p2, p3)
    assert all("Votants : 26" not in texts(d.lines) for d in delibs)
    assert "Votants : 26" in texts(session)


def test_a_count_figure_on_the_line_after_its_label_is_no_page_number():
    text = """\
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
Présents : 30 – Votants :
34
Séance du 14 février 2019
Objet : Travaux de voirie
Le conseil approuve le devis. Adopté à l'unanimité.
"""
    _, session, delibs = seg(text)
    assert "34" in texts(session) + texts(delibs[0].lines)


@pytest.mark.parametrize("printed,read", [
    ("DEL-2020-116 - Création d’un poste", "DEL-2020-1 16 - Création d’un poste"),
    ("Délibération n°DEL-2020-117 : Indemnité de conseil", "Délibération n°DEL-2020-1 17 : Indemnité de conseil"),
])
def test_a_serial_split_by_ocr_after_its_one_is_joined(printed, read):
    from pipeline.layout.headings import act_match
    assert act_match(read).group("num") == act_match(printed).group("num")


def test_a_serial_followed_by_a_figure_of_the_title_is_not_joined():
    from pipeline.layout.headings import join_split_serial
    assert join_split_serial("2021-04 12 : Budget") == "2021-04 12 : Budget"
