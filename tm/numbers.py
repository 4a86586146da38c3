"""Numbers of a text, read in its language's notation: values that compare across languages (QA), figures that
are rewritten in place (repaired memory matches). The one place where Tilmash reads numbers.

*3.4 million*, *3,4 млн*, *3,4 milyon* and *3 400 000* are one value; *14-də*,
*2023-cü*, *2023 жылдан* and *5-й* are 14, 2023 and 5 with a suffix; *14 October*,
*14 октября*, *oktyabrın 14-də* and *14 қазанда* are the day 14 and the month 10
(a month name counts only next to a number, so *May* the verb and *Қазан* the city
are not months). The decimal and group symbols of each language come from CLDR
through Babel, and Babel parses the digits strictly; a token its language's
notation cannot read, or one that reads two ways (*1,500* is 1500 in English and
1.5 in Russian), keeps every value it may have, and matches any of them.

Digits that belong to a name are not numbers: glued to letters (COP29, G20,
COP-29) or inside a span the caller leaves out (a glossary name, a placeholder).

A repaired match (``tm.repair``) changes the digits alone, where the text has them
(``figures``): *3,4* of *3,4 млн*, *2024* of *2024-də*; ``write_like`` writes a new
value the way the digits it replaces were written (3,4 -> 3,6 with the same marks).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from glossary.languages import SUFFIXING_LANGUAGES

_SPACE_GROUP = "\u00a0\u202f\u2009 "  # what writers put between groups of digits where CLDR says no-break space
_NUMBER = regex.compile(
    r"""(?<![\p{L}][-\u2010\u2011]?)(?<![\p{N}][.,]?)
    (?:
      (?P<date>(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}))(?![.,]?\p{N})
    | (?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\p{N})
    | (?P<time>\d{1,2}:\d{2})(?![.,:]?\p{N})
    | (?P<digits>\d{1,3}(?:(?P<group>[,.\u00a0\u202f\u2009 ])\d{3})(?:(?P=group)\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)
      (?![.,]?\p{N})
    )""",
    regex.VERBOSE,
)
# After the digits: a scale word, glued or after one space, and a suffix (14-də, 2023-cü, 5-й, 1st).
_SCALES = {
    "en": (("thousand", 3), ("million", 6), ("mln", 6), ("m", 6), ("billion", 9), ("bn", 9), ("bln", 9),
           ("trillion", 12), ("tn", 12), ("trn", 12)),
    "ru": (("тысяч", 3), ("тыс", 3), ("миллион", 6), ("млн", 6), ("миллиард", 9), ("млрд", 9),
           ("триллион", 12), ("трлн", 12)),
    "kk": (("мың", 3), ("миллион", 6), ("млн", 6), ("миллиард", 9), ("млрд", 9), ("триллион", 12), ("трлн", 12)),
    "az": (("min", 3), ("milyon", 6), ("mln", 6), ("milyard", 9), ("mlrd", 9), ("trilyon", 12), ("trln", 12)),
}
# Scale words that are only scales glued to the digits ($3m) or as whole words (m alone is too short).
_GLUED_ONLY = frozenset({"m"})
_WORD_AFTER = regex.compile(r"[ \u00a0\u202f]?(\p{L}+)")
_SUFFIX = regex.compile(r"[-\u2010\u2011'’]?\p{L}+")
_WORD = regex.compile(r"\p{L}+\.?")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class Number:
    """A number as written (``start``/``end``: the whole token, scale and suffix included) and the
    values it may have: ``n:3400000`` for numbers, ``m:10`` for a month, ``t:10:30`` for a time."""

    start: int
    end: int
    text: str
    values: tuple[str, ...]  # the reading in the text's own notation first
    digits: tuple[int, int]  # where the digits are, in the text (for a suggestion)
    scale: int = 0
    date: bool = False  # part of a date: a month, or the day or year written with one

    @property
    def kind(self) -> str:
        return self.values[0].partition(":")[0]

    @property
    def value(self) -> str:
        """The value to show: the one in the text's own notation."""
        return self.values[0]

    def matches(self, other: Number) -> bool:
        return any(v in other.values for v in self.values)


def numbers(text: str, lang: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """The numbers of ``text`` in language ``lang`` (en, az, kk, ru; others read as English),
    leaving out those that start inside a ``skip`` span, in text order."""
    if not _DIGIT.search(text):
        return []
    lang = lang if lang in _SCALES else "en"
    found: list[Number] = []
    skip = sorted(skip)
    for match in _NUMBER.finditer(text):
        if _inside(match.start(), skip):
            continue
        if match.group("date") or match.group("iso"):
            day, month, year = (match.group(g) for g in (("d", "m", "y") if match.group("date") else ("id", "im", "iy")))
            if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
                continue
            for group, value in ((("d", "id"), f"n:{int(day)}"), (("m", "im"), f"m:{int(month)}"),
                                 (("y", "iy"), f"n:{int(year)}")):
                name = group[0] if match.group("date") else group[1]
                a, b = match.span(name)
                found.append(Number(a, b, text[a:b], (value,), (a, b), date=True))
            continue
        if match.group("time"):
            a, b = match.span("time")
            hours, minutes = match.group("time").split(":")
            found.append(Number(a, b, text[a:b], (f"t:{int(hours)}:{minutes}",), (a, b)))
            continue
        a, b = match.span("digits")
        values = _read(match.group("digits"), match.group("group"), lang)
        if not values:
            continue
        end, scale = _scale(text, b, lang)
        if not scale:
            suffix = _SUFFIX.match(text, b)
            if suffix and not text[b:b + 1].isspace():
                end = suffix.end()
        values = tuple(dict.fromkeys(f"n:{_normal(v.scaleb(scale))}" for v in values))
        found.append(Number(a, end, text[a:end], values, (a, b), scale))
    months = _months(text, lang, found)
    if months:
        dated = {n for m in months for n in m[1]}
        found = [dataclasses.replace(n, date=True) if n.start in dated else n for n in found]
        found.extend(m[0] for m in months)
    found.sort(key=lambda n: n.start)
    return found


# A year written as one, what a version makes explicit where another says "last year": 2023 года, 2023 жылы,
# 2023-cü ildə (the suffix is part of the number), in 2023.
_YEAR_AFTER = {
    "ru": regex.compile(r"\s*(?:г\.|год)"),
    "kk": regex.compile(r"\s*жыл"),
    "az": regex.compile(r"\s*il"),
}
_YEAR_BEFORE_EN = regex.compile(r"(?i)(?<![\p{L}])(?:in|since|by|until|from|of|year)\s+$")


def is_year(number: Number, text: str, lang: str) -> bool:
    """Whether ``number`` is written as a year (1900 to 2100, with the language's word for a year after it;
    in English, after *in*, *since*, *by*...)."""
    kind, _, value = number.value.partition(":")
    if kind != "n" or number.scale or not value.isdigit() or not 1900 <= int(value) <= 2100:
        return False
    after = _YEAR_AFTER.get(lang)
    if after is not None:
        return after.match(text, number.end) is not None
    return _YEAR_BEFORE_EN.search(text, max(0, number.start - 12), number.start) is not None


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


@functools.lru_cache(maxsize=4096)
def _read(digits: str, group: str | None, lang: str) -> tuple[Decimal, ...]:
    """The values the digits may have: in ``lang``'s notation, and in the other one where it reads too."""
    values = []
    if group and group in _SPACE_GROUP:
        digits, group = digits.replace(group, ""), None
    for locale in dict.fromkeys((lang, "en" if lang != "en" else "ru")):
        try:
            values.append(parse_decimal(digits, locale=locale, strict=True))
        except (NumberFormatError, InvalidOperation):
            continue
        if not _ambiguous(digits, locale):
            break
    return tuple(values)


def _ambiguous(digits: str, locale: str) -> bool:
    """Whether another notation reads the digits otherwise: one separator, followed by three digits."""
    separators = [ch for ch in digits if not ch.isdigit()]
    return len(separators) == 1 and len(digits) - digits.index(separators[0]) - 1 == 3


def _normal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scale(text: str, position: int, lang: str) -> tuple[int, int]:
    """(end, power of ten) of a scale word right after the digits (3,4 млн, $3m, 1.5bn), else (position, 0)."""
    word = _WORD_AFTER.match(text, position)
    if not word:
        return position, 0
    glued = word.start(1) == position
    lowered = word.group(1).lower()
    for stem, power in _SCALES[lang]:
        if stem in _GLUED_ONLY:
            if glued and lowered == stem:
                return word.end(1), power
        elif lowered.startswith(stem) and (len(stem) > 3 or lowered == stem):
            return word.end(), power
    return position, 0


# Months ---------------------------------------------------------------------------------------


@functools.cache
def _month_names(lang: str) -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
    """Each written form of a month name (lowercase) -> its number; and for Azerbaijani and Kazakh, whose
    month names take suffixes (oktyabrın, қазанда), the names of four letters or more by their first three."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=lang).items():
                name = name.lower().rstrip(".")
                if len(name) >= 3:
                    names[name] = number
    if lang == "ru":  # the prepositional case (в октябре) is CLDR's nominative with -е
        for number, name in get_month_names("wide", "stand-alone", locale="ru").items():
            names[name.lower().rstrip("ьй") + "е"] = number
    stems: dict[str, list[tuple[str, int]]] = {}
    if lang in SUFFIXING_LANGUAGES:
        for name, number in names.items():
            if len(name) >= 4:
                stems.setdefault(name[:3], []).append((name, number))
    return names, stems


_WORD_BEFORE = regex.compile(r"(\p{L}+)\.?\s$")


def _months(text: str, lang: str, found: list[Number]) -> list[tuple[Number, tuple[int, ...]]]:
    """Month names written next to a number of ``found`` (14 October, October 14, oktyabrın 14-də, October
    2023), each with where those numbers start."""
    months: dict[int, tuple[Number, list[int]]] = {}
    for number in found:
        if number.scale or number.kind != "n":
            continue
        before = _WORD_BEFORE.search(text, max(0, number.start - 24), number.start)
        after = _WORD.match(text, number.end + 1) if text[number.end:number.end + 1].isspace() else None
        for start, written in ((before.start(1), before.group(1)) if before else (None, None),
                               (after.start(), after.group().rstrip(".")) if after else (None, None)):
            if written is None:
                continue
            month = _month(written, lang)
            if month is None:
                continue
            end = start + len(written)
            entry = months.setdefault(start, (Number(start, end, written, (f"m:{month}",), (start, end), date=True), []))
            entry[1].append(number.start)
    return [(month, tuple(neighbours)) for month, neighbours in months.values()]


def _month(written: str, lang: str) -> int | None:
    """The month a word names in ``lang`` (October, октября, oktyabrın, қазанда), or None."""
    if lang == "en" and not written[:1].isupper():
        return None
    names, stems = _month_names(lang)
    lowered = written.lower()
    number = names.get(lowered)
    if number is None:
        number = next((n for name, n in stems.get(lowered[:3], ()) if lowered.startswith(name)
                       and len(lowered) - len(name) <= 5), None)
    return number


# Showing values -------------------------------------------------------------------------------


def describe(value: str, lang: str) -> str:
    """A value as a reader of ``lang`` writes it: n:3400000 -> '3 400 000' (ru), m:10 -> 'October' (en)."""
    kind, _, rest = value.partition(":")
    if kind == "m":
        return get_month_names("wide", "stand-alone", locale=lang if lang in _SCALES else "en")[int(rest)]
    if kind == "t":
        return rest
    return format_decimal(Decimal(rest), locale=lang if lang in _SCALES else "en", group_separator=len(rest) > 4)


def suggestion_for(found: Number, value: str, lang: str) -> str | None:
    """``found`` rewritten to have ``value``, in its notation and with its scale word, where one exists."""
    kind, _, rest = value.partition(":")
    if kind != "n" or value in found.values or not all(v.startswith("n:") for v in found.values):
        return None
    number = Decimal(rest).scaleb(-found.scale)
    digits = found.text[found.digits[0] - found.start:found.digits[1] - found.start]
    written = format_decimal(number, locale=lang if lang in _SCALES else "en",
                             group_separator=not digits.isdigit() and len(digits) > 4)
    if not written.replace(".", "").replace(",", "").replace("\u00a0", "").isdigit():
        return None
    return found.text[:found.digits[0] - found.start] + written + found.text[found.digits[1] - found.start:]


# Pairing ----------------------------------------------------------------------------------------


def pair_up(left: Sequence[Number], right: Sequence[Number]) -> list[tuple[int, int]]:
    """The most numbers of ``left`` paired with numbers of ``right`` of the same value, as index pairs
    (a maximum matching: a number that reads two ways takes the partner the others leave it)."""
    partner_of_right: dict[int, int] = {}
    candidates = [[j for j, r in enumerate(right) if n.matches(r)] for n in left]

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in partner_of_right or augment(partner_of_right[j], seen):
                partner_of_right[j] = i
                return True
        return False

    for i in sorted(range(len(left)), key=lambda i: len(candidates[i])):
        if candidates[i]:
            augment(i, set())
    return sorted((i, j) for j, i in partner_of_right.items())


def substitutions(lone: Sequence[Number], wanted: Sequence[Number]) -> tuple[list[tuple[Number, Number]], list[Number], list[Number]]:
    """Numbers of a text that no other has (``lone``) paired in order with numbers it lacks (``wanted``)
    of the same kind (a month for a month): what it has instead of what; then what is left on each side,
    without dates (a date one version gives and another leaves out is the writer's choice, not a mistake)
    and without the numbers up to ten (English style spells them out, *three times a week*, where
    Russian or Azerbaijani copy writes *3 раза в неделю*)."""
    pairs, free = [], list(wanted)
    left = []
    for number in lone:
        same = [w for w in free if w.kind == number.kind]
        # a number for a number of its sort: a date's day for a day, a count for a count
        partner = next((w for w in same if _counts_alone(w) == _counts_alone(number) and w.date == number.date),
                       same[0] if same else None)
        if partner is None:
            left.append(number)
        else:
            free.remove(partner)
            pairs.append((number, partner))
    return pairs, [n for n in left if _counts_alone(n)], [n for n in free if _counts_alone(n)]


_SPELLED_OUT = frozenset(f"n:{i}" for i in range(11))


def _counts_alone(number: Number) -> bool:
    """Whether a number one text has and the other lacks is worth reporting: not a date, not one to ten."""
    return not number.date and not (number.scale == 0 and number.values[0] in _SPELLED_OUT)


# Figures: the digits of a number, as a repair rewrites them ----------------------------------------


@dataclass(frozen=True)
class Figure:
    """The digits of a number (``start``/``end``: the digits alone, without a scale word or a suffix) and
    their value as written, in the text's own notation (*3,4* of *3,4 млн* is 3.4)."""

    start: int
    end: int
    text: str
    value: Decimal
    decimals: int  # digits after the decimal mark as written
    decimal_mark: str | None  # as written, if any
    group: str | None  # the thousands separator as written, if any


_DATE_SEPARATOR = regex.compile(r"[.-]\d")


def figures(text: str, lang: str) -> list[Figure]:
    """The figures of the numbers of ``text`` (counts and amounts; not months, times or the parts of a
    written date such as 14.10.2023), in text order."""
    found = []
    for number in numbers(text, lang):
        if number.kind != "n":
            continue
        a, b = number.digits
        if number.date and (_DATE_SEPARATOR.match(text, b) or _DATE_SEPARATOR.match(text[max(0, a - 2):a][::-1])):
            continue  # a part of 14.10.2023 or 2023-10-14
        written = text[a:b]
        value = Decimal(_normal(Decimal(number.value.partition(":")[2]).scaleb(-number.scale)))
        separators = [ch for ch in written if not ch.isdigit()]
        mark = group = None
        if separators:
            last = separators[-1]
            as_decimal = written[:written.rindex(last)].translate({ord(ch): None for ch in separators}) + "." + \
                written[written.rindex(last) + 1:]
            if last not in _SPACE_GROUP and Decimal(as_decimal) == value:
                mark = last
                group = separators[0] if len(separators) > 1 else None
            else:
                group = separators[0]
        decimals = len(written) - written.rindex(mark) - 1 if mark else 0
        found.append(Figure(a, b, written, value, decimals, mark, group))
    return found


def write_like(value: Decimal, decimals: int, like: Figure, lang: str) -> str:
    """``value`` with ``decimals`` decimal places, written as ``like`` was (its marks, else the language's)."""
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    group = like.group
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))])
    if not fraction:
        return whole
    mark = like.decimal_mark or ("." if lang in ("en", "az") else ",")
    return f"{whole}{mark}{fraction}"
