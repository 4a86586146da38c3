"""Names compared across languages: what form a text should have, and what counts as having it.

A concept counts as named when any of its forms is found (``glossary.lint.mentions``).
One more thing counts, because translations do it all the time: a word made from the
name, where the other language writes the name itself (*Kazakh oil* and *казахстанской
нефти* for *Qazaxıstan nefti* and *Қазақстан мұнайы*; *Azerbaijani side* for *Azərbaycan
tərəfi*; *Бакинский порт* for *the port of Baku*). A word of the text that shares with a
one-word form of the concept at least three letters and 60% of the form's length, from the
start, is such a word. It only ever keeps a name from being reported missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from os.path import commonprefix  # of any strings, not only paths

import regex

from glossary.lint.matcher import Matcher
from glossary.lint.mentions import Mention, nested_concepts
from glossary.lint.text import lower
from glossary.records import ACCEPTED_STATUSES

_WORD = regex.compile(r"\p{L}+")
_SHARED_LETTERS = 3
_SHARED_SHARE = 0.6


def expected_form(matcher: Matcher, concept: str, lang: str) -> str | None:
    """The form a text in ``lang`` should name ``concept`` by: its preferred form in the compiled style."""
    form = matcher.concepts[concept].preferred.get(lang)
    return form.text if form is not None else None


def derived_word(matcher: Matcher, concept: str, lang: str, text: str) -> str | None:
    """A word of ``text`` made from a one-word form of ``concept`` in ``lang`` (Kazakh, казахстанской), if any."""
    stems = [lower(f.text, lang) for f in matcher.concepts[concept].forms
             if f.language == lang and f.status in ACCEPTED_STATUSES and _WORD.fullmatch(f.text)
             and len(f.text) >= _SHARED_LETTERS]
    if not stems:
        return None
    for word in _WORD.findall(text):
        lowered = lower(word, lang)
        for stem in stems:
            shared = len(commonprefix((lowered, stem)))
            if shared >= _SHARED_LETTERS and shared >= _SHARED_SHARE * len(stem):
                return word
    return None


@dataclass(frozen=True)
class SourceName:
    """A name of a source text and whether its translation has it (what translate mode shows beside it)."""

    concept: str
    found: str  # as the source writes it
    start: int  # in the source
    end: int
    rendering: str | None  # the target language's form in the compiled style; None: the glossary has none
    present: bool  # the translation names it in some form (inflected, admitted, inside a longer name, a word made from it)


def source_names(source: str, target: str, target_lang: str, matcher: Matcher,
                 source_mentions: list[Mention], target_mentions: list[Mention]) -> list[SourceName]:
    """Each concept the source names (its first outermost name), with its rendering and whether the translation has it.

    Inner names count (*Port of Alat* names Alat too), and a name inside one of the source's stands
    for it (*Aktau* for the Port of Aktau) unless the source also names that one on its own (*Astana*
    beside *Air Astana*); so does a word made from the name (``derived_word``).
    """
    present = {m.concept for m in target_mentions}
    own = {m.concept for m in source_mentions if m.outermost}
    nested = {outer: inner - own for outer, inner in nested_concepts(source_mentions).items()}
    names: list[SourceName] = []
    seen: set[str] = set()
    for mention in source_mentions:
        concept = mention.concept
        if not mention.outermost or concept in seen:
            continue
        seen.add(concept)
        rendering = expected_form(matcher, concept, target_lang)
        has = (concept in present or bool(nested.get(concept, set()) & present)
               or (rendering is not None and derived_word(matcher, concept, target_lang, target) is not None))
        names.append(SourceName(concept, source[mention.start:mention.end], mention.start, mention.end, rendering, has))
    return names
