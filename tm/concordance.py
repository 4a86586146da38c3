"""Concordance: where a word or phrase is in the memory, in any language, with the place marked.

    concordance(session, "Füzuli", lang=None, limit=20) -> list[Occurrence]

Letter case and diacritics are ignored (Füzuli finds Fuzuli and FUZULI, Bakı finds
Baki), words are whole except the phrase's last one, which also finds longer words
it begins (Füzuli finds Füzulidə, Астан finds Астане): names take suffixes and
endings in three of the four languages. Units come from the word index (the units
having every word of the phrase, ``tm.index``), newest first, and each is checked
for the words in a row; nothing scans the memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from glossary.languages import normalize_language
from glossary.lint.matcher import text_language

from . import index
from .errors import BadQuery
from .model import Unit, Variant
from .text import folded_with_offsets, index_words

DEFAULT_LIMIT = 20
_PREFIX_WORDS = 200  # longer words a phrase's last word stands for, the most frequent first
_CHECKED_AT_ONCE = 100


@dataclass(frozen=True)
class Occurrence:
    id: int  # the unit
    lang: str
    text: str
    marks: tuple[tuple[int, int], ...]  # where the phrase is in ``text`` (offsets in code points)
    others: tuple[tuple[str, str], ...]  # the unit's other variants: (lang, text)
    origin: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "lang": self.lang, "text": self.text, "marks": [list(m) for m in self.marks],
                "translations": [{"lang": lang, "text": text} for lang, text in self.others], "origin": self.origin}


def _sorted_intersection(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """The ids in both ascending arrays, looking the shorter one's up in the longer."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small) or not len(large):
        return small[:0]
    where = numpy.searchsorted(large, small).clip(max=len(large) - 1)
    return small[large[where] == small]


def _units_with(session: Session, words: list[str], languages: list[str] | None) -> dict[str, numpy.ndarray]:
    """For each text language, the units whose variant in it has every word (the last as a prefix)."""
    *whole, last = words
    entries = index.word_entries(session, sorted(set(whole)), languages) if whole else []
    starting = index.words_starting(session, last, languages, _PREFIX_WORDS)
    lists = index.postings(session, [e.id for e in entries] + [e.id for e in starting])
    found: dict[str, numpy.ndarray] = {}
    for language in {e.language for e in starting}:
        own = {e.word: lists.get(e.id) for e in entries if e.language == language}
        if any(own.get(word) is None for word in whole):
            continue
        prefixed = [lists[e.id] for e in starting if e.language == language and e.id in lists]
        units = numpy.unique(numpy.concatenate(prefixed)) if len(prefixed) > 1 else prefixed[0]
        for ids in sorted(own.values(), key=len):
            units = _sorted_intersection(units, ids)
        if len(units):
            found[language] = units
    return found


def _pattern(words: list[str]) -> re.Pattern:
    *whole, last = words
    return re.compile(r"(?<!\w)" + "".join(re.escape(w) + r"\W+" for w in whole) + re.escape(last) + r"\w*")


def _marks(text: str, pattern: re.Pattern) -> tuple[tuple[int, int], ...]:
    folded, offsets = folded_with_offsets(text)
    return tuple((offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(folded))


def concordance(session: Session, phrase: str, lang: str | None = None, limit: int = DEFAULT_LIMIT) -> list[Occurrence]:
    """Units with ``phrase`` in a variant (in ``lang`` only, if given), newest first, at most ``limit``."""
    words = index_words(phrase)
    if not words:
        raise BadQuery("nothing to look for: the phrase has no words")
    if limit < 1:
        raise BadQuery(f"the limit must be at least 1, not {limit}")
    languages = [text_language(normalize_language(lang))] if lang else None
    by_language = _units_with(session, words, languages)
    if not by_language:
        return []
    pattern = _pattern(words)
    candidates = sorted({int(u) for ids in by_language.values() for u in ids}, reverse=True)
    found: list[Occurrence] = []
    for start in range(0, len(candidates), _CHECKED_AT_ONCE):
        ids = candidates[start:start + _CHECKED_AT_ONCE]
        rows = session.execute(select(Variant.unit_id, Variant.lang, Variant.language, Variant.text)
                               .where(Variant.unit_id.in_(bindparam("ids", expanding=True))).order_by(Variant.unit_id, Variant.position), {"ids": ids})
        variants: dict[int, list[tuple[str, str, str]]] = {}
        for unit_id, variant_lang, language, text in rows:
            variants.setdefault(unit_id, []).append((variant_lang, language, text))
        origins = dict(session.execute(select(Unit.id, Unit.origin).where(Unit.id.in_(bindparam("ids", expanding=True))), {"ids": ids}).all())
        for unit_id in ids:
            for variant_lang, language, text in variants.get(unit_id, []):
                if language not in by_language:
                    continue
                marks = _marks(text, pattern)
                if marks:
                    others = tuple((l, t) for l, _, t in variants[unit_id] if (l, t) != (variant_lang, text))
                    found.append(Occurrence(unit_id, variant_lang, text, marks, others, origins.get(unit_id)))
                    break
            if len(found) >= limit:
                return found
    return found
