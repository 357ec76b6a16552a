"""Counts and votes: French snippets in, numbers, outcome and flags out."""
import pytest

from extractors.counts import extract_counts, extract_named_votes
from extractors.joined import glue_split_figures
from pipeline.model import DeliberationText, Line, Word


def counts_of(item: str, session: str = "", before: str = "", kind: str = "minutes") -> dict:
    d = DeliberationText.from_text(item, session_text=session, before_text=before, kind=kind)
    return {k: v.value for k, v in extract_counts(d).items()}


def subset(got: dict, expected: dict) -> dict:
    return {k: got.get(k) for k in expected}


# --------------------------------------------------------------------------- counts
@pytest.mark.parametrize("text, expected", [
    ("Membres en exercice : 60\nPrésents : 35 – Pouvoirs : 7 – Votants : 42",
     {"members_in_office": 60, "present_count": 35, "represented_count": 7, "voters_count": 42}),
    ("Nombre de conseillers en exercice : 19 – Présents : 15 – Votants : 17",
     {"members_in_office": 19, "present_count": 15, "voters_count": 17, "represented_count": None}),
    ("Nombre de Conseillers en exercice : 15- Présents 14 - Votants 14-Le quorum étant atteint",
     {"members_in_office": 15, "present_count": 14, "voters_count": 14}),
    ("En exercice 33 / Présents 20 / Votants 23", {"members_in_office": 33, "present_count": 20, "voters_count": 23}),
    ("Nombre de\nconseillers en\nexercice :\n33\nPrésents :\n20\nDate de la\nconvocation :\n06/06/2023",
     {"members_in_office": 33, "present_count": 20}),
    ("Nombre de membres\nen exercice : 11\nqui ont pris part à la\ndélibération : 9\ndont 1 procurations",
     {"members_in_office": 11, "voters_count": 9, "represented_count": 1}),
    ("Nombre de membres\nen exercice : il\nqui ont pris gaut à la\ndélibération : 9\ndont 3 procurations",
     {"members_in_office": 11, "voters_count": 9, "represented_count": 3}),  # OCR slips
    ("Nombre de membres\nen CXÉICKE : Il\nqui ont pris part à la", {"members_in_office": 11}),  # OCR garbled the label
    ("Nombre de conseillers en exercice : 33\nNombre de conseillers présents : 22\nQuorum : 17",
     {"members_in_office": 33, "present_count": 22, "voters_count": None}),
    ("Présents : quinze – Représentés : deux – Votants : dix-sept",
     {"present_count": 15, "represented_count": 2, "voters_count": 17}),
    # OCR read the colon of a figure wrapped to the next line as a quote mark
    ("en exercice : 29 - Présents : 25 - Représentés : 2 - Votants\n“27.",
     {"members_in_office": 29, "present_count": 25, "represented_count": 2, "voters_count": 27}),
    ("Présents ” 12 – Votants « 14", {"present_count": 12, "voters_count": 14}),
])
def test_counts_printed_in_the_session_apply_to_the_item(text, expected):
    assert subset(counts_of("1. Objet\nVote : à l'unanimité", session=text), expected) == expected


@pytest.mark.parametrize("text", [
    "Présents : Jean-Pierre JEANROY, Nelly WIDMER, Yves LISCHKA",
    "Pouvoirs :\n- Monsieur Gilles PAPIN à Madame Delphine DECKER",
    "la mutualisation de cette mission avec le SMICO\nprésente un intérêt certain.",
    "bureau composé des deux membres présents les plus jeunes",
    "CR du conseil municipal 05 novembre 2021\nPrésents : Jean-Pierre, Yves, Jacques",
])
def test_lists_and_prose_give_no_count(text):
    got = counts_of("1. Objet\nTexte.", session=text)
    assert not {"members_in_office", "present_count", "represented_count", "voters_count"} & got.keys()


def test_the_items_own_counts_win_over_the_session():
    got = counts_of("3. Budget\nPrésents : 18 – Votants : 20\nPour : 20", session="Présents : 19 – Votants : 21")
    assert (got["present_count"], got["voters_count"]) == (18, 20)


def test_a_member_leaving_makes_the_session_present_count_stale():
    session = "Nombre de conseillers en exercice : 33\nNombre de conseillers présents : 22"
    item = "3-Vente de chemins\nMonsieur Leroux cède la parole et quitte la salle.\nà l’unanimité des Membres présents et représentés"
    got = counts_of(item, session=session)
    assert got["members_in_office"] == 33 and "present_count" not in got
    later = counts_of("4-Campagne\nà l'unanimité", session=session,
                      before=item + "\nMonsieur Leroux siège à nouveau.")
    assert later["present_count"] == 22


def test_a_repeated_side_box_outvotes_an_ocr_slip():
    box = "Nombre de membres\nen exercice : {}\nqui ont pris part à la\ndélibération : 9\ndont 3 procurations"
    got = counts_of("Convention\n" + box.format("11") + "\nVote : unanimité", session=box.format("I"),
                    before=box.format("11"))
    assert got["members_in_office"] == 11


def test_voters_below_the_proxies_is_an_ocr_slip():
    got = counts_of("Projet\nVote : à l'unanimité",
                    session="en exercice : 11\nqui ont pris part à la\ndélibération : 1\ndont 2 procurations")
    assert "voters_count" not in got and got["represented_count"] == 2


# --------------------------------------------------------------------------- votes
@pytest.mark.parametrize("text, expected", [
    ("Pour : 42\nContre : 0\nAbstention : 0\nNe prend pas part au vote : 0",
     {"votes_for": 42, "votes_against": 0, "abstentions": 0, "not_voting": 0, "outcome": "adopted", "unanimous": None}),
    ("Pour : 15 Contre : 2 Abstentions : 1", {"votes_for": 15, "votes_against": 2, "abstentions": 1, "unanimous": False, "outcome": "adopted"}),
    ("Pour : 42 Contre : O Abstention : O", {"votes_for": 42, "votes_against": 0, "abstentions": 0}),  # OCR
    ("12 votes pour.", {"votes_for": 12, "outcome": "adopted", "unanimous": None}),
    ("3 abstentions 8 votes pour", {"votes_for": 8, "abstentions": 3, "unanimous": False, "outcome": "adopted"}),
    ("2 contre 3 absentions 6 votes pour", {"votes_for": 6, "votes_against": 2, "abstentions": 3, "outcome": "adopted"}),
    ("11 votes pour 2 abstentions", {"votes_for": 11, "abstentions": 2, "unanimous": False}),
    ("13 votes", {"votes_for": None, "outcome": None, "unanimous": None}),
    ("Adopté à l'unanimité.", {"unanimous": True, "votes_for": None, "outcome": "adopted"}),
    ("Le Conseil Municipal, à l’unanimité des membres présents et représentés, approuve.", {"unanimous": True, "votes_for": None, "outcome": "adopted"}),
    ("Vote : Pour à l’unanimité", {"unanimous": True, "votes_for": None, "outcome": "adopted"}),
    ("Le conseil, par 14 voix pour, 2 voix contre (M. A, Mme B) et 1 abstention (M. C), approuve le projet.",
     {"votes_for": 14, "votes_against": 2, "abstentions": 1, "unanimous": False, "outcome": "adopted"}),
    ("Vote :\n- Abstentions : 3 (M. LEBLANC, M. THUILLIER et Mme DEBUISSER en raison de l’absence de\nbilan. Ils indiquent être d’accord sur le principe.)\n- Pour : 16",
     {"votes_for": 16, "abstentions": 3, "unanimous": False, "outcome": "adopted"}),
    ("Après en avoir délibéré, le Conseil Municipal, à l’unanimité et deux abstentions, des Membres\nprésents et représentés :",
     {"unanimous": True, "abstentions": 2, "outcome": "adopted"}),
    ("Par 13 voix POUR – 1 ABSTENTION\nDESIGNE comme délégués", {"votes_for": 13, "abstentions": 1, "unanimous": False}),
    ("le vote se déroule à bulletin secret.\nDECIDE :\nPar : DEUX voix POUR - ONZE voix CONTRE et 1 ABSTENTION\n- DE DONNER UN AVIS DEFAVORABLE",
     {"votes_for": 2, "votes_against": 11, "abstentions": 1, "secret_ballot": True, "outcome": "adopted"}),
    ("DEUX pour / ONZE contre / 1 abstention", {"votes_for": 2, "votes_against": 11, "abstentions": 1, "outcome": "rejected"}),
    ("Pour : 5 Contre : 9\nLa proposition est rejetée.", {"outcome": "rejected", "unanimous": False}),
    ("Par 6 voix pour et 8 voix contre, la délibération n’est pas adoptée.", {"outcome": "rejected"}),
    ("Pour : 7 Contre : 7\nLa voix du président étant prépondérante, la délibération est adoptée.", {"casting_vote": True, "outcome": "adopted"}),
    ("Le projet de délibération a été refusé par 10 voix contre 4.", {"outcome": "rejected"}),
    # the sentence closed by any verb of decision records it as taken, whatever the split
    ("Le Conseil communautaire, après en avoir délibéré, (Pour : 9 – Contre : 20 – Abstentions : 10), alloue "
     "au comptable public une indemnité annuelle.", {"votes_for": 9, "votes_against": 20, "outcome": "adopted"}),
    ("Le Conseil, après en avoir délibéré, par 9 voix pour et 20 voix contre, refuse de modifier les tarifs.",
     {"outcome": "rejected"}),
    ("à l’unanimité moins une abstention", {"unanimous": True, "abstentions": 1}),
    ("Votes pour : 20, votes contre : 1, abstentions : 0, ne prennent pas part au vote : 2",
     {"votes_for": 20, "votes_against": 1, "abstentions": 0, "not_voting": 2}),
    ("Les membres du conseil acceptent\nVote : à l'unanimité", {"unanimous": True, "outcome": "adopted"}),
])
def test_votes(text, expected):
    assert subset(counts_of("1. Objet\n" + text), expected) == expected


@pytest.mark.parametrize("text", [
    "Le montant de 2 pour cent est retenu.",
    "assurance contre les risques statutaires",
    "Il est proposé de verser 25 % pour l’animation.",
    "un contrat de 4h pour un animateur",
    "Monsieur le Maire propose 1 livre pour tous les enfants",
])
def test_prose_gives_no_vote(text):
    got = counts_of("1. Objet\n" + text)
    assert not {"votes_for", "votes_against", "abstentions"} & got.keys()


def test_several_votes_in_one_item_the_contested_one_counts():
    text = ("2020-045 CANTINE- TARIFS\n1) Il propose d’appliquer les tarifs suivants pour les enfants :\n"
            "Le Conseil Municipal après en avoir délibéré,\nPar 13 voix POUR – 1 voix CONTRE\nACCEPTE les tarifs enfants.\n"
            "2) Il propose d’appliquer le tarif suivant pour les adultes :\n- 5.80€ pour les repas adultes\n"
            "Le Conseil Municipal après en avoir délibéré à l’unanimité,\nACCEPTE les tarifs adultes.")
    got = counts_of(text)
    assert subset(got, {"votes_for": 13, "votes_against": 1, "unanimous": False, "outcome": "adopted"}) == \
        {"votes_for": 13, "votes_against": 1, "unanimous": False, "outcome": "adopted"}


def test_votes_come_from_the_item_not_from_earlier_items():
    got = counts_of("2. Objet\nLes membres acceptent.", before="1. Autre\nPour : 10 Contre : 3")
    assert "votes_for" not in got and "votes_against" not in got


def test_an_extract_may_print_its_vote_box_above_the_subject():
    session = "Membres en exercice : 60\nPrésents : 35 – Pouvoirs : 7 – Votants : 42\nPour : 42\nContre : 0\nAbstention : 0"
    got = counts_of("Le Conseil communautaire,\nAprès en avoir délibéré, DÉCIDE :", session=session, kind="extract")
    assert subset(got, {"votes_for": 42, "votes_against": 0, "abstentions": 0, "voters_count": 42}) == \
        {"votes_for": 42, "votes_against": 0, "abstentions": 0, "voters_count": 42}


def test_an_election_has_no_outcome_but_its_tally():
    text = ("ELECTION DES DELEGUES\nil est procédé au vote sans débat et par scrutin secret.\n"
            "-nombre de bulletins : 23\n-bulletins blancs ou nuls : 0\n-Suffrages exprimés : 23\nA obtenu :\n"
            "- Liste « Agir Ensemble » : 23 voix\nM. le Maire proclame les résultats définitifs :")
    got = counts_of(text)
    assert got.get("outcome") is None
    assert got["secret_ballot"] is True
    assert got["voters_count"] == 23 and got["votes_for"] == 23


def test_a_designation_without_printed_vote_is_adopted():
    got = counts_of("2020-039 DESIGNATION DES MEMBRES\nAprès en avoir délibéré,\nLe conseil municipal désigne :\n• M. CHARRIER")
    assert got["outcome"] == "adopted" and "unanimous" not in got


# --------------------------------------------------------------------------- named votes
def test_named_votes_in_parentheses():
    d = DeliberationText.from_text("1. Objet\nLe conseil, par 14 voix pour, 2 voix contre (M. Alain MARTIN, Mme Brigitte DUBOIS) "
                                   "et 1 abstention (M. Claude LE GALL), approuve.")
    votes = [(v.person_name, v.vote) for v in extract_named_votes(d)]
    assert votes == [("Alain MARTIN", "against"), ("Brigitte DUBOIS", "against"), ("Claude LE GALL", "abstention")]


def test_named_abstentions_with_a_reason():
    d = DeliberationText.from_text("2. Délégation\nVote :\n- Abstentions : 3 (M. LEBLANC, M. THUILLIER et Mme DEBUISSER en raison de l’absence de\n"
                                   "bilan. Ils indiquent être d’accord sur le principe.)\n- Pour : 16")
    votes = [(v.person_name, v.vote) for v in extract_named_votes(d)]
    assert votes == [("LEBLANC", "abstention"), ("THUILLIER", "abstention"), ("DEBUISSER", "abstention")]
    assert all(v.evidence.extractor == "counts" for v in extract_named_votes(d))


def test_no_names_no_member_votes():
    assert extract_named_votes(DeliberationText.from_text("1. Objet\nPour : 12 Contre : 2")) == []


def test_every_count_has_evidence_with_its_raw_text():
    d = DeliberationText.from_text("1. Objet\nPour : 12 Contre : 2", session_text="Membres en exercice : 15\nPrésents : 14")
    found = extract_counts(d)
    assert "Pour : 12" in found["votes_for"].evidence.raw
    assert "15" in found["members_in_office"].evidence.raw
    assert all(f.evidence.page == 1 for f in found.values())


@pytest.mark.parametrize("text, expected", [
    ("Résultat du vote : Pour : 12 – Contre : 3 – Abstentions : 2", {"votes_for": 12, "votes_against": 3, "abstentions": 2}),
    ("ADOPTÉ À L’UNANIMITÉ", {"unanimous": True, "outcome": "adopted"}),
    ("Vote : Rejeté", {"outcome": "rejected"}),
    ("Votants : 17 dont 2 pouvoirs\nPour : 17", {"voters_count": 17, "represented_count": 2, "votes_for": 17}),
    # OCR read a speck between a label and its colon as a letter
    ("Vote : Pour : 16 - Contre : 3 (M. A, M. B, M. C) - Abstention n : 1 (M.\nGIRARD)",
     {"votes_for": 16, "votes_against": 3, "abstentions": 1}),
])
def test_more_vote_shapes(text, expected):
    assert subset(counts_of("1. Objet\n" + text), expected) == expected


def test_a_year_before_pour_in_a_wrapped_subject_is_not_a_vote():
    got = counts_of("Objet : Validation de l'annexe financière entre Hautes Terres Tourisme\nl'exercice 2025 pour\nVu le Code",
                    session="Pour : 42\nContre : 0\nAbstention : 0", kind="extract")
    assert (got["votes_for"], got["votes_against"], got["abstentions"]) == (42, 0, 0)


# --------------------------------------------------------------------------- more shapes
def test_two_votes_in_one_item_on_two_labelled_lines():
    got = counts_of("Sur le principe : adopté à l’unanimité.\nSur les montants : Pour : 5 – Contre : 3 (M. A, Mme B, M. C) – "
                    "Abstentions : 2 (Mme D, Mme E).\nLa proposition est adoptée.")
    assert (got["votes_for"], got["votes_against"], got["abstentions"], got["unanimous"]) == (5, 3, 2, False)


@pytest.mark.parametrize("text, unanimous, against", [
    ("Adopté à l’unanimité. Contre : 1 (Mme MATHIEU).", True, 1),  # printed as such: one vote, read as printed
    ("Adopté à l'unanimité et deux abstentions.", True, None),
])
def test_unanimity_and_a_count_in_one_sentence_are_one_vote(text, unanimous, against):
    got = counts_of(text)
    assert got["unanimous"] is unanimous
    assert got.get("votes_against") == against


@pytest.mark.parametrize("text, expected", [
    # OCR grouped the vote line's last label with the line above; its number stayed behind a dash
    ("recette sera inscrite au\nbudget de l'exercice. LEBŒUF) Abstention\n"
     "Vote : Pour : 16 - Contre : 3 (M. LE GOFF, M. MASSON, M. - n : 1 (M.\nGIRARD)\nLa proposition est adoptée.",
     (16, 3, 1)),
    # prose ending on "pour" over a line without a labelled vote is no vote
    ("Le conseil vote pour\nla proposition - a : 3 voix", (None, None, None)),
])
def test_a_vote_label_moved_to_the_line_above(text, expected):
    got = counts_of(text)
    assert (got.get("votes_for"), got.get("votes_against"), got.get("abstentions")) == expected


def test_a_vote_word_on_the_next_line_after_its_number():
    got = counts_of("Mise aux voix, la proposition est adoptée par 16 voix pour, 2 voix contre (M. A, M. B) et 1\n"
                    "abstention (Mme C).")
    assert (got["votes_for"], got["votes_against"], got["abstentions"]) == (16, 2, 1)


def test_a_decision_recorded_as_taken_despite_the_split_is_adopted():
    got = counts_of("Le Conseil départemental, après en avoir délibéré, par 14 voix pour et 17 voix\n"
                    "contre, approuve l’acquisition de la parcelle.")
    assert got["outcome"] == "adopted"
    assert "abstentions" not in got  # not printed


def test_a_member_arriving_after_the_items_decision_leaves_its_session_counts():
    session = "Nombre de conseillers en exercice : 35 – Présents : 32 – Représentés : 2 – Votants : 34\nPrésents : A"
    item = ("CC-2023-032 – Vente d’un véhicule\nLe Conseil, après en avoir délibéré,\nDÉCIDE d’accepter la proposition ;\n"
            "Arrivée de M. Benoît GAUTHIER à 20h15.")
    d = DeliberationText.from_text(item, session_text=session, kind="minutes")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert (got["present_count"], got["voters_count"]) == (32, 34)


def test_a_member_leaving_before_the_vote_makes_the_session_counts_stale():
    session = "Membres en exercice : 35 – Présents : 32 – Votants : 34\nPrésents : A"
    item = "Point 3 – Subvention\nM. X, intéressé, quitte la salle.\nLe Conseil, après en avoir délibéré, DÉCIDE ;\nAdopté à l’unanimité."
    d = DeliberationText.from_text(item, session_text=session, kind="minutes")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert "present_count" not in got and got["members_in_office"] == 35


# --------------------------------------------------------------------------- boxes and carried counts
@pytest.mark.parametrize("session, expected", [
    # A figure right after "Label :" belongs to that label, not to the label that follows it.
    ("Nombre de membres\nprésents : 22\nvotants : 24 Présents : M. Noël SIMON - Mme Marie DUBOIS",
     {"present_count": 22, "voters_count": 24}),
    # OCR keeps a table's rule or a dot between a boxed label and its figure.
    ("Membres en exercice | 35\nPrésents | 19\nVotants. | 34 ir\nReprésentés | 3",
     {"members_in_office": 35, "present_count": 19, "voters_count": 34, "represented_count": 3}),
    ("Membres en exercice 23 |\nPrésents | 19\nVotants . 22", {"members_in_office": 23, "present_count": 19, "voters_count": 22}),
    # ... or a dot touching the figure, which is then no decimal's tail.
    ("Présents 16.\nVotants .18", {"present_count": 16, "voters_count": 18}),
    # A printed anomaly read alone is kept for the validators (a grantor counted present too).
    ("Membres en exercice : 42\nPrésents : 41\nVotants : 43", {"members_in_office": 42, "present_count": 41, "voters_count": 43}),
])
def test_boxed_counts(session, expected):
    assert subset(counts_of("1. Objet\nVote : à l'unanimité", session=session), expected) == expected


def test_a_separator_is_no_label_in_prose():
    got = counts_of("1. Objet\nVote : à l'unanimité", session="Le maire remercie les présents | 3 points à l'ordre du jour.")
    assert "present_count" not in got


def test_a_reading_above_the_members_loses_to_one_that_fits():
    box = "Membres en exercice : 15\nVotants : {}"
    got = counts_of("2. Objet\nAdopté.", session=box.format(75) + "\n" + box.format(15))
    assert got["voters_count"] == 15


SESSION = "Nombre de conseillers en exercice : 19 – Présents : 18 – Votants : 19"


@pytest.mark.parametrize("before, present, voters", [
    # An earlier item's own count, with nobody coming or going, is that item's alone.
    ("1. Tarifs\nPrésents : 18 – Votants : 21\nAdopté.", 18, 19),
    # A member leaves for one item and comes back: the session's counts hold again.
    ("1. Créances\nPrésents : 17 – Votants : 18\nMme ROUX, intéressée, quitte la salle et ne prend part ni au débat ni au vote.\n"
     "Adoptée à l’unanimité.\nMme ROUX regagne la salle.", 18, 19),
    # A departure recorded, then an item prints the new counts: they hold for the next items.
    ("1. Convention\nVote : unanimité.\nMme DA SILVA quitte la séance à 20h15.\n2. Statuts\nPrésents : 17 — Votants : 18\nAdopté.",
     17, 18),
    # … until the member comes back.
    ("1. Convention\nVote : unanimité.\nMme DA SILVA quitte la séance à 20h15.\n2. Statuts\nPrésents : 17 — Votants : 18\n"
     "Adopté.\nArrivée de Mme DA SILVA à 20h40.", 18, 19),
    # A departure nobody counted afterwards: no count holds.
    ("1. Convention\nVote : unanimité.\nMme DA SILVA quitte la séance à 20h15.", None, None),
])
def test_counts_carried_from_earlier_items(before, present, voters):
    got = counts_of("3. Redevance\nAdopté à l’unanimité.", session=SESSION, before=before)
    assert (got.get("present_count"), got.get("voters_count")) == (present, voters)


def test_the_first_count_printed_after_the_session_holds_when_the_session_prints_none():
    got = counts_of("3. Statuts\nAdopté.", session="Séance du 16 mai 2022",
                    before="2. Vente\nPrésents : 28\nReprésentés : 1\nAdopté à l'unanimité.")
    assert (got["present_count"], got["represented_count"]) == (28, 1)


def _word(text, x0, top, height=9.5):
    return Word(text, 1, x0, top, x0 + 6.0 * len(text), top + height)


def test_a_box_label_gets_back_the_figure_printed_beside_it():
    session = [Line.from_words([_word("Présents", 80, 197.1)]),
               Line.from_words([_word("Votants", 80, 232.8)]),
               Line.from_words([_word("12", 212, 197.1), _word("Le", 274, 194.4), _word("20", 288, 194.4),
                                _word("novembre", 304, 194.4)]),
               Line.from_words([_word("14", 212, 232.8), _word("salle", 274, 237.3), _word("du", 300, 237.3)])]
    d = DeliberationText(seq=1, lines=[Line.synthetic("Objet : Budget"), Line.synthetic("Adopté à l'unanimité.")],
                         session=session, kind="extract")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert (got["present_count"], got["voters_count"]) == (12, 14)


def test_a_figure_inside_a_sentence_is_no_cell():
    session = [Line.from_words([_word("Présents", 80, 197.1)]),
               Line.from_words([_word("réuni", 180, 197.1), _word("le", 215, 197.1), _word("9", 230, 197.1),
                                _word("juin", 240, 197.1)])]
    d = DeliberationText(seq=1, lines=[Line.synthetic("Objet : Budget")], session=session, kind="extract")
    assert "present_count" not in extract_counts(d)


def _ocr_line(*tokens, conf=96.0, top=0.0):
    words, x = [], 60.0
    for tok in tokens:
        text, c = tok if isinstance(tok, tuple) else (tok, conf)
        words.append(Word(text, 1, x, top, x + 5.0 * len(text), top + 10.0, conf=c, from_ocr=True))
        x += 5.0 * len(text) + 40.0
    return Line.from_words(words)


@pytest.mark.parametrize("figure, conf, expected", [
    ("1200", 30.0, 12),  # dust after "12" read as two more figures, with little confidence
    ("1200", 95.0, None),  # a confident reading is what was printed: no repair
    ("120", 30.0, 12),  # 120 votants for 9 present cannot be (one proxy per member)
])
def test_specks_after_a_doubtful_box_figure_are_dropped(figure, conf, expected):
    session = [_ocr_line("Présents", "9", top=0.0), _ocr_line("Votants", (figure, conf), top=14.0)]
    d = DeliberationText(seq=1, lines=[Line.synthetic("Objet : Budget"), Line.synthetic("par 12 voix pour, DÉCIDE :")],
                         session=session, kind="minutes")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert got["present_count"] == 9
    assert got.get("voters_count") == expected


def test_an_outcome_without_a_vote_points_at_the_words_that_record_it_not_at_the_signatures():
    from pipeline.model import Line
    lines = [Line.synthetic("Objet : Convention de partenariat", page=1),
             Line.synthetic("Le Comité syndical, après en avoir délibéré, DÉCIDE :", page=1, top=10),
             Line.synthetic("Article 1er : Approuve le bilan.", page=1, top=20),
             Line.synthetic("Le secrétaire de séance, Le Président,", page=2),
             Line.synthetic("CHÂTEL Chantal FOURNIER Stéphane", page=2, top=10)]
    outcome = extract_counts(DeliberationText(seq=1, lines=lines, kind="extract"))["outcome"]
    assert (outcome.value, outcome.evidence.page) == ("adopted", 1)


def _spaced_ocr_line(*tokens, top=0.0):
    """OCR words of a line set with 4 pt spaces; a token ending in "~" is followed by a 1.9 pt gap."""
    words, x = [], 60.0
    for tok in tokens:
        text = tok.rstrip("~")
        words.append(Word(text, 1, x, top, x + 5.0 * len(text), top + 9.0, conf=93.0, from_ocr=True))
        x += 5.0 * len(text) + (1.9 if tok.endswith("~") else 4.0)
    return Line.from_words(words)


def test_a_figure_ocr_cut_by_a_thin_gap_between_its_digits_is_one_figure():
    # "Pour : 1 0": the two pieces stand closer than the line's spaces (a thousands space does not)
    vote = _spaced_ocr_line("après", "en", "avoir", "délibéré,", "(Pour", ":", "1~", "0", "-", "Contre", ":", "2",
                            "-", "Abstention", ":", "1),", "DÉCIDE", ":", top=20.0)
    d = DeliberationText(seq=1, lines=[Line.synthetic("1/ Acquisition d'une parcelle"), vote], kind="minutes")
    got = {k: v.value for k, v in extract_counts(d).items()}
    assert (got["votes_for"], got["votes_against"], got["abstentions"]) == (10, 2, 1)


def test_a_thousands_space_as_wide_as_the_others_keeps_the_groups_apart():
    line = _spaced_ocr_line("au", "prix", "de", "98", "000", "euros", "HT.")
    assert glue_split_figures([line])[0].text == "au prix de 98 000 euros HT."
