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
_AZERBAIJANI_WORDS = frozenset(
    "və ilə bu üçün də da bir olan olaraq isə ki amma həm görə qədər sonra əvvəl kimi ölkə edib olub".split())
_ENGLISH_WORDS = frozenset("the and of to in is was for on with that by as at from an are has have".split())
_KAZAKH_WORDS = frozenset("және мен бен пен үшін бұл осы деп да де та те ол бір сол жылы еді болды".split())
_RUSSIAN_WORDS = frozenset("и в во на с со по для что не из к о об от до за как а но также это его её их при был была были".split())
_SAMPLE = 240  # characters of a paragraph that decide its language (about 35 words)


# Each function word, with the languages it is one of (one bit each).
_ENGLISH = cython.declare(cython.int, 1)
_AZERBAIJANI = cython.declare(cython.int, 2)
_KAZAKH = cython.declare(cython.int, 4)
_RUSSIAN = cython.declare(cython.int, 8)
_FUNCTION_WORDS: dict = {}
for _words, _bit in ((_ENGLISH_WORDS, _ENGLISH), (_AZERBAIJANI_WORDS, _AZERBAIJANI), (_KAZAKH_WORDS, _KAZAKH),
                     (_RUSSIAN_WORDS, _RUSSIAN)):
    for _word in _words:
        _FUNCTION_WORDS[_word] = _FUNCTION_WORDS.get(_word, 0) | _bit
_LONGEST_FUNCTION_WORD = cython.declare(cython.Py_ssize_t, max(map(len, _FUNCTION_WORDS)))


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(cyrillic=cython.Py_ssize_t, latin=cython.Py_ssize_t, ch=cython.Py_UCS4, sample=str,
               kazakh=cython.Py_ssize_t, russian=cython.Py_ssize_t, azerbaijani=cython.Py_ssize_t,
               english=cython.Py_ssize_t, length=cython.Py_ssize_t, i=cython.Py_ssize_t, start=cython.Py_ssize_t,
               kazakh_letter=cython.bint, azerbaijani_letter=cython.bint, russian_letter=cython.bint, capital=cython.bint,
               last=cython.Py_UCS4, second=cython.Py_UCS4, third=cython.Py_UCS4, bits=cython.int)
def detect(text: str) -> str:
    """The language of one paragraph: 'en', 'az', 'kk' or 'ru'.

    The script goes by vowels counted in each alphabet. Then each side counts
    its evidence: its words with its own letters, its function words, and for
    Russian its typical endings. Ties go to Russian and English, whose letters
    the other two share (so without Kazakh or Azerbaijani evidence nothing else
    is counted). Compiled where the package was built with a C compiler (see
    ``setup.py``): one pass over the characters, with the letter tests as C
    switches, and a lowercase copy only of words short enough to be function words.
    """
    sample = text[:_SAMPLE]
    length = len(sample)
    cyrillic = latin = kazakh = russian = azerbaijani = english = 0
    start = -1  # where the word being read began (words are what str.split finds)
    kazakh_letter = azerbaijani_letter = russian_letter = False
    last = second = third = " "  # the word's last three letters
    for i in range(length + 1):
        ch = " "
        if i < length:
            ch = sample[i]
        if not ch.isspace():
            if start < 0:
                start = i
                kazakh_letter = azerbaijani_letter = russian_letter = capital = False
                last = second = third = " "
            if ch == "а" or ch == "е" or ch == "о" or ch == "А" or ch == "Е" or ch == "О":
                cyrillic += 1
            elif ch == "a" or ch == "e" or ch == "o" or ch == "A" or ch == "E" or ch == "O":
                latin += 1
            elif ch in "әғқңөұүһіӘҒҚҢӨҰҮҺІ":
                kazakh_letter = True
            elif ch in "əığşçöüƏĞŞÇÖÜ":  # I is i's capital, not ı's (str.lower)
                azerbaijani_letter = True
            elif ch in "ёщъэЁЩЪЭ":
                russian_letter = True
            third, second, last = second, last, ch
            if not capital:  # what str.lower changes: upper- and titlecase letters (ASCII without Unicode's tables)
                capital = "A" <= ch <= "Z" if ch < "\x80" else ch.isupper() or ch.istitle()
            continue
        if start < 0:
            continue
        bits = 0
        if i - start <= _LONGEST_FUNCTION_WORD:
            bits = _FUNCTION_WORDS.get(sample[start:i].lower() if capital else sample[start:i], 0)
        english += (bits & _ENGLISH) != 0
        azerbaijani += ((bits & _AZERBAIJANI) != 0) + azerbaijani_letter
        kazakh += ((bits & _KAZAKH) != 0) + kazakh_letter
        russian += ((bits & _RUSSIAN) != 0) + russian_letter + _has_russian_ending(third, second, last)
        start = -1
    if cyrillic > latin:
        if not kazakh:
            return "ru"
        return "kk" if kazakh > russian else "ru"
    if not azerbaijani:
        return "en"
    return "az" if azerbaijani > english else "en"


@cython.cfunc
@cython.inline
def _has_russian_ending(third: cython.Py_UCS4, second: cython.Py_UCS4, last: cython.Py_UCS4) -> cython.bint:
    """Whether a word ending in these three letters ends in -ого, -ых, -ый, -ий, -ая, -ть, -ил or -ет
    (in either case): frequent in Russian, and rare at the end of Kazakh words."""
    if last in "оО":
        return second in "гГ" and third in "оО"
    if second in "ыЫ":
        return last in "хХйЙ"
    if second in "иИ":
        return last in "йЙлЛ"
    return (second in "аА" and last in "яЯ") or (second in "тТ" and last in "ьЬ") or (second in "еЕ" and last in "тТ")


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
