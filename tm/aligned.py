"""Two versions of one story as translation units: a newsroom's archive of published versions into its memory.

The versions are read and aligned as ``tilmash qa --versions`` aligns them
(``tm.qa.versions.aligned_pairs``: sentences by language, Gale–Church anchored by the
glossary's names and the numbers); each bead with sentences on both sides (one to one,
or merged: 1-2, 2-1, 2-2) is a unit, a sentence left out or added (1-0, 0-1) none. A pair
that comes twice is one unit (``importing.merge_units``). The
units go to a TMX file (``formats.tmx.write_units``) or into the memory
(``importing.MemoryImport``, all or nothing in the caller's transaction, a unit the
memory has already merged into it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from glossary.lint.matcher import Matcher

from .formats.tmx import write_units
from .importing import ImportReport, MemoryImport, merge_units
from .qa.versions import Version, aligned_pairs, read_version, require_distinct_languages, version_language
from .records import MemoryHeader, UnitEntry, VariantEntry


@dataclass
class Alignment:
    """The units of two aligned versions, and what the alignment did with their sentences."""

    first: Version
    second: Version
    units: list[UnitEntry]
    one_to_one: int  # beads of one sentence each side
    merged: int  # beads of 1-2, 2-1 or 2-2 sentences
    unaligned: int  # sentences of one version with none of the other (1-0, 0-1)
    duplicates: int  # pairs that came again and were merged into the first

    def report(self) -> str:
        counts = f"{len(self.first.sentences):,} {self.first.lang} and {len(self.second.sentences):,} {self.second.lang} sentences"
        return (f"{self.first.path} + {self.second.path}: {counts}; {self.one_to_one:,} aligned one to one, "
                f"{self.merged:,} merged (1-2, 2-1, 2-2), {self.unaligned:,} unaligned; {len(self.units):,} units"
                + (f" ({self.duplicates:,} repeated pairs merged)" if self.duplicates else ""))

    @property
    def header(self) -> MemoryHeader:
        return MemoryHeader(srclang=self.first.lang, notes=(f"aligned from {self.first.path} and {self.second.path}",))


def align_texts(first: tuple[str, str, str | None], second: tuple[str, str, str | None], matcher: Matcher, *,
                kinds: tuple[str, str] = ("text", "text"), origin: str | None = None) -> Alignment:
    """Align two versions given as (path, text, language or None to detect it); ``VersionsError`` for
    versions in one language or without sentences."""
    paths = [first[0], second[0]]
    langs = [lang or version_language(text) for _, text, lang in (first, second)]
    require_distinct_languages(paths, langs)
    read = [read_version(path, text, lang, matcher, kind=kind)
            for (path, text, _), lang, kind in zip((first, second), langs, kinds)]
    return align(read[0], read[1], origin=origin)


def align(first: Version, second: Version, *, origin: str | None = None) -> Alignment:
    """The units of two versions read with ``read_version``."""
    pairs, summary = aligned_pairs(first, second)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    origin = origin or f"{Path(first.path).name} + {Path(second.path).name}"
    units: dict[int, UnitEntry] = {}
    for pair in pairs:
        unit = UnitEntry(variants=(VariantEntry(first.lang, pair.source), VariantEntry(second.lang, pair.target)),
                         srclang=first.lang, created_at=now, origin=origin)
        key = unit.content_hash()
        units[key] = merge_units(units[key], unit) if key in units else unit
    return Alignment(first, second, list(units.values()), summary["aligned"], summary["merged"],
                     summary["unaligned"], len(pairs) - len(units))


def write_tmx(alignment: Alignment, stream: BinaryIO) -> int:
    """The units as TMX 1.4b; how many were written."""
    return write_units(alignment.units, stream, alignment.header)


@dataclass
class _Units:
    """The units as a memory reader gives them (``formats.base.UnitReader``)."""

    path: str
    header: MemoryHeader
    units: list[UnitEntry]
    skipped: Counter

    def __iter__(self) -> Iterator[UnitEntry]:
        return iter(self.units)


def import_alignment(session: Session, alignment: Alignment, *, actor: str | None = None) -> ImportReport:
    """The units into the memory in the session's transaction (the caller commits); duplicates merged."""
    job = MemoryImport(session, actor)
    origin = alignment.units[0].origin if alignment.units else f"{Path(alignment.first.path).name} + {Path(alignment.second.path).name}"
    report = job.add(_Units(origin, alignment.header, alignment.units, Counter()), origin)
    job.finish()
    return report
