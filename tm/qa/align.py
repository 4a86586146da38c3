"""Sentences of two versions of one text aligned: Gale–Church lengths, anchored by names and numbers.

Gale and Church (1993) align by length alone: a sentence and its translation have
lengths in a steady ratio, and the alignment that best fits the ratio, with the
usual shapes (one to one mostly; one to two, two to one, two to two; a sentence
left out or added), is found by dynamic programming. News copy gives better
evidence than length: the glossary's names (by concept, so *Shusha*, *Şuşada* and
*Шушада* are one anchor) and the numbers (by value, so *3.4 million* and *3,4 млн*
are one) are the same in every language. Each shared anchor lowers the cost of a
pairing, and each one only one side has raises it a little (a dropped name must
not pull the alignment away from the sentence that dropped it).

A sentence left out or added costs its prior alone. Gale and Church's length cost
for it (a whole sentence of difference) is so high that their aligner merges a
dropped sentence into its neighbour's pairing rather than leave it out; with the
anchors to tell a merged pair from a dropped sentence, the prior is enough.

NLTK's ``gale_church`` has the length cost, but no way to add anchors to it; the
dynamic programming is a few lines, so it is written here, with NLTK's priors and
variance (the values of the paper).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Shapes of a bead (sentences of A, sentences of B) and how often each occurs (Gale & Church).
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
_SHAPE_COST = {shape: -math.log(p) for shape, p in PRIORS.items()}
VARIANCE = 6.8  # of the length difference per character (the paper's s²)
SHARED_ANCHOR = 3.0  # cost removed for each anchor both sides have
LONE_ANCHOR = 1.0  # cost added for each anchor only one side has
_BAND = 12  # sentences either side of the diagonal searched (at least)
_RATIO = (0.8, 1.25)


@dataclass(frozen=True)
class Bead:
    """Sentences ``a[0]:a[1]`` of the first text aligned with ``b[0]:b[1]`` of the second."""

    a: tuple[int, int]
    b: tuple[int, int]

    @property
    def shape(self) -> tuple[int, int]:
        return self.a[1] - self.a[0], self.b[1] - self.b[0]


def align(lengths_a: Sequence[int], lengths_b: Sequence[int],
          anchors_a: Sequence[frozenset[str]], anchors_b: Sequence[frozenset[str]]) -> list[Bead]:
    """The best alignment of two lists of sentences given by their lengths (in characters) and
    anchors (concepts and number values), as beads in order, covering every sentence once."""
    n, m = len(lengths_a), len(lengths_b)
    if n == 0 or m == 0:
        return ([Bead((i, i + 1), (0, 0)) for i in range(n)] or [Bead((0, 0), (j, j + 1)) for j in range(m)])
    # expected length of B per character of A: the texts' own ratio, within what translations between these
    # languages show (a version that left out a long passage must not make every sentence look long)
    ratio = min(max(max(sum(lengths_b), 1) / max(sum(lengths_a), 1), _RATIO[0]), _RATIO[1])
    band = max(_BAND, abs(n - m) + _BAND // 2)
    # what a bead of one or two sentences ending at i covers: its length and its anchors
    spans_a = _spans(lengths_a, anchors_a)
    spans_b = _spans(lengths_b, anchors_b)
    infinity = float("inf")
    cost = [[infinity] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    shapes = list(_SHAPE_COST.items())
    lengths: dict[tuple[int, int], float] = {}  # length costs already computed
    for i in range(n + 1):
        diagonal = i * m / n
        low, high = max(0, int(diagonal) - band), min(m, int(diagonal) + band + 1)
        row = cost[i]
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best, step = infinity, None
            for (da, db), shape_cost in shapes:
                pi, pj = i - da, j - db
                if pi < 0 or pj < 0:
                    continue
                before = cost[pi][pj]
                if before == infinity:
                    continue
                total = before + shape_cost
                if da and db:  # a sentence left out or added costs its prior alone (see the module's note)
                    length_a, anchors_of_a = spans_a[da - 1][i]
                    length_b, anchors_of_b = spans_b[db - 1][j]
                    key = (length_a, length_b)
                    length = lengths.get(key)
                    if length is None:
                        length = lengths[key] = length_cost(length_a, length_b, ratio)
                    total += length
                    if anchors_of_a or anchors_of_b:
                        total += anchor_cost(anchors_of_a, anchors_of_b)
                if total < best:
                    best, step = total, (da, db)
            row[j], back[i][j] = best, step
    beads = []
    i, j = n, m
    while i or j:
        da, db = back[i][j]
        beads.append(Bead((i - da, i), (j - db, j)))
        i, j = i - da, j - db
    return beads[::-1]


def _spans(lengths: Sequence[int], anchors: Sequence[frozenset[str]]) -> tuple[list, list]:
    """For each end ``k`` (0..len): (length, anchors) of the one sentence and of the two sentences before it."""
    one = [(0, frozenset())] + [(lengths[k], anchors[k]) for k in range(len(lengths))]
    two = [(0, frozenset()), (0, frozenset())] + [(lengths[k - 1] + lengths[k], anchors[k - 1] | anchors[k])
                                                for k in range(1, len(lengths))]
    return one, two


def length_cost(length_a: int, length_b: int, ratio: float) -> float:
    """Gale–Church: minus the log of the probability of so large a difference from the expected length."""
    mean = (length_a + length_b / ratio) / 2
    if mean == 0:
        return 0.0
    delta = (length_a * ratio - length_b) / math.sqrt(mean * VARIANCE)
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300))


def anchor_cost(a: frozenset[str], b: frozenset[str]) -> float:
    return LONE_ANCHOR * len(a ^ b) - SHARED_ANCHOR * len(a & b)


def summary(beads: Sequence[Bead]) -> dict[str, int]:
    """How many beads are one to one, merged (1-2, 2-1, 2-2) and unaligned (1-0, 0-1)."""
    counts = {"aligned": 0, "merged": 0, "unaligned": 0}
    for bead in beads:
        shape = bead.shape
        counts["aligned" if shape == (1, 1) else "unaligned" if 0 in shape else "merged"] += 1
    return counts
