"""The translation memory in the database, beside the termbase (same ``Base``, same migrations).

- ``tm_units``: one row per translation unit, with what TMX says about it (tuid,
  creation and change times and users, usage count, ``<prop>`` and ``<note>``),
  its origin (the file it was imported from) and ``content_hash``, unique, by
  which duplicates are merged.
- ``tm_variants``: one row per language of a unit: the plain text, and the
  ``<seg>`` content with its inline tags where it has any. ``language`` is the
  text language a search names (``en`` for ``en-US``, ``kk-Latn`` kept apart
  from Cyrillic ``kk``).
- ``tm_origins``: per imported file, the TMX header (srclang, props, notes),
  given back when that origin is exported.
- ``tm_words`` and ``tm_postings``: the word index behind search and concordance
  (``tm.index``): each folded word of each language, the number of units whose
  variant in that language has it, and those units' ids, packed.
- ``tm_languages``: how many units have a variant in each language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from glossary.model import Base, utcnow


class Origin(Base):
    __tablename__ = "tm_origins"

    name: Mapped[str] = mapped_column(String(500), primary_key=True)
    header: Mapped[dict[str, Any] | None]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(200))


class Unit(Base):
    __tablename__ = "tm_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    content_hash: Mapped[int] = mapped_column(BigInteger)
    origin: Mapped[str | None] = mapped_column(String(500))
    languages: Mapped[str] = mapped_column(String(200))  # its variants' text languages, sorted, space-separated: "en ru"
    tuid: Mapped[str | None] = mapped_column(String(200))
    srclang: Mapped[str | None] = mapped_column(String(35))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str | None] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)  # when this memory got it
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[datetime | None]
    props: Mapped[dict[str, Any] | None]  # JSON: [[type, value], ...]
    notes: Mapped[dict[str, Any] | None]  # JSON: [text, ...]
    attributes: Mapped[dict[str, Any] | None]  # JSON: [[name, value], ...]

    # A unique index, not a table constraint: an import into an empty memory builds it after its rows (``tm.bulk``).
    __table_args__ = (Index("ix_tm_units_content_hash", "content_hash", unique=True),)


class Variant(Base):
    """One language of a unit; ``position``: its place in the unit as imported. On SQLite the rows live in
    their primary key's b-tree (no rowid), so a unit's variants are one lookup and one insert each."""

    __tablename__ = "tm_variants"

    unit_id: Mapped[int] = mapped_column(ForeignKey("tm_units.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    lang: Mapped[str] = mapped_column(String(35))
    language: Mapped[str] = mapped_column(String(35))
    text: Mapped[str] = mapped_column(Text)
    markup: Mapped[str | None] = mapped_column(Text)
    props: Mapped[dict[str, Any] | None]
    notes: Mapped[dict[str, Any] | None]
    attributes: Mapped[dict[str, Any] | None]

    __table_args__ = ({"sqlite_with_rowid": False},)


class Word(Base):
    __tablename__ = "tm_words"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Compared byte by byte on PostgreSQL too (collation "C"), as on SQLite: a prefix is a range of the index.
    word: Mapped[str] = mapped_column(String(200).with_variant(String(200, collation="C"), "postgresql"))
    language: Mapped[str] = mapped_column(String(35))
    units: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_tm_words_word_language", "word", "language", unique=True),)  # as content_hash's


class Posting(Base):
    """Units with a word, from one import batch: ``units`` packs their ids (unsigned 32-bit,
    little-endian, ascending); ``chunk`` is the batch's first unit id, so the chunks of a
    word read in order give all its units in order."""

    __tablename__ = "tm_postings"

    word_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)
    units: Mapped[bytes] = mapped_column(LargeBinary)


class Language(Base):
    __tablename__ = "tm_languages"

    language: Mapped[str] = mapped_column(String(35), primary_key=True)
    units: Mapped[int] = mapped_column(Integer)

