"""Linting many files, in parallel processes where that pays (as ruff and flake8 do).

Workers are forked after the matcher is compiled, so each inherits it without
copying; results come back in the order of the paths. Small batches and
platforms without ``fork`` are linted in this process; a single long file is
cut into pieces that the processes share (``lint_text``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import FormatError, Problem
from . import markup
from .documents import STDIN, Document, read_document
from .engine import lint_text
from .findings import Finding
from .matcher import Matcher

PARALLEL_FROM_BYTES = 1_000_000  # below this a process pool costs more than it saves


@dataclass
class FileResult:
    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class LintOptions:
    lang: str = "auto"
    kind: str = "auto"
    rules: frozenset[str] | None = None
    keep_documents: bool = False  # a worker sends each document back only when the caller needs it (--fix)


_WORKER_MATCHER: Matcher | None = None
_WORKER_OPTIONS: LintOptions | None = None


def lint_file(path: str, matcher: Matcher, options: LintOptions, jobs: int = 1) -> FileResult:
    """One file's findings; ``jobs`` processes may share a long one (see ``lint_text``)."""
    try:
        document = read_document(path)
    except FormatError as exc:
        return FileResult(path, None, problems=exc.problems)
    kind = markup.kind_for_path(path) if options.kind == "auto" else options.kind
    findings = lint_text(document.text, matcher, path=path, lang=options.lang, kind=kind, rules=options.rules, jobs=jobs)
    return FileResult(path, document, findings)


def _start_worker(matcher: Matcher, options: LintOptions) -> None:
    global _WORKER_MATCHER, _WORKER_OPTIONS
    _WORKER_MATCHER, _WORKER_OPTIONS = matcher, options


def _lint_in_worker(path: str) -> FileResult:
    result = lint_file(path, _WORKER_MATCHER, _WORKER_OPTIONS)
    if result.document is not None and not _WORKER_OPTIONS.keep_documents:
        result.document = Document(result.path, "")  # the text is not sent back: it was only read here
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def lint_files(paths: list[str], matcher: Matcher, options: LintOptions, jobs: int | None = None) -> Iterator[FileResult]:
    """Each path's result, in order."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs > 1 and len(paths) > 1 and STDIN not in paths and "fork" in multiprocessing.get_all_start_methods() \
            and _total_size(paths) >= PARALLEL_FROM_BYTES:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(paths)), initializer=_start_worker, initargs=(matcher, options)) as pool:
            yield from pool.imap(_lint_in_worker, paths, chunksize=max(1, len(paths) // (jobs * 8)))
        return
    for path in paths:  # one at a time, each long one shared out between the processes
        yield lint_file(path, matcher, options, jobs)


def _total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total
