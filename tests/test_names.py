"""Names as printed: civility off, lists split, compound names whole, OCR variants matched."""
import pytest
from hypothesis import given, settings, strategies as st

from extractors.name_lists import read_lists
from extractors.names import name_key, reconcile, same_person, split_names, strip_civility
from pipeline.model import DeliberationText


@pytest.mark.parametrize("printed, expected", [
    ("Monsieur Didier ACHALME", "Didier ACHALME"),
    ("Mme DUPONT", "DUPONT"),
    ("M.CHARRIER Jean-Paul", "CHARRIER Jean-Paul"),
    ("MM Sébastien LEROUX", "Sébastien LEROUX"),
    ("Mr VINCON", "VINCON"),
    ("madame Jeanne GUILLOUET", "Jeanne GUILLOUET"),
    ("Mlle Anne MARTIN", "Anne MARTIN"),
    ("Marc SAUGET", "Marc SAUGET"),  # a first name starting with "M" is not a civility
    ("Mathieu FIGINI", "Mathieu FIGINI"),
    # titles of doctors and notaries are civilities too; "Me" only before a capital
    ("Docteur LAMBERT", "LAMBERT"),
    ("Maître Anne GIRARD", "Anne GIRARD"),
    ("Me GIRARD", "GIRARD"),
    ("Dr. Jean VIAL", "Jean VIAL"),
    ("Dr Jean VIAL", "Jean VIAL"),
])
def test_strip_civility(printed, expected):
    assert strip_civility(printed) == expected


@pytest.mark.parametrize("text, expected", [
    # commas, wrapped across lines, civility on every name
    ("Madame Florence DEMOUY, Monsieur Joachim LUDER, Madame Virginie\nANTHONY, Madame Laetitia PIERRON",
     ["Florence DEMOUY", "Joachim LUDER", "Virginie ANTHONY", "Laetitia PIERRON"]),
    # spaced dashes, a double dash, and the spaced dash inside a compound surname
    ("Denis JUVIN -- Catherine MARTEL - Muriel NIGGEL\n- Philippe ROUVIER - COROUGE - Michel VAILLIES",
     ["Denis JUVIN", "Catherine MARTEL", "Muriel NIGGEL", "Philippe ROUVIER-COROUGE", "Michel VAILLIES"]),
    ("Philippe ROUVIER - COROUGE", ["Philippe ROUVIER-COROUGE"]),
    ("Catherine MARTEL - Patricia MICHOT - Philippe ROUVIER -\nCOROUGE",
     ["Catherine MARTEL", "Patricia MICHOT", "Philippe ROUVIER-COROUGE"]),
    # SURNAME Firstname with roles mixed in (Preuilly)
    ("M.CHARRIER Jean-Paul Maire, M.THOREAU Gérard, M. ROBERT Henri\nAdjoints, M.BERNARD Bruno Délégué, et M. CRON Patrick.",
     ["CHARRIER Jean-Paul", "THOREAU Gérard", "ROBERT Henri", "BERNARD Bruno", "CRON Patrick"]),
    # first names only, slashes, parenthesised notes
    ("Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès) /\nMathieu (pas de pouvoir donné)",
     ["Maryline", "Marielle", "Mathieu"]),
    ("Jean-Pierre, Yves, Jacques, Anne-Marie, Adeline.", ["Jean-Pierre", "Yves", "Jacques", "Anne-Marie", "Adeline"]),
    # 'et' before the last name, semicolons
    ("Sophie PICHONNIER, Jean-Pierre GOHIN et Nelly GREUSARD", ["Sophie PICHONNIER", "Jean-Pierre GOHIN", "Nelly GREUSARD"]),
    ("Anne LE GALL ; Paul D'ALMEIDA ; Franck DE MAGALHAES", ["Anne LE GALL", "Paul D'ALMEIDA", "Franck DE MAGALHAES"]),
    # an elision's apostrophe OCR read twice, in both its shapes
    ("Mme DAVID Aurélie - Mme D’'ALMEIDA Noémie - Mme LUCAS Évelyne",
     ["DAVID Aurélie", "D’ALMEIDA Noémie", "LUCAS Évelyne"]),
    ("Alain Van SIMMERTIER, Jean Louis VERDIER, Claire ANDRIEUX-JANNETTA",
     ["Alain Van SIMMERTIER", "Jean Louis VERDIER", "Claire ANDRIEUX-JANNETTA"]),
    # one name per line, no separator at all
    ("Pierre MARTIN\nJeanne DURAND\nPaul LEBRUN", ["Pierre MARTIN", "Jeanne DURAND", "Paul LEBRUN"]),
    # roles in inclusive writing and ordinal adjoints
    ("Paul MARTIN, 1er adjoint, Anne DURAND, Conseillère municipale, Luc PETIT Adjoint(e)s",
     ["Paul MARTIN", "Anne DURAND", "Luc PETIT"]),
    # a word cut at a hyphen at the end of a line
    ("Marie-\nClaire TUFFERY, Roland VERNET", ["Marie-Claire TUFFERY", "Roland VERNET"]),
    # figures from a side box or a count are not names
    ("06/06/2023 Viviane JAMES,", ["Viviane JAMES"]),
    ("35", []),
])
def test_split_names(text, expected):
    assert split_names(text) == expected


_FIRST = st.sampled_from(["Jean", "Jean-Pierre", "Anne-Marie", "Éric", "Héloïse", "Nelly", "Marc", "Kévin", "Agnès"])
_LAST = st.sampled_from(["DUPONT", "ANDRIEUX-JANNETTA", "DE MAGALHAES", "LE GALL", "D'ALMEIDA", "NOËL",
                         "FOUREY-BECHET", "VAN SIMMERTIER", "LÜDER", "PONCHET-PASSEMARD"])
_CIV = st.sampled_from(["", "M. ", "Mme ", "Monsieur ", "Madame ", "MM. "])
_SEP = st.sampled_from([", ", " - ", " – ", " ; ", " / ", " et ", ",\n", "\n- ", " -- "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_CIV, _FIRST, _LAST), min_size=1, max_size=8), _SEP, st.booleans())
def test_split_names_gives_back_joined_names(people, sep, surname_first):
    names = [f"{last} {first}" if surname_first else f"{first} {last}" for _, first, last in people]
    printed = sep.join(civ + n for (civ, _, _), n in zip(people, names))
    assert split_names(printed) == names


@pytest.mark.parametrize("name, candidates, expected", [
    ("Dominique GAUDIIN", ["Dominique GAUDIN", "Sylvain GAUDIN"], "Dominique GAUDIN"),
    ("NIGGEL Muriel", ["Muriel NIGGEL", "Denis JUVIN"], "Muriel NIGGEL"),
    ("Monique FOUREY-BHECHET", ["Monique FOUREY-BECHET"], "Monique FOUREY-BECHET"),
    ("Alessandra STURANTI", ["Alessandra STURANI"], "Alessandra STURANI"),
    ("Leroux", ["Sébastien LEROUX", "Sylvain GAUDIN"], "Sébastien LEROUX"),
    ("Sophie PICHONNIER", ["Sylvain PICHONNIER"], None),  # two people, one family
    ("Marc SAUGET", ["Marielle SAUGET"], None),
    ("Pichonnier", ["Sylvain PICHONNIER", "Sophie PICHONNIER"], None),  # ambiguous surname
    ("Laëtitia PIERRON", ["Laetitia PIERRON"], "Laetitia PIERRON"),
])
def test_reconcile(name, candidates, expected):
    assert reconcile([name], candidates)[name] == expected


def test_same_person_ignores_order_case_and_accents():
    assert same_person("NIGGEL Muriel", "muriel niggel")
    assert name_key("Joachim LÜDER") == name_key("Joachim LUDER")
    assert not same_person("Karine BATIFOULIER", "Vivien BATIFOULIER")


@pytest.mark.parametrize("session, kinds", [
    ("Présents : A B\nAbsents excusés : C D", ["present", "excused"]),
    ("Étaient présents :\nJean DUPONT, Anne MARTIN\nÉtaient absents excusés :\nPaul DURAND", ["present", "excused"]),
    ("Etaients présents : MM. Serge DRUGEON\nAbsent ayant donné procuration : Mr X à Mr Y", ["present", "proxy"]),
    ("Absents non excusés : Mathieu FIGINI", ["absent"]),
    ("Excusé(e)s : Anne MARTIN", ["excused"]),
    ("Procurations : Anne MARTIN donne procuration à Paul DURAND", ["proxy"]),
    # an EPCI's substitutes sit: their list is one of present members
    ("Présents : A B\nSuppléant : M. KLEIN Roger suppléant de M. HOFFMANN Jacques", ["present", "present"]),
    ("Délégués suppléants présents : M. KLEIN Roger", ["present"]),
    # the members' noun and the body's adjective belong to the label, before or after the status
    ("Conseillers municipaux présents : Jean DUPONT", ["present"]),
    ("Délégués présents : Jean DUPONT\nDélégués excusés : Anne ROY", ["present", "excused"]),
    ("Étaient présents les conseillers municipaux : Jean DUPONT", ["present"]),
    ("Présents les membres suivants : Jean DUPONT", ["present"]),
    # a vote sentence is not a label
    ("à l'unanimité des membres présents et représentés :", []),
])
def test_read_lists_labels(session, kinds):
    d = DeliberationText.from_text("x", session_text=session)
    assert [b.kind for b in read_lists(d.session)] == kinds


@pytest.mark.parametrize("cut", ["qui a\ndonné pouvoir", "qui a donné\npouvoir", "\nqui a donné pouvoir",
                                 " donne\npouvoir", " ayant donné\nprocuration"])
def test_a_proxy_statement_cut_at_a_line_end_stays_in_its_list(cut):
    d = DeliberationText.from_text("x", session_text=(
        f"Excusés : Laurent CHARPENTIER qui a donné pouvoir à Nathalie ROLLAND ; Céline MARTY{'' if cut[0] in ' q' else ' '}"
        f"{cut} à Franck LAURENT.\nAbsent : Thomas BRETON."))
    blocks = read_lists(d.session)
    assert [b.kind for b in blocks] == ["excused", "absent"]
    assert blocks[0].content.endswith("à Franck LAURENT.")


def test_names_printed_in_columns_without_separators():
    text = ("BERTIN Odile LAGARDE Michel de LA FONTAINE Jean\nBOUCHER Sylvie LE GALL Yann D'ALMEIDA Rosa")
    assert split_names(text) == ["BERTIN Odile", "LAGARDE Michel", "de LA FONTAINE Jean", "BOUCHER Sylvie",
                                 "LE GALL Yann", "D'ALMEIDA Rosa"]
    assert split_names("Odile BERTIN Michel LAGARDE Jean de LA FONTAINE Sylvie BOUCHER") == [
        "Odile BERTIN", "Michel LAGARDE", "Jean de LA FONTAINE", "Sylvie BOUCHER"]


def test_a_word_before_a_label_at_a_word_space_is_part_of_it_not_a_margin():
    """'Étaient représentés :' — the list's next lines start left of 'représentés' and stay in it."""
    d = DeliberationText.from_text("x", session_text=(
        "Étaient représentés : M. Éric JACQUET par Mme Sylvie BOUCHER, Mme Laure PONS par M. Yann LE\nGALL.\n"
        "Absente : Mme Lucie TESSIER."))
    blocks = read_lists(d.session)
    assert [b.kind for b in blocks] == ["proxy", "absent"] and blocks[0].content.endswith("LE\nGALL.")


def test_list_stops_at_prose_and_next_label():
    d = DeliberationText.from_text("x", session_text=(
        "Absents excusés : Anthony GUILMIN, Stéphane GACOIN et\nThierry CHAUVIN\n"
        "Désignation du secrétaire de séance\nMonsieur Mallard est nommé secrétaire de séance."))
    (block,) = read_lists(d.session)
    assert split_names(block.content) == ["Anthony GUILMIN", "Stéphane GACOIN", "Thierry CHAUVIN"]


@pytest.mark.parametrize("text, expected", [
    # a separator lost at a line end in a 'NOM Prénom' list
    ("MORIN Christian MARTINEZ Gérard, LAMBERT Jean-Noël", ["MORIN Christian", "MARTINEZ Gérard", "LAMBERT Jean-Noël"]),
    # OCR read 'M.' without its period
    ("M MEYER Benoît, Mme DUVAL Odile", ["MEYER Benoît", "DUVAL Odile"]),
    ("DE LA ROCHE Jean-Luc, Jean-Marc VAN DER BEKE", ["DE LA ROCHE Jean-Luc", "Jean-Marc VAN DER BEKE"]),
    ("Mélanie O'NEILL, Yannick N'DIAYE", ["Mélanie O'NEILL", "Yannick N'DIAYE"]),
])
def test_split_names_more_shapes(text, expected):
    assert split_names(text) == expected


def test_side_column_words_before_a_label_are_not_prose():
    """'Nombre de membres' printed in a margin column on the same visual line as 'Présents :'."""
    from pipeline.model import Line, Word

    def line(tokens, top, x=40.0):
        words = []
        for tok in tokens.split(" "):
            x += 12.0 if tok == "|" else 0.0  # a wide gap: the margin column ends
            if tok != "|":
                words.append(Word(tok, 1, x, top, x + 5 * len(tok), top + 10))
                x += 5 * len(tok) + 3
        return Line.from_words(words)
    first = line("Nombre de membres | Présents : Mme Agnès CHEVALIER, M. Jean", 100)
    margin = line("en exercice : 34", 112)
    second = line("NOËL et Mme Claire DAVID", 124, x=140.0)
    (block,) = read_lists([first, margin, second])
    assert block.kind == "present"
    assert split_names(block.content) == ["Agnès CHEVALIER", "Jean NOËL", "Claire DAVID"]


def test_prose_label_after_a_lowercase_word_is_still_not_a_label():
    d = DeliberationText.from_text("x", session_text="Nombre de membres présents : 14")
    assert read_lists(d.session) == []


# --------------------------------------------------------------------------- OCR noise in lists
@pytest.mark.parametrize("text, expected", [
    # a note closed by a brace, a stray closing parenthesis, a compound name broken in two
    ("Benoît RIVIÈRE (Maire), Maëlle MARCHAND (Déléguée}, Patrick VAN DAMME",
     ["Benoît RIVIÈRE", "Maëlle MARCHAND", "Patrick VAN DAMME"]),
    ("Inès DUMONT, Éric PONCHET-PASSEMARD), Jean- -François MATHIEU, Élodie BÉRARD",
     ["Inès DUMONT", "Éric PONCHET-PASSEMARD", "Jean-François MATHIEU", "Élodie BÉRARD"]),
    ("Catherine LAMBERT- DELHOMME, Ludovic MERCIER", ["Catherine LAMBERT-DELHOMME", "Ludovic MERCIER"]),
    # a note left open: it ends at the next comma
    ("Anne ROY (Adjointe, Paul MARTIN", ["Anne ROY", "Paul MARTIN"]),
    # a first name lowered by OCR after a civility, a speck read as a capital, a misread role
    ("M. Mathieu MOREL et Mme isabelle MICHEL", ["Mathieu MOREL", "Isabelle MICHEL"]),
    ("Mme Véronique GARNIER, M. Patrick D DUVAL", ["Véronique GARNIER", "Patrick DUVAL"]),
    ("Mme MICHEL Françoise Déiléguée, M. ROY Paul", ["MICHEL Françoise", "ROY Paul"]),
    # a bracket OCR read inside a surname in capitals is a speck, not a note
    ("Gaël SIMON, Bernard PONCHET-PASSEMAR)D, Jérôme ROY", ["Gaël SIMON", "Bernard PONCHET-PASSEMARD", "Jérôme ROY"]),
    # the ligature of LEBŒUF, CŒUR is a capital like any other
    ("Joël LEBŒUF, Marie CŒURDEROY et Anne MARTIN", ["Joël LEBŒUF", "Marie CŒURDEROY", "Anne MARTIN"]),
    # a compound first name's hyphen read with a space after it
    ("NOËL Marie- Claire, Jean- Pierre DUPONT, Paul MARTIN - Claire ROY",
     ["NOËL Marie-Claire", "Jean-Pierre DUPONT", "Paul MARTIN", "Claire ROY"]),
])
def test_ocr_noise_in_a_list(text, expected):
    assert split_names(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("N Monsieur Jean-Marc VAN DER BFKE", "Jean-Marc VAN DER BFKE"),  # a speck before the civility
    ("| Mme Maëlle DUVAL, M. Paul ROY", "Maëlle DUVAL"),
    ("PETIT – JEAN Sophie - ARNAUD Mélanie", "PETIT-JEAN Sophie"),  # 'NOM Prénom', spaced compound
    ("ROUVIER - COROUGE, Denis JUVIN", "ROUVIER-COROUGE"),
    # 'dit' joins a surname and the name the person goes by; a name never ends on a particle
    ("M. ROUX dit MARTIN, Mme PETIT", "ROUX dit MARTIN"),
    ("M. DUPONT dit que la commune", "DUPONT"),
])
def test_take_name_forward(text, expected):
    from extractors.names import take_name
    assert take_name(text)[0] == expected


@pytest.mark.parametrize("name, candidates, expected", [
    ("Hélème", ["Hélène", "Marie-Hélène", "Jeanne"], "Hélène"),  # one letter off, same length
    ("Anne", ["Anne-Sophie", "Claire"], None),  # a first name is not part of a compound one
    ("Marin", ["Marie", "Mario"], None),  # two candidates one letter off: ambiguous
])
def test_reconcile_short_names(name, candidates, expected):
    assert reconcile([name], candidates)[name] == expected


def _line(text: str, xs: list[float], top: float = 100.0):
    from pipeline.model import Line, Word
    words = [Word(t, 1, x, top, x + 5.0 * len(t), top + 10.0) for t, x in zip(text.split(" "), xs)]
    return Line.from_words(words)


def test_list_beside_a_margin_of_counts_keeps_its_column():
    """Scanned layout: a margin box of counts shares the visual lines of the list."""
    l1 = _line("présents : 19 Étaient } présents : M. Paul DURAND, M.", [38, 74, 79, 149, 152, 195, 250, 257, 275, 330, 400])
    l2 = _line("représentés : 1 ROBIN Jean-Noël, Mme Anne MARTIN, M.", [38, 86, 91, 149, 188, 249, 270, 310, 360])
    l3 = _line("votants : 19 DUMONT Karim", [38, 67, 74, 149, 205])
    blocks = read_lists([l1, l2, l3])
    assert len(blocks) == 1 and blocks[0].kind == "present"
    assert split_names(blocks[0].content) == ["Paul DURAND", "ROBIN Jean-Noël", "Anne MARTIN", "DUMONT Karim"]


def test_a_note_wrapped_over_the_line_end_keeps_the_list_going():
    lines = ["Absents excusés : M. Guillaume MASSON (pouvoir à M. Noël DI",
             "MARCO) - Mme Marie-Claire N'DIAYE (pouvoir à M. François BARBIER) -",
             "M. Ludovic GUILLOUET"]
    from pipeline.model import Line
    blocks = read_lists([Line.synthetic(t, top=12.0 * i) for i, t in enumerate(lines)])
    assert split_names(blocks[0].content) == ["Guillaume MASSON", "Marie-Claire N'DIAYE", "Ludovic GUILLOUET"]


def test_a_proxy_statement_does_not_continue_a_present_list():
    from pipeline.model import Line
    lines = ["Présents : Jean DUPONT, Paul MARTIN", "Pouvoir de Mme Anne ROY à M. Paul MARTIN"]
    blocks = read_lists([Line.synthetic(t, top=12.0 * i) for i, t in enumerate(lines)])
    assert split_names(blocks[0].content) == ["Jean DUPONT", "Paul MARTIN"]


@pytest.mark.parametrize("text, expected", [
    # 'Mme' read by OCR as 'Mine' / 'Mrne' / 'Mmc' before a first name and a surname
    ("Monique CHEVALIER - Mine Chantal FOURNIER - Mme Fatima HENRY",
     ["Monique CHEVALIER", "Chantal FOURNIER", "Fatima HENRY"]),
    ("Mrne Anne ROY, Mmc Claire DAVID", ["Anne ROY", "Claire DAVID"]),
    # two capitals right after a surname: a speck or a stamp read as letters
    ("Jean-Noël MERCIER - Mickaël FONTAINE TE - Christian LUCAS",
     ["Jean-Noël MERCIER", "Mickaël FONTAINE", "Christian LUCAS"]),
    ("MARCHAND ID Anne Maire, MOREAU Jean-Pierre Adjoint", ["MARCHAND Anne", "MOREAU Jean-Pierre"]),
    # ... but a particle stays, and a short surname after a first name is a surname
    ("Anne LE GALL, Hoa LY, Paulo DA SILVA", ["Anne LE GALL", "Hoa LY", "Paulo DA SILVA"]),
])
def test_ocr_debris_around_a_name(text, expected):
    assert split_names(text) == expected


def test_mine_is_a_civility_only_before_a_name():
    assert strip_civility("Mine Chantal FOURNIER") == "Chantal FOURNIER"
    assert strip_civility("Mine de sel") == "Mine de sel"


@pytest.mark.parametrize("text, expected", [
    ("Mme Claire LÉGER (procuration à M. Daniel LECLERRC) et M. Jean-Luc GUÉRIN RETAERE à M. Daniel LECLERRC)",
     ["Claire LÉGER", "Jean-Luc GUÉRIN"]),
    ("GUÉRIN Jean-Luc pouvoir donné à Mme Anne ROY), M. Paul DURAND", ["GUÉRIN Jean-Luc", "Paul DURAND"]),
    # a bare ")" with no connector before it, or no whole name left, is only dropped
    ("MARCO) - Mme Anne ROY", ["MARCO", "Anne ROY"]),
    ("M. Jean DUPONT, M. Paul MARTIN)", ["Jean DUPONT", "Paul MARTIN"]),
])
def test_a_note_whose_opening_ocr_lost_is_removed_up_to_its_keyword(text, expected):
    assert split_names(text) == expected


def test_a_speck_colon_after_the_last_names_does_not_end_the_list():
    """"… Mme" / "Chantal ROCHE et Mme Valérie DESCHAMPS :": a list cut mid-name goes on, even
    when OCR read a speck after its last name as a colon; a heading after a whole list still ends it."""
    d = DeliberationText.from_text("x", session_text=(
        "Membres présents : Mme Marie-Claire CHEVALIER, M. Jean-Marc BONNET, Mme\n"
        "Chantal ROCHE et Mme Valérie DESCHAMPS :\nAbsents excusés : M. Denis BÉRARD"))
    assert [split_names(b.content) for b in read_lists(d.session)] == [
        ["Marie-Claire CHEVALIER", "Jean-Marc BONNET", "Chantal ROCHE", "Valérie DESCHAMPS"], ["Denis BÉRARD"]]
    d = DeliberationText.from_text("x", session_text="Présents : M. Jean BONNET, M. Paul ROY\nObjet de la séance :")
    assert [b.content for b in read_lists(d.session)] == ["M. Jean BONNET, M. Paul ROY"]


def test_a_list_whose_commas_ocr_read_as_periods_goes_on_over_its_lines():
    from extractors.attendance import extract_attendance
    session = ("Séance du 25 avril 2024\nÉtaient présents : Valérie FOURÉ-BÉCHET, Josiane MAILLARD, Jean-Noël NICOLAS.\n"
               "Valérie LECLERC. Anne DE MAGALHAES, Benoît SANCHEZ. Loïc LEFÈVRE, Isabelle\n"
               "BLANC. Sébastien O'NEILL et Frédéric FRANÇOIS\nPouvoirs : Catherine COLLIN pouvoir à Josiane MAILLARD")
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=session, kind="minutes")
    assert len([a for a in extract_attendance(d) if a.status == "present"]) == 10
    # a list ended by a period, then a sentence: the sentence is no name
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=(
        "Séance du 25 avril 2024\nÉtaient présents : Valérie FOURÉ-BÉCHET, Josiane MAILLARD, Jean-Noël NICOLAS.\n"
        "Monsieur le Maire ouvre la séance à 20 heures."), kind="minutes")
    assert [a.person_name for a in extract_attendance(d)] == ["Valérie FOURÉ-BÉCHET", "Josiane MAILLARD", "Jean-Noël NICOLAS"]


def test_a_period_ocr_read_after_a_surname_printed_first_does_not_cut_its_first_name_off():
    """"GUILLOUET Jean-Noël, MARTIN." / "Stéphane, MARCHAND Pierre, …": in a list printed surname
    first, a line opening with a lone first name before the next separator ends the person cut at
    the line end, so the list goes on; a sentence after a list ended by a period is still no name."""
    from extractors.attendance import extract_attendance
    session = ("Séance du 10 juillet 2020\nPrésents : MOREAU Mélanie Maire, BRUN Sylvie, GUILLOUET Jean-Noël, MARTIN.\n"
               "Stéphane, MARCHAND Pierre, DENIS Ghislaine et DE LA ROCHE Régis\n"
               "Absents ayant donné procuration : Madame LEGRAND Delphine donne pouvoir à Madame DENIS Ghislaine")
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=session, kind="minutes")
    assert [a.person_name for a in extract_attendance(d) if a.status == "present"] == [
        "MOREAU Mélanie", "BRUN Sylvie", "GUILLOUET Jean-Noël", "MARTIN Stéphane", "MARCHAND Pierre", "DENIS Ghislaine",
        "DE LA ROCHE Régis"]
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=(
        "Séance du 10 juillet 2020\nPrésents : MOREAU Mélanie, BRUN Sylvie, GUILLOUET Jean-Noël, MARTIN.\n"
        "Monsieur le Maire ouvre la séance à 20 heures."), kind="minutes")
    assert [a.person_name for a in extract_attendance(d)] == ["MOREAU Mélanie", "BRUN Sylvie", "GUILLOUET Jean-Noël", "MARTIN"]


def test_a_count_figure_ocr_read_as_letters_after_presents_is_no_name():
    from extractors.attendance import extract_attendance
    session = ("Séance du 25 avril 2024\nNombre de membres\nen exercice : 18\nprésents : LS\nvotants : 19\n"
               "Étaient présents : Valérie FOURÉ-BÉCHET, Josiane MAILLARD")
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=session, kind="minutes")
    assert [a.person_name for a in extract_attendance(d)] == ["Valérie FOURÉ-BÉCHET", "Josiane MAILLARD"]


def test_a_speck_line_inside_a_list_does_not_end_it():
    from extractors.attendance import extract_attendance
    session = ("Séance du 14 juillet 2022\nÉtaient présents : Mme MASSON Marie-José, M. JOLY Denis, Mme\n:\n"
               "LAMBERT-DELHOMME Hélène, Mme BEAUFORT-MICHEL Geneviève et M. ROUX François\n"
               "Absents ayant donné procuration : Monsieur PÉROT Jean-François donne pouvoir à Monsieur JOLY Denis")
    d = DeliberationText.from_text("1. Objet\nTexte.", session_text=session, kind="minutes")
    assert len([a for a in extract_attendance(d) if a.status == "present"]) == 5
