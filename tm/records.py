"""Translation units as plain data: what file formats read and write and what the
memory imports and exports. No SQL and no XML here.

A unit holds one variant per language (TMX's ``<tu>`` and ``<tuv>``). A variant's
``text`` is its plain text, what search and concordance read; ``markup`` is the
content of its TMX ``<seg>`` as XML when it has inline tags (``<bpt>``, ``<ept>``,
``<ph>``, ``<it>``, ``<hi>``, ``<ut>``), so that an export gives them back.

They are named tuples: a million-unit import builds a million of each and sends them
from the process that reads to the one that writes, and tuples are the cheapest to
build and to pickle. ``line`` (where a unit was read) takes part in comparisons, so
compare units read from different files with ``line=None``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import NamedTuple

Pairs = tuple[tuple[str, str], ...]  # TMX <prop type="...">value</prop>, in file order


class VariantEntry(NamedTuple):
    lang: str  # BCP 47, checked and in canonical case (en-US)
    text: str
    markup: str | None = None
    props: Pairs = ()
    notes: tuple[str, ...] = ()
    attributes: Pairs = ()  # other TMX <tuv> attributes (creationdate, creationid...), given back on export

    def __reduce__(self):
        return _variant, (tuple(self),)


def _variant(values: tuple) -> VariantEntry:
    return tuple.__new__(VariantEntry, values)


def _unit(values: tuple) -> UnitEntry:
    return tuple.__new__(UnitEntry, values)


class UnitEntry(NamedTuple):
    variants: tuple[VariantEntry, ...]
    tuid: str | None = None
    srclang: str | None = None
    created_at: datetime | None = None
    created_by: str | None = None
    changed_at: datetime | None = None
    changed_by: str | None = None
    usage_count: int = 0
    last_used_at: datetime | None = None
    props: Pairs = ()
    notes: tuple[str, ...] = ()
    attributes: Pairs = ()  # other TMX <tu> attributes (datatype, segtype, creationtool...)
    origin: str | None = None  # the file it came from
    line: int | None = None

    def __reduce__(self):  # pickled as a plain tuple, rebuilt without the 15-argument __new__
        return _unit, (tuple(self),)

    def content_hash(self) -> int:
        """What makes two units duplicates: the same segments in the same languages
        (markup included), whatever their dates, properties and notes. A signed
        64-bit number, stored with a unique index."""
        content = "\x01".join(sorted(f"{v.lang}\x00{v.text}\x00{v.markup or ''}" for v in self.variants))
        digest = hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little", signed=True)

    def variant(self, lang: str) -> VariantEntry | None:
        return next((v for v in self.variants if v.lang == lang), None)


class MemoryHeader(NamedTuple):
    """What a TMX header says about the whole file, kept per origin and given back on export."""

    srclang: str | None = None  # a language tag, or None for TMX's "*all*"
    props: Pairs = ()
    notes: tuple[str, ...] = ()
    attributes: Pairs = ()  # creationtool, creationtoolversion, segtype, o-tmf, adminlang, datatype...
