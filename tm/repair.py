"""Repaired matches: a stored target with the names and numbers that changed put right.

When a stored source differs from the query only in glossary names (Gabala for
Shusha) or numbers (2024 for 2025, $470 million for $568 million), the stored
target is rewritten: each name of the stored source's concept found in the target
is replaced by the target language's canonical form of the query's concept, in the
grammatical form the target used (в Габале -> в Шуше, Qəbələdə -> Şuşada: the lint
engine's ``glossary.lint.names`` builds it), and each number by the query's number
in the target's notation (3.4 -> 3,6 in Russian; an Azerbaijani or Kazakh suffix on
it carried over with vowel harmony, 2024-də -> 2026-da).

Never a wrong target: nothing is repaired (``None``) when anything else differs,
when a changed name or number is not found in the target, when a form cannot be
built, when a name or number changes two ways, or when a Russian or English noun
after a number would have to change with it (1 страна -> 2 страны).
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from rapidfuzz.distance import Levenshtein
from sqlalchemy.orm import Session

from glossary.languages import SUFFIXING_LANGUAGES
from glossary.lint import turkic
from glossary.lint.matcher import Matcher, text_language
from glossary.lint.names import Name, find_names, name_in_place
from glossary.lint.service import matcher_for_session

from .numbers import Figure, figures, write_like

_WORD = re.compile(r"\w+")
_NAME, _NUMBER = "\x00name", "\x00number"  # alignment keys: any name lines up with any name, any number with any number
# Russian words after a number that do not agree with it: abbreviations and symbols.
_RU_UNINFLECTED = frozenset("млн млрд трлн тыс тысяч млн. млрд. трлн. тыс. % км кг т га м г гг".split())


@dataclass(frozen=True)
class Repair:
    kind: str  # "name" or "number"
    source: str  # as the stored source has it
    query: str  # as the query has it
    found: str  # in the stored target
    replacement: str  # what took its place
    start: int  # of ``found`` in the stored target
    end: int
    concept: str | None = None  # names: the query's concept

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int
    concept: str | None = None
    number: Figure | None = None


def glossary_matcher(session: Session, style: str | None = None) -> Matcher:
    """The database's glossary compiled for repairs (cached as lint's matchers are, and for the session:
    a session's searches see one glossary)."""
    known = session.info.setdefault("tm-glossary", {})
    if style not in known:
        known[style] = matcher_for_session(session, style, shortcuts=False)
    return known[style]


@functools.lru_cache(maxsize=64)  # a query is compared with several sources
def _tokens(text: str, language: str, glossary: Matcher | None) -> list[_Token]:
    names = find_names(text, glossary, language) if glossary is not None else []
    taken = [(n.start, n.end) for n in names]
    tokens = [_Token(_NAME, n.start, n.end, concept=n.concept) for n in names]
    for number in figures(text, language):
        if not any(a < number.end and number.start < b for a, b in taken):
            tokens.append(_Token(_NUMBER, number.start, number.end, number=number))
            taken.append((number.start, number.end))
    for word in _WORD.finditer(text):
        if not any(a < word.end() and word.start() < b for a, b in taken):
            tokens.append(_Token("w:" + word.group().casefold(), word.start(), word.end()))
    return sorted(tokens, key=lambda t: t.start)


def _changes(query: str, source: str, language: str, glossary: Matcher | None):
    """(names: source concept -> (query token, source token), numbers: source value -> (query token, source token)),
    or None when anything but names and numbers differs, or one changes two ways."""
    query_tokens, source_tokens = _tokens(query, language, glossary), _tokens(source, language, glossary)
    if [t.key for t in query_tokens] != [t.key for t in source_tokens]:
        ops = Levenshtein.opcodes([t.key for t in query_tokens], [t.key for t in source_tokens])
        if any(op.tag != "equal" for op in ops):
            return None
    names: dict[str, tuple[_Token, _Token]] = {}
    numbers: dict[Decimal, tuple[_Token, _Token]] = {}
    kept_concepts, kept_values = set(), set()
    for q, s in zip(query_tokens, source_tokens):
        if q.key == _NAME:
            if q.concept == s.concept:
                kept_concepts.add(s.concept)
            elif names.setdefault(s.concept, (q, s))[0].concept != q.concept:
                return None
        elif q.key == _NUMBER:
            if q.number.value == s.number.value:
                kept_values.add(s.number.value)
            elif numbers.setdefault(s.number.value, (q, s))[0].number.value != q.number.value:
                return None
    if kept_concepts & names.keys() or kept_values & numbers.keys():
        return None  # changed in one place and kept in another: the target cannot tell which is which
    return names, numbers


def _agrees(target: str, number: Figure, new: Decimal, language: str) -> bool:
    """Whether the words after a number in the target stay right when the number becomes ``new``."""
    rest = target[number.end:]
    if rest[:1].isalpha() or rest[:1] in "-–":  # a suffix (2024-cü, 21-го, 5th): handled, or refused, as such
        return True
    following = _WORD.match(rest.lstrip(" \u00a0"))
    if following is None or not following.group()[0].isalpha():
        return True
    word = following.group().casefold()
    if language == "ru":
        if word in _RU_UNINFLECTED or (word.startswith("год") and 1000 <= number.value < 3000):
            return True
        return _russian_agreement(number.value) == _russian_agreement(new)
    if language == "en":
        return (number.value == 1) == (new == 1)
    return True  # Azerbaijani, Kazakh: a noun after a numeral stays singular


def _russian_agreement(value: Decimal) -> str:
    if value != value.to_integral_value():
        return "fraction"
    n = int(value)
    if 11 <= n % 100 <= 14:
        return "many"
    return {1: "one", 2: "few", 3: "few", 4: "few"}.get(n % 10, "many")


def _english_ordinal(value: Decimal) -> str:
    n = int(value)
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _number_edit(target: str, found: Figure, new: Figure, language: str) -> tuple[int, int, str] | None:
    """The edit putting ``new``'s value where ``found`` is in the target, suffix included; None if it cannot be built."""
    written = write_like(new.value, new.decimals, found, language)
    if not _agrees(target, found, new.value, language):
        return None
    after = re.match(r"([-–]?)(\w+)", target[found.end:])
    if after is None or not after.group(2)[0].isalpha():
        return found.start, found.end, written
    hyphen, suffix = after.groups()
    if language in SUFFIXING_LANGUAGES:  # vowel harmony follows the number's last spoken word: 2024-də, 2026-da
        carried = turkic.carry_suffix(language, found.text, suffix, written)
    elif language == "en" and suffix.lower() in ("st", "nd", "rd", "th") and new.decimals == 0:
        carried = _english_ordinal(new.value)
    elif language == "ru" and hyphen:  # 21-го, 3-й: the ending agrees with the noun, not the number
        carried = suffix
    else:
        carried = None
    if carried is None:
        return None
    return found.start, found.end + after.end(), written + hyphen + carried


def repair(query: str, source: str, target: str, source_lang: str, target_lang: str,
           glossary: Matcher | None) -> tuple[str | None, tuple[Repair, ...]]:
    """The repaired target and what was changed, or (None, ()) when nothing is to be, or can be, repaired.

    ``glossary``: compiled with ``shortcuts=False`` (``glossary_matcher``); None repairs numbers only.
    """
    source_language, target_language = text_language(source_lang), text_language(target_lang)
    changes = _changes(query, source, source_language, glossary)
    if changes is None or not any(changes):
        return None, ()
    names, numbers = changes
    edits: list[tuple[int, int, str, Repair]] = []
    target_names: list[Name] = find_names(target, glossary, target_language) if names else []
    for concept, (q, s) in names.items():
        places = [n for n in target_names if n.concept == concept]
        if not places:
            return None, ()
        for place in places:
            replacement = name_in_place(target, place, q.concept, glossary, target_language)
            if replacement is None:
                return None, ()
            edits.append((place.start, place.end, replacement, Repair(
                "name", source[s.start:s.end], query[q.start:q.end], place.text_in(target), replacement,
                place.start, place.end, q.concept)))
    target_numbers = [n for n in figures(target, target_language)
                      if not any(p.start < n.end and n.start < p.end for p in target_names)] if numbers else []
    for value, (q, s) in numbers.items():
        places = [n for n in target_numbers if n.value == value]
        if not places:
            return None, ()
        for place in places:
            edit = _number_edit(target, place, q.number, target_language)
            if edit is None:
                return None, ()
            start, end, replacement = edit
            edits.append((start, end, replacement, Repair(
                "number", s.number.text, q.number.text, target[start:end], replacement, start, end)))
    edits.sort(key=lambda e: e[0])
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:])):
        return None, ()
    pieces, position = [], 0
    for start, end, replacement, _ in edits:
        pieces += [target[position:start], replacement]
        position = end
    pieces.append(target[position:])
    return "".join(pieces), tuple(e[3] for e in edits)
