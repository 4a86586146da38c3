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
    """The added-up counts of a run of documents, from the cache."""

    audit: Audit
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
               cache: ResultCache | None = None) -> Iterator[DocumentAudit | CachedRun]:
    """What ``audit_files`` gives, in order, but a run of documents that the cache has added up
    before (the same paths, sizes and times) as one ``CachedRun``. Runs of about ``RUN_LENGTH``
    documents, grouped in runs of about ``GROUP_LENGTH``, are added up and kept as they are done."""
    if cache is None:
        yield from audit_files(paths, matcher, options, jobs)
        return
    since = options.since
    groups = []  # (key or None, whether the cache has it, [[paths of a run, key or None, whether the cache has it]])
    for group in runs(paths, GROUP_LENGTH):
        members = []
        for run in runs(group):
            try:
                files = [(path, status.st_size, status.st_mtime_ns) for path in run for status in (os.stat(path),)]
            except OSError:
                members.append((run, None, False))  # reading it will say why
                continue
            key = cache.chunk_key(files, since)
            members.append((run, key, cache.has_chunk(key)))
        keys = [key for _, key, _ in members]
        group_key = None if None in keys else hashlib.sha256(b"".join(keys)).digest()
        groups.append((group_key, group_key is not None and cache.has_chunk(group_key), members))
    todo = [path for _, group_cached, members in groups if not group_cached
            for run, _, cached in members if not cached for path in run]
    documents = audit_files(todo, matcher, options, jobs, cache)
    try:
        for group_key, group_cached, members in groups:
            added = cache.chunk(group_key, since) if group_cached else None
            if added is not None:
                yield CachedRun(added, sum(len(run) for run, _, _ in members))
                continue
            group = Audit(since)
            for run, key, cached in members:
                added = cache.chunk(key, since) if cached else None
                if added is not None:
                    yield CachedRun(added, len(run))
                else:
                    added = Audit(since)
                    # its documents were planned above, unless a damaged record was (then audited here)
                    source = audit_files(run, matcher, options, 1, cache) if cached or group_cached else documents
                    for document in itertools.islice(source, len(run)):
                        added.add(document)
                        yield document
                    if key is not None and not added.problems:
                        cache.put_chunk(key, added)
                group.merge(added)
            if group_key is not None and not group.problems:
                cache.put_chunk(group_key, group)
    finally:
        documents.close()
