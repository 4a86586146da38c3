"""Files into the memory: streamed, duplicates merged, all files of one call or none.

``import_files(session, paths, actor=...)`` reads each file with its format
(``tm.formats``) as a stream, a large one in a forked process (``tm.forked``), and
writes its units in batches inside the session's transaction, so a bad unit
anywhere (a reader raises ``FormatError`` at the end of the file, with every
problem found) or a killed process leaves the memory as it was. Memory use stays
flat: a few batches of units, the postings of the last ``index.FLUSH_UNITS``
units, a bounded cache of word ids and an 8 MB filter of the hashes added.

A unit whose segments the memory already has, in the same languages (a
duplicate, in the file or in the database), is merged into the unit there:
usage counts are added, the later change and last use are kept, notes and
properties it lacks are added; its first origin, tuid and creation stay.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from glossary.errors import Problem
from glossary.lint.matcher import text_language

from .bulk import BulkWriter
from .formats.base import UnitReader
from .forked import KeyedUnits
from .index import LANGUAGE_UNITS, IndexWriter
from .model import Origin, Posting, Unit, Variant, Word
from .records import UnitEntry

BATCH = 2_000  # units looked up, merged and written together

_UNIT_COLUMNS = ("id", "content_hash", "origin", "languages", "tuid", "srclang", "created_at", "created_by", "changed_at",
                 "changed_by", "added_at", "usage_count", "last_used_at", "props", "notes", "attributes")
_VARIANT_COLUMNS = ("unit_id", "position", "lang", "language", "text", "markup", "props", "notes", "attributes")


@dataclass
class ImportReport:
    """What one file did to the memory."""

    path: str
    added: int = 0
    merged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> units
    warnings: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        line = f"{self.path}: {self.added:,} units added, {self.merged:,} merged"
        skipped = sum(self.skipped.values())
        line += f", {skipped:,} skipped"
        if skipped:
            line += " (" + ", ".join(f"{count:,} {why}" for why, count in sorted(self.skipped.items())) + ")"
        return line


def _utc(value: datetime | None) -> datetime | None:
    """Datetimes as both databases give them back: SQLite's have no time zone (they are UTC)."""
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    a, b = _utc(a), _utc(b)
    return max(a, b) if a and b else a or b


def _union(first: Sequence, second: Sequence) -> list:
    known = [tuple(x) if isinstance(x, list) else x for x in first]
    return [*known, *(x for x in second if x not in known)]


def merge_units(kept: UnitEntry, duplicate: UnitEntry) -> UnitEntry:
    """``kept`` with what ``duplicate`` adds: usage, the later change and use, notes and properties it lacks."""
    return kept._replace(
        usage_count=kept.usage_count + duplicate.usage_count,
        changed_at=_later(kept.changed_at, duplicate.changed_at),
        changed_by=duplicate.changed_by if _utc(duplicate.changed_at or kept.changed_at) != _utc(kept.changed_at) else kept.changed_by,
        last_used_at=_later(kept.last_used_at, duplicate.last_used_at),
        props=tuple(_union(kept.props, duplicate.props)),
        notes=tuple(_union(kept.notes, duplicate.notes)),
    )


class _AddedKeys:
    """The content hashes this import added, in a Bloom filter: where it says a hash is new, it is,
    and no query is needed (it errs the other way one time in thousands at a million units)."""

    BITS = 1 << 26  # 8 MB
    _MULTIPLIERS = numpy.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=numpy.uint64)

    def __init__(self):
        self.bits = numpy.zeros(self.BITS // 8, dtype=numpy.uint8)

    def _positions(self, keys: list[int]) -> numpy.ndarray:
        values = numpy.array(keys, dtype=numpy.int64).view(numpy.uint64)
        return (values[:, None] * self._MULTIPLIERS[None, :]) >> numpy.uint64(64 - 26)

    def maybe_added(self, keys: list[int]) -> list[int]:
        positions = self._positions(keys)
        present = (self.bits[positions >> numpy.uint64(3)] >> (positions & numpy.uint64(7)).astype(numpy.uint8)) & 1
        return [key for key, hit in zip(keys, present.all(axis=1).tolist()) if hit]

    def add(self, keys: list[int]) -> None:
        if keys:
            positions = self._positions(keys).ravel()
            numpy.bitwise_or.at(self.bits, positions >> numpy.uint64(3), (1 << (positions & numpy.uint64(7))).astype(numpy.uint8))


class MemoryImport:
    """One import into the memory: any number of files, in the session's transaction."""

    def __init__(self, session: Session, actor: str | None):
        self.session, self.actor = session, actor
        self.bulk = BulkWriter(session)
        self.bulk.lock(Unit.__table__)
        session.info.pop(LANGUAGE_UNITS, None)
        if self.bulk.is_sqlite:
            session.execute(select(1))  # the connection exists before the pragma
            self.bulk.raw.execute("PRAGMA cache_size = -32768")  # 32 MB: most of the unique index of content hashes stays in memory
        self.next_id = self.bulk.next_id(Unit.__table__)
        self.was_empty = self.next_id == 1
        self.added_keys = _AddedKeys()
        self.index = IndexWriter(self.bulk)
        self.now = datetime.now(timezone.utc)

    def add(self, reader: UnitReader | KeyedUnits, origin: str) -> ImportReport:
        """Every unit of one file (read as it streams); ``FormatError`` if the file has problems.

        ``reader`` yields units, or (content hash, unit) pairs (``tm.forked.KeyedUnits``)."""
        report = ImportReport(reader.path)
        batch: list[tuple[int, UnitEntry]] = []
        for item in reader:
            batch.append(item if isinstance(item[0], int) else (item.content_hash(), item))
            if len(batch) >= BATCH:
                self._add_batch(batch, origin, report)
                batch = []
        self._add_batch(batch, origin, report)
        report.skipped.update(reader.skipped)
        report.warnings = [Problem(reader.path, None, f"{count} {kind} element(s) not kept: Tilmash has no field for them")
                           for kind, count in sorted(getattr(reader, "warnings", Counter()).items())]
        header = reader.header
        self.session.merge(Origin(name=origin, imported_at=self.now, imported_by=self.actor, header={
            "srclang": header.srclang, "props": header.props, "notes": header.notes, "attributes": header.attributes}))
        return report

    def finish(self) -> None:
        self.index.finish()
        self.bulk.ids_given(Unit.__table__)
        self.session.flush()
        self.bulk.analyze(Unit.__table__, Variant.__table__, Word.__table__, Posting.__table__)

    def _add_batch(self, batch: list[tuple[int, UnitEntry]], origin: str, report: ImportReport) -> None:
        if not batch:
            return
        units: dict[int, UnitEntry] = {}
        for key, unit in batch:
            if key in units:
                units[key] = merge_units(units[key], unit)
                report.merged += 1
            else:
                units[key] = unit
        existing = self._existing(list(units))
        new_units, new_variants, updates = [], [], []
        texts: dict[str, tuple[list[int], list[str]]] = {}  # text language -> (unit id, text) of the new variants
        languages: Counter = Counter()  # text language -> new units with a variant in it
        db_datetime, db_json = self.bulk.db_datetime, self.bulk.db_json
        now = db_datetime(self.now)
        first_id = self.next_id
        for key, unit in units.items():
            found = existing.get(key)
            if found is not None:
                unit_id, kept = found
                merged = merge_units(kept, unit)
                report.merged += 1
                updates.append((merged.usage_count, db_datetime(merged.changed_at), merged.changed_by,
                                db_datetime(merged.last_used_at), db_json(merged.props), db_json(merged.notes), unit_id))
                continue
            unit_id = self.next_id
            self.next_id += 1
            created_at = db_datetime(unit.created_at) if unit.created_at else now
            created_by = unit.created_by or self.actor
            variant_languages = _text_languages(tuple(v[0] for v in unit.variants))
            for position, ((lang, text, markup, props, notes, attributes), language) in enumerate(zip(unit.variants, variant_languages)):
                new_variants.append((unit_id, position, lang, language, text, markup, (db_json(props) if props else None),
                                     (db_json(notes) if notes else None), (db_json(attributes) if attributes else None)))
                language_texts = texts.get(language)
                if language_texts is None:
                    language_texts = texts[language] = ([], [])
                language_texts[0].append(unit_id)
                language_texts[1].append(text)
            unit_languages = _unit_languages(variant_languages)
            languages[unit_languages] += 1
            new_units.append((
                unit_id, key, origin, unit_languages, unit.tuid, unit.srclang, created_at, created_by,
                db_datetime(unit.changed_at) if unit.changed_at else created_at, unit.changed_by or created_by, now,
                unit.usage_count, db_datetime(unit.last_used_at), (db_json(unit.props) if unit.props else None),
                (db_json(unit.notes) if unit.notes else None), (db_json(unit.attributes) if unit.attributes else None),
            ))
            report.added += 1
        per_language: Counter = Counter()
        for unit_languages, count in languages.items():
            for language in unit_languages.split(" "):
                per_language[language] += count
        self.index.add(len(new_units), first_id, texts, per_language)
        self.added_keys.add([row[1] for row in new_units])
        self.bulk.insert(Unit.__table__, _UNIT_COLUMNS, new_units)
        self.bulk.insert(Variant.__table__, _VARIANT_COLUMNS, new_variants)
        self.bulk.execute_many("UPDATE tm_units SET usage_count = ?, changed_at = ?, changed_by = ?, last_used_at = ?, "
                               "props = ?, notes = ? WHERE id = ?", updates)

    def _existing(self, keys: list[int]) -> dict[int, tuple[int, UnitEntry]]:
        """The units the memory has with these content hashes, as (id, what merging needs). Into an
        empty memory, only the hashes the filter of added ones may hold are looked up."""
        if self.was_empty:
            keys = self.added_keys.maybe_added(keys)
        if not keys:
            return {}
        query = select(Unit.content_hash, Unit.id, Unit.usage_count, Unit.changed_at, Unit.changed_by, Unit.last_used_at,
                       Unit.props, Unit.notes).where(Unit.content_hash.in_(bindparam("keys", expanding=True)))
        found = {}
        for key, unit_id, usage, changed_at, changed_by, last_used_at, props, notes in self.session.execute(query, {"keys": keys}):
            found[key] = unit_id, UnitEntry(variants=(), usage_count=usage, changed_at=_utc(changed_at), changed_by=changed_by,
                                            last_used_at=_utc(last_used_at), props=tuple(tuple(p) for p in props or ()),
                                            notes=tuple(notes or ()))
        return found


@functools.lru_cache(maxsize=256)
def _text_languages(langs: tuple[str, ...]) -> tuple[str, ...]:
    """The text language of each of a unit's variants (``en`` for ``en-US``)."""
    return tuple(text_language(lang) for lang in langs)


@functools.lru_cache(maxsize=256)
def _unit_languages(languages: tuple[str, ...]) -> str:
    """The unit's text languages, sorted, as ``tm_units.languages`` has them: "en ru"."""
    return " ".join(sorted(set(languages)))


def import_files(session: Session, paths: Iterable[str | Path], *, actor: str | None = None,
                 progress: Callable[[int], None] | None = None, fork: bool = True) -> list[ImportReport]:
    """Import memory files (TMX, PO as bilingual memory) in the session's transaction; the caller
    commits, or rolls back on error.

    ``progress`` is told the bytes read as reading goes (for a progress bar). A large file is
    read by a forked process (``tm.forked``); ``fork=False`` reads it here (in a process with
    threads). Raises ``FormatError`` with the problems of the first bad file.
    """
    job = MemoryImport(session, actor)
    reports = [job.add(KeyedUnits(str(path), progress, fork=fork), Path(path).name) for path in paths]
    job.finish()
    return reports
