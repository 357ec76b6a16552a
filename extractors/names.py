"""Person names as printed: civility removed, whitespace collapsed; lists split; OCR variants matched.

Owner: attendance/proxies extractors. Others import `strip_civility`, `split_names`, `reconcile`,
`same_person`. The labelled lists a name list is read from ("Présents : …") are in name_lists.py.

Names are kept as printed (typos included): matching is only for linking the same person across the
présents list, the proxies and the votes of one document.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming, Levenshtein

from pipeline.model import clean_text

_CIVILITY_WORD = (
    r"(?:M\s?\.|MM\.|Mmes?\.|Mlle\.|Mr\.|Mrs\.|Mme\b|Mmes\b|MM\b|Mr\b|Mlle\b|"
    r"Monsieur\b|Madame\b|Mademoiselle\b|Messieurs\b|Mesdames\b|"
    # Titles some registers print for doctors and notaries ("Docteur LAMBERT", "Me GIRARD"); the
    # short forms only in their own case before a capital, "me" being a French word.
    r"Docteur\b|Ma[iî]tre\b|Dr\.|(?-i:(?:Dr|Me)(?=\s+[A-ZÀ-ÝŒŸ])))"
)
# 'M MEYER Benoît': OCR drops the period of 'M.'; a bare capital M before two capitalised words.
_BARE_M = r"(?-i:M(?=\s+[A-ZÀ-ÝŒŸ][\w'’-]*\s+[A-ZÀ-ÝŒŸ]))"
# 'Mine Chantal FOURNIER': OCR reads the 'm' of 'Mme' as 'in' or 'rn', or its 'e' as 'c'; only
# before a first name and a surname, so a word 'Mine' elsewhere stays.
_OCR_MME = r"(?-i:M(?:ine|rne|mc)(?=\s+[A-ZÀ-ÝŒŸ][\w'’-]*\s+[A-ZÀ-ÝŒŸ]))"
_CIVILITY = re.compile(rf"^(?:(?:{_CIVILITY_WORD}|{_BARE_M}|{_OCR_MME})\s*)+", re.I)
# A civility inside a fragment starts a new name ("… Jean DUPONT Madame Anne MARTIN" after a
# line break that carried no separator). Case-sensitive: "m." inside a word is not a civility.
_INNER_CIVILITY = re.compile(r"\s(?=(?:M\.|MM\.?|Mmes?\.?|Mlle\.?|Mr\.?|Monsieur|Madame|Mademoiselle|"
                             r"monsieur|madame)(?:\s|[A-ZÀ-ÝŒŸ]))")

# Titles printed next to a name inside attendance lists ("M.CHARRIER Jean-Paul Maire", "… Adjoints").
_ROLE = re.compile(
    r"(?<![\w-])(?:\d+\s*(?:er|ère|ere|e|ème|eme|nd|nde)\s+)?"
    r"(?:(?:maire|vice)[- ])?"
    r"(?:maire|adjoint(?:e|es|s)?|d[ée]l[ée]gu[ée](?:e|es|s)?|"
    r"conseill(?:er|ère|ere|ers|ères|eres)(?:\s+(?:municipa(?:l|le|ux|les)|communautaires?|d[ée]partementa(?:l|le|ux|les)))?"
    r"(?:\s+d[ée]l[ée]gu[ée](?:e|es|s)?)?|"
    r"pr[ée]sident(?:e|es|s)?|secr[ée]taire(?:\s+de\s+s[ée]ance)?|titulaires?|suppl[ée]ant(?:e|es|s)?)"
    r"(?:\s+(?:au|du)\s+maire)?(?![\w-])",
    re.I,
)
# ('dit', 'dite': the registers' "ROUX dit MARTIN", a surname and the name the person goes by.)
_PARTICLES = {"de", "du", "des", "d'", "d’", "le", "la", "les", "van", "von", "der", "den", "di", "da",
              "dos", "das", "del", "della", "ben", "el", "ter", "ten", "y", "e", "dit", "dite"}
_SEPARATOR = re.compile(r"(\s*[,;/|]\s*|\s*[-–—]{2,}\s*|\s+[-–—]+\s*|(?<=\w)[-–—]\s+|\s+et\s+|\s*&\s*)")
_DASH_SEP = re.compile(r"[-–—]")
_BULLET = re.compile(r"^(?:[\s\-–—•·*>»]|[YŸ*]_)+|[\s.:,;]+$")


def strip_civility(name: str) -> str:
    """'Monsieur Didier ACHALME' -> 'Didier ACHALME'; 'Mme DUPONT' -> 'DUPONT'; 'M.CHARRIER' -> 'CHARRIER'."""
    return clean_text(_CIVILITY.sub("", clean_text(name)))


def strip_roles(text: str) -> str:
    """Remove role words, unless printed in capitals as the only content (a surname 'MAIRE')."""
    def drop(m: re.Match) -> str:
        word = m.group(0)
        return word if word.isupper() and word.strip() == text.strip() else " "
    return clean_text(_ROLE.sub(drop, text))


def _is_name_token(tok: str) -> bool:
    # An elided particle starts a surname only before a capital: D'ALMEIDA, d'Estaing, not l'affaire.
    if tok.lower() in _PARTICLES or re.fullmatch(r"[dDlL][’'][A-ZÀ-ÝŒŸ].*", tok):
        return True
    return bool(re.fullmatch(r"[A-ZÀ-ÝŒŸ][\w’'.\-]*", tok)) and not any(c.isdigit() for c in tok)


# OCR reads the brackets of a note as braces or square brackets: 'MARCHAND (Déléguée}'.
_OPEN_MARKS = str.maketrans({"{": "(", "[": "(", "}": ")", "]": ")"})


def normalize_marks(text: str) -> str:
    """OCR-tolerant punctuation of a names text: brackets as parentheses, a compound name split
    by OCR rejoined ('Jean- -François', 'LAMBERT- DELHOMME' -> one word)."""
    text = text.translate(_OPEN_MARKS)
    # A bracket between two capitals of one word is a speck OCR read there ("PASSEMAR)D"): no
    # note opens or closes inside a name.
    text = re.sub(r"(?<=[A-ZÀ-ÝŒŸ]{2})[()](?=[A-ZÀ-ÝŒŸ]+\b)", "", text)
    # ... and an underscore or a bar glued to a separator ("… ROBERT) -_ Joël …")
    text = re.sub(r"(?<=[-–—,;])[_|]+(?=\s|$)", "", text)
    text = re.sub(r"(?<=\w)-\s+-(?=\w)", "-", text)
    # a civility whose period OCR read as several ("M..." / "Pierre-Yves PÉROT"): a speck, no
    # ellipsis ending the list there
    text = re.sub(r"(?<![\w.])(M|MM|Mmes?|Mlle|Mr)\.{2,}(?=\s|$)", r"\1.", text)
    # a compound first name whose hyphen OCR read with a space after it ("Marie- Claire")
    text = re.sub(r"(?<=[a-zà-ÿœ]{2})-[ \t]+(?=[A-ZÀ-ÝŒŸ][a-zà-ÿœ]+\b)", "-", text)
    return re.sub(r"(?<=[A-ZÀ-ÝŒŸ]{2})-\s+(?=[A-ZÀ-ÝŒŸ]{2,}(?![\w'’-]*[a-zà-ÿœ]))", "-", text)


def _unmatched_closings(text: str) -> list[int]:
    depth, out = 0, []
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                out.append(i)
    return out


def _word_case(tok: str) -> Optional[str]:
    core = tok.strip(".,;:'’")
    if len(core) < 2 or not core[0].isupper():
        return None
    return _CASE_UPPER if core.isupper() else _CASE_TITLE


# "… à M. Daniel X)": the connector of a note, then a person, up to the note's closing parenthesis.
_NOTE_TAIL = re.compile(rf"\s(?:à|a|par)\s+(?:{_CIVILITY_WORD}\s*)[^(),;]*$")


def lost_notes(text: str) -> list[tuple[int, int, int]]:
    """Notes whose opening parenthesis OCR lost, alone ("pouvoir à M. Y)") or with the keyword
    it was printed against ("RETAERE à M. Daniel Y)" for "(procuration à M. Daniel Y)"):
    (start of the note, start of the person after its connector, index of its ")").

    The note runs back from its ")" over the connector and the lowercase keywords before it;
    a word in capitals there is taken for a garbled keyword only when the two words before it
    make a whole name on their own (a first name and a surname), so that "M. Jean DUPONT à
    M. Y)" keeps DUPONT."""
    out = []
    for close in _unmatched_closings(text):
        before = text[:close]
        m = _NOTE_TAIL.search(before)
        if not m:
            continue
        person = m.start() + re.match(r"\s(?:à|a|par)\s+", before[m.start():]).end()
        words = list(re.finditer(r"[^\s()]+", before[: m.start()]))
        i = len(words)
        while i > 0 and words[i - 1].group(0)[:1].islower():
            i -= 1
        if i == len(words):
            cases = {_word_case(w.group(0)) for w in words[max(i - 3, 0): i - 1]}
            if i < 3 or cases != {_CASE_UPPER, _CASE_TITLE} or _CIVILITY.fullmatch(words[i - 1].group(0) + " "):
                continue
            i -= 1
        out.append((words[i].start() if i < len(words) else m.start(), person, close))
    return out


def drop_parens(text: str) -> str:
    """Remove notes in parentheses. A note left open by OCR or a cut ends at the next comma or
    semicolon; a closing parenthesis with no opening one ends a note whose opening OCR lost
    (`lost_notes`), or is dropped alone."""
    text = normalize_marks(text)
    for start, _, close in reversed(lost_notes(text)):
        text = f"{text[:start]} {text[close + 1:]}"
    while True:
        closed = re.sub(r"\([^()]*\)", " ", text)
        if closed == text:
            break
        text = closed
    text = re.sub(r"\([^,;]*", " ", text)
    return text.replace(")", " ")


def _fuzzy_role(tok: str) -> bool:
    """A role word misread by OCR ('Déiléguée', 'Adjoìnte'): one edit away from a long role word."""
    if len(tok) < 6 or tok.isupper():
        return False
    folded = "".join(c for c in unicodedata.normalize("NFKD", tok.lower()) if not unicodedata.combining(c))
    return any(Levenshtein.distance(folded, r) <= 1 for r in _LONG_ROLES)


_LONG_ROLES = ("adjoint", "adjointe", "delegue", "deleguee", "conseiller", "conseillere",
               "president", "presidente", "secretaire", "suppleant", "suppleante", "titulaire")


def _fix_ocr_case(tokens: list[str], had_civility: bool) -> list[str]:
    """'Mme isabelle MICHEL': OCR lowered the capital of a first name printed between a civility
    and a surname in capitals."""
    if (had_civility and len(tokens) >= 2 and re.fullmatch(r"[a-zà-ÿœ][a-zà-ÿœ'’-]{2,}", tokens[0])
            and tokens[0].lower() not in _PARTICLES and tokens[1].isupper() and len(tokens[1]) > 1):
        return [tokens[0][0].upper() + tokens[0][1:]] + tokens[1:]
    return tokens


def _drop_speck_pairs(tokens: list[str]) -> list[str]:
    """'Mickaël FONTAINE TE', 'MARCHAND ID Anne': two capitals right after a surname, in a name that
    also has a first name, are a speck or a stamp read by OCR; a particle ('LE', 'DA') stays."""
    if not any(t[:1].isupper() and not t.isupper() for t in tokens):
        return tokens
    return [t for i, t in enumerate(tokens)
            if not (i > 0 and re.fullmatch(r"[A-ZÀ-ÝŒŸ]{2}", t) and t.lower() not in _PARTICLES
                    and re.fullmatch(r"[A-ZÀ-ÝŒŸ'’-]{3,}", tokens[i - 1]))]


_NOTE_WORD = re.compile(r"qui|ayant|lequel|laquelle|excus[ée]e?s?|absente?s?|repr[ée]sent[ée]e?s?|arriv[ée]e?s?|parti(?:e|s|es)?", re.I)


def clean_name(fragment: str) -> Optional[str]:
    """One list fragment -> a name as printed, or None when the fragment is not a name."""
    text = _BULLET.sub("", clean_text(drop_parens(fragment)))
    had_civility = bool(_CIVILITY.match(text))
    text = strip_roles(strip_civility(text))
    tokens = [t for t in text.split(" ") if t and not any(c.isdigit() for c in t)]
    # An apostrophe at a word's edge is a speck ('Ludovic’ MERCIER'); elided particles keep theirs.
    # Initials keep their periods: 'J.-P. MARTIN', 'J. DUPONT'.
    tokens = [t.strip(".:,;") if not re.fullmatch(r"[A-ZÀ-ÝŒŸ]\.(?:-?[A-ZÀ-ÝŒŸ]\.)*", t.rstrip(",;:")) else t.rstrip(",;:")
              for t in tokens]
    tokens = [t.strip("'’") if len(t.strip("'’")) > 2 else t for t in tokens]
    # an apostrophe OCR read twice, as both its shapes ("D’'ALMEIDA"): a name elides once
    tokens = [re.sub(r"(['’])['’]+", r"\1", t) for t in tokens]
    tokens = _fix_ocr_case([t for t in tokens if t], had_civility)
    # 'M. GAUDRY qui a donné procuration …', 'M. CHAMPAGNAT excusé': the words after a name that
    # start its note are no part of it.
    while len(tokens) > 1 and _NOTE_WORD.fullmatch(tokens[-1]):
        tokens = tokens[:-1]
    # Rule lines and box edges read by OCR as 'Il', 'LI', '|'; a lone capital without its period
    # is a speck read between two words ('Patrick D DUVAL').
    if len(tokens) > 1:
        tokens = [t for t in tokens if not re.fullmatch(r"[IlLi|!]{1,2}", t)]
    if len(tokens) > 2:
        tokens = [t for t in tokens if not re.fullmatch(r"[A-ZÀ-ÝŒŸ]", t)]
        tokens = _drop_speck_pairs(tokens)
    if len(tokens) > 2 and _fuzzy_role(tokens[-1]):
        tokens = tokens[:-1]
    tokens = [t for t in tokens if t and t not in {"-", "–", "—"}]
    if not tokens or len(tokens) > 6 or not all(_is_name_token(t) for t in tokens):
        return None
    if not any(len(t) > 1 and t.lower() not in _PARTICLES for t in tokens):
        return None
    return " ".join(tokens)


def join_lines(text: str) -> str:
    """Lines of one list as one string; a word cut at a hyphen ('Jean-' / 'Pierre') is rejoined."""
    out = ""
    for raw in normalize_marks(text).splitlines():
        line = clean_text(raw)
        if not line:
            continue
        if out and re.search(r"\w[-–]$", out):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _has_separator(text: str) -> bool:
    return bool(_SEPARATOR.search(text))


def _split_fragments(text: str) -> list[tuple[str, str]]:
    """(separator before, fragment) pairs; parentheses are removed first so notes never split."""
    text = re.sub(r"(?<=\w)\([a-zé]{1,3}\)", "", normalize_marks(text))  # inclusive writing: Adjoint(e)s
    text = drop_parens(text)
    parts = _SEPARATOR.split(text)
    pairs = [("", parts[0])]
    for i in range(1, len(parts), 2):
        pairs.append((parts[i], parts[i + 1]))
    out: list[tuple[str, str]] = []
    for sep, frag in pairs:
        for j, sub in enumerate(_INNER_CIVILITY.split(frag)):
            out.append((sep if j == 0 else " ", sub))
    return out


def _has_first_name(name: str) -> bool:
    return any(not t.isupper() and t.lower() not in _PARTICLES for t in name.split(" "))


def _surname_only(name: str) -> bool:
    return all(t.isupper() or t.lower() in _PARTICLES for t in name.split(" "))


def _glue_dashed_surnames(items: list[tuple[str, str, str]]) -> list[str]:
    """A compound surname printed with a spaced dash is one person:
    'Philippe ROUVIER' + ' - ' + 'COROUGE' -> 'Philippe ROUVIER-COROUGE' in 'Prénom NOM' lists;
    'LAMBERT' + ' – ' + 'DELHOMME Mathieu' -> 'LAMBERT-DELHOMME Mathieu' ('NOM Prénom')."""
    full = [n for _, n, _ in items if not _surname_only(n)]
    prenom_nom = sum(1 for n in full if _has_first_name(n) and n.split(" ")[-1].isupper())
    glue_ok = full and prenom_nom * 2 >= len(full)
    out: list[str] = []
    for sep, name, raw in items:
        prev = out[-1] if out else None
        dashed = prev is not None and _DASH_SEP.search(sep)
        first = name.split(" ")[0]
        if (dashed and glue_ok and _surname_only(name) and " " not in name
                and _has_first_name(prev) and prev.split(" ")[-1].isupper()):
            out[-1] = f"{prev}-{name}"
        elif (dashed and _surname_only(prev) and " " not in prev and first.isupper() and len(first) > 1
              and _has_first_name(name) and not _CIVILITY.match(clean_text(raw))):
            out[-1] = f"{prev}-{name}"
        else:
            out.append(name)
    return out


def split_names(text: str) -> list[str]:
    """A printed list of people -> names as printed, civility, roles and notes removed.

    Separators: commas, semicolons, slashes, spaced dashes, 'et', line breaks (when the list uses
    no other separator). Compound names ('Jean-Pierre', 'LE GALL', "D'ALMEIDA") stay whole.
    """
    lines = [clean_text(l) for l in text.splitlines() if clean_text(l)]
    if len(lines) > 1 and not any(_has_separator(l) for l in lines):
        chunks = lines
    else:
        chunks = [join_lines(text)]
    items: list[tuple[str, str, str]] = []
    for chunk in chunks:
        for sep, frag in _split_fragments(chunk):
            name = clean_name(frag)
            people = _split_people(name) if name else _unseparated(frag)
            items.extend((sep if i == 0 else " ", n, frag) for i, n in enumerate(people))
    return _glue_dashed_surnames(items)


def _unseparated(fragment: str) -> list[str]:
    """Too many words for one name: a row of a names grid printed in columns, with no separator
    ('BERTIN Odile   LAGARDE Michel   de LA FONTAINE Jean'). Each person must read as a name."""
    tokens = clean_text(fragment).split(" ")
    if len(tokens) <= 6:
        return []
    groups = [" ".join(g) for g in split_run(tokens)]
    names = [clean_name(g) for g in groups]
    if len(groups) > 1 and all(names) and all(len({c for c in map(_case, n.split(" ")) if c}) == 2 for n in names):
        return names
    return []


def _split_people(name: str) -> list[str]:
    """'MORIN Christian MARTINEZ Gérard' (a separator lost at a line end) -> two people, when each
    part has both a word in capitals and a capitalised one, in the same order."""
    groups = split_run(name.split(" "))
    cases = [[c for c in map(_case, g) if c] for g in groups]
    if len(groups) > 1 and all(len(set(c)) == 2 for c in cases):
        return [" ".join(g) for g in groups]
    return [name]


# --------------------------------------------------------------------------- matching
def name_key(name: str) -> str:
    """Accent-, case-, civility- and order-insensitive key: 'NIGGEL Muriel' == 'Muriel Niggel'."""
    text = unicodedata.normalize("NFKD", strip_civility(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    tokens = re.split(r"[\s\-–—'’.]+", text)
    return " ".join(sorted(t for t in tokens if t))


def _folded_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", strip_civility(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return [t for t in re.split(r"[\s'’.]+", text) if t]


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(name_key(a), name_key(b))


def same_person(a: str, b: str, threshold: float = 88.0) -> bool:
    """True when two printed names are one person up to an OCR slip or a typo."""
    return reconcile([a], [b], threshold).get(a) is not None


def _single_token_match(name: str, candidates: list[str]) -> Optional[str]:
    """'Leroux' -> the only candidate with that surname (or first name) token."""
    key = name_key(name)
    if not key or " " in key:
        return None
    # Whole printed words only: 'Anne' is not 'Anne-Sophie'.
    hits = [c for c in candidates if key in _folded_words(c)]
    return hits[0] if len(set(hits)) == 1 else None


def reconcile(names: Iterable[str], candidates: Iterable[str], threshold: float = 88.0) -> dict[str, Optional[str]]:
    """Map each name to the candidate naming the same person (as printed), or None.

    Exact key first, then the best fuzzy match at or above `threshold` when it is unambiguous, then a
    lone surname or first name ('Monsieur Leroux') matching exactly one candidate's token.
    """
    cands = list(dict.fromkeys(c for c in candidates if c))
    keys = {c: name_key(c) for c in cands}
    out: dict[str, Optional[str]] = {}
    for name in names:
        k = name_key(name)
        exact = [c for c in cands if keys[c] == k]
        if exact:
            out[name] = exact[0]
            continue
        scored = sorted(((fuzz.ratio(k, keys[c]), c) for c in cands), reverse=True)
        best = scored[0] if scored else (0.0, None)
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best[0] >= threshold and best[0] - runner_up >= 3.0:
            out[name] = best[1]
        else:
            out[name] = _single_token_match(name, cands) or _one_letter_off(k, cands, keys)
    return out


def _one_letter_off(key: str, cands: list[str], keys: dict[str, str]) -> Optional[str]:
    """A short name with one letter misprinted or misread ('Hélème' for 'Hélène'), which the
    ratio scores too low: the only candidate of the same length differing by one letter."""
    if len(key) < 5:
        return None
    hits = [c for c in cands if len(keys[c]) == len(key) and Hamming.distance(keys[c], key) == 1]
    return hits[0] if len(hits) == 1 else None


# --------------------------------------------------------------------------- name runs
_CASE_UPPER, _CASE_TITLE = "U", "T"


def _case(tok: str) -> Optional[str]:
    core = tok.strip(".,;:()")
    if not core or core.lower() in _PARTICLES:
        return None
    return _CASE_UPPER if core.isupper() and len(core) > 1 else _CASE_TITLE


def split_run(tokens: list[str]) -> list[list[str]]:
    """Name tokens with no separator between people -> one token list per person.

    'Denis JUVIN Patricia MICHOT' -> [Denis JUVIN], [Patricia MICHOT]; 'DUPONT Jean MARTIN Paul' ->
    [DUPONT Jean], [MARTIN Paul]: a new person starts where the case pattern of the first one repeats.
    """
    if not tokens:
        return []
    first = next((c for c in map(_case, tokens) if c), None)
    people: list[list[str]] = [[]]
    prev = None
    for tok in tokens:
        c = _case(tok)
        if c == first and prev is not None and prev != first:
            # Particles just before the new person are theirs: 'Michel de LA FONTAINE Jean'.
            k = len(people[-1])
            while k > 1 and _case(people[-1][k - 1]) is None:
                k -= 1
            people[-1], moved = people[-1][:k], people[-1][k:]
            people.append(moved)
        people[-1].append(tok)
        if c:
            prev = c
    return [p for p in people if p]


def take_name(text: str, backward: bool = False) -> tuple[Optional[str], int]:
    """The person named at the start (or end) of `text`, and how many characters it used.

    Stops at separators, lowercase words and a second person. Used for the holder after
    'pouvoir à' (forward) and the subject of 'quitte la salle' (backward).
    """
    matches = list(re.finditer(r"\S+", text))
    if backward:
        matches.reverse()
    run: list[re.Match] = []
    for m in matches:
        tok = m.group(0)
        bare = tok.strip(".,;:")
        # A parenthesis closes the name: 'X (suppléant de M. Y)' forward, '(X' backward.
        edge = bare.endswith(")") if not backward else bare.startswith("(")
        bare = bare.strip("()")
        if not run and (_CIVILITY.fullmatch(tok + " ") or _SPECK.fullmatch(tok)):
            continue
        if _CIVILITY.fullmatch(tok + " ") or not bare or not _is_name_token(bare) or _ROLE.fullmatch(bare):
            break
        if backward and run and re.search(r"[,;:.]$", tok) and not re.fullmatch(r"[A-Z]\.", tok):
            break
        run.append(m)
        if edge or (not backward and re.search(r"[,;:]$", tok)):
            break
    if backward:
        run.reverse()
    toks = [m.group(0).strip(".,;:()") for m in run]
    groups = split_run(toks)
    if not groups:
        return None, 0
    chosen = groups[-1] if backward else groups[0]
    if not any(_case(t) for t in chosen):
        return None, 0
    if backward:
        start = run[len(toks) - len(chosen)].start()
    # No name ends with a particle: 'M. DUPONT dit que …' names DUPONT.
    while len(chosen) > 1 and chosen[-1].lower() in _PARTICLES:
        chosen = chosen[:-1]
    name = " ".join(chosen)
    if backward:
        return name, len(text) - start
    end = run[len(chosen) - 1].end()
    glued = re.match(r"\s+[-–—]\s+([A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’]+)(?=\s*(?:[,;.]|\s[-–—]\s|$))", text[end:])
    if glued and chosen[-1].isupper():
        return f"{name}-{glued.group(1)}", end + glued.end()
    # 'PETIT – JEAN Sophie' ('NOM Prénom'): a surname alone, a spaced dash, then capitals and a
    # first name: one compound surname, not two people.
    glued = re.match(r"\s+[-–—]\s+([A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’]+)\s+([A-ZÀ-ÝŒŸ][a-zà-ÿœ][\w'’-]*)\b", text[end:])
    if glued and all(t.isupper() and len(t) > 1 for t in chosen):
        return f"{name}-{glued.group(1)} {glued.group(2)}", end + glued.end()
    return name, end


# Debris OCR reads before a name: a rule as '|', a lone capital with no period ('à N Monsieur X'),
# a lone dot, comma or underscore at a line's start ('(suppléant de' / '. Philippe FONTAINE)'), a
# mark glued to a letter or two ('donne pouvoir à Monsieur Ir! Jean'): no name holds a '!'.
_SPECK = re.compile(r"[A-Za-zÀ-ÿ]{0,2}[|!¦]+|[A-ZÀ-ÝŒŸ]|[.·,_]")
