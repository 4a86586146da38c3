"""A gettext PO file read as bilingual memory: each msgid with its msgstr is a unit.

The target language is the header's ``Language``; the source language is
``X-Source-Language`` when the header has it, else English (what msgids are
written in). Fuzzy, obsolete, untranslated and plural entries are skipped and
counted; ``msgctxt`` becomes the unit's ``x-context`` property, translator and
extracted comments its notes. Read with ``glossary.formats.po.read_catalogue``
(polib, and the checks polib leaves out), as every PO file from outside is: a
broken file is refused with the same message and line as ``tilmash import`` into
the glossary, ``tilmash qa`` and ``tilmash po pretranslate`` give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from glossary.errors import FormatError
from glossary.formats.po import header_language, read_catalogue_text

from ..records import MemoryHeader, UnitEntry, VariantEntry
from .base import Problems

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class PoReader:
    def __init__(self, stream: BinaryIO, path: str):
        self.stream, self.path = stream, path
        self.header = MemoryHeader()
        self.skipped: Counter = Counter()

    def __iter__(self) -> Iterator[UnitEntry]:
        catalog, text = read_catalogue_text(self.stream.read(), self.path)
        problems = Problems(self.path)
        languages = []
        for name, required in (("Language", True), ("X-Source-Language", False)):
            try:
                languages.append(header_language(catalog, text, self.path, name, required=required))
            except FormatError as exc:
                languages.append(None)
                for problem in exc.problems:
                    problems.add_problem(problem)
        if problems:
            raise FormatError(problems.all())
        target, source = languages[0], languages[1] or "en"
        self.header = MemoryHeader(srclang=source)
        for entry in catalog:
            reason = ("obsolete" if entry.obsolete else "fuzzy" if entry.fuzzy else "plural" if entry.msgid_plural
                      else "untranslated" if not entry.msgstr.strip() else None)
            if reason:
                self.skipped[reason] += 1
                continue
            if not entry.msgid.strip():
                problems.add(entry.linenum, "po.empty-msgid")
                continue
            if _NOT_XML.search(entry.msgid) or _NOT_XML.search(entry.msgstr):
                problems.add(entry.linenum, "po.control-character")
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
