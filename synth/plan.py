"""What each document of a corpus will be, decided before any is drawn.

The plan fixes, per document: extract or minutes, how many deliberations, scanned or not, the
prefecture stamp, and the seeded inconsistencies. Deciding the number of deliberations here lets
the plan guarantee coverage: every session-level seed lands on at least `TARGET` deliberations
(when the corpus is large enough), so a rare rule is measured on more than one example.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .generate import ITEM_SEEDS, SESSION_SEEDS

TARGET = 3  # deliberations per session seed
# The commonest real irregularities are seeded on more deliberations.
TARGETS = {"quorum": 5, "convocation_delay": 5}
SEEDED_SHARE = 0.55  # at most this share of documents carries a session seed: the others stay clean


@dataclass
class DocPlan:
    index: int
    kind: str  # extract | minutes
    scanned: bool
    text_stamp: bool  # the prefecture stamp as text: over a digital page, or the only text of a scan
    n_items: int
    session_seed: Optional[str] = None
    item_seeds: list = field(default_factory=list)


def _documents(rng: random.Random, count: int) -> list[DocPlan]:
    scanned = set(rng.sample(range(count), round(count / 3)))
    stamp_only = set(rng.sample(sorted(scanned), min(len(scanned), max(1, round(count / 20))))) if scanned else set()
    digital = [i for i in range(count) if i not in scanned]
    digital_stamp = set(rng.sample(digital, min(len(digital), round(count / 15))))
    docs = []
    for i in range(count):
        kind = "extract" if rng.random() < 0.4 else "minutes"
        n = 1 if kind == "extract" else rng.randint(2, 6)
        docs.append(DocPlan(i, kind, i in scanned, i in stamp_only or i in digital_stamp, n, None, [None] * n))
    return docs


def _session_seeds(rng: random.Random, docs: list[DocPlan]) -> None:
    """Hand each session seed to random documents until it covers its target of deliberations."""
    order = list(SESSION_SEEDS)
    rng.shuffle(order)
    free = [d.index for d in docs]
    rng.shuffle(free)
    budget = int(len(docs) * SEEDED_SHARE)
    covered: Counter = Counter()
    while free and budget > 0:
        short = [s for s in order if covered[s] < TARGETS.get(s, TARGET)]
        if not short:
            break
        for seed in short:
            if not free or budget <= 0:
                break
            doc = docs[free.pop()]
            doc.session_seed = seed
            covered[seed] += doc.n_items
            budget -= 1


def _item_seeds(rng: random.Random, docs: list[DocPlan]) -> None:
    pool = list(ITEM_SEEDS)
    rng.shuffle(pool)
    k = 0
    for doc in docs:
        for j in range(doc.n_items):
            share = 0.22 if doc.kind == "minutes" else (0.45 if doc.session_seed is None else 0.0)
            if rng.random() < share:
                doc.item_seeds[j] = pool[k % len(pool)]
                k += 1


def plan_corpus(count: int = 60, seed: int = 7) -> list[DocPlan]:
    rng = random.Random(f"synth-plan-{seed}")
    docs = _documents(rng, count)
    _session_seeds(rng, docs)
    _item_seeds(rng, docs)
    return docs
