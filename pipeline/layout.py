"""Layout stage: split a document's lines into the session preamble and its deliberations.

Two kinds of files exist:
- an *extract* ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS") holds one deliberation: what precedes
  its subject heading ("Objet : …" or a numbered act heading) is the session, the rest (visas,
  DÉCIDE, signatures, annexes and their tables) is the deliberation;
- *minutes* (procès-verbal, compte rendu) hold many agenda items. Each item starts at a heading
  and ends where the next one starts. Only voted items are deliberations: the secretary's
  designation, the approval of the previous minutes, information items, "questions diverses",
  the mayor's decisions taken by delegation and items without any vote are dropped.

Headings of minutes come in families: act numbers ("2020-038 …", "D2025-027- Objet : …",
"20240219 1-…"), numbers ("1/ …", "2. …", "3) …"), roman numerals, "Objet : …". The family
that numbers the items (the *primary* one) is chosen per document, so numbered lists inside an
item ("1) Il propose …") do not cut it. Minutes without numbered headings are split on their
agenda ("Ordre du jour" entries repeated as headings), on fixed procedural headings, and after
each closing vote line ("Vote : à l'unanimité").

Page furniture (running headers and footers, page numbers, the side column of counts repeated
on every page of some scans, the prefecture e-transmission stamp) is taken out of the items
first; the first page's furniture is kept in the session, where the counts and stamp are read.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Iterable, Optional

from rapidfuzz import fuzz

from .model import SECTION_NAMES, DeliberationText, DocText, Layout, Line

__all__ = ["segment", "segment_lines", "split_sections", "lines_from_text", "lines_from_text_pages", "norm"]


# --------------------------------------------------------------------------- text helpers
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


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _is_synthetic(line: Line) -> bool:
    return bool(line.words) and line.words[0].fontname.startswith("Synthetic")


# --------------------------------------------------------------------------- synthetic input
def lines_from_text_pages(pages: list[str]) -> list[Line]:
    """One synthetic Line per non-empty text line, numbered by page (1-based)."""
    out: list[Line] = []
    for p, page_text in enumerate(pages, start=1):
        i = 0
        for raw in page_text.splitlines():
            if raw.strip():
                out.append(Line.synthetic(raw, page=p, top=50.0 + 12.0 * i))
                i += 1
    return out


def lines_from_text(text: str) -> list[Line]:
    """Lines from a text dump: pages split on form feeds (pdftotext) or '=== PAGE' markers."""
    if re.search(r"^=== PAGE", text, re.M):
        pages = [p for p in re.split(r"^=== PAGE[^\n]*\n", text, flags=re.M)]
        pages = pages[1:] if not pages[0].strip() else pages
    else:
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages = pages[:-1]
    return lines_from_text_pages(pages)


# --------------------------------------------------------------------------- line patterns
_VOTE_WORDS = re.compile(
    r"^\W*(?:vote|votes|vore|resultats? du vote|votants?)\b"
    r"|\b\d+\s+(?:votes?|voix)\b|\b\w+\s+voix\s+(?:pour|contre)\b|\b(?:voix|votes?)\s+(?:pour|contre)\b"
    r"|\b(?:pour|contre|abst?entions?|votants|suffrages exprimes|exprimes|bulletins[\w ]*)\s*:\s*[\w(]"
    r"|^\W*\d+\s+(?:contre|abst?entions?|pour)\b|\bne (?:prend|prennent) pas part au vote\s*:"
    r"|nombre de (?:bulletins|votants|suffrages)|suffrages exprimes|bulletins (?:blancs|nuls)"
    r"|\bunanimite\b")
_UNANIMITY = re.compile(r"\bunanimite\b")
_VOTE_EVIDENCE = re.compile(
    r"\bvotes?\s*:|\bvote\b[^.]*\b(?:unanim|pour|contre)|\b\d+\s+(?:voix|votes?)\b|\b\w+\s+voix\s+(?:pour|contre)"
    r"|\bunanimite|\bpour\s*:\s*\d|\bcontre\s*:\s*\d|\babst?entions?\s*:?\s*\d|\b\d+\s+abst?entions?"
    r"|apres (?:en )?avoir (?:en )?delibere|apres deliberation|suffrages exprimes|\bbulletins?\b|\bscrutin\b"
    r"|\badoptee?s?\s+(?:a l'unanimite|par)|procede au vote|passe au vote")
_DECIDE_CAPS = re.compile(r"\bD[ÉE]CIDE(?:NT)?\b|\bARR[ÊE]TE(?:NT)?\b|\bD[ÉE]LIB[ÈE]RE(?:NT)?\b")
_DELIBERE = re.compile(r"apres (?:en )?avoir (?:en )?delibere|apres deliberation|\ben a delibere\b")
_ARTICLE = re.compile(r"^\W*(?:article|atticle|artlcle|art\.)\s*(?:\d+|premier|1er|[il]{1,3})\b", re.I)
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
_INFINITIVE = re.compile(r"^(?:et\s+)?(?:de |d'|d’|s'|s’)?[a-zà-ÿ]+(?:er|ir|re)\b", re.I)
_DISCUSSION = re.compile(r"^(?:m\.|mme|mmes|mr|mfr|mm\.?|monsieur|madame|mademoiselle)\s", re.I)
_VISA = re.compile(r"^(?:vu|vus)\b|^(?:considerant|attendu)\b|^sur (?:la )?proposition\b|^sur le rapport\b"
                   r"|^(?:entendu|oui|ou[iï]?) l'expose\b|^apres avoir entendu\b")
_ANNEX = re.compile(r"^annexes?\b(?!\s+(?:a|au|de)\s+la\s+presente)")
_CLOSING = re.compile(
    r"l'ordre du jour (?:etant|est) (?:epuise|termine|clos)|plus rien n'etant a l'ordre du jour"
    r"|\bseance (?:est )?(?:levee|close)\b|\bfin de (?:la )?seance\b|\bleve la seance\b")
_RECAP_TITLE = re.compile(
    r"^(?:liste des |recapitulatif des |recap\w* des |tableau des )?deliberations?"
    r"(?: prises| adoptees| de la seance| examinees)?\s*:?$")
_ATTENDANCE_EVENT = re.compile(
    r"quitte (?:la salle|la seance|l'assemblee|la reunion)|se retire|sort de la salle|sortie de la salle"
    r"|(?:arrive|arrivee|rejoint)\b[^.]{0,40}\b(?:seance|salle|\d+\s*h)|siege a nouveau|reintegre|regagne la"
    r"|revient (?:en|dans la) (?:salle|seance)|ne (?:prend|prennent|participe|participent) pas (?:part )?(?:au|aux|a la)"
    r"|n'(?:a|ont) pas (?:pris|participe)|^\W*(?:presents?|absents?(?: excuses?)?|excuses?|pouvoirs?|procurations?)\s*:")
_EXTRACT_MARK = re.compile(r"extrait d[ue]s? (?:registre|proces[- ]verbal)|\bextrait de (?:la )?deliberation")
_MINUTES_MARK = re.compile(r"proces[- ]verbal|compte[- ]rendu|\bordre du jour\b|\bcr du conseil|\bpv\b")
_STAMP = re.compile(
    r"^(?:envoye|recu|publie|affiche)\w*\s+(?:en (?:prefecture|sous-prefecture)\s+)?le\b|^publie le$"
    r"|prefecture d[ue]\b|^bureau du courrier$|accuse de reception")
_PAGE_NO = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,3}\s*[-–]?\s*(?:(?:/|sur)\s*\d{1,3})?$")
_PAGE_FOOTER = re.compile(r"\bpage\s*\d{1,3}\s*(?:/|sur)\s*\d{1,3}\s*$")


def is_count_line(text: str) -> bool:
    n = norm(text)
    if not _VOTE_WORDS.search(n):
        return False
    if _UNANIMITY.search(n) and not re.search(r"\d|vote|voix|pour|contre|abst", n):
        return len(n.split()) <= 8
    return len(n.split()) <= 30


def has_vote(lines: Iterable[Line]) -> bool:
    for line in lines:
        if _VOTE_EVIDENCE.search(norm(line.text)) or _DECIDE_CAPS.search(line.text):
            return True
        if re.match(r"^\W*(?:d[ée]cide|arr[êe]te)\b", strip_bullet(line.text), re.I):
            return True
    return False


def _starts_with_verb(text: str) -> bool:
    core = norm(strip_bullet(text))
    core = re.sub(r"^(?:et\s+)?(?:de |d'|s')", "", core)
    first = core.split(" ", 1)[0] if core else ""
    return len(first) >= 2 and any(first.startswith(s) for s in _VERB_STEMS)


def is_decide_opener(text: str) -> bool:
    n = norm(text)
    core = strip_bullet(text)
    if _DECIDE_CAPS.search(text) or _DELIBERE.search(n) or _ARTICLE.match(core):
        return True
    if re.match(r"^(?:d[ée]cide|arr[êe]te)\b", core, re.I):
        return True
    if _PROPOSAL.search(n) or _COUNCIL_VERB.search(n):
        return True
    # A line opening on a decision verb in capitals: "APPROUVE …", "D'APPROUVER …".
    first = re.split(r"\s+", core, maxsplit=1)[0] if core else ""
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", first)
    if len(letters) >= 2 and letters.isupper() and _starts_with_verb(core):
        return True
    return is_bullet(text) and core[:1].isupper() and _starts_with_verb(core) and len(core.split()) >= 3


# --------------------------------------------------------------------------- headings
_DASH = r"[-–—‐]"
_ACT_RES = (
    re.compile(r"^(?:d[ée]lib[ée]ration|d[ée]lib\.?)\s*(?:n\s*[°ºo]?\s*)?(?P<num>[A-Z]{0,4}\s*\d{2,4}\s*[-/_.]\s*\d{1,4}"
               r"(?:\s*[-/_.]\s*\d{1,4})?)\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>.*)$", re.I),
    re.compile(r"^n\s*[°º]\s*(?P<num>\d{2,4}\s*[-/_.]\s*\d{1,4}(?:\s*[-/_.]\s*\d{1,4})?)\s*(?:" + _DASH
               + r"|[:.])*\s*(?P<title>.*)$", re.I),
    re.compile(r"^(?P<num>(?!DM)[A-Z]{1,4}\s?\d{4}\s*[-_/]\s*\d{2,4})\b\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>.*)$"),
    re.compile(r"^(?P<num>(?:19|20)\d{2}\s*[-/_.]\s*\d{1,3}(?:\s*[-/_.]\s*\d{1,3})?)\s*(?:" + _DASH
               + r"|[:.])*\s+(?P<title>(?=\S*[A-Za-zÀ-ÿ]|\d+\s?(?:er|re|ère|e|è|ème|eme)\b)\S.*)$"),
    re.compile(r"^(?P<num>(?:19|20)\d{6}\s*[-_]?\s*\d{1,3})\s*(?:" + _DASH + r"|[:.])*\s*(?P<title>(?=\S*[A-Za-zÀ-ÿ]|\d+\s?(?:er|re|ère|e|è|ème|eme)\b)\S.*)$"),
)
_OBJET_RE = re.compile(r"^(?:objet|0bjet|obiet)\s*:\s*(?P<title>.*)$", re.I)
_NUM_RE = re.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>/|\)|\.(?!\d)|°\)?|\s?" + _DASH + r"(?!\d))\s*(?P<title>[A-Za-zÀ-ÿ«\"'].*)$")
_ROMAN_RE = re.compile(r"^(?P<num>[IVX]{1,5})\s*(?P<sep>[.)/]|\s" + _DASH + r")\s*(?P<title>[A-Za-zÀ-ÿ].*)$")
_LETTER_RE = re.compile(r"^(?P<num>[A-H])\s*(?P<sep>/|\))\s*(?P<title>[A-Za-zÀ-ÿ].*)$")

# Procedural headings, recognised on the heading's words whatever its numbering.
_KW_DROP = (
    ("questions", re.compile(r"^q?u?estions? diver\w*|^affaires? diverses|^points? divers|^divers\s*:?$|^questions orales")),
    ("information", re.compile(r"^informations?\b|^pour information|^points? d'information|^communications?\b")),
    ("delegation", re.compile(r"^(?:compte[- ]rendu des |liste des )?decisions? (?:prises? )?(?:par (?:le maire|delegation|monsieur|madame)"
                              r"|du maire|en vertu|dans le cadre)|^decisions? du (?:maire|president)")),
    ("approval", re.compile(r"^(?:approbation|adoption|validation) d[ue]s? (?:dernier )?(?:proces[- ]?verba\w*|compte[- ]?rendu|pv\b|cr\b)")),
    ("secretary", re.compile(r"^(?:designation|nomination|election|choix) d[ue]s? (?:la |le )?secretaire")),
)
_KW_SESSION = (
    ("agenda", re.compile(r"^ordre du jo\w*\b")),
    ("opening", re.compile(r"^q?o?uve\w*ture de (?:la|ia) seance")),
)
_FUZZY_KW = (("questions", "questions diverses"), ("agenda", "ordre du jour"), ("opening", "ouverture de la seance"))


def _kw(text: str) -> Optional[str]:
    """The procedural keyword a heading starts with (its numbering removed), if any."""
    core = norm(strip_bullet(text))
    m = _NUM_RE.match(strip_bullet(text)) or _ROMAN_RE.match(strip_bullet(text)) or _LETTER_RE.match(strip_bullet(text))
    if m:
        core = norm(m.group("title"))
    else:
        for rx in _ACT_RES[3:]:
            m = rx.match(strip_bullet(text))
            if m:
                core = norm(m.group("title"))
                break
    if len(core.split()) > 14:
        return None
    for name, rx in _KW_DROP + _KW_SESSION:
        if rx.search(core):
            return name
    for name, word in _FUZZY_KW:
        head = core[: len(word) + 1].strip(" :")
        if len(core.split()) <= 5 and fuzz.ratio(head, word) >= 82:
            return name
    return None


def _act_match(text: str):
    for rx in _ACT_RES:
        m = rx.match(text)
        if m and re.search(r"[A-Za-zÀ-ÿ]{3}", m.group("title") or ""):
            return m
    return None


def heading_style(line: Line) -> Optional[tuple[str, Optional[int], str]]:
    """(style, number, title) when the line looks like a numbered or titled heading."""
    text = line.text.strip()
    if len(text) > 220:
        return None
    m = _act_match(text)
    if m:
        return "act", None, m.group("title").strip()
    m = _OBJET_RE.match(text)
    if m and len(m.group("title").split()) >= 2:
        return "objet", None, m.group("title").strip()
    m = _NUM_RE.match(text)
    if m and len(text) <= 180 and len(m.group("title").split()) >= 1:
        sep = m.group("sep").strip()
        sep = "-" if sep and sep in "-–—‐" else sep[:1]
        return f"num{sep}", int(m.group("num")), m.group("title").strip()
    m = _ROMAN_RE.match(text)
    if m and len(text) <= 150:
        return "roman", _roman(m.group("num")), m.group("title").strip()
    m = _LETTER_RE.match(text)
    if m and len(text) <= 150:
        return "letter", ord(m.group("num")) - 64, m.group("title").strip()
    return None


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -vals[a] if b in vals and vals[b] > vals[a] else vals[a]
    return total


# --------------------------------------------------------------------------- furniture
def _furniture_key(text: str) -> str:
    return re.sub(r"[^a-z#]+", " ", re.sub(r"\d", "#", norm(text))).strip()


def _protected(text: str) -> bool:
    """Content lines that legitimately recur on many pages: votes, decisions, visas, headings."""
    n = norm(text)
    if re.search(r"en exercice|pris part|procuration|convocation", n):
        return False
    return bool(_VOTE_EVIDENCE.search(n) or is_decide_opener(text) or _VISA.search(n) or _kw(text)
                or _EXTRACT_MARK.search(n))


_STAMP_PHRASE = re.compile(
    r"(?:envoy\w*|re[çc]u|publi\w*|affich\w*)\s+en\s+(?:sous-)?pr[ée]fecture\s+le(?:\s+\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4})?"
    r"|(?:publi[ée]|re[çc]u)\s+le(?:\s+\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4})?\s*$"
    r"|(?:\b(?:id|1d|10)\s*:?\s*)?\d{3}\s*[-:]\s*\d{9}\s*[-:]\s*\d{8}\S*", re.I)


def _cut_stamp(line: Line) -> tuple[Optional[Line], list[Line]]:
    """Separate e-transmission stamp phrases glued to other words by OCR or line grouping:
    (what remains of the line or None, the stamp parts)."""
    words = list(line.words)
    if not words:
        return line, []
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    text = " ".join(w.text for w in words)
    taken: set[int] = set()
    stamps: list[Line] = []
    for m in _STAMP_PHRASE.finditer(text):
        idx = [k for k, (a, b) in enumerate(offsets) if a < m.end() and b > m.start()]
        if idx:
            taken.update(idx)
            stamps.append(Line.from_words(words[k] for k in idx))
    if not taken:
        return line, []
    rest = [w for k, w in enumerate(words) if k not in taken]
    if not any(sum(c.isalpha() for c in w.text) >= 3 for w in rest):
        return None, stamps
    return Line.from_words(rest), stamps


def split_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(content lines, furniture lines), both in document order.

    Furniture: the e-transmission stamp, page numbers and running footers, and short lines
    printed at the same place on most pages (headers, the side column of counts)."""
    content: list[Line] = []
    furniture: list[Line] = []
    cut: list[Line] = []
    for line in lines:
        rest, stamps = _cut_stamp(line)
        furniture.extend(stamps)
        if rest is None:
            continue
        if _STAMP.search(norm(rest.text)) and len(rest.text.split()) <= 12:
            furniture.append(rest)
        else:
            cut.append(rest)
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(cut):
        pages.setdefault(line.page, []).append(i)
    n_pages = len(pages)
    need = max(2, math.ceil(0.6 * n_pages))
    keys = [_furniture_key(l.text) for l in cut]
    for i, line in enumerate(cut):
        n = norm(line.text)
        on_page = pages[line.page]
        pos = on_page.index(i)
        edge = pos < 3 or pos >= len(on_page) - 3
        if (edge and _PAGE_NO.match(n)) or _PAGE_FOOTER.search(n):
            furniture.append(line)
            continue
        if n_pages >= 2 and keys[i] and len(n) <= 90 and not _protected(line.text):
            hits = {line.page}
            for p, idxs in pages.items():
                if p == line.page:
                    continue
                for j in idxs:
                    if not _same_place(line, cut[j]):
                        continue
                    if keys[j] == keys[i] or (len(keys[i]) >= 8 and fuzz.ratio(keys[i], keys[j]) >= 84):
                        hits.add(p)
                        break
            if len(hits) >= need:
                furniture.append(line)
                continue
        content.append(line)
    return content, furniture


def _same_place(a: Line, b: Line) -> bool:
    """Furniture sits at the same place on every page."""
    if _is_synthetic(a) or _is_synthetic(b):
        return abs(a.top - b.top) <= 48  # a few lines apart: the synthetic top is the line's rank
    return abs(a.top - b.top) <= 45 and abs(a.x0 - b.x0) <= 60


# --------------------------------------------------------------------------- agenda
def _agenda_span(lines: list[Line]) -> tuple[int, int]:
    """[start, end) of the agenda list that follows an "Ordre du jour" line, or (0, 0).

    The list is kept only as far as its entries come back later in the document (as item
    headings); a heading "Ordre du jour" followed directly by the items yields no list."""
    for i, line in enumerate(lines[:400]):
        if _kw(line.text) != "agenda":
            continue
        j = i + 1
        seen: list[str] = []
        end = j
        while j < len(lines) and j - i <= 40:
            t = lines[j].text
            n = norm(strip_bullet(t))
            if re.fullmatch(r"[-_=*. ]{3,}", t.strip()) and seen:
                break
            if _VOTE_EVIDENCE.search(n):
                break
            if any(fuzz.ratio(n, s) >= 88 for s in seen):
                break
            seen.append(n)
            j += 1
            if _kw(t) == "questions":
                break
        end = j
        # Keep the prefix whose last entry is repeated later in the document.
        later = [norm(strip_bullet(l.text)) for l in lines[end:]]
        last_ok = None
        for k in range(i + 1, end):
            n = norm(strip_bullet(lines[k].text))
            n = _strip_number(n)
            if len(n) < 8:
                continue
            if _kw(lines[k].text) == "questions" and last_ok is not None:
                last_ok = k
                continue
            if any(_fuzzy_same(n, _strip_number(x)) for x in later):
                last_ok = k
        if last_ok is not None:
            return i + 1, last_ok + 1
    return 0, 0


def _strip_number(n: str) -> str:
    m = re.match(r"^(?:\d{1,2}|[ivx]{1,4})\s*(?:[/).°-]|\s-)\s*", n)
    return n[m.end():] if m else n


def _fuzzy_same(a: str, b: str) -> bool:
    if len(a) < 8 or len(b) < 8:
        return False
    if fuzz.ratio(a, b) >= 85:
        return True
    # A heading cut short by OCR (or printed over two lines) keeps its beginning.
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and fuzz.ratio(short, long_[:len(short)]) >= 88


# --------------------------------------------------------------------------- boundaries
def _chain(cands: list[tuple[int, int]]) -> list[int]:
    """Indexes of the longest run of headings numbered 1, 2, 3 … (latest on ties)."""
    best: list[int] = []
    starts = [k for k, (_, num) in enumerate(cands) if num == 1] or ([0] if cands else [])
    for s in starts:
        run = [cands[s][0]]
        last = cands[s][1]
        for idx, num in cands[s + 1:]:
            if num == last + 1:
                run.append(idx)
                last = num
        if len(run) >= len(best):
            best = run
    return best


def _is_bold_heading(lines: list[Line], i: int) -> bool:
    line = lines[i]
    if line.bold_ratio < 0.8 or len(line.text) > 160 or line.text.rstrip().endswith("."):
        return False
    if is_count_line(line.text) or is_decide_opener(line.text) or _VISA.search(norm(line.text)) or is_bullet(line.text):
        return False
    prev = lines[i - 1] if i > 0 else None
    return prev is None or prev.bold_ratio < 0.5


def _vote_boundaries(lines: list[Line], lo: int) -> list[int]:
    """Starts of the lines that follow a closing vote line ("Vote : à l'unanimité")."""
    out = []
    i = lo
    while i < len(lines):
        n = norm(strip_bullet(lines[i].text))
        if re.match(r"^(?:votes?|vore|resultats? du vote)\b", n) or (
                re.match(r"^(?:adoptee?s?|approuvee?s?|rejetee?s?)\b", n) and _VOTE_EVIDENCE.search(n)):
            j = i + 1
            while j < len(lines) and (is_count_line(lines[j].text) or is_bullet(lines[j].text)
                                      or lines[j].text[:1].islower()):
                j += 1
            if j < len(lines):
                out.append(j)
            i = j
            continue
        i += 1
    return out


def find_boundaries(lines: list[Line]) -> tuple[list[int], int]:
    """(item start indexes after the session, index where the session ends)."""
    a0, a1 = _agenda_span(lines)
    in_agenda = set(range(a0, a1))
    styles: dict[int, tuple[str, Optional[int], str]] = {}
    for i, line in enumerate(lines):
        if i not in in_agenda:
            st = heading_style(line)
            if st:
                styles[i] = st
    kws = {i: k for i, line in enumerate(lines) if i not in in_agenda and (k := _kw(line.text))
           and len(line.text) <= 160}
    counts: dict[str, list[tuple[int, int]]] = {}
    for i, (st, num, _) in styles.items():
        counts.setdefault(st, []).append((i, num or 0))
    primary: list[int] = []
    acts = [i for i, _ in counts.get("act", [])]
    if len(acts) >= 2:
        primary = acts
    else:
        chains = [_chain(v) for k, v in counts.items() if k.startswith("num")]
        chains.append(_chain(counts.get("roman", [])))
        best = max(chains, key=len, default=[])
        if len(best) >= 2:
            primary = best
        elif len(counts.get("objet", [])) >= 2:
            primary = [i for i, _ in counts["objet"]]
        elif len(acts) == 1:
            primary = acts
    bounds = set(primary) | set(kws)
    if primary:
        # Higher-level section titles ("II. PERSONNEL") close the item before them.
        if styles[primary[0]][0] != "roman":
            bounds |= {i for i, (st, _, t) in styles.items() if st == "roman" and _upper_share(t) > 0.7}
    else:
        bounds |= set(_vote_boundaries(lines, a1))
        # Agenda entries printed over two lines are matched on their first line only.
        entries = [_strip_number(norm(strip_bullet(lines[k].text))) for k in range(a0, a1)
                   if not lines[k].text[:1].islower()]
        for i in range(a1, len(lines)):
            n = _strip_number(norm(strip_bullet(lines[i].text)))
            if len(n) >= 12 and any(_fuzzy_same(n, e) for e in entries) and (i - 1) not in bounds:
                bounds.add(i)
        bounds |= {i for i in range(len(lines)) if i not in in_agenda and _is_bold_heading(lines, i)}
    session_kws = {"agenda", "opening", "secretary"}
    ordered = sorted(bounds)
    start = next((i for i in ordered if kws.get(i) not in session_kws and i >= a1), len(lines))
    # The secretary's designation belongs to the preamble only when it comes before the items.
    items = [i for i in ordered if i >= start]
    return items, start


# --------------------------------------------------------------------------- sections
_SENTENCE_STARTERS = re.compile(
    r"^(?:monsieur|madame|m\.|mme|mr|le|la|les|l'|il|elle|ils|afin|dans|suite|conformement|pour|par|apres|sur|un|une"
    r"|vu|considerant|ce|cette|en|au|aux|a l'|lors|compte tenu|des|du|nous|on)\b")


def _header_length(lines: list[Line]) -> int:
    first = lines[0].text.strip()
    if _DISCUSSION.match(first) or is_decide_opener(first) or _VISA.search(norm(first)) or is_count_line(first):
        return 0  # an item cut after a vote whose heading was not read
    h = 1
    while h < min(len(lines), 4):
        prev, cur = lines[h - 1].text.strip(), lines[h].text.strip()
        ncur = norm(cur)
        if (heading_style(lines[h]) and heading_style(lines[h])[0] in ("act", "objet")) or is_count_line(cur) \
                or is_decide_opener(cur) or _VISA.search(ncur) or is_bullet(cur) or _kw(cur):
            break
        cont = (
            prev.endswith(("-", "–")) and not prev.endswith((" -", " –"))
            or cur[:1].islower()
            or cur.startswith("(")
            or (_upper_share(prev) > 0.7 and re.match(r"^[A-ZÀ-Ý]{2,}", cur) is not None)
            or (prev.endswith(":") and len(cur.split()) <= 8 and not cur.endswith("."))
            or (lines[h - 1].bold_ratio > 0.6 and lines[h].bold_ratio > 0.6 and len(cur) <= 150)
            or (len(prev) >= 60 and not re.search(r"[.:;!?]$", prev) and len(cur) <= 100
                and not _SENTENCE_STARTERS.match(ncur) and not cur.endswith("."))
        )
        if not cont:
            break
        h += 1
    return h


def _continues(prev: str, cur: str) -> bool:
    """Does `cur` continue the sentence or list of `prev`?"""
    p = prev.rstrip()
    return (cur[:1].islower() or cur[:1].isdigit() or not re.search(r"[.;!?]$|\)$", p)
            or cur.startswith(("(", "«", "\"")))


def split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Assign every line of an item to one of SECTION_NAMES, keeping document order within each."""
    sections: dict[str, list[Line]] = {name: [] for name in SECTION_NAMES}
    if not lines:
        return sections
    h = _header_length(lines)
    sections["header"].extend(lines[:h])
    state = "body"
    prev_text = lines[h - 1].text if h else ""
    for line in lines[h:]:
        text = line.text.strip()
        n = norm(strip_bullet(text))
        if state == "annexes":
            sections["annexes"].append(line)
            continue
        if _ANNEX.match(n) and len(n.split()) <= 14 and not text.endswith((",", ";")):
            state = "annexes"
            sections["annexes"].append(line)
            continue
        if _ATTENDANCE_EVENT.search(n) and not (is_count_line(text) and re.search(r"\d", n)):
            sections["attendance"].append(line)
            prev_text = text
            continue
        if is_decide_opener(text):
            state = "decide"
            sections["decide"].append(line)
        elif is_count_line(text) or (state == "counts" and prev_text.count("(") > prev_text.count(")")):
            # Bullets may follow a vote line ("à l'unanimité : - APPROUVE …"), prose may not.
            state = "voted" if state in ("decide", "voted") else "counts"
            sections["counts"].append(line)
        elif _VISA.search(n):
            state = "visas"
            sections["visas"].append(line)
        elif state == "visas" and _continues(prev_text, text) and not _DISCUSSION.match(text):
            sections["visas"].append(line)
        elif state == "decide" and _decide_continues(prev_text, text):
            sections["decide"].append(line)
        elif state in ("voted", "counts") and (is_bullet(text) or _ARTICLE.match(text)) and _starts_with_verb(text):
            state = "decide"
            sections["decide"].append(line)
        else:
            state = "body"
            sections["body"].append(line)
        prev_text = text
    return sections


def _decide_continues(prev: str, cur: str) -> bool:
    if _DISCUSSION.match(cur) and not is_decide_opener(cur):
        return False
    if is_bullet(cur) or _starts_with_verb(cur) or _INFINITIVE.match(strip_bullet(cur)) or _ARTICLE.match(cur):
        return True
    if prev.rstrip().endswith(":"):
        return True
    return _continues(prev, cur)


# --------------------------------------------------------------------------- items
# The approval of the previous minutes, recognised by its wording when its heading is lost.
_APPROVAL_BODY = re.compile(r"\b(?:s'il y a des|aucune|pas d'|sans) observations?\b.*|\bobservations? sur le (?:proces|compte)")


def _drop_reason(item: list[Line]) -> Optional[str]:
    k = _kw(item[0].text)
    if k:
        return k
    if not has_vote(item):
        return "no vote"
    if len(item) <= 8 and not any(is_decide_opener(l.text) for l in item) \
            and any(_APPROVAL_BODY.search(norm(l.text)) for l in item):
        return "approval"
    return None


def _trim_tail(item: list[Line]) -> list[Line]:
    """Cut what follows the item's own text: the closing of the session, a recap list of the
    deliberations, signatures, and discussion printed on pages after the vote."""
    cut = len(item)
    for k in range(1, len(item)):
        n = norm(item[k].text)
        if _CLOSING.search(n) or _RECAP_TITLE.match(n):
            cut = k
            break
    item = item[:cut]
    sections = split_sections(item)
    anchors = sections["counts"] + sections["decide"]
    if not anchors:
        return item
    last_page = max(l.page for l in anchors)
    ids = {id(l) for l in anchors}
    last = max(k for k, l in enumerate(item) if id(l) in ids)
    kept_tail = []
    for l in item[last + 1:]:
        if l.page > last_page:
            break
        kept_tail.append(l)
    return item[:last + 1] + kept_tail


def _merge_by_order(order: dict[int, int], *groups: list[Line]) -> list[Line]:
    out = [l for g in groups for l in g]
    out.sort(key=lambda l: order.get(id(l), 0))
    return out


def _extract_subject_index(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if _OBJET_RE.match(text) or _act_match(text):
            return i
    for i, line in enumerate(lines):
        if _VISA.search(norm(line.text)) or is_decide_opener(line.text):
            # The subject is printed just above the first visa when it has no label.
            j = i
            while j > 0 and not is_count_line(lines[j - 1].text) and not _ATTENDANCE_EVENT.search(norm(lines[j - 1].text)) \
                    and i - j < 2 and len(lines[j - 1].text) <= 200:
                j -= 1
            return j if j < i else i
    return 0


def _segment_extracts(lines: list[Line], furniture_first: list[Line], order) -> tuple[list[Line], list[DeliberationText]]:
    marks = [i for i, l in enumerate(lines) if _EXTRACT_MARK.search(norm(l.text))]
    chunks: list[tuple[int, int]] = []
    starts = [0]
    for i in marks[1:]:
        page_lines = [k for k, l in enumerate(lines) if l.page == lines[i].page]
        start = page_lines[0] if page_lines and i - page_lines[0] <= 8 else i
        if start > starts[-1]:
            starts.append(start)
    bounds = starts + [len(lines)]
    for a, b in zip(bounds, bounds[1:]):
        chunk = lines[a:b]
        # A repeated page header opening a page of the same extract has no subject of its own.
        if chunks and not any(_OBJET_RE.match(l.text.strip()) or _act_match(l.text.strip()) for l in chunk):
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    delibs: list[DeliberationText] = []
    first_session: list[Line] = []
    for seq, (a, b) in enumerate(chunks, start=1):
        chunk = lines[a:b]
        s = _extract_subject_index(chunk)
        session = chunk[:s]
        own = chunk[s:]
        if seq == 1:
            session = _merge_by_order(order, session, furniture_first)
            first_session = session
        delibs.append(DeliberationText(seq=seq, lines=own, session=session, before=[],
                                       sections=split_sections(own), kind="extract"))
    return first_session, delibs


def detect_kind(lines: list[Line]) -> str:
    head = [norm(l.text) for l in lines[:40]]
    if any(_EXTRACT_MARK.search(t) for t in head) and not any(re.search(r"proces[- ]verbal|compte[- ]rendu d[ue] ", t)
                                                              for t in head[:6]):
        return "extract"
    if any(_MINUTES_MARK.search(t) for t in head):
        return "minutes"
    items, _ = find_boundaries(lines)
    return "minutes" if len(items) >= 2 else "extract"


def segment_lines(lines: list[Line]) -> tuple[str, list[Line], list[DeliberationText]]:
    """(kind, session lines, deliberations) for a document's lines in reading order."""
    lines = [l for l in lines if l.text.strip()]
    order = {id(l): k for k, l in enumerate(lines)}
    content, furniture = split_furniture(lines)
    for l in furniture + content:
        if id(l) not in order:  # split stamp/body parts of one line keep their line's place
            src = next((k for k, x in enumerate(lines) if x.page == l.page and l.words and l.words[0] in x.words), 0)
            order[id(l)] = src
    first_page = min((l.page for l in lines), default=1)
    furniture_first = [l for l in furniture if l.page == first_page]
    kind = detect_kind(lines)
    if kind == "extract":
        session, delibs = _segment_extracts(content, furniture_first, order)
        return kind, session, delibs
    items, start = find_boundaries(content)
    session = _merge_by_order(order, content[:start], furniture_first)
    delibs: list[DeliberationText] = []
    ends = items[1:] + [len(content)]
    for a, b in zip(items, ends):
        item = content[a:b]
        if _drop_reason(item):
            continue
        item = _trim_tail(item)
        delibs.append(DeliberationText(
            seq=len(delibs) + 1, lines=item, session=session, before=content[start:a],
            sections=split_sections(item), kind="minutes"))
    return kind, session, delibs


def segment(doc: DocText) -> Layout:
    """Split a read document into its session preamble and one DeliberationText per voted item."""
    kind, session, delibs = segment_lines(doc.lines)
    return Layout(doc=doc, kind=kind, session=session, deliberations=delibs)
