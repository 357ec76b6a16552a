"""Session facts of a deliberation: authority, body, act number, date, time, place (extractors/place.py), convocation,
president, secretary, subject; and the flags second_convocation, urgency, population.

Values printed in the item's own lines win over the session preamble's. Every value carries the
lines it was read from.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from rapidfuzz.distance import Hamming, Levenshtein

from extractors.authority import authority_in, body_in, commune_anywhere, is_upper, place_name_case  # noqa: F401
from extractors.dates import convocation_in, session_date_in, session_time_in
from extractors.joined import Joined, read_by_ocr, word_runs  # noqa: F401  (Joined re-exported: counts reads it from here)
from extractors.place import place_in
from extractors.names import strip_civility
from extractors.numbers import parse_count
from pipeline.model import DeliberationText, Evidence, Found, Line, clean_text
from pipeline.layout.headings import join_split_serial

EXTRACTOR = "session"
_APOS = "'’"


def _found(value, lines: list[Line], raw: str) -> Found:
    return Found(value, Evidence.of_lines(lines, EXTRACTOR, clean_text(raw)))


# --------------------------------------------------------------------------- regions
# "Présents : 14" is a count (a side box printed above the preamble), not the list of names.
_ATTENDANCE_START = re.compile(r"^\W*(?:[ÉE]taient\s+)?pr[ée]sents?\b(?!\s*:?\s*\d)|^\W*etaients?\s+pr", re.I)
_BODY_START = re.compile(r"^\W*(?:vu\b|consid[ée]rant\b|objet\s*:)", re.I)


def _header(lines: list[Line], limit: int = 40) -> list[Line]:
    """The title and preamble part of a list of lines: what precedes the attendance list."""
    out = []
    for line in lines[:limit]:
        if out and _ATTENDANCE_START.search(line.text):
            break
        out.append(line)
    return out


# --------------------------------------------------------------------------- a box beside the preamble
# A box of counts or dates printed in a narrow column left of the preamble ("Nombre de membres",
# "présents : 32") comes out of the text stage interleaved with the preamble's lines, sometimes in
# the middle of a sentence ("dans la salle du\nNombre de membres conseil communautaire"). The
# preamble's own left margin tells its words from the box's.
_MARGIN_TOL = 6.0


def _runs(line: Line) -> list[list]:
    """The line's words cut where a blank much wider than a space separates them."""
    return word_runs(line, floor=12.0, heights=1.2)


def _at(run: list, margin: float) -> bool:
    return abs(run[0].x0 - margin) <= _MARGIN_TOL


def _left_of(line: Line, margin: float) -> bool:
    return bool(line.words) and line.words[0].x1 < margin - _MARGIN_TOL


def _prose_rows(lines: list[Line], margin: float) -> list[Line]:
    return [l for l in lines if any(_at(r, margin) and len(r) >= 2 for r in _runs(l))]


def _beside(line: Line, rows: list[Line]) -> bool:
    """Level with the preamble's rows (a box may run a few lines below the preamble's end)."""
    tops = [r.top for r in rows if r.page == line.page]
    return bool(tops) and min(tops) - 30 <= line.top <= max(tops) + 60


def _prose_margin(lines: list[Line]) -> Optional[float]:
    """The left edge where runs of running text (five words or more) start, with a narrower column
    printed left of it on the same rows; the edge most runs start at wins."""
    starts = [run[0].x0 for line in lines for run in _runs(line) if len(run) >= 5]
    support = {x: sum(abs(y - x) <= _MARGIN_TOL for y in starts) for x in starts}
    for x in sorted(support, key=lambda x: -support[x]):
        if support[x] < 2:
            break
        rows = _prose_rows(lines, x)
        if any(_left_of(l, x) and _beside(l, rows) for l in lines):
            return x
    return None


def _without_side_box(lines: list[Line]) -> list[Line]:
    """The preamble's lines with the words of a column printed left of its margin dropped (only
    beside the preamble's rows; the rest is kept as read)."""
    head = _header(lines)
    margin = _prose_margin(head)
    if margin is None:
        return lines
    rows = _prose_rows(head, margin)
    out = []
    for line in head:
        runs = _runs(line)
        at = next((k for k, r in enumerate(runs) if _at(r, margin)), None)
        if at:
            out.append(Line.from_words([w for r in runs[at:] for w in r]))
        elif at is None and _beside(line, rows) and all(w.x1 < margin - _MARGIN_TOL for w in line.words):
            continue
        else:
            out.append(line)
    return out + lines[len(head):]


# --------------------------------------------------------------------------- act number and subject
# Only a number labelled as the act's is one: "Délibération n° 2019/139", "Acte n°", a line opening
# on "N°". "Point n°1", "Décision modificative n°70", "section D n°84" number something else.
# A dash between the parts of a number is never spaced: " - " and " — " separate the number
# from its subject ("CC-2019-125 — Adhésion", "DEL-2024-081 - CONVENTION").
_ACT_PART_SEP = r"(?:[-_/.]|\s[_/.]\s?|[_/.]\s|-\s(?=\d))"
_ACT_LABEL = re.compile(r"(?:\bd[ée]lib[ée]ration|\bd[ée]lib\.|\bacte|^\W{0,3})\s*n(?:[° º]|o(?![^\W\d_]))\s*[:.]?\s*(?=[A-Z]{0,6}[-_ ]?\d)", re.I)
_ACT_LABELLED = re.compile(
    # ("no" only as a word: a line opening on "novembre 2019" is no act label)
    r"(?:\bd[ée]lib[ée]ration|\bd[ée]lib\.|\bacte|^\W{0,3})\s*n(?:[° º]|o(?![^\W\d_]))\s*[:.]?\s*(?P<num>[A-Z]{0,6}(?:[-_]\s?|\s)?\d[\w]*(?:" + _ACT_PART_SEP + r"[\w]+)*)", re.I)
# Agenda numbering printed before a subject: "Point n°1 –", "Question n° 3 :", "Affaire 4 -".
_AGENDA_NUMBER = re.compile(r"^\W{0,3}(?:point|question|affaire|dossier|sujet)\s*(?:n[°o º]\s*)?\d{1,3}\s*(?:[-–:.)/]|\s-\s)?\s*", re.I)
_ACT_LEADING = re.compile(
    r"^[\W_]{0,3}(?P<num>(?:[A-Z]{1,5}[-_ ]?)?(?:\d{4}|\d{8})(?:" + _ACT_PART_SEP + r"[A-Z0-9]{1,6}(?![\wÀ-ÿ])){1,3}|\d{8}[ _]\d{1,3}"
    # a two-figure year and a serial of three or four before a title in capitals: "17-120 TARIFS"
    r"|\d{2}[-/]\d{3,4}(?=\s*[-–—:]?\s*[A-ZÀ-ÝŒŸ«\"“]))"
    r"(?=\s*[-–—:.]{0,2}\s*[\wÀ-ÿ«\"“(]|\s*$)")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d[-/](?:19|20)\d\d$")
# A scan reads an item number's period as a comma ("3, ATTRIBUTION D’UNE SUBVENTION"): a figure
# and a comma opening a heading before a capital never begin its subject. Nor does a lone "L", "l"
# or "I" before a capitalised word: a "1." OCR read as a letter, its dot lost ("L Admission …").
_NUMBERING = re.compile(r"^\W{0,3}(?:(?:[0-9]{1,3}|[IVXL]{1,6}|[A-Za-z])\s*(?:[/.)\]°–—-]|\s[-–—]\s)|[0-9]{1,2},(?=\s+[A-ZÀ-ÝŒŸ])"
                        r"|[lIL]\s(?=[A-ZÀ-Ý][a-zà-ÿ]))\s*(?=\S)")
_OBJET = re.compile(r"^\W{0,3}objet\s*:\s*", re.I)
# The label as a scan may read it, one letter added, dropped or changed ("Obijet :", "0bjet :",
# "Objel :"): no ordinary word sits that close to "objet" before a colon.
_OBJET_LIKE = re.compile(r"^\W{0,3}(?P<label>[^\W_]{4,6})\s*:\s*")


def _objet_label(text: str) -> Optional[re.Match]:
    """The "Objet :" label opening a text, as printed or as OCR misread it."""
    m = _OBJET.match(text)
    if m:
        return m
    m = _OBJET_LIKE.match(text)
    if m is None:
        return None
    label = "".join(c for c in unicodedata.normalize("NFD", m.group("label").lower()) if not unicodedata.combining(c))
    return m if Levenshtein.distance(label.replace("0", "o"), "objet") <= 1 else None


def _drop_objet(text: str) -> str:
    m = _objet_label(text)
    return text[m.end():] if m else text


def _act_number_in(lines: list[Line]) -> Optional[Found]:
    for i, line in enumerate(lines):
        t = join_split_serial(line.text.strip("*# "))
        if re.match(r"^\W*vu\b", t, re.I):
            continue
        m = _ACT_LEADING.match(t)
        # a figure alone under a heading ends the heading ("… POUR L’ANNÉE SCOLAIRE\n2021-2022")
        alone = i > 0 and not t[m.end():].strip() if m else False
        if m and _code_article(lines[i - 1].text if i else "", t[m.end():]):
            m = None
        if m and not alone and not _YEAR_RANGE.match(_clean_act(m.group("num"))):
            return _found(_clean_act(m.group("num")), [line], m.group(0))
        m = _ACT_LABELLED.search(t)
        if m and re.search(r"\d", m.group("num")) and not re.search(r"\b(?:vu|loi|décret|article|avenant|arrêté)\b[^:]{0,20}$", t[:m.start()], re.I):
            if not (i and re.fullmatch(r"\d{1,4}", m.group("num")) and _NUMBERED_NOUN.search(lines[i - 1].text.rstrip(" ,"))):
                return _found(_clean_act(m.group("num")), [line], m.group(0))
    return None


# A heading wrapped before the number of what it names ("… CADASTRÉE SECTION Z" / "N°462"): a
# parcel's, a lot's or an amendment's number, no act's.
_NUMBERED_NOUN = re.compile(r"(?:\bsection\s+[A-Z]{1,2}|\bparcelles?|\blots?|\bavenants?|\bmarch[ée]s?|\bd[ée]cision\s+modificative"
                            r"|\barticles?|\bcadastr[ée]e?s?)$", re.I)


# An article of a code cited in a sentence wrapped before its number ("… conformément à l’article
# L.\n2121-17 du CGCT") opens the next line with a figure shaped like an act's number: an act's
# number never is an article of a code.
_ARTICLE_BEFORE = re.compile(r"\barticles?\s*(?:(?:L|R|D|LO)\s*\.?\s*)?$|\bart\.\s*(?:(?:L|R|D|LO)\s*\.?\s*)?$|(?<![\w])(?:L|R|D|LO)\s*\.\s*$", re.I)
_ARTICLE_AFTER = re.compile(r"^\W{0,2}\s*(?:du\s+(?:CGCT|code|C\.G\.C\.T)|et\s+(?:suivants|L\.?\s*\d)|[àa]\s+L\.?\s*\d)", re.I)


def _code_article(previous: str, after: str) -> bool:
    return bool(_ARTICLE_BEFORE.search(previous.rstrip(" (")) or _ARTICLE_AFTER.match(after))


def _clean_act(num: str) -> str:
    num = re.sub(r"\s*([-_/.])\s*", r"\1", num.strip())
    return num.strip("-_/. ")


_ACT_PREFIX = re.compile(r"^\W{0,3}(?:d[ée]lib[ée]ration|d[ée]lib\.?)?\s*n[°o º]\s*[:.]?\s*[A-Z]{0,6}(?:[-_]\s?|\s)?\d[\w]*(?:" + _ACT_PART_SEP + r"[\w]+)*\s*[-–—:.]{0,2}\s*", re.I)


def _strip_heading(text: str) -> str:
    t = join_split_serial(text.strip().strip("*#").strip())
    t = _AGENDA_NUMBER.sub("", t)
    t = _ACT_PREFIX.sub("", t) if _ACT_PREFIX.match(t) and re.match(r"^\W{0,3}(?:d[ée]lib|n[°o º])", t, re.I) else t
    m = _ACT_LEADING.match(t)
    if m:
        t = t[m.end():]
    t = re.sub(r"^\s*[-–—:.]{1,2}\s*", "", t)
    t = _drop_objet(t)
    t = _NUMBERING.sub("", t) if not re.match(r"^\d{4}\b", t) else t
    t = _drop_objet(t)
    return t.strip()


_NOT_A_TAIL = re.compile(r"^\W*(?:rapporteur|rapport\b|expos[ée]|pr[ée]sentation|note\b|le\s+conseil|la\s+commission|d[ée]lib)", re.I)


def _short_tail(p: str, n: str, after: Optional[Line]) -> bool:
    """"… avec l’association" / "Comité des fêtes" / "Vu le Code …": a short fragment without
    punctuation between a heading and the body's first sentence is the heading's end."""
    if after is None or not re.search(r"[^\W_]{2}", n) or len(n) > 40 or len(n) >= 0.6 * len(p) or re.search(r"[.,;:!?]$|:", n) or _NOT_A_TAIL.search(n):
        return False
    a = after.text.strip()
    # the item's counts ("Présents : 25 – Votants : 29") open its body as a sentence does
    return bool(_BODY_START.search(a) or _LABEL_OPENING.search(a)) or len(a) > max(50, 1.5 * len(n))


# What opens a line of its own, never a heading's second line: a civility and a name ("M. NOËL
# Daniel, intéressé, ne prend pas part au vote"), the act's number ("N° 2021-022"), another label.
_CIVILITY_OPENING = re.compile(r"^\W*(?:(?i:monsieur|madame|mademoiselle|messieurs|mesdames)\b|(?:M|MM|Mme|Mmes|Mlle|Mr|MME|MMES|MLLE)\.?(?=\s))")
_ACT_NUMBER_LINE = re.compile(
    r"^\W{0,3}(?:(?:d[ée]lib[ée]ration|d[ée]lib\.|acte)\s*n[°oº]\s*[:.]?\s*[A-Z]{0,6}[-_ ]?\d"
    r"|n[°º]\s*[:.]?\s*[A-Z]{0,6}[-_ ]?(?:\d{4}|\d{1,4}[-_/.]\s?[A-Z0-9]))", re.I)
_LABEL_OPENING = re.compile(
    r"^\W*(?:(?:pour|contre|abstentions?|votants?|pr[ée]sents?|absents?(?:\s+excus[ée]s)?|pouvoirs?|procurations?"
    r"|suffrages\s+exprim[ée]s|nppv|vote|expos[ée](?:\s+des\s+motifs)?|pr[ée]sentation)\s*:"
    r"|(?:rapporteur|rapport[ée]e?\s+par|nombre\s+de|date\s+d|secr[ée]taire|quorum|membres\s+en|en\s+exercice)[^:\n]{0,40}:)", re.I)
_LINK_END = re.compile(r"(?i)(?:\b(?:de|des|du|la|le|les|et|à|au|aux|pour|en|sur|par|avec)|[dl]['’])$")


# A section's title alone on its line: "EXPOSÉ DES MOTIFS", "LE CONSEIL MUNICIPAL,", "DÉCIDE :".
_SECTION_TITLE = re.compile(
    r"^\W*(?:expos[ée](?:\s+des\s+motifs)?|rapport(?:\s+de\s+pr[ée]sentation)?|pr[ée]ambule|note\s+de\s+synth[èe]se"
    r"|le\s+conseil\s+(?:municipal|communautaire|syndical|d['’]administration)|le\s+comit[ée](?:\s+syndical)?|d[ée]cide|d[ée]lib[ée]ration)\s*[:.,]?\s*$",
    re.I)


# A sentence opening on an impersonal or personal "il" ("Il convient de …", "Il est proposé …",
# "Il y a lieu …"); a scan reads "Il" as "ll", "II", "1l" or "H", which a lowercase test would
# take for a heading's continuation. The verb keeps "II de la ZAC" (a roman numeral) a heading's.
_IL_SENTENCE = re.compile(
    r"^\W{0,2}(?:Ils?|lls?|IIs?|1ls?|H)\s+(?:ne\s+|n['’]\s?|y\s+|s['’]\s?|se\s+|en\s+|leur\s+|lui\s+|vous\s+)?"
    r"(?:convient|est|sont|a|ont|avait|aura|agit|appartient|faut|fallait|importe|sera|serait|revient|rappelle|propose"
    r"|proposent|expose|indique|pr[ée]cise|informe|pr[ée]sente|explique|ajoute|r[ée]sulte|appara[iî]t|ressort|reste"
    r"|existe|doit|s['’]agit|demande|souligne|note|conviendrait|para[iî]t|semble|lieu)\b")


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _own_line(p: str, n: str, heading_upper: bool) -> bool:
    """A line that starts something else: a sentence, the act's number, a new label or section."""
    if (_ACT_NUMBER_LINE.match(n) or _LABEL_OPENING.match(n) or _SECTION_TITLE.match(n) or _IL_SENTENCE.match(n)
            or re.match(r"^\W*rapporteur\b", n, re.I)):
        return True
    # ... its capital lowered by OCR ("il convient de fixer …"), after a heading that ended
    if re.match(r"^il", n) and _IL_SENTENCE.match("I" + n[1:]) and not (_LINK_END.search(p) or p.endswith(",")):
        return True
    if _CIVILITY_OPENING.match(n):  # "… DE\nM. le Maire" may still name the subject's person
        return not (_LINK_END.search(p) and len(n) <= 40 and not re.search(r"[,;]|\.$", n))
    # an all-caps heading goes on in capitals: a mixed-case sentence below it is the body
    return heading_upper and not is_upper(n) and len(n.split()) >= 6 and n.endswith((".", "!", "?")) and not re.search(r"\w-$", p)


def _continues_heading(prev: Line, nxt: Line, heading_upper: bool, after: Optional[Line] = None) -> bool:
    p, n = prev.text.rstrip(), nxt.text.strip()
    if not n or _BODY_START.search(n) or _own_line(p, n, heading_upper):
        return False
    if re.search(r"\w-$", p) or re.match(r"^[a-zà-ÿœ(«]", n):
        return True
    if heading_upper and (is_upper(n) and len(n) > 3 or is_upper(" ".join(n.split()[:2])) and len(n.split()[0]) > 1
                          and _upper_share(n) >= 0.5):  # "… COMMUNAUTÉ de Communes de Loches", not "LE MAIRE rappelle que …"
        return True
    if _LINK_END.search(p):
        return True  # a heading cut after a preposition or an article goes on
    if p.endswith(":") and heading_upper and len(n) <= 45 and not n.endswith("."):
        return True  # "… GASTON DEFFERRE :" / "Désignation des délégués"
    if prev.bold_ratio > 0.6 and nxt.bold_ratio > 0.6:
        return True
    return _short_tail(p, n, after)


def _speck(line: Line) -> bool:
    """A line a scan made of dust or a rule's stroke ("=", "- .", "'"): no letter, no figure."""
    return bool(line.words) and all(w.from_ocr for w in line.words) and not re.search(r"[^\W_]", line.text)


def _subject_from(lines: list[Line], start: int) -> Optional[Found]:
    head = lines[start]
    taken = [head]
    heading_upper = is_upper(_strip_heading(head.text))
    # a speck between a heading's two lines does not end the heading
    rest = [l for l in lines[start + 1:start + 6] if not _speck(l)]
    for k, nxt in enumerate(rest[:2]):
        if nxt.page != taken[-1].page and not _objet_label(head.text):
            break
        after = rest[k + 1] if k + 1 < len(rest) else None
        if not _continues_heading(taken[-1], nxt, heading_upper, after if len(taken) == 1 else None):
            break
        taken.append(nxt)
    text = clean_text(Joined.of(taken).text)
    subject = _strip_heading(text)
    subject = re.sub(r"\s*[.:;]+\s*$", "", subject).strip().strip("*").strip()
    # Superscript ordinals come out of the text layer as a separate word: "60 ème" is "60ème".
    subject = re.sub(r"\b(\d+) (ème|ère|er|e|nde?|ᵉ)\b", r"\1\2", subject)
    subject = _repair_elided_l(_ocr_tidy(subject), [l for l in lines if l not in taken])
    subject = _repair_unsure_words(subject, taken, [l for l in lines if l not in taken])
    subject = _restore_grave_a(subject, taken, [l for l in lines if l not in taken])
    if not re.search(r"[A-Za-zÀ-ÿ]{3}", subject):
        return None
    return _found(subject, taken, text)


# A heading's word OCR read with less confidence than this may be put back from the item's text.
_UNSURE_WORD_CONF = 70.0


def _repair_unsure_words(subject: str, taken: list[Line], context: list[Line]) -> str:
    """A heading's word OCR was unsure of ("d’adijoint", 43 %) takes the spelling the item's
    text prints one letter away, read more surely ("d’adjoint"), when only one such word is."""
    unsure = {w.text: w.conf for l in taken for w in l.words if w.from_ocr and w.conf is not None
              and w.conf < _UNSURE_WORD_CONF and len(w.text) >= 5}
    if not unsure:
        return subject
    seen: dict[str, float] = {}
    for l in context:
        for w in l.words:
            t = w.text.strip(".,;:!?()«»\"")
            if w.conf is not None and len(t) >= 5:
                seen[t] = max(seen.get(t, 0.0), w.conf)
    def key(t: str) -> str:  # letters only: an apostrophe's shape or the case is no misreading
        return t.lower().replace("’", "'")

    out = []
    for tok in subject.split(" "):
        conf = unsure.get(tok)
        if conf is not None and tok not in seen:
            near = {t for t, c in seen.items() if c > conf and Levenshtein.distance(key(t), key(tok)) == 1}
            if len(near) == 1:
                t = near.pop()
                tok = t.upper() if tok.isupper() else t
        out.append(tok)
    return " ".join(out)


_CAPITAL_A = re.compile(r"(?<![\w'’])A (?P<next>[^\W\d_][\w'’-]*)")


def _restore_grave_a(subject: str, taken: list[Line], context: list[Line]) -> str:
    """Tesseract drops the grave accent of a capital "À" in a heading ("SUBVENTION EXCEPTIONNELLE
    A L'ASSOCIATION"): a lone "A" read by OCR in a heading in capitals is "À" when the item's text
    writes the same phrase with "à" ("… de 500 euros à l'association") and never with "a"."""
    if not any(w.from_ocr and w.text == "A" for l in taken for w in l.words) or not is_upper(subject):
        return subject
    text = " ".join(l.text for l in context).lower().replace("’", "'")

    def restore(m: re.Match) -> str:
        nxt = re.escape(m.group("next").lower().replace("’", "'"))
        grave = re.search(rf"(?<![\w'])à {nxt}(?![\w'])", text)
        plain = re.search(rf"(?<![\w'])a {nxt}(?![\w'])", text)
        return "À " + m.group("next") if grave and not plain else m.group(0)

    return _CAPITAL_A.sub(restore, subject)


def _ocr_tidy(text: str) -> str:
    """Marks a scan adds to a heading: a dash read twice ("2022 -— rénovation"), an underline's
    stroke read as "_" or "|", an apostrophe read twice ("d’'adjoint")."""
    text = re.sub(r"(?<=\s)[-–—]{2,}(?=\s)", "–", text)
    text = re.sub(r"(?:(?<=\s)|^)[_|]+(?=\s|$)", "", text)
    text = re.sub(r"(['’])['’]+", r"\1", text)
    # an "l" read as a capital "I" in an article between lowercase words ("montant de Ia redevance")
    text = re.sub(r"(?<=[a-zà-ÿ] )I(a|e|es)(?= [a-zà-ÿ])", r"l\1", text)
    # a speck read as a lone lowercase consonant after the heading's last word ("… municipale l")
    text = re.sub(r"\s+[b-df-hj-np-tv-xz]$", "", text)
    return clean_text(text)


_P_FOR_L = re.compile(r"(?<=[a-zà-ÿœ] )P(?P<rest>[aeiouyéèêâîôûh][a-zà-ÿœ]{4,})\b")


def _repair_elided_l(subject: str, context: list[Line]) -> str:
    """Tesseract reads "l’" as "P" ("pour Pinstruction des autorisations"): the word is restored
    when the item's own text elides the same word ("l'instruction", "d'instruction") and never
    prints it with a "P"."""
    text = " ".join(l.text for l in context).lower()

    def repair(m: re.Match) -> str:
        rest = m.group("rest")
        elided = re.search(rf"\b[ldj]['’]\s?{re.escape(rest.lower())}\b", text)
        with_p = re.search(rf"(?<![\w'’])p{re.escape(rest.lower())}\b", text)
        return "l’" + rest if elided and not with_p else m.group(0)

    return _P_FOR_L.sub(repair, subject)


def _after_act_number(text: str) -> str:
    t = text.strip("*# ")
    m = _ACT_LEADING.match(t)
    return re.sub(r"^\s*[-–—:.]{1,2}\s*", "", t[m.end():]) if m else t


def _is_objet_line(text: str) -> bool:
    return bool(_objet_label(_after_act_number(text))) and len(_strip_heading(text)) > 3


def _is_bare_objet(text: str) -> bool:
    """"Objet :" alone on its line: the subject is printed below it."""
    t = _after_act_number(text)
    m = _objet_label(t)
    return bool(m) and not t[m.end():].strip(" .:*_-")


def _objet_subject(lines: list[Line], i: int) -> Optional[Found]:
    """The subject an "Objet :" line at i opens, printed on it or on the line below a bare label."""
    if _is_objet_line(lines[i].text):
        return _subject_from(lines, i)
    if _is_bare_objet(lines[i].text) and i + 1 < len(lines) and not _BODY_START.search(lines[i + 1].text):
        return _subject_from(lines, i + 1)
    return None


def _subject_in(lines: list[Line], head_only: bool = False) -> Optional[Found]:
    """An "Objet :" line wins; else the heading (an act-numbered line among the first three, else the first)."""
    for i, line in enumerate(lines[:3] if head_only else lines[:40]):
        found = _objet_subject(lines, i)
        if found is not None:
            return found
    if head_only:
        return None
    for i, line in enumerate(lines[:3]):
        if _ACT_LEADING.match(line.text.strip("*# ")) and len(_strip_heading(line.text)) > 3:
            return _subject_from(lines, i)
    for i, line in enumerate(lines[:3]):
        if len(_strip_heading(line.text)) > 3:
            return _subject_from(lines, i)
    return None


# --------------------------------------------------------------------------- people
_CIVIL = r"(?:M\.|MM\.?|Mme\.?|Mmes|Mlle|Mr\.?|(?i:monsieur|madame|mademoiselle))"
# A name may run onto the next line only with a surname in capitals ("Madame Florence\nDEMOUY,").
# "SURNAME\nFirstname," wraps the other way: a capitalised first name after a surname in capitals,
# closed by a comma or a period.
_NAME_SEP = (r"(?:[ ]|\n(?=[A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+(?![\w'’-])(?!\s*:))"
             r"|(?<=[A-ZÀ-ÝŒŸ]{2})\n(?=[A-ZÀ-ÝŒŸ][a-zà-ÿœ'’]+(?:-[A-ZÀ-ÝŒŸ][a-zà-ÿœ'’]+)?[,.)]))")
_PERSON = (rf"(?P<person>(?:[A-ZÀ-ÝŒŸ][\w'’-]*|(?:de|du|des|le|la|d['’])(?=[ ][A-ZÀ-ÝŒŸ]))"
           rf"(?:{_NAME_SEP}(?:[A-ZÀ-ÝŒŸ][\w'’-]*|(?:de|du|des|le|la|d['’])(?=[ ][A-ZÀ-ÝŒŸ]))){{0,4}})")
_ROLE_WORDS = {"maire", "président", "présidente", "adjoint", "adjointe", "vice-président", "vice-présidente",
               "conseiller", "conseillère", "secrétaire", "le", "la"}
_PRESIDENCY = r"(?i:sous\s+la\s+pr[ée]sidence|pr[ée]sid[ée]e?s?\s+par)"
_PRESIDENT_RE = re.compile(rf"{_PRESIDENCY}(?:\s+\S+){{0,3}}?\s+(?i:de\s+|d['’])?{_CIVIL}?\s*{_PERSON}")
# A civility names the president even when a column beside the preamble was read in between
# ("sous la présidence de\nDate d’affichage 17/08/2022 Madame Rose-Marie VÉRON").
_PRESIDENT_CIVIL_RE = re.compile(rf"{_PRESIDENCY}(?:\s+[^\s.]+){{0,6}}?\s+{_CIVIL}\s*{_PERSON}")
# "sous la présidence de Monsieur le Maire, Sylvain LEFORT": the title first, the name after it.
_PRESIDENT_TITLE_RE = re.compile(
    rf"{_PRESIDENCY}\s+(?i:de\s+)?(?:{_CIVIL}\s+)?(?i:l[ea]\s+(?:maire|pr[ée]sidente?|vice-pr[ée]sidente?|premi(?:er|[èe]re)\s+adjointe?))\s*,\s*{_CIVIL}?\s*{_PERSON}")
# A label naming who presides: "Présidence : M. X, Maire", "Président de séance : Mme Y".
_PRESIDENT_LABEL_RE = re.compile(
    rf"(?im:^\W*(?:pr[ée]sidence(?:\s+de\s+(?:la\s+)?s[ée]ance)?|pr[ée]sident(?:e)?\s+de\s+(?:la\s+)?s[ée]ance)\s*:\s*){_CIVIL}?\s*{_PERSON}")
_SECRETARY_PATTERNS = (
    re.compile(rf"(?i:secr[ée]taire(?:\s+de\s+(?:la\s+)?s[ée]ance)?(?:\s+(?:[ée]lue?|d[ée]sign[ée]e?|nomm[ée]e?))?\s*:)\s*{_CIVIL}?\s*{_PERSON}"),
    # "… est désignée pour remplir les fonctions de secrétaire" (the words of CGCT L2121-15).
    # ("à été": OCR's reading of "a été")
    re.compile(rf"(?:{_CIVIL}\s+)?{_PERSON}\s+(?i:(?:est|(?:[aà][:;,.]?\s+){{1,2}}[ée]t[ée])\s+(?:nomm[ée]e?|d[ée]sign[ée]e?|[ée]lue?|choisie?)\s+"
               r"(?:comme\s+|en\s+qualit[ée]\s+de\s+|pour\s+(?:remplir|assurer|exercer|tenir)\s+(?:les\s+fonctions\s+|la\s+fonction\s+|le\s+r[ôo]le\s+)?(?:de\s+)?|pour\s+)?secr[ée]taire)"),
    re.compile(rf"(?i:candidature\s+de)\s+(?:{_CIVIL}\s+)?{_PERSON}\s*,?\s+(?i:(?:en\s+qualit[ée]\s+de|comme|au\s+poste\s+de)\s+secr[ée]taire)"),
    re.compile(rf"(?i:(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?|choisi)\s+(?:comme\s+|pour\s+)?secr[ée]taire(?:\s+de\s+(?:la\s+)?s[ée]ance)?\s*:?)\s+{_CIVIL}\s*{_PERSON}"),
    # "Le Conseil désigne M. X comme secrétaire de séance" / "… a désigné Mme Y pour secrétaire".
    re.compile(rf"(?i:\b(?:d[ée]sign\w*|nomm\w*|[ée]lit|choisit|a\s+[ée]lu|a\s+choisi))\s+{_CIVIL}\s*{_PERSON}\s*,?\s+(?i:(?:comme|pour|en\s+qualit[ée]\s+de)\s+secr[ée]taire)"),
    # Older registers: "… à l'élection d'un secrétaire pris dans le sein du conseil : M. X (ayant
    # obtenu la majorité des suffrages) a été désigné pour remplir ces fonctions".
    re.compile(rf"(?i:secr[ée]taire)[^§]{{0,250}}?{_CIVIL}\s*{_PERSON}\s*,?\s+(?i:(?:ayant\s+obtenu[^,;]{{0,60}},\s*)?"
               r"(?:a\s+[ée]t[ée]|est)\s+(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?)\s+pour\s+(?:remplir|exercer|assurer)\s+ces\s+fonctions)"),
    # "… assistée de M. Paul MARTIN, secrétaire de séance".
    re.compile(rf"{_CIVIL}\s*{_PERSON}\s*,\s*(?i:secr[ée]taire\s+de\s+(?:la\s+)?s[ée]ance)"),
)


def _clean_person(raw: str) -> Optional[str]:
    name = strip_civility(raw)
    words = name.split(" ")
    while words and (words[-1].lower().strip(",.") in _ROLE_WORDS or not words[-1].strip(",.-")):
        words.pop()
    while len(words) > 1 and words[0].lower() in {"le", "la"} and not (words[0].isupper() and words[1].isupper()):
        words.pop(0)
    name = " ".join(words).strip(" ,.-")
    if not name or not re.search(r"[A-ZÀ-ÝŒŸ]", name) or name.lower() in _ROLE_WORDS:
        return None
    if name.lower().startswith(("maire", "président")):
        return None
    return name


def _person_in(lines: list[Line], patterns) -> Optional[Found]:
    joined = Joined.of(lines)
    for rx in patterns:
        # Matches may overlap: "Désignation du secrétaire de séance : Secrétaire de séance : Mme X"
        # takes the label's own words for a name first (a role word, dropped), then the label again.
        pos = 0
        while (m := rx.search(joined.text, pos)) is not None:
            name = _clean_person(m.group("person"))
            if name:
                return Found(name, joined.evidence(m.start(), m.end()))
            pos = m.start() + 1
    return None


# --------------------------------------------------------------------------- flags
_SECOND_CONVOCATION = re.compile(
    r"sans\s+(?:condition\s+de\s+)?quorum|(?:deuxi[èe]me|seconde|2[èe]?me|nouvelle)\s+convocation|quorum\s+n['’]ayant\s+pas\s+[ée]t[ée]\s+atteint|faute\s+de\s+quorum",
    re.I)
_URGENCY = re.compile(
    r"(?:convocation|convoqu\w*|r[ée]uni\w*|s[ée]ance)[^.\n]{0,60}\burgen(?:ce|t)|\burgence\b[^.\n]{0,40}(?:convoc|convoqu|d[ée]lai|L\.?\s?2121-1[12])|proc[ée]dure\s+d['’]urgence",
    re.I)
_HEADCOUNT = r"(?P<n>\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)"
# "Population municipale : 2 040 habitants", "Commune de 6 906 habitants", "Nombre d'habitants : 812"
_POPULATION = re.compile(
    rf"population\s*(?:municipale|totale|l[ée]gale)?\s*(?:\(\w+\))?\s*:?\s*{_HEADCOUNT}\s*(?:habitants)?"
    rf"|\b(?:commune|ville|mairie)\s+(?:de\s+)?{_HEADCOUNT.replace('?P<n>', '?P<n2>')}\s*habitants\b"
    rf"|nombre\s+d['’]\s?habitants\s*:?\s*{_HEADCOUNT.replace('?P<n>', '?P<n3>')}", re.I)


def _flag(lines: list[Line], rx: re.Pattern) -> Optional[Found]:
    joined = Joined.of(lines)
    m = rx.search(joined.text)
    return Found(True, joined.evidence(m.start(), m.end())) if m else None


def _population_in(lines: list[Line]) -> Optional[Found]:
    joined = Joined.of(lines)
    m = _POPULATION.search(joined.text)
    if not m:
        return None
    n = parse_count(re.sub(r"[ .\u00a0]", "", m.group("n") or m.group("n2") or m.group("n3")))
    return Found(n, joined.evidence(m.start(), m.end())) if n else None


# --------------------------------------------------------------------------- entry point
def _first(*attempts: Callable[[], Optional[Found]]) -> Optional[Found]:
    for attempt in attempts:
        found = attempt()
        if found is not None:
            return found
    return None


def _expand_surname(found: Optional[Found], lines: list[Line]) -> Optional[Found]:
    """"Monsieur Mallard est nommé secrétaire": the full name is the one the attendance list prints
    with that surname (same letters, case aside), when exactly one person carries it."""
    if found is None or " " in found.value:
        return found
    surname = found.value
    first = r"(?!(?:Mr|Mme|Mmes|MM|Monsieur|Madame|Mlle)\b)[A-ZÀ-ÝŒŸ][a-zà-ÿœ'’]+(?:-[A-ZÀ-ÝŒŸ][a-zà-ÿœ'’]+)?"
    sur = rf"(?i:{re.escape(surname)})"
    rx = re.compile(rf"(?<![\w-]){first}[ ]{sur}(?![\w-])|(?<![\w-]){sur}[ ]{first}(?![\w-])")
    upper = re.compile(rf"(?<![\w-]){re.escape(surname.upper())}(?![\w-])")
    names = set()
    for line in lines:
        for m in rx.finditer(line.text):
            if not upper.search(m.group(0)):
                continue  # the list prints surnames in capitals: "Philippe MALLARD"
            full = strip_civility(m.group(0))
            if full.split(" ")[0].lower() in {"monsieur", "madame", "le", "la"}:
                continue
            names.add(full)
    if len(names) == 1:
        return Found(names.pop(), found.evidence)
    return found


def _expand_first_name(found: Optional[Found], lines: list[Line]) -> Optional[Found]:
    """"sous la présidence de Monsieur Mathieu" (the surname went to another column): the full
    name is the one the attendance list prints with that first name and a surname in capitals,
    when exactly one person carries it."""
    if found is None or " " in found.value or is_upper(found.value):
        return found
    rx = re.compile(rf"(?<![\w-]){re.escape(found.value)}[ ]([A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+(?:[ ][A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+)*)(?![\w'’-])")
    names = {clean_text(found.value + " " + m.group(1)) for line in lines for m in rx.finditer(line.text)
             if len(m.group(1)) > 1}
    return Found(names.pop(), found.evidence) if len(names) == 1 else found


# --------------------------------------------------------------------------- OCR readings of one name
def _bare(text: str) -> str:
    """Accents dropped, case kept: what a scan keeps of a name in capitals ("CLÉMENT" -> "CLEMENT")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_CAPS = re.compile(r"[A-ZÀ-ÝŒŸ]{2}")


def _tokens(line: Line) -> list[tuple[str, float]]:
    """The line's words with their OCR confidence; a compound surname printed with a spaced dash
    in a list ("FOURÉ - BÉCHET") is one word."""
    out: list[tuple[str, float]] = []
    words = list(line.words)
    i = 0
    while i < len(words):
        w = words[i]
        conf = w.conf if w.conf is not None else 0.0
        if (w.text in {"-", "–"} and out and i + 1 < len(words) and _CAPS.search(out[-1][0][-2:])
                and _CAPS.match(words[i + 1].text)):
            text, c = out.pop()
            nxt = words[i + 1]
            out.append((text + "-" + nxt.text, min(c, nxt.conf if nxt.conf is not None else 0.0)))
            i += 2
            continue
        out.append((w.text, conf))
        i += 1
    return [(t.strip(",.;:()"), c) for t, c in out]


def _readings(name: str, lines: list[Line]) -> dict[str, list[float]]:
    """Every reading of a name in the lines, with how sure the OCR was of it: runs of as many
    words, the same once accents are dropped, or one letter misread apart ("MARTlNEL": OCR
    substitutes letters, a different name differs by more)."""
    size, bare = len(name.split(" ")), _bare(name)
    found: dict[str, list[float]] = {}
    for line in lines:
        tokens = _tokens(line)
        for i in range(len(tokens) - size + 1):
            window = tokens[i:i + size]
            cand = " ".join(t for t, _ in window)
            b = _bare(cand)
            if b == bare or len(b) == len(bare) >= 8 and b[0] == bare[0] and Hamming.distance(b, bare) <= 1:
                found.setdefault(cand, []).append(min(c for _, c in window))
    return found


def _agreed_spelling(found: Optional[Found], lines: list[Line]) -> Optional[Found]:
    """On a scan a name read several times (preamble, présents list, signature) takes the spelling
    most readings agree on. Between readings that differ only by accents, the accented one wins
    when OCR read it at least as surely as the others, however many they are (OCR drops a
    capital's accent far more often than it reads one that is not printed); otherwise, as many
    on each side, the one the OCR was surer of. A name from the text layer is kept as printed."""
    if found is None or not read_by_ocr(lines):
        return found
    readings = _readings(found.value, lines)
    # An accented reading read at least as surely as every reading without the accent wins
    # however many those are: OCR drops a capital's accent, it does not add one.
    accented = [v for v in readings if _bare(v) == _bare(found.value) and _accents(v) > _accents(found.value)
                and max(readings[v]) >= max((c for u in readings if _bare(u) == _bare(v) and _accents(u) < _accents(v)
                                             for c in readings[u]), default=0.0)]
    if accented:
        return Found(max(accented, key=lambda v: (_accents(v), max(readings[v]))), found.evidence)
    if found.value not in readings:
        return found
    mine = readings[found.value]
    rank = lambda v: (len(readings[v]), max(readings[v]))
    best = max(readings, key=lambda v: (*rank(v), v == found.value))
    if best == found.value:
        return found
    more = len(readings[best]) > len(mine)
    surer = len(readings[best]) == len(mine) and _bare(best) == _bare(found.value) and rank(best) > rank(found.value)
    return Found(best, found.evidence) if more or surer else found


def _accents(text: str) -> int:
    return sum(_bare(c) != c for c in text)


def _minutes_or_extract(d: DeliberationText, lines: list[Line]) -> list[Line]:
    """Session facts are read from an item's own lines only in an extract (minutes print them once)."""
    return lines if d.kind == "extract" else []


def _preamble(d: DeliberationText) -> list[Line]:
    """The session preamble runs until the attendance list: when the layout's session stops short
    of it (a letterhead alone), the preamble goes on in the lines before the item."""
    if any(_ATTENDANCE_START.search(l.text) for l in d.session) or not d.before:
        return d.session
    return d.session + d.before


def extract_session(d: DeliberationText) -> dict[str, Found]:
    """Session facts of one deliberation (only the keys found)."""
    own, before = d.lines, d.before
    session = _preamble(d)
    own_head = _header(own, 25)
    own_facts = _minutes_or_extract(d, own_head[:8])
    session_head = _header(session, 40)
    out: dict[str, Optional[Found]] = {}

    # Minutes name their body once, for the whole sitting: an item's text may name another one
    # ("Le comité syndical a approuvé une modification de ses statuts").
    out["body"] = (_first(lambda: body_in(session_head), lambda: body_in(session), lambda: body_in(own_head[:8]))
                   if d.kind == "minutes" else
                   _first(lambda: body_in(session_head), lambda: body_in(own_head[:8]), lambda: body_in(session)))
    body = out["body"].value if out["body"] else None
    prose = _without_side_box(session)
    casing = prose[:60] + own_head[:8]
    out["authority"] = _first(lambda: authority_in(session_head, body, casing), lambda: authority_in(own_head[:8], body, casing),
                              lambda: authority_in(session[:60], body, casing),
                              lambda: commune_anywhere(session + before + own))
    out["act_number"] = _first(lambda: _act_number_in(own[:3]),
                               lambda: _act_number_in(session_head + _labelled_tail(d)) if d.kind == "extract" else None,
                               lambda: _number_line_above(d) if d.kind == "extract" else None)
    out["subject"] = _first(lambda: _objet_in(own) if d.kind == "extract" else _subject_in(own, head_only=True),
                            lambda: _objet_in(session) if d.kind == "extract" else None,
                            lambda: _subject_in(own) if own else None)
    out["session_date"] = _first(lambda: session_date_in(own_head[:6], strict=True),
                                 lambda: session_date_in(session_head, strict=False),
                                 lambda: session_date_in(session, strict=False))
    session_date = out["session_date"].value if out["session_date"] else None
    out["session_time"] = _first(lambda: session_time_in(own_facts), lambda: session_time_in(session[:60]))
    out["place"] = _first(lambda: place_in(own_facts), lambda: place_in(_header(prose)), lambda: place_in(prose[:60]))
    out["convocation_date"] = _first(lambda: convocation_in(_minutes_or_extract(d, own_head), session_date),
                                     lambda: convocation_in(d.session + before, session_date))
    president_patterns = [_PRESIDENT_TITLE_RE, _PRESIDENT_CIVIL_RE, _PRESIDENT_RE, _PRESIDENT_LABEL_RE]
    president = _first(lambda: _person_in(_without_side_box(own_facts), president_patterns),
                       lambda: _person_in(prose, president_patterns))
    everywhere = session + before + own
    out["president"] = _agreed_spelling(_expand_first_name(president, session), everywhere)
    secretary = _first(lambda: _person_in(own, _SECRETARY_PATTERNS), lambda: _person_in(d.session, _SECRETARY_PATTERNS),
                       lambda: _person_in(before, _SECRETARY_PATTERNS))
    out["secretary"] = _agreed_spelling(_expand_surname(secretary, session), everywhere)
    out["second_convocation"] = _first(lambda: _flag(own_facts, _SECOND_CONVOCATION), lambda: _flag(session, _SECOND_CONVOCATION))
    out["urgency"] = _first(lambda: _flag(own_facts, _URGENCY), lambda: _flag(session, _URGENCY))
    out["population"] = _first(lambda: _population_in(session), lambda: _population_in(own_facts))
    return {k: v for k, v in out.items() if v is not None}


def _labelled_tail(d: DeliberationText) -> list[Line]:
    """An extract may print "Délibération n° 2019/139" just above its subject, after the attendance
    list: only an explicitly labelled number is read there."""
    return [l for l in d.session[-4:] if _ACT_LABEL.search(l.text)]


def _number_line_above(d: DeliberationText) -> Optional[Found]:
    """"DCM 2017-046" alone on the line just above an extract's "Objet :" line is the act's number,
    even with no "n°" label and after the attendance list."""
    if not d.session or not d.lines or not _objet_label(_after_act_number(d.lines[0].text)):
        return None
    line = d.session[-1]
    t = join_split_serial(line.text.strip("*# "))
    m = _ACT_LEADING.match(t)
    if m is None or t[m.end():].strip(" .:-–—") or _YEAR_RANGE.match(_clean_act(m.group("num"))):
        return None
    if _code_article(d.session[-2].text if len(d.session) > 1 else "", t[m.end():]):
        return None
    return _found(_clean_act(m.group("num")), [line], m.group(0))


def _objet_in(lines: list[Line]) -> Optional[Found]:
    """An extract's subject is its "Objet :" line(s), wherever the layout put them."""
    for i in range(len(lines)):
        found = _objet_subject(lines, i)
        if found is not None:
            return found
    return None


DOCUMENT_CONSTANTS = ("authority", "body", "session_date", "session_time", "place", "convocation_date", "president")


def fill_document_constants(per_item: list[dict[str, Found]]) -> list[dict[str, Found]]:
    """Session facts are the same for every item of one file: an item that could not see them
    (the commune is named only in a later item) takes the value most items found."""
    for name in DOCUMENT_CONSTANTS:
        values = [f[name] for f in per_item if name in f]
        if not values:
            continue
        counts: dict = {}
        for f in values:
            counts[f.value] = counts.get(f.value, 0) + 1
        best = max(values, key=lambda f: counts[f.value])
        for f in per_item:
            f.setdefault(name, best)
    return per_item
