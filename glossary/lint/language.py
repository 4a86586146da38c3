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
from itertools import repeat


LANGUAGES = ("en", "az", "kk", "ru")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_AZERBAIJANI_LETTERS = frozenset("əığşçöü")
_RUSSIAN_LETTERS = frozenset("ёщъэ")
_CYRILLIC_VOWELS = "аео"
_LATIN_VOWELS = "aeo"
_RUSSIAN_ENDINGS = tuple("ого ых ый ий ая ть ил ет".split())  # frequent, and rare at the end of Kazakh words
_AZERBAIJANI_WORDS = frozenset(
    "və ilə bu üçün də da bir olan olaraq isə ki amma həm görə qədər sonra əvvəl kimi ölkə edib olub".split())
_ENGLISH_WORDS = frozenset("the and of to in is was for on with that by as at from an are has have".split())
_KAZAKH_WORDS = frozenset("және мен бен пен үшін бұл осы деп да де та те ол бір сол жылы еді болды".split())
_RUSSIAN_WORDS = frozenset("и в во на с со по для что не из к о об от до за как а но также это его её их при был была были".split())
_SAMPLE = 240  # characters of a paragraph that decide its language (about 35 words)


def _words_with(letters: frozenset[str], sample: str, words: list[str]) -> int:
    """How many of ``words`` (the words of ``sample``) contain one of ``letters``."""
    if not any(map(sample.__contains__, letters)):  # the usual answer, from a few scans in C
        return 0
    return len(words) - sum(map(letters.isdisjoint, words))


def detect(text: str) -> str:
    """The language of one paragraph: 'en', 'az', 'kk' or 'ru'.

    The script goes by vowels counted in each alphabet. Then each side counts
    its evidence: its own letters and function words, and for Russian its
    typical endings. Ties go to Russian and English, whose letters the other
    two share (so without Kazakh or Azerbaijani evidence nothing else is counted).
    """
    sample = text[:_SAMPLE].lower()
    words = sample.split()
    if sum(map(sample.count, _CYRILLIC_VOWELS)) > sum(map(sample.count, _LATIN_VOWELS)):
        kazakh = _words_with(_KAZAKH_LETTERS, sample, words) + sum(map(_KAZAKH_WORDS.__contains__, words))
        if not kazakh:
            return "ru"
        russian = (sum(map(_RUSSIAN_WORDS.__contains__, words)) + _words_with(_RUSSIAN_LETTERS, sample, words)
                   + sum(map(str.endswith, words, repeat(_RUSSIAN_ENDINGS, len(words)))))
        return "kk" if kazakh > russian else "ru"
    azerbaijani = _words_with(_AZERBAIJANI_LETTERS, sample, words) + sum(map(_AZERBAIJANI_WORDS.__contains__, words))
    if not azerbaijani:
        return "en"
    english = sum(map(_ENGLISH_WORDS.__contains__, words))
    return "az" if azerbaijani > english else "en"


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
