"""Layout: page furniture takes only its own words, a decision line or a recap entry
is no copy of furniture, the "Objet :" label as OCR misreads it, margin labels read by height."""
import pytest

from pipeline.layout import segment_lines, split_furniture
from pipeline.layout.headings import heading_style
from pipeline.layout.patterns import OBJET_RE, objet_label
from pipeline.lines import group_lines
from pipeline.model import Line, Word


def _words(text, x, top, page=1, size=9.0, ocr=False):
    out, char = [], 0.5 * size
    for tok in text.split():
        out.append(Word(tok, page, x, top, x + char * len(tok), top + size, size=0.0 if ocr else size, from_ocr=ocr))
        x += char * (len(tok) + 1)
    return out


def _line(*parts, page=1, top=0.0):
    """A line made of runs of words printed at the given x positions: (text, x), …"""
    words = []
    for text, x in parts:
        words += _words(text, x, top, page)
    return Line.from_words(words)


BOX = [("Nombre de membres", 224), ("en exercice : 27", 235), ("présents : 22", 246), ("votants : 23", 257),
       ("Date de convocation :", 279), ("27/08/2024", 290), ("Date d'affichage :", 301), ("27/08/2024", 312)]
BODY = ["Le Conseil municipal, après en avoir délibéré, décide d'approuver le bilan présenté ci-dessous",
        "et de valider l'annexe opérationnelle pour l'année à venir, selon les conditions exposées",
        "Il est rappelé que les crédits nécessaires sont inscrits au budget de l'exercice en cours",
        "Vote : à l'unanimité des membres présents et représentés lors de la présente séance"]


def _page(page, extra=None):
    """A page: the margin box at x=40 beside body lines at x=141. `extra`: (box row, text, x)
    a body word wrapped onto the row of a box line."""
    lines = [_line((t, 141), page=page, top=60.0 + 14 * k) for k, t in enumerate(BODY)]
    for text, top in BOX:
        parts = [(text, 40)]
        if extra and extra[0] == text and top == 301:
            parts.append((extra[1], extra[2]))
        lines.append(_line(*parts, page=page, top=float(top)))
    lines += [_line((t, 141), page=page, top=330.0 + 14 * k) for k, t in enumerate(BODY)]
    return lines


def test_furniture_keeps_the_body_words_that_share_its_line():
    # A table cell wraps its "2024" onto the row of the repeated "Date d'affichage :" on page 2.
    lines = _page(1) + _page(2, ("Date d'affichage :", "2024", 411)) + _page(3) + _page(4)
    content, furniture = split_furniture(lines)
    assert "2024" in [l.text for l in content if l.page == 2]
    assert [l.text for l in furniture if l.page == 2].count("Date d'affichage :") == 1
    assert not any("2024" == w.text for l in furniture for w in l.words)


def test_furniture_keeps_its_own_values_misread_on_one_page():
    # The box's own figure, read differently on one page, sits inside the box, not in the body.
    lines = _page(1) + _page(2, ("Date d'affichage :", "il", 110)) + _page(3) + _page(4)
    content, furniture = split_furniture(lines)
    assert not any(l.text == "il" for l in content)


def test_furniture_drops_ocr_specks_beside_the_box():
    lines = _page(1) + _page(2, ("Date d'affichage :", "ÿ É", 300)) + _page(3) + _page(4)
    content, _ = split_furniture(lines)
    assert not any("ÿ" in l.text for l in content)


def _two_pages(first_line, second_line):
    """Two pages where `first_line` (page 1) and `second_line` (page 2) sit at the same place."""
    p1 = [Line.synthetic(t, 1, top=20.0 * k) for k, t in enumerate(
        ["PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL COMMUNAUTAIRE", "Présents : 40 - Votants : 41",
         "1 - Modification des statuts du syndicat intercommunal d'eau potable",
         "Le comité syndical a approuvé une modification de ses statuts.",
         "Le Conseil communautaire, après en avoir délibéré, à l'unanimité, DÉCIDE :",
         first_line,
         "= DE CHARGER Monsieur le Président de notifier la présente délibération au syndicat."])]
    p2 = [Line.synthetic(t, 2, top=20.0 * k) for k, t in enumerate(
        ["2 - Dénomination de voies nouvelles",
         "Le Conseil communautaire, après en avoir délibéré, DÉCIDE d'adopter la dénomination.",
         "Adopté à l'unanimité.",
         "La séance est levée à 23h05.",
         "Liste des délibérations examinées au cours de la séance",
         second_line,
         "2 Dénomination de voies nouvelles"])]
    return p1 + p2


@pytest.mark.parametrize("decision", [
    "= D'APPROUVER la modification des statuts du syndicat intercommunal d'eau potable ;",
    "| D'APPROUVER la modification des statuts du syndicat intercommunal d'eau potable ;",
])
def test_a_decision_behind_an_ocr_bullet_is_not_furniture(decision):
    # "•" read "=" by OCR: the decision line resembles the recap entry printed at its height
    # on the other page of a two-page document.
    lines = _two_pages(decision, "M Modification des statuts du syndicat intercommunal d'eau potable")
    _, _, delibs = segment_lines(lines)
    assert decision in [l.text for l in delibs[0].lines]


def test_a_recap_entry_is_no_copy_of_the_line_at_its_height():
    body = "Il approuve la modification des statuts du syndicat intercommunal d'eau potable."
    lines = _two_pages(body, "1 Modification des statuts du syndicat intercommunal d'eau potable")
    content, _ = split_furniture(lines)
    assert body in [l.text for l in content]


def test_a_footer_repeated_word_for_word_is_still_furniture_below_a_recap_title():
    lines = _two_pages("Commune de Loisy - séance du 13 octobre 2021", "Commune de Loisy - séance du 13 octobre 2021")
    _, furniture = split_furniture(lines)
    assert [l.page for l in furniture if l.text.startswith("Commune de Loisy")] == [1, 2]


# --------------------------------------------------------------------------- "Objet :" as OCR reads it
@pytest.mark.parametrize("text,title", [
    ("Objet : Vote du budget primitif", "Vote du budget primitif"),
    ("OBJET: VOTE DU BUDGET", "VOTE DU BUDGET"),
    ("Obijet : Vote du budget primitif", "Vote du budget primitif"),
    ("0bjet : Vote du budget primitif", "Vote du budget primitif"),
    ("Objel : Vote du budget primitif", "Vote du budget primitif"),
    ("OBJFT : VOTE DU BUDGET", "VOTE DU BUDGET"),
    ("Obiet : Vote du budget primitif", "Vote du budget primitif"),
    ("Objets : Tarifs municipaux", "Tarifs municipaux"),
    ("Obijet :", ""),
])
def test_objet_label_tolerates_one_misread_letter(text, title):
    m = objet_label(text)
    assert m is not None and m.group("title") == title
    assert OBJET_RE.match(text) is not None


@pytest.mark.parametrize("text", ["Sujet : le budget", "Rejet : de la demande", "Vote : unanimité", "Pour : 12",
                                  "objet du marché public", "Budget : 2024", "Date : 12/10/2021"])
def test_objet_label_rejects_other_labels(text):
    assert objet_label(text) is None


@pytest.mark.parametrize("text", ["Obijet : Vote du budget primitif 2024", "OBJFT : ADHÉSION AU SYNDICAT"])
def test_a_misread_objet_heading_is_an_objet_heading(text):
    style = heading_style(Line.synthetic(text))
    assert style is not None and style[0] == "objet"


def test_an_extract_starts_at_its_misread_objet_line():
    text = ["EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", "Séance du 12 mars 2024",
            "Présents : 12 - Votants : 14", "Objel : Tarifs de la cantine scolaire",
            "Vu le code général des collectivités territoriales,", "Le conseil municipal, après en avoir délibéré,",
            "DÉCIDE de fixer les tarifs de la cantine.", "Vote : unanimité"]
    kind, session, delibs = segment_lines([Line.synthetic(t, 1, top=12.0 * k) for k, t in enumerate(text)])
    assert kind == "extract"
    assert delibs[0].lines[0].text == "Objel : Tarifs de la cantine scolaire"
    assert "Présents : 12 - Votants : 14" in [l.text for l in session]


# --------------------------------------------------------------------------- margin labels by height
PARAS = [  # two items' text in the body column, each paragraph ending on a full stop
    ["Dépenses d'investissement avant le vote du budget primitif de l'année 2024",
     "Vu l'article L. 1612-1 du code général des collectivités territoriales, et considérant que",
     "les dépenses peuvent être mandatées avant le vote du budget dans la limite du quart des crédits.",
     "Vote : unanimité des membres présents et représentés lors de cette séance du conseil."],
    ["Convention d'adhésion au service de prévention des risques professionnels",
     "Vu le code général de la fonction publique et notamment ses articles relatifs à la prévention,",
     "vu la délibération du conseil d'administration du centre de gestion en date du 14 septembre,",
     "Monsieur le Maire informe les membres du conseil municipal que le centre de gestion propose",
     "une nouvelle convention de prévention des risques professionnels auprès des collectivités.",
     "Vote : adopté à l'unanimité des membres présents et représentés lors de la séance du jour."],
]


def _margin_page(margin):
    """Body paragraphs at x=151 (9.5 pt, 12.4 pt apart, a blank line between paragraphs) beside
    margin rows at x=40 in smaller type: `margin` is [(text, top)]."""
    words, top = [], 60.0
    for para in PARAS:
        for text in para:
            words += _words(text, 151, top, size=9.5)
            top += 12.4
        top += 12.4
    for text, mtop in margin:
        words += _words(text, 40, mtop, size=7.5)
    return [l.text for l in group_lines(words, 1)]


def _run_of(got, expected):
    """Where `expected` is read as one run of consecutive lines in `got` (fails if it is not)."""
    k = got.index(expected[0])
    assert got[k:k + len(expected)] == expected
    return k


BOX_ROWS = [("Nombre de membres", 70.0), ("en exercice : 11", 81.0), ("présents : 9", 92.0),
            ("dont 3 procurations", 103.0), ("Date de la convocation :", 125.0), ("12 décembre 2023", 136.0)]


def test_a_lone_margin_label_far_down_is_read_beside_its_paragraph():
    # "Objet :" printed in the margin beside the second item's text, far below the box.
    got = _margin_page(BOX_ROWS + [("Objet :", 171.0)])
    assert _run_of(got, [t for t, _ in BOX_ROWS]) < got.index(PARAS[0][1])  # the box is read first
    second = PARAS[1][0]
    assert got.index("Objet :") > got.index(second)  # with the second item, not the first
    assert got.index("Objet :") < got.index(PARAS[1][-1])
    # and between two lines of the body, never inside one
    assert all(t in got for para in PARAS for t in para)


def test_a_label_with_its_value_under_it_stays_in_the_box():
    got = _margin_page(BOX_ROWS + [("Date d'affichage :", 171.0), ("13 décembre 2023", 182.0)])
    assert _run_of(got, [t for t, _ in BOX_ROWS] + ["Date d'affichage :", "13 décembre 2023"]) < got.index(PARAS[0][1])


def test_margin_text_without_a_colon_stays_with_the_box():
    # A letterhead or a stamp's remains further down the margin are no label of the body.
    got = _margin_page(BOX_ROWS + [("Compte rendu du conseil", 171.0)])
    assert _run_of(got, [t for t, _ in BOX_ROWS] + ["Compte rendu du conseil"]) < got.index(PARAS[0][1])


def test_a_count_figure_wrapped_under_its_label_is_no_furniture_whatever_page_it_is_on():
    """"… Présents : 39 – Votants :" / "40": the figures of each item's count line sit near the
    top of their pages, much at the same place, and differ: they are the counts, not page numbers."""
    lines = []
    subjects = ["Création d'un poste d'adjoint technique", "Subvention exceptionnelle à la gym",
                "Indemnité de conseil du comptable public"]
    for page, (present, voters) in enumerate([(41, 42), (39, 40), (40, 41)], 1):
        lines.append(_line((f"Point n°{page} – {subjects[page - 1]}", 76), page=page, top=94.0))
        lines.append(_line((f"Nombre de conseillers en exercice : 42 – Présents : {present} – Votants :", 76),
                           page=page, top=128.0))
        lines.append(_line((str(voters), 76), page=page, top=142.5 if page == 2 else 140.0))
        lines += [_line((f"{t} ({subjects[page - 1]})", 76), page=page, top=160.0 + 14 * k) for k, t in enumerate(BODY)]
        lines.append(_line((f"{page} / 3", 537), page=page, top=810.0))
    content, furniture = split_furniture(lines)
    assert [l.text for l in furniture] == ["1 / 3", "2 / 3", "3 / 3"]
    assert [l.text for l in content if l.text.isdigit()] == ["42", "40", "41"]


def test_scanned_item_count_lines_read_surely_at_the_top_of_their_pages_are_no_furniture():
    """On a scan, an item's "Présents : 6 - Votants : 8" heading page 2 and "Présents : 7 -
    Votants : 8" heading page 3 differ in figures read surely: they are the items' counts."""
    def ocr(line):
        return Line.from_words([Word(w.text, w.page, w.x0, w.top, w.x1, w.bottom, conf=95.0, from_ocr=True)
                                for w in line.words])
    subjects = ["Tarifs de la cantine scolaire", "Adhésion au service commun", "Dénomination de voies nouvelles"]
    lines = []
    for page in (1, 2, 3):
        if page > 1:
            lines.append(ocr(_line((["", "Présents : 6 - Votants : 8", "Présents : 7 - Votants : 8"][page - 1], 66),
                                   page=page, top=114.0 if page == 2 else 75.0)))
        lines += [ocr(_line((f"{t} ({subjects[page - 1]})", 66), page=page, top=160.0 + 14 * k)) for k, t in enumerate(BODY)]
        lines.append(ocr(_line((f"{page}/3", 537), page=page, top=812.0)))
    content, furniture = split_furniture(lines)
    assert [l.text for l in content if l.text.startswith("Présents")] == ["Présents : 6 - Votants : 8",
                                                                          "Présents : 7 - Votants : 8"]


def test_a_transmission_footer_is_furniture_whatever_ocr_read_of_its_page_number():
    """The footer "Acte transmis en préfecture le … – publié le … 1/2" of a scan, its "2/2"
    lost on the last page, is the e-transmission stamp, on one page as on the other."""
    footer = "Acte transmis en préfecture le 10/10/2022 – publié le 10/10/2022"
    lines = [_line(("* DE VALIDER l'annexe opérationnelle pour l'année 2023.", 75), top=760.0),
             _line((footer + " 1/2", 47), top=813.0),
             _line(("Fait et délibéré les jour, mois et an susdits.", 77), page=2, top=51.0),
             _line((footer, 50), page=2, top=808.0)]
    content, furniture = split_furniture(lines)
    assert [l.text for l in content] == ["* DE VALIDER l'annexe opérationnelle pour l'année 2023.",
                                         "Fait et délibéré les jour, mois et an susdits."]


@pytest.mark.parametrize("page_no", ["1/2", "1 / 2"])
def test_a_transmission_footer_ending_on_its_page_number_is_furniture(page_no):
    # printed with spaces around the slash, the footer runs to 13 words: it is cut at its
    # "publié le …" whatever its length
    footer = "Acte transmis en préfecture le 14/09/2021 – publié le 14/09/2021"
    lines = [_line(("DÉCIDE d'approuver le bilan des objectifs.", 75), top=760.0),
             _line((f"{footer} {page_no}", 50), top=810.0),
             _line(("Le Maire,", 300), page=2, top=100.0),
             _line((footer, 50), page=2, top=810.0), _line(("2 / 2", 540), page=2, top=820.0)]
    content, _ = split_furniture(lines)
    assert [l.text for l in content] == ["DÉCIDE d'approuver le bilan des objectifs.", "Le Maire,"]


def test_a_vote_result_opening_each_page_is_the_items_not_furniture():
    # "La délibération est adoptée." and "… rejetée." at the top of two pages read alike, yet each
    # states its own item's result.
    lines = []
    for page, result in ((1, None), (2, "La délibération est adoptée."), (3, "La délibération est rejetée.")):
        if result:
            lines.append(_line((result, 56), page=page, top=86.0))
        lines += [_line((f"{t} (point {page}.{k})", 56), page=page, top=120.0 + 14 * k) for k, t in enumerate(BODY)]
        lines.append(_line((f"{page} / 3", 540), page=page, top=810.0))
    content, furniture = split_furniture(lines)
    assert {l.text for l in content} >= {"La délibération est adoptée.", "La délibération est rejetée."}
    assert {l.text for l in furniture} == {"1 / 3", "2 / 3", "3 / 3"}
