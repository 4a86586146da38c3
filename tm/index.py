"""The word index behind fuzzy search and concordance, in the database on SQLite and PostgreSQL alike.

Each folded word (``tm.text.fold``) of each text language has a row in ``tm_words``
with the number of units whose variant in that language has it; the ids of those
units are packed in ``tm_postings`` (unsigned 32-bit, ascending, one row per import
batch). A search reads the rows of its words and counts, for each unit, how much of
the query it shares, each word weighted by its rarity; words found in more than 2%
of the units (the, and, of...) are left out, since they pick nothing out and their
lists are the long ones. Concordance intersects the lists of a phrase's words.

Why this index (measured in ``benchmarks/tm_benchmark.py``): one query reads a few
rows of packed ids, whatever the size of the memory. SQLite FTS5 ranks every unit
that has any query word, common ones included, and PostgreSQL's ``pg_trgm`` (Weblate's
choice) compares character trigrams, ten times the postings of words. The same
tables and queries run on both databases, behind ``candidates`` and ``units_with``.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy
from sqlalchemy import ARRAY, Integer, String, any_, bindparam, func, literal, select, text, union_all
from sqlalchemy.orm import Session

from .bulk import BulkWriter
from .model import Language, Posting, Unit, Word
from .prepare import UNIT_BITS, UNIT_MASK
from .words import renumber

FLUSH_UNITS = 50_000  # an import writes the postings of this many units at a time
MAX_WORD_LENGTH = 100  # longer "words" (URLs, hashes) are not indexed
FREQUENT_SHARE = 0.02  # words in more of a language's units than this share are left out of a search...
FREQUENT_FLOOR = 1_000  # ...unless that is fewer units than this (a small memory has no useless words)
RAREST_WORDS = 8  # a search counts the shared words among the query's rarest: they pick the unit out
_KNOWN_WORDS = 400_000  # word ids an import keeps at hand (about 50 MB at most)
_IN_CHUNK = 2_000  # values per IN (...) list
_COMPILED: dict = {}  # statements compiled for psycopg's binary cursor (the few that ``_binary_rows`` runs)
LANGUAGE_UNITS = "tm-language-units"  # in session.info: units per language, read once a session


@dataclass(frozen=True)
class WordEntry:
    id: int
    word: str
    language: str
    units: int


def _unpack(data: bytes) -> numpy.ndarray:
    return numpy.frombuffer(data, dtype="<u4")


class _Pending:
    """One language's postings since the last flush: (word number << 32 | unit id) for each word of each
    text, in an array a batch (repeats are dropped when they are grouped). Words are numbered in this batch of
    postings, or, given ``numbers`` and ``words`` that outlive it, by the import (their number is their id)."""

    def __init__(self, numbers: dict[str, int] | None = None, words: list | None = None):
        self.numbers: dict[str, int] = {} if numbers is None else numbers  # word -> its number
        self.words: list = [] if words is None else words  # the words in the order numbered
        self.pairs: list[numpy.ndarray] = []

    def add(self, words: list[str], pairs: numpy.ndarray) -> None:
        """A batch's words (``tm.prepare.batch_words``: the first is the separator) and pairs, numbered."""
        numbers = renumber(self.numbers, self.words, words)
        self.pairs.append((numbers[pairs >> UNIT_BITS] << UNIT_BITS) | (pairs & UNIT_MASK))

    def _pairs(self) -> numpy.ndarray:
        pairs = numpy.concatenate(self.pairs) if self.pairs else numpy.zeros(0, dtype=numpy.uint64)
        self.pairs = []
        pairs.sort()  # by word, then unit (numpy.unique hashes first: four times slower)
        if len(pairs):
            pairs = pairs[numpy.concatenate(([True], pairs[1:] != pairs[:-1]))]
        return pairs

    def grouped(self) -> tuple[list[str], list[int], bytes]:
        """The words, how many units each has, and the ids of those units packed word after word (unsigned 32-bit,
        ascending, each unit once): bytes ``4 * sum(counts[:i])`` to ``4 * sum(counts[:i + 1])`` are word ``i``'s."""
        pairs = self._pairs()
        counts = numpy.bincount((pairs >> UNIT_BITS).astype(numpy.intp), minlength=len(self.words)).tolist()
        return self.words, counts, (pairs & UNIT_MASK).astype("<u4").tobytes()

    def grouped_numbers(self) -> tuple[numpy.ndarray, numpy.ndarray, bytes]:
        """``grouped``, for the words these postings have only: their numbers, ascending, and their counts."""
        pairs = self._pairs()
        numbers = pairs >> UNIT_BITS
        starts = numpy.flatnonzero(numpy.concatenate(([True], numbers[1:] != numbers[:-1]))) if len(pairs) else numpy.zeros(0, dtype=numpy.intp)
        counts = numpy.diff(numpy.append(starts, len(pairs)))
        return numbers[starts].astype(numpy.intp), counts, (pairs & UNIT_MASK).astype("<u4").tobytes()


class IndexWriter:
    """Collects the words of the units an import adds and writes their postings every ``FLUSH_UNITS`` units.

    Into an empty index (``complete``), the import numbers the words it meets in the order met, and a word's number
    is its id (``numbered``: the words by id, ``known``: each language's numbers): a flush groups the postings by
    id in numpy, with no word looked up, and the words are written once, with all their units, when the import
    ends or when more than ``_KNOWN_WORDS`` are known (then it goes on as into an index that has words)."""

    def __init__(self, bulk: BulkWriter):
        self.bulk = bulk
        self.pending: dict[str, _Pending] = {}
        self.languages: Counter = Counter()
        self.first_unit: int | None = None
        self.units = 0
        self.known: dict[str, dict[str, int]] = {}  # language -> word -> id
        self.known_count = 0
        self.next_word_id = bulk.next_id(Word.__table__)
        self.complete = self.next_word_id == 1
        self.numbered: list[str | None] = [None]  # while complete: the words by id (no word 0)
        self.unit_counts = numpy.zeros(0, dtype=numpy.int64)  # while complete: each word id's units so far

    def add(self, units: int, first_unit: int, words: Iterable[tuple[str, tuple[list[str], numpy.ndarray]]],
            languages: Counter) -> None:
        """New units (``units`` of them, ids from ``first_unit`` on, above those of the last call): (text language,
        the words of texts in it, as ``tm.prepare.words_of_variants`` gives them), a language any number of
        times; ``languages``: units per text language."""
        if not units:
            return
        if self.first_unit is None:
            self.first_unit = first_unit
        for language, (language_words, pairs) in words:
            pending = self.pending.get(language)
            if pending is None:
                pending = self.pending[language] = (_Pending(self.known.setdefault(language, {}), self.numbered)
                                                    if self.complete else _Pending())
            pending.add(language_words, pairs)
        self.languages.update(languages)
        self.units += units
        if self.units >= FLUSH_UNITS:
            self.flush()

    def flush(self) -> None:
        if self.first_unit is None:
            return
        if self.complete:
            self._flush_numbered()
        else:
            self._flush_looked_up()
        self._count_languages()
        self.pending, self.languages, self.first_unit, self.units = {}, Counter(), None, 0

    def _flush_numbered(self) -> None:
        """The postings of words whose number is their id: their units added to ``unit_counts``."""
        numbered, rows = self.numbered, []
        if len(self.unit_counts) < len(numbered):
            self.unit_counts = numpy.concatenate((self.unit_counts, numpy.zeros(len(numbered) - len(self.unit_counts), dtype=numpy.int64)))
        for pending in self.pending.values():
            ids, counts, packed = pending.grouped_numbers()
            self.unit_counts[ids] += counts  # a word's id is in one language only
            ends = (4 * numpy.cumsum(counts)).tolist()
            starts = [0, *ends[:-1]]
            rows += [(word_id, self.first_unit, count, packed[start:end])
                     for word_id, count, start, end in zip(ids.tolist(), counts.tolist(), starts, ends)
                     if len(numbered[word_id]) <= MAX_WORD_LENGTH]
        self._write_postings(rows)
        self.next_word_id = len(numbered)
        if len(numbered) > _KNOWN_WORDS:  # too many to keep: written, and words are looked up from now on
            self._write_words()

    def _flush_looked_up(self) -> None:
        """The postings of words numbered in this flush: their ids looked up (new words written, the units of
        known ones added)."""
        new_words, updates, rows = [], [], []
        known = {language: self._word_ids(language, pending.words) for language, pending in self.pending.items()}
        first_unit = self.first_unit
        for language, pending in self.pending.items():
            ids = known[language]
            words, counts, packed = pending.grouped()
            end = 0
            for word, count in zip(words, counts):
                start = end
                end += 4 * count
                if len(word) > MAX_WORD_LENGTH:
                    continue
                word_id = ids.get(word)
                if word_id is None:
                    word_id = self.next_word_id
                    self.next_word_id += 1
                    self._remember(language, word, word_id)
                    new_words.append((word_id, word, language, count))
                else:
                    updates.append((count, word_id))
                rows.append((word_id, first_unit, count, packed[start:end]))
        self._write_postings(rows)
        self.bulk.insert(Word.__table__, ("id", "word", "language", "units"), new_words)
        self.bulk.add_to(Word.__table__, "units", updates)

    def _write_postings(self, rows: list[tuple]) -> None:
        # In the order of the table's key (word, chunk): its index is filled page by page, not at random places
        # (half the time on SQLite at a million units).
        rows.sort(key=itemgetter(0))
        self.bulk.insert(Posting.__table__, ("word_id", "chunk", "count", "units"), rows)

    def finish(self) -> None:
        self.flush()
        if self.complete:
            self._write_words()
        self.bulk.ids_given(Word.__table__)

    def _write_words(self) -> None:
        """The words numbered while the index was complete, with their units; from now on words are looked up."""
        counts = self.unit_counts
        rows = [(word_id, word, language, int(counts[word_id])) for language, ids in self.known.items()
                for word, word_id in ids.items() if len(word) <= MAX_WORD_LENGTH]
        self.bulk.insert(Word.__table__, ("id", "word", "language", "units"), sorted(rows))
        self.known.clear()
        self.numbered, self.unit_counts, self.complete = [None], numpy.zeros(0, dtype=numpy.int64), False

    def _remember(self, language: str, word: str, word_id: int) -> None:
        if self.known_count >= _KNOWN_WORDS:
            self.known.clear()
            self.known_count = 0
        self.known.setdefault(language, {})[word] = word_id
        self.known_count += 1

    def _word_ids(self, language: str, words: Iterable[str]) -> dict[str, int]:
        """Ids of the words the database already has in this language."""
        found, unknown = {}, []
        known = self.known.get(language, {})
        for word in words:
            word_id = known.get(word)
            if word_id is None:
                unknown.append(word)
            else:
                found[word] = word_id
        self.bulk.build_keys()  # the index of words (dropped when the import began) finds them
        session = self.bulk.session
        query = select(Word.word, Word.id).where(Word.language == language, id_in(session, Word.word, "words", String))
        chunk = _IN_CHUNK if self.bulk.is_sqlite else 50 * _IN_CHUNK  # PostgreSQL: one array parameter
        for start in range(0, len(unknown), chunk):
            for word, word_id in session.execute(query, {"words": unknown[start:start + chunk]}):
                found[word] = word_id
                self._remember(language, word, word_id)
        return found

    def _count_languages(self) -> None:
        session = self.bulk.session
        for language, count in self.languages.items():
            changed = session.execute(text("UPDATE tm_languages SET units = units + :n WHERE language = :language"),
                                      {"n": count, "language": language}).rowcount
            if not changed:
                session.execute(text("INSERT INTO tm_languages (language, units) VALUES (:language, :n)"),
                                {"n": count, "language": language})


# ---------------------------------------------------------------- reading

def _rows(session: Session, statement, parameters: dict | None = None):
    """A Core statement run on the session's connection (no ORM layer: a search runs several)."""
    return session.connection().execute(statement, parameters or {})


def id_in(session: Session, column, name: str, item_type=Integer):
    """``column IN (:name)`` for a list of values: on PostgreSQL one array parameter (``= ANY``), not a
    parameter a value (a thousand ids took longer to send and parse than to look up)."""
    return _id_in(session.get_bind().dialect.name, column, name, item_type)


def _id_in(dialect: str, column, name: str, item_type=Integer):
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(item_type)))
    return column.in_(bindparam(name, expanding=True))


def language_units(session: Session, language: str) -> int:
    """How many units have a variant in this text language (kept for the session: imports clear it)."""
    known = session.info.setdefault(LANGUAGE_UNITS, {})
    if language not in known:
        table = Language.__table__
        known[language] = _rows(session, select(table.c.units).where(table.c.language == language)).scalar() or 0
    return known[language]


def word_entries(session: Session, words: Sequence[str], languages: Sequence[str] | None = None) -> list[WordEntry]:
    """The index's entries for these folded words, in these text languages (None: all)."""
    if not words:
        return []
    table = Word.__table__
    query = select(table.c.id, table.c.word, table.c.language, table.c.units).where(table.c.word.in_(bindparam("words", expanding=True)))
    if languages is not None:
        query = query.where(table.c.language.in_(bindparam("languages", expanding=True)))
    rows = _rows(session, query, {"words": list(words), "languages": list(languages or ())})
    return [WordEntry(*row) for row in rows]


def words_and_forms(session: Session, words: Sequence[str], prefix: str | None, languages: Sequence[str] | None,
                    limit: int) -> tuple[list[WordEntry], list[WordEntry]]:
    """``word_entries(words, languages)`` and, unless ``prefix`` is None, the words that begin with it (itself
    included), most frequent first, at most ``limit``: one query, one round trip to the database."""
    table = Word.__table__
    columns = (table.c.id, table.c.word, table.c.language, table.c.units)
    in_languages = table.c.language.in_(bindparam("languages", expanding=True))
    parts = []
    if words:
        exact = select(*columns, literal(0).label("part")).where(table.c.word.in_(bindparam("words", expanding=True)))
        parts.append(exact if languages is None else exact.where(in_languages))
    if prefix is not None:
        starting = select(*columns).where(table.c.word >= prefix, table.c.word < prefix + "\U0010ffff")
        if languages is not None:
            starting = starting.where(in_languages)
        starting = starting.order_by(table.c.units.desc()).limit(limit).subquery()
        parts.append(select(starting, literal(1).label("part")))
    found: tuple[list[WordEntry], list[WordEntry]] = ([], [])
    if parts:
        query = parts[0] if len(parts) == 1 else union_all(*parts)
        for *values, part in _rows(session, query, {"words": list(words), "languages": list(languages or ())}):
            found[part].append(WordEntry(*values))
        found[1].sort(key=lambda entry: -entry.units)
    return found


def posting_rows(session: Session, word_ids: Sequence[int], low: int | None = None,
                 high: int | None = None) -> list[tuple[int, int, numpy.ndarray]]:
    """(word id, chunk, its unit ids ascending) of the rows of these words whose chunk is at least ``low`` and
    below ``high`` (None: no bound), by word and chunk.

    A chunk is the first unit id of an import batch, and every word of the batch has its row there: a row's
    units are from its chunk up to the next chunk any word has. So the rows from ``low`` on hold exactly each
    word's units from the least chunk among them (for all the words read) on, whatever ``low`` is."""
    if not word_ids:
        return []
    query = _postings_query(session.get_bind().dialect.name, low is not None, high is not None)
    rows = _binary_rows(session, query, {"ids": list(word_ids), "low": low, "high": high})
    return sorted(((word_id, chunk, _unpack(data)) for word_id, chunk, data in rows), key=lambda row: row[:2])


@functools.lru_cache(maxsize=None)
def _postings_query(dialect: str, low: bool, high: bool):
    table = Posting.__table__
    query = select(table.c.word_id, table.c.chunk, table.c.units).where(_id_in(dialect, table.c.word_id, "ids"))
    if low:
        query = query.where(table.c.chunk >= bindparam("low"))
    if high:
        query = query.where(table.c.chunk < bindparam("high"))
    return query


def _binary_rows(session: Session, statement, parameters: dict):
    """``_rows``, but on PostgreSQL (psycopg) with the results in binary: a ``bytea`` of packed ids comes as its
    bytes, not as hexadecimal text twice as long that both ends encode and decode (3.4 MB of postings: 2.2 against
    9 ms of the client's processor time, 13 against 64-80 ms of wall time). The statement is compiled for the
    driver as SQLAlchemy does (no expanding parameters there: ``id_in`` sends arrays)."""
    connection = session.connection()
    if connection.dialect.driver != "psycopg":
        return _rows(session, statement, parameters)
    compiled = _COMPILED.get(statement)
    if compiled is None:
        compiled = _COMPILED[statement] = statement.compile(dialect=connection.dialect)
    cursor = connection.connection.driver_connection.cursor(binary=True)
    try:
        return cursor.execute(compiled.string, compiled.construct_params(parameters)).fetchall()
    finally:
        cursor.close()


def postings(session: Session, word_ids: Sequence[int]) -> dict[int, numpy.ndarray]:
    """Each word's unit ids, ascending."""
    return by_word(posting_rows(session, word_ids))


def by_word(rows: Iterable[tuple[int, int, numpy.ndarray]]) -> dict[int, numpy.ndarray]:
    """Each word's unit ids from posting rows (``posting_rows``: word, first unit of the batch, ids), its
    batches' chunks joined in the order the rows give them."""
    chunks: dict[int, list[numpy.ndarray]] = {}
    for word_id, _, units in rows:
        chunks.setdefault(word_id, []).append(units)
    return {word_id: arrays[0] if len(arrays) == 1 else numpy.concatenate(arrays) for word_id, arrays in chunks.items()}


def newest_unit(session: Session) -> int:
    """The highest unit id (0 in an empty memory)."""
    return _rows(session, select(func.max(Unit.__table__.c.id))).scalar() or 0


def frequent_from(total_units: int) -> float:
    """The number of units from which a word is too common to pick candidates."""
    return max(FREQUENT_SHARE * total_units, FREQUENT_FLOOR)


def _postings_of_rare_words(session: Session, language: str, words: list[str], limit: float) -> list[tuple[int, int, bytes, int]]:
    """(units of the word, chunk, packed ids, word id) of the ``RAREST_WORDS`` rarest of ``words`` found in
    at most ``limit`` units: one query."""
    query = _rare_words_query(session.get_bind().dialect.name)
    return [tuple(row) for row in _binary_rows(session, query, {"words": words, "language": language, "limit": int(limit)})]


@functools.lru_cache(maxsize=None)
def _rare_words_query(dialect: str):
    word, posting = Word.__table__.c, Posting.__table__.c
    rarest = (select(word.id).where(_id_in(dialect, word.word, "words", String), word.language == bindparam("language"),
                                    word.units <= bindparam("limit"))
              .order_by(word.units, word.id).limit(RAREST_WORDS).scalar_subquery())
    return (select(word.units, posting.chunk, posting.units, word.id)
            .join_from(Word.__table__, Posting.__table__, posting.word_id == word.id)
            .where(word.id.in_(rarest)).order_by(word.id, posting.chunk))


def candidates(session: Session, language: str, words: Iterable[str], count: int) -> list[int]:
    """Up to ``count`` unit ids whose variant in ``language`` shares the most of ``words``, best first.

    Each shared word counts by its rarity (inverse document frequency), among the
    query's ``RAREST_WORDS`` rarest words; words in more than 2% of the language's
    units are left out (in the query that reads the postings), unless all are, and
    then the three rarest are used. A unit made from the query shares all but one
    or two of its words, and the rarest of them are the ones few other units have.
    """
    words = sorted(set(words))
    if not words:
        return []
    total = max(language_units(session, language), 1)
    rows = _postings_of_rare_words(session, language, words, frequent_from(total))
    if not rows:  # every word is common (or unknown): the rarest three
        rarest = sorted(word_entries(session, words, [language]), key=lambda e: e.units)[:3]
        lists = postings(session, [e.id for e in rarest])
        rows = [(e.units, 0, lists[e.id].tobytes(), e.id) for e in rarest if e.id in lists]
    if not rows:
        return []
    arrays = [_unpack(data) for _, _, data, _ in rows]
    weights = [numpy.full(len(ids), math.log(1 + total / units)) for ids, (units, *_) in zip(arrays, rows)]
    units, inverse = numpy.unique(numpy.concatenate(arrays), return_inverse=True)
    scores = numpy.bincount(inverse, weights=numpy.concatenate(weights))
    if len(units) > count:
        best = numpy.argpartition(-scores, count - 1)[:count]
    else:
        best = numpy.arange(len(units))
    best = best[numpy.lexsort((units[best], -scores[best]))]
    return [int(u) for u in units[best]]
