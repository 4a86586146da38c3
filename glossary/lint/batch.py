"""Linting many files, in parallel processes where that pays (as ruff and flake8 do).

Workers are forked after the matcher is compiled, so each inherits it without
copying. The files are cut into batches that this process and the workers take
in turn, each the next one left (a forked worker starts slower: it copies each
page of the glossary it writes a reference count on, and its caches are empty);
results come out in the order of the paths, each batch as soon as those before
it are done. Small sets of files and platforms without ``fork`` are linted in
this process; a single long file is cut into pieces that the processes share
(``lint_text``).
"""

from __future__ import annotations

import datetime
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
from .shared_counter import SharedCounter

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
    date: datetime.date | None = None  # the documents' date (default: each one's own, else today)
    keep_documents: bool = False  # a worker sends each document back only when the caller needs it (--fix)


def lint_file(path: str, matcher: Matcher, options: LintOptions, jobs: int = 1) -> FileResult:
    """One file's findings; ``jobs`` processes may share a long one (see ``lint_text``)."""
    try:
        document = read_document(path)
    except FormatError as exc:
        return FileResult(path, None, problems=exc.problems)
    kind = markup.kind_for_path(path) if options.kind == "auto" else options.kind
    findings = lint_text(document.text, matcher, path=path, lang=options.lang, kind=kind, rules=options.rules, jobs=jobs,
                         date=options.date)
    return FileResult(path, document, findings)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def lint_files(paths: list[str], matcher: Matcher, options: LintOptions, jobs: int | None = None) -> Iterator[FileResult]:
    """Each path's result, in order."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs > 1 and len(paths) > 1 and STDIN not in paths and "fork" in multiprocessing.get_all_start_methods() \
            and _total_size(paths) >= PARALLEL_FROM_BYTES:
        yield from _lint_in_processes(paths, matcher, options, jobs)
        return
    for path in paths:  # one at a time, each long one shared out between the processes
        yield lint_file(path, matcher, options, jobs)


_BATCHES_PER_JOB = 8  # more batches than processes: files are not equally long
# What forked workers inherit: the matcher, the options, the batches, the counter they take batches
# by, and the queue their results go back on.
_shared: tuple[Matcher, LintOptions, list[list[str]], SharedCounter, object] | None = None


def _lint_in_processes(paths: list[str], matcher: Matcher, options: LintOptions, jobs: int) -> Iterator[FileResult]:
    """Each path's result, in order: batches linted by this process and ``jobs - 1`` forked ones."""
    global _shared
    context = multiprocessing.get_context("fork")
    size = max(1, len(paths) // (jobs * _BATCHES_PER_JOB))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    taken, linted = SharedCounter(context), context.SimpleQueue()  # (number, results) come back on the queue
    _shared = (matcher, options, batches, taken, linted)
    try:
        with context.Pool(jobs - 1) as pool:
            workers = [pool.apply_async(_take_batches_in_worker) for _ in range(jobs - 1)]
            done: dict[int, list[FileResult] | BaseException] = {}
            following = 0  # the batch whose results come out next
            while following < len(batches):
                number = taken.take()
                if number < len(batches):
                    done[number] = [lint_file(path, matcher, options) for path in batches[number]]
                elif following not in done:  # none left to take: what comes next is being linted in a worker
                    number, results = linted.get()
                    done[number] = results
                while not linted.empty():
                    number, results = linted.get()
                    done[number] = results
                while following in done:
                    results = done.pop(following)
                    if isinstance(results, BaseException):
                        raise results
                    yield from results
                    following += 1
            for worker in workers:
                worker.get()
    finally:
        _shared = None


def _take_batches_in_worker() -> None:
    """Lint the next batch left until none is: each batch's results go back on the queue as it is done."""
    matcher, options, batches, taken, linted = _shared
    while (number := taken.take()) < len(batches):
        try:
            results = [lint_file(path, matcher, options) for path in batches[number]]
        except BaseException as exc:  # sent back, or the parent would wait for this batch for ever
            linted.put((number, exc))
            raise
        for result in results:
            if result.document is not None and not options.keep_documents:
                result.document = Document(result.path, "")  # the text is not sent back: it was only read here
        linted.put((number, results))


def _total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total
