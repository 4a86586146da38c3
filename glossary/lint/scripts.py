"""Words that mix Latin and Cyrillic letters (``text.mixed-script``), and such a word in one alphabet.

A Cyrillic е or о inside a Latin word (or the reverse) looks right and breaks search,
sorting and the glossary's matching. In a Latin paragraph (English, Azerbaijani) the
runs of Cyrillic letters are looked at, in a Cyrillic one (Kazakh, Russian) the runs of
Latin letters: a run with a letter of the paragraph's own alphabet beside it (combining
marks and ``IGNORABLE`` in between do not count) is part of a mixed word.

Like ``scan``, written in Cython's pure-Python mode: compiled where the package was
built with a C compiler (``setup.py``), run as Python elsewhere.
"""

from __future__ import annotations

import unicodedata

import cython

from .language import LATIN_LANGUAGES
from .text import IGNORABLE

# Look-alike letters between the two alphabets, each way. Kazakh ә and Azerbaijani ə are a pair.
_TO_LATIN = dict(zip("аеорсухіјѕһԁԛԝәАВЕКМНОРСТХУІЈЅҺӘ", "aeopcyxijshdqwəABEKMHOPCTXYIJSHƏ"))
_TO_CYRILLIC = {latin: cyrillic for cyrillic, latin in _TO_LATIN.items() if latin not in "jJsSdqwY"}
_TO_CYRILLIC.update({"Y": "У", "y": "у"})
# Kazakh ә in the Latin alphabets in print: 2018 á, 2021 ä
_KAZAKH_LATIN_AE = {2018: {"ә": "á", "Ә": "Á"}, 2021: {"ә": "ä", "Ә": "Ä"}}


@cython.cfunc
@cython.inline
def _is_latin(ch: cython.Py_UCS4) -> cython.bint:
    """A letter of the Latin alphabets the four languages and their neighbours write."""
    return ("a" <= ch <= "z" or "A" <= ch <= "Z" or "\u00c0" <= ch <= "\u00d6" or "\u00d8" <= ch <= "\u00f6"
            or "\u00f8" <= ch <= "\u024f" or ch == "\u0259" or "\u1e00" <= ch <= "\u1eff")


@cython.cfunc
@cython.inline
def _is_cyrillic(ch: cython.Py_UCS4) -> cython.bint:
    return "\u0400" <= ch <= "\u052f"


@cython.cfunc
@cython.inline
def _in_alphabet(ch: cython.Py_UCS4, latin: cython.bint) -> cython.bint:
    return _is_latin(ch) if latin else _is_cyrillic(ch)


@cython.cfunc
def _is_skipped(ch: cython.Py_UCS4) -> cython.bint:
    """IGNORABLE, or a combining mark (all of them from U+0300 on)."""
    return ch == IGNORABLE or (ch >= "\u0300" and unicodedata.category(ch).startswith("M"))


@cython.cfunc
@cython.locals(position=cython.Py_ssize_t)
def _letter_beside(text: str, position, forward: cython.bint) -> str:
    """The letter just before ``position`` (or from it on, ``forward``), skipping combining marks
    and IGNORABLE; '' if there is none."""
    if forward:
        while position < len(text) and _is_skipped(text[position]):
            position += 1
        return text[position] if position < len(text) and text[position].isalpha() else ""
    while position > 0 and _is_skipped(text[position - 1]):
        position -= 1
    return text[position - 1] if position > 0 and text[position - 1].isalpha() else ""


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(first=cython.Py_ssize_t, last=cython.Py_ssize_t, position=cython.Py_ssize_t, start=cython.Py_ssize_t,
               end=cython.Py_ssize_t, length=cython.Py_ssize_t, latin=cython.bint, before=str, after=str)
def mixed_script_words(view: str, paragraphs, low, high) -> list:
    """(start, end) of each word mixing Latin and Cyrillic letters in the paragraphs that start
    from ``low`` to before ``high``, in order; ``paragraphs`` gives their languages."""
    found: list = []
    length = len(view)
    for first, last in paragraphs.spans(low, high):
        if not paragraphs.mixes_alphabets(first, last):
            continue  # a paragraph in one alphabet has no mixed word
        latin = paragraphs.language_at(first) in LATIN_LANGUAGES
        position = first
        while position < last:
            if not _in_alphabet(view[position], not latin):
                position += 1
                continue
            start = position  # a run of the other alphabet's letters
            while position < last and _in_alphabet(view[position], not latin):
                position += 1
            end = position
            before, after = _letter_beside(view, start, False), _letter_beside(view, end, True)
            if not (before and _in_alphabet(before, latin)) and not (after and _in_alphabet(after, latin)):
                continue
            while start > 0 and (view[start - 1].isalpha() or view[start - 1] == IGNORABLE):
                start -= 1
            while end < length and (view[end].isalpha() or view[end] == IGNORABLE):
                end += 1
            if found and start < found[len(found) - 1][1]:  # (no negative indices: wraparound is off)
                continue
            found.append((start, end))
    return found


def in_one_script(word: str, language: str, kazakh_alphabet: int | None = None) -> str | None:
    """The word in one alphabet, by its look-alike letters, or None if some letter has no look-alike.

    In Kazakh Latin text (``kazakh_alphabet``: 2018 or 2021, as the text shows it) a Cyrillic ә is the
    alphabet's own á or ä, not Azerbaijani ə, which Kazakh Latin does not have; None where the
    text shows neither alphabet."""
    latin = sum(1 for ch in word if ch.isalpha() and "LATIN" in _script(ch))
    cyrillic = sum(1 for ch in word if ch.isalpha() and "CYRILLIC" in _script(ch))
    to_latin = latin > cyrillic or (latin == cyrillic and language in ("en", "az"))
    table, foreign = (_TO_LATIN, "CYRILLIC") if to_latin else (_TO_CYRILLIC, "LATIN")
    if to_latin and language == "kk-Latn":
        table = {**table, **_KAZAKH_LATIN_AE.get(kazakh_alphabet, {"ә": None, "Ә": None})}
    letters = []
    for ch in word:
        if ch.isalpha() and foreign in _script(ch):
            if table.get(ch) is None:
                return None
            letters.append(table[ch])
        else:
            letters.append(ch)
    return "".join(letters)


def describe_scripts(word: str) -> str:
    """The letters of the word's smaller alphabet, named: "'е' is Cyrillic Small Letter Ie (U+0435)"."""
    return ", ".join(f"{ch!r} is {unicodedata.name(ch).title()} (U+{ord(ch):04X})" for ch in odd_letters(word))


def odd_letters(word: str) -> list[str]:
    """The letters of the word's smaller alphabet (Cyrillic when the two are as many), each once, in order."""
    letters = [ch for ch in word if ch.isalpha()]
    latin = [ch for ch in letters if "LATIN" in _script(ch)]
    cyrillic = [ch for ch in letters if "CYRILLIC" in _script(ch)]
    return list(dict.fromkeys(cyrillic if len(latin) >= len(cyrillic) else latin))


def _script(ch: str) -> str:
    return unicodedata.name(ch, "")
