"""The memory out as TMX 1.4b, streamed: units are read a page at a time and written as they come.

    export_units(session, stream, source="en", target="ru", origin="agency.tmx", since=date) -> int

With ``source`` and ``target``, only units with both languages, each with just those two
variants (a bilingual file, what most tools read); without, every unit with all its
variants in the order they were imported. ``origin``: only the units imported from that file, under that file's own
TMX header. ``since``: only units added or changed on or after that moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import BinaryIO

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from glossary.languages import normalize_language
from glossary.lint.matcher import text_language

from .errors import BadQuery
from .formats.tmx import tmx_chunks, write_units
from .model import Origin, Unit, Variant
from .records import MemoryHeader, UnitEntry, VariantEntry

PAGE = 2_000


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _pairs(value) -> tuple:
    return tuple(tuple(item) for item in value or ())


def header_for(session: Session, origin: str | None, source: str | None) -> MemoryHeader:
    """The TMX header to write: the origin's own, where one origin is exported, with ``source`` as srclang if given."""
    known = session.get(Origin, origin) if origin else None
    stored = known.header if known else None
    if stored:
        header = MemoryHeader(stored.get("srclang"), _pairs(stored.get("props")), tuple(stored.get("notes") or ()),
                              _pairs(stored.get("attributes")))
        return MemoryHeader(source or header.srclang, header.props, header.notes, header.attributes)
    return MemoryHeader(srclang=source)


def stored_units(session: Session, *, source: str | None = None, target: str | None = None, origin: str | None = None,
                 since: datetime | None = None) -> Iterator[UnitEntry]:
    """The memory's units, in the order they were added, as records."""
    pair = [text_language(source), text_language(target)] if source and target else None
    last = 0
    while True:
        query = select(Unit).where(Unit.id > last).order_by(Unit.id).limit(PAGE)
        if origin is not None:
            query = query.where(Unit.origin == origin)
        if since is not None:
            query = query.where(or_(Unit.changed_at >= since, Unit.added_at >= since))
        units = session.scalars(query).all()
        if not units:
            return
        last = units[-1].id
        variants: dict[int, list[Variant]] = {}
        for variant in session.scalars(select(Variant).where(Variant.unit_id.in_(bindparam("ids", expanding=True)))
                                       .order_by(Variant.unit_id, Variant.position), {"ids": [u.id for u in units]}):
            variants.setdefault(variant.unit_id, []).append(variant)
        for unit in units:
            chosen = variants.get(unit.id, [])
            if pair is not None:
                by_language = {}
                for variant in chosen:
                    by_language.setdefault(variant.language, variant)
                if not all(language in by_language for language in pair):
                    continue
                chosen = [by_language[language] for language in pair]
            yield UnitEntry(
                variants=tuple(VariantEntry(v.lang, v.text, v.markup, _pairs(v.props), tuple(v.notes or ()), _pairs(v.attributes))
                               for v in chosen),
                tuid=unit.tuid, srclang=unit.srclang, created_at=_utc(unit.created_at), created_by=unit.created_by,
                changed_at=_utc(unit.changed_at), changed_by=unit.changed_by, usage_count=unit.usage_count,
                last_used_at=_utc(unit.last_used_at), props=_pairs(unit.props), notes=tuple(unit.notes or ()),
                attributes=_pairs(unit.attributes), origin=unit.origin,
            )
        session.expunge_all()


def _checked(session: Session, source: str | None, target: str | None, origin: str | None) -> tuple[str | None, str | None, MemoryHeader]:
    if bool(source) != bool(target):
        raise BadQuery.of("memory.half-a-pair")
    if source and target:
        source, target = normalize_language(source), normalize_language(target)
    return source, target, header_for(session, origin, source)


def export_chunks(session: Session, *, source: str | None = None, target: str | None = None,
                  origin: str | None = None, since: datetime | None = None) -> Iterator[bytes]:
    """The memory (or the part asked for) as TMX in pieces of bytes, for a streamed download: the
    arguments are checked now (``BadQuery``, ``InvalidLanguage``) and the units read as the pieces are
    taken, so the session must stay open until the last one."""
    source, target, header = _checked(session, source, target, origin)
    return tmx_chunks(stored_units(session, source=source, target=target, origin=origin, since=since), header)


def export_units(session: Session, stream: BinaryIO, *, source: str | None = None, target: str | None = None,
                 origin: str | None = None, since: datetime | None = None) -> int:
    """Write the memory (or the part asked for) to ``stream`` as TMX; the number of units written."""
    source, target, header = _checked(session, source, target, origin)
    return write_units(stored_units(session, source=source, target=target, origin=origin, since=since), stream, header)
