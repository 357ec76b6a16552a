"""Line-level patterns of French deliberations: votes, decisions, visas, bullets, page furniture words."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable, Optional

from rapidfuzz.distance import Levenshtein

from ..model import Line


# --------------------------------------------------------------------------- text helpers
@functools.lru_cache(maxsize=1 << 16)  # every rule normalises the same lines again and again
def norm(text: str) -> str:
    """Lowercase, accents and typographic apostrophes removed, spaces collapsed: for matching."""
    t = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'").replace("`", "'"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t.lower()).strip()


# Bullets as printed (dashes, dots, Wingdings private-use glyphs) and as OCR reads them
# ("Y_", "*_", "e " for a round bullet, "> " for an arrow).
_BULLET = re.compile(r"^(?:[-–—•·*>»▪►✓✔➢❖□■◦○‣⁃}|]+|[\ue000-\uf8ff]+|[YŸyvV]?[“”\"]+_?(?=\s)|[YŸyvV][_”\"'*]+|[*+][_”\"']*|e(?=\s+[A-ZÉÈ]))\s*")


def strip_bullet(text: str) -> str:
    out = text.strip()
    for _ in range(2):
        new = _BULLET.sub("", out, count=1).strip()
        if new == out:
            break
        out = new
    return out


def is_bullet(text: str) -> bool:
    return strip_bullet(text) != text.strip()


def upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def is_synthetic(line: Line) -> bool:
    return bool(line.words) and line.words[0].fontname.startswith("Synthetic")


# --------------------------------------------------------------------------- line patterns
_VOTE_WORDS = re.compile(
    r"^\W*(?:vote|votes|vore|resultats? du vote|votants?)\b"
    r"|\b\d+\s+(?:votes?|voix)\b|\b\w+\s+voix\s+(?:pour|contre)\b|\b(?:voix|votes?)\s+(?:pour|contre)\b"
    r"|\b(?:pour|contre|abst?entions?|votants|suffrages exprimes|exprimes|bulletins[\w ]*)\s*:\s*[\w(]"
    r"|^\W*\d+\s+(?:contre|abst?entions?|pour)\b|\bne (?:prend|prennent) pas part au vote\s*:"
    r"|nombre de (?:bulletins|votants|suffrages)|suffrages exprimes|bulletins (?:blancs|nuls)"
    r"|\bunanimite\b")
_UNANIMITY = re.compile(r"\bunanimite\b")
VOTE_EVIDENCE = re.compile(
    r"\bvotes?\s*:|\bvote\b[^.]*\b(?:unanim|pour|contre)|\b\d+\s+(?:voix|votes?)\b|\b\w+\s+voix\s+(?:pour|contre)"
    r"|\bunanimite|\bpour\s*:\s*\d|\bcontre\s*:\s*\d|\babst?entions?\s*:?\s*\d|\b\d+\s+abst?entions?"
    r"|apres (?:en )?avoir (?:en )?delibere|apres deliberation|suffrages exprimes|\bbulletins?\b|\bscrutin\b"
    r"|\badoptee?s?\s+(?:a l'unanimite|par)|procede au vote|passe au vote")
# The result of a vote stated on its own line ("La délibération est rejetée.", "Adopté."), on
# normalised text.
RESULT_LINE = re.compile(r"^(?:la |le )?(?:deliberation |proposition |projet |motion )?(?:est |a ete )?"
                         r"(?:adopte|rejete|approuve)e?s?\b")
_DECIDE_CAPS = re.compile(r"\bD[ÉE]CIDE(?:NT)?\b|\bARR[ÊE]TE(?:NT)?\b|\bD[ÉE]LIB[ÈE]RE(?:NT)?\b")
_DELIBERE = re.compile(r"apres (?:en )?avoir (?:en )?delibere|apres deliberation|\ben a delibere\b")
ARTICLE = re.compile(r"^\W*(?:article|atticle|artlcle|art\.)\s*(?:\d+|premier|1er|[il]{1,3})\b", re.I)
_PROPOSAL = re.compile(
    r"\bil (?:est|vous est) (?:donc )?propose\b[^.]*\b(?:de|d'|que)\b"
    r"|\bpropose\w*\s+(?:au|aux|a l'assemblee|a l'ensemble|a vote)\b[^.]*(?:\bd[e']|:\s*$|\bde\s*,?\s*$)"
    r"|\bpropose\w*\s+(?:au|aux)\b[^.]*\b(?:conseil|membres)\b\s*(?:de\b|d'|:|,|$)")
_COUNCIL_VERB = re.compile(
    r"^\W*(?:le|la|les membres du) (?:conseil|assemblee|comite|bureau)\b[^.]{0,60}?\b"
    r"(?:approuve|autorise|accepte|acceptent|approuvent|decide|designe|adopte|valide|emet|fixe|attribue|charge|prend acte"
    r"|donne|refuse|rejette|elit|arrete|sollicite|retient)\b")
# Stems of the verbs that open a decided article ("APPROUVE", "Autorise", "D'ACCEPTER" …).
_VERB_STEMS = (
    "approuv", "autoris", "accept", "charg", "dit", "disent", "precis", "design", "prend", "prennent", "adopt",
    "valid", "emet", "emett", "fix", "attribu", "sollicit", "retien", "enterin", "donn", "confirm", "demand",
    "refus", "rejet", "abrog", "cree", "creer", "supprim", "vot", "arret", "deleg", "opt", "mandat", "engag",
    "inscri", "decid", "affect", "allou", "octroi", "renouvel", "modifi", "instaur", "institu", "elit", "proclam",
    "nomm", "acquier", "acquer", "cede", "ceder", "vend", "sign", "appliqu", "maintien", "recondu", "annul",
    "agre", "prevoi", "prescri", "consent", "garant", "vers", "retir", "transf", "rembours", "habilit", "acte",
)
INFINITIVE = re.compile(r"^(?:et\s+)?(?:de |d'|d’|s'|s’)?[a-zà-ÿœ]+(?:er|ir|re)\b", re.I)
DISCUSSION = re.compile(r"^(?:m\.|mme|mmes|mr|mfr|mm\.?|monsieur|madame|mademoiselle)\s", re.I)
VISA = re.compile(r"^(?:vu|vus)\b|^(?:considerant|attendu)\b|^sur (?:la )?proposition\b|^sur le rapport\b"
                   r"|^(?:entendu|oui|ou[iï]?) l'expose\b|^apres avoir entendu\b")
ANNEX = re.compile(r"^annexes?\b(?!\s+(?:a|au|de)\s+la\s+presente)")
CLOSING = re.compile(
    r"l'ordre du jour (?:etant|est) (?:epuise|termine|clos)|plus rien n'etant a l'ordre du jour"
    r"|\bseance (?:est )?(?:levee|close)\b|\bfin de (?:la )?seance\b|\bleve la seance\b")
RECAP_TITLE = re.compile(
    r"^(?:liste des |recapitulatif des |recap\w* des |tableau des )?deliberations?"
    r"(?: prises| adoptees| de la seance| examinees)?\s*:?$")
ATTENDANCE_EVENT = re.compile(
    r"quitte (?:la salle|la seance|l'assemblee|la reunion)|se retire|sort de la salle|sortie de la salle"
    r"|(?:arrive|arrivee|rejoint)\b[^.]{0,40}\b(?:seance|salle|\d+\s*h)|siege a nouveau|reintegre|regagne la"
    r"|revient (?:en|dans la) (?:salle|seance)|ne (?:prend|prennent|participe|participent) pas (?:part )?(?:au|aux|a la)"
    r"|n'(?:a|ont) pas (?:pris|participe)|^\W*(?:presents?|absents?(?: excuses?)?|excuses?|pouvoirs?|procurations?)\s*:")
EXTRACT_MARK = re.compile(r"extrait d[ue]s? (?:registre|proces[- ]verbal)|\bextrait de (?:la )?deliberation")
MINUTES_MARK = re.compile(r"proces[- ]verbal|compte[- ]rendu|\bordre du jour\b|\bcr du conseil|\bpv\b")
# The stamp as a running footer words it: "Acte transmis en préfecture le … – publié le …".
STAMP = re.compile(
    r"^(?:envoye|recu|publie|affiche)\w*\s+(?:en (?:prefecture|sous-prefecture)\s+)?le\b|^publie le$"
    r"|^acte (?:transmis|envoye|recu) (?:en|a la) (?:sous-)?prefecture\b"
    r"|prefecture d[ue]\b|^bureau du courrier$|accuse de reception")
PAGE_NO = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,3}\s*[-–]?\s*(?:(?:/|sur)\s*\d{1,3})?$")
PAGE_FOOTER = re.compile(r"\bpage\s*\d{1,3}\s*(?:/|sur)\s*\d{1,3}\s*$")


# The "Objet :" label as printed or as a scan reads it, one letter added, dropped or changed
# ("Obijet :", "0bjet :", "Objel :", "OBJFT :"): no ordinary word of 4 to 6 letters sits that
# close to "objet" before a colon ("sujet", "rejet" are two edits away).
_OBJET_LIKE = re.compile(r"^(?P<label>[^\W_]{4,6})\s*:\s*(?P<title>.*)$", re.S)


def objet_label(text: str) -> Optional[re.Match]:
    """The "Objet :" label opening `text` (group "title": what follows it), or None."""
    m = _OBJET_LIKE.match(text)
    if m is None:
        return None
    label = norm(m.group("label")).replace("0", "o")
    return m if label == "objet" or Levenshtein.distance(label, "objet") <= 1 else None


class _ObjetPattern:
    """OBJET_RE.match(text) with the tolerance of objet_label, for callers written for a regex."""

    @staticmethod
    def match(text: str) -> Optional[re.Match]:
        return objet_label(text)


OBJET_RE = _ObjetPattern()


def is_count_line(text: str) -> bool:
    n = norm(text)
    if not _VOTE_WORDS.search(n):
        return False
    if _UNANIMITY.search(n) and not re.search(r"\d|vote|voix|pour|contre|abst", n):
        return len(n.split()) <= 8
    return len(n.split()) <= 30


def has_vote(lines: Iterable[Line]) -> bool:
    for line in lines:
        if VOTE_EVIDENCE.search(norm(line.text)) or _DECIDE_CAPS.search(line.text):
            return True
        if re.match(r"^\W*(?:d[ée]cide|arr[êe]te)\b", strip_bullet(line.text), re.I):
            return True
    return False


# The council deciding in so many words, with no vote formula: "Le conseil municipal prend acte du
# rapport …", "…, le conseil municipal accepte le don …", "Le conseil a approuvé …". The subject
# opens the sentence or follows its opening clause.
_COUNCIL_DECISION = re.compile(
    r"(?:^|[,;:]\s*|\bet\s+)(?:(?:le|la|les membres du|l') ?(?:conseil|assemblee|comite|bureau)\b"
    r"(?: (?:municipal|communautaire|syndical|departemental|regional|d'administration|de communaute)\b)?"
    r"|les (?:conseillers|elus)(?: municipaux| communautaires)?)"
    r"\s*,?\s*(?:(?:a|ont)\s+)?"
    r"(?P<verb>approuv|autoris|accept|decid|design|adopt|valid|emet|fix|attribu|charg|prend acte|pris acte|prennent acte"
    r"|donne (?:son|un|leur) (?:accord|avis)|donne acte|refus|rejet|elit|arret|sollicit|retien|retenu|se prononce"
    r"|s'est prononce|opte|renouvel|recondu|confirm|accord|octroi|allou|vot|mandat|habilit|deleg|nomm"
    r"|institu|instaur|cree|supprim|modifi|abrog|annul)(?P<ending>\w*)")
# A decision announced for later ("le conseil décidera", "approuverait") is not taken yet.
_LATER = re.compile(r"(?:e|i)?r(?:a|ai|as|ait|ont|aient)$")
# A past decision recalled in the report ("Par délibération du 3 mars, le conseil a approuvé …").
_RECALLED = re.compile(r"\bdeliberation\b|\bseance du\b|\ben date du\b|\blors de\b|\ben (?:19|20)\d\d\b")
# Decisions that decide nothing on the item: it is put off or withdrawn.
_PUT_OFF = re.compile(r"^\W*(?:de |d')?(?:reporter|ajourner|differer|surseoir|retirer)\b")
# What a council "takes note of" without deciding anything: information, the mayor's decisions,
# a member's resignation or installation.
_NOTED_ONLY = re.compile(
    r"\b(?:prend|prennent|pris) acte (?:de (?:cette|ces|l'|la)|des|du)\s*(?:informations?|communications?"
    r"|decisions? (?:prises?|du maire|du president|par)|compte[- ]rendu des decisions|demissions?|installation)")
_PREVIOUS_MINUTES = re.compile(
    r"\b(?:approuv|adopt|valid)\w* (?:le|du|les) (?:proces[- ]?verba\w*|compte[- ]?rendus?|pv)\b"
    r"(?:\s*[.;]?$|[^.]{0,30}\b(?:seance|reunion|conseil (?:municipal |communautaire )?du)\b)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Za-zÀ-ÿ])")


def council_decision(lines: Iterable[Line]) -> Optional[str]:
    """"decision" when the text states the council's decision, "noted" when the council only takes
    note of information or of the mayor's decisions, "previous minutes" when it approves them,
    else None. Sentences are read across line breaks."""
    found = None
    text = " ".join(l.text.strip() for l in lines)
    for sentence in _SENTENCE_END.split(norm(text)):
        m = _COUNCIL_DECISION.search(sentence)
        if not m or _LATER.search(m.group("ending")) or _RECALLED.search(sentence[:m.start()]) \
                or _PUT_OFF.match(sentence[m.end():]):
            continue
        if _NOTED_ONLY.search(sentence):
            found = found or "noted"
        elif _PREVIOUS_MINUTES.search(sentence):
            found = found or "previous minutes"
        else:
            return "decision"
    return found


def starts_with_verb(text: str) -> bool:
    core = norm(strip_bullet(text))
    core = re.sub(r"^(?:et\s+)?(?:de |d'|s')", "", core)
    first = core.split(" ", 1)[0] if core else ""
    return len(first) >= 2 and any(first.startswith(s) for s in _VERB_STEMS)


def is_decide_opener(text: str) -> bool:
    n = norm(text)
    core = strip_bullet(text)
    if _DECIDE_CAPS.search(text) or _DELIBERE.search(n) or ARTICLE.match(core):
        return True
    if re.match(r"^(?:d[ée]cide|arr[êe]te)\b", core, re.I):
        return True
    if _PROPOSAL.search(n) or _COUNCIL_VERB.search(n):
        return True
    # A line opening on a decision verb in capitals: "APPROUVE …", "D'APPROUVER …".
    first = re.split(r"\s+", core, maxsplit=1)[0] if core else ""
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", first)
    if len(letters) >= 2 and letters.isupper() and starts_with_verb(core):
        return True
    return is_bullet(text) and core[:1].isupper() and starts_with_verb(core) and len(core.split()) >= 3


