"""Where the sitting was held: "s'est réuni … en la salle du conseil", "Lieu : mairie"."""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz.distance import Hamming

from extractors.dates import MONTH_RE, WEEKDAY_RE
from extractors.joined import Joined, read_by_ocr
from pipeline.model import Found, Line, clean_text


# What may stand between "s'est réuni" and the place: manner ("en session ordinaire",
# "légalement"), the day ("le jeudi 4 avril 2024") and the hour ("à 18 h 30", "à vingt heures précises").
_PLACE_DAY = rf"le\s+(?:{WEEKDAY_RE}\s+)?(?:\d{{1,2}}(?:er)?|premier|[a-zà-ÿœ]+(?:-[a-zà-ÿœ]+)*)\s+{MONTH_RE}(?:\s+\d{{4}})?"
_PLACE_HOUR = (r"[àa]\s+(?:\d{1,2}\s*(?:h|heures?)(?:\s*\d{2}\b)?|[a-zà-ÿœ]+(?:-[a-zà-ÿœ]+)*\s+heures?(?:\s+(?:trente|quinze|quarante(?:-cinq)?|vingt|dix))?)"
               r"(?:\s+pr[ée]cises)?")
_PLACE_BETWEEN = (r"en\s+session\s+\w+|au\s+nombre\s+prescrit\s+par\s+la\s+loi|l[ée]galement|en\s+s[ée]ance\s+\w+|publiquement|valablement|,"
                  rf"|{_PLACE_DAY}|{_PLACE_HOUR}")
_PLACE_RE = re.compile(
    r"(?:\b(?:r[ée]uni(?:e|s|es)?|si[ée]g[ée]\w*)|\b(?:s['’]\s?est|se\s+sont)\s+assembl[ée](?:e|s|es)?|\bs['’]\s?est\s+tenue?)\b"
    rf"(?:\s+(?:{_PLACE_BETWEEN}))*\s*,?\s*"
    r"(?P<prep>\bdans\s+(?:la|le|les|l['’])|\b[àa]\s+la\b|\b[àa]\s+l['’]|\bau\b|\baux\b|\ben\s+la\b|(?<!\w)[àa](?=\s)"
    r"|\ben\s+l['’]|\ben\s+(?=(?i:mairie|salle|h[ôo]tel|maison)\b)"
    r"|\b(?:en|par)\s+(?=(?:visio|audio|t[ée]l[ée])-?\s?conf[ée]rence))\s*(?P<place>[^,;()]+?)"
    r"(?=\s*(?:,|;|\(|\.\s|\.$|$|\s+sous\s+la\s+pr[ée]sidence|\s+en\s+pr[ée]sence|\s+en\s+l['’]absence|\s+apr[èe]s\s+convocation"
    r"|\s+sur\s+(?:la\s+)?convocation|\s+en\s+s[ée]ance\b|\s+en\s+session\b"
    # the hour or a reason printed after the place: "à la mairie à dix-neuf heures", "en raison de …"
    rf"|\s+{_PLACE_HOUR}|\s+(?:en\s+raison|compte\s+tenu|afin|suite\s+[àa]|conform[ée]ment|dans\s+le\s+respect|pour\s+(?:des\s+)?raisons?)\b))",
    re.I)


# A figure of a count box printed beside the preamble, read into the preamble's line ("à la\n14 salle").
_SIDE_FIGURE = re.compile(r"(?<=\n)\d{1,3}[ ](?=[a-zà-ÿœ])")
# A scan read twice over one spot ("à a la salle"): the preposition again before the place.
_REPEATED_PREP = re.compile(r"^(?:[àa]\s+(?:la\s+|l['’]\s?)|au\s+|aux\s+|dans\s+(?:la|le|les)\s+)", re.I)


# A commission or a working group that met before the sitting ("la commission des finances, réunie
# le 3 mars à la mairie") gives its own place, not the sitting's.
_OTHER_MEETING = re.compile(r"\b(?:commissions?(?!\s+permanente)|groupe\s+de\s+travail|comit[ée]\s+(?:technique|de\s+pilotage|consultatif))\b[^.;]*$", re.I)


# A form's label: "Lieu : salle du conseil municipal", "Lieu de la réunion : Mairie".
_PLACE_LABEL = re.compile(r"^\W*lieu(?:\s+de\s+(?:la\s+)?(?:s[ée]ance|r[ée]union))?\s*:[ \t]*(?P<place>[^,;()\n]+?)[ \t]*[.,;]?[ \t]*$", re.I | re.M)


def place_in(lines: list[Line]) -> Optional[Found]:
    joined = Joined.of(lines)
    labelled = _PLACE_LABEL.search(joined.text)
    if labelled and 2 <= len(labelled.group("place").strip()) <= 120:
        return Found(clean_text(labelled.group("place")), joined.evidence(labelled.start("place"), labelled.end("place")))
    text = _SIDE_FIGURE.sub(lambda m: " " * len(m.group(0)), joined.text)  # offsets kept for evidence
    m = next((m for m in _PLACE_RE.finditer(text) if not _OTHER_MEETING.search(text[max(0, m.start() - 60):m.start()])), None)
    if not m:
        return None
    place = _REPEATED_PREP.sub("", clean_text(m.group("place")).strip(" ."))
    if len(place) < 2 or len(place) > 120 or re.match(r"^(?:\d|huis\s+clos)", place, re.I):
        return None
    evidence = joined.evidence(m.start("place"), m.end("place"))
    if read_by_ocr(joined.lines_of(m.start("place"), m.end("place"))):
        place = _place_noun_repaired(place)
    return Found(place, evidence)


# The nouns a place opens with, which a scan misreads a letter of ("saile Victor Hugo").
_PLACE_NOUNS = ("salle", "mairie", "maison", "hôtel", "foyer", "espace", "centre", "local", "bâtiment", "siège",
                "auditorium", "amphithéâtre", "préfecture", "chapelle", "gymnase")


def _place_noun_repaired(place: str) -> str:
    first, _, rest = place.partition(" ")
    low = first.lower()
    if len(low) < 5 or low in _PLACE_NOUNS:
        return place
    near = [n for n in _PLACE_NOUNS if len(n) == len(low) and Hamming.distance(n, low) == 1]
    if len(near) != 1:
        return place
    fixed = near[0].capitalize() if first[:1].isupper() else near[0]
    return f"{fixed} {rest}".strip()
