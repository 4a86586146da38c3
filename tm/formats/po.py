"""A gettext PO file read as bilingual memory: each msgid with its msgstr is a unit.

The target language is the header's ``Language``; the source language is
``X-Source-Language`` when the header has it, else English (what msgids are
written in). Fuzzy, obsolete, untranslated and plural entries are skipped and
counted; ``msgctxt`` becomes the unit's ``x-context`` property, translator and
extracted comments its notes. Parsed with polib; a file polib cannot read is
refused with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

import polib

from glossary.errors import FormatError
from glossary.formats.base import decode_text

from ..records import MemoryHeader, UnitEntry, VariantEntry
from .base import Problems, language

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class PoReader:
    def __init__(self, stream: BinaryIO, path: str):
        self.stream, self.path = stream, path
        self.header = MemoryHeader()
        self.skipped: Counter = Counter()

    def __iter__(self) -> Iterator[UnitEntry]:
        text = decode_text(self.stream.read(), self.path)
        try:
            catalog = polib.pofile(text)
        except (OSError, ValueError) as exc:
            found = _SYNTAX_LINE.search(str(exc))
            raise FormatError.single(self.path, int(found[1]) if found else None,
                                     f"not a readable PO file: {str(exc).split(' in po file')[0]}") from exc
        problems = Problems(self.path)
        target = language(catalog.metadata.get("Language"), problems, 1, "the PO header")
        source = language(catalog.metadata.get("X-Source-Language") or "en", problems, 1, "the PO header's X-Source-Language")
        if not catalog.metadata.get("Language"):
            problems.found.clear()
            problems.add(1, "no Language in the PO header: it says which language the translations are in")
        if problems:
            raise FormatError(problems.all())
        self.header = MemoryHeader(srclang=source)
        for entry in catalog:
            reason = ("obsolete" if entry.obsolete else "fuzzy" if entry.fuzzy else "plural" if entry.msgid_plural
                      else "untranslated" if not entry.msgstr.strip() else None)
            if reason:
                self.skipped[reason] += 1
                continue
            if not entry.msgid.strip():
                problems.add(entry.linenum, "empty msgid")
                continue
            if _NOT_XML.search(entry.msgid) or _NOT_XML.search(entry.msgstr):
                problems.add(entry.linenum, "a control character in the entry: TMX cannot hold it")
                continue
            if problems:
                continue
            notes = tuple(n for n in (entry.tcomment, entry.comment) if n)
            yield UnitEntry(
                variants=(VariantEntry(source, entry.msgid), VariantEntry(target, entry.msgstr)),
                srclang=source, props=(("x-context", entry.msgctxt),) if entry.msgctxt else (),
                notes=notes, origin=self.path, line=entry.linenum,
            )
        if problems:
            raise FormatError(problems.all())


class PoFormat:
    """Read only: the memory is exported as TMX."""

    name = "po"
    extensions = (".po",)

    def read(self, stream: BinaryIO, path: str) -> PoReader:
        return PoReader(stream, path)


FORMAT = PoFormat()
