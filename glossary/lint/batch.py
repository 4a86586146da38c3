"""Linting many files, in parallel processes where that pays (as ruff and flake8 do).

Workers are forked after the matcher is compiled, so each inherits it without
copying. ``map_files`` does the same for any work on each file (``tilmash audit``). The files are cut into batches that this process and the workers take
in turn, each the next one left (a forked worker starts slower: it copies each
page of the glossary it writes a reference count on, and its caches are empty);
results come out in the order of the paths, each batch as soon as those before
it are done. Small sets of files and platforms without ``fork`` are linted in
this process; a single long file is cut into pieces that the processes share
(``lint_text``).
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import FormatError, Problem
from . import markup
from .documents import STDIN, Document, read_document
from .engine import lint_text
from .findings import Finding
from .fixing import Fixed, fix_text
from .matcher import Matcher
from .shared_counter import SharedCounter, can_fork, fork_context

PARALLEL_FROM_BYTES = 1_000_000  # below this a process pool costs more than it saves


@dataclass
class FileResult:
    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)  # with ``fix``: the findings not fixed
    problems: list[Problem] = field(default_factory=list)
    fixed: Fixed | None = None  # with ``fix``: the text with the fixes in place
    applied: list[Finding] = field(default_factory=list)  # with ``fix``: the findings fixed


@dataclass(frozen=True)
class LintOptions:
    lang: str = "auto"
    kind: str = "auto"
    rules: frozenset[str] | None = None
    date: datetime.date | None = None  # the documents' date (default: each one's own, else today)
    keep_documents: bool = False  # a worker sends each document back only when the caller needs it (--fix)
    fix: bool = False  # put the fixes that hold in place (``fixing``)


def lint_file(path: str, matcher: Matcher, options: LintOptions, jobs: int = 1) -> FileResult:
    """One file's findings; ``jobs`` processes may share a long one (see ``lint_text``)."""
    try:
        document = read_document(path)
    except FormatError as exc:
        return FileResult(path, None, problems=exc.problems)
    kind = markup.kind_for_path(path) if options.kind == "auto" else options.kind
    if options.fix:
        fixed = fix_text(document.text, matcher, path=path, lang=options.lang, kind=kind, rules=options.rules, jobs=jobs,
                         date=options.date)
        return FileResult(path, document, fixed.left, fixed=fixed, applied=fixed.applied)
    findings = lint_text(document.text, matcher, path=path, lang=options.lang, kind=kind, rules=options.rules, jobs=jobs,
                         date=options.date)
    return FileResult(path, document, findings)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def lint_files(paths: list[str], matcher: Matcher, options: LintOptions, jobs: int | None = None) -> Iterator[FileResult]:
    """Each path's result, in order."""
    jobs = default_jobs() if jobs is None else jobs
    if _worth_forking(paths, jobs):
        yield from _in_processes(paths, functools.partial(_lint_file_in_batch, matcher=matcher, options=options), jobs)
        return
    for path in paths:  # one at a time, each long one shared out between the processes
        yield lint_file(path, matcher, options, jobs)


def _lint_file_in_batch(path: str, matcher: Matcher, options: LintOptions) -> FileResult:
    result = lint_file(path, matcher, options)
    if result.document is not None and not options.keep_documents:
        result.document = Document(result.path, "")  # the text is not sent back from a worker: it was only read there
    return result


Result = TypeVar("Result")


def map_files(paths: list[str], work: Callable[[str], Result], jobs: int | None = None) -> Iterator[Result]:
    """``work(path)`` of each path, in order: shared out between this process and forked ones as
    ``lint_files`` does (``work`` and what it refers to are inherited, not copied or pickled;
    its results are pickled back)."""
    jobs = default_jobs() if jobs is None else jobs
    if _worth_forking(paths, jobs):
        yield from _in_processes(paths, work, jobs)
    else:
        yield from map(work, paths)


def _worth_forking(paths: list[str], jobs: int) -> bool:
    return jobs > 1 and len(paths) > 1 and STDIN not in paths and can_fork() \
        and _total_size(paths) >= PARALLEL_FROM_BYTES


_BATCHES_PER_JOB = 8  # more batches than processes: files are not equally long
_MOST_PER_BATCH = 100  # and never so long that results come out by the thousand (an archive of 100,000 files)
# What forked workers inherit: the work, the batches, the counter they take batches by, and the
# queue their results go back on.
_shared: tuple[Callable[[str], object], list[list[str]], SharedCounter, object] | None = None


def _in_processes(paths: list[str], work: Callable[[str], Result], jobs: int) -> Iterator[Result]:
    """Each path's result, in order: batches done by this process and ``jobs - 1`` forked ones."""
    global _shared
    context = fork_context()
    size = max(1, min(_MOST_PER_BATCH, len(paths) // (jobs * _BATCHES_PER_JOB)))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    taken, linted = SharedCounter(context), context.SimpleQueue()  # (number, results) come back on the queue
    _shared = (work, batches, taken, linted)
    try:
        with context.Pool(jobs - 1) as pool:
            workers = [pool.apply_async(_take_batches_in_worker) for _ in range(jobs - 1)]
            done: dict[int, list[Result] | BaseException] = {}
            following = 0  # the batch whose results come out next
            while following < len(batches):
                number = taken.take()
                if number < len(batches):
                    done[number] = [work(path) for path in batches[number]]
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
    """Work on the next batch left until none is: each batch's results go back on the queue as it is done."""
    work, batches, taken, linted = _shared
    while (number := taken.take()) < len(batches):
        try:
            results = [work(path) for path in batches[number]]
        except BaseException as exc:  # sent back, or the parent would wait for this batch for ever
            linted.put((number, exc))
            raise
        linted.put((number, results))


def _total_size(paths: list[str]) -> int:
    """The files' total size, counted up to ``PARALLEL_FROM_BYTES`` (all that matters)."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
        if total >= PARALLEL_FROM_BYTES:
            break
    return total
