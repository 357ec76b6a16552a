"""The authority (commune, EPCI or syndicat, département) and the deliberating body, read from a
title, a letterhead or a preamble.

A letterhead prints the authority's name in capitals, often wrapped ("COMMUNAUTÉ DE COMMUNES DU
PAYS DE" / "MARCILLY-EN-VEXIN") beside the State's marks; the preamble usually prints the same name
in mixed case, which then gives the name's casing.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from extractors.joined import Joined, letterhead_blocks
from pipeline.model import Evidence, Found, Line, clean_text

EXTRACTOR = "session"

# --------------------------------------------------------------------------- names of places
_PARTICLES = {"de", "du", "des", "la", "le", "les", "sur", "sous", "en", "lès", "lez", "et", "aux", "au", "d", "l"}
_ARTICLES = {"le", "la", "les", "l"}


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _case_part(part: str, first: bool) -> str:
    low = part.lower()
    m = re.match(r"^([dl])['’](.+)$", low)
    if m:
        return (m.group(1).upper() if first else m.group(1)) + "'" + m.group(2).capitalize()
    if low in _PARTICLES and not first:
        return low
    return low.capitalize()


def place_name_case(name: str, hyphenate: bool = True) -> str:
    """'PUTANGES-LE-LAC' -> 'Putanges-le-Lac', 'PREUILLY SUR CLAISE' -> 'Preuilly-sur-Claise'.

    French commune names are hyphenated except after a leading article ("Le Fresne-Camilly");
    names printed in mixed case are kept as printed. hyphenate=False keeps the printed spaces (a
    territory's name inside an EPCI's: "Pays d'Uzès", "Fontenoy-en-Vexin Vallées").
    """
    name = clean_text(name)
    if not is_upper(name):
        return name
    if not hyphenate:
        words = name.split(" ")
        out, first = [], True
        for w in words:
            parts = w.split("-")
            out.append("-".join(_case_part(p, first and j == 0) for j, p in enumerate(parts)))
            first = False
        return " ".join(out)
    words = re.split(r"[\s-]+", name)
    out = [_case_part(w, i == 0) for i, w in enumerate(words)]
    if len(out) > 1 and words[0].lower() in _ARTICLES:
        return out[0] + " " + "-".join(out[1:])
    return "-".join(out)


# Names are matched case-sensitively (capitals mark them); cue words use scoped (?i:...) groups.
# Words of a title or a letterhead never belong to a place's name ("… DU GERS\nEXTRAIT DU REGISTRE"),
# and a place's name has no figures (an e-transmission ID "DEL22042020-DE" is not one).
_NOT_A_NAME = (r"(?!(?i:extrait|registre|s[ée]ance|proc[èe]s|compte|conseil|r[ée]publique|d[ée]partement|pr[ée]fecture"
               r"|si[èe]ge|d[ée]lib[ée]ration\w*|monsieur|madame|date|pr[ée]sents?|mairie|commune|objet|envoy[ée]|re[çc]u"
               r"|publi[ée]|affich[ée]|membres|nombre|r[ée]union|comit[ée]|bureau|commission|session|ordre|secr[ée]taire"
               r"|intercommunal|mixte|vocation|[àa])(?![\w'’]))")
_TOKEN = rf"{_NOT_A_NAME}[A-ZÀ-ÝŒŸ][^\W\d_]*(?:['’][^\W\d_]+)?"
_PARTICLE = r"(?:de|du|des|la|le|les|sur|sous|en|lès|lez|et|aux?)"
_SEP = r"(?:[ ]|-)"
# A particle goes on only when a capital follows ("Saint-Aubin-sur-Orne", "Pays d’Uzès"), so a name
# ends before "de la séance"; an elided particle ("d’", "l’") is followed by its word with no space.
_PLACE_NAME = (rf"{_TOKEN}(?:(?:{_SEP}|(?<=['’]))(?:{_TOKEN}"
               rf"|{_PARTICLE}(?={_SEP}(?:(?:la|le|les){_SEP})?(?:[A-ZÀ-ÝŒŸ]|[dl]['’][A-ZÀ-ÝŒŸ]))"
               rf"|[dl]['’](?=[A-ZÀ-ÝŒŸ])))*")

_BODIES = (
    (r"conseil\s+municipal", "Conseil municipal"),
    (r"conseil\s+communautaire", "Conseil communautaire"),
    (r"conseil\s+m[ée]tropolitain", "Conseil métropolitain"),
    (r"conseil\s+d[ée]partemental", "Conseil départemental"),
    (r"conseil\s+g[ée]n[ée]ral", "Conseil général"),
    (r"conseil\s+r[ée]gional", "Conseil régional"),
    (r"commission\s+permanente", "Commission permanente"),
    (r"comit[ée]\s+syndical", "Comité syndical"),
    (r"comit[ée]\s+directeur", "Comité directeur"),
    (r"bureau\s+communautaire", "Bureau communautaire"),
    (r"conseil\s+syndical", "Conseil syndical"),
    (r"conseil\s+d['’]administration", "Conseil d'administration"),
)
_BODY_RE = re.compile("|".join(f"(?P<b{i}>{rx})" for i, (rx, _) in enumerate(_BODIES)), re.I)
_STOP_AFTER_NAME = re.compile(r"\s+(?:S[ÉE]ANCE|PROC[ÈE]S|COMPTE|CONSEIL|R[ÉE]UNION|EXTRAIT|D[ÉE]LIB\w*|R[ÉE]PUBLIQUE)\b.*$", re.I)

# "Commune de X", "Mairie de X", "Ville de X": the commune; the joiner is kept as printed ("d’Écouves").
_COMMUNE_RE = re.compile(rf"(?i:\b(?:commune|mairie|ville)\s+(?P<joiner>de\s+|d['’]\s?))(?P<name>{_PLACE_NAME})")
_EPCI_RE = re.compile(
    rf"(?P<kw>(?i:(?:communaut[ée]\s+(?:de\s+communes|d['’]\s?agglom[ée]ration|urbaine)|m[ée]tropole|syndicat(?:\s+(?:mixte|intercommunal|d[ée]partemental))?|sivom|sivu))"
    # a syndicat's purpose in lower case before its territory: "du bassin de", "d’énergies du"
    rf"(?:\s+(?i:du|des|de\s+la|de|d['’])\s?[a-zà-ÿœ][a-zà-ÿœ-]+){{0,3}}(?i:"
    rf"(?:\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’]|pour\s+l['’]?\w*"
    # "à vocation scolaire de Neuvy": the purpose is a whole word, then the territory's particle
    rf"|[àa]\s+vocation\s+[^\W\d_]+(?![\w'’])(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]))?))?)\s*)(?P<nm>{_PLACE_NAME})"
    # "Hautes Terres Communauté", "Chartres Métropole": the keyword closes the name, unless it opens
    # the next one ("… DE COMMUNAUTÉ DE COMMUNES").
    rf"|(?P<nm2>{_PLACE_NAME})[ ](?P<kw2>Communaut[ée]|COMMUNAUT[ÉE]|Agglom[ée]ration|Agglo|M[ée]tropole)\b"
    rf"(?!\s+(?i:de\s+communes|d['’]\s?agglom|urbaine))",
)
_ROLE_PREFIX = re.compile(r"^(?:(?:Vice-)?Pr[ée]sidente?|Maire|Conseil\w*|Bureau|Comit[ée])[ ](?:de[ ]la[ ]|de[ ]l['’]|du[ ]|des[ ]|de[ ]|d['’])?", re.I)
_COUNCIL_OF_RE = re.compile(rf"(?i:\bconseil\s+municipal\s+(?P<joiner>de\s+|d['’]\s?))(?P<name>{_PLACE_NAME})")
# "Conseil départemental de la Gironde" (or "Conseil général", its name before 2015) names the département.
_DEPT_WORD = r"(?:d[ée]partement|conseil\s+d[ée]partemental|conseil\s+g[ée]n[ée]ral)"
# OCR may read an elision's apostrophe twice, as both its shapes ("DE L’'ARIÈGE").
_DEPT_RE = re.compile(rf"(?i:\b{_DEPT_WORD}\s+(?:de\s+la\s+|de\s+l['’]{{1,2}}|du\s+|des\s+|de\s+|d['’]{{1,2}}))(?P<name>{_PLACE_NAME})")
_DEPARTMENTAL_BODIES = ("Conseil départemental", "Conseil général", "Commission permanente")


def _join(kw: str, name: str) -> str:
    return kw + name if re.search(r"['’]$", kw) else kw + " " + name


# A syndicat's acronym keeps its capitals: "SIVOM de la Région de Marckolsheim".
_ACRONYM = re.compile(r"SIVOM|SIVU(?![A-Z])")


def _epci_name(m: re.Match) -> str:
    if m.group("nm2"):
        name = _ROLE_PREFIX.sub("", clean_text(m.group("nm2")))
        kw = m.group("kw2")
        return (place_name_case(name, hyphenate=False) + " " + kw.capitalize()) if is_upper(name) else name + " " + kw
    kw, name = clean_text(m.group("kw")), clean_text(m.group("nm"))
    if is_upper(kw):
        acronym = _ACRONYM.match(kw)
        kw = kw.lower().capitalize()
        if acronym:
            kw = acronym.group(0) + kw[acronym.end():]
    return _join(kw, place_name_case(name, hyphenate=False) if is_upper(name) else name)


def _commune_name(raw: str) -> Optional[str]:
    name = _STOP_AFTER_NAME.sub("", clean_text(raw)).strip(" -,.")
    if not name or name.lower() in {"la", "le", "les"}:
        return None
    return place_name_case(name)


def _commune_value(m: re.Match) -> Optional[str]:
    name = _commune_name(m.group("name"))
    if not name:
        return None
    joiner = clean_text(m.group("joiner")).lower()
    return "Commune " + ("d’" if joiner.startswith("d") and joiner != "de" else "de ") + name


_KIND_RES = {"commune": (_COMMUNE_RE,), "epci": (_EPCI_RE,), "dept": (_DEPT_RE,)}


def _dept_joiner(raw: str) -> str:
    m = re.match(rf"{_DEPT_WORD}\s+(de\s+la\s+|de\s+l['’]{{1,2}}|du\s+|des\s+|de\s+|d['’]{{1,2}})", raw, re.I)
    return re.sub(r"['’]{2}$", "’", m.group(1).lower()) if m else "de "


def _hits(joined: Joined, body: Optional[str]) -> list[tuple[int, str, re.Match]]:
    hits = []
    for kind, rx in (("commune", _COMMUNE_RE), ("epci", _EPCI_RE), ("dept", _DEPT_RE)):
        if kind == "dept" and body not in _DEPARTMENTAL_BODIES:
            continue  # "DEPARTEMENT du GARD" heads communes' minutes too
        for m in rx.finditer(joined.text):
            if kind == "commune" and not _commune_value(m):
                continue
            hits.append((m.start(), kind, m))
            break
    return hits


def _value_of(kind: str, m: re.Match) -> Optional[str]:
    if kind == "commune":
        return _commune_value(m)
    if kind == "epci":
        return _epci_name(m).strip(" ,.")
    return "Département " + _dept_joiner(m.group(0)) + place_name_case(m.group("name"))


def authority_in(lines: list[Line], body: Optional[str], casing: Optional[list[Line]] = None) -> Optional[Found]:
    """The first authority the title or letterhead names: a commune, an EPCI or syndicat, a
    département (only for a departmental body). `casing`: lines where a name printed in capitals
    may be printed again in mixed case."""
    joined = Joined.of(letterhead_blocks(lines), glue_after_particle=True)
    hits = _hits(joined, body)
    if hits:
        _, kind, m = min(hits, key=lambda h: h[0])
        value = _recase(_value_of(kind, m), m.group(0), casing or lines)
        found = Found(value, joined.evidence(m.start(), m.end()))
        printed_upper = " ".join(w for l in lines for w in l.text.split() if is_upper(w) and len(w) > 1)
        return _preamble_version(found, kind, casing or lines, printed_upper) or found
    m = _COUNCIL_OF_RE.search(joined.text)
    if m and _commune_value(m):
        return Found(_commune_value(m), joined.evidence(m.start(), m.end()))
    return None


# --------------------------------------------------------------------------- the preamble's print
def _fold(text: str) -> str:
    """Letters only, lower case, accents and ligatures dropped: names compared as spelt."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    return "".join(c for c in text if c.isalpha() and not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    return [w for w in (_fold(p) for p in re.split(r"[\s'’-]+", text)) if w]


# A sentence's line that ends on a particle goes on with the name the next line opens
# ("de la Communauté de communes des Hauts de" / "Puybrun-la-Forêt, convoqué …").
_WRAPPED_AFTER_PARTICLE = re.compile(r"(?<=[\s'’])(?:de|du|des|de\s+la|la|le|les|en|sur|sous|lès|lez|aux?)\n(?=[A-ZÀ-ÝŒŸ])")


def _running_text(lines: list[Line]) -> Joined:
    """The preamble's sentences as one text: a name wrapped before a particle ("du Pays\nde Neuvy")
    or after one ("des Hauts de\nPuybrun") reads on (offsets kept); otherwise a line opening on a
    capital is another title line."""
    running = [l for l in lines if not is_upper(l.text)]
    joined = Joined.of(running)
    text = re.sub(r"\n(?=[a-zà-ÿœ])", " ", joined.text)
    text = _WRAPPED_AFTER_PARTICLE.sub(lambda m: m.group(0)[:-1] + " ", text)
    return Joined(joined.lines, text, joined.starts)


def _preamble_version(letterhead: Found, kind: str, lines: list[Line], letterhead_text: str) -> Optional[Found]:
    """The sentence "le Conseil … de la Communauté de communes du Pays d’Aubigné, convoqué" prints the
    name whole and in its casing, where a letterhead wraps it, cuts it beside the State's marks or,
    on a scan, mixes it with a stamp. Its version wins when it goes on from the letterhead's, or
    when the letterhead prints every word of it in capitals (in whatever order the columns
    came out)."""
    running = _running_text(lines)
    head_words = set(_words(letterhead_text))
    short = _fold(letterhead.value)
    for rx in _KIND_RES[kind]:
        for m in rx.finditer(running.text):
            if is_upper(m.group(0)):
                continue
            value = _value_of(kind, m)
            if not value:
                continue
            full = _fold(value)
            if full == short:
                return Found(value, running.evidence(m.start(), m.end())) if _accents_restored(letterhead.value, value) else None
            if (len(full) > len(short) and full.startswith(short) or not short.startswith(full) and _all_in(value, head_words)
                    or _words_cut(letterhead.value, value) or _word_garbled(letterhead.value, value)):
                return Found(value, running.evidence(m.start(), m.end()))
    return None


def _accents(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


def _accents_restored(letterhead: str, preamble: str) -> bool:
    """Capitals are often printed, and read by OCR, without their accents ("PUYBRUN-LA-FORET"):
    the preamble's mixed-case print of the same name with more accents spells it."""
    def plain(t: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c)).lower().replace("’", "'")
    return plain(letterhead) == plain(preamble) and _accents(preamble) > _accents(letterhead)


def _words_cut(letterhead: str, preamble: str) -> bool:
    """A stamp or the scan's edge cut a word of the letterhead ("À VOCATION SC" / "DE NEUVY"): the
    preamble's name has the same words, each the letterhead's or its whole, at least one longer."""
    a, b = _words(letterhead), _words(preamble)
    return (len(a) == len(b) and a != b and all(x == y or len(x) >= 2 and y.startswith(x) for x, y in zip(a, b)))


def _word_garbled(letterhead: str, preamble: str) -> bool:
    """A scan garbled one word of the letterhead into a short one ("À VOCATION JE DE …" for
    "SCOLAIRE") or added a speck word ("À VOCATION Ë SCOLAIRE"); every other word agrees."""
    a, b = _words(letterhead), _words(preamble)
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diff) == 1 and len(diff[0][0]) <= 3 < len(diff[0][1])
    if len(a) == len(b) + 1:
        return any(len(a[i]) <= 2 and a[:i] + a[i + 1:] == b for i in range(len(a)))
    return False


def _all_in(value: str, head_words: set[str]) -> bool:
    words = [w for w in _words(value) if w not in _FOLDED_PARTICLES]
    return bool(words) and all(w in head_words for w in words)


_FOLDED_PARTICLES = {_fold(p) for p in _PARTICLES}


def _recase(value: str, raw: str, lines: list[Line]) -> str:
    """A name printed in capitals takes the casing the document prints it with elsewhere
    ("MAIRIE D’ÉCOUVES-LE-CHÂTEAU" and "la commune d’Écouves-le-Château")."""
    if not is_upper(raw):
        return value
    head, _, name = value.partition(" ")
    if head == "Commune":
        m = re.match(r"(de |d’)(.+)$", name)
        joiner, name = (m.group(1), m.group(2)) if m else ("", name)
        printed = _printed_mixed(name, lines, cue=r"(?i:commune)\s+(?i:de\s+|d['’]\s?)")
        return "Commune " + joiner + printed if printed else value
    printed = _printed_mixed(value, lines)
    if printed:
        return printed[0].upper() + printed[1:]
    return value


def _printed_mixed(text: str, lines: list[Line], cue: str = "") -> Optional[str]:
    words = re.split(r"[\s-]+|(?<=['’])", text)
    pattern = r"[\s-]*".join(
        re.sub(r"['’]", "['’]", re.escape(w)) for w in words if w)
    rx = re.compile(rf"(?<![\w'’-]){cue}(?P<n>{pattern})(?![\w'’])", re.I)
    full = Joined.of(lines).text
    for m in rx.finditer(full):
        printed = clean_text(m.group("n"))
        if not is_upper(printed):
            # "Sainte- Colombe": a hyphen cut at a line end and read back with a space
            printed = re.sub(r"(?<=\w)-\s+(?=\w)", "-", printed)
            return re.sub(r"(?<=['’])\s+", "", printed.replace("\n", " "))
    return None


def commune_anywhere(lines: list[Line]) -> Optional[Found]:
    """No title names the authority: the commune the text names most often ("la commune de X")."""
    seen: dict[str, list] = {}
    joined = Joined.of(lines)  # "la commune de\nCouthenans": a name wrapped to the next line
    for m in _COMMUNE_RE.finditer(joined.text):
        value = _commune_value(m)
        if value:
            seen.setdefault(value, []).append(m)
    if not seen:
        return None
    value = max(seen, key=lambda n: (len(seen[n]), -seen[n][0].start()))
    m = seen[value][0]
    return Found(value, joined.evidence(m.start(), m.end(), EXTRACTOR, clean_text(m.group(0))))


# Bodies that act by delegation of an assembly: a header naming one of them as a title under
# its assembly ("CONSEIL DÉPARTEMENTAL" / "COMMISSION PERMANENTE") is that body's deliberation.
_DELEGATES = {"Commission permanente", "Bureau communautaire"}


def body_in(lines: list[Line]) -> Optional[Found]:
    first = None
    for i, line in enumerate(lines):
        # A body's name may wrap: "… le Conseil" / "communautaire de la Communauté de communes …".
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        text = line.text + (" " + " ".join(nxt.text.split()[:2]) if nxt is not None else "")
        m = _BODY_RE.search(text)
        if not m or m.start() >= len(line.text):
            continue
        name = _BODIES[int(m.lastgroup[1:])][1]
        used = [line] if m.end() <= len(line.text) else [line, nxt]
        found = Found(name, Evidence.of_lines(used, EXTRACTOR, clean_text(m.group(0))))
        if first is None:
            first = found
        if name in _DELEGATES and len(line.text.split()) <= 6:
            return found
    return first
