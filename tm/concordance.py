"""Concordance: where a word or phrase is in the memory, in any language, with the place marked.

    concordance(session, "Füzuli", lang=None, limit=20) -> list[Occurrence]

Letter case and diacritics are ignored (Füzuli finds Fuzuli and FUZULI, Bakı finds
Baki), words are whole except the phrase's last one, which also finds longer words
it begins (Füzuli finds Füzulidə, Астан finds Астане): names take suffixes and
endings in three of the four languages; a number or a common word (the, в) stands
for itself only. Units come from the word index (the rarest word's units, narrowed by the
other words' where reading those costs less than checking the texts they leave out,
``tm.index``), newest first, and each is checked for the words in a row, until ``limit``
are found. Long postings (common words) and many (a prefix's forms) are read from the newest
import batch back, a range of units at a time, so a phrase found in many units reads
only the newest part of its words' lists.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass

import numpy
from sqlalchemy import bindparam, literal, select
from sqlalchemy.orm import Session

from glossary.languages import normalize_language
from glossary.lint.matcher import text_language

from . import index
from .errors import BadQuery
from .model import Unit, Variant
from .text import fold, folded_with_offsets, index_words

DEFAULT_LIMIT = 20
_PREFIX_WORDS = 50  # longer words a phrase's last word stands for, the most frequent first
_CHECKED_AT_ONCE = 200  # units whose text is read at once at first, then as many as the hits say, up to...
_CHECKED_AT_MOST = 6_400
_READ_AT_ONCE = 100_000  # units of the postings read at first, from the newest import batch back...
_ENTRIES_AT_ONCE = 8  # ...and a share of the ids as if 8 words' postings were read whole
_NARROWING = 500  # how many units of a word's postings cost as much to read as one candidate's text to check
_NONE = numpy.zeros(0, dtype="<u4")


@dataclass(frozen=True)
class Occurrence:
    id: int  # the unit
    lang: str
    text: str
    marks: tuple[tuple[int, int], ...]  # where the phrase is in ``text`` (offsets in code points)
    others: tuple[tuple[str, str], ...]  # the unit's other variants: (lang, text)
    origin: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "lang": self.lang, "text": self.text, "marks": [list(m) for m in self.marks],
                "translations": [{"lang": lang, "text": text} for lang, text in self.others], "origin": self.origin}


def _sorted_intersection(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """The ids in both ascending arrays: the shorter one's looked up in the longer by bisection where it is
    much shorter, otherwise in a table of the longer's ids (linear: 7 against 18 ms for 300,000 in 600,000)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small) or not len(large):
        return small[:0]
    if 20 * len(small) >= len(large) and int(large[-1]) - int(large[0]) < 64 * len(large):
        return small[numpy.isin(small, large, kind="table")]
    where = numpy.searchsorted(large, small).clip(max=len(large) - 1)
    return small[large[where] == small]


def _chosen(session: Session, words: list[str], languages: list[str] | None) -> tuple[dict[str, list[list[index.WordEntry]]], bool]:
    """For each text language, the index entries whose units are intersected to find the units that may have
    the phrase (one list of entries a word: the last word's are its longer forms, whose units are united), and
    whether its last word is taken as a prefix.

    The last word stands for the longer words it begins unless it is a number or a common word itself
    (a prefix like "the" would stand for half the memory). The units are those in the postings of the
    rarest word, looked up in those of the other words that are not much commoner; the text is checked
    afterwards.
    """
    *whole, last = words
    by_language: dict[str, dict[str, index.WordEntry]] = {}
    # The words, and the longer ones the last begins, in one round trip (the latter not needed if it is common).
    entries, longer = index.words_and_forms(session, sorted(set(words)), None if last.isdigit() else last, languages,
                                            _PREFIX_WORDS)
    for entry in entries:
        by_language.setdefault(entry.language, {})[entry.word] = entry
    common = {language: index.frequent_from(index.language_units(session, language)) for language in by_language}
    prefix = not last.isdigit() and not any(last in found and found[last].units > common[language]
                                            for language, found in by_language.items())
    forms_of_last: dict[str, list[index.WordEntry]] = {}
    if prefix:
        for entry in longer:
            forms_of_last.setdefault(entry.language, []).append(entry)
            common.setdefault(entry.language, index.frequent_from(index.language_units(session, entry.language)))
    else:
        forms_of_last = {language: [found[last]] for language, found in by_language.items() if last in found}
    chosen: dict[str, list[list[index.WordEntry]]] = {}
    for language, forms in forms_of_last.items():
        found = by_language.get(language, {})
        if any(word not in found for word in whole):
            continue
        groups = [[found[word]] for word in dict.fromkeys(whole)]
        if forms not in groups:  # "the the": one word's postings are read and intersected once
            groups.append(forms)
        sizes = sorted((sum(e.units for e in group), n) for n, group in enumerate(groups))
        # Another word's postings are read where that costs less than checking the texts of the rarest's units that
        # it leaves out (those that lack it: "their" in one unit of ten leaves out nine of ten).
        rarest, total = sizes[0][0], max(index.language_units(session, language), 1)
        chosen[language] = [groups[n] for units, n in sizes
                            if units == rarest or units <= common[language] or units <= _NARROWING * rarest * (1 - units / total)]
    return chosen, prefix


def _union(arrays: list[numpy.ndarray]) -> numpy.ndarray:
    """The ids of ascending arrays, ascending, each once (sorted: ``numpy.unique`` hashes, 25 against 0.3 ms for
    90,000 ids)."""
    if len(arrays) == 1:
        return arrays[0]
    ids = numpy.concatenate(arrays)
    ids.sort()
    return ids[numpy.concatenate(([True], ids[1:] != ids[:-1]))]


def _intersected(chosen: dict[str, list[list[index.WordEntry]]], rows: list[tuple[int, int, numpy.ndarray]]) -> numpy.ndarray:
    """The units, newest first, in every group of entries of a language (in any entry of a group), in any
    language, among postings ``rows``."""
    lists = index.by_word(rows)
    found = []
    for groups in chosen.values():
        sets = [_union([lists[e.id] for e in group if e.id in lists] or [_NONE]) for group in groups]
        if any(len(ids) == 0 for ids in sets):
            continue
        sets.sort(key=len)
        units = sets[0]
        for other in sets[1:]:
            units = _sorted_intersection(units, other)
        found.append(units)
    return _union(found or [_NONE])[::-1]


def _candidates(session: Session, chosen: dict[str, list[list[index.WordEntry]]], hits: list, limit: int) -> Iterator[numpy.ndarray]:
    """The units that may have the phrase (``_intersected``), newest first, in runs a range of unit ids; ``hits``:
    those of the runs before found to have it (all checked when the next is asked for), ``limit`` wanted.

    Where the words' postings are long (more than ``_READ_AT_ONCE`` units) or many (the forms of a prefix: a row
    an import batch each), the newest are read first, about ``_READ_AT_ONCE`` units and ``_ENTRIES_AT_ONCE``
    words' worth, then as many more as the hits so far say are needed (half again; from a quarter to four times as
    many as read, four times when none): a phrase found in many units is found in the newest, and the postings of its
    common words (hundreds of thousands of units) are not read whole.
    """
    ids = [e.id for groups in chosen.values() for group in groups for e in group]
    total = sum(e.units for groups in chosen.values() for group in groups for e in group)
    share = min(_READ_AT_ONCE / max(total, 1), _ENTRIES_AT_ONCE / len(ids))
    if share >= 1:
        yield _intersected(chosen, index.posting_rows(session, ids))
        return
    newest = index.newest_unit(session)
    low = newest - int(newest * share)
    yield _intersected(chosen, index.posting_rows(session, ids, low, None))
    while low > 1:
        read = newest + 1 - low
        more = min(max(1.5 * (limit - len(hits)) / len(hits), 0.25), 4) if hits else 4
        high, low = low, low - int(read * more) - 1
        yield _intersected(chosen, index.posting_rows(session, ids, low if low > 1 else None, high))


def _pattern(words: list[str], prefix: bool) -> re.Pattern:
    *whole, last = words
    return re.compile(r"(?<!\w)" + "".join(re.escape(w) + r"\W+" for w in whole) + re.escape(last) + (r"\w*" if prefix else r"(?!\w)"))


def _marks(text: str, pattern: re.Pattern) -> tuple[tuple[int, int], ...]:
    if pattern.search(fold(text)) is None:  # most candidates of a phrase fail here, in C
        return ()
    folded, offsets = folded_with_offsets(text)
    return tuple((offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(folded))


def _newest_first(runs: Iterator[numpy.ndarray]) -> Generator[list[int], int, None]:
    """The unit ids of descending runs, each older than the one before, in batches of the size sent (the first
    ``_CHECKED_AT_ONCE``), a run's last batch perhaps shorter: the next run is read only when they are checked."""
    size = _CHECKED_AT_ONCE
    for ids in runs:
        start = 0
        while start < len(ids):
            batch = ids[start:start + size].tolist()
            start += len(batch)
            size = yield batch


def _next_size(size: int, checked: int, found: int, wanted: int) -> int:
    """How many candidates to check next: as many as the hits so far say are needed for ``wanted`` more
    (half again for safety), at least twice as many as last time when none was found, within
    ``_CHECKED_AT_ONCE`` and ``_CHECKED_AT_MOST``: a phrase of common words, whose candidates seldom have
    the words in a row, takes two or three round trips to the database instead of six."""
    needed = size * 4 if not found else int(1.5 * wanted * checked / found)
    return max(_CHECKED_AT_ONCE, min(needed, _CHECKED_AT_MOST))


def concordance(session: Session, phrase: str, lang: str | None = None, limit: int = DEFAULT_LIMIT) -> list[Occurrence]:
    """Units with ``phrase`` in a variant (in ``lang`` only, if given), newest first, at most ``limit``."""
    words = index_words(phrase)
    if not words:
        raise BadQuery.of("memory.phrase-without-words")
    if limit < 1:
        raise BadQuery(f"the limit must be at least 1, not {limit}")
    languages = [text_language(normalize_language(lang))] if lang else None
    by_language, prefix = _chosen(session, words, languages)
    if not by_language:
        return []
    pattern = _pattern(words, prefix)
    variant, unit = Variant.__table__.c, Unit.__table__.c
    # The first candidates come with all their variants and origin: a phrase found among them (most are) takes
    # no query after. Later, larger batches read only the texts in the languages searched.
    whole = (select(variant.unit_id, variant.lang, variant.language, variant.text, unit.origin)
             .join_from(Variant.__table__, Unit.__table__, variant.unit_id == unit.id)
             .where(index.id_in(session, variant.unit_id, "ids")).order_by(variant.unit_id, variant.position))
    searched = (select(variant.unit_id, variant.lang, variant.language, variant.text, literal(None))
                .where(index.id_in(session, variant.unit_id, "ids"), variant.language.in_(bindparam("languages", expanding=True)))
                .order_by(variant.unit_id, variant.position))
    connection = session.connection()
    hits: list[tuple[int, str, str, tuple[tuple[int, int], ...]]] = []
    units: dict[int, list[tuple[str, str, str, str | None]]] = {}  # what was read of each candidate
    complete: set[int] = set()  # the candidates read with all their variants
    batches = _newest_first(_candidates(session, by_language, hits, limit))
    ids, checked = next(batches, []), 0
    if not ids:
        return []
    while True:
        query = searched if checked else whole
        for unit_id, variant_lang, language, text, origin in connection.execute(query, {"ids": ids, "languages": list(by_language)}):
            units.setdefault(unit_id, []).append((variant_lang, language, text, origin))
        if not checked:
            complete.update(ids)
        for unit_id in ids:
            for variant_lang, language, text, _ in units.get(unit_id, ()):
                marks = _marks(text, pattern) if language in by_language else ()
                if marks:
                    hits.append((unit_id, variant_lang, text, marks))
                    break
            if len(hits) >= limit:
                break
        checked += len(ids)
        if len(hits) >= limit:
            break
        try:
            ids = batches.send(_next_size(len(ids), checked, len(hits), limit - len(hits)))
        except StopIteration:
            break
    missing = [unit_id for unit_id, *_ in hits if unit_id not in complete]
    if missing:  # found in a later batch: the other variants and origin
        for unit_id in missing:
            units.pop(unit_id, None)
        for unit_id, variant_lang, language, text, origin in connection.execute(whole, {"ids": missing}):
            units.setdefault(unit_id, []).append((variant_lang, language, text, origin))
    found = []
    for unit_id, variant_lang, text, marks in hits:
        variants = units[unit_id]
        others = tuple((l, t) for l, _, t, _ in variants if (l, t) != (variant_lang, text))
        found.append(Occurrence(unit_id, variant_lang, text, marks, others, variants[0][3]))
    return found
