"""Forms found in a stretch of a text, and of overlapping ones the longest kept.

What the lint engine, ``names`` and ``mentions`` share: ``find_in`` runs the compiled
glossary over a stretch of the view (its key, invisible characters left out) and
``longest_first`` groups what it finds into ``Span``s, the longest of overlapping ones kept.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .language import Paragraphs
from .matcher import Match, Matcher
from .text import IGNORABLE, match_key, without_invisible


@dataclass
class Span:
    """Overlapping matches with the same extent: alternatives for one stretch of text."""

    start: int
    end: int
    matches: list[Match]


def find_in(matcher: Matcher, view: str, paragraphs: Paragraphs, low: int, high: int) -> tuple[list[Match], list[tuple[int, int, bool]]]:
    """Every form ``matcher`` finds from ``low`` to ``high`` of ``view`` (offsets in the view), and the
    extents of plain forms apart (see ``Matcher.find``)."""
    stretch = view[low:high]
    key = match_key(stretch)
    text, offsets = stretch, None
    if IGNORABLE in key:  # matching skips invisible characters: it runs on the rest
        offsets = [low + i for i, ch in enumerate(key) if ch != IGNORABLE]
        offsets.append(high)
        key, text = key.replace(IGNORABLE, ""), without_invisible(stretch)
    return matcher.find(key, text, paragraphs, low, offsets)


def longest_first(matches: list[Match]) -> list[Span]:
    """Group matches by extent and keep the longest of overlapping ones (leftmost on ties).

    Matches are swept in order of start; a run of mutually overlapping extents
    (rare) is settled longest first, the rest (almost all) pass straight through.
    """
    by_extent: dict[tuple[int, int], list[Match]] = {}
    for match in matches:
        by_extent.setdefault((match.start, match.end), []).append(match)
    extents = sorted(by_extent)
    chosen: list[Span] = []
    cluster: list[tuple[int, int]] = []
    cluster_end = -1
    for extent in extents + [(1 << 62, 1 << 62)]:
        if extent[0] >= cluster_end and cluster:
            if len(cluster) == 1:
                chosen.append(Span(cluster[0][0], cluster[0][1], by_extent[cluster[0]]))
            else:
                taken: list[tuple[int, int]] = []  # sorted, never overlapping
                for start, end in sorted(cluster, key=lambda e: (e[0] - e[1], e[0])):
                    i = bisect.bisect_left(taken, (start, end))
                    if (i == 0 or taken[i - 1][1] <= start) and (i == len(taken) or taken[i][0] >= end):
                        taken.insert(i, (start, end))
                chosen.extend(Span(a, b, by_extent[(a, b)]) for a, b in taken)
            cluster = []
        cluster.append(extent)
        cluster_end = max(cluster_end, extent[1]) if len(cluster) > 1 else extent[1]
    return chosen
