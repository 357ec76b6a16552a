"""The authority: letterheads (printed in capitals, wrapped, beside the State's marks, stamped over
on a scan) and the preamble sentence that prints the name again in its casing."""
import pytest

from extractors.session import extract_session
from pipeline.model import DeliberationText


def authority_of(session_text: str) -> str:
    d = DeliberationText.from_text("1. Objet quelconque\nTexte.", session_text=session_text, kind="minutes")
    found = extract_session(d).get("authority")
    return found.value if found else None


@pytest.mark.parametrize("session, authority", [
    # an e-transmission ID printed above the letterhead is not a name ending on "Communauté"
    ("ID : 016-241669919-20200514-DEL22042020-DE\nCOMMUNAUTÉ DE COMMUNES DU PAYS DE\nBRÉVILLY-LE-CHÂTEAU\n"
     "Séance du 22 avril 2020",
     "Communauté de communes du Pays de Brévilly-le-Château"),
    ("ID : 016-200012345-20231208-D2023_035-DE\nCOMMUNAUTÉ DE COMMUNES DU PAYS DE\nNEUVY\nSéance du 8 décembre 2023",
     "Communauté de communes du Pays de Neuvy"),
    # the keyword closes a name only when it does not open the next one
    ("Président de Hautes Terres Communauté\nSéance du 3 mars 2024", "Hautes Terres Communauté"),
])
def test_ids_and_particles_before_a_letterhead_are_not_names(session, authority):
    assert authority_of(session) == authority


@pytest.mark.parametrize("session, authority", [
    # the letterhead's last line is cut off by the State's marks; the preamble prints the name whole
    ("COMMUNAUTÉ DE COMMUNES VILLERS-EN-VEXIN RÉPUBLIQUE FRANÇAISE\nSéance du 21 mars 2025\n"
     "Le 21 mars 2025, le Conseil communautaire de la Communauté de communes\n"
     "Villers-en-Vexin Vallées, convoqué légalement, s’est réuni.",
     "Communauté de communes Villers-en-Vexin Vallées"),
    # a letterhead wrapped before a particle ("DES HAUTS" / "DE VALBRUNE"), the preamble wrapped too
    ("COMMUNAUTÉ DE COMMUNES DES HAUTS\nDE VALBRUNE-LA-FORÊT\nSéance du 12 novembre 2020\n"
     "Le jeudi 12 novembre 2020, le Conseil communautaire de la Communauté\n"
     "de communes des Hauts de Valbrune-la-Forêt, convoqué légalement, s'est réuni.",
     "Communauté de communes des Hauts de Valbrune-la-Forêt"),
    # a scan: the stamp's letters mixed into the letterhead, the columns in another order
    ("COMMUNAUTÉ DE COMMUNES DU ANÇAISE\nD'AUBIGNÉ tement : 15\nPAYS F1.\nSéance du 29 décembre 2023\n"
     "L'an deux mille vingt-trois, le vingt-neuf décembre, le Conseil\n"
     "communautaire de la Communauté de communes du Pays d’Aubigné, convoqué légalement.",
     "Communauté de communes du Pays d’Aubigné"),
    ("SYNDICAT DÉPARTEMENTAL D'ÉNERGIES DE RÉPUBLIQUE FRANÇAISE\nE E L'INDRE Département : 36\n"
     "Séance du 11 novembre 2025\nLe mardi 11 novembre 2025, le Comité syndical du Syndicat\n"
     "départemental d'énergies de l’Indre, dûment convoqué, s'est réuni.",
     "Syndicat départemental d'énergies de l’Indre"),
    # a scan: a stamp cut the letterhead's particle ("DI"), the preamble wraps the name after one
    ("COMMUNAUTÉ DE COMMUNES DES HAUTS DI ISE\nVALMONT-SUR-LOIRE 09\n: FRANÇA\nSéance du 15 mars 2023\n"
     "Le 15 mars 2023, le Conseil communautaire de la Communauté de communes des Hauts de\n"
     "Valmont-sur-Loire, convoqué légalement, s’est réuni sous la présidence de Monsieur Paul\nMARTIN.",
     "Communauté de communes des Hauts de Valmont-sur-Loire"),
    ("COMMUNE DE SAINT-AUBIN RÉPUBLIQUE FRANÇAISE\nSéance du 2 juin 2022\n"
     "Le 2 juin 2022, le Conseil municipal de la commune de\nSaint-Aubin-sur-Orne, convoqué légalement.",
     "Commune de Saint-Aubin-sur-Orne"),
    # the name the letterhead stops before a title line never runs into the title
    ("SYNDICAT DÉPARTEMENTAL D’ÉNERGIES DU\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 24 septembre 2021\n"
     "le Comité syndical\ndu Syndicat départemental d’énergies du Gers,\nconvoqué légalement.",
     "Syndicat départemental d’énergies du Gers"),
])
def test_the_preamble_prints_the_name_whole_and_in_its_casing(session, authority):
    assert authority_of(session) == authority


def test_a_column_beside_the_preamble_is_not_read_as_a_name():
    # a count box printed left of the preamble: the text stage interleaves its lines
    session = ("MAIRIE DE SAINTE-COLOMBE-LE-LAC RÉPUBLIQUE FRANÇAISE\nSéance du 23 août 2022\n"
               "Membres en exercice 19 L’an deux mille vingt-deux, le vingt-trois août à vingt\n"
               "heures, le Conseil municipal de la commune de\nVotants 16\n"
               "Sainte-Colombe-le-Lac, convoqué légalement, s’est")
    assert authority_of(session) == "Commune de Sainte-Colombe-le-Lac"


def test_a_preamble_that_names_less_than_the_letterhead_does_not_cut_it():
    session = ("COMMUNAUTÉ DE COMMUNES DU PAYS DE NEUVY\nSéance du 9 mars 2020\n"
               "le Conseil de la Communauté de communes du Pays\nDe plus, convoqué.")
    assert authority_of(session) == "Communauté de communes du Pays de Neuvy"


def test_a_hyphen_cut_at_a_line_end_is_not_read_back_with_a_space():
    session = ("MAIRIE DE SAINTE-COLOMBE\nSéance du 3 mai 2019\n"
               "Le 3 mai 2019, le Conseil municipal de la commune de Sainte- Colombe,\nconvoqué légalement.")
    assert authority_of(session) == "Commune de Sainte-Colombe"


def test_no_authority_printed_stays_null():
    assert authority_of("COMPTE RENDU DU CONSEIL MUNICIPAL\nSéance du 7 octobre 2022\nPrésents : A, B") is None


def test_a_commune_named_only_in_the_text_even_wrapped_at_a_line_end():
    d = DeliberationText.from_text("B/ Plan communal\nLe Maire souhaite mettre à jour les fiches de la commune de\nCouthenans. Date arrêtée.",
                                   session_text="COMPTE RENDU DU CONSEIL MUNICIPAL\nSéance du 7 octobre 2022", kind="minutes")
    assert extract_session(d)["authority"].value == "Commune de Couthenans"


def test_a_letterhead_in_capitals_takes_the_casing_of_the_preamble_whatever_the_apostrophe():
    session = ("SYNDICAT DÉPARTEMENTAL D’ÉNERGIES DU RÉPUBLIQUE FRANÇAISE\nCANTAL Département : 15\n"
               "Séance du 15 août 2022\nLe lundi 15 août 2022, le Comité syndical du Syndicat départemental d'énergies "
               "du Cantal, dûment convoqué le 14 août 2022, s’est réuni.")
    assert authority_of(session) == "Syndicat départemental d'énergies du Cantal"


def test_a_count_box_interleaved_with_the_preamble_does_not_hide_the_name_it_prints():
    from pipeline.model import Line

    def printed(top, *blocks):
        return Line.printed(*blocks, top=top)
    session = [printed(0, (186, "SYNDICAT DÉPARTEMENTAL D'ÉNERGIES DE"), (450, "RÉPUBLIQUE FRANÇAISE")),
               printed(10, (115, "E"), (151, "E"), (186, "L'INDRE"), (494, "Département : 36")),
               printed(40, (264, "Séance du 11 novembre 2025")),
               printed(60, (149, "Le mardi 11 novembre 2025 à 9h30, le Comité syndical du Syndicat")),
               printed(100, (38, "exercice : 19")), printed(118, (38, "présents : 19")),
               printed(74, (149, "départemental d'énergies de l’Indre, dûment convoqué le 4 novembre")),
               printed(88, (149, "2025, s'est réuni en séance publique en la salle du conseil en mairie,"))]
    d = DeliberationText(seq=1, lines=[Line.synthetic("1. Objet", top=300)], session=session, kind="extract")
    assert extract_session(d)["authority"].value == "Syndicat départemental d'énergies de l’Indre"


def body_of(session_text: str) -> str:
    d = DeliberationText.from_text("1. Objet quelconque\nTexte.", session_text=session_text, kind="minutes")
    found = extract_session(d).get("body")
    return found.value if found else None


@pytest.mark.parametrize("session, body", [
    # a delegated body printed as a title under its assembly is the one that deliberates
    ("DÉPARTEMENT DE LA HAUTE-MARNE\nCONSEIL DÉPARTEMENTAL\nCOMMISSION PERMANENTE\nRéunion du 17 novembre 2023",
     "Commission permanente"),
    ("COMMUNAUTÉ DE COMMUNES DU VAL\nConseil communautaire\nBureau communautaire du 3 mai 2024", "Bureau communautaire"),
    # ... not when a sentence only mentions it
    ("CONSEIL DÉPARTEMENTAL DE LA MEUSE\nSéance du 3 mai 2024\nVu la délibération portant délégation à la "
     "Commission permanente", "Conseil départemental"),
])
def test_a_delegated_body_in_the_header(session, body):
    assert body_of(session) == body


def test_an_elision_ocr_read_with_two_apostrophes_still_joins_the_departement():
    session = ("DÉPARTEMENT DE L’'ARIÈGE RÉPUBLIQUE FRANÇAISE\nCONSEIL DÉPARTEMENTAL\n"
               "Le 7 mars 2023, le Conseil départemental, convoqué légalement, s’est réuni en séance publique.")
    d = DeliberationText.from_text("1. Objet quelconque\nTexte.", session_text=session, kind="minutes")
    assert extract_session(d)["authority"].value == "Département de l’Ariège"
