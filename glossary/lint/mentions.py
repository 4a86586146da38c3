"""Which concepts a text names: every glossary form found, whatever its status and language.

The QA checks compare the names of two texts (a source and its translation, the
versions of one story) by concept, not by spelling: *Shusha*, *Şuşada*, *Шушада*
and *Шуше* all name ``shusha``, and so does a deprecated *Fizuli* (the lint reports
the form; the name is there). Finding them is the lint's own matching: the same
keys, suffixes and endings, the longest name winning where two overlap.

The matcher must be compiled with ``shortcuts=False``: with the shortcuts a plain
form is kept as an extent without its concept (``Matcher.find``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import TermStatus
from . import markup
from .spans import find_in, longest_first
from .language import paragraphs
from .matcher import Matcher


@dataclass(frozen=True)
class Mention:
    """A glossary form found in a text. ``outermost``: no longer name found around it
    (*Alat* inside *Port of Alat* is a mention, not an outermost one)."""

    start: int
    end: int
    concept: str
    form: str
    language: str
    status: TermStatus
    outermost: bool


def mentions(text: str, matcher: Matcher, *, lang: str = "auto", kind: str = "text") -> list[Mention]:
    """Every glossary form in ``text`` (its prose for ``kind``), in text order.

    ``lang`` is the text's language, or ``auto`` to decide each paragraph's; it
    decides which suffixes and endings a name may carry.
    """
    if matcher.shortcuts:
        raise ValueError("mentions need a matcher compiled with shortcuts=False")
    view = markup.prose_view(text, kind)
    found, _ = find_in(matcher, view, paragraphs(view, lang), 0, len(view))
    outermost = {(span.start, span.end) for span in longest_first(found)}
    seen = set()
    result = []
    for match in sorted(found, key=lambda m: (m.start, -m.end)):
        form = match.form
        if (match.start, match.end, form.concept, form.text) in seen:
            continue
        seen.add((match.start, match.end, form.concept, form.text))
        result.append(Mention(match.start, match.end, form.concept, form.text, form.language, form.status,
                              (match.start, match.end) in outermost))
    return result


def concepts_named(found: list[Mention]) -> set[str]:
    """The concepts of the outermost mentions: what a text names."""
    return {m.concept for m in found if m.outermost}


def nested_concepts(found: list[Mention]) -> dict[str, set[str]]:
    """For each concept named, the concepts named inside it (port-of-aktau -> {aktau} in 'Port of Aktau'):
    a text that names only the inner one has not dropped the name, only shortened it."""
    nested: dict[str, set[str]] = {}
    outer = [m for m in found if m.outermost]
    for mention in found:
        if mention.outermost:
            continue
        for around in outer:
            if around.start <= mention.start and mention.end <= around.end and around.concept != mention.concept:
                nested.setdefault(around.concept, set()).add(mention.concept)
    return nested
