"""Many documents audited: each read, dated and counted once, in parallel, through the cache.

The documents are shared out between this process and forked ones as the lint
shares files (``lint.batch.map_files``); results come back in the order of the
paths, one small record each, so memory stays flat however large the archive.

With a cache, the paths are cut into runs of about ``RUN_LENGTH`` and groups of runs
of about ``GROUP_LENGTH`` (``_planned_groups``), and the added-up counts of each are kept too: a
run or group whose files have not changed is one record to add up again (``CachedRun``),
not one a document.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import itertools
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import FormatError
from ..fileio import decode_text, read_input_file
from ..lint import markup
from ..lint.batch import map_files
from ..lint.engine import NameUse, lint_text
from ..lint.matcher import Matcher
from .cache import ResultCache
from .dates import file_day, written_day
from .documents import DocumentAudit, count_names, from_payload, to_payload
from .report import Audit

RUN_LENGTH = 64  # documents in a run, on average
GROUP_LENGTH = 4096  # documents in a group of runs, on average (a multiple of RUN_LENGTH)


@dataclass(frozen=True)
class AuditOptions:
    lang: str = "auto"
    kind: str = "auto"
    since: datetime.date | None = None  # documents dated before are passed over (undated ones too)

    def cache_context(self, matcher: Matcher) -> str:
        """What a document's counts depend on besides its bytes and the code."""
        if matcher.cache_key is None:
            raise ValueError("the audit cache needs a matcher from the matcher cache (lint.service)")
        return f"{matcher.cache_key}|lang={self.lang}|kind={self.kind}"


def audit_file(path: str, matcher: Matcher, options: AuditOptions, cache: ResultCache | None = None) -> DocumentAudit:
    """One document's counts, from the cache when it has them.

    ``matcher`` should be compiled without shortcuts (``lint.service``), or the
    uses of a concept's only accepted form are not counted.
    """
    document = DocumentAudit(path)
    try:
        status = os.stat(path)
        document.file = (status.st_size, status.st_mtime_ns)
    except OSError:
        status = None  # reading it says why
    if cache is not None and document.file is not None:
        known = cache.known(path, *document.file)  # the same file as last time: not even read
        if known is not None:
            document.key, counts = known
            from_payload(document, counts)
            document.indexed = True
            return _dated(document, status, options)
    try:
        data = read_input_file(path)
        text = decode_text(data, path)
    except FormatError as exc:
        document.problems = exc.problems
        return document
    kind = markup.kind_for_path(path) if options.kind == "auto" else options.kind
    document.written = written_day(text, kind)
    if _dated(document, status, options).skipped:
        return document
    if cache is not None:
        document.key = cache.key(data, document.day)
        counts = cache.get(document.key)
        if counts is not None:
            from_payload(document, counts)
            return document
    uses: list[NameUse] = []
    findings = lint_text(text, matcher, path=path, lang=options.lang, kind=kind, uses=uses, date=document.day)
    count_names(document, text, kind, findings, uses)
    if cache is not None:
        document.payload = to_payload(document)
    return document


def _dated(document: DocumentAudit, status: os.stat_result | None, options: AuditOptions) -> DocumentAudit:
    """The document with its day (its own, else its file's), skipped if that is before ``--since``."""
    document.day = document.written or file_day(status)
    if options.since is not None and (document.day is None or document.day < options.since):
        document.skipped = True
        document.names, document.examples, document.findings = [], {}, 0
    return document


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
    """Documents whose counts the cache had added up (a run, a group, or the archive's first groups)."""

    documents: int


def audit_runs(paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None = None,
               cache: ResultCache | None = None) -> ArchiveRun:
    """The audit of ``paths`` (``ArchiveRun``: each document as it is done, or a ``CachedRun`` of
    documents the cache had added up, then the whole archive's ``audit``).

    With a cache, the paths are cut into runs of about ``RUN_LENGTH`` documents and groups of
    about ``GROUP_LENGTH``, and the added-up counts of each are kept as they are done; so are the
    counts of all the archive's runs but the last, keyed by a chain of the runs' keys. A second run
    over an archive that has grown at its end (new articles in a new folder) finds the counts of all
    but its last runs in one record and audits only the new documents (and adds up the run they joined
    again); with nothing new, the archive is that record and its last run's, and its report the one
    kept last time (``kept_output``).
    """
    return ArchiveRun(paths, matcher, options, jobs, cache)


class ArchiveRun:
    """Iterate for each document as it is done (its problems, for progress), or each run of documents
    the cache had added up (``CachedRun``); ``audit`` is the whole archive's once the iteration has ended.

    ``key``: what the whole archive is made of (every run's key, chained), or None without a cache or
    when a file cannot be read: a report made from this audit can be kept under it (``keep_output``)
    and given again while no file has changed (``kept_output``), without adding anything up."""

    def __init__(self, paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None,
                 cache: ResultCache | None):
        self.audit = Audit(options.since)
        self.key: bytes | None = None
        self._cache = cache
        if cache is None:
            self._items = self._uncached(paths, matcher, options, jobs)
            return
        groups = _planned_groups(paths, cache, options.since)
        every_run = [member for _, members in groups for member in members]
        prefixes = _prefix_keys([key for _, key in every_run])
        if every_run and len(prefixes) == len(every_run):
            self.key = prefixes[-1]
        self._items = self._run(groups, every_run, prefixes, matcher, options, jobs, cache)

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

    def _run(self, groups: list[tuple], every_run: list[tuple], prefixes: list[bytes], matcher: Matcher,
             options: AuditOptions, jobs: int | None, cache: ResultCache) -> Iterator[DocumentAudit | CachedRun]:
        since = options.since
        done = 0  # the archive's first runs, added up before in one record
        for count in range(len(prefixes), 0, -1):
            added = cache.chunk(prefixes[count - 1], since)
            if added is not None:
                self.audit, done = added, count
                yield CachedRun(sum(len(run) for run, _ in every_run[:count]))
                break
        # what is left: whole groups the cache has, else runs it has (a damaged group's: tried), else the documents
        plan, first = [], 0
        for group_key, members in groups:
            if first + len(members) > done:
                whole = first >= done
                group_cached = whole and group_key is not None and cache.has_chunk(group_key)
                left = [(run, key, group_cached or (key is not None and cache.has_chunk(key)))
                        for run, key in members[max(0, done - first):]]
                plan.append((group_key if whole else None, group_cached, left, first))
            first += len(members)
        todo = [path for _, group_cached, members, _ in plan if not group_cached
                for run, _, cached in members if not cached for path in run]
        documents = audit_files(todo, matcher, options, jobs, cache)
        last = len(every_run) - 1
        try:
            for group_key, group_cached, members, first in plan:
                added = cache.chunk(group_key, since) if group_cached else None
                if added is not None:
                    self.audit.merge(added)
                    yield CachedRun(sum(len(run) for run, _, _ in members))
                    continue
                group = Audit(since) if group_key is not None else None  # kept only when it is all here
                for number, (run, key, cached) in enumerate(members, max(first, done)):
                    added = cache.chunk(key, since) if cached else None
                    if added is not None:
                        yield CachedRun(len(run))
                    else:
                        added = Audit(since)
                        # its documents were planned above, unless a damaged record was (then audited here)
                        source = audit_files(run, matcher, options, 1, cache) if cached or group_cached else documents
                        for document in itertools.islice(source, len(run)):
                            added.add(document)
                            yield document
                        if key is not None and not added.problems:
                            cache.put_chunk(key, added)
                    if group is not None:
                        group.merge(added)
                    if number == last and done < number <= len(prefixes) and not self.audit.problems:
                        cache.put_chunk(prefixes[number - 1], self.audit)  # all runs but the last: where new documents go
                    self.audit.merge(added)
                if group is not None and not group.problems:
                    cache.put_chunk(group_key, group)
        finally:
            documents.close()


def _planned_groups(paths: list[str], cache: ResultCache, since: datetime.date | None) -> list[tuple]:
    """``paths`` cut into groups of runs: (key or None, [(paths of a run, key or None)]).

    A run ends after a path whose own CRC-32 is a multiple of ``RUN_LENGTH``, a group after one whose
    CRC-32 is a multiple of ``GROUP_LENGTH`` (so a group's cuts are runs' cuts), as rsync cuts a file
    into blocks by content: a file added or removed changes its own run and group only, not the cuts
    after it. A run's key is made of its files' paths, sizes and times (one ``stat`` a file; None: one
    cannot be read), a group's of its runs' keys."""
    run_length, group_length = RUN_LENGTH, GROUP_LENGTH
    groups, members, run = [], [], []
    stat = os.stat

    def cut() -> None:
        try:
            statuses = [stat(path) for path in run]
        except OSError:
            members.append((run, None))  # reading it will say why
            return
        members.append((run, cache.chunk_key(run, [s.st_size for s in statuses], [s.st_mtime_ns for s in statuses],
                                             since)))

    for path in paths:
        run.append(path)
        crc = zlib.crc32(path.encode("utf-8", "surrogateescape"))
        if crc % run_length == 0:
            cut()
            run = []
            if crc % group_length == 0:
                groups.append(members)
                members = []
    if run:
        cut()
    if members:
        groups.append(members)
    return [(None if any(key is None for _, key in members) else hashlib.sha256(b"".join(key for _, key in members)).digest(),
             members) for members in groups]


def _prefix_keys(run_keys: list[bytes | None]) -> list[bytes]:
    """The key of the archive's first run, of its first two, ... (a chain: each made of the one
    before and the next run's key), as far as the runs have keys."""
    keys, chain = [], b"archive"
    for key in run_keys:
        if key is None:
            break
        chain = hashlib.sha256(chain + key).digest()
        keys.append(chain)
    return keys
