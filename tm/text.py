"""Words of a segment, as the memory's index, search and concordance see them.

``fold`` is what the index and concordance compare: letter case and diacritics
ignored (Füzuli, FUZULI and fuzuli are one word; the four Turkic i's are one
letter; ё is е), and the letters that Azerbaijani and Kazakh add to the Latin and
Russian alphabets read as the letters people type without the keyboard for them
(Qebele finds Qəbələ, Актау finds Ақтау: ə e, ә а, ғ г, қ к, ң н, ө о, ұ ү у, һ х, і и);
alphabets are kept apart (Баку is not Baku). ``fold`` runs in C calls only
(``casefold``, NFKD, a regular expression, a translation table), because an import
folds every segment; ``folded_with_offsets`` gives the same result character by
character with where each folded character came from, for marking a phrase
found in the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

_MARKS = regex.compile(r"\p{Mn}+")
# Turkic dotless i, Azerbaijani schwa (Latin); Kazakh letters (Cyrillic) -> the Russian letters typed for them
_LETTERS = str.maketrans({"ı": "i", "ə": "e", "\u04d9": "\u0430", "\u0493": "\u0433", "\u049b": "\u043a", "\u04a3": "\u043d",
                          "\u04e9": "\u043e", "\u04b1": "\u0443", "\u04af": "\u0443", "\u04bb": "\u0445", "\u0456": "\u0438"})
_TURKIC_LETTERS = re.compile("[" + "".join(chr(c) for c in _LETTERS) + "]")
WORD = re.compile(r"\w+")  # letters and digits (and _): the index's words
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile("[^\x00-\x7f\u0430-\u0438\u043a-\u044f]")  # not ASCII nor а-я but й: NFKD may change it


def fold(text: str) -> str:
    """Lowercase, without diacritics: ``Füzulidə`` -> ``fuzulidə``, ``BAKI`` and ``Bakı`` -> ``baki``."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    if "\u0439" in folded or "\u0451" in folded:  # й, ё: the Russian letters with a diacritic
        folded = folded.replace("\u0439", "\u0438").replace("\u0451", "\u0435")
    if _PLAIN.search(folded) is None:  # ASCII and Russian letters: what decomposing would give (checked in one C pass)
        return folded
    return _fold_decomposed(folded)


def fold_joined(joined: str, separator: str) -> str:
    """``fold`` of texts joined by ``separator`` (a character ``fold`` keeps and no text has): the same result,
    but only the texts with a character outside ASCII and Russian letters are decomposed, not the whole
    string (one dash or ``ü`` in a batch of 2,000 texts made an import decompose all of them)."""
    folded = joined.casefold()
    if folded.isascii():
        return folded
    if "\u0439" in folded or "\u0451" in folded:
        folded = folded.replace("\u0439", "\u0438").replace("\u0451", "\u0435")
    pieces, done = [], 0
    for match in _PLAIN.finditer(folded):  # one C scan; the texts around what it finds are decomposed alone
        if match.start() < done:
            continue  # in a text decomposed already
        begin = folded.rfind(separator, 0, match.start()) + 1
        end = folded.find(separator, match.start())
        end = len(folded) if end < 0 else end
        pieces += (folded[done:begin], _fold_decomposed(folded[begin:end]))
        done = end
    if not pieces:
        return folded
    pieces.append(folded[done:])
    return "".join(pieces)


def _fold_decomposed(folded: str) -> str:
    """``fold`` of a casefolded text, the long way: decomposed, marks dropped, Turkic letters read as typed."""
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", folded))
    if _TURKIC_LETTERS.search(folded) is None:  # Russian and most other text: no table lookup per character
        return folded
    return folded.translate(_LETTERS)


def index_words(text: str) -> list[str]:
    """The words of ``fold(text)``, in order (repeats kept)."""
    return WORD.findall(fold(text))


@functools.lru_cache(maxsize=1 << 14)
def _fold_character(ch: str) -> str:
    return fold(ch)


def folded_with_offsets(text: str) -> tuple[str, list[int] | range]:
    """``fold(text)`` and, for each of its characters, the offset in ``text`` of the character it came from."""
    pieces = list(map(_fold_character, text))  # C calls: the cache is C's
    folded = "".join(pieces)
    if len(folded) == len(text) and "" not in pieces:  # each character folded to one: offsets are positions
        return folded, range(len(text))
    return folded, [position for position, piece in enumerate(pieces) for _ in piece]


def collapse_spaces(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
