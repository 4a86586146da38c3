"""One document read, dated and counted, through the cache: the code a document's result comes from.

The cache keys results by this module's code with ``documents``' and ``dates``' and the lint's
(``cache._COUNTING``): a change to the rest of the audit keeps them.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from ..errors import FormatError
from ..fileio import decode_text, read_input_file
from ..lint import markup
from ..lint.engine import NameUse, lint_text
from ..lint.matcher import Matcher
from .cache import ResultCache
from .dates import file_day, written_day
from .documents import DocumentAudit, count_names, from_payload, to_payload


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
