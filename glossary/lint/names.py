"""Glossary names in a short text, and another concept's name put in the place of one.

For callers that swap names rather than report them (the translation memory's
repaired matches): ``find_names`` finds every form of the glossary in a text of a
known language, accepted or not, the longest where they overlap, each with its
concept; ``name_in_place`` gives another concept's canonical form in the
grammatical form and letter case one of those names has (в Габале -> в Шуше,
Qəbələdə -> Şuşada), through the engine's own ``Suggester``. The matcher must be
compiled with ``shortcuts=False``, so that accepted forms come back as matches too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import ACCEPTED_STATUSES, TermStatus
from .spans import find_in, longest_first
from . import turkic
from .kazakh_latin import in_alphabet
from .language import paragraphs
from .matcher import Match, Matcher
from .suggestions import Suggester


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    concept: str
    match: Match

    def text_in(self, text: str) -> str:
        return text[self.start:self.end]


def find_names(text: str, matcher: Matcher, language: str) -> list[Name]:
    """The glossary names in ``text`` (written in ``language``, a text language: en, ru, kk-Latn...), in order.

    A stretch that is a form of two concepts (one spelling, two names) is left out: which one is meant is not settled here.
    """
    matches, _ = find_in(matcher, text, paragraphs(text, language), 0, len(text))
    names = []
    for span in longest_first(matches):
        found = text[span.start:span.end]
        candidates = [m for m in span.matches if m.form.compact == found] or span.matches
        candidates = [m for m in candidates if m.form.language == language] or candidates
        if len({m.form.concept for m in candidates}) != 1:
            continue
        chosen = min(candidates, key=lambda m: (m.form.status not in ACCEPTED_STATUSES, m.form.status is not TermStatus.PREFERRED))
        names.append(Name(span.start, span.end, chosen.form.concept, chosen))
    return names


def name_in_place(text: str, name: Name, concept: str, matcher: Matcher, language: str) -> str | None:
    """``concept``'s preferred form in ``language``, in the grammatical form and letter case ``name`` has
    in ``text``; None when the glossary has no such form or the form cannot be built with certainty."""
    known = matcher.concepts.get(concept)
    target = known.preferred.get(language) if known else None
    if target is None:
        return None
    if language == "kk-Latn":  # the form in the target's alphabet: Quryqqa in 2018 copy (Aqtaýǵa), Qūryqqa in 2021 copy
        target = in_alphabet(matcher, target, turkic.latin_alphabet_of(text))
    match = name.match
    if language == "ru" and target.declines and not match.form.declines and match.suffix_start is None:
        return None  # an indeclinable name (Актау) does not show its case: "из Актау" gives no form of Курык
    replacement, certain = Suggester(text, text, "text").suggest(match, target, language)
    return replacement if certain else None
