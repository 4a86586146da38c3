"""A translation unit as QA reads it: a source, its translation, their languages, where it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from glossary.lint.language import detect

from .places import Place
from .tags import Tag


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    source_lang: str
    target_lang: str | None  # None: not said by the file; decided from the translations
    place: Place  # where the target is
    flags: frozenset[str] = frozenset()  # PO flags: c-format, python-format, fuzzy...
    context: str | None = None
    line: int | None = None
    # inline codes the file's reader found outside the texts (TMX's <bpt>, <ph>...); None: HTML tags in the texts
    source_tags: tuple[Tag, ...] | None = None
    target_tags: tuple[Tag, ...] | None = None


def detected_language(texts: Iterable[str]) -> str:
    """The language most of the texts are in (each weighed by its length): en, az, kk or ru."""
    votes: Counter[str] = Counter()
    for text in texts:
        if text.strip():
            votes[detect(text)] += len(text)
    return votes.most_common(1)[0][0] if votes else "en"
