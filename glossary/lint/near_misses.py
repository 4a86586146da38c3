"""Words of the glossary's names, found from a word one edit away: what ``term.unknown-variant`` looks up.

Deletion neighbourhoods (SymSpell's idea: two words one edit apart share a word
with one letter deleted), stored compactly: a dict from a stable CRC-32 of each
neighbour key to the numbers of its words (a set of words per neighbour string
took three times the memory). Collisions only add candidates, which ``near``
confirms letter by letter.

Like ``scan``, written in Cython's pure-Python mode: compiled where the package was
built with a C compiler (``setup.py``), run as Python elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from zlib import crc32

import cython

from ..records import TermStatus
from .text import match_key, words


class NearMissIndex:
    """The words (five letters or more, capitalised) of every form that is not deprecated."""

    MIN_LENGTH = 5

    def __init__(self, forms):
        self.words: dict = defaultdict(list)  # word key -> [(form, index of the word in the form)]
        for form in forms:
            if form.status is TermStatus.DEPRECATED:
                continue
            for index, (a, b) in enumerate(words(form.compact)):
                word = form.compact[a:b]
                if len(word) >= self.MIN_LENGTH and word[0].isupper():
                    self.words[match_key(word)].append((form, index))
        self.keys = list(self.words)
        self.neighbours: dict = {}  # digest -> a word's number, or a tuple of them
        neighbours = self.neighbours
        for number, key in enumerate(self.keys):
            for digest in _neighbour_digests(key):
                present = neighbours.get(digest)
                neighbours[digest] = number if present is None else (
                    (*present, number) if isinstance(present, tuple) else (present, number))

    def known(self, word_key: str) -> bool:
        return word_key in self.words

    def near(self, word_key: str) -> list:
        """Glossary words one edit (insertion, deletion, substitution, swap) away from ``word_key``."""
        numbers = set()
        neighbours = self.neighbours
        for digest in _neighbour_digests(word_key):
            found = neighbours.get(digest)
            if found is not None:
                if isinstance(found, tuple):
                    numbers.update(found)
                else:
                    numbers.add(found)
        keys = self.keys
        found_words = {keys[n] for n in numbers}
        found_words.discard(word_key)
        return sorted(w for w in found_words if _one_edit(w, word_key))


@cython.cfunc
@cython.locals(i=cython.Py_ssize_t)
def _neighbour_digests(key: str) -> set:
    """CRC-32 of ``key`` and of each word made from it by deleting one letter."""
    digests = {crc32(key.encode())}
    for i in range(len(key)):
        digests.add(crc32((key[:i] + key[i + 1:]).encode()))
    return digests


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
