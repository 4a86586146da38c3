"""A compiled matcher as a file: flat tables read in one go, each form made when a text first needs it.

Unpickling a compiled glossary made every ``Form``, ``Word``, tuple and set of it again (180,000
forms: 0.4 to 1.1 s before the first character of a text was looked at). The file keeps instead:

- the automaton (pyahocorasick storing integers, which pickles its trie as flat arrays of nodes),
  whose value for a key is the key's number, and the keys' lengths (``Matcher.entries``);
- records, each a ``marshal`` tuple in one blob with an array of where each starts: every form,
  every key's entry (the numbers of its forms and its whole-word shortcut), the forms of every
  near-miss word;
- the concepts' ids with where their forms start, the near-miss words and their hash table, the
  few dozen sets of Russian endings the forms share.

Loading reads those; a form, a key's entry or a concept is made from its record the first time it is
asked for, and kept (one object each, as ``is`` comparisons in the engine need, made under a lock:
the web app lints in threads). A 3 MB text makes the few thousand forms it names.

A file written by another Python (``marshal``'s format may change between versions) is not read:
``loads`` returns None and the matcher is compiled again.
"""

from __future__ import annotations

import marshal
import pickle
import sys
import threading
from array import array
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from ..records import CaseRule, TermStatus, ValidityPeriod
from .matcher import Concept, Matcher, preferred_forms
from .near_misses import NearMissIndex
from .scan import Form, Word

MAGIC = b"tilmash compiled glossary 1\n"
_PYTHON = (sys.version_info[:2], marshal.version)
# What reading a damaged file can raise.
DAMAGED = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, KeyError, IndexError)
_STATUS = {status.value: status for status in TermStatus}
_CASE_RULE = {rule.value: rule for rule in CaseRule}


def dumps(matcher: Matcher) -> bytes:
    """``matcher`` (compiled, or loaded: every part of it is made) as the file's bytes."""
    endings: dict[frozenset, int] = {}  # each set of endings, numbered

    def ending_set(values: frozenset) -> int:
        return endings.setdefault(values, len(endings))

    forms = matcher.forms  # (a form's ``number`` is its place there)
    no_endings = ending_set(frozenset())
    form_records = [_form_record(form, ending_set, no_endings) for form in forms]
    entry_records = [marshal.dumps((tuple([f.number for f in candidates]),
                                    None if shortcut is None else tuple(sorted(shortcut))))
                     for candidates, shortcut in (matcher._entry(n) for n in range(len(matcher.entries)))]
    concept_ids, concept_starts, concept_sizes = [], array("Q"), array("Q")  # a concept's forms follow each other
    for concept_id, concept in matcher.concepts.items():
        concept_ids.append(concept_id)
        concept_starts.append(concept.forms[0].number if concept.forms else 0)
        concept_sizes.append(len(concept.forms))
    near = matcher.near_misses
    near_records = [marshal.dumps(tuple([x for form, index in near.words[key] for x in (form.number, index)]))
                    for key in near.keys]
    tables = {
        "python": _PYTHON, "style": matcher.style, "shortcuts": matcher.shortcuts, "automaton": matcher.automaton,
        "key_sizes": _flat(matcher.key_sizes, "I"),
        "endings": list(endings), "forms": _blob(form_records), "entries": _blob(entry_records),
        "concepts": (concept_ids, _flat(concept_starts, "Q"), _flat(concept_sizes, "Q")),
        "near_keys": near.keys, "near_table": _flat(near.table, "Q"), "near_words": _blob(near_records),
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
    return b"".join(out)


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

    def entry(n: int) -> tuple:  # (for each key a text finds: the forms already made taken without a call)
        numbers, shortcut = entries[n]
        made = (tuple([made_forms[i] or make_form(i) for i in numbers]), None if shortcut is None else frozenset(shortcut))
        with lock:
            if matcher.entries[n] is None:
                matcher.entries[n] = made
            return matcher.entries[n]

    matcher._entry = entry
    concept_ids, starts, sizes = tables["concepts"]
    matcher.concepts = _Concepts(concept_ids, _numbers(starts, "Q"), _numbers(sizes, "Q"), forms, lock)
    matcher.near_misses = NearMissIndex.from_tables(
        tables["near_keys"], _numbers(tables["near_table"], "Q"),
        _NearMissWords(tables["near_keys"], _Records(*tables["near_words"]), forms))
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
    offsets = array("Q", [0])
    total = 0
    for record in records:
        total += len(record)
        offsets.append(total)
    return pickle.PickleBuffer(b"".join(records)), _flat(offsets, "Q")


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


class _Named(Mapping):
    """A mapping over a list of names, each name's number looked up in a dict made when first needed."""

    def __init__(self, names: list[str]):
        self._names = names
        self._numbers: dict[str, int] | None = None

    def _number(self, name: str) -> int:
        if self._numbers is None:
            self._numbers = {name: n for n, name in enumerate(self._names)}
        return self._numbers[name]

    def __contains__(self, name) -> bool:
        try:
            self._number(name)
        except (KeyError, TypeError):
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _Concepts(_Named):
    """``Matcher.concepts`` of a loaded matcher: a concept made from its forms when first asked for."""

    def __init__(self, ids: list[str], starts, sizes, forms: _Forms, lock: threading.Lock):
        super().__init__(ids)
        self._starts, self._sizes, self._forms, self._lock = starts, sizes, forms, lock
        self._made: dict[str, Concept] = {}

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._made.get(concept_id)
        if concept is None:
            n = self._number(concept_id)
            forms = [self._forms[i] for i in range(self._starts[n], self._starts[n] + self._sizes[n])]
            made = Concept(concept_id, preferred_forms(forms), forms)
            with self._lock:
                concept = self._made.setdefault(concept_id, made)
        return concept


class _NearMissWords(_Named):
    """``NearMissIndex.words`` of a loaded matcher: a word's (form, index of the word in it) pairs
    made when the word is first asked for."""

    def __init__(self, keys: list[str], records: _Records, forms: _Forms):
        super().__init__(keys)
        self._records, self._forms = records, forms

    def __getitem__(self, key: str) -> list:
        pairs = self._records[self._number(key)]
        return [(self._forms[pairs[i]], pairs[i + 1]) for i in range(0, len(pairs), 2)]
