"""Per-member votes printed as lists of their own, not in a count's parenthesis:
"Ont voté contre : M. A, Mme B", "Se sont abstenus : …", "N'ont pas pris part au vote : …" (the
label first), or "M. A et Mme B se sont abstenus", "M. X ne prend pas part au vote" (the people
first, as the subject of the sentence). counts.extract_named_votes adds them to the votes named
in a count's parenthesis ("2 voix contre (M. A, Mme B)").
"""
from __future__ import annotations

import re

from extractors.names import split_names
from pipeline.model import Evidence, MemberVote

LISTED_EXTRACTOR = "member_votes"
_VOTE_LABELS = (
    ("against", r"(?:ont|a)\s+vot[ée]\s+contre|votent\s+contre|vote\s+contre"),
    ("for", r"(?:ont|a)\s+vot[ée]\s+pour|votent\s+pour"),
    ("abstention", r"se\s+sont\s+abstenu(?:e|s|es)?|s['’]est\s+abstenue?|s['’]abstien(?:t|nent)"),
    ("not_voting", r"n['’](?:ont|a)\s+pas\s+(?:pris\s+part|particip[ée])\s+aux?\s+votes?"
                   r"|ne\s+(?:prend|prennent|participe|participent)\s+pas(?:\s+part)?\s+aux?\s+votes?"),
)
_VOTE_LABEL = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _VOTE_LABELS), re.I)
_VOTE_SENTENCE = re.compile(r"(?:\b[A-Z]\.|\bMM\.|\bMmes?\.|\bMlle\.|\bMr\.|[^.!?])+")
_CIVILITY_OPEN = re.compile(r"^\W*(?:M\.|MM\.?|Mmes?\.?|Mlle|Monsieur|Madame|Messieurs|Mesdames)\s")
_NAMES_OPEN = re.compile(r"^\W*(?:M\.|MM\.?|Mmes?\.?|Mlle|Monsieur|Madame|Messieurs|Mesdames|[A-ZÀ-ÝŒŸ][A-ZÀ-ÝŒŸ'’-]+\b)")


def listed_member_votes(lines: list) -> list[MemberVote]:
    """Members a vote names in a list of its own, not in a count's parenthesis:
    'Ont voté contre : M. A, Mme B', 'Se sont abstenus : …', 'N'ont pas pris part au vote : …'
    (the label first), or 'M. A et Mme B se sont abstenus', 'M. X ne prend pas part au vote'
    (the people first, as the subject of the sentence)."""
    spans, text = [], ""
    for line in lines:
        if text and _VOTE_LABEL.match(line.text.lstrip(" -–•*")):
            text += "."  # a label opening a line ends the list above, printed without a period
        elif text and _CIVILITY_OPEN.match(line.text) \
                and not re.search(r"(?:[,;:&/–-]|\bet)\s*$", text):
            text += "."  # a person opening a line after a heading starts a sentence
        start = len(text) + (1 if text else 0)
        text = f"{text} {line.text}" if text else line.text
        spans.append((start, len(text), line))
    out: list[MemberVote] = []
    for sm in _VOTE_SENTENCE.finditer(text):
        sentence = sm.group(0)
        m = _VOTE_LABEL.search(sentence)
        if not m:
            continue
        after = re.match(r"\s*(?:\(\s*\d+\s*\)\s*)?:\s*", sentence[m.end():])
        if after and not sentence[:m.start()].strip(" -–•*"):
            people = split_names(sentence[m.end() + after.end():])
        elif _NAMES_OPEN.match(sentence):
            people = split_names(sentence[:m.start()])
        else:
            continue
        where = [line for a, b, line in spans if a < sm.end() and b > sm.start()]
        ev = Evidence.of_lines(where, LISTED_EXTRACTOR)
        out.extend(MemberVote(name, m.lastgroup, ev) for name in people)
    return out
