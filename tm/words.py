"""The words of a batch of texts, numbered: what an import does to every word it indexes.

Written in Cython's pure-Python mode and compiled where a C compiler is found (``setup.py``,
as the lint engine's loops are): ``split_folded`` walks the folded texts once, character by
character, and numbers each word as it ends (one dictionary lookup a word, no list of tokens
and no Python call a new word); ``renumber`` gives a batch's words the numbers of a longer
list. Without the C build the same file runs as Python and takes the path of C calls that
was there before (a regular expression's ``findall``, ``numpy.fromiter``), which gives the
same result: ``tests/tm/test_words.py`` checks that both do on every character.

A word is what ``tm.text.WORD`` (``\\w+``) matches: a run of characters that are
alphanumeric to Python (``str.isalnum``) or ``_``.
"""

from __future__ import annotations

import re

import cython
import numpy

from .text import WORD

SEPARATOR = "\x00"  # between the texts of a batch: not a word character, and XML (TMX) cannot hold it
UNIT_BITS = 32
_TOKENS = re.compile(WORD.pattern + "|" + SEPARATOR)


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _is_word(ch: cython.Py_UCS4) -> cython.bint:
    if ch < 128:  # most characters: no look-up in Unicode's tables
        return (97 <= ch <= 122) or (48 <= ch <= 57) or (65 <= ch <= 90) or ch == 95
    return ch.isalnum()


def split_folded(folded: str, unit_ids: list) -> tuple[list, numpy.ndarray]:
    """The words of folded texts joined by ``SEPARATOR`` (text ``i`` is of unit ``unit_ids[i]``):
    the distinct words, the first one the separator (number 0), in order of first appearance,
    and (word number << 32 | unit id) for each word of each text, repeats included."""
    if cython.compiled:
        return _split_in_one_pass(folded, unit_ids)
    return _split_with_findall(folded, unit_ids)


def _numbering(numbers: dict, words: list):
    """A function giving a word its number in ``numbers``, a new one (``len(words)``, the word appended
    to ``words``) for a word not numbered yet."""

    def number(word: str) -> int:
        found = numbers.get(word)
        if found is None:
            found = numbers[word] = len(words)
            words.append(word)
        return found

    return number


def _split_with_findall(folded: str, unit_ids: list) -> tuple[list, numpy.ndarray]:
    words: list = [SEPARATOR]
    number = _numbering({SEPARATOR: 0}, words)
    tokens = _TOKENS.findall(folded)
    values = numpy.fromiter(map(number, tokens), dtype=numpy.uint64, count=len(tokens))
    ends = values == 0
    owners = numpy.asarray(unit_ids, dtype=numpy.uint64)[numpy.cumsum(ends)]
    inside = ~ends
    return words, (values[inside] << numpy.uint64(UNIT_BITS)) | owners[inside]


@cython.boundscheck(False)
@cython.wraparound(False)
def _split_in_one_pass(folded: str, unit_ids: list) -> tuple[list, numpy.ndarray]:
    length: cython.Py_ssize_t = len(folded)
    out = numpy.empty(length // 2 + 1, dtype=numpy.uint64)  # a word and what ends it: two characters at least
    pairs: cython.ulonglong[:] = out
    numbers: dict = {SEPARATOR: 0}
    words: list = [SEPARATOR]
    count: cython.Py_ssize_t = 0
    text: cython.Py_ssize_t = 0
    owner: cython.ulonglong = unit_ids[0] if unit_ids else 0
    start: cython.Py_ssize_t = -1
    position: cython.Py_ssize_t
    number: cython.ulonglong
    ch: cython.Py_UCS4
    for position in range(length + 1):
        ch = folded[position] if position < length else 0x20
        if _is_word(ch):
            if start < 0:
                start = position
            continue
        if start >= 0:
            word = folded[start:position]
            found = numbers.get(word)
            if found is None:
                number = len(words)
                numbers[word] = number
                words.append(word)
            else:
                number = found
            pairs[count] = (number << UNIT_BITS) | owner
            count += 1
            start = -1
        if ch == 0:
            text += 1
            owner = unit_ids[text]
    return words, out[:count]


def renumber(numbers: dict, words: list, batch_words: list) -> numpy.ndarray:
    """The number in ``numbers`` of each of ``batch_words`` (the first, the separator, is 0), a new one
    (``len(words)``, appended to ``words``) for a word it lacks."""
    if cython.compiled:
        return _renumber_compiled(numbers, words, batch_words)
    result = numpy.zeros(len(batch_words), dtype=numpy.uint64)
    number = _numbering(numbers, words)
    result[1:] = numpy.fromiter(map(number, batch_words[1:]), dtype=numpy.uint64, count=len(batch_words) - 1)
    return result


@cython.boundscheck(False)
@cython.wraparound(False)
def _renumber_compiled(numbers: dict, words: list, batch_words: list) -> numpy.ndarray:
    size: cython.Py_ssize_t = len(batch_words)
    result = numpy.zeros(size, dtype=numpy.uint64)
    view: cython.ulonglong[:] = result
    index: cython.Py_ssize_t
    for index in range(1, size):
        word = batch_words[index]
        found = numbers.get(word)
        if found is None:
            found = len(words)
            numbers[word] = found
            words.append(word)
        view[index] = found
    return result
