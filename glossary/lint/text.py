"""Text primitives of the lint engine: words, matching keys, letter case.

Matching runs on a *key*: a copy of the text of exactly the same length in
which each character is replaced by one character, so an offset in the key is
the same offset in the file. ``str.lower()`` cannot be used for that: it turns
İ into two characters. The key folds letter case with the four Turkic i's
(I, İ, ı, i) as one letter, every dash to ``-``, every apostrophe to ``'``
and every space (no-break and line breaks included) to `` ``. Characters that
are invisible inside words (soft hyphen, zero-width space and joiners, and
``IGNORABLE`` that the markup layer puts where it removed something) are kept
as ``IGNORABLE`` in the key; matching skips them.
"""

from __future__ import annotations

import unicodedata
from array import array

import cython
import regex

# Put by the markup layer where it removed characters inside prose (an HTML
# entity's extra length, an inline tag inside a word). Never in real text.
IGNORABLE = "\uffff"

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07"
SPACES = " \t\n\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff" + IGNORABLE

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")

def _special_characters() -> dict[str, str]:
    """Characters whose key is not their lowercase: dashes, apostrophes, spaces, invisible ones."""
    table: dict[str, str] = {}
    for chars, key in ((DASHES, "-"), (APOSTROPHES, "'"), (SPACES, " "), (INVISIBLE, IGNORABLE)):
        for ch in chars:
            table[ch] = key
    return {ch: key for ch, key in table.items() if ch != key}


_SPECIAL = _special_characters()
_SPECIAL_SET = frozenset(_SPECIAL)
_SPECIAL_ITEMS = tuple(_SPECIAL.items())


def match_key(text: str) -> str:
    """The matching key of ``text``: same length, one key character per character.

    İ is the one character whose lowercase is longer than itself; it is replaced
    before lowercasing, and ı after, so the four Turkic i's become one letter.
    A long text is folded in one pass of C where this module is compiled (``setup.py``).
    """
    if cython.compiled and len(text) > 64 and "\u03a3" not in text:  # Σ: its lowercase depends on what follows
        return _folded_in_one_pass(text)
    key = text.replace("İ", "i").lower().replace("ı", "i")
    if len(text) > 64 or not _SPECIAL_SET.isdisjoint(text):  # a short word rarely has any: skip the scans
        for special, folded in _SPECIAL_ITEMS:  # a scan in C per character: faster than one regex pass
            if special in key:
                key = key.replace(special, folded)
    if len(key) != len(text):  # cannot happen with Unicode's case mappings; offsets must never drift
        raise AssertionError("match_key changed the length of the text")
    return key


def _key_character(ch: str) -> str:
    """One character's key (``match_key`` of a text without Σ, character by character)."""
    return "i" if ch == "İ" or ch == "ı" else _SPECIAL.get(ch) or ch.lower()


_TABLE_SIZE = cython.declare(cython.Py_ssize_t, 0x530)  # Latin, Greek and Cyrillic: their keys from a table
_KEY_TABLE = array("I", [ord(_key_character(chr(c))) for c in range(_TABLE_SIZE)])


@cython.locals(i=cython.Py_ssize_t, ch=cython.Py_UCS4, key=cython.uint[::1], table=cython.uint[::1])
def _folded_in_one_pass(text: str) -> str:
    """``match_key`` of a text without Σ, one character at a time (compiled: a table look-up
    for each Latin, Greek or Cyrillic character)."""
    folded = bytearray(4 * len(text))
    key = memoryview(folded).cast("I")
    table = _KEY_TABLE
    for i in range(len(text)):
        ch = text[i]
        key[i] = table[ch] if ord(ch) < _TABLE_SIZE else ord(_key_character(ch))
    return folded.decode("utf-32-le", "surrogatepass")


_INVISIBLE_PATTERN = regex.compile("[" + regex.escape(INVISIBLE) + "]")


_INVISIBLE_SET = frozenset(INVISIBLE)


def without_invisible(text: str) -> str:
    """``text`` without soft hyphens, zero-width characters and IGNORABLE."""
    if _INVISIBLE_SET.isdisjoint(text):  # almost every term and text: a scan in C, no substitution
        return text
    return _INVISIBLE_PATTERN.sub("", text)


def is_word_char(ch: str) -> bool:
    """A letter, digit or combining mark: what words are made of."""
    return ch.isalnum() or (ch > "\u02ff" and unicodedata.category(ch).startswith("M"))


# Which of the first characters (Latin, Greek, Cyrillic) are word characters, as ``WORD`` decides.
_WORD_TABLE = array("I", [1 if WORD.fullmatch(chr(c)) else 0 for c in range(_TABLE_SIZE)])


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(i=cython.Py_ssize_t, start=cython.Py_ssize_t, length=cython.Py_ssize_t, ch=cython.Py_UCS4,
               table=cython.uint[::1], spans=list)
def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word: a run of letters, marks and digits.

    Compiled, a text in the Latin, Greek and Cyrillic blocks is read one character at a time
    against ``WORD``'s own answers for them (every term of a glossary, when it is compiled);
    anything else goes through ``WORD``.
    """
    if not cython.compiled:
        return [m.span() for m in WORD.finditer(text)]
    table = _WORD_TABLE
    spans = []
    start = -1
    length = len(text)
    for i in range(length):
        ch = text[i]
        if ch >= _TABLE_SIZE:
            return [m.span() for m in WORD.finditer(text)]
        if table[ch]:
            if start < 0:
                start = i
        elif start >= 0:
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, length))
    return spans


# Letter case, with Azerbaijani and Kazakh i's: upper("i") is İ and lower("I") is ı there.
TURKIC = frozenset({"az", "kk", "tr", "crh", "tt", "ba", "gag"})


def upper(text: str, lang: str) -> str:
    if lang.split("-")[0] in TURKIC and not _is_cyrillic_only(text):
        text = text.replace("i", "İ")
    return text.upper()


def lower(text: str, lang: str) -> str:
    if lang.split("-")[0] in TURKIC and not _is_cyrillic_only(text):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def _is_cyrillic_only(text: str) -> bool:
    return not any("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def case_pattern(found: str) -> str:
    """'upper' (FIZULI), 'lower' (fizuli), 'title' (Fizuli) or 'as-is' (anything else)."""
    letters = [ch for ch in found if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters and all(ch.islower() for ch in letters):
        return "lower"
    if letters and letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    return "as-is"


def apply_case(replacement: str, found: str, lang: str) -> str:
    """``replacement`` in the letter case of ``found``: FIZULI -> FUZULI, fizuli -> fuzuli.

    A replacement with capitals of its own (Kassym-Jomart, COP29) keeps them unless
    the found text was all capitals.
    """
    pattern = case_pattern(found)
    if pattern == "upper":
        return upper(replacement, lang)
    if pattern == "lower" and all(not ch.isupper() for ch in replacement[1:]):
        return lower(replacement, lang)
    return _capitals_word_by_word(replacement, found, lang)


def _capitals_word_by_word(replacement: str, found: str, lang: str) -> str:
    """Zangazur Corridor -> Zangezur Corridor, not Zangezur corridor: initial capitals carried
    over word by word when both have the same number of words."""
    found_words, new_words = words(found), words(replacement)
    if len(found_words) != len(new_words):
        return replacement
    letters = list(replacement)
    for (fa, _), (na, _) in zip(found_words, new_words):
        if found[fa].isupper() and letters[na].islower():
            letters[na] = upper(letters[na], lang)
    return "".join(letters)
