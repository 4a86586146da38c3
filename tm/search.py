"""Fuzzy search: the stored units most like a source segment, for one language pair.

    search(session, text, source="en", target="ru", min_score=60, limit=5) -> list[Match]

Candidates come from the word index in the database (``tm.index.candidates``: the
units sharing most of the query's rarer words), never from a scan of the memory;
the best 50 are read and scored against the query (``tm.similarity``), and those
at ``min_score`` or above are returned best first (ties: the newest unit first).
Where a match's source differs from the query only in glossary names or numbers,
``repaired_target`` is its target with them replaced (``tm.repair``).

``Match.to_json()`` is the contract of DESIGN.md (``tilmash tm search --format json``,
``GET /api/tm/search``); it adds the unit's usage count and change time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from glossary.languages import normalize_language
from glossary.lint.matcher import Matcher, text_language

from . import index
from .errors import BadQuery
from .model import Unit, Variant
from .repair import Repair, glossary_matcher, repair
from .similarity import Difference, compare
from .text import index_words

DEFAULT_MIN_SCORE = 60.0
DEFAULT_LIMIT = 5
CANDIDATES = 50  # units read and scored per query


@dataclass(frozen=True)
class Match:
    id: int
    score: float
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str | None
    diff: tuple[Difference, ...]
    repaired_target: str | None = None
    repairs: tuple[Repair, ...] = ()
    source_markup: str | None = None  # the segments with their inline tags, where they have any (TMX XML)
    target_markup: str | None = None
    usage_count: int = 0
    changed_at: datetime | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id, "score": self.score, "source_lang": self.source_lang, "target_lang": self.target_lang,
            "source": self.source, "target": self.target, "origin": self.origin,
            "diff": [d.to_json() for d in self.diff],
            "repaired_target": self.repaired_target, "repairs": [r.to_json() for r in self.repairs],
            "usage_count": self.usage_count,
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
        }


def pair_languages(source: str, target: str) -> tuple[str, str]:
    """The two language tags checked and in canonical case (InvalidLanguage otherwise)."""
    source, target = normalize_language(source), normalize_language(target)
    if text_language(source) == text_language(target):
        raise BadQuery(f"the source and target languages are the same ({source}, {target})")
    return source, target


def _pick(variants: list[tuple], lang: str) -> tuple | None:
    """The variant written in exactly ``lang`` if the unit has one, else its first in that text language."""
    return next((v for v in variants if v[0] == lang), variants[0] if variants else None)


def search(session: Session, text: str, source: str, target: str, min_score: float = DEFAULT_MIN_SCORE,
           limit: int = DEFAULT_LIMIT, *, repair_names: bool = True, style: str | None = None,
           glossary: Matcher | None = None) -> list[Match]:
    """The best units for ``text`` (in ``source``) with a ``target`` variant, best first.

    ``glossary``: the compiled glossary for repairs (default: the database's, in ``style``,
    from the matcher cache); ``repair_names=False`` leaves repairs out.
    """
    if not text.strip():
        raise BadQuery("nothing to search for: the text is empty")
    if not 0 <= min_score <= 100:
        raise BadQuery(f"the minimum score must be from 0 to 100, not {min_score:g}")
    if limit < 1:
        raise BadQuery(f"the limit must be at least 1, not {limit}")
    source, target = pair_languages(source, target)
    source_language, target_language = text_language(source), text_language(target)
    ids = index.candidates(session, source_language, index_words(text), CANDIDATES)
    if not ids:
        return []
    rows = session.execute(
        select(Variant.unit_id, Variant.lang, Variant.language, Variant.text, Variant.markup)
        .where(Variant.unit_id.in_(bindparam("ids", expanding=True)),
               Variant.language.in_([source_language, target_language])),
        {"ids": ids})
    variants: dict[int, dict[str, list[tuple]]] = {}
    for unit_id, lang, language, segment, markup in rows:
        variants.setdefault(unit_id, {}).setdefault(language, []).append((lang, segment, markup))
    units = {row.id: row for row in session.execute(
        select(Unit.id, Unit.origin, Unit.usage_count, Unit.changed_at).where(Unit.id.in_(bindparam("ids", expanding=True))),
        {"ids": ids})}
    scored = []
    for unit_id, by_language in variants.items():
        stored_source = _pick(by_language.get(source_language, []), source)
        stored_target = _pick(by_language.get(target_language, []), target)
        if stored_source is None or stored_target is None:
            continue
        comparison = compare(text, stored_source[1], source_has_tags=stored_source[2] is not None)
        if comparison.score >= min_score:
            scored.append((comparison, unit_id, stored_source, stored_target))
    scored.sort(key=lambda item: (-item[0].score, -item[1]))
    if repair_names and glossary is None and any(c.diff for c, *_ in scored[:limit]):
        glossary = glossary_matcher(session, style)
    matches = []
    for comparison, unit_id, (s_lang, s_text, s_markup), (t_lang, t_text, t_markup) in scored[:limit]:
        repaired, repairs = (repair(text, s_text, t_text, s_lang, t_lang, glossary)
                             if repair_names and comparison.diff else (None, ()))
        unit = units[unit_id]
        changed_at = unit.changed_at.replace(tzinfo=timezone.utc) if unit.changed_at and unit.changed_at.tzinfo is None else unit.changed_at
        matches.append(Match(unit_id, comparison.score, s_lang, t_lang, s_text, t_text, unit.origin, comparison.diff,
                             repaired, repairs, s_markup, t_markup, unit.usage_count, changed_at))
    return matches
