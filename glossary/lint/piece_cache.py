"""Lint results kept per paragraph, so that a draft sent again with one word changed is linted
again only around that word (the web workbench sends the whole draft at every pause in typing).

``lint_text_cached`` gives exactly ``engine.lint_text``'s findings (a test compares them after
random edits). How that holds:

- The engine cuts a text into pieces at paragraph starts and lints each piece alone; only
  ``term.inconsistent`` and whether a fix would add a second form look across pieces, and they are
  settled afterwards from what each piece reports (``engine._Linter.run``). Here every paragraph is
  a piece, and a piece's results (findings, where it uses which accepted form, the forms its fixes
  write) are what is cached; the document-wide steps run again on every request.
- A piece's results depend on its own text, the language decided for each of its stretches, the
  document's date, the markup kind, the rules, the compiled glossary (its ``cache_key``: the
  glossary's revision and house style, so a glossary edit misses), and on a little text around it:
  the rules read up to 80 characters around a name (its sentence, "formerly", the word before it,
  a misspelt word's neighbours) and its whole line (a photo credit). The key holds the view and the
  source from ``CONTEXT`` characters before the piece to as many after it, and the whole of the
  piece's first and last lines. Editing one paragraph misses it and a neighbour within reach.
- Offsets move when text before a piece changes: a result is stored with the offset and line it
  was found at, and moved by the differences when found again.

Bounded: least recently used first out, by an estimate of the bytes held. One cache per process;
safe to share between threads.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import threading
from collections import OrderedDict

from .collector import collector_paused
from .engine import PARALLEL_FROM_CHARACTERS, _Linter
from .findings import Finding
from .matcher import Matcher
from .rules import RULES

# Characters each side of a piece in its key: what the rules read around a name, with room to spare. Today
# at most 80 (its sentence, ``former_names``), 40 (the word before it, ``suggestions``), and a misspelt
# word's neighbours in its form (``_near_miss_in_context``: the longest form is 77 characters).
CONTEXT = 200
_LONGEST_KEY = 20_000  # a piece whose key would be longer (a one-line HTML page) is linted, not cached
_FINDING_BYTES = 600  # an estimate of one finding held, with its strings
_ENTRY_BYTES = 900  # and of an entry's own objects (the key, the tuples, the Uses; measured with tracemalloc)


class PieceCache:
    """The results of pieces already linted, at most ``max_bytes`` of them (an estimate)."""

    def __init__(self, max_bytes: int = 16 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = self.misses = 0
        # key -> ((offset, line) where the piece was, its results, size)
        self._entries: OrderedDict[tuple, tuple[tuple[int, int], object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple, place: tuple[int, int], results, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[2]
            self._entries[key] = (place, results, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


def lint_text_cached(source: str, matcher: Matcher, cache: PieceCache, *, path: str = "-", lang: str = "auto",
                     kind: str = "text", rules: frozenset[str] | None = None,
                     date: datetime.date | None = None) -> list[Finding]:
    """``engine.lint_text(source, matcher, ...)``, each paragraph's results taken from ``cache`` when
    it holds them for the same text, context, languages, date and glossary. A text long enough to be
    linted in parallel is linted whole, without the cache."""
    with collector_paused():
        linter = _CachingLinter(source, matcher, path, lang, kind, frozenset(RULES) if rules is None else rules, date)
        linter.cache = cache
        return linter.run(1)


class _CachingLinter(_Linter):
    cache: PieceCache

    def _pieces(self, jobs: int) -> list[tuple[int, int]]:
        if len(self.view) >= PARALLEL_FROM_CHARACTERS:
            self.cache = None  # a long text: linted whole, as lint_text does
            return super()._pieces(jobs)
        return self.paragraphs.spans()

    def _lint_piece(self, piece: tuple[int, int]):
        key = None if self.cache is None else self._key(piece)
        if key is None:
            return super()._lint_piece(piece)
        low = piece[0]
        place = (low, bisect.bisect_right(self.line_starts, low))  # where the piece starts: offset and line
        entry = self.cache.get(key)
        if entry is not None:
            found_at, results, _ = entry
            return results if found_at == place else self._moved(results, low - found_at[0], place[1] - found_at[1])
        results = super()._lint_piece(piece)
        findings, uses, targets = results
        results = (findings, dict(uses), targets)  # (not a defaultdict: nothing is added to it later)
        self.cache.put(key, place, results, _size(key, results))
        return results

    def _key(self, piece: tuple[int, int]) -> tuple | None:
        """What a paragraph's results depend on, its offsets counted from the start of its context.

        Its languages are those ``Paragraphs`` decides from the paragraph's own text and the
        document's settings (the language asked for, the one the markup declares for this
        paragraph, the document's own, whether URLs are blanked first), so these are in the key,
        not the languages: a paragraph found again is not read again for its language
        (tests/lint/test_piece_cache.py checks that a paragraph's languages are so decided)."""
        low, high = piece
        source, view, paragraphs = self.source, self.view, self.paragraphs
        first = min(max(0, low - CONTEXT), source.rfind("\n", 0, low) + 1)  # and the whole of its first line
        line_end = source.find("\n", max(low, high - 1))
        last = max(min(len(source), high + CONTEXT), len(source) if line_end < 0 else line_end)  # and of its last
        if last - first > _LONGEST_KEY:
            return None
        index = bisect.bisect_right(paragraphs.starts, low) - 1
        languages = (paragraphs.lang, paragraphs.declared.get(index), paragraphs.default, paragraphs.clean is None)
        seen, written = view[first:last], source[first:last]
        return (self.matcher.cache_key, self.path, self.kind, self.date, self.rules, low - first, high - first,
                languages, seen, None if written == seen else written)

    @staticmethod
    def _moved(results, delta: int, lines: int):
        """A piece's results found ``delta`` characters and ``lines`` lines further on. Columns stay:
        the key holds the text from the start of the piece's first line."""
        findings, uses, targets = results
        findings = [dataclasses.replace(f, start=f.start + delta, end=f.end + delta, line=f.line + lines,
                                        end_line=f.end_line + lines) for f in findings]
        if not delta:
            return findings, uses, targets
        return (findings, {used: where.moved(delta) for used, where in uses.items()},
                {(a + delta, b + delta): form for (a, b), form in targets.items()})


def _size(key: tuple, results) -> int:
    findings, uses, targets = results
    text = sum(len(part) for part in key[-2:] if part is not None) * 2
    return text + _ENTRY_BYTES + _FINDING_BYTES * len(findings) + 200 * (len(uses) + len(targets))
