"""Many documents audited: each read, dated and counted once, in parallel, through the cache.

The documents are shared out between this process and forked ones as the lint
shares files (``lint.batch.map_files``); results come back in the order of the
paths, one small record each, so memory stays flat however large the archive.

With a cache, the paths are cut into runs of about ``RUN_LENGTH`` and groups of runs
of about ``GROUP_LENGTH`` (``runs``), and the added-up counts of each are kept too: a
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


def runs(paths: list[str], length: int = RUN_LENGTH) -> list[list[str]]:
    """``paths`` cut into runs of about ``length``, each ending after a path whose own digest says so
    (as rsync cuts a file into blocks by content): a file added or removed changes its own run only,
    not the cuts after it. A cut of a longer run (a multiple of ``length``) is a cut of shorter ones."""
    cut, current = [], []
    for path in paths:
        current.append(path)
        if zlib.crc32(path.encode("utf-8", "surrogateescape")) % length == 0:
            cut.append(current)
            current = []
    return [*cut, current] if current else cut


def audit_runs(paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None = None,
               cache: ResultCache | None = None) -> ArchiveRun:
    """The audit of ``paths`` (``ArchiveRun``: each document as it is done, or a ``CachedRun`` of
    documents the cache had added up, then the whole archive's ``audit``).

    With a cache, the paths are cut into runs of about ``RUN_LENGTH`` documents and groups of
    about ``GROUP_LENGTH``, and the added-up counts of each are kept as they are done; so are the
    counts of all the archive's runs but the last and of all of them, keyed by a chain of the runs'
    keys. A second run over an archive that has grown at its end (new articles in a new folder)
    finds the counts of all but its last runs in one record and audits only the new documents (and
    adds up the run they joined again); with nothing new, the whole archive is one record.
    """
    return ArchiveRun(paths, matcher, options, jobs, cache)


class ArchiveRun:
    """Iterate for each document as it is done (its problems, for progress), or each run of documents
    the cache had added up (``CachedRun``); ``audit`` is the whole archive's once the iteration has ended."""

    def __init__(self, paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None,
                 cache: ResultCache | None):
        self.audit = Audit(options.since)
        self._items = self._run(paths, matcher, options, jobs, cache)

    def __iter__(self) -> Iterator[DocumentAudit | CachedRun]:
        return self._items

    def close(self) -> None:
        """Stop: what was done is in the cache for the next run."""
        self._items.close()

    def _run(self, paths: list[str], matcher: Matcher, options: AuditOptions, jobs: int | None,
             cache: ResultCache | None) -> Iterator[DocumentAudit | CachedRun]:
        if cache is None:
            for document in audit_files(paths, matcher, options, jobs):
                self.audit.add(document)
                yield document
            return
        since = options.since
        groups = _planned_groups(paths, cache, since)
        every_run = [member for _, members in groups for member in members]
        prefixes = _prefix_keys([key for _, key in every_run])
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
                    if number == last and done < number <= len(prefixes):
                        self._keep(cache, prefixes[number - 1])  # all runs but the last: where new documents go
                    self.audit.merge(added)
                if group is not None and not group.problems:
                    cache.put_chunk(group_key, group)
            if len(prefixes) == len(every_run) and done < len(every_run):
                self._keep(cache, prefixes[-1])
        finally:
            documents.close()

    def _keep(self, cache: ResultCache, key: bytes) -> None:
        if not self.audit.problems:
            cache.put_chunk(key, self.audit)


def _planned_groups(paths: list[str], cache: ResultCache, since: datetime.date | None) -> list[tuple]:
    """The groups of runs of ``paths``: (key or None, [(paths of a run, key or None)]); a run's key is made
    of its files' paths, sizes and times (None: one cannot be read), a group's of its runs' keys."""
    groups = []
    for group in runs(paths, GROUP_LENGTH):
        members = []
        for run in runs(group):
            try:
                files = [(path, status.st_size, status.st_mtime_ns) for path in run for status in (os.stat(path),)]
            except OSError:
                members.append((run, None))  # reading it will say why
                continue
            members.append((run, cache.chunk_key(files, since)))
        keys = [key for _, key in members]
        groups.append((None if None in keys else hashlib.sha256(b"".join(keys)).digest(), members))
    return groups


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
