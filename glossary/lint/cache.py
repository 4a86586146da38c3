"""Compiled matchers, cached in memory and on disk, keyed by the glossary's revision.

Compiling a large glossary takes seconds; the web app and repeated CLI runs
must not pay that each time. A matcher is found by a key that changes with
the glossary (database revision, or the glossary file's content), the house
style and the engine's own code, so a stale matcher is never used. On disk a
matcher is a ``matcher_file``: flat tables, its forms made as a text needs them.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from ..fileio import write_atomically
from . import matcher_file
from .collector import collector_paused
from .matcher import Matcher

_MEMORY: OrderedDict[str, Matcher] = OrderedDict()
_MEMORY_SIZE = 8
_LOCK = threading.Lock()


def _code_fingerprint() -> str:
    """Changes whenever the code that builds matchers changes, released or not."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for name in sorted(("matcher.py", "matcher_file.py", "tables.py", "scan.py", "near_misses.py", "russian.py", "turkic.py", "text.py", "../records.py", "../validation.py")):
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:16]


_CODE = _code_fingerprint()


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tilmash" / "matchers"


class DeferredMatcher:
    """A compiled matcher's ``cache_key``, and the matcher itself only when first asked for (``get``:
    loaded from the disk cache, or compiled): for a caller that may find all it needs under the key (the
    audit's report of an archive that has not changed since the last run, kept under a key made with it)."""

    def __init__(self, key: str, load: Callable[[], Matcher]):
        self.cache_key = key
        self._load = load
        self._matcher: Matcher | None = None

    def get(self) -> Matcher:
        if self._matcher is None:
            self._matcher = self._load()
        return self._matcher


def compiled_matcher(source: str, style: str | None, build: Callable[[], Matcher], *,
                     deferred: bool = False) -> Matcher | DeferredMatcher:
    """The matcher for ``source`` (a string naming the glossary and its revision) in ``style``,
    its ``cache_key`` set (what the results of other caches made with it are keyed by); ``deferred``:
    a ``DeferredMatcher`` of it."""
    key = hashlib.sha256(f"{_CODE}|{source}|{style or ''}".encode()).hexdigest()
    if deferred:
        return DeferredMatcher(key, lambda: compiled_matcher(source, style, build))
    with _LOCK:
        if key in _MEMORY:
            _MEMORY.move_to_end(key)
            return _MEMORY[key]
    matcher = _load(key)
    if matcher is None:
        matcher = build()
        _store(key, matcher)
    matcher.cache_key = key
    with _LOCK:
        _MEMORY[key] = matcher
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)
    return matcher


def _path(key: str) -> Path:
    return cache_folder() / f"{key}.matcher"


def _load(key: str) -> Matcher | None:
    try:
        with _path(key).open("rb") as handle:  # mapped: its pages are read as the tables are used
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_COPY)  # (writable views, never written)
        with collector_paused():
            return matcher_file.loads(data)
    except (OSError, *matcher_file.DAMAGED):  # none, empty, or damaged: compiled again
        return None


def _store(key: str, matcher: Matcher) -> None:
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with collector_paused():  # (a record of every form, key and near-miss word: no cycles)
            data = matcher_file.pieces(matcher)
        write_atomically(_path(key), data)
    except OSError:
        pass  # a cache that cannot be written is only slower
