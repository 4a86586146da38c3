"""How alike a query and a stored source segment are: a 0-100 score a translator can trust, and what differs.

- 100: the same text, character for character (and no inline tags in the stored segment).
- 95-99: the same words, where only letter case (-2), punctuation (-2), whitespace (-1)
  or inline tags (-1) differ, as CAT tools grade them: 99 for spacing or tags alone,
  98 for case or punctuation alone, never below 95.
- otherwise, word-level edit similarity: ``100 * (1 - d / n)`` where ``d`` is the
  Levenshtein distance between the two sequences of words (compared in lowercase,
  computed by rapidfuzz, in C) and ``n`` the longer one's length; at most 94, so that
  the 95-99 band keeps its meaning. One word changed in ten words: 90.

``diff`` lists what differs, each with its text and offsets in the query and in the
stored source: ``replace`` (query words where the source has others), ``extra`` (query
words the source lacks), ``missing`` (source words the query lacks), and for the same
words ``case``, ``punctuation``, ``whitespace``, ``markup``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+")  # a number with its decimal or thousands marks is one word (1.5, 1,500)
_SPACE = re.compile(r"\s+")
_OPS = {"replace": "replace", "delete": "extra", "insert": "missing"}  # rapidfuzz's, from query to source


@dataclass(frozen=True)
class Difference:
    kind: str
    query: str
    source: str
    query_start: int
    query_end: int
    source_start: int
    source_end: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Comparison:
    score: float
    diff: tuple[Difference, ...]


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _separators(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches between words (before the first and after the last included)."""
    edges = [0, *(x for span in spans for x in span), len(text)]
    return list(zip(edges[::2], edges[1::2]))


def score(query: str, source: str, *, source_has_tags: bool = False) -> float:
    """``compare(...).score`` without the diff: what a search computes for each of its candidates."""
    if not query.isascii() or not source.isascii():
        query, source = unicodedata.normalize("NFC", query), unicodedata.normalize("NFC", source)
    if query == source and not source_has_tags:
        return 100.0
    query_words = [w.casefold() for w in _WORD.findall(query)]
    source_words = [w.casefold() for w in _WORD.findall(source)]
    if query_words == source_words or not query_words or not source_words:
        return compare(query, source, source_has_tags=source_has_tags).score
    distance = Levenshtein.distance(query_words, source_words)
    return round(max(min(100 * (1 - distance / max(len(query_words), len(source_words))), 94.0), 0.0), 1)


def compare(query: str, source: str, *, source_has_tags: bool = False) -> Comparison:
    if not query.isascii() or not source.isascii():
        query, source = unicodedata.normalize("NFC", query), unicodedata.normalize("NFC", source)
    if query == source and not source_has_tags:
        return Comparison(100.0, ())
    query_spans, source_spans = _words(query), _words(source)
    query_words = [query[a:b].casefold() for a, b in query_spans]
    source_words = [source[a:b].casefold() for a, b in source_spans]
    if query_words == source_words:
        return _same_words(query, source, query_spans, source_spans, source_has_tags)
    if not query_words or not source_words:
        return Comparison(round(min(ratio(query, source), 94.0), 1), ())
    distance = Levenshtein.distance(query_words, source_words)
    score = min(100 * (1 - distance / max(len(query_words), len(source_words))), 94.0)
    diff = []
    for op in Levenshtein.opcodes(query_words, source_words):
        if op.tag == "equal":
            continue
        q_start, q_end = _extent(query_spans, op.src_start, op.src_end)
        s_start, s_end = _extent(source_spans, op.dest_start, op.dest_end)
        diff.append(Difference(_OPS[op.tag], query[q_start:q_end], source[s_start:s_end], q_start, q_end, s_start, s_end))
    return Comparison(round(max(score, 0.0), 1), tuple(diff))


def _extent(spans: list[tuple[int, int]], first: int, last: int) -> tuple[int, int]:
    """Offsets from the start of word ``first`` to the end of word ``last - 1``; an empty
    extent where the words would go when there are none."""
    if first < last:
        return spans[first][0], spans[last - 1][1]
    position = spans[first - 1][1] if first > 0 else (spans[0][0] if spans else 0)
    return position, position


def _same_words(query: str, source: str, query_spans, source_spans, source_has_tags: bool) -> Comparison:
    diff = []
    for (qa, qb), (sa, sb) in zip(query_spans, source_spans):
        if query[qa:qb] != source[sa:sb]:
            diff.append(Difference("case", query[qa:qb], source[sa:sb], qa, qb, sa, sb))
    spacing = False
    for (qa, qb), (sa, sb) in zip(_separators(query, query_spans), _separators(source, source_spans)):
        q, s = query[qa:qb], source[sa:sb]
        if q == s:
            continue
        if _SPACE.sub("", q) != _SPACE.sub("", s):
            diff.append(Difference("punctuation", q, s, qa, qb, sa, sb))
        else:
            spacing = True
            diff.append(Difference("whitespace", q, s, qa, qb, sa, sb))
    if source_has_tags:
        diff.append(Difference("markup", "", "", 0, 0, 0, 0))
    kinds = {d.kind for d in diff}
    penalty = 2 * ("case" in kinds) + 2 * ("punctuation" in kinds) + spacing + source_has_tags
    return Comparison(float(max(95, 100 - max(penalty, 1))), tuple(diff))
