"""Words of the glossary's names, found from a word one edit away: what ``term.unknown-variant`` looks up.

Deletion neighbourhoods (SymSpell's idea: two words one edit apart share a word
with one letter deleted), stored compactly: a hash table from a 30-bit digest of
each neighbour key to the numbers of its words (a dict of digests took four
times the memory, and a set of words per neighbour string three times that).
Collisions only add candidates, which ``near`` confirms letter by letter.

The digest is a polynomial hash of the key's code points, so the digests of all
of a word's deletion neighbours come from one pass over it, without building the
neighbours: deleting letter ``i`` changes the hash by a term made of the hashes
of the letters before ``i`` and up to ``i``.

Like ``scan``, written in Cython's pure-Python mode: compiled where the package was
built with a C compiler (``setup.py``), run as Python elsewhere.
"""

from __future__ import annotations

from array import array

import cython

from ..records import TermStatus
from .text import match_key, words


class NearMissIndex:
    """The words (five letters or more, capitalised) of every form that is not deprecated."""

    MIN_LENGTH = 5

    def __init__(self, forms):
        index = self.of_rows(((number, form.compact) for number, form in enumerate(forms)
                              if form.status is not TermStatus.DEPRECATED),
                             lambda keys, places: {key: [(forms[p[i]], p[i + 1]) for i in range(0, len(p), 2)]
                                                   for key, p in places.items()})
        self.keys, self.table = index.keys, index.table
        self.words: dict = index.words  # word key -> [(form, index of the word in the form)]

    @classmethod
    def of_rows(cls, rows, make_words) -> NearMissIndex:
        """The index of the forms in ``rows`` ((form number, text without invisible characters) of every
        form that is not deprecated), its ``words`` made by ``make_words(keys, places)`` from ``word_places``."""
        places = word_places(rows)
        keys = list(places)
        return cls.from_tables(keys, _neighbour_table(keys), make_words(keys, places))

    @classmethod
    def from_tables(cls, keys: list, table: array, words) -> NearMissIndex:
        """The index as a compiled matcher's file keeps it (``matcher_file``): ``words`` a mapping
        that reads a word's forms when asked, in ``keys``' order."""
        index = cls.__new__(cls)
        index.keys, index.table, index.words = keys, table, words
        return index

    def known(self, word_key: str) -> bool:
        return word_key in self.words

    @cython.boundscheck(False)
    @cython.wraparound(False)
    @cython.locals(table=cython.ulonglong[:], mask=cython.ulonglong, slot=cython.ulonglong, entry=cython.ulonglong,
                   digest=cython.ulonglong, keys=list, numbers=set, word=str)
    def near(self, word_key: str) -> list:
        """Glossary words one edit (insertion, deletion, substitution, swap) away from ``word_key``."""
        numbers = set()
        table = self.table
        mask = len(self.table) - 1
        for digest in _neighbour_digests(word_key):
            slot = digest & mask
            entry = table[slot]
            while entry:
                if entry >> 32 == digest:
                    numbers.add((entry & _LOW) - 1)
                slot = (slot + 1) & mask
                entry = table[slot]
        keys = self.keys  # distinct words: so are those of distinct numbers
        return sorted([word for word in [keys[n] for n in numbers] if word != word_key and _one_edit(word, word_key)])


def word_places(rows) -> dict:
    """Each word key of the forms in ``rows`` ((form number, text without invisible characters) of
    every form that is not deprecated) -> its places there: form number and index of the word in
    the form, one after the other. The words kept are five letters or more and capitalised."""
    places: dict = {}
    for number, compact in rows:
        for index, (a, b) in enumerate(words(compact)):
            word = compact[a:b]
            if len(word) >= NearMissIndex.MIN_LENGTH and word[0].isupper():
                key = match_key(word)
                found = places.get(key)
                if found is None:
                    found = places[key] = []
                found.append(number)
                found.append(index)
    return places


_LOW = cython.declare(cython.ulonglong, 0xFFFFFFFF)


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(size=cython.Py_ssize_t, number=cython.ulonglong, table=cython.ulonglong[:], mask=cython.ulonglong,
               slot=cython.ulonglong, digest=cython.ulonglong, digests=cython.ulonglong[:], count=cython.Py_ssize_t,
               i=cython.Py_ssize_t, longest=cython.Py_ssize_t)
def _neighbour_table(keys: list) -> array:
    """Each word's number under the digests of its deletion neighbours, in a hash table of 64-bit
    entries (digest << 32 | number + 1; 0 is an empty slot) at most half full, probed linearly from
    the digest's low bits. A table of numbers, not a dict of Python objects: a quarter of the memory,
    and nothing in it for a forked worker to copy when it looks a word up. (A word whose neighbours
    share a digest is under it twice: ``near`` gathers numbers in a set.)"""
    size = 16
    while size < 2 * sum(len(key) + 1 for key in keys):
        size *= 2
    entries = array("Q", bytes(8 * size))
    table = entries
    mask = size - 1
    longest = max(map(len, keys), default=0)
    found = array("Q", bytes(8 * (longest + 1)))
    digests = found
    for number in range(len(keys)):
        count = _digests_into(keys[number], digests)
        for i in range(count):
            digest = digests[i]
            slot = digest & mask
            while table[slot]:
                slot = (slot + 1) & mask
            table[slot] = digest << 32 | (number + 1)
    return entries


# The hash works modulo 2**64 (C's unsigned arithmetic; masked in Python): an odd base has an
# inverse there, which steps the power of the base down as the deleted letter moves right.
_MASK = cython.declare(cython.ulonglong, 0xFFFFFFFFFFFFFFFF)
_BASE = cython.declare(cython.ulonglong, 0x100000001B3)  # FNV-1's 64-bit prime
_BASE_INVERSE = cython.declare(cython.ulonglong, pow(0x100000001B3, -1, 1 << 64))
_DIGEST_SHIFT = cython.declare(cython.int, 34)  # the top 30 bits: a digest is a one-digit Python int


@cython.cfunc
def _neighbour_digests(key: str) -> set:
    """The digest of ``key`` and of each word made from it by deleting one letter."""
    found = array("Q", bytes(8 * (len(key) + 1)))
    return set(found[:_digests_into(key, found)])


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(i=cython.Py_ssize_t, n=cython.Py_ssize_t, full=cython.ulonglong, prefix=cython.ulonglong,
               longer=cython.ulonglong, power=cython.ulonglong, out=cython.ulonglong[:])
def _digests_into(key: str, out) -> cython.Py_ssize_t:
    """The digest of ``key`` and of each word made from it by deleting one letter, written into ``out``
    (``len(key) + 1`` of them, some maybe the same); returns how many.

    With h(s) = sum of (s[j] + 1) * BASE ** (len(s) - 1 - j), and p(i) the hash of the
    first ``i`` letters, deleting letter ``i`` gives h(key) + (p(i) - p(i + 1)) * BASE ** (n - 1 - i).
    """
    n = len(key)
    full = 0
    power = 1  # BASE ** (n - 1)
    for i in range(n):
        full = (full * _BASE + ord(key[i]) + 1) & _MASK
        if i:
            power = (power * _BASE) & _MASK
    out[0] = full >> _DIGEST_SHIFT
    prefix = 0
    for i in range(n):
        longer = (prefix * _BASE + ord(key[i]) + 1) & _MASK
        out[i + 1] = (((prefix - longer) * power + full) & _MASK) >> _DIGEST_SHIFT
        prefix = longer
        power = (power * _BASE_INVERSE) & _MASK
    return n + 1


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(i=cython.Py_ssize_t, first=cython.Py_ssize_t, second=cython.Py_ssize_t, differences=cython.Py_ssize_t)
def _one_edit(a: str, b: str) -> cython.bint:
    if len(a) < len(b):
        a, b = b, a  # a is the longer
    if len(a) - len(b) > 1:
        return False
    if len(a) == len(b):  # one substitution, or two neighbours swapped
        differences, first, second = 0, -1, -1
        for i in range(len(a)):
            if a[i] != b[i]:
                differences += 1
                if differences == 1:
                    first = i
                elif differences == 2:
                    second = i
                else:
                    return False
        return differences == 1 or (differences == 2 and second == first + 1
                                    and a[first] == b[second] and a[second] == b[first])
    i = 0  # one letter more in a
    while i < len(b) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i:]
