"""Fuzzy search: the stored units most like a source segment, for one language pair.

    search(session, text, source="en", target="ru", min_score=60, limit=5) -> list[Match]

Candidates come from the word index in the database (``tm.index.candidates``: the
units sharing most of the query's rarest words), never from a scan of the memory;
the best 20 are read and scored against the query (``tm.similarity``), and those
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
from glossary.lint.language import detect
from glossary.lint.matcher import Matcher, text_language

from . import index
from .errors import BadQuery
from .model import Language, Unit, Variant
from .repair import Repair, glossary_matcher, repair
from .similarity import Difference, compare, score
from .text import index_words

DEFAULT_MIN_SCORE = 60.0
DEFAULT_LIMIT = 5
CANDIDATES = 20  # units read and scored per query (recall@1 stays 1.0 on the benchmark's million units)


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
        raise BadQuery.of("memory.same-languages", source=source, target=target)
    return source, target


def query_languages(session: Session, text: str, source: str | None, target: str | None, *,
                    option: str = "--target") -> tuple[str, str]:
    """The language pair of a search: ``source``, else the text's language; ``target``, else the memory's
    one other language (BadQuery, naming ``option``, when it has none or several)."""
    source = source or detect(text)
    if target is None:
        others = [language for language in session.scalars(select(Language.language))
                  if language != text_language(normalize_language(source))]
        if len(others) != 1:
            known = ", ".join(sorted(others)) or "none yet"
            raise BadQuery.of("memory.which-target", option=option, known=known)
        target = others[0]
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
        raise BadQuery.of("memory.empty-query")
    if not 0 <= min_score <= 100:
        raise BadQuery(f"the minimum score must be from 0 to 100, not {min_score:g}")
    if limit < 1:
        raise BadQuery(f"the limit must be at least 1, not {limit}")
    source, target = pair_languages(source, target)
    source_language, target_language = text_language(source), text_language(target)
    ids = index.candidates(session, source_language, index_words(text), CANDIDATES)
    if not ids:
        return []
    variant, unit_table = Variant.__table__.c, Unit.__table__.c
    rows = session.connection().execute(
        select(variant.unit_id, variant.lang, variant.language, variant.text, variant.markup,
               unit_table.origin, unit_table.usage_count, unit_table.changed_at)
        .join_from(Variant.__table__, Unit.__table__, variant.unit_id == unit_table.id)
        .where(variant.unit_id.in_(bindparam("ids", expanding=True)),
               variant.language.in_(bindparam("languages", expanding=True))),
        {"ids": ids, "languages": [source_language, target_language]})
    variants: dict[int, dict[str, list[tuple]]] = {}
    units = {}
    for unit_id, lang, language, segment, markup, origin, usage_count, changed_at in rows:
        variants.setdefault(unit_id, {}).setdefault(language, []).append((lang, segment, markup))
        units[unit_id] = (origin, usage_count, changed_at)
    scored = []
    for unit_id, by_language in variants.items():
        stored_source = _pick(by_language.get(source_language, []), source)
        stored_target = _pick(by_language.get(target_language, []), target)
        if stored_source is None or stored_target is None:
            continue
        value = score(text, stored_source[1], source_has_tags=stored_source[2] is not None)
        if value >= min_score:
            scored.append((value, unit_id, stored_source, stored_target))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    matches = []
    for _, unit_id, (s_lang, s_text, s_markup), (t_lang, t_text, t_markup) in scored[:limit]:
        comparison = compare(text, s_text, source_has_tags=s_markup is not None)
        if repair_names and comparison.diff and glossary is None:
            glossary = glossary_matcher(session, style)
        repaired, repairs = (repair(text, s_text, t_text, s_lang, t_lang, glossary)
                             if repair_names and comparison.diff else (None, ()))
        origin, usage_count, changed_at = units[unit_id]
        changed_at = changed_at.replace(tzinfo=timezone.utc) if changed_at and changed_at.tzinfo is None else changed_at
        matches.append(Match(unit_id, comparison.score, s_lang, t_lang, s_text, t_text, origin, comparison.diff,
                             repaired, repairs, s_markup, t_markup, usage_count, changed_at))
    return matches
