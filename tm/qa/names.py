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

import regex

from glossary.lint.matcher import Matcher
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
            shared = _shared_start(lowered, stem)
            if shared >= _SHARED_LETTERS and shared >= _SHARED_SHARE * len(stem):
                return word
    return None


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
