"""The loop that runs for every name in a text: a compiled glossary's forms found in a text's key.

This file is Cython's pure-Python mode. Where the package is built with a C compiler
(``setup.py``), it is compiled and its variables are C integers and characters:
reading a character of the key, testing for a word boundary or finding a word's end
is one C operation instead of a call. Where no compiler was found it runs as the
Python it is; both give the same findings (``tests/lint/test_compiled.py``), and
``COMPILED`` says which one runs.

What the loop does is described in ``matcher``; the forms and their keys are built there.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import cython
import regex

from ..records import CaseRule
from . import russian
from .text import is_word_char, match_key, words
from .turkic import is_suffix_chain

COMPILED = cython.compiled

_STRICT = CaseRule.STRICT
_INSENSITIVE = CaseRule.INSENSITIVE
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
# A word (letters, marks, digits: ``text.is_word_char``) that starts with an uppercase letter.
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])(?=[\p{L}\p{M}\p{N}])\p{Uppercase}[\p{L}\p{M}\p{N}]*+")


class Match(NamedTuple):
    """A form found in the text: its span in the compact key and how it was inflected."""

    start: int
    end: int
    form: object  # Form
    endings: tuple[str, ...] = ()  # Russian: the ending each word had
    suffix_start: int | None = None  # Azerbaijani/Kazakh: where the suffix chain begins


# The forms the loop reads, built by ``matcher``. Compiled, they are C structs: the loop reads
# their fields without a dictionary lookup; elsewhere they are ordinary dataclasses.
@cython.dataclasses.dataclass(frozen=True, eq=False)
class Word:
    """One word of a Russian form: the key characters of its stem and the endings it takes."""

    stem: str
    endings: frozenset  # of str
    base_ending: str
    written_stem: str  # the stem as the term writes it, letter case kept


@cython.dataclasses.dataclass(eq=False)
class Form:
    """A term as the matcher knows it, with its status in the compiled style."""

    concept: str
    lang: str
    language: str  # text language: en, az, kk, ru, kk-Latn, ...
    text: str
    status: object  # records.TermStatus
    case_rule: object  # records.CaseRule
    note: object  # str or None
    key: str  # what the automaton finds
    compact: str  # the text without invisible characters: one character per key character
    words: tuple = ()  # of Word; Russian forms: their words, each a stem and endings
    separators: tuple = ()  # of str: key text between the words of a Russian form
    exact_punctuation: cython.bint = False
    declines: cython.bint = False  # a Russian form whose words take endings (then ``words`` is set)
    first_declining: cython.Py_ssize_t = 0  # its first word that takes endings: the key ends with that word's stem
    leading_endings: tuple = ()  # of str: the endings of the words before it, which never change
    first_endings: frozenset = frozenset()  # of str: the endings of the first declining word
    restyled: cython.bint = False  # the house style gives this term another status than the default
    periods: tuple = ()  # of records.ValidityPeriod: when the term was the name in use (none: always)
    preferred_in: tuple = ()  # of str: the other house styles that make it the preferred term
    # Accepted, and its concept's only accepted form in its language: in a paragraph of that
    # language it can never be a finding, so the matcher keeps only its extent.
    plain: cython.bint = False
    last_word: cython.Py_ssize_t = 0  # where the form's last word starts, in the key
    number: cython.Py_ssize_t = -1  # its place in ``Matcher.forms``


@cython.cfunc
@cython.inline
def _is_word(ch: cython.Py_UCS4) -> cython.bint:
    """``text.is_word_char``, with the usual answers in C: ASCII, Latin letters with diacritics and
    Cyrillic without Unicode's tables, and the Python call only for what follows U+02FF and is no letter."""
    if ch < "\x80":
        return "a" <= ch <= "z" or "0" <= ch <= "9" or "A" <= ch <= "Z"
    if "\u0400" <= ch <= "\u052f":  # Cyrillic and its supplement: letters and combining marks but one sign
        return ch != "\u0482"
    if "\u00c0" <= ch <= "\u02c1":  # Latin-1 letters, Latin Extended-A and -B, IPA, modifier letters
        return ch != "\u00d7" and ch != "\u00f7"  # × and ÷
    return ch.isalnum() or (ch > "\u02ff" and is_word_char(ch))


@cython.cfunc
@cython.inline
def _is_upper(ch: cython.Py_UCS4) -> cython.bint:
    """``str.isupper`` of one character, ASCII without Unicode's tables."""
    if ch < "\x80":
        return "A" <= ch <= "Z"
    return ch.isupper()


@cython.ccall
@cython.boundscheck(False)
@cython.wraparound(False)
def word_end(text: str, position: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """Where the word that ``position`` is in (or right after) ends."""
    length: cython.Py_ssize_t = len(text)
    while position < length and _is_word(text[position]):
        position += 1
    return position


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(length=cython.Py_ssize_t, position=cython.Py_ssize_t, start=cython.Py_ssize_t, words=list)
def capitalised_words(text: str, skipped: list, min_length: cython.Py_ssize_t) -> list:
    """(start, end) of each word of ``text`` that starts with an uppercase letter, is ``min_length``
    characters or longer and overlaps none of the extents in ``skipped`` (sorted (start, end) pairs).

    Compiled, one pass over the characters; as Python, the words found by a regular expression.
    """
    if not cython.compiled:
        return _outside([w.span() for w in _CAPITALISED.finditer(text) if w.end() - w.start() >= min_length], skipped)
    words = []
    length = len(text)
    position = 0
    while position < length:
        if not _is_word(text[position]):
            position += 1
            continue
        start = position
        position = word_end(text, position)
        if position - start >= min_length and _is_upper(text[start]):
            words.append((start, position))
    return _outside(words, skipped)


@cython.cfunc
@cython.locals(i=cython.Py_ssize_t, count=cython.Py_ssize_t, start=cython.Py_ssize_t, end=cython.Py_ssize_t)
def _outside(extents: list, skipped: list) -> list:
    """The extents (sorted) that overlap none of ``skipped`` (sorted by start)."""
    kept = []
    i, count = 0, len(skipped)
    for start, end in extents:
        while i < count and skipped[i][1] <= start:
            i += 1
        if i == count or skipped[i][0] >= end:
            kept.append((start, end))
    return kept


class Columns(NamedTuple):
    """What ``find_forms`` reads of a compiled glossary (``Matcher.columns``, the same for a matcher just
    compiled and one read from the cache's file): flat columns of its keys and forms, each ``Form``
    made only when they do not rule a hit out."""

    columns: object  # a form's: the number plus one of its first declining word's endings in ``ending_sets``
    # (0: it does not decline), and where its last word starts, shifted 32 bits
    ending_sets: list  # of frozenset of str
    made: list  # the forms made so far (None: not yet)
    make: object  # make(n): form ``n``, made
    key_forms: object  # the numbers of every key's forms, key after key
    key_form_starts: object  # where each key's start in ``key_forms`` (one more: the end)
    shortcut_starts: object  # where each key's whole-word shortcut's (language, text) pairs start (one more: the end)
    shortcut_languages: object  # each pair's language: a number in ``languages``
    shortcut_text_starts: object  # where each pair's text starts in ``shortcut_text`` (one more: the end)
    shortcut_text: str
    languages: list  # of str
    # A declining form of several words: the key text that must follow its first declining word
    # (the separator and the next word's stem), each form's in ``continuation_text`` from its start
    # in ``continuation_starts`` (one more: the end; none for the others).
    continuation_starts: object
    continuation_text: str


@cython.cfunc
@cython.inline
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(i=cython.Py_ssize_t)
def _written_at(text: str, position: cython.Py_ssize_t, written: str, at: cython.Py_ssize_t,
                size: cython.Py_ssize_t) -> cython.bint:
    """``text.startswith(written[at:at + size], position)``, without making the slice."""
    if position + size > len(text):
        return False
    i = 0
    while i < size and text[position + i] == written[at + i]:
        i += 1
    return i == size


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(pair=cython.Py_ssize_t, at=cython.Py_ssize_t, size=cython.Py_ssize_t)
def _in_shortcut(starts: cython.ulonglong[:], pair_languages: cython.uint[:], text_starts: cython.ulonglong[:],
                 written: str, languages: list, number: cython.Py_ssize_t, language: str, text: str,
                 start: cython.Py_ssize_t, end: cython.Py_ssize_t) -> cython.bint:
    """Whether ``(language, text[start:end])`` is a pair of key ``number``'s whole-word shortcut, read from
    the columns (``Columns``: ``shortcut_starts``, ``shortcut_languages``, ``shortcut_text_starts``, ``shortcut_text``)."""
    size = end - start
    for pair in range(starts[number], starts[number + 1]):
        at = text_starts[pair]
        if text_starts[pair + 1] - at == size and _written_at(text, start, written, at, size) \
                and languages[pair_languages[pair]] == language:
            return True
    return False


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(base=cython.Py_ssize_t, shift=cython.Py_ssize_t, length=cython.Py_ssize_t, last=cython.Py_ssize_t,
               start=cython.Py_ssize_t, end=cython.Py_ssize_t, tail=cython.Py_ssize_t, at=cython.Py_ssize_t,
               paragraph_start=cython.Py_ssize_t, paragraph_end=cython.Py_ssize_t, whole_word=cython.bint,
               number=cython.Py_ssize_t, language=str, found=str, ending=str, form=Form,
               sizes=cython.uint[:], columns=cython.ulonglong[:], column=cython.ulonglong,
               n=cython.Py_ssize_t, last_word=cython.Py_ssize_t, suffix_for=cython.Py_ssize_t, suffixed=cython.bint,
               ending_sets=list, made=list, key_forms=cython.uint[:], key_form_starts=cython.ulonglong[:],
               first=cython.Py_ssize_t, count=cython.Py_ssize_t, i=cython.Py_ssize_t,
               shortcut_starts=cython.ulonglong[:], shortcut_languages=cython.uint[:],
               shortcut_text_starts=cython.ulonglong[:], shortcut_text=str, languages=list,
               continuation_starts=cython.ulonglong[:], continuation_text=str, following=cython.Py_ssize_t)
def find_forms(automaton, key_sizes, columns_of: Columns, key: str, text: str, paragraphs, base, offsets) -> tuple:
    """Every form the automaton finds in ``key`` that starts a word: ``Matcher.find``, but where
    ``offsets`` is given, without the conversion to offsets in the view (then the matches and
    plain extents are at offsets in ``key``).

    The automaton's value for a key is its number: ``key_sizes[number]`` is its length, and
    ``columns_of`` (``Columns``) gives the numbers of its forms and its whole-word shortcut. A form is
    made only when its columns do not rule the hit out: a declining form whose first word has no such
    ending or is not followed by its next word, or a form that would need a suffix the paragraph's
    language does not put on it. (Of the 25,000 forms that a 3 MB text's hits named, 5,000 matched.)
    """
    matches: list = []
    plain: list = []
    length = len(key)
    shift = base if offsets is None else 0  # without invisible characters left out, key offsets are view offsets less ``base``
    paragraph_start, paragraph_end, language = 0, -1, ""
    tail = 0
    found = ""
    sizes = key_sizes
    columns, ending_sets, made, make = columns_of.columns, columns_of.ending_sets, columns_of.made, columns_of.make
    key_forms, key_form_starts = columns_of.key_forms, columns_of.key_form_starts
    shortcut_starts, shortcut_languages = columns_of.shortcut_starts, columns_of.shortcut_languages
    shortcut_text_starts, shortcut_text, languages = columns_of.shortcut_text_starts, columns_of.shortcut_text, columns_of.languages
    continuation_starts, continuation_text = columns_of.continuation_starts, columns_of.continuation_text
    for last, number in automaton.iter(key):
        start = last + 1 - sizes[number]
        if start and _is_word(key[start - 1]):
            continue
        first = key_form_starts[number]
        count = key_form_starts[number + 1] - first
        end = last + 1
        at = base + start if offsets is None else offsets[start]
        if not paragraph_start <= at < paragraph_end:
            paragraph_start, paragraph_end, language = paragraphs.paragraph_at(at)
        whole_word = end == length or not _is_word(key[end])
        if whole_word:
            found = text[start:end]
            if _in_shortcut(shortcut_starts, shortcut_languages, shortcut_text_starts, shortcut_text, languages,
                            number, language, text, start, end):
                plain.append((start + shift, end + shift, True))
                continue
        ending = None  # what follows the key up to the end of its word: a declining form's ending
        suffix_for, suffixed = -1, False  # the last word's start ``suffixed`` was found for
        for i in range(count):  # each form's number: what its columns rule out, without making the form
            n = key_forms[first + i]
            column = columns[n]
            if column & 0xFFFFFFFF:
                if ending is None:
                    tail = word_end(key, end)
                    ending = key[end:tail]
                if ending not in ending_sets[(column & 0xFFFFFFFF) - 1] and language != "az" and language != "kk":
                    continue
                following = continuation_starts[n]  # (verify_declined: the next word must follow this one's ending)
                if not _written_at(key, tail, continuation_text, following, continuation_starts[n + 1] - following):
                    continue
            elif not whole_word and _is_word(key[end - 1]):  # as _verify_whole: a match only with a suffix
                if language == "az" or language == "kk" or language == "kk-Latn":
                    last_word = column >> 32
                    if last_word != suffix_for:
                        tail = word_end(key, end)
                        suffixed = is_suffix_chain(language, text[start + last_word:end], text[end:tail])
                        suffix_for = last_word
                    if not suffixed:
                        continue
                elif language != "ru":
                    continue
            form = made[n]
            if form is None:
                form = make(n)
            # The common case first: a whole word spelled exactly as the term.
            if whole_word and not form.declines and found == form.compact:
                if form.plain and language == form.language:
                    plain.append((start + shift, end + shift, True))
                else:
                    matches.append(Match(start + shift, end + shift, form))
                continue
            if form.declines:
                if ending is None:
                    tail = word_end(key, end)
                    ending = key[end:tail]
                if ending not in form.first_endings and language != "az" and language != "kk":
                    continue  # what verify_declined would find first, without the call
                match = verify_declined(form, key, start, end, tail, language, text)
            else:
                match = _verify_whole(form, key, start, end, language, text)
            if match is not None and _case_agrees(form, match, text):
                if form.plain and language == form.language:
                    plain.append((match.start + shift, match.end + shift, text[match.start:match.end] == form.compact))
                elif shift:
                    matches.append(Match(match.start + shift, match.end + shift, form, match.endings,
                                         None if match.suffix_start is None else match.suffix_start + shift))
                else:
                    matches.append(match)
    return matches, plain


@cython.cfunc
@cython.locals(start=cython.Py_ssize_t, end=cython.Py_ssize_t, tail=cython.Py_ssize_t, stem_start=cython.Py_ssize_t,
               form=Form)
def _verify_whole(form, key: str, start, end, language: str, text: str):
    """A form looked up whole, found at ``start``: whole, or followed by endings of the text's language."""
    if end == len(key) or not _is_word(key[end]) or not _is_word(key[end - 1]):
        return Match(start, end, form)
    tail = word_end(key, end)
    stem_start = start + form.last_word
    if language == "az" or language == "kk" or language == "kk-Latn":
        allowed = is_suffix_chain(language, text[stem_start:end], text[end:tail])
    else:
        allowed = language == "ru" and key[end:tail] in _russian_endings(form.compact)
    return Match(start, tail, form, suffix_start=end) if allowed else None


@cython.ccall
@cython.locals(start=cython.Py_ssize_t, end=cython.Py_ssize_t, tail=cython.Py_ssize_t, position=cython.Py_ssize_t,
               i=cython.Py_ssize_t, last=cython.Py_ssize_t, first=cython.Py_ssize_t, ending=str, separator=str,
               endings=list, form=Form, word=Word, words_of_form=tuple)
def verify_declined(form, key: str, start, end, tail, language: str, text: str):
    """Walk a Russian form word by word from its first declining word, whose stem ends the key at
    ``end`` and whose word ends at ``tail``: one of its endings, the separator, the next word's stem
    and ending, and so on."""
    endings = list(form.leading_endings)  # the words before are in the key, as written in the term
    position = end
    words_of_form = form.words
    first = form.first_declining
    last = len(words_of_form) - 1
    for i in range(first, last + 1):
        word = words_of_form[i]
        if i > first:
            separator = form.separators[i - 1]
            if not key.startswith(separator, position) or not key.startswith(word.stem, position + len(separator)):
                return None
            position += len(separator) + len(word.stem)
            tail = word_end(key, position)
        ending = key[position:tail]
        if ending in word.endings and (language == "ru" or ending == word.base_ending):
            endings.append(ending)
            position = tail
        elif i == last and (language == "az" or language == "kk" or language == "kk-Latn") and ending.startswith(word.base_ending) \
                and is_suffix_chain(language, text[position - len(word.stem):position + len(word.base_ending)],
                                    text[position + len(word.base_ending):tail]):
            endings.append(word.base_ending)
            return Match(start, tail, form, tuple(endings), position + len(word.base_ending))
        else:
            return None
    return Match(start, position, form, tuple(endings))


@cython.cfunc
@cython.inline
def _letters_agree(term_char: cython.Py_UCS4, text_char: cython.Py_UCS4, rule) -> cython.bint:
    if term_char == text_char:
        return True
    if rule is _STRICT:
        return False
    # ı and i are different letters in Azerbaijani: dotted against dotless disagrees (I is either)
    term_i: cython.bint = term_char == "i" or term_char == "İ" or term_char == "ı" or term_char == "I"
    text_i: cython.bint = text_char == "i" or text_char == "İ" or text_char == "ı" or text_char == "I"
    if (term_i or text_i) and term_char != "I" and text_char != "I" \
            and (term_char == "i" or term_char == "İ") != (text_char == "i" or text_char == "İ"):
        return False
    if rule is _INSENSITIVE:
        return True
    return not (term_char.isupper() and not text_char.isupper())


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(position=cython.Py_ssize_t, offset=cython.Py_ssize_t, i=cython.Py_ssize_t, term_char=cython.Py_UCS4,
               text_char=cython.Py_UCS4, compact=str, stem=str, form=Form, word=Word, endings=tuple, separators=tuple)
def _case_agrees(form, match: Match, text: str) -> cython.bint:
    """The text's letters agree with the term's under its case rule (and its punctuation, where it must)."""
    rule = form.case_rule
    position = match.start
    if not form.declines:
        compact = form.compact
        if text.startswith(compact, position):
            return True
        for offset in range(len(compact)):
            term_char, text_char = compact[offset], text[position + offset]
            if term_char.isalpha() or text_char.isalpha():
                if not _letters_agree(term_char, text_char, rule):
                    return False
            elif form.exact_punctuation and term_char != text_char:
                return False
        return True
    endings = match.endings
    separators = form.separators
    for i, word in enumerate(form.words):
        if i > 0:
            position += len(separators[i - 1])
        stem = word.written_stem
        if not text.startswith(stem, position):
            for offset in range(len(stem)):
                if not _letters_agree(stem[offset], text[position + offset], rule):
                    return False
        position += len(word.stem) + len(endings[i])
    return True


@functools.lru_cache(maxsize=65536)
def _russian_endings(text: str) -> frozenset[str]:
    """The keys of the endings the last word of ``text`` takes in Russian (none for a Latin name)."""
    if not _CYRILLIC.search(text):
        return frozenset()
    last = words(text)[-1]
    return ending_keys(russian.word_forms(text[last[0]:last[1]]).endings)


@functools.lru_cache(maxsize=None)
def ending_keys(endings: frozenset[str]) -> frozenset[str]:
    """The keys of a declension's endings: a few dozen sets, shared by thousands of words."""
    return frozenset(match_key(e) for e in endings)
