"""Many documents audited: each read, dated and counted once (``reading``), in parallel, through the cache.

The documents are shared out between this process and forked ones as the lint
shares files (``lint.batch.map_files``); results come back in the order of the
paths, one small record each, so memory stays flat however large the archive.

With a cache, the archive's totals are kept in columns (``ledger``): a file that has not
changed since the last run is neither read nor added up again (``CachedRun``); one that has
changed has its old counts taken away and its new ones added.
"""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lint.batch import map_files
from ..lint.cache import DeferredMatcher
from ..lint.matcher import Matcher
from .cache import ResultCache
from .documents import DocumentAudit, from_payload
from .reading import AuditOptions, audit_file
from .report import Audit

if TYPE_CHECKING:
    import numpy as np

    from .ledger import Changes, Ledger


def audit_files(paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None = None,
                cache: ResultCache | None = None) -> Iterator[DocumentAudit]:
    """Each path's counts, in order; new ones are kept in ``cache`` as they come (also when the
    caller stops early: what was done is there for the next run)."""
    work = functools.partial(audit_file, matcher=matcher, options=options, cache=cache)
    try:
        for document in map_files(paths, work, jobs):
            if cache is not None and document.key is not None:
                if document.payload is not None:
                    cache.put(document.key, document.payload)
                    document.payload = None
                if not document.indexed and document.file is not None:
                    cache.index(document.path, *document.file, document.key)
            yield document
    finally:
        if cache is not None:
            cache.flush()


@dataclass
class CachedRun:
    """Documents whose counts the cache's record of the archive had (unchanged since the last run)."""

    documents: int


def audit_runs(paths: list[str], matcher: Matcher | DeferredMatcher, options: AuditOptions, jobs: int | None = None,
               cache: ResultCache | None = None) -> ArchiveRun:
    """The audit of ``paths`` (``ArchiveRun``: each document as it is done, or a ``CachedRun`` of
    the documents the cache had, then the whole archive's ``audit``).

    With a cache, the archive's totals are kept as a ``ledger.Ledger`` beside the documents' results:
    a second run reads (and counts) only the files that are new or changed since (by size and time,
    one ``stat`` a file), takes away the counts of those changed or gone, and makes the report of the
    totals; with nothing new, the report is the one kept last time (``kept_output``), and a
    ``DeferredMatcher`` is not even loaded.
    """
    return ArchiveRun(paths, matcher, options, jobs, cache)


class ArchiveRun:
    """Iterate for each document as it is done (its problems, for progress), or the documents the
    cache had (``CachedRun``); ``audit`` is the whole archive's once the iteration has ended.

    ``key``: what the whole archive is made of (every file's path, size and time, in this context), or
    None without a cache or when a file cannot be read: a report made from this audit can be kept under
    it (``keep_output``) and given again while no file has changed (``kept_output``), without adding
    anything up."""

    def __init__(self, paths: list[str], matcher: Matcher | DeferredMatcher, options: AuditOptions, jobs: int | None,
                 cache: ResultCache | None):
        self.audit = Audit(options.since)
        self.key: bytes | None = None
        self._cache = cache
        if cache is None:
            self._items = self._uncached(paths, _loaded(matcher), options, jobs)
            return
        sizes, mtimes = _statuses(paths)
        if -1 not in sizes:
            self.key = cache.listing_key(paths, sizes, mtimes, options.since)
        self._items = self._run(paths, sizes, mtimes, matcher, options, jobs, cache)

    def __iter__(self) -> Iterator[DocumentAudit | CachedRun]:
        return self._items

    def close(self) -> None:
        """Stop: what was done is in the cache for the next run."""
        self._items.close()

    def kept_output(self, name: str) -> tuple[int, bytes] | None:
        """The documents audited and the output ``name`` (a format and its options) that ``keep_output``
        kept for this same archive, if any: then there is no need to iterate."""
        return self._cache.output(self.key, name) if self.key is not None else None

    def keep_output(self, name: str, documents: int, data: bytes) -> None:
        """Keep ``data``, made from ``audit`` once the iteration has ended, for the next run over the same files."""
        if self.key is not None and not self.audit.problems:
            self._cache.put_output(self.key, name, documents, data)

    def _uncached(self, paths: list[str], matcher: Matcher, options: AuditOptions,
                  jobs: int | None) -> Iterator[DocumentAudit]:
        for document in audit_files(paths, matcher, options, jobs):
            self.audit.add(document)
            yield document

    def _run(self, paths: list[str], stat_sizes: array, stat_mtimes: array, matcher: Matcher | DeferredMatcher,
             options: AuditOptions, jobs: int | None, cache: ResultCache) -> Iterator[DocumentAudit | CachedRun]:
        import numpy as np  # (not for a run that gives the report kept: ``kept_output``)

        from .ledger import AUDITED, KEY_BYTES, SKIPPED, Changes, Inexact, Ledger, to_audit

        since = options.since
        sizes, mtimes = np.frombuffer(stat_sizes, np.int64), np.frombuffer(stat_mtimes, np.int64)
        where = cache.ledger_path(since)
        old = Ledger.load(where) or Ledger()
        matched = _matched(old, paths, sizes, mtimes)
        if matched is None:  # listed in another order: its examples are the first documents of another order
            old, matched = Ledger(), np.full(len(paths), -1, np.int64)
        unchanged = matched >= 0
        files = {"sizes": sizes.copy(), "mtimes": mtimes.copy(), "keys": np.zeros((len(paths), KEY_BYTES), np.uint8),
                 "days": np.zeros(len(paths), np.int32), "findings": np.zeros(len(paths), np.int32),
                 "states": np.zeros(len(paths), np.int8)}
        for name in ("keys", "days", "findings", "states"):
            files[name][unchanged] = getattr(old, name)[matched[unchanged]]
        changes = Changes(old, paths)
        still_listed = np.zeros(len(old.paths), bool)
        still_listed[matched[unchanged]] = True
        exact = _take_away(changes, old, np.flatnonzero(~still_listed & (old.states == AUDITED)), cache)
        problems = []
        if unchanged.any():
            yield CachedRun(int(unchanged.sum()))
        todo = np.flatnonzero(~unchanged).tolist()
        if todo:
            matcher = _loaded(matcher)
        for number, document in zip(todo, audit_files([paths[n] for n in todo], matcher, options, jobs, cache)):
            if document.file is not None:  # the time it was read at
                files["sizes"][number], files["mtimes"][number] = document.file
            if document.problems:
                problems.extend(document.problems)
            else:
                day = document.day.toordinal() if document.day is not None else 0
                files["days"][number] = day
                if document.skipped:
                    files["states"][number] = SKIPPED
                else:
                    files["states"][number] = AUDITED
                    files["keys"][number] = np.frombuffer(document.key, np.uint8)
                    files["findings"][number] = document.findings
                    changes.add(document, day)
            yield document
        ledger = None
        if exact:
            try:
                ledger = changes.apply(files)
            except Inexact:
                pass
        if ledger is None:  # added up again from every document's result
            ledger = _added_up(paths, files, _loaded(matcher), options, cache)
        try:
            ledger.save(where)
        except OSError:
            pass  # the next run adds up again what changed from the record before
        self.audit = to_audit(ledger, since)
        self.audit.problems = problems


def _loaded(matcher: Matcher | DeferredMatcher) -> Matcher:
    return matcher.get() if isinstance(matcher, DeferredMatcher) else matcher


def _statuses(paths: list[str]) -> tuple[array, array]:
    """Each file's size and modification time (-1: it cannot be read)."""
    sizes, mtimes = array("q"), array("q")
    stat = os.stat
    for path in paths:
        try:
            status = stat(path)
        except OSError:
            sizes.append(-1)
            mtimes.append(-1)
            continue
        sizes.append(status.st_size)
        mtimes.append(status.st_mtime_ns)
    return sizes, mtimes


def _matched(old: Ledger, paths: list[str], sizes: np.ndarray, mtimes: np.ndarray) -> np.ndarray | None:
    """For each path, the number of its entry in ``old`` if that file is unchanged (its size and time), else -1.

    None when the files listed before are not listed in the same order (the examples kept follow it)."""
    import numpy as np

    index = {path: number for number, path in enumerate(old.paths)}
    matched = np.fromiter((index.get(path, -1) for path in paths), np.int64, len(paths))
    listed = matched[matched >= 0]
    if (np.diff(listed) <= 0).any():
        return None
    same = matched >= 0
    at = matched[same]
    same[same] = (old.sizes[at] == sizes[same]) & (old.mtimes[at] == mtimes[same]) & (old.states[at] > 0) & (sizes[same] >= 0)
    return np.where(same, matched, -1)


def _take_away(changes: Changes, old: Ledger, gone: np.ndarray, cache: ResultCache) -> bool:
    """The counts of ``old``'s documents ``gone`` (changed or no longer listed) taken away; False
    when one's result is no longer in the cache."""
    for number in gone.tolist():
        counts = cache.get(old.keys[number].tobytes())
        if counts is None:
            return False
        document = DocumentAudit(old.paths[number])
        from_payload(document, counts)
        changes.remove(document, int(old.days[number]))
    return True


def _added_up(paths: list[str], files: dict[str, np.ndarray], matcher: Matcher, options: AuditOptions,
              cache: ResultCache) -> Ledger:
    """The ledger of ``files`` made from every audited document's result (read again if the cache lost it)."""
    import numpy as np

    from .ledger import AUDITED, Changes, Ledger

    changes = Changes(Ledger(), paths)
    for number in np.flatnonzero(files["states"] == AUDITED).tolist():
        counts = cache.get(files["keys"][number].tobytes())
        document = DocumentAudit(paths[number])
        if counts is None:
            document = audit_file(paths[number], matcher, options, cache)
        else:
            from_payload(document, counts)
        changes.add(document, int(files["days"][number]))
    return changes.apply(files)
