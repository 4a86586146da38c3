"""A compiled matcher as a file: its tables (``tables``) as they lie in memory, read in one go.

Unpickling a compiled glossary made every ``Form``, ``Word``, tuple and set of it again (180,000
forms: 0.4 to 1.1 s before the first character of a text was looked at). The file keeps instead
what ``Matcher`` compiles a glossary into, as flat arrays where it can:

- the automaton (pyahocorasick storing integers, which pickles its trie as flat arrays of nodes),
  whose value for a key is the key's number, and the keys' lengths;
- the forms' rows (``tables.FormTable``: columns of numbers and flags, the texts as one string),
  from which a form is made as compiling would make it, and a ``marshal`` record of the ``Word``s of
  each Russian form that declines (its words' analysis, not made again);
- the columns the scan reads (``scan.Columns``): for each key, the numbers of its forms and the (language,
  text) pairs of its whole-word shortcut; for each form, what rules a hit of it out before it is made;
- the concepts' ids with where their forms start and the numbers of their preferred forms, the
  near-miss words with the numbers of their forms and words, the near-miss hash table, and a hash
  table of the concepts' ids and one of the near-miss words (a name's number without a dict of all of them).

Loading reads those; a form, a key's entry or a concept is made the first time it is asked for, as
in the matcher just compiled. Writing the file is writing those arrays: no record per form but the
declining Russian ones.

A file written by another Python (``marshal``'s format may change between versions) is not
read: ``loads`` returns None and the matcher is compiled again. Format 3 (the forms' rows and each key's
numbers as arrays) replaced format 2 (a ``marshal`` record per form, key and near-miss word).
"""

from __future__ import annotations

import marshal
import pickle
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from itertools import accumulate

from .matcher import Matcher
from .near_misses import NearMissIndex
from .scan import Word
from .tables import Concepts, FormTable, JoinedTexts, NearMissWords

MAGIC = b"tilmash compiled glossary 3\n"
_PYTHON = (sys.version_info[:2], marshal.version)
# What reading a damaged file can raise.
DAMAGED = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, KeyError, IndexError)


def dumps(matcher: Matcher) -> bytes:
    """``matcher`` (compiled or loaded) as the file's bytes."""
    return b"".join(pieces(matcher))


def pieces(matcher: Matcher) -> list:
    """The file's bytes in pieces (bytes and views) to be written one after the other."""
    table = matcher.table
    concepts, near = matcher.concepts, matcher.near_misses
    tables = {
        "python": _PYTHON, "style": matcher.style, "shortcuts": matcher.shortcuts, "automaton": matcher.automaton,
        "key_sizes": _flat(matcher.key_sizes, "I"),
        "columns": tuple(value if kind == "=" else _flat(value, kind) for value, kind in
                         zip(_columns(matcher.columns), _COLUMN_KINDS, strict=True)),
        "rows": (table.concept_ids, _flat(table.concept_of, "I"), table.langs, _flat(table.lang_of, "H"),
                 *_joined(table.texts), pickle.PickleBuffer(table.status), pickle.PickleBuffer(table.case_rule),
                 pickle.PickleBuffer(table.flags), table.notes, table.periods, table.preferred_in),
        "concepts": (_flat(concepts.name_table(), "I"), _flat(concepts.starts, "Q"), _flat(concepts.preferred, "I"),
                     _flat(concepts.preferred_starts, "Q")),
        "near_keys": near.keys, "near_table": _flat(near.table, "Q"), "near_names": _flat(near.words.name_table(), "I"),
        "near_words": (_flat(near.words.pairs, "I"), _flat(near.words.starts, "Q")),
        "declining_words": _declining_columns(table.declining_words),
    }
    buffers: list[pickle.PickleBuffer] = []
    header = pickle.dumps(tables, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    index = array("Q", [len(header), len(views)])
    position = _aligned(len(MAGIC) + 8 * (2 + 2 * len(views)) + len(header))
    for view in views:
        index.extend((position, len(view)))
        position = _aligned(position + len(view))
    out = [MAGIC, index.tobytes(), header]
    written = len(MAGIC) + len(out[1]) + len(header)
    for view in views:
        out.append(bytes(_aligned(written) - written))
        out.append(view)
        written = _aligned(written) + len(view)
    return out


def loads(data) -> Matcher | None:
    """The matcher in ``data`` (what ``dumps`` wrote: bytes, or a file mapped in memory copy-on-write,
    whose tables are then used where they lie), or None when it was written by another Python or is no such file.
    Raises what unpickling raises on a damaged file."""
    view = memoryview(data)
    if bytes(view[:len(MAGIC)]) != MAGIC:
        return None
    if view.readonly:  # the compiled loops read the tables through writable views
        view = memoryview(bytearray(view))
    at = len(MAGIC)
    header_size, count = view[at:at + 16].cast("Q")
    index = view[at + 16:at + 16 + 16 * count].cast("Q")
    at += 16 + 16 * count
    buffers = [view[index[2 * i]:index[2 * i] + index[2 * i + 1]] for i in range(count)]
    tables = pickle.loads(view[at:at + header_size], buffers=buffers)
    if not isinstance(tables, dict) or tables.get("python") != _PYTHON:
        return None
    table = FormTable()
    (table.concept_ids, concept_of, table.langs, lang_of, joined, ends, status, case_rule, flags,
     table.notes, table.periods, table.preferred_in) = tables["rows"]
    table.concept_of, table.lang_of = _numbers(concept_of, "I"), _numbers(lang_of, "H")
    table.texts = JoinedTexts(joined, _numbers(ends, "Q"))
    table.status, table.case_rule, table.flags = _numbers(status, "B"), _numbers(case_rule, "B"), _numbers(flags, "B")
    table.declining_words = _DecliningWords(*tables["declining_words"])
    matcher = Matcher.__new__(Matcher)
    matcher._assemble(tables["style"], tables["shortcuts"], table)
    matcher.automaton = tables["automaton"]
    matcher.key_sizes = _numbers(tables["key_sizes"], "I")
    matcher._assemble_columns(*(value if kind == "=" else _numbers(value, kind) for value, kind in
                                zip(tables["columns"], _COLUMN_KINDS, strict=True)))
    names, starts, preferred, preferred_starts = tables["concepts"]
    matcher.concepts = Concepts(table.concept_ids, _numbers(names, "I"), _numbers(starts, "Q"), _numbers(preferred, "I"),
                                _numbers(preferred_starts, "Q"), matcher.forms, matcher._lock)
    keys = tables["near_keys"]
    pairs, pair_starts = tables["near_words"]
    matcher.near_misses = NearMissIndex.from_tables(
        keys, _numbers(tables["near_table"], "Q"),
        NearMissWords(keys, _numbers(tables["near_names"], "I"), _numbers(pairs, "I"), _numbers(pair_starts, "Q"),
                      matcher.forms))
    return matcher


def _joined(texts) -> tuple[str, pickle.PickleBuffer]:
    """Texts as one string and where each ends (``JoinedTexts``)."""
    if isinstance(texts, JoinedTexts):
        return texts._joined, _flat(texts._ends, "Q")
    return "".join(texts), _flat(_ends(texts), "Q")


def _declining_columns(words_of) -> tuple:
    """The declining rows, a ``marshal`` record of each one's ``Word``s (stem key, its set of ending keys'
    number, base ending key, stem as written: what analysing the words again would give) and those sets."""
    if isinstance(words_of, _DecliningWords):
        return (_flat(words_of._rows, "I"), pickle.PickleBuffer(words_of._blob), _flat(words_of._offsets, "Q"),
                words_of._endings)
    endings: dict[frozenset, int] = {}
    records = [marshal.dumps(tuple([(w.stem, endings.setdefault(w.endings, len(endings)), w.base_ending, w.written_stem)
                                    for w in form_words])) for form_words in words_of.values()]
    return (_flat(array("I", words_of), "I"), pickle.PickleBuffer(b"".join(records)),
            _flat(array("Q", accumulate(map(len, records), initial=0)), "Q"), list(endings))


class _DecliningWords(Mapping):
    """``FormTable.declining_words`` of a loaded matcher: a row's ``Word``s made from its record."""

    def __init__(self, rows, blob, offsets, endings: list):
        self._rows, self._blob, self._offsets = _numbers(rows, "I"), memoryview(blob), _numbers(offsets, "Q")
        self._endings = endings

    def __getitem__(self, n: int) -> tuple:
        i = bisect_left(self._rows, n)
        if i == len(self._rows) or self._rows[i] != n:
            raise KeyError(n)
        endings = self._endings
        return tuple([Word(stem, endings[e], base, written) for stem, e, base, written
                      in marshal.loads(self._blob[self._offsets[i]:self._offsets[i + 1]])])

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


# ``scan.Columns`` without the forms made (``made``, ``make``), as ``Matcher._assemble_columns`` takes them: each
# an array of numbers of that type code, or ("=") as it is (the list of ending sets, texts, the list of languages).
_COLUMN_KINDS = ("Q", "=", "I", "Q", "Q", "I", "Q", "=", "=", "Q", "=")


def _columns(columns) -> tuple:
    return (columns.columns, columns.ending_sets, *columns[4:])


def _ends(texts) -> array:
    """Where each text ends in the texts joined."""
    ends, at = array("Q", bytes(8 * len(texts))), 0
    for n, size in enumerate(map(len, texts)):
        at += size
        ends[n] = at
    return ends


def _aligned(position: int) -> int:
    return (position + 7) // 8 * 8


def _flat(numbers, typecode: str) -> pickle.PickleBuffer:
    """An array of numbers (or a view of one), kept out of the pickle: stored as it lies in memory."""
    return pickle.PickleBuffer(numbers if isinstance(numbers, (array, memoryview)) else array(typecode, numbers))


def _numbers(buffer, typecode: str):
    """An array of numbers as ``loads`` gets it back: a view of the file's bytes, as numbers."""
    return memoryview(buffer).cast("B").cast(typecode)
