"""The words of a batch of texts, numbered: what an import does to every word it indexes.

Written in Cython's pure-Python mode and compiled where a C compiler is found (``setup.py``,
as the lint engine's loops are): ``split_folded`` walks the folded texts once, character by
character, and numbers each word as it ends (looked up by its hash and characters in a table
of the batch's words: no list of tokens, and a string cut only for a new word);
``split_texts`` does the same with texts not yet folded, folding those of ASCII and Russian
letters in the same pass; ``renumber`` gives a batch's words the numbers of a longer
list. Without the C build the same file runs as Python and takes the path of C calls that
was there before (``tm.text.fold_joined``, a regular expression's ``findall``,
``numpy.fromiter``), which gives the same result: ``tests/tm/test_words.py`` checks that
both do on every character.

A word is what ``tm.text.WORD`` (``\\w+``) matches: a run of characters that are
alphanumeric to Python (``str.isalnum``) or ``_``.
"""

from __future__ import annotations

import re

import cython
import numpy

from .text import WORD, fold, fold_joined

SEPARATOR = "\x00"  # between the texts of a batch: not a word character, and XML (TMX) cannot hold it
UNIT_BITS = 32
_FNV_OFFSET = cython.declare(cython.ulonglong, 14695981039346656037)  # FNV-1a, 64 bits
_FNV_PRIME = cython.declare(cython.ulonglong, 1099511628211)
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
        return _split_in_one_pass(folded, unit_ids, None)
    return _split_with_findall(folded, unit_ids)


def split_texts(texts: list, unit_ids: list) -> tuple[list, numpy.ndarray]:
    """``split_folded`` of the texts folded (``tm.text.fold``; a ``SEPARATOR`` in a text is read as a space).
    Compiled, a text of ASCII and Russian letters alone (most of them) is folded as it is split, in the same
    pass; the others are folded first, each by ``fold``."""
    joined = SEPARATOR.join(texts)
    if joined.count(SEPARATOR) != len(texts) - 1:  # a text with the separator in it (not from TMX)
        texts = [text.replace(SEPARATOR, " ") for text in texts]
        joined = SEPARATOR.join(texts)
    if not cython.compiled:
        return _split_with_findall(fold_joined(joined, SEPARATOR), unit_ids)
    others = _texts_not_plain(joined)
    if not others:
        return _split_in_one_pass(joined, unit_ids, b"")
    texts = list(texts)
    folded_already = bytearray(len(texts))
    for index in others:
        texts[index] = fold(texts[index])
        folded_already[index] = 1
    return _split_in_one_pass(SEPARATOR.join(texts), unit_ids, bytes(folded_already))


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _is_plain(ch: cython.Py_UCS4) -> cython.bint:
    """A character whose ``fold`` is ``_plain_fold``'s: ASCII, the Russian alphabet."""
    return ch < 128 or 0x410 <= ch <= 0x44F or ch == 0x401 or ch == 0x451


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _plain_fold(ch: cython.Py_UCS4) -> cython.Py_UCS4:
    """``fold`` of a character of ``_is_plain``: lowercase, ё е, й и."""
    code: cython.uint = ch  # a number (arithmetic on a Py_UCS4 would make strings)
    if code < 128:
        return code + 32 if 65 <= code <= 90 else code
    if code == 0x401 or code == 0x451:
        return 0x435
    if 0x410 <= code <= 0x42F:
        code += 0x20
    return 0x438 if code == 0x439 else code


@cython.boundscheck(False)
@cython.wraparound(False)
def _texts_not_plain(joined: str) -> list:
    """The numbers of the texts in ``joined`` with a character outside ``_is_plain``."""
    found: list = []
    text: cython.Py_ssize_t = 0
    skipping: cython.bint = False
    ch: cython.Py_UCS4
    for ch in joined:
        if ch == 0:
            text += 1
            skipping = False
        elif not skipping and not _is_plain(ch):
            found.append(text)
            skipping = True
    return found


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
def _split_in_one_pass(folded: str, unit_ids: list, folded_already: bytes | None) -> tuple[list, numpy.ndarray]:
    """Each word is hashed (FNV-1a over its characters) as it is walked and looked up by that hash and its
    characters in an open-addressing table of the batch's words: a string is cut only for a word not seen before.
    With ``folded_already`` (a byte a text), the texts whose byte is 0 (all if it is empty) are folded here,
    character by character (``_plain_fold``: they have ``_is_plain`` characters only)."""
    length: cython.Py_ssize_t = len(folded)
    out = numpy.empty(length // 2 + 1, dtype=numpy.uint64)  # a word and what ends it: two characters at least
    pairs: cython.ulonglong[:] = out
    words: list = [SEPARATOR]
    capacity: cython.Py_ssize_t = 1 << 12  # slots: a power of two, at most half of them taken
    table_array = numpy.zeros(capacity, dtype=numpy.int64)  # slot -> word number (0: empty; 0 is the separator's)
    table: cython.longlong[:] = table_array
    hashes_array = numpy.zeros(capacity // 2, dtype=numpy.uint64)  # word number -> its hash
    hashes: cython.ulonglong[:] = hashes_array
    count: cython.Py_ssize_t = 0
    text: cython.Py_ssize_t = 0
    owner: cython.ulonglong = unit_ids[0] if unit_ids else 0
    start: cython.Py_ssize_t = -1
    position: cython.Py_ssize_t
    size: cython.Py_ssize_t
    k: cython.Py_ssize_t
    slot: cython.Py_ssize_t
    entry: cython.longlong
    number: cython.longlong
    digest: cython.ulonglong = _FNV_OFFSET
    ch: cython.Py_UCS4
    word: str
    bits: cython.int = UNIT_BITS  # a C number: the module's is a Python int, which made each word cost three
    folding: cython.bint = folded_already is not None and (len(folded_already) == 0 or folded_already[0] == 0)
    changed: cython.bint = False  # whether folding changed a character of the word
    original: cython.Py_UCS4
    for position in range(length + 1):
        ch = folded[position] if position < length else 0x20
        if folding:
            original = ch
            ch = _plain_fold(ch)
            if ch != original:
                changed = True
        if _is_word(ch):
            if start < 0:
                start = position
                digest = _FNV_OFFSET
            digest = (digest ^ cython.cast(cython.ulonglong, ch)) * _FNV_PRIME
            continue
        if start >= 0:
            size = position - start
            slot = digest & (capacity - 1)
            number = -1
            while True:
                entry = table[slot]
                if entry == 0:
                    break
                if hashes[entry] == digest:
                    word = words[entry]
                    if len(word) == size:
                        k = 0
                        if folding:
                            while k < size and _plain_fold(folded[start + k]) == word[k]:
                                k += 1
                        else:
                            while k < size and folded[start + k] == word[k]:
                                k += 1
                        if k == size:
                            number = entry
                            break
                slot = (slot + 1) & (capacity - 1)
            if number < 0:
                number = len(words)
                word = folded[start:position]
                if changed:
                    word = _plain_folded(word)
                words.append(word)
                if number >= capacity // 2:  # the table grows: twice the slots, every word placed again
                    capacity *= 2
                    hashes_array = numpy.resize(hashes_array, capacity // 2)
                    hashes = hashes_array
                    table_array = numpy.zeros(capacity, dtype=numpy.int64)
                    table = table_array
                    hashes[number] = digest
                    for entry in range(1, number + 1):
                        slot = hashes[entry] & (capacity - 1)
                        while table[slot] != 0:
                            slot = (slot + 1) & (capacity - 1)
                        table[slot] = entry
                else:
                    hashes[number] = digest
                    table[slot] = number
            pairs[count] = (cython.cast(cython.ulonglong, number) << bits) | owner
            count += 1
            start = -1
        changed = False
        if ch == 0:
            text += 1
            owner = unit_ids[text]
            if folded_already is not None and len(folded_already) > 0:
                folding = folded_already[text] == 0
    return words, out[:count]


def _plain_folded(word: str) -> str:
    """``fold`` of a word of ``_is_plain`` characters (``_plain_fold`` of each)."""
    return word.lower().replace("\u0439", "\u0438").replace("\u0451", "\u0435")


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
