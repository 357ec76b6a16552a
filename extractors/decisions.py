"""What the assembly decided: one Decision per decided item, with its verb and amount.

French deliberations print the operative part in a few ways, tried in this order:
1. the operative text proper: a "DÉCIDE :" / "ARRÊTE" block of bullets or "Article N" items,
   what follows "Après en avoir délibéré, …" (bullets, "Emet un avis …", "accepte de …"), and
   decision verbs in capitals anywhere ("le Conseil Municipal ACCEPTE …", "DIT que …");
2. in minutes without an operative part, the proposal put to the vote: "il est proposé (au
   conseil) de <verbe> …", "le Maire propose … :" followed by a list of infinitives, "propose
   que la commune <verbe> …";
3. a council subject with a verb in prose ("Le conseil municipal autorise le Maire …",
   "Les membres du conseil acceptent").
"DÉCIDE de <verbe>" is read as the verb it introduces ("DÉCIDE d'adopter" -> adopter).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from pipeline.model import Decision, DeliberationText, Evidence, Line, clean_text

from .amounts import single_amount
from .decision_lines import beside_side_box, body_left, ends_sentence, join_hyphenated, paragraph_break
from .nlp import finite_verb, first_verb_lemma, infinitive, known_verb

EXTRACTOR = "decisions"

# Leading list marks: dashes, bullets, arrows, Wingdings private-use glyphs (\uf0d8, \uf0b7 …).
# "(cid:127)" is how pdfplumber prints a bullet glyph its font does not map to Unicode.
# OCR may print a speck before the mark (": — DE FIXER …").
_BULLET = re.compile(r"^(?:[:;,.'’`]\s*(?=[-–—•·▪►▸➢➤→⇒>*+»■□◆◇❖✓✔◦_~]))?(?:[-–—•·▪►▸➢➤→⇒>*+»■□◆◇❖✓✔◦o_~]|[\uf000-\uf8ff]|[\u2022\u25a0-\u25ff]|\(cid:\d+\)\s*)+(?=[\s\w'’])\s*")
# What OCR makes of arrow/check/square glyphs in front of an item ("Y_", "*”_", "Ÿ_", "e", "="
# for "■", "#", "|"; "#s" when a speck beside the glyph reads as a letter; a lone "s", "©" or
# "°" for a round bullet): only dropped when a decision verb follows.
_OCR_BULLET = re.compile(r"^(?:[YŸyevs©°]|[*“”„«\"'’_~.,=#|][*“”„«\"'’_~=#|]*[a-z]?)(?:[*“”„«\"'’_~=]*)\s+|^[*“”„«\"'’_~=]+")
# "Article 1er" comes out of OCR as "Article ler" / "Article Ier"; "1°" in some registers.
_ARTICLE = re.compile(r"^(?:article|a[rt]t[il1]c[l1]e|art\.?)\s*(\d+|[1lI]\s*er|premier)\s*(?:er\b|°)?\s*[-–—:.)]*\s*", re.I)
# "DÉCIDE :" closing its line, possibly with the vote formula after it ("DÉCIDE à l'unanimité :",
# "DÉCIDE, par 15 voix pour et 2 abstentions,").
_VOTE_AFTER_MARK = r"(?:,?\s*(?:[àa]\s+l['’]\s*unanimit[ée]|par\s+[^:;]{0,80}?\b(?:voix|votants?|suffrages))[^:;]{0,80}?)?"
_DECIDE_MARK = re.compile(
    rf"(?:^|\s|,)(?:(?:D[ÉE]CIDE(?:NT)?|ARR[ÊE]TE(?:NT)?){_VOTE_AFTER_MARK}|"
    rf"(?:[Dd][ée]cide(?:nt)?|[Aa]rr[êe]te(?:nt)?){_VOTE_AFTER_MARK}\s*:)\s*[:,.]?\s*$")
_DELIBERE = re.compile(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée](?:\s+et\s+vot[ée])?", re.I)
_STOP = re.compile(
    r"^(?:ainsi\s+fait|fait\s+et\s+d[ée]lib[ée]r[ée]|fait\s+[àa]\s|pour\s+(?:copie|extrait)\s+conforme|"
    r"pour\s+information|votes?\b(?!\s+(?:les?|la|l['’]|des?|du|une?|au|aux|à\s+l['’]\s*unanimit[ée]\s+(?:les?|la|l['’]|des?|une?))\b)|la\s+s[ée]ance\s+est\s+lev[ée]e|s[ée]ance\s+lev[ée]e|questions\s+diverses|"
    r"le\s+maire\s*,?$|le\s+pr[ée]sident\s*,?$|d[ée]lib[ée]ration\s+adopt[ée]e|adopt[ée]e?s?\s+[àa]\s+l|"
    r"r[ée]sultat\s+du\s+(?:vote|scrutin)|l['’]ordre\s+du\s+jour\s+[ée]tant|mise?\s+aux\s+voix|"
    r"(?:la\s+)?proposition\s+(?:est\s+)?(?:adopt[ée]e|rejet[ée]e)|il\s+est\s+proc[ée]d[ée]\s+au\s+vote|"
    # the "not voting" part of a vote formula wrapped onto its own line ("Ne / prend pas part au vote")
    r"(?:ne\s+|n['’]\s*)?(?:prend|prennent|participe|participent|a|ont)\s+pas\s+(?:pris\s+|particip[ée]\s+)?(?:part\s+)?au[x]?\s+votes?)",
    re.I,
)
_SPEECH = re.compile(
    r"^(?:Monsieur|Madame|M\.|Mme|Mr|MM\.?)\s+(?:[\w'’.-]+\s+){1,3}(?:demande|indique|précise|répond|explique|"
    r"souhaite|siège|rappelle|informe|propose|fait|présente|quitte|signale|confirme|évoque|remercie|expose|"
    r"invite|donne|cède|acquiesce|questionne|poursuit|apporte|détaille|s['’]étonne|ajoute|intervient)\b"
)
_NOISE = re.compile(r"(?:\bpage\s+\d+\s*(?:/|sur)\s*\d+\b|^\d{1,3}$|^\d+\s*/\s*\d+$)", re.I)
_PRELUDE = re.compile(r"^(?:vu\b|consid[ée]rant|apr[èe]s\s+avoir\s+entendu|entendu\b|sur\s+(?:la\s+)?proposition)", re.I)
_CLITIC = r"(?:(?:lui|leur|les|le|la|se|y|en)\s+|[ls]['’]\s*)?"
# "d'", with OCR's doubled apostrophe ("D’'APPROUVER") or a space ("d' admettre").
_DE = r"(?:d['’]+\s*|de\s+)"
# "de ne pas renouveler": the verb decided is the one negated
_NEG = r"(?:ne\s+(?:pas|plus|point)\s+|n['’]\s*(?:pas|plus)\s+)?"
_DE_INF = re.compile(rf"^(?:et\s+)?{_DE}{_NEG}{_CLITIC}([^\W\d_][\w'’-]*)", re.I)
_BARE = re.compile(r"^(?:(?:s['’]|se\s+))?([^\W\d_][\w-]*)", re.I)
# The council as the sentence's subject, not as the one a proposal is put to ("il est proposé à
# la Commission permanente de prendre acte …") nor an agent or complement ("par le conseil").
_SUBJECT = re.compile(
    r"(?<!\b[àÀ]\s)(?<!\bpar\s)\b(?:le|la|les|l['’])\s*(?:conseil|membres|assembl[ée]e|comit[ée]|bureau|commission\s+permanente|"
    r"(?<=\bles\s)(?:[ée]lu(?:e?s)|conseill(?:ers|[eè]res)(?:\s+municipa(?:ux|les))?)(?=\s*,|\s+(?:pr[ée]sents\s+)?[^\W\d_]+(?:ent|ont)\b))\b"
    # "Le CM approuve …": the council's initials in the notes of small communes
    r"|(?<!\b[àÀ]\s)(?<!\bpar\s)\b[Ll]e\s+(?-i:CM\b|C\.\s?M\.)", re.I
)
_STATE_WORDS = {"a", "ont", "est", "sont", "sera", "seront", "doit", "doivent", "peut", "peuvent", "avait",
                "était", "étaient", "avaient", "aurait", "va", "vont", "s'est", "se"}
# "Il est proposé", also as OCR prints it at a line's start: "Il'est", "ll est", "1 est", "I1 est",
# "H est" (the two strokes of "Il" read as one letter), "If est", "Ïl est"; a speck above "est"
# read as a mark or an accented capital glued to it ("Il Èest proposé").
_EST = r"[^\sa-z]?est"
_PROPOSE = re.compile(
    rf"\b(?:il\s+(?:vous\s+|leur\s+|lui\s+)?{_EST}\s+propos[ée]e?s?|propose(?:nt)?|proposons)\b"
    rf"|^\W{{0,2}}(?:[IiLl1|ÏÎ][IiLl1|f]?|H)['’]?\s*(?:vous\s+|leur\s+|lui\s+)?{_EST}\s+propos[ée]e?s?\b",
    re.I,
)
_QUE_SUBJECT = re.compile(r"\bque\s+(?:la|le|les|l['’])\s*[\w-]+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TRANSPARENT = {"décider"}  # "DÉCIDE de verser" decides to pay: the verb is "verser"


@dataclass
class _Item:
    verb: Optional[str]
    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    article: bool = False
    closed: bool = False  # a sentence that ended: later plain lines do not belong to it
    prose: bool = False  # decided in running prose, where the sentence's end ends the item

    @property
    def text(self) -> str:
        return clean_text(" ".join(self.parts))


# --------------------------------------------------------------------------- verbs in a line
# Numbered items of a list ("1. d'approuver …", "2) de solliciter …", "a) …").
_NUMBERED = re.compile(r"^(?:\d{1,2}\s?(?:°\)?|[.)-])|[a-h]\)|[IVX]{1,4}[.)])\s+(?=\D)")


def _strip_bullet(text: str, prev: Optional[Line] = None) -> tuple[str, bool]:
    """The text without its list mark, and whether a bullet (not a number) marked it: a number
    ("2) Il propose …") also heads new paragraphs, so it does not tie a line to the item above.
    A "»" opening the line after one that opened a quotation closes it, wrapped over the line end
    ("… « allée des Érables" / "» et de charger …"): no bullet."""
    if prev is not None and text.startswith("»") and prev.text.count("«") > prev.text.count("»"):
        return text, False
    m = _NUMBERED.match(text)
    if m:
        return text[m.end():], False
    m = _BULLET.match(text)
    if m:
        return text[m.end():], True
    return text, False


def _next_word_ok(rest: str) -> bool:
    """A verb of decision is followed by its complement, not by a colon ("Vote : …"), nor by the
    "pas" of a negation whose "ne" ended the line above ("… – Ne / prend pas part au vote : 1")."""
    rest = rest.lstrip()
    return not rest.startswith("=") and not re.match(r"^(?:\d|pas\b|point\b)", rest, re.I)


def _noun_use(word: str, rest: str) -> bool:
    """"Vote : unanimité", "Charge : …": a noun that heads a field, not a verb."""
    return rest.lstrip().startswith(":") and word.lower() in ("vote", "votes", "charge", "charges", "acte", "note")


def _resolve(verb: str, rest: str) -> str:
    """DÉCIDE de/d' <infinitif> -> that infinitive."""
    if verb in _TRANSPARENT:
        m = re.match(rf"^\s*,?[^.;:]{{0,100}}?\b{_DE}{_NEG}{_CLITIC}([^\W\d_][\w'’-]*)", rest, re.I)
        if m:
            inner = infinitive(m.group(1))
            if inner:
                return inner
        # OCR may lose the "de" ("DÉCIDE fixer le montant …"): an infinitive right after the verb
        # is still the one decided (only a word spelled as an infinitive: "décide la création").
        m = re.match(r"^\s*([^\W\d_][\w-]*)", rest)
        if m and infinitive(m.group(1)) == m.group(1).lower():
            return m.group(1).lower()
    return verb


def _verb_at_start(text: str, *, lower_ok: bool, bare_infinitive: bool, ocr_marks: bool = True) -> Optional[str]:
    """The decision verb an item line opens with, or None.

    lower_ok: accept a lowercase conjugated verb (inside an operative block);
    bare_infinitive: accept "valider le projet" (in a list of proposals).
    """
    for candidate in (_candidates(text) if ocr_marks else [text.strip()]):
        m = _DE_INF.match(candidate)
        if m:
            inf = infinitive(m.group(1))
            if inf:
                return _resolve(inf, candidate[m.end():])
        m = _BARE.match(candidate)
        if not m:
            continue
        word = m.group(1)
        fin = finite_verb(word)
        if fin and (lower_ok or word[0].isupper()) and _next_word_ok(candidate[m.end():]) and not _noun_use(word, candidate[m.end():]):
            return _resolve(fin, candidate[m.end():])
        if bare_infinitive and (lower_ok or word[0].isupper() or candidate.startswith(("s'", "s’"))):
            inf = infinitive(word)
            # a name in capitals that ends like a verb ("CHEVALIER)") is not a proposal
            if inf and (not word.isupper() or known_verb(word)):
                return inf
    return None


def _candidates(text: str) -> list[str]:
    text = text.strip()
    out = [text]
    m = _OCR_BULLET.match(text)
    if m and m.end() < len(text):
        out.append(text[m.end():].lstrip())
    return out


def _caps_verb_in_line(text: str) -> Optional[tuple[int, str]]:
    """A decision verb in capitals inside a line ("…, le Conseil Municipal ACCEPTE la …")."""
    for m in _WORD.finditer(text):
        word = m.group(0)
        if len(word) < 3 or not word.isupper():
            continue
        fin = finite_verb(word)
        if not fin or not _next_word_ok(text[m.end():]):
            continue
        rest = text[m.end():].strip()
        if rest and rest.split()[0].isupper() and len(rest.split()[0]) > 3 and fin not in ("prendre",):
            continue  # a line in capitals (a heading), not a verb followed by its object
        return m.start(), _resolve(fin, text[m.end():])
    return None


def _subject_verb(text: str) -> Optional[tuple[int, str, bool]]:
    """'Le conseil municipal, …, autorise le Maire …' -> (offset, 'autoriser', has_object).

    Asides in brackets ("(le Maire ne prenant pas part au vote)") are not read; a word after an
    article is a noun ("au vote"); "se prononce" is read as its verb; a compound past ("a
    décidé de …", "ont approuvé …") is read when the council opens the clause and the vote is
    told beside it, as in minutes written after the session."""
    masked = _mask_brackets(text)
    for sm in _SUBJECT.finditer(masked):
        pos = sm.end()
        words = list(_WORD.finditer(masked, pos))
        for n, m in enumerate(words):
            if n > 14 or re.search(r"[.;]", masked[pos:m.start()]):
                break
            word = m.group(0)
            low = word.lower()
            if low in ("a", "ont") and n + 1 < len(words) and _clause_start(masked, sm.start()) \
                    and _VOTED.search(masked):
                part = _participle(words[n + 1].group(0))
                if part:
                    end = words[n + 1].end()
                    return words[n + 1].start(), _resolve(part, text[end:]), bool(text[end:].strip(" ,.;"))
            if low == "se" and n + 1 < len(words):
                m = words[n + 1]
                word = m.group(0)
            elif low in _STATE_WORDS:
                break
            if _after_article(masked, m.start()):
                continue
            fin = finite_verb(word)
            if fin and _next_word_ok(masked[m.end():]):
                rest = text[m.end():].strip(" ,.;")
                return m.start(), _resolve(fin, text[m.end():]), bool(rest)
    return None


_ARTICLE_BEFORE = re.compile(r"\b(?:au|aux|du|des|un|une|son|sa|ses|leurs|ce|cet|cette|ces)\s+$|\bl['’]\s*$", re.I)
# "le", "la", "les", "leur" are also object pronouns before a verb ("les autorise", "leur accorde"):
# after them only the words councils use as nouns are nouns.
_CLITIC_OR_ARTICLE = re.compile(r"\b(?:le|la|les|leur)\s+$", re.I)
_NOUN_FORMS = {"vote", "votes", "charge", "charges", "demande", "demandes", "note", "notes", "acte", "actes",
               "offre", "offres", "reste", "place", "report", "verse"}


def _after_article(text: str, start: int) -> bool:
    """"au vote", "le vote", "son accord": a word after an article or a possessive is a noun."""
    before = text[max(0, start - 8):start]
    if _ARTICLE_BEFORE.search(before):
        return True
    word = _WORD.match(text, start)
    return bool(_CLITIC_OR_ARTICLE.search(before)) and word is not None and word.group(0).lower() in _NOUN_FORMS


def _noun_after_line(prev: Optional[Line], text: str) -> bool:
    """A line's first word is a noun when the line above ends on its article ("… les frais de
    notaire sont à la" / "charge de la collectivité.")."""
    if prev is None:
        return False
    before = clean_text(prev.text) + " "
    return _after_article(before + text, len(before))


# A compound past tells what the council did in this session only beside its vote ("a approuvé à
# l'unanimité"); alone it recalls an earlier act ("Le comité syndical a approuvé ses statuts").
_VOTED = re.compile(r"unanimit[ée]|\bvoix\b|majorit[ée]|apr[èe]s\s+(?:en\s+avoir\s+)?d[ée]lib[ée]r", re.I)


def _clause_start(text: str, start: int) -> bool:
    """The council opens its clause ("Après délibération, le conseil …"), it is not the subject of
    a relative or subordinate one ("Vu la délibération par laquelle le conseil a approuvé …")."""
    before = text[:start].rstrip()
    return not before or before.endswith((",", ";", ":")) or bool(
        re.search(r"(?:d[ée]lib[ée]r[ée]|d[ée]lib[ée]ration|unanimit[ée])$", before, re.I))


def _participle(word: str) -> Optional[str]:
    """The verb of a past participle of the table ("décidé", "approuvé", "pris") or None."""
    if not re.search(r"(?:é|ée|és|ées|is|ise|u|ue|t)$", word.lower()) or finite_verb(word):
        return None
    return known_verb(word)


# --------------------------------------------------------------------------- tier 1
def _operative_items(lines: list[Line]) -> list[_Item]:
    items: list[_Item] = []
    inside = False
    current: Optional[_Item] = None
    prev: Optional[Line] = None
    pending: Optional[tuple[list[Line], str]] = None

    def start(verb: str, line: Line, text: str, article: bool = False, prose: bool = False) -> _Item:
        item = _Item(verb, [line], [text], article, prose=prose, closed=prose and ends_sentence(text))
        items.append(item)
        return item

    for line in lines:
        text = clean_text(line.text)
        if not text or _NOISE.search(text):
            continue
        if inside and (_STOP.match(text) or _SPEECH.match(text)) and not _formula_goes_on(pending, text):
            inside, current, pending = False, None, None
            prev = line
            continue
        body, bulleted = _strip_bullet(text, prev)
        art = _ARTICLE.match(body)
        if _DECIDE_MARK.search(text) and not art:
            inside, current, pending = True, None, None
            prev = line
            continue
        delib = _DELIBERE.search(text)
        if delib:
            inside, current, pending = True, None, None
            rest = text[delib.end():]
            found = _inline_verb(rest, lower_ok=True) or _verb_after_formula(rest)
            if found:
                offset, verb = found
                current = start(verb, line, rest[offset:], prose=True)
            elif not _DECIDE_MARK.search(rest) and not ends_sentence(rest) and not _announces(rest):
                pending = ([line], rest)
            prev = line
            continue
        if pending is not None and not art and (not bulleted or _VOTE_TAIL.match(body)) and not _PRELUDE.match(text) \
                and not _verb_at_start(body, lower_ok=False, bare_infinitive=False):
            # The vote formula ran over the line ("… par 14 voix pour et 17 voix / contre,
            # approuve …"): the verb is read in the sentence the lines make together.
            plines, ptext = pending[0] + [line], pending[1] + " " + text
            pending = None
            if _DECIDE_MARK.search(text):
                prev = line
                continue
            found = _verb_after_formula(ptext)
            if found:
                offset, verb = found
                current = start(verb, line, ptext[offset:], prose=True)
                current.lines = plines
            elif len(plines) < 4 and not ends_sentence(text) and not text.endswith(":"):
                pending = (plines, ptext)
            prev = line
            continue
        pending = None
        if art and (inside or (items and items[-1].article) or _opens_articles(art, body)):
            # A wide gap after an article's wrapped line (OCR spacing) does not end the articles.
            inside = True
            current = start(None, line, body, article=True)
            prev = line
            continue
        # "Le Conseil Municipal, à l'unanimité, / - émet un avis … / - autorise …": the council
        # named just above a list of bullets is their subject
        listed = bulleted and prev is not None and _council_opens_list(prev)
        verb = _verb_at_start(body, lower_ok=inside or listed, bare_infinitive=False)
        if verb and not bulleted and _noun_after_line(prev, body):
            verb = None
        if verb and (inside or bulleted or _upper_first(body)):
            inside = True
            current = start(verb, line, _drop_ocr_bullet(body))
            prev = line
            continue
        found = _inline_verb(text, lower_ok=inside)
        if found and found[0] == 0 and _noun_after_line(prev, text):
            found = None
        if found and (current is None or not current.article):
            offset, verb = found
            inside = True
            current = start(verb, line, text[offset:], prose=True)
            prev = line
            continue
        if inside and current is not None:
            if (paragraph_break(prev, line) and not bulleted) or _PRELUDE.match(text) or current.closed:
                inside, current = False, None
            else:
                current.lines.append(line)
                current.parts.append(text)
                current.closed = current.prose and ends_sentence(text)
        prev = line
    return items


def _announces(rest: str) -> bool:
    """"après en avoir délibéré :" announces the decisions below; a colon inside the vote formula's
    open bracket ("(Pour : 33 - Contre : 1 - Abstention :" wrapping before its figure) does not."""
    return _mask_brackets(rest).rstrip().endswith(":")


def _formula_goes_on(pending: Optional[tuple[list[Line], str]], text: str) -> bool:
    """The end of a vote formula wrapped onto its own line, with the decision after it ("… (le
    Maire ne prenant pas part au / vote), approuve …"), does not end the decided part as the
    same words do in a line of their own after the decisions ("Ne prend pas part au vote : 1")."""
    if pending is None:
        return False
    found = _verb_after_formula(pending[1] + " " + text)
    return found is not None and found[0] > len(pending[1])


# The rest of a vote formula wrapped onto a line that opens with a dash:
# "… ZÉRO voix CONTRE / – UNE ABSTENTION, admet …".
_VOTE_TAIL = re.compile(r"^(?:[\w-]+\s+)?(?:voix|abstentions?|contre|pour|bulletins?|votes?)\b", re.I)


def _council_opens_list(line: Line) -> bool:
    text = clean_text(line.text)
    return bool(_SUBJECT.search(text)) and text.endswith((",", ":")) and _subject_verb(text) is None


def _opens_articles(art: re.Match, body: str) -> bool:
    """"Article 1er : Approuve …" with no "DÉCIDE :" above it still opens the operative articles."""
    return bool(re.fullmatch(r"1|[1lI]\s*er|premier", art.group(1), re.I)) and _article_verb(body) is not None


def _upper_first(body: str) -> bool:
    m = _WORD.match(_candidates(body)[-1])
    return bool(m) and m.group(0).isupper() and len(m.group(0)) >= 2


def _drop_ocr_bullet(body: str) -> str:
    cands = _candidates(body)
    for c in cands:
        if _verb_at_start(c, lower_ok=True, bare_infinitive=True, ocr_marks=False):
            return c
    return body


# "Il est décidé, à l'unanimité, de renouveler …": the decision without the council as subject.
_IMPERSONAL = re.compile(r"\bil\s+(?:est|a\s+[ée]t[ée])\s+(?:donc\s+)?(?:d[ée]cid[ée]|convenu)\b", re.I)


def _impersonal_decision(text: str) -> Optional[tuple[int, str]]:
    m = _IMPERSONAL.search(text)
    return (m.start(), _resolve("décider", text[m.end():])) if m else None


def _inline_verb(text: str, *, lower_ok: bool) -> Optional[tuple[int, str]]:
    """A verb of decision inside a line: in capitals, or after the council as subject, or
    (inside an operative block) lowercase right after the vote formula."""
    caps = _caps_verb_in_line(text)
    subj = _subject_verb(text) if lower_ok else None
    hits = [h for h in (caps, subj[:2] if subj else None, _impersonal_decision(text)) if h]
    if lower_ok and not hits:
        m = re.match(r"^[\s,]*(?:(?:le|la|les)\s+[^,]{0,60},)?(?:[^,]{0,80}(?:unanimit[ée]|voix|abstentions?|membres\s+pr[ée]sents?[^,]*)\s*,)?\s*", text, re.I)
        rest = text[m.end():] if m else text
        wm = _WORD.match(rest)
        if wm:
            fin = finite_verb(wm.group(0))
            if fin and _next_word_ok(rest[wm.end():]):
                hits.append((m.end() if m else 0, _resolve(fin, rest[wm.end():])))
    return min(hits) if hits else None


def _mask_brackets(text: str) -> str:
    """Parenthesized asides ("(Mme NICOLAS)", "(Pour : 22 – Contre : 1 (M. X))") blanked out,
    offsets kept; an unclosed "(" blanks to the end of the text."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        out.append(" " if depth else ch)
        if ch == ")" and depth:
            depth -= 1
        elif ch == ")":
            out[-1] = " "
    return "".join(out)


def _verb_after_formula(text: str) -> Optional[tuple[int, str]]:
    """The first verb of decision in a sentence that opens with the vote formula
    ("à l'unanimité des membres présents et représentés, accepte …", "par 22 voix pour,
    1 voix contre (Mme X), fixe …"). Words of the formula are never finite verbs of the table."""
    masked = _mask_brackets(text)
    end = re.search(r"[.;](?:\s|$)", masked)
    limit = end.start() if end else len(masked)
    for n, m in enumerate(_WORD.finditer(masked, 0, limit)):
        if n > 40:
            break
        fin = finite_verb(m.group(0))
        if fin and _next_word_ok(masked[m.end():]) and not _noun_use(m.group(0), masked[m.end():]) \
                and not _after_article(masked, m.start()):
            return m.start(), _resolve(fin, text[m.end():])
    return None


# --------------------------------------------------------------------------- tier 2 and 3
def _proposal_groups(lines: list[Line]) -> list[list[_Item]]:
    """Each "il est proposé … de <verbe>" passage with the items it proposes."""
    groups: list[list[_Item]] = []
    group: Optional[list[_Item]] = None
    current: Optional[_Item] = None
    prev: Optional[Line] = None
    for line in lines:
        text = clean_text(line.text)
        if not text or _NOISE.search(text):
            continue
        if group is not None and (_STOP.match(text) or _SPEECH.match(text) and not _PROPOSE.search(text)):
            group, current = None, None
            prev = line
            continue
        pm = _PROPOSE.search(text)
        if pm:
            group, current = [], None
            groups.append(group)
            after = text[pm.end():]
            found = _proposed_verb(after)
            if found:
                offset, verb = found
                current = _Item(verb, [line], [after[offset:]])
                group.append(current)
                if ends_sentence(text):
                    current.closed = True
            prev = line
            continue
        if group is not None:
            body, bulleted = _strip_bullet(text, prev)
            verb = _verb_at_start(body, lower_ok=True, bare_infinitive=True)
            if verb and not (current is not None and current.closed is False and not bulleted and _continues(current, body)):
                current = _Item(verb, [line], [_drop_ocr_bullet(body)])
                group.append(current)
            elif current is not None and not current.closed and (not paragraph_break(prev, line) or _announces_list(current)):
                current.lines.append(line)
                current.parts.append(text)
                if ends_sentence(text):
                    current.closed = True
            elif current is not None and bulleted:
                current.lines.append(line)
                current.parts.append(text)
            elif current is not None and paragraph_break(prev, line):
                current.closed = True
        prev = line
    return [g for g in groups if g]


def _announces_list(item: _Item) -> bool:
    """"… comme suit :" — the lines below (a table of sums, set apart) belong to the item."""
    return bool(item.parts) and item.parts[-1].rstrip().endswith(":")


def _continues(item: _Item, body: str) -> bool:
    """A wrapped line that happens to open with a verb-like word ("signer tous les documents …")
    continues an item whose last line ended mid-phrase with "et"/"à"/"de"."""
    last = item.parts[-1].rstrip() if item.parts else ""
    return bool(re.search(r"\b(?:et|à|de|d['’]|pour|afin|ou)$", last, re.I))


def _proposed_verb(after: str) -> Optional[tuple[int, str]]:
    """The first verb proposed in the sentence: "… de <infinitif>" or "… que la commune <verbe>"."""
    end = re.search(r"[.;]\s", after + " ")
    sentence = after[: end.start()] if end else after
    hits = []
    for m in re.finditer(rf"(?:^|\s){_DE}{_CLITIC}([^\W\d_][\w'’-]*)", sentence, re.I):
        inf = infinitive(m.group(1))
        if inf:
            hits.append((m.start(), inf))
            break
    for q in _QUE_SUBJECT.finditer(sentence):
        words = list(_WORD.finditer(sentence, q.end()))[:2]
        for w in words:
            fin = finite_verb(w.group(0))
            if fin:
                hits.append((w.start(), fin))
                break
        if len(hits) > 1 or (hits and hits[-1][0] >= q.start()):
            break
    return min(hits) if hits else None


def _prose_items(lines: list[Line]) -> list[tuple[_Item, bool]]:
    """Sentences with the council as subject; the sentence runs on over the next lines
    ("… le conseil municipal, à l'unanimité, décide / d'adhérer au groupement …")."""
    out: list[tuple[_Item, bool]] = []
    current: Optional[_Item] = None
    prev: Optional[Line] = None
    opening: Optional[tuple[list[Line], str]] = None  # the council named, its verb not yet read
    for line in lines:
        text = clean_text(line.text)
        own, joined = [line], text
        if opening is not None and text and not paragraph_break(prev, line):
            own, joined = opening[0] + [line], opening[1] + " " + text
        opening = None
        sv = _subject_verb(joined)
        if sv and len(own) > 1 and sv[0] <= len(joined) - len(text) - 1:
            sv = None  # read in the line above already
        if sv:
            offset, verb, has_object = sv
            current = _Item(verb, own, [joined[offset:]], prose=True, closed=ends_sentence(text))
            out.append((current, has_object))
        elif current is not None and not current.closed and len(current.lines) < 6 and text \
                and not paragraph_break(prev, line) and not _STOP.match(text) and not _PRELUDE.match(text):
            current.lines.append(line)
            current.parts.append(text)
            current.closed = ends_sentence(text)
        else:
            current = None
            if _SUBJECT.search(joined) and len(own) < 3 and not ends_sentence(text) and not text.endswith(":") \
                    and not _PRELUDE.match(joined) and not _STOP.match(text):
                opening = (own, joined)
        prev = line
    # a verb whose object is on the next line has one
    return [(it, has_object or len(it.lines) > 1) for it, has_object in out]


# --------------------------------------------------------------------------- assembly
def _split_inline(item: _Item) -> list[_Item]:
    """"ACCEPTE ces modalités … et charge le Maire d'émettre …" holds two decisions."""
    if item.article:
        return [item]
    text = item.text
    masked = _mask_brackets(text)
    cuts = []
    # OCR may leave a stray mark between the link and the verb ("… et E émet un avis").
    for m in re.finditer(r"(?:,|\bet|\bET)\s+(?:[^\w\s]{1,2}\s+|[A-Z]\s+(?=[a-zé]))?([^\W\d_]+)\b", masked):
        word = m.group(1)
        fin = finite_verb(word)
        if fin and _next_word_ok(text[m.end():]) and (word.isupper() or word.islower()):
            cuts.append((m.start(1), _resolve(fin, text[m.end():])))
    # "d'adopter le projet …, de solliciter une subvention … et d'autoriser le Maire …":
    # each "de <infinitif>" after a comma or "et" is one more decision.
    for m in re.finditer(rf"(?:,|\bet|\bET)\s+((?:d['’]+\s*|de\s+|DE\s+|D['’]+\s*){_CLITIC}([^\W\d_][\w'’-]*))", masked):
        inf = _listed_infinitive(m.group(2))
        if inf and item.verb is not None and _LIST_HEAD.match(text):
            cuts.append((m.start(1), _resolve(inf, text[m.end():])))
    cuts.sort()
    if not cuts:
        return [item]
    pieces, last, verb = [], 0, item.verb
    for pos, v in cuts:
        pieces.append(_Item(verb, item.lines, [text[last:pos].rstrip(" ,")]))
        last, verb = pos, v
    pieces.append(_Item(verb, item.lines, [text[last:]]))
    return pieces


# An item that is itself an infinitive ("d'adopter …", "DÉCIDE de créer …") heads a list of them;
# "charge le Maire de signer … et de transmettre …" is one charge with two complements.
_LIST_HEAD = re.compile(r"^\W*(?:(?:d[ée]cide(?:nt)?|D[ÉE]CIDE(?:NT)?)\s*,?\s+)?(?:d['’]\s*|de\s+)", re.I)


def _listed_infinitive(word: str) -> Optional[str]:
    """An infinitive of the decision table (or one spaCy reads as a verb), not a noun after "de"
    ("… et de services", "… et d'hiver")."""
    inf = infinitive(word)
    if inf and (known_verb(word) == inf or inf == word.lower()):
        return inf
    return None


def _article_verb(text: str) -> Optional[str]:
    """"Article 2 : Autorise le Maire à signer …" -> autoriser (the verb the article opens with,
    not the one it governs); "Article 3 - Le montant … est autorisé …" -> the sentence's verb."""
    m = _ARTICLE.match(text)
    rest = text[m.end():] if m else text
    return _verb_at_start(rest, lower_ok=True, bare_infinitive=True) or first_verb_lemma(rest)


def _decision_lines(d: DeliberationText) -> list[Line]:
    """The item's own lines without its heading, attendance and annexes."""
    excluded = set()
    for name in ("header", "attendance", "annexes"):
        excluded.update(id(l) for l in d.section(name))
    counts = {id(l) for l in d.section("counts")}
    boxed = counts | {id(l) for l in d.section("attendance")}
    body_x = body_left(d.lines)
    lines, prev = [], None
    for line in d.lines:
        if id(line) in counts and not _inside_sentence(prev) and not _decides(clean_text(line.text)):
            excluded.add(id(line))
        if id(line) in excluded and id(line) in boxed and prev is not None and not ends_sentence(clean_text(prev.text)):
            right = beside_side_box(line, body_x)
            if right is not None:  # the sentence goes on beside the box: its words are the item's
                lines.append(right)
                prev = right
                continue
        if id(line) not in excluded:
            lines.append(line)
        prev = line if id(line) not in excluded else None
    if lines and d.lines and lines[0] is d.lines[0] and "header" not in d.sections and len(d.lines) > 1:
        lines = lines[1:]  # the heading (subject) is never a decision
    return lines


def _decides(text: str) -> bool:
    """A line the layout files under the counts because it opens with the vote, yet whose sentence
    decides ("Le Conseil municipal, par 7 voix pour (…), fixe l'indemnité …", "Il est décidé à
    l'unanimité de maintenir …")."""
    delib = _DELIBERE.search(text)
    return bool(_subject_verb(text) or _impersonal_decision(text) or delib and _verb_after_formula(text[delib.end():]))


def _inside_sentence(prev: Optional[Line]) -> bool:
    """The vote formula printed inside the operative sentence ("après en avoir délibéré, (Pour : 15 -
    Contre : 3 (…) / … - Abstention : 1), approuve …"): the line the layout files under the counts
    continues a sentence of the decision that has not ended."""
    if prev is None:
        return False
    text = clean_text(prev.text)
    return bool(_DELIBERE.search(text) or _PROPOSE.search(text)) and not ends_sentence(text) \
        and not text.endswith(":")


def _fold_bare_decide(items: list[_Item]) -> list[_Item]:
    """"décide" at a line's end reads as the infinitive the sentence goes on with ("décide /
    d'adhérer …"); a bare "décide" followed by the items it introduces is not a decision itself."""
    out = []
    for i, item in enumerate(items):
        if item.verb == "décider" and not item.article:
            words = list(_WORD.finditer(item.text))
            head = next((w for w in words if finite_verb(w.group(0)) == "décider"), None)
            rest = item.text[head.end():] if head else ""
            item.verb = _resolve("décider", rest)
            if item.verb == "décider" and i + 1 < len(items) and not _WORD.search(_mask_formula(rest)):
                continue
        out.append(item)
    return out


def _mask_formula(text: str) -> str:
    """What is left of a text once the vote formula is taken out ("à l'unanimité", "par 12 voix …")."""
    return re.sub(r"(?:[àa]\s+l['’]\s*unanimit[ée]|par\s+.*)", " ", _mask_brackets(text), flags=re.I)


def extract_decisions(d: DeliberationText) -> list[Decision]:
    lines = join_hyphenated(_decision_lines(d))
    items = [p for it in _operative_items(lines) for p in _split_inline(it)]
    if not items:
        groups = _proposal_groups(lines)
        prose = _prose_items(lines)
        if groups:
            items = list(groups[-1]) + [it for it, has_object in prose if has_object]
        else:
            items = [it for it, _ in prose]
        items = [p for it in items for p in _split_inline(it)]
        order = {id(l): i for i, l in enumerate(lines)}
        items.sort(key=lambda it: order.get(id(it.lines[0]), 0))
    items = _fold_bare_decide(items)
    decisions = []
    for n, item in enumerate(items, start=1):
        text = item.text
        if item.article and item.verb is None:
            item.verb = _article_verb(text)
        decisions.append(Decision(
            position=n,
            verb=item.verb,
            text=text,
            amount_eur=single_amount(text),
            evidence=Evidence.of_lines(item.lines, EXTRACTOR, raw=text),
        ))
    return decisions
