"""Files into the memory: streamed, duplicates merged, all files of one call or none.

``import_files(session, paths, actor=...)`` reads each file with its format
(``tm.formats``) as a stream, a large one in a forked process (``tm.forked``), and
writes its units in batches inside the session's transaction, so a bad unit
anywhere (a reader raises ``FormatError`` at the end of the file, with every
problem found) or a killed process leaves the memory as it was. Memory use stays
flat: a few batches of units (``tm.prepare``), the postings of the last ``index.FLUSH_UNITS``
units, a bounded cache of word ids and, into an empty memory, the hashes added (8 bytes a unit, at most
``EXACT_KEYS`` of them).

A unit whose segments the memory already has, in the same languages (a
duplicate, in the file or in the database), is merged into the unit there (its
id stays unused):
usage counts are added, the later change and last use are kept, notes and
properties it lacks are added; its first origin, tuid and creation stay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from glossary.errors import Problem

from .bulk import BulkWriter
from .formats.base import UnitReader
from .forked import FileBatches
from .index import LANGUAGE_UNITS, IndexWriter
from .model import Origin, Posting, Unit, Variant, Word
from .prepare import (UNIT_COLUMNS, VARIANT_COLUMNS, Batch, RowMaker, db_json, entry_from_row, merge_units, utc,
                      words_of_variants)
from .records import UnitEntry

EXACT_KEYS = 4_000_000  # hashes an import into an empty memory keeps (32 MB): beyond, the database's index finds them


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


class _AddedKeys:
    """The content hashes this import added, exactly: sorted arrays of 8 bytes a hash, merged as they grow (a
    log-structured merge: a few sorted runs, each at least twice the next), so adding and looking up a batch's cost
    a few binary searches a hash. While the memory's own unique index of hashes is not built (``BulkWriter.drop_keys``)."""

    def __init__(self):
        self.runs: list[numpy.ndarray] = []
        self.count = 0

    def add(self, keys: list[int]) -> None:
        run = numpy.sort(numpy.array(keys, dtype=numpy.int64))
        while self.runs and len(self.runs[-1]) <= 2 * len(run):
            run = numpy.sort(numpy.concatenate((self.runs.pop(), run)), kind="stable")  # two sorted runs: merged
        self.runs.append(run)
        self.count += len(keys)

    def added(self, keys: list[int]) -> list[int]:
        values = numpy.array(keys, dtype=numpy.int64)
        found = numpy.zeros(len(values), dtype=bool)
        for run in self.runs:
            found |= run[numpy.minimum(numpy.searchsorted(run, values), len(run) - 1)] == values
        return [key for key, hit in zip(keys, found.tolist()) if hit]


class MemoryImport:
    """One import into the memory: any number of files, in the session's transaction."""

    def __init__(self, session: Session, actor: str | None):
        self.session, self.actor = session, actor
        self.bulk = BulkWriter(session)
        self.bulk.foreign_keys_off()
        self.bulk.lock(Unit.__table__)
        session.info.pop(LANGUAGE_UNITS, None)
        if self.bulk.is_sqlite:
            session.execute(select(1))  # the connection exists before the pragma
            self.bulk.raw.execute("PRAGMA cache_size = -32768")  # 32 MB: most of the unique index of content hashes stays in memory
        self.next_id = self.bulk.next_id(Unit.__table__)
        self.index = IndexWriter(self.bulk)
        # Into an empty memory, the unique keys are built after the rows, and duplicates are found among the hashes
        # this import added, kept here, until there are too many to keep (then the keys are built).
        self.added_keys: _AddedKeys | None = None
        if self.next_id == 1 and self.index.complete:
            self.bulk.drop_keys(Unit.__table__, Variant.__table__, Word.__table__, Posting.__table__)
            self.added_keys = _AddedKeys()
        self.now = datetime.now(timezone.utc)

    def rows(self, origin: str) -> RowMaker:
        """What makes the rows of a file's units, numbered from the next free id."""
        maker = RowMaker(self.bulk.is_sqlite, origin, self.actor, self.now)
        maker.next_id = self.next_id
        return maker

    def add(self, reader: UnitReader, origin: str) -> ImportReport:
        """Every unit of a reader's (read as it streams); ``FormatError`` if the file has problems."""
        maker = self.rows(origin)
        return self._add(reader, maker.batches((unit.content_hash(), unit) for unit in reader), origin)

    def add_file(self, path: str, progress: Callable[[int], None] | None = None, fork: bool = True) -> ImportReport:
        """A memory file, a large one read in a forked process (``tm.forked``)."""
        origin = Path(path).name
        source = FileBatches(path, self.rows(origin), progress, fork=fork)
        return self._add(source, source, origin)

    def _add(self, reader: UnitReader | FileBatches, batches: Iterable[Batch], origin: str) -> ImportReport:
        report = ImportReport(reader.path)
        for batch in batches:
            self._add_batch(batch, report)
        report.skipped.update(reader.skipped)
        report.warnings = [Problem(reader.path, None, f"{count} {kind} element(s) not kept: Tilmash has no field for them")
                           for kind, count in sorted(getattr(reader, "warnings", Counter()).items())]
        header = reader.header
        self.session.merge(Origin(name=origin, imported_at=self.now, imported_by=self.actor, header={
            "srclang": header.srclang, "props": header.props, "notes": header.notes, "attributes": header.attributes}))
        return report

    def finish(self) -> None:
        self.index.finish()
        self.bulk.build_keys()
        self.bulk.ids_given(Unit.__table__)
        self.session.flush()
        self.bulk.analyze(Unit.__table__, Variant.__table__, Word.__table__, Posting.__table__)

    def _add_batch(self, batch: Batch, report: ImportReport) -> None:
        """A batch's rows written, but for units the memory has: those are merged into them."""
        self.next_id = batch.first_id + batch.ids
        report.merged += batch.merged
        existing = self._existing(batch.keys) if batch.keys else {}
        units, variants = batch.units, batch.variants
        if existing:
            merged = {row[0] for row in units if row[1] in existing}
            units = [row for row in units if row[0] not in merged]
            variants = [row for row in variants if row[0] not in merged]
        if units:
            self.bulk.insert(Unit.__table__, UNIT_COLUMNS, units)
            self.bulk.insert(Variant.__table__, VARIANT_COLUMNS, variants)
            self._keys_added([row[1] for row in units])
            languages: Counter = Counter()
            for unit_languages, count in Counter(row[3] for row in units).items():
                for language in unit_languages.split(" "):
                    languages[language] += count
            # Where some of the batch's rows are not written, their words are not wanted.
            words = words_of_variants(variants) if existing else batch.words
            self.index.add(len(units), batch.first_id, words.items(), languages)
            report.added += len(units)
        if existing:
            self._merge(batch, existing, report)

    def _keys_added(self, keys: list[int]) -> None:
        if self.added_keys is None or not self.bulk.dropped:
            self.added_keys = None  # the keys are built (the index's cache of words was full): the database has them
        elif self.added_keys.count + len(keys) > EXACT_KEYS:
            self.bulk.build_keys()
            self.added_keys = None
        else:
            self.added_keys.add(keys)

    def _existing(self, keys: list[int]) -> dict[int, int]:
        """The ids of the units the memory has with these content hashes. While the unique keys are not built,
        only the hashes this import added are looked up, in its record of them."""
        if self.added_keys is not None and self.bulk.dropped:
            keys = self.added_keys.added(keys)
        if not keys:
            return {}
        query = select(Unit.content_hash, Unit.id).where(Unit.content_hash.in_(bindparam("keys", expanding=True)))
        return dict(self.session.execute(query, {"keys": keys}).all())

    def _merge(self, batch: Batch, existing: dict[int, int], report: ImportReport) -> None:
        """The batch's units that the memory has merged into them: usage added, the later change kept..."""
        query = select(Unit.id, Unit.usage_count, Unit.changed_at, Unit.changed_by, Unit.last_used_at, Unit.props,
                       Unit.notes).where(Unit.id.in_(bindparam("ids", expanding=True)))
        kept = {}
        for unit_id, usage, changed_at, changed_by, last_used_at, props, notes in self.session.execute(query, {"ids": list(existing.values())}):
            kept[unit_id] = UnitEntry(variants=(), usage_count=usage, changed_at=utc(changed_at), changed_by=changed_by,
                                      last_used_at=utc(last_used_at), props=tuple(tuple(p) for p in props or ()),
                                      notes=tuple(notes or ()))
        updates = []
        for row, flags in zip(batch.units, batch.flags):
            unit_id = existing.get(row[1])
            if unit_id is None:
                continue
            merged = merge_units(kept[unit_id], entry_from_row(row, flags))
            report.merged += 1
            updates.append((merged.usage_count, self.bulk.db_datetime(merged.changed_at), merged.changed_by,
                            self.bulk.db_datetime(merged.last_used_at), db_json(merged.props), db_json(merged.notes), unit_id))
        self.bulk.execute_many("UPDATE tm_units SET usage_count = ?, changed_at = ?, changed_by = ?, last_used_at = ?, "
                               "props = ?, notes = ? WHERE id = ?", updates)


def import_files(session: Session, paths: Iterable[str | Path], *, actor: str | None = None,
                 progress: Callable[[int], None] | None = None, fork: bool = True) -> list[ImportReport]:
    """Import memory files (TMX, PO as bilingual memory) in the session's transaction; the caller
    commits, or rolls back on error.

    ``progress`` is told the bytes read as reading goes (for a progress bar). A large file is
    read by a forked process (``tm.forked``); ``fork=False`` reads it here (in a process with
    threads). Raises ``FormatError`` with the problems of the first bad file.
    """
    job = MemoryImport(session, actor)
    reports = [job.add_file(str(path), progress, fork=fork) for path in paths]
    job.finish()
    return reports
