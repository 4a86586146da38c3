"""A compiled matcher as a file: flat tables read in one go, each form made when a text first needs it.

Unpickling a compiled glossary made every ``Form``, ``Word``, tuple and set of it again (180,000
forms: 0.4 to 1.1 s before the first character of a text was looked at). The file keeps instead:

- the automaton (pyahocorasick storing integers, which pickles its trie as flat arrays of nodes),
  whose value for a key is the key's number, and the keys' lengths (``Matcher.entries``);
- records, each a ``marshal`` tuple in one blob with an array of where each starts: every form,
  every key's entry (the numbers of its forms and its whole-word shortcut), the forms of every
  near-miss word;
- the concepts' ids with where their forms start and the numbers of their preferred forms, the
  near-miss words and their hash table, a hash table of the concepts' ids and one of the near-miss
  words (a name's number without a dict of all of them), the few dozen sets of Russian endings the forms share.

Loading reads those; a form, a key's entry or a concept is made from its record the first time it is
asked for (a key's forms only when its whole-word shortcut does not settle a hit, a concept's forms
but the preferred ones only when asked for), and kept (one object each, as ``is`` comparisons in the engine need, made under a lock:
the web app lints in threads). A 3 MB text makes the few thousand forms it names.

A file written by another Python (``marshal``'s format may change between versions) is not read:
``loads`` returns None and the matcher is compiled again.
"""

from __future__ import annotations

import marshal
import pickle
import sys
import threading
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import accumulate

from ..records import CaseRule, TermStatus, ValidityPeriod
from .matcher import Matcher
from .near_misses import NearMissIndex
from .scan import Form, Word

MAGIC = b"tilmash compiled glossary 2\n"
_PYTHON = (sys.version_info[:2], marshal.version)
# What reading a damaged file can raise.
DAMAGED = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, KeyError, IndexError)
_STATUS = {status.value: status for status in TermStatus}
_CASE_RULE = {rule.value: rule for rule in CaseRule}


def dumps(matcher: Matcher) -> bytes:
    """``matcher`` (compiled, or loaded: every part of it is made) as the file's bytes."""
    return b"".join(pieces(matcher))


def pieces(matcher: Matcher) -> list:
    """The file's bytes in pieces (bytes and views) to be written one after the other: the file is
    80 MB for 180,000 forms, which joining would copy once more before writing."""
    endings: dict[frozenset, int] = {}  # each set of endings, numbered

    def ending_set(values: frozenset) -> int:
        return endings.setdefault(values, len(endings))

    forms = matcher.forms  # (a form's ``number`` is its place there)
    no_endings = ending_set(frozenset())
    form_records = [_form_record(form, ending_set, no_endings) for form in forms]
    entry = matcher._entry  # (a compiled matcher's entries as they are; a loaded one's made with their forms)
    entry_records = [marshal.dumps((tuple([f.number for f in candidates]),
                                    None if shortcut is None else tuple(sorted(shortcut))))
                     for candidates, shortcut in (made if made is not None and made[0] is not None else entry(n)
                                                  for n, made in enumerate(matcher.entries))]
    concept_ids, concept_starts, concept_sizes = [], array("Q"), array("Q")  # a concept's forms follow each other
    preferred_records = []  # the numbers of each concept's preferred forms, in the order of its ``preferred``
    for concept_id, concept in matcher.concepts.items():
        concept_ids.append(concept_id)
        concept_starts.append(concept.forms[0].number if concept.forms else 0)
        concept_sizes.append(len(concept.forms))
        preferred_records.append(marshal.dumps(tuple([form.number for form in concept.preferred.values()])))
    near = matcher.near_misses
    near_records = [marshal.dumps(tuple([x for form, index in near.words[key] for x in (form.number, index)]))
                    for key in near.keys]
    tables = {
        "python": _PYTHON, "style": matcher.style, "shortcuts": matcher.shortcuts, "automaton": matcher.automaton,
        "key_sizes": _flat(matcher.key_sizes, "I"),
        "endings": list(endings), "forms": _blob(form_records), "entries": _blob(entry_records),
        "concepts": (concept_ids, _flat(concept_starts, "Q"), _flat(concept_sizes, "Q"), _blob(preferred_records),
                     _flat(_name_table(concept_ids), "I")),
        "near_keys": near.keys, "near_table": _flat(near.table, "Q"), "near_words": _blob(near_records),
        "near_names": _flat(_name_table(near.keys), "I"),
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
    matcher = Matcher.__new__(Matcher)
    matcher.style, matcher.shortcuts, matcher.automaton = tables["style"], tables["shortcuts"], tables["automaton"]
    matcher.key_sizes = _numbers(tables["key_sizes"], "I")
    lock = threading.Lock()
    forms = matcher.forms = _Forms(_Records(*tables["forms"]), tables["endings"], lock)
    entries = _Records(*tables["entries"])
    matcher.entries = [None] * len(entries)

    made_forms, make_form = forms._made, forms._make

    def entry(n: int, with_forms: bool = True) -> tuple:
        """Key ``n``'s entry: its shortcut, and its forms (the forms already made taken without a call)
        unless ``with_forms`` is false, when None stands for them: most hits of a key are settled by its
        shortcut, and the forms of a key are made only when a hit is not."""
        numbers, shortcut = entries[n]
        made = (tuple([made_forms[i] or make_form(i) for i in numbers]) if with_forms else None,
                None if shortcut is None else frozenset(shortcut))
        with lock:
            current = matcher.entries[n]
            if current is None or current[0] is None and with_forms:
                matcher.entries[n] = made
            return matcher.entries[n]

    matcher._entry = entry
    concept_ids, starts, sizes, preferred, concept_names = tables["concepts"]
    matcher.concepts = _Concepts(concept_ids, _numbers(concept_names, "I"), _numbers(starts, "Q"), _numbers(sizes, "Q"),
                                 _Records(*preferred), forms, lock)
    matcher.near_misses = NearMissIndex.from_tables(
        tables["near_keys"], _numbers(tables["near_table"], "Q"),
        _NearMissWords(tables["near_keys"], _numbers(tables["near_names"], "I"), _Records(*tables["near_words"]), forms))
    return matcher


def _aligned(position: int) -> int:
    return (position + 7) // 8 * 8


def _flat(numbers, typecode: str) -> pickle.PickleBuffer:
    """An array of numbers (or a view of one), kept out of the pickle: stored as it lies in memory."""
    return pickle.PickleBuffer(numbers if isinstance(numbers, array) else array(typecode, numbers))


def _numbers(buffer, typecode: str):
    """An array of numbers as ``loads`` gets it back: a view of the file's bytes, as numbers."""
    return memoryview(buffer).cast("B").cast(typecode)


def _blob(records: list[bytes]) -> tuple[pickle.PickleBuffer, pickle.PickleBuffer]:
    return pickle.PickleBuffer(b"".join(records)), _flat(array("Q", accumulate(map(len, records), initial=0)), "Q")


class _Records:
    """Record ``n``: the tuple ``marshal`` wrote from ``blob[offsets[n]:offsets[n + 1]]``."""

    def __init__(self, blob, offsets):
        self.view, self.offsets = memoryview(blob), _numbers(offsets, "Q")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, n: int) -> tuple:
        return marshal.loads(self.view[self.offsets[n]:self.offsets[n + 1]])


_VALUE = {member: member.value for member in (*TermStatus, *CaseRule)}  # (a dict: faster than the enum's property)


def _form_record(form: Form, ending_set, no_endings: int) -> bytes:
    declines = bool(form.declines)
    return marshal.dumps((
        form.concept, form.lang, form.language, form.text, _VALUE[form.status], _VALUE[form.case_rule], form.note,
        form.key, form.compact,
        tuple([(w.stem, ending_set(w.endings), w.base_ending, w.written_stem) for w in form.words]) if declines else (),
        form.separators, bool(form.exact_punctuation), declines, form.first_declining, form.leading_endings,
        ending_set(form.first_endings) if declines else no_endings, bool(form.restyled),
        tuple([(p.start and p.start.toordinal(), p.end and p.end.toordinal()) for p in form.periods]) if form.periods else (),
        form.preferred_in, bool(form.plain), form.last_word, form.number,
    ))


def _form(record: tuple, endings: list) -> Form:
    (concept, lang, language, text, status, case_rule, note, key, compact, words, separators, exact_punctuation,
     declines, first_declining, leading_endings, first_endings, restyled, periods, preferred_in, plain, last_word,
     number) = record
    form = Form(concept, lang, language, text, _STATUS[status], _CASE_RULE[case_rule], note, key, compact)
    if declines:
        form.words = tuple(Word(stem, endings[e], base, written) for stem, e, base, written in words)
        form.separators, form.declines, form.first_declining = separators, True, first_declining
        form.leading_endings, form.first_endings = leading_endings, endings[first_endings]
    if periods:
        form.periods = tuple(ValidityPeriod(start and date.fromordinal(start), end and date.fromordinal(end))
                             for start, end in periods)
    if preferred_in:
        form.preferred_in = preferred_in
    form.exact_punctuation, form.restyled, form.plain, form.last_word, form.number = \
        exact_punctuation, restyled, plain, last_word, number
    return form


class _Forms(Sequence):
    """``Matcher.forms`` of a loaded matcher: form ``n`` made from its record when first asked for."""

    def __init__(self, records: _Records, endings: list, lock: threading.Lock):
        self._records, self._endings, self._lock = records, endings, lock
        self._made: list[Form | None] = [None] * len(records)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, n):
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        return self._made[n] or self._make(n % len(self._made))

    def _make(self, n: int) -> Form:
        """Form ``n`` (0 to the number of forms, less one), made from its record unless it was."""
        made = _form(self._records[n], self._endings)
        with self._lock:
            form = self._made[n]
            if form is None:
                form = self._made[n] = made
        return form

    def __iter__(self) -> Iterator[Form]:
        return (self[n] for n in range(len(self._made)))


def _name_table(names: list[str]) -> array:
    """Each name's number (plus one; 0 is an empty slot) in a hash table of names at most half full,
    probed linearly from the CRC-32 of the name's UTF-8 (a digest the file keeps: Python's own
    string hash changes from process to process). Looked up in the file where it lies, a name's
    number needs no dict of all the names (100,000 near-miss words: 20 to 40 ms to make one)."""
    size = 16
    while size < 2 * len(names):
        size *= 2
    table, mask = array("I", bytes(4 * size)), size - 1
    for number, name in enumerate(names):
        slot = zlib.crc32(name.encode("utf-8", "surrogatepass")) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number + 1
    return table


class _Named(Mapping):
    """A mapping over a list of names, each name's number looked up in its ``_name_table``."""

    def __init__(self, names: list[str], table):
        self._names, self._table = names, table

    def _number(self, name: str) -> int:
        if not isinstance(name, str):
            raise KeyError(name)
        table, names = self._table, self._names
        mask = len(table) - 1
        slot = zlib.crc32(name.encode("utf-8", "surrogatepass")) & mask
        while (number := table[slot]):
            if names[number - 1] == name:
                return number - 1
            slot = (slot + 1) & mask
        raise KeyError(name)

    def __contains__(self, name) -> bool:
        try:
            self._number(name)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _Concept:
    """A loaded matcher's ``Concept``: its preferred forms made with it, all its forms when first asked
    for (most concepts a text names are asked only whether a form is the preferred one)."""

    __slots__ = ("id", "preferred", "_numbers", "_all", "_made")

    def __init__(self, concept_id: str, preferred: dict[str, Form], numbers: range, forms: _Forms):
        self.id, self.preferred, self._numbers, self._all, self._made = concept_id, preferred, numbers, forms, None

    @property
    def forms(self) -> list[Form]:
        if self._made is None:
            self._made = [self._all[i] for i in self._numbers]
        return self._made


class _Concepts(_Named):
    """``Matcher.concepts`` of a loaded matcher: a concept made from its record when first asked for."""

    def __init__(self, ids: list[str], table, starts, sizes, preferred: _Records, forms: _Forms, lock: threading.Lock):
        super().__init__(ids, table)
        self._starts, self._sizes, self._preferred, self._forms, self._lock = starts, sizes, preferred, forms, lock
        self._made: dict[str, _Concept] = {}

    def __getitem__(self, concept_id: str) -> _Concept:
        concept = self._made.get(concept_id)
        if concept is None:
            n = self._number(concept_id)
            preferred = {form.language: form for form in (self._forms[i] for i in self._preferred[n])}
            made = _Concept(concept_id, preferred, range(self._starts[n], self._starts[n] + self._sizes[n]), self._forms)
            with self._lock:
                concept = self._made.setdefault(concept_id, made)
        return concept


class _NearMissWords(_Named):
    """``NearMissIndex.words`` of a loaded matcher: a word's (form, index of the word in it) pairs
    made when the word is first asked for."""

    def __init__(self, keys: list[str], table, records: _Records, forms: _Forms):
        super().__init__(keys, table)
        self._records, self._forms = records, forms

    def __getitem__(self, key: str) -> list:
        pairs = self._records[self._number(key)]
        return [(self._forms[pairs[i]], pairs[i + 1]) for i in range(0, len(pairs), 2)]
