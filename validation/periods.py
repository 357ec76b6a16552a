"""Rules that depend on the session date: the health-emergency regimes of 2020-2022.

During these periods the quorum of local assemblies was a third of the members in office, members
present or represented counting towards it, and a member could hold two proxies. The periods
encoded (inclusive), with the texts that opened or renewed them:

- 2020-03-24 .. 2020-08-30: loi 2020-290 du 23 mars 2020, art. 10 (quorum a third, two
  proxies), ordonnance 2020-391 du 1er avril 2020, art. 2; kept until 30 August 2020 by
  loi 2020-760 du 22 juin 2020, art. 1.
- 2020-11-15 .. 2021-09-30: loi 2020-1379 du 14 novembre 2020, art. 6, extended by loi 2021-160
  du 15 février 2021, art. 4, then loi 2021-689 du 31 mai 2021, art. 6 (until 30 September 2021).
- 2021-11-11 .. 2022-07-31: loi 2021-1465 du 10 novembre 2021, art. 10 (until 31 July 2022).

Outside them the common law applies: quorum is more than half of the members in office
physically present (CGCT L2121-17) and a member holds at most one proxy (CGCT L2121-20).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional


@dataclass(frozen=True)
class Regime:
    name: str
    quorum_fraction: Fraction  # quorum reached when counted members > (or >=) fraction * in office
    quorum_strict: bool  # True: more than the fraction; False: at least the fraction
    represented_count_for_quorum: bool
    max_proxies_per_holder: int
    source: str


COMMON_LAW = Regime("common law", Fraction(1, 2), True, False, 1, "CGCT L2121-17, L2121-20")

_EMERGENCY = (
    (dt.date(2020, 3, 24), dt.date(2020, 8, 30), "loi 2020-290 art. 10; ordonnance 2020-391 art. 2; loi 2020-760"),
    (dt.date(2020, 11, 15), dt.date(2021, 9, 30), "loi 2020-1379 art. 6; loi 2021-160 art. 4; loi 2021-689 art. 6"),
    (dt.date(2021, 11, 11), dt.date(2022, 7, 31), "loi 2021-1465 art. 10"),
)


def regime_on(day: Optional[dt.date]) -> Regime:
    """The rules in force on the session date (common law when the date is unknown)."""
    if day is None:
        return COMMON_LAW
    for start, end, source in _EMERGENCY:
        if start <= day <= end:
            return Regime("health emergency", Fraction(1, 3), False, True, 2, source)
    return COMMON_LAW
