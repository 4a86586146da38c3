"""Units made into the database's rows, in batches, where the file is read: what an import writes.

A large file is read in a forked process (``tm.forked``) that also does this work, so
that the process writing to the database has little left per unit: each batch comes
with its unit and variant rows ready for the driver (ids included: the units of a file
are numbered in the order read from the id the import gave, so a unit merged into
another leaves its number unused) and the words of its variants for the index
(``words_of_variants``: folded and cut a batch at a time, in one compiled pass; sent as a list of
the batch's distinct words and an array of numbers, cheap to pickle). The writer has
the database's share (its inserts, the index's postings), the larger one: so this
process finds the words of all variants, not only of the first ones. Units
repeated within a batch are merged here (``merge_units``); the writer merges those the
database already has (and then finds all the words of the rows it writes itself).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple

import numpy

from glossary.lint.matcher import text_language

from .records import UnitEntry
from . import words
from .words import split_texts

BATCH = 2_000  # units a batch: read, merged, written together

UNIT_COLUMNS = ("id", "content_hash", "origin", "languages", "tuid", "srclang", "created_at", "created_by", "changed_at",
                "changed_by", "added_at", "usage_count", "last_used_at", "props", "notes", "attributes")
VARIANT_COLUMNS = ("unit_id", "position", "lang", "language", "text", "markup", "props", "notes", "attributes")
CHANGED_AT_GIVEN, CHANGED_BY_GIVEN = 1, 2  # flags of a unit row: what the file said (the row has defaults)

UNIT_BITS = numpy.uint64(words.UNIT_BITS)  # a word's number above, the unit's id below
UNIT_MASK = numpy.uint64(0xFFFFFFFF)


# ---------------------------------------------------------------- values as the database stores them

def db_datetime(value: datetime | None, is_sqlite: bool) -> Any:
    """A datetime as the database stores it (SQLite: SQLAlchemy's text format, in UTC, which it parses back)."""
    if value is None or not is_sqlite:
        return value
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return str(value)  # 2025-05-21 09:30:00[.123456]


def db_json(value: Sequence | None) -> str | None:
    """A list (tuples become lists) as JSON text, or NULL for an empty one."""
    return json.dumps(value, ensure_ascii=False) if value else None


def utc(value: datetime | str | None) -> datetime | None:
    """Datetimes as both databases give them back (SQLite's have no time zone: they are UTC), or as a row has them."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


# ---------------------------------------------------------------- merging duplicates

def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    a, b = utc(a), utc(b)
    return max(a, b) if a and b else a or b


def _union(first: Sequence, second: Sequence) -> list:
    known = [tuple(x) if isinstance(x, list) else x for x in first]
    return [*known, *(x for x in second if x not in known)]


def merge_units(kept: UnitEntry, duplicate: UnitEntry) -> UnitEntry:
    """``kept`` with what ``duplicate`` adds: usage, the later change and use, notes and properties it lacks."""
    return kept._replace(
        usage_count=kept.usage_count + duplicate.usage_count,
        changed_at=_later(kept.changed_at, duplicate.changed_at),
        changed_by=duplicate.changed_by if utc(duplicate.changed_at or kept.changed_at) != utc(kept.changed_at) else kept.changed_by,
        last_used_at=_later(kept.last_used_at, duplicate.last_used_at),
        props=tuple(_union(kept.props, duplicate.props)),
        notes=tuple(_union(kept.notes, duplicate.notes)),
    )


def entry_from_row(row: Sequence, flags: int) -> UnitEntry:
    """What merging needs of a unit, from its row (``flags``: whether the file gave its change time and user)."""
    return UnitEntry(variants=(), usage_count=row[11], changed_at=utc(row[8]) if flags & CHANGED_AT_GIVEN else None,
                     changed_by=row[9] if flags & CHANGED_BY_GIVEN else None, last_used_at=utc(row[12]),
                     props=tuple(tuple(p) for p in json.loads(row[13] or "[]")), notes=tuple(json.loads(row[14] or "[]")))


# ---------------------------------------------------------------- batches

class Batch(NamedTuple):
    first_id: int  # the id of its first unit read (a merged unit's id is not used)
    ids: int  # the ids it took: first_id to first_id + ids - 1
    keys: list[int]  # each unit row's content hash
    units: list[tuple]  # rows of tm_units (UNIT_COLUMNS), one per content hash
    flags: bytes  # each unit row's CHANGED_AT_GIVEN, CHANGED_BY_GIVEN
    variants: list[tuple]  # rows of tm_variants (VARIANT_COLUMNS)
    merged: int  # units merged into another of the batch
    read_bytes: int  # of the file, since the last batch
    words: dict[str, tuple[list[str], numpy.ndarray]]  # the words of its variant rows (``words_of_variants``)


def words_of_variants(rows: Sequence[tuple]) -> dict[str, tuple[list[str], numpy.ndarray]]:
    """The words of variant rows (``VARIANT_COLUMNS``) per text language, as ``batch_words`` gives them."""
    return {language: batch_words([row[0] for row in rows if row[3] == language], [row[4] for row in rows if row[3] == language])
            for language in {row[3] for row in rows}}


def batch_words(unit_ids: Sequence[int], texts: Sequence[str]) -> tuple[list[str], numpy.ndarray]:
    """The folded words of texts (``unit_ids[i]``: the unit of ``texts[i]``): the words, the first one the
    separator, and (word number << 32 | unit id) for each word of each text, repeats included.
    The texts are folded and cut in one compiled pass (``tm.words.split_texts``)."""
    return split_texts(list(texts), list(unit_ids))


class RowMaker:
    """Rows of one file's units, as an import into this database writes them."""

    def __init__(self, is_sqlite: bool, origin: str, actor: str | None, now: datetime):
        self.is_sqlite, self.origin, self.actor = is_sqlite, origin, actor
        self.now = db_datetime(now, is_sqlite)
        self.next_id = 1

    def batches(self, units: Iterable[tuple[int, UnitEntry]], read_bytes=lambda: 0) -> Iterator[Batch]:
        """``units``: (content hash, unit) pairs; ``read_bytes()``: bytes of the file read so far."""
        pending, sent = [], 0
        for item in units:
            pending.append(item)
            if len(pending) >= BATCH:
                read = read_bytes()
                yield self.batch(pending, read - sent)
                pending, sent = [], read
        yield self.batch(pending, read_bytes() - sent)

    def batch(self, items: list[tuple[int, UnitEntry]], read_bytes: int) -> Batch:
        first_id = self.next_id
        self.next_id += len(items)
        units: dict[int, tuple[int, UnitEntry]] = {}
        for unit_id, (key, unit) in enumerate(items, first_id):
            if key in units:
                kept_id, kept = units[key]
                units[key] = kept_id, merge_units(kept, unit)
            else:
                units[key] = unit_id, unit
        sqlite, origin, now = self.is_sqlite, self.origin, self.now
        unit_rows, flags, variant_rows = [], bytearray(), []
        for key, (unit_id, unit) in units.items():
            created_at = db_datetime(unit.created_at, sqlite) if unit.created_at else now
            created_by = unit.created_by or self.actor
            variant_languages = _text_languages(tuple(v[0] for v in unit.variants))
            for position, ((lang, text, markup, props, notes, attributes), language) in enumerate(zip(unit.variants, variant_languages)):
                variant_rows.append((unit_id, position, lang, language, text, markup, (db_json(props) if props else None),
                                     (db_json(notes) if notes else None), (db_json(attributes) if attributes else None)))
            unit_rows.append((
                unit_id, key, origin, _unit_languages(variant_languages), unit.tuid, unit.srclang, created_at, created_by,
                db_datetime(unit.changed_at, sqlite) if unit.changed_at else created_at, unit.changed_by or created_by, now,
                unit.usage_count, db_datetime(unit.last_used_at, sqlite), (db_json(unit.props) if unit.props else None),
                (db_json(unit.notes) if unit.notes else None), (db_json(unit.attributes) if unit.attributes else None),
            ))
            flags.append((CHANGED_AT_GIVEN if unit.changed_at else 0) | (CHANGED_BY_GIVEN if unit.changed_by else 0))
        return Batch(first_id, len(items), list(units), unit_rows, bytes(flags), variant_rows, len(items) - len(units), read_bytes,
                     words_of_variants(variant_rows))


@functools.lru_cache(maxsize=256)
def _text_languages(langs: tuple[str, ...]) -> tuple[str, ...]:
    """The text language of each of a unit's variants (``en`` for ``en-US``)."""
    return tuple(text_language(lang) for lang in langs)


@functools.lru_cache(maxsize=256)
def _unit_languages(languages: tuple[str, ...]) -> str:
    """The unit's text languages, sorted, as ``tm_units.languages`` has them: "en ru"."""
    return " ".join(sorted(set(languages)))
