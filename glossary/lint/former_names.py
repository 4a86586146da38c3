"""Former names judged by the document's date, and mentions of a name as a former one.

A term's validity periods say when it was the name in use. For a document of a
given date, a name is ``INSIDE`` one of its periods (right for that date),
``BEFORE`` them all (it did not exist yet: an anachronism), ``BETWEEN`` two of
them (Astana in 2020: not the name then, an anachronism too) or ``AFTER`` them
all (a former name, superseded).

A sentence that says a name is a former one ("renamed from Nur-Sultan",
"Almaty (formerly Alma-Ata)", "the Turkic Council, as it was then called",
"бывшая Алма-Ата", "ранее Нур-Султан", "keçmiş adı", "бұрынғы атауы") uses it on
purpose: ``historical_mention`` finds the words that say so, in the paragraph's
language, around the name (right before or after it) or anywhere in its sentence
for words about renaming. The cues are the ways real copy writes it, read in
articles of AZERTAC, Report, Trend, Kazinform, TASS, TRT World and others.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Sequence

import regex

from ..records import ValidityPeriod


class Timing(enum.Enum):
    INSIDE = "inside"
    BEFORE = "before"
    BETWEEN = "between"
    AFTER = "after"


def timing(periods: Sequence[ValidityPeriod], day: datetime.date) -> Timing:
    """Where ``day`` falls against a term's periods (sorted, as records keep them); INSIDE without periods."""
    if not periods or any(p.contains(day) for p in periods):
        return Timing.INSIDE
    if periods[0].start is not None and day < periods[0].start:
        return Timing.BEFORE
    if periods[-1].end is not None and day > periods[-1].end:
        return Timing.AFTER
    return Timing.BETWEEN


class _Words:
    """A pattern compiled when first used (compiling all of them took 40 ms of every command's start,
    linting or not), with the two methods used here."""

    def __init__(self, source: str):
        self.source = source

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return regex.compile(self.source, regex.I | regex.V1)

    def search(self, text: str, pos: int, endpos: int):
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int, endpos: int):
        return self.pattern.match(text, pos, endpos)


def _words(*patterns: str, at_end: str | None = None) -> _Words:
    """Whole words or phrases, any letter case; ``at_end``: only where they end the text searched,
    but for the words given there (articles: "formerly called the")."""
    end = "" if at_end is None else r"(?:\s+(?:" + at_end + r"))?$"
    return _Words(r"(?<![\p{L}\p{M}\p{N}])(?:" + "|".join(patterns) + r")(?![\p{L}\p{M}\p{N}])" + end)


# Right before the name (its last words, with only spaces, quotes, brackets, dashes or a colon between).
_BEFORE = {
    "en": _words(r"formerly", r"former", r"previously", r"the then", r"old", r"ex",
                 r"(?:was|were) (?:then |once |previously |formerly |originally )?(?:called|named|known as)",
                 r"(?:previously|formerly|once|then|originally) (?:called|named|known as)", at_end="the|a|an"),
    "ru": _words(r"бывш\p{L}*", r"ранее", r"прежде", r"прежн\p{L}*", r"в прошлом", r"тогдашн\p{L}*",
                 r"стар\p{L}* (?:название|наименование|имя)", r"называл\p{L}*", r"носил\p{L}* (?:имя|название)",
                 at_end=""),
    "az": _words(r"keçmiş", r"əvvəlki", r"köhnə", r"əvvəllər", r"sabiq", r"(?:keçmiş|əvvəlki|köhnə) adı", at_end=""),
    "kk": _words(r"бұрынғы", r"бұрын", r"ескі", r"сол кездегі", r"(?:бұрынғы|ескі) атауы", at_end=""),
}
# Right after the name, with only spaces between, or a comma, a dash or an opening bracket.
_AFTER = {
    "en": _words(r"as (?:it|they|he|she) (?:was|were) (?:then |once )?(?:called|known)", r"at the time",
                 r"until (?:\d{4}|(?:it|its|being) (?:was )?renam\p{L}*)", r"(?:was|were|has been|had been) renamed"),
    "ru": _words(r"до \d{4}", r"в то время", r"тогда", r"переименован\p{L}*"),
    "az": _words(r"adlanırdı", r"adlandırılırdı", r"o vaxt", r"o zaman"),
    "kk": _words(r"деп аталған", r"деп аталатын", r"ол кезде", r"сол кезде", r"болатын"),
}
# Right after the name and a comma, a dash or an opening bracket: "Nur-Sultan (now Astana)".
_AFTER_PUNCTUATION = {
    "en": _words(r"now", r"then", r"today"),
    "ru": _words(r"ныне", r"сейчас", r"теперь", r"сегодня"),
    "az": _words(r"indiki", r"hazırkı", r"indi", r"hazırda"),
    "kk": _words(r"қазіргі", r"қазір", r"қазіргі атауы"),
}
# Anywhere in the sentence: words about renaming.
_SENTENCE = {
    "en": _words(r"renam\p{L}*", r"name change\p{L}*", r"changed (?:its|the|their) names?",
                 r"names? (?:was |were |has been |had been )?changed", r"former names?", r"old names?",
                 r"(?:regained|restored|returned to|reverted to) (?:its|the) (?:old|former|original|previous) name"),
    "ru": _words(r"переимен\p{L}*", r"смен\p{L}* (?:название|наименование|имя)",
                 r"(?:прежн|стар|историческ)\p{L}* (?:названи|наименовани|им)\p{L}*"),
    "az": _words(r"ad\p{L}* dəyiş\p{L}*", r"adlandırıl\p{L}*", r"yenidən adlandır\p{L}*",
                 r"(?:keçmiş|əvvəlki|köhnə) ad\p{L}*"),
    "kk": _words(r"атау\p{L}* өзгер\p{L}*", r"қайта атал\p{L}*", r"(?:бұрынғы|ескі) атау\p{L}*", r"атауы\p{L}* берілді"),
}
_SENTENCE_END = regex.compile(r"[.!?…](?=\s+[\p{Lu}«\"“]|\s*$)|\n\s*\n")
_SPAN = 80  # characters looked at on each side of a name for its sentence
_GAP_BEFORE = regex.compile(r"[\s\"'«»“”‘’„(\[:—–-]*$")
_SPACES = regex.compile(r"\s*")
_PUNCTUATION = regex.compile(r"\s*[,(\[—–-]\s*")


_YEAR = regex.compile(r"(?<![\p{L}\p{N}])(1[5-9]\d\d|20\d\d)(?![\p{L}\p{N}])")


def historical_mention(text: str, start: int, end: int, language: str,
                       periods: Sequence[ValidityPeriod] = ()) -> bool:
    """Whether the name ``text[start:end]``, in a paragraph of ``language``, is mentioned as a former name:
    with words that say so, or with a year of its ``periods`` in the same sentence ("the 2019 summit
    of the Turkic Council", "он родился в Алма-Ате в 1965 году")."""
    base = language.split("-")[0]
    sentence_start, sentence_end = _sentence(text, start, end)
    if periods and any(_in_periods(int(m.group()), periods) for m in _YEAR.finditer(text, sentence_start, sentence_end)):
        return True
    if base not in _BEFORE:
        return False
    low = max(sentence_start, start - 40)
    # Searched in the text itself between low and the name's gap, so that a word cut at low is no cue ("bold").
    if _BEFORE[base].search(text, low, _GAP_BEFORE.search(text, low, start).start()):
        return True
    punctuation = _PUNCTUATION.match(text, end, sentence_end)
    if _AFTER[base].match(text, (punctuation or _SPACES.match(text, end, sentence_end)).end(), sentence_end):
        return True
    if punctuation and _AFTER_PUNCTUATION[base].match(text, punctuation.end(), sentence_end):
        return True
    return _SENTENCE[base].search(text, sentence_start, sentence_end) is not None


def _in_periods(year: int, periods: Sequence[ValidityPeriod]) -> bool:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return any((p.start is None or p.start <= last) and (p.end is None or first <= p.end) for p in periods)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, looked for within ``_SPAN`` characters each side."""
    low = max(0, start - _SPAN)
    sentence_start = low
    for m in _SENTENCE_END.finditer(text, low, start):
        sentence_start = m.end()
    high = min(len(text), end + _SPAN)
    m = _SENTENCE_END.search(text, end, high)
    return sentence_start, m.start() if m else high
