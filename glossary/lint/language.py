"""Which of the four languages a paragraph is in, from its script and letters.

Cyrillic text is Kazakh when more of its words carry letters Russian does not
have (ә ғ қ ң ө ұ ү һ і) or are Kazakh function words than carry Russian
evidence: one quoted Тоқаев does not turn a Russian paragraph Kazakh. Latin
text is Azerbaijani when more words carry ə ı ğ ş ç ö ü or are Azerbaijani
function words than are English ones: one Füzuli does not turn an English
paragraph Azerbaijani.
"""

from __future__ import annotations

import bisect
import re

import cython


LANGUAGES = ("en", "az", "kk", "ru")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_RUSSIAN_ENDINGS = tuple("ого ых ый ий ая ть ил ет".split())  # frequent, and rare at the end of Kazakh words
_AZERBAIJANI_WORDS = frozenset(
    "və ilə bu üçün də da bir olan olaraq isə ki amma həm görə qədər sonra əvvəl kimi ölkə edib olub".split())
_ENGLISH_WORDS = frozenset("the and of to in is was for on with that by as at from an are has have".split())
_KAZAKH_WORDS = frozenset("және мен бен пен үшін бұл осы деп да де та те ол бір сол жылы еді болды".split())
_RUSSIAN_WORDS = frozenset("и в во на с со по для что не из к о об от до за как а но также это его её их при был была были".split())
_SAMPLE = 240  # characters of a paragraph that decide its language (about 35 words)


@cython.locals(cyrillic=cython.Py_ssize_t, latin=cython.Py_ssize_t, ch=cython.Py_UCS4, word=str, words=list,
               kazakh=cython.Py_ssize_t, russian=cython.Py_ssize_t, azerbaijani=cython.Py_ssize_t,
               english=cython.Py_ssize_t)
def detect(text: str) -> str:
    """The language of one paragraph: 'en', 'az', 'kk' or 'ru'.

    The script goes by vowels counted in each alphabet. Then each side counts
    its evidence: its words with its own letters, its function words, and for
    Russian its typical endings. Ties go to Russian and English, whose letters
    the other two share (so without Kazakh or Azerbaijani evidence nothing else
    is counted). Compiled where the package was built with a C compiler (see
    ``setup.py``): the letter tests are then C switches.
    """
    sample = text[:_SAMPLE].lower()
    words = sample.split()
    cyrillic = latin = 0
    for ch in sample:
        if ch == "а" or ch == "е" or ch == "о":
            cyrillic += 1
        elif ch == "a" or ch == "e" or ch == "o":
            latin += 1
    if cyrillic > latin:
        kazakh = 0
        for word in words:
            kazakh += (word in _KAZAKH_WORDS) + _has_letter_of(word, "kk")
        if not kazakh:
            return "ru"
        russian = 0
        for word in words:
            russian += (word in _RUSSIAN_WORDS) + _has_letter_of(word, "ru") + word.endswith(_RUSSIAN_ENDINGS)
        return "kk" if kazakh > russian else "ru"
    azerbaijani = 0
    for word in words:
        azerbaijani += (word in _AZERBAIJANI_WORDS) + _has_letter_of(word, "az")
    if not azerbaijani:
        return "en"
    english = 0
    for word in words:
        english += word in _ENGLISH_WORDS
    return "az" if azerbaijani > english else "en"


@cython.cfunc
@cython.locals(ch=cython.Py_UCS4)
def _has_letter_of(word: str, language: str) -> cython.bint:
    """Whether ``word`` (lowercase) has a letter that only ``language`` of the four has."""
    for ch in word:
        if language == "kk":
            if ch in "әғқңөұүһі":
                return True
        elif language == "az":
            if ch in "əığşçöü":
                return True
        elif ch in "ёщъэ":
            return True
    return False


class Paragraphs:
    """Paragraph boundaries of a text; each paragraph's language is found when first asked for."""

    def __init__(self, text: str, starts: list[int], lang: str):
        self.text, self.starts, self.lang = text, starts, lang
        self._languages: dict[int, str] = {}

    def language_at(self, offset: int) -> str:
        return self.paragraph_at(offset)[2]

    def paragraph_at(self, offset: int) -> tuple[int, int, str]:
        """(start, end, language) of the paragraph that ``offset`` is in."""
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        if self.lang != "auto":
            return start, end, self.lang
        language = self._languages.get(index)
        if language is None:
            language = self._languages[index] = detect(self.text[start:end])
        return start, end, language

    def spans(self, low: int = 0, high: int | None = None) -> list[tuple[int, int]]:
        """(start, end) of each paragraph, or of each one that starts from ``low`` to before ``high``."""
        first = bisect.bisect_left(self.starts, low)
        last = len(self.starts) if high is None else bisect.bisect_left(self.starts, high)
        ends = self.starts[first + 1:last + 1] if last < len(self.starts) else self.starts[first + 1:] + [len(self.text)]
        return list(zip(self.starts[first:last], ends))


def paragraphs(text: str, lang: str = "auto") -> Paragraphs:
    """Split at blank lines; each paragraph is in ``lang``, or in its detected language for 'auto'."""
    return Paragraphs(text, [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)], lang)
