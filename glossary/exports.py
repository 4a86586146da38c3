"""Every export of the glossary as bytes, for the command line and the web app alike.

``export_file(session, "po", lang="kk", style=..., filters=...)`` gives the
file's bytes with its media type and a file name: TBX and CSV (the whole
glossary, house styles included, or the concepts the filters keep), and per
target language a gettext catalogue (``po``), its template (``pot``) or the
compiled catalogue (``mo``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from . import termbase
from .catalogue_export import ConceptFilter, glossary_catalogue, last_changes
from .errors import FormatError, GlossaryError, saying
from .formats import FORMATS
from .formats.po import catalogue_bytes, mo_bytes
from .languages import normalize_language
from .records import Glossary
from .wording import counted

CATALOGUE_FORMATS = ("po", "pot", "mo")
EXPORT_FORMATS = (*sorted(FORMATS), *CATALOGUE_FORMATS)
MEDIA_TYPES = {
    "tbx": "application/x-tbx+xml",
    "csv": "text/csv; charset=utf-8",
    "po": "text/x-gettext-translation; charset=utf-8",
    "pot": "text/x-gettext-translation-template; charset=utf-8",
    "mo": "application/x-gettext-translation",
}


class ExportError(GlossaryError):
    """An export asked for with options that do not go together."""


@dataclass
class Export:
    """An exported file: its bytes, what it is, and a line for the user."""

    data: bytes
    format: str
    media_type: str
    filename: str
    concepts: int
    left_out: list[str] = field(default_factory=list)  # concepts without a term in the source language

    def summary(self) -> str:
        text = counted(self.concepts, "entry", "entries") if self.format in CATALOGUE_FORMATS else counted(self.concepts, "concept")
        if self.left_out:
            count = len(self.left_out)
            text += (f" ({counted(count, 'concept')} without a term in the source language left out: "
                     f"{', '.join(self.left_out[:5])}{', ...' if count > 5 else ''})")
        return text


def format_for_output(path: str | Path) -> str:
    """The export format of an output file, from its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    for name in EXPORT_FORMATS:
        if suffix == name or f".{suffix}" in getattr(FORMATS.get(name), "extensions", ()):
            return name
    raise FormatError.at(path, None, "export.unknown-file-type", suffix=Path(path).suffix or saying("file.no-extension"),
                         known=", ".join("." + n for n in EXPORT_FORMATS))


def export_file(session: Session, format_name: str, *, lang: str | None = None, source: str = "en",
                style: str | None = None, filters: ConceptFilter = ConceptFilter(),
                tbx_version: str = "2008") -> Export:
    """Export the glossary in ``format_name``; raises ExportError for options that do not apply."""
    if format_name not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {format_name!r}; use one of {', '.join(EXPORT_FORMATS)}")
    source = normalize_language(source)
    lang = normalize_language(lang) if lang else None
    if format_name in CATALOGUE_FORMATS:
        return _catalogue(session, format_name, lang, source, style, filters)
    for given, what in ((lang, "target language"), (style, "house style"), (filters.states, "status filter")):
        if given:
            raise ExportError.of("export.filter-for-catalogues", what=what, format=format_name)
    glossary = termbase.export_glossary(session)
    if filters.subject_fields or filters.changed_since:
        changes = last_changes(session)
        glossary = Glossary([c for c in glossary.concepts if filters.keeps(c, changes)])
    data = FORMATS[format_name].write(glossary, version=tbx_version) if format_name == "tbx" else FORMATS[format_name].write(glossary)
    return Export(data, format_name, MEDIA_TYPES[format_name], f"tilmash-glossary.{format_name}", len(glossary.concepts))


def _catalogue(session: Session, format_name: str, lang: str | None, source: str, style: str | None,
               filters: ConceptFilter) -> Export:
    if format_name != "pot" and lang is None:
        raise ExportError.of("export.needs-target", format=format_name)
    if filters.states and lang is None:
        raise ExportError.of("export.status-needs-target")
    if lang == source:
        raise ExportError.of("export.target-is-source", lang=source)
    exported = glossary_catalogue(session, lang=lang, source=source, style=style, filters=filters,
                                  template=format_name == "pot")
    data = mo_bytes(exported.catalogue) if format_name == "mo" else catalogue_bytes(exported.catalogue)
    name = "tilmash-glossary" + (f"-{style}" if style else "") + (f".{lang}" if lang and format_name != "pot" else "")
    return Export(data, format_name, MEDIA_TYPES[format_name], f"{name}.{format_name}", exported.entries,
                  exported.without_source)
