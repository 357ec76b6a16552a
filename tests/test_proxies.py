"""Proxies: French snippets in, (grantor, holder) pairs out, names as printed without civility."""
from pathlib import Path

import pytest

from extractors.proxies import extract_proxies, parse_pairs
from pipeline.model import DeliberationText

SEED = Path(__file__).parent / "corpus" / "seed" / "seed_hautes-terres_2025-05-22.txt"


def pairs(session: str, text: str = "x", before: str = "") -> list[tuple[str, str]]:
    d = DeliberationText.from_text(text, session_text=session, before_text=before, kind="minutes")
    return [(p.grantor, p.holder) for p in extract_proxies(d)]


@pytest.mark.parametrize("session, expected", [
    ("Pouvoirs :\nJennifer DEVEZE pouvoir à Éric VIALA, Christian DONIOL pouvoir à Daniel MEISSONNIER",
     [("Jennifer DEVEZE", "Éric VIALA"), ("Christian DONIOL", "Daniel MEISSONNIER")]),
    ("Pouvoirs :\n- Monsieur Gilles PAPIN à Madame Delphine DECKER (en commission à la CCLO)\n"
     "- Monsieur Gérard LANNIER à Monsieur Joachim LUDER",
     [("Gilles PAPIN", "Delphine DECKER"), ("Gérard LANNIER", "Joachim LUDER")]),
    ("Absent ayant donné procuration : Mr Sébastien LEROUX à Mr Roger PERRAY, Mr Roland LEFOYER à Mr Serge\nDRUGEON.",
     [("Sébastien LEROUX", "Roger PERRAY"), ("Roland LEFOYER", "Serge DRUGEON")]),
    ("Absents ayant donné procuration : Madame Véronique DELAUNAY donne pouvoir à Monsieur Philippe\n"
     "MALLARD, Monsieur Jean-Louis PITEL donne\npouvoir à madame Jeanne GUILLOUET et madame Françoise DUARTE "
     "donne pouvoir à madame Sophie PICHONNIER",
     [("Véronique DELAUNAY", "Philippe MALLARD"), ("Jean-Louis PITEL", "Jeanne GUILLOUET"),
      ("Françoise DUARTE", "Sophie PICHONNIER")]),
    # holders in 'NOM Prénom' order and a spaced dash inside a compound surname (Flaux)
    ("Procurations : Catherine MARTEL donne procuration à Catherine VINAS - Patricia\n"
     "MICHOT donne procuration à NIGGEL Muriel - Philippe ROUVIER - COROUGE\ndonne procuration à Denis JUVIN",
     [("Catherine MARTEL", "Catherine VINAS"), ("Patricia MICHOT", "NIGGEL Muriel"),
      ("Philippe ROUVIER-COROUGE", "Denis JUVIN")]),
    # two pairs on two lines with no separator between them
    ("Procurations : Philippe ROUVIER - COROUGE donne procuration à Denis JUVIN\n"
     "Patricia MICHOT donne procuration à Catherine VINAS",
     [("Philippe ROUVIER-COROUGE", "Denis JUVIN"), ("Patricia MICHOT", "Catherine VINAS")]),
    # parenthesised notes inside an excused list, first names only (Couthenans)
    ("Excusés : Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès) / Marc (pouvoir donné à Mario) /\n"
     "Mathieu (pas de pouvoir donné)",
     [("Marielle", "Agnès"), ("Marc", "Mario")]),
    ("Absents excusés : M. Paul DURAND (procuration à Mme Anne MARTIN), Mme Julie PETIT",
     [("Paul DURAND", "Anne MARTIN")]),
    ("Absents excusés : Mme Julie PETIT représentée par M. Paul DURAND, M. Luc BLANC",
     [("Julie PETIT", "Paul DURAND")]),
    ("M. Luc BLANC a donné pouvoir à Mme Julie PETIT.", [("Luc BLANC", "Julie PETIT")]),
    ("Procuration de Mme Anne MARTIN à M. Paul DURAND.", [("Anne MARTIN", "Paul DURAND")]),
    ("Mme Anne MARTIN ayant donné procuration à M. Paul DURAND", [("Anne MARTIN", "Paul DURAND")]),
    # OCR debris between the civility and a first name ("Ir!"): no name holds a "!"
    ("Absents ayant donné procuration : Madame Évelyne donne pouvoir à Monsieur Ir! Jean et Monsieur Frédéric\n"
     "donne pouvoir à Madame Sophie", [("Évelyne", "Jean"), ("Frédéric", "Sophie")]),
    # a count line is not a proxy list
    ("Présents : 35 – Pouvoirs : 7 – Votants : 42", []),
    ("Pouvoirs : néant", []),
])
def test_session_proxies(session, expected):
    assert pairs(session) == expected


def test_proxy_given_on_leaving_in_an_earlier_item_holds():
    before = "M. Luc BLANC quitte la séance et donne pouvoir à Mme Julie PETIT."
    assert pairs("Présents : Luc BLANC, Julie PETIT", before=before) == [("Luc BLANC", "Julie PETIT")]


def test_bare_a_only_inside_a_proxies_list():
    assert parse_pairs("Anne MARTIN à Paul DURAND", bare_a=True) == [("Anne MARTIN", "Paul DURAND")]
    assert parse_pairs("Anne MARTIN à Paul DURAND") == []


def test_seed_has_seven_proxies():
    text = SEED.read_text(encoding="utf-8")
    session, _, body = text.partition("**Objet")
    got = pairs(session, body)
    assert len(got) == 7
    assert got[0] == ("Jennifer DEVEZE", "Éric VIALA")
    assert ("Philippe SARANT", "Gilles CHABRIER") in got


def test_evidence_points_at_the_list():
    d = DeliberationText.from_text("x", session_text="Titre\nPouvoirs : Anne MARTIN à Paul DURAND")
    (p,) = extract_proxies(d)
    assert p.evidence.page == 1 and p.evidence.box is not None and "Anne MARTIN" in p.evidence.raw


def test_represented_company_in_an_item_is_not_a_proxy():
    text = "3. Convention\nLa société SAFER représentée par M. Paul DURAND, son directeur, propose une étude."
    assert pairs("Présents : Anne MARTIN", text) == []


def test_prose_wrapped_over_two_lines():
    before = "1. Budget\nAdopté.\nM. Luc BLANC quitte la séance et donne\npouvoir à Mme Julie PETIT."
    assert pairs("Présents : Luc BLANC, Julie PETIT", before=before) == [("Luc BLANC", "Julie PETIT")]


@pytest.mark.parametrize("session, expected", [
    # a 'Pouvoirs :' list mixing the bare 'à' and 'donne pouvoir à', the pair cut after 'donne'
    ("Pouvoirs : Mme Marie-Claire MOREL à Mme Laëtitia ROGER, M. Alain PÉROT donne\npouvoir à Mme Mélanie O'NEILL",
     [("Marie-Claire MOREL", "Laëtitia ROGER"), ("Alain PÉROT", "Mélanie O'NEILL")]),
    # NOM Prénom holder whose first name is alone on the next line
    ("Absents ayant donné procuration : Madame LEFÈVRE Claire donne pouvoir à Monsieur\nDUMONT Philippe et "
     "Madame GAUTIER Rose-Marie donne pouvoir à Madame PICHONNIER\nNathalie\nAbsents : Mme BOYER Françoise",
     [("LEFÈVRE Claire", "DUMONT Philippe"), ("GAUTIER Rose-Marie", "PICHONNIER Nathalie")]),
    # the parenthesised proxy of the last excused member wraps onto its own line
    ("Absents excusés : Corinne ROBIN (procuration à Isabelle MICHEL) et Laurent PICHONNIER\n"
     "(procuration à Delphine CHEVALIER)\nAbsents : Rémi COLLIN",
     [("Corinne ROBIN", "Isabelle MICHEL"), ("Laurent PICHONNIER", "Delphine CHEVALIER")]),
    # 'M. DE LA' / 'ROCHE Jean-Luc': a particle ends the line
    ("Pouvoirs : M. DE LA\nROCHE Jean-Luc à Mme PERRIN Solène", [("DE LA ROCHE Jean-Luc", "PERRIN Solène")]),
])
def test_wrapped_proxy_lists(session, expected):
    assert pairs(session) == expected


def test_proxies_of_a_preamble_left_before_the_first_item():
    before = "Séance du 2 mars\nPrésents : Anne MARTIN, Paul DURAND\nPouvoirs : Luc BLANC à Anne MARTIN\nApprobation du PV"
    assert pairs("TITRE", "1. Budget\nAdopté.", before=before) == [("Luc BLANC", "Anne MARTIN")]


def test_proxy_given_after_an_items_vote_counts_from_the_next_item():
    item = "1. Budget\nAdopté à l’unanimité.\nM. Luc BLANC quitte la séance et donne pouvoir à Mme Julie PETIT."
    assert pairs("Présents : Luc BLANC, Julie PETIT", item) == []
    assert pairs("Présents : Luc BLANC, Julie PETIT", "2. Tarifs\nAdopté.", before=item) == [("Luc BLANC", "Julie PETIT")]


@pytest.mark.parametrize("session, expected", [
    # an arrow or a bare 'par' links the two inside a proxies list
    ("Pouvoirs : Luc LEROY → Jean DUPONT ; Anne ROY → Paul MARTIN",
     [("Luc LEROY", "Jean DUPONT"), ("Anne ROY", "Paul MARTIN")]),
    ("Représentés : Luc LEROY par Jean DUPONT, Anne ROY par Paul MARTIN",
     [("Luc LEROY", "Jean DUPONT"), ("Anne ROY", "Paul MARTIN")]),
    ("Absents représentés : Luc LEROY (par Jean DUPONT), Anne ROY (à Paul MARTIN)",
     [("Luc LEROY", "Jean DUPONT"), ("Anne ROY", "Paul MARTIN")]),
    # 'représenté par' inside a note of an excused list
    ("Absents excusés : Luc LEROY (représenté par Jean DUPONT), Anne ROY (représentée par Paul MARTIN)",
     [("Luc LEROY", "Jean DUPONT"), ("Anne ROY", "Paul MARTIN")]),
    ("Absents excusés : Luc LEROY, Anne ROY\nLuc LEROY a donné procuration en faveur de Jean DUPONT.",
     [("Luc LEROY", "Jean DUPONT")]),
    ("Avaient donné pouvoir : LEROY Luc à DUPONT Jean, ROY Anne à MARTIN Paul",
     [("LEROY Luc", "DUPONT Jean"), ("ROY Anne", "MARTIN Paul")]),
    # the verb is not repeated for the second pair
    ("Absents excusés : Luc LEROY, Anne ROY\nLuc LEROY a donné pouvoir à Jean DUPONT et Anne ROY à Paul MARTIN.",
     [("Luc LEROY", "Jean DUPONT"), ("Anne ROY", "Paul MARTIN")]),
    # a note wrapped over the line end, brackets read as braces by OCR
    ("Absents excusés : M. Guillaume MASSON (pouvoir à M. Noël DI\nMARCO) - Mme Marie-Claire N'DIAYE "
     "(pouvoir à M. François BARBIER} -\nM. Ludovic GUILLOUET",
     [("Guillaume MASSON", "Noël DI MARCO"), ("Marie-Claire N'DIAYE", "François BARBIER")]),
    # OCR debris between the connector and the holder
    ("Absents ayant donné procuration : Monsieur Alain PONCHET - PASSEMARD\ndonne pouvoir à N Monsieur Jean-Marc VAN DER BEKE",
     [("Alain PONCHET-PASSEMARD", "Jean-Marc VAN DER BEKE")]),
    ("Pouvoirs : M. Gérard BOYER pouvoir à M. Jean-Noël BERNARD, M. Yannick COLLIN pouvoir à |\nMme Maëlle DUVAL",
     [("Gérard BOYER", "Jean-Noël BERNARD"), ("Yannick COLLIN", "Maëlle DUVAL")]),
    # 'NOM Prénom' holder whose compound surname is printed with a spaced dash
    ("Pouvoirs : VAN DER BEKE Ghislaine donne pouvoir à PETIT – JEAN Sophie - ARNAUD\nMélanie donne pouvoir à PETIT – JEAN Sophie",
     [("VAN DER BEKE Ghislaine", "PETIT-JEAN Sophie"), ("ARNAUD Mélanie", "PETIT-JEAN Sophie")]),
    # 'représenté par', a holder's surname wrapped alone, then a statement with 'délégation de vote'
    ("Étaient représentés : M. Éric JACQUET par Mme Sylvie BOUCHER, Mme Laure PONS par M. Yann LE\nGALL.\n"
     "M. Henri COUDERC donne délégation de vote à M. Jean DUPONT.",
     [("Éric JACQUET", "Sylvie BOUCHER"), ("Laure PONS", "Yann LE GALL"), ("Henri COUDERC", "Jean DUPONT")]),
])
def test_more_proxy_wordings(session, expected):
    assert pairs("Présents : Jean DUPONT, Paul MARTIN\n" + session) == expected


def test_a_substitute_is_not_a_proxy():
    assert pairs("Présents : Jean DUPONT, Luc LEROY représenté par son suppléant Alain JOLY") == []


def test_civility_misread_by_ocr_is_not_part_of_a_proxy_name():
    assert pairs("Procurations : Mine Chantal FOURNIER donne pouvoir à Mrne Anne ROY") == [
        ("Chantal FOURNIER", "Anne ROY")]


@pytest.mark.parametrize("session, expected", [
    # OCR lost "(procuration" in a block of noise: the ")" after the holder still closes a note
    ("Absents excusés : Mme Claire LÉGER (procuration à M. Daniel\nLECLERRC) et M. Jean-Luc GUÉRIN RETAERE à M. Daniel\n"
     "LECLERRC)\nAbsents : M. Jean NICOLAS",
     [("Claire LÉGER", "Daniel LECLERRC"), ("Jean-Luc GUÉRIN", "Daniel LECLERRC")]),
    # only its "(" lost: the keyword is still read
    ("Absents excusés : GUÉRIN Jean-Luc pouvoir donné à Mme Anne ROY), M. Paul DURAND",
     [("GUÉRIN Jean-Luc", "Anne ROY")]),
    ("Absents excusés : M. Paul DURAND représenté par Mme Anne ROY), M. Luc BLANC", [("Paul DURAND", "Anne ROY")]),
    # no whole name would be left before a garbled keyword, and "remplacé par" names a suppléant
    ("Absents excusés : M. Jean DUPONT à M. Paul MARTIN)", []),
    ("Absents excusés : M. Jean-Luc GUÉRIN remplacé par Mme Anne ROY)", []),
])
def test_proxy_note_whose_opening_ocr_lost(session, expected):
    assert pairs(session) == expected


@pytest.mark.parametrize("session, expected", [
    # a speck after the note's connector at the line's end
    ("Absents excusés : Inès VAN DER BEKE (pouvoir à Jean-Noël VAN DAME) - Nathalie THOMAS (procuration à.\n"
     "Gaël ÉTIENNE)\nAbsents non excusés : René LECLERC",
     [("Inès VAN DER BEKE", "Jean-Noël VAN DAME"), ("Nathalie THOMAS", "Gaël ÉTIENNE")]),
    # an underscore glued to the separator that ends the line
    ("Excusés : Denis BOUCHER (pouvoir à Agnès ROBERT) - Hugues DA SILVA (procuration à Agnès ROBERT) -_\n"
     "Joël BARTHÉLÉMY (procuration à Régis DURAND)\nDésignation du secrétaire de séance",
     [("Denis BOUCHER", "Agnès ROBERT"), ("Hugues DA SILVA", "Agnès ROBERT"), ("Joël BARTHÉLÉMY", "Régis DURAND")]),
])
def test_proxy_notes_with_ocr_specks(session, expected):
    assert pairs("Séance du 15 juin 2020\nPrésents : Christian LAURENT - Agnès ROBERT - Régis DURAND\n" + session) == expected
