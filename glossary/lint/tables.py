"""A compiled glossary as flat tables, each ``Form``, concept and near-miss word made when first asked for.

``Matcher`` compiles a glossary into these tables, and ``matcher_file`` writes and reads them as
they are: what every run needs is made at once (the keys' automaton, which forms each key has,
the whole-word shortcuts, the near-miss words' hash table), and the rest only for what a text
finds. A 3 MB text makes the few tens of thousands of forms it names, not the 160,000 of a
20,000-concept glossary, whether the glossary was just compiled or read from the cache:

- ``FormTable``: each form's term as columns (its concept, language code, text, status in the
  style, case rule, note, periods, other styles that prefer it, four flags, and the ``Word``s of
  a Russian form that declines, as analysed while compiling); a ``Form`` is made from its row
  (``matcher._table_form``);
- the forms under each automaton key and the (language, text) pairs of its whole-word shortcut, as
  flat arrays (``scan.Columns``, which the scan reads where they lie, with what rules a form's hit out);
- concepts (where each one's forms start, and its preferred forms' numbers) and near-miss words
  (the form and word numbers of each), as flat arrays.

A form and a concept is made once (one object each, as ``is`` comparisons in the
engine need; made under a lock: the web app lints in threads).
"""

from __future__ import annotations

import threading
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate, chain

from ..records import TermStatus

STATUSES = tuple(TermStatus)
STATUS_CODE = {status: code for code, status in enumerate(STATUSES)}
# Flags of a row: the style gives it another status than the default; its concept's only accepted form in its
# language (``Form.plain``); it differs from another form under its key only in punctuation (``exact_punctuation``).
# A fourth: a Russian form whose words decline (its ``Word``s in ``FormTable.declining_words``).
RESTYLED, PLAIN, EXACT_PUNCTUATION, DECLINES = 1, 2, 4, 8


class FormTable:
    """The forms' terms, one row a form, in ``Matcher.forms``' order."""

    def __init__(self):
        self.concept_ids: list[str] = []  # each concept's id, in the glossary's order
        self.concept_of = array("I")  # a row's concept, numbered as in concept_ids
        self.langs: list[str] = []  # the language codes, each once
        self.lang_of = array("H")  # a row's language code, numbered as in langs
        self.texts: Sequence[str] = []
        self.status = bytearray()  # STATUS_CODE of the row's status in the style
        self.case_rule = bytearray()  # the number of its case rule in CaseRule
        self.flags = bytearray()
        self.notes: dict[int, str] = {}  # only the rows that have one, as the next three
        self.periods: dict[int, tuple] = {}
        self.preferred_in: dict[int, tuple] = {}
        self.declining_words: Mapping[int, tuple] = {}  # a declining row's ``Word``s (DECLINES in its flags)

    def __len__(self) -> int:
        return len(self.status)


class JoinedTexts(Sequence):
    """Texts kept as one string and where each ends (a file's column, not 160,000 strings to unpickle)."""

    def __init__(self, joined: str, ends):
        self._joined, self._ends = joined, ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, n: int) -> str:
        return self._joined[self._ends[n - 1] if n else 0:self._ends[n]]


def grouped(groups) -> tuple[array, array]:
    """Lists of numbers as one flat array and where each list starts (one more start: the end)."""
    groups = groups if isinstance(groups, list) else list(groups)
    return array("I", chain.from_iterable(groups)), array("Q", accumulate(map(len, groups), initial=0))


class Forms(Sequence):
    """``Matcher.forms``: form ``n`` made by ``make(n)`` the first time it is asked for."""

    def __init__(self, count: int, make: Callable, lock: threading.Lock):
        self._make_form, self._lock = make, lock
        self._made: list = [None] * count

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, n):
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        return self._made[n] or self._make(n % len(self._made))

    def _make(self, n: int):
        """Form ``n`` (0 to the number of forms, less one), made unless it was."""
        made = self._make_form(n)
        with self._lock:
            form = self._made[n]
            if form is None:
                form = self._made[n] = made
        return form

    def __iter__(self) -> Iterator:
        return (self[n] for n in range(len(self._made)))


def name_table(names: list[str]) -> array:
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


class Named(Mapping):
    """A mapping over a list of names, each name's number looked up in its ``name_table`` (a file's),
    or, without one, in a dict made when first needed (a glossary just compiled)."""

    def __init__(self, names: list[str], table=None):
        self._names, self._table, self._numbers = names, table, None

    def _number(self, name: str) -> int:
        if not isinstance(name, str):
            raise KeyError(name)
        table, names = self._table, self._names
        if table is None:
            if self._numbers is None:
                self._numbers = {name: number for number, name in enumerate(names)}
            return self._numbers[name]
        mask = len(table) - 1
        slot = zlib.crc32(name.encode("utf-8", "surrogatepass")) & mask
        while (number := table[slot]):
            if names[number - 1] == name:
                return number - 1
            slot = (slot + 1) & mask
        raise KeyError(name)

    def __getitem__(self, name: str):
        return self._number(name)

    def name_table(self) -> array:
        """The names' hash table, for the file."""
        return name_table(self._names) if self._table is None else self._table

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


class Concept:
    """A compiled concept: its preferred forms made with it, all its forms when first asked for (most
    concepts a text names are asked only whether a form is the preferred one)."""

    __slots__ = ("_all", "_made", "_numbers", "id", "preferred")

    def __init__(self, concept_id: str, preferred: dict, numbers: range, forms: Forms):
        self.id, self.preferred, self._numbers, self._all, self._made = concept_id, preferred, numbers, forms, None

    @property
    def forms(self) -> list:
        if self._made is None:
            self._made = [self._all[i] for i in self._numbers]
        return self._made


class Concepts(Named):
    """``Matcher.concepts``: a concept made when first asked for. Concept ``n``'s forms are the rows
    from ``starts[n]`` to ``starts[n + 1]``, its preferred ones ``preferred[preferred_starts[n]:...]``."""

    def __init__(self, ids: list[str], table, starts, preferred, preferred_starts, forms: Forms, lock: threading.Lock):
        super().__init__(ids, table)
        self.starts, self.preferred, self.preferred_starts = starts, preferred, preferred_starts
        self._forms, self._lock = forms, lock
        self._made: dict[str, Concept] = {}

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._made.get(concept_id)
        if concept is None:
            n = self._number(concept_id)
            numbers = self.preferred[self.preferred_starts[n]:self.preferred_starts[n + 1]]
            preferred = {form.language: form for form in (self._forms[i] for i in numbers)}
            made = Concept(concept_id, preferred, range(self.starts[n], self.starts[n + 1]), self._forms)
            with self._lock:
                concept = self._made.setdefault(concept_id, made)
        return concept


class NearMissWords(Named):
    """``NearMissIndex.words``: a word's (form, index of the word in it) pairs, made when the word is
    first asked for from ``pairs[starts[n]:starts[n + 1]]`` (form and word numbers, one after the other)."""

    def __init__(self, keys: list[str], table, pairs, starts, forms: Forms):
        super().__init__(keys, table)
        self.pairs, self.starts, self._forms = pairs, starts, forms

    def __getitem__(self, key: str) -> list:
        n = self._number(key)
        pairs = self.pairs[self.starts[n]:self.starts[n + 1]]
        return [(self._forms[pairs[i]], pairs[i + 1]) for i in range(0, len(pairs), 2)]

