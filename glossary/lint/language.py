"""Which language each stretch of a text is in: declared by the markup, or found from its letters.

Cyrillic text is Kazakh when more of its words carry letters Russian does not
have (ә ғ қ ң ө ұ ү һ і) or are Kazakh function words than carry Russian
evidence: one quoted Тоқаев does not turn a Russian paragraph Kazakh. Latin
text is Azerbaijani when more words carry ə ı ğ ş ç ö ü or are Azerbaijani
function words than are English ones: one Füzuli does not turn an English
paragraph Azerbaijani; it is Kazakh in the Latin alphabet (``kk-Latn``) when
words carry the letters only that alphabet has (á ǵ ń ó ú ý, or ä ñ ū).
The alphabet goes by the letters counted in each: "Президент Tokayev
прибыл в Баку" is Cyrillic, so Russian.

A guess is *certain* when the alphabet is clear and the winning language has
function words of its own while the other has none (or far more evidence):
a headline of two names is not. A change of a name's language (``--fix``) is
made only where the language is certain.

Where the markup declares a language (an element's ``lang`` attribute), it
decides. A document's own language (``<html lang>``, Markdown front matter
``lang:``) decides wherever a stretch is in that language's alphabet and its
letters do not certainly say otherwise (an English list item on an
Azerbaijani page). A paragraph that mixes the alphabets is looked at sentence
by sentence: a Russian caption in a Kazakh paragraph is Russian, a Latin brand
name in a Russian sentence leaves it Russian.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Sequence

import cython

from ..languages import CORE_LANGUAGES

LANGUAGES = CORE_LANGUAGES
LATIN_LANGUAGES = frozenset({"en", "az", "kk-Latn"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_AZERBAIJANI_WORDS = frozenset(
    "və ilə bu üçün də da bir olan olaraq isə ki amma həm görə qədər sonra əvvəl kimi ölkə edib olub".split())
_ENGLISH_WORDS = frozenset("the and of to in is was for on with that by as at from an are has have".split())
_KAZAKH_WORDS = frozenset("және мен бен пен үшін бұл осы деп да де та те ол бір сол жылы еді болды".split())
_RUSSIAN_WORDS = frozenset("и в во на с со по для что не из к о об от до за как а но также это его её их при был была были".split())
_KAZAKH_LATIN_WORDS = frozenset("jáne jäne men ben pen úshin üşin bul osy dep degen jyly boldy".split())
_TRAILING = ".,;:!?)\"'»”…"  # what may follow a word before the next space
_SAMPLE = 240  # characters of a paragraph that decide its language (about 35 words)


# Each function word, with the languages it is one of (one bit each).
_ENGLISH = cython.declare(cython.int, 1)
_AZERBAIJANI = cython.declare(cython.int, 2)
_KAZAKH = cython.declare(cython.int, 4)
_RUSSIAN = cython.declare(cython.int, 8)
_KAZAKH_LATIN = cython.declare(cython.int, 16)
_FUNCTION_WORDS: dict = {}
for _words, _bit in ((_ENGLISH_WORDS, _ENGLISH), (_AZERBAIJANI_WORDS, _AZERBAIJANI), (_KAZAKH_WORDS, _KAZAKH),
                     (_RUSSIAN_WORDS, _RUSSIAN), (_KAZAKH_LATIN_WORDS, _KAZAKH_LATIN)):
    for _word in _words:
        _FUNCTION_WORDS[_word] = _FUNCTION_WORDS.get(_word, 0) | _bit
_LONGEST_FUNCTION_WORD = cython.declare(cython.Py_ssize_t, max(map(len, _FUNCTION_WORDS)))


def detect(text: str) -> str:
    """The language of one paragraph: 'en', 'az', 'kk', 'ru' or 'kk-Latn' (see ``guess``)."""
    return guess(text)[0]


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(cyrillic=cython.Py_ssize_t, latin=cython.Py_ssize_t, ch=cython.Py_UCS4, sample=str,
               kazakh=cython.Py_ssize_t, russian=cython.Py_ssize_t, azerbaijani=cython.Py_ssize_t,
               english=cython.Py_ssize_t, kazakh_latin=cython.Py_ssize_t, schwa=cython.Py_ssize_t,
               kazakh_fw=cython.Py_ssize_t, russian_fw=cython.Py_ssize_t, azerbaijani_fw=cython.Py_ssize_t,
               length=cython.Py_ssize_t, i=cython.Py_ssize_t, start=cython.Py_ssize_t, end=cython.Py_ssize_t,
               kazakh_letter=cython.bint, azerbaijani_letter=cython.bint, russian_letter=cython.bint, capital=cython.bint,
               kazakh_latin_letter=cython.bint, schwa_letter=cython.bint,
               last=cython.Py_UCS4, second=cython.Py_UCS4, third=cython.Py_UCS4, bits=cython.int)
def guess(text: str) -> tuple:
    """(language, certain) of one paragraph or sentence: 'en', 'az', 'kk', 'ru' or 'kk-Latn'.

    The alphabet goes by the letters counted in each. Then each side counts its
    evidence: its words with its own letters, its function words, and for
    Russian its typical endings. Ties go to Russian and English, whose letters
    the other two share (so without Kazakh or Azerbaijani evidence nothing else
    is counted). Compiled where the package was built with a C compiler (see
    ``setup.py``): one pass over the characters, with the letter tests as C
    switches, and a lowercase copy only of words short enough to be function words.
    """
    sample = text[:_SAMPLE]
    length = len(sample)
    cyrillic = latin = kazakh = russian = azerbaijani = english = kazakh_latin = schwa = 0
    kazakh_fw = russian_fw = azerbaijani_fw = 0
    start = -1  # where the word being read began (words are what str.split finds)
    kazakh_letter = azerbaijani_letter = russian_letter = kazakh_latin_letter = schwa_letter = False
    last = second = third = " "  # the word's last three letters
    for i in range(length + 1):
        ch = " "
        if i < length:
            ch = sample[i]
        if not ch.isspace():
            if start < 0:
                start = i
                kazakh_letter = azerbaijani_letter = russian_letter = capital = False
                kazakh_latin_letter = schwa_letter = False
                last = second = third = " "
            if ch < "\x80":
                if "a" <= ch <= "z" or "A" <= ch <= "Z":
                    latin += 1
            elif "\u0400" <= ch <= "\u052f":
                cyrillic += 1
                if ch in "әғқңөұүһіӘҒҚҢӨҰҮҺІ":
                    kazakh_letter = True
                elif ch in "ёщъэЁЩЪЭ":
                    russian_letter = True
            elif "\u00c0" <= ch <= "\u024f" or ch == "\u0259":
                if ch != "\u00d7" and ch != "\u00f7":
                    latin += 1
                if ch in "əığşçöüƏĞŞÇÖÜ":  # I is i's capital, not ı's (str.lower)
                    azerbaijani_letter = True
                    if ch == "ə" or ch == "Ə":
                        schwa_letter = True
                if ch in "áǵńóúýäñūÁǴŃÓÚÝÄÑŪ":
                    kazakh_latin_letter = True
            third, second, last = second, last, ch
            if not capital:  # what str.lower changes: upper- and titlecase letters (ASCII without Unicode's tables)
                capital = "A" <= ch <= "Z" if ch < "\x80" else ch.isupper() or ch.istitle()
            continue
        if start < 0:
            continue
        bits = 0
        end = i  # a function word may end a sentence or a clause: "Prezident Kirovabadda olub."
        while end > start and sample[end - 1] in _TRAILING:
            end -= 1
        if end - start <= _LONGEST_FUNCTION_WORD:
            bits = _FUNCTION_WORDS.get(sample[start:end].lower() if capital else sample[start:end], 0)
        english += (bits & _ENGLISH) != 0
        azerbaijani_fw += (bits & _AZERBAIJANI) != 0
        azerbaijani += azerbaijani_letter
        kazakh_fw += (bits & _KAZAKH) != 0
        kazakh += kazakh_letter
        russian_fw += (bits & _RUSSIAN) != 0
        russian += russian_letter + _has_russian_ending(third, second, last)
        kazakh_latin += kazakh_latin_letter + ((bits & _KAZAKH_LATIN) != 0)
        schwa += schwa_letter
        start = -1
    azerbaijani += azerbaijani_fw
    kazakh += kazakh_fw
    russian += russian_fw
    if cyrillic > latin:
        clear = cyrillic * 3 >= (cyrillic + latin) * 2
        if kazakh and kazakh > russian:
            return "kk", clear and _certain(kazakh, kazakh_fw, russian, russian_fw)
        return "ru", clear and _certain(russian, russian_fw, kazakh, kazakh_fw)
    clear = latin * 3 >= (cyrillic + latin) * 2 and latin > 0
    if kazakh_latin >= 2 and kazakh_latin > schwa:
        return "kk-Latn", clear and kazakh_latin >= 3
    if azerbaijani and azerbaijani > english:
        return "az", clear and _certain(azerbaijani, azerbaijani_fw, english, english)
    return "en", clear and _certain(english, english, azerbaijani, azerbaijani_fw)


@cython.cfunc
@cython.inline
def _certain(evidence: cython.Py_ssize_t, function_words: cython.Py_ssize_t, other: cython.Py_ssize_t,
             other_function_words: cython.Py_ssize_t) -> cython.bint:
    """Whether the winner's evidence settles it: function words of its own and none of the other's,
    or three times the other's evidence."""
    return (function_words >= 1 and other_function_words == 0 and evidence >= other) or evidence >= 3 * max(1, other)


@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(position=cython.Py_ssize_t, after=cython.Py_ssize_t, ch=cython.Py_UCS4)
def sentence_ends(text: str, start: cython.Py_ssize_t, end: cython.Py_ssize_t) -> list:
    """Where each sentence of text[start:end] but the last ends (where the next begins): after
    . ! ? or … (closing quotes and brackets after them), followed by spaces and more text; or
    after a line break."""
    ends = []
    position = start
    while position < end:
        ch = text[position]
        position += 1
        if ch == "\n":
            if position < end:
                ends.append(position)
            continue
        if ch != "." and ch != "!" and ch != "?" and ch != "\u2026":
            continue
        while position < end and text[position] in ".!?\u2026\"'\u00bb\u201d\u2019)]":
            position += 1
        after = position
        while after < end and (text[after] == " " or text[after] == "\t" or text[after] == "\u00a0"):
            after += 1
        if after > position and after < end and not text[after].isspace():
            ends.append(after)
            position = after
    return ends


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


# The script a language is written in when its tag names none.
_DEFAULT_SCRIPT = {"az": "Latn", "kk": "Cyrl", "ru": "Cyrl", "en": "Latn", "tr": "Latn", "uz": "Latn"}
_CYRILLIC_LANGUAGES = frozenset({"ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn", "tt", "ba"})
# The letters of the two alphabets (as ``scripts`` tells them apart), for a quick look at a whole paragraph.
A_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u1e00-\u1eff]")
A_CYRILLIC_LETTER = re.compile("[\u0400-\u052f]")


@functools.lru_cache(maxsize=1024)
def text_language(tag: str) -> str:
    """The text language a language tag belongs to: en-US -> en, kk-Cyrl -> kk, kk-Latn -> kk-Latn, tr -> tr."""
    parts = tag.replace("_", "-").split("-")
    primary = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script and script != _DEFAULT_SCRIPT.get(primary, script):
        return f"{primary}-{script}"
    return primary


def in_cyrillic(language: str) -> bool:
    """Whether a text language is written in Cyrillic (ru, kk; not kk-Latn)."""
    return language in _CYRILLIC_LANGUAGES


class Paragraphs:
    """Paragraph boundaries of a text and the language of each stretch, found when first asked for.

    ``declared`` gives, for some paragraphs (by their place in ``starts``), the language the
    markup declares for them; ``default`` is the document's own language. A paragraph in both
    alphabets is cut into stretches of sentences, each with its language (see the module).
    """

    def __init__(self, text: str, starts: Sequence[int], lang: str, declared: dict[int, str] | None = None,
                 default: str | None = None, clean=None):
        self.text, self.starts, self.lang, self.clean = text, starts, lang, clean
        self.declared = declared or {}
        self.default = text_language(default) if default else None
        # Each paragraph's language, once found, in one byte (a long text has a hundred thousand
        # paragraphs): 0 not yet found, 1 in more than one language (then in ``_regions``), else
        # 2 + 2 * its number in ``_languages`` + 1 if certain.
        self._codes = bytearray(len(starts))
        self._languages: list[str] = list(LANGUAGES) + ["kk-Latn"]
        self._regions: dict[int, list[tuple[int, int, str, bool]]] = {}
        self._mixed = bytearray(len(starts))  # 0 not yet looked at, 1 one alphabet, 2 both

    def language_at(self, offset: int) -> str:
        return self.region_at(offset)[2]

    def certain_at(self, offset: int) -> bool:
        """Whether the language at ``offset`` is certain (given, declared, or clear from the letters)."""
        return self.region_at(offset)[3]

    def paragraph_at(self, offset: int) -> tuple[int, int, str]:
        """(start, end, language) of the stretch of one language that ``offset`` is in: its
        paragraph, or in a paragraph of both alphabets its run of sentences."""
        return self.region_at(offset)[:3]

    def region_at(self, offset: int) -> tuple[int, int, str, bool]:
        """(start, end, language, certain) of the stretch of one language that ``offset`` is in."""
        index = bisect.bisect_right(self.starts, offset) - 1
        code = self._codes[index]
        if code == 0:
            regions = self._find_regions(index)
            if len(regions) > 1 or (regions[0][2] not in self._languages and len(self._languages) >= 126):
                self._regions[index] = regions
                self._codes[index] = 1
                code = 1
            else:
                language, certain = regions[0][2], regions[0][3]
                if language not in self._languages:
                    self._languages.append(language)
                code = self._codes[index] = 2 + 2 * self._languages.index(language) + certain
        if code == 1:
            regions = self._regions[index]
            return regions[bisect.bisect_right(regions, (offset, 1 << 62)) - 1]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end, self._languages[(code - 2) >> 1], bool(code & 1)

    def _find_regions(self, index: int) -> list[tuple[int, int, str, bool]]:
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        if self.lang != "auto":
            return [(start, end, self.lang, True)]
        declared = self.declared.get(index)
        if declared:
            return [(start, end, text_language(declared), True)]
        language, certain = self._decide(start, end)
        if certain and not self.mixes_alphabets(start, end):
            return [(start, end, language, certain)]  # one alphabet, and clear: no sentence in another language to look for
        stops = sentence_ends(self.text, start, end)
        if not stops:
            return [(start, end, language, certain)]
        parts = []
        position = start
        for stop in stops + [end]:
            if stop > position:
                parts.append((position, stop, *self._decide(position, stop)))
                position = stop
        # A short or unclear sentence is in its paragraph's language; but where the clear ones are in several
        # languages (an agency's headlines in three languages under an article, each on its line), the
        # paragraph's language is only that of its first lines, and an unclear line keeps its own letters'
        # guess, uncertain (Report: "TRIPP Azerbaijan Armenia", its English tags, above its Azerbaijani
        # and Russian headlines).
        several = len({here for _, _, here, sure in parts if sure}) > 1
        regions: list[tuple[int, int, str, bool]] = []
        for position, stop, here, sure in parts:
            if not sure and not several:
                here, sure = language, certain
            if regions and regions[-1][2:] == (here, sure):
                regions[-1] = (regions[-1][0], stop, here, sure)
            else:
                regions.append((position, stop, here, sure))
        return regions

    def mixes_alphabets(self, start: int, end: int) -> bool:
        """Whether the paragraph from ``start`` to ``end`` has both Latin and Cyrillic letters (asked
        here and by ``scripts``, so answered once)."""
        index = bisect.bisect_right(self.starts, start) - 1
        if not self._mixed[index]:
            self._mixed[index] = 1 + bool(A_LATIN_LETTER.search(self.text, start, end)
                                          and A_CYRILLIC_LETTER.search(self.text, start, end))
        return self._mixed[index] == 2

    def _decide(self, start: int, end: int) -> tuple[str, bool]:
        """The language of text[start:end] and whether it is certain: from its letters, unless the
        document's language is in its alphabet and the letters do not certainly say otherwise."""
        sample = self.text[start:min(end, start + _SAMPLE)]
        language, certain = guess(self.clean(sample) if self.clean is not None else sample)
        default = self.default
        if default and in_cyrillic(default) == in_cyrillic(language) and not (certain and language != default):
            return default, True
        return language, certain

    def span_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the paragraph that ``offset`` is in."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.starts[index], self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)

    def spans(self, low: int = 0, high: int | None = None) -> list[tuple[int, int]]:
        """(start, end) of each paragraph, or of each one that starts from ``low`` to before ``high``."""
        first = bisect.bisect_left(self.starts, low)
        last = len(self.starts) if high is None else bisect.bisect_left(self.starts, high)
        ends = list(self.starts[first + 1:last + 1] if last < len(self.starts) else [*self.starts[first + 1:], len(self.text)])
        return list(zip(self.starts[first:last], ends))


def paragraphs(text: str, lang: str = "auto", blocks: list[tuple[int, str | None]] | None = None,
               default: str | None = None, clean=None) -> Paragraphs:
    """Split at blank lines and at the starts of ``blocks`` (offset, declared language or None: a
    block of the markup, such as an HTML paragraph or a Markdown heading); each stretch is in
    ``lang``, or in its declared or detected language for 'auto' (see ``Paragraphs``). ``clean``,
    if given, is applied to the text a language is guessed from (plain text: its URLs blanked)."""
    starts = array("q", [0])  # (an array: a long text has a hundred thousand paragraphs)
    starts.extend(m.end() for m in _PARAGRAPH_BREAK.finditer(text))
    if not blocks:
        return Paragraphs(text, starts, lang, default=default, clean=clean)
    block_starts = [b for b, _ in blocks]
    merged = array("q", sorted(set(starts).union(b for b in block_starts if 0 <= b < len(text))))
    declared = {}
    for index, start in enumerate(merged):
        at = bisect.bisect_right(block_starts, start) - 1
        if at >= 0 and blocks[at][1]:
            declared[index] = blocks[at][1]
    return Paragraphs(text, merged, lang, declared, default, clean)
