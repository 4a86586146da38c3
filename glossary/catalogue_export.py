"""The glossary as a gettext catalogue for one target language, for a CMS.

One entry per concept that has a term in the source language: ``msgctxt`` is
the concept id (two concepts with the same English name do not collide),
``msgid`` the source language's preferred term, ``msgstr`` the target
language's preferred term in the house style. Where the target has no
preferred term, ``msgstr`` is its first admitted term marked ``#, fuzzy`` (not
approved: a translator confirms it), or empty and marked ``#, fuzzy`` where it
has none (to translate: an empty fuzzy msgstr is legal gettext, untranslated to
msgfmt, and a PO editor's "needs work" list shows it). ``#.``
comments carry the definition, the notes, the subject field, the accepted
alternatives and the forms to avoid.

Entries are in concept-id order and the header's dates are those of the newest
recorded change of the exported concepts, not of the export: exporting twice
gives the same bytes, and after one edit the diff is that entry (and the
date). The web app and the CLI call ``glossary_catalogue`` through
``glossary.exports``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version

import polib
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import termbase
from .formats.po import GLOSSARY_HEADER, WRAP_WIDTH, gettext_language, header_date, language_name, new_catalogue, plural_forms
from .model import Change
from .records import ConceptEntry, TermEntry, TermStatus
from .validation import statuses_in_style

FUZZY = "fuzzy"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class EntryState(StrEnum):
    """What an entry's msgstr is: the ``--status`` filter of catalogue exports."""

    PREFERRED = "preferred"  # the target's preferred term: translated
    ADMITTED = "admitted"    # no preferred term; an admitted one, marked fuzzy
    MISSING = "missing"      # no accepted term in the target language: empty msgstr, marked fuzzy


@dataclass(frozen=True)
class ConceptFilter:
    """Which concepts an export keeps; empty means all.

    ``subject_fields``: the concept's subject field is one of these (case ignored);
    ``states``: the entry's state in the target language is one of these;
    ``changed_since``: the concept or one of its terms changed at or after this moment.
    """

    subject_fields: tuple[str, ...] = ()
    states: tuple[EntryState, ...] = ()
    changed_since: datetime | None = None

    def keeps(self, concept: ConceptEntry, changes: dict[str, tuple[datetime, int]]) -> bool:
        """Whether the concept's subject field and last change (``last_changes``) pass the filter."""
        if self.subject_fields and (concept.subject_field or "").casefold() not in {f.casefold() for f in self.subject_fields}:
            return False
        if self.changed_since is not None:
            return concept.id in changes and changes[concept.id][0] >= _aware(self.changed_since)
        return True


@dataclass
class CatalogueExport:
    """A catalogue and what was left out of it, for the user."""

    catalogue: polib.POFile
    without_source: list[str] = field(default_factory=list)  # concept ids with no term in the source language

    @property
    def entries(self) -> int:
        return len(self.catalogue)


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def last_changes(session: Session) -> dict[str, tuple[datetime, int]]:
    """For each concept, the moment and id of its newest recorded change (one grouped query)."""
    rows = session.execute(
        select(Change.concept_id, func.max(Change.at), func.max(Change.id))
        .where(Change.concept_id.is_not(None)).group_by(Change.concept_id)
    )
    return {concept_id: (_aware(at), newest) for concept_id, at, newest in rows}


def _best(terms: Iterable[TermEntry], lang: str, statuses: dict[TermEntry, TermStatus]) -> tuple[TermEntry | None, EntryState]:
    in_lang = sorted((t for t in terms if t.lang == lang), key=TermEntry.sort_key)
    for status, state in ((TermStatus.PREFERRED, EntryState.PREFERRED), (TermStatus.ADMITTED, EntryState.ADMITTED)):
        found = next((t for t in in_lang if statuses[t] is status), None)
        if found is not None:
            return found, state
    return None, EntryState.MISSING


def _with_note(term: TermEntry) -> str:
    """A term with its validity periods and note, for a comment: ``Нур-Султан (in use 2019-03-20/2022-09-17)``."""
    details = ([f"in use {', '.join(str(p) for p in term.periods)}"] if term.periods else []) + ([term.note] if term.note else [])
    return f"{term.text} ({'; '.join(details)})" if details else term.text


def _comments(concept: ConceptEntry, target: str | None, chosen: TermEntry | None,
              statuses: dict[TermEntry, TermStatus]) -> str:
    lines = []
    if concept.subject_field:
        lines.append(f"Subject field: {concept.subject_field}")
    if concept.definition:
        lines.append(f"Definition: {concept.definition}")
    if concept.note:
        lines.append(f"Note: {concept.note}")
    if target is not None:
        in_lang = sorted((t for t in concept.terms if t.lang == target), key=TermEntry.sort_key)
        if chosen is not None and chosen.note:
            lines.append(f"Note on {chosen.text}: {chosen.note}")
        for label, status in (("Also acceptable", TermStatus.ADMITTED), ("Avoid", TermStatus.DEPRECATED),
                              ("Former name", TermStatus.SUPERSEDED)):
            for term in in_lang:
                if statuses[term] is status and term is not chosen:
                    lines.append(f"{label}: {_with_note(term)}")
    return "\n".join(" ".join(line.split()) for line in lines)


def glossary_catalogue(session: Session, *, lang: str | None, source: str = "en", style: str | None = None,
                       filters: ConceptFilter = ConceptFilter(), template: bool = False) -> CatalogueExport:
    """The glossary as a catalogue: for ``lang`` (a PO), or a template of ``source`` terms (``template``, a POT).

    ``lang`` may be given with a template: the filters on entry states then
    refer to it. Raises UnknownStyle for a style the glossary does not have.
    """
    termbase.require_style(session, style)
    changes = last_changes(session)
    result = CatalogueExport(catalogue=polib.POFile())
    kept: list[tuple[ConceptEntry, TermEntry, TermEntry | None, EntryState, dict]] = []
    for concept in termbase.export_glossary(session).concepts:
        if not filters.keeps(concept, changes):
            continue
        statuses = statuses_in_style(concept.terms, style)
        source_term, _ = _best(concept.terms, source, statuses)
        if source_term is None:
            result.without_source.append(concept.id)
            continue
        target_term, state = _best(concept.terms, lang, statuses) if lang else (None, EntryState.MISSING)
        if filters.states and state not in filters.states:
            continue
        kept.append((concept, source_term, target_term, state, statuses))

    newest = max((changes[c.id] for c, *_ in kept if c.id in changes), default=max(changes.values(), default=None))
    revised = header_date(newest[0] if newest else _EPOCH)
    translator = session.get(Change, newest[1]).actor if newest else "Tilmash"
    catalogue = new_catalogue(_metadata(lang, source, style, template, revised, translator), _header_comment(lang, source, style, template))
    for concept, source_term, target_term, state, statuses in kept:
        entry = polib.POEntry(
            msgctxt=concept.id,
            msgid=source_term.text,
            msgstr="" if template or target_term is None else target_term.text,
            comment=_comments(concept, None if template else lang, target_term, statuses),
        )
        if state is not EntryState.PREFERRED and not template:
            entry.flags.append(FUZZY)  # not approved (admitted) or missing: for a translator to look at
        catalogue.append(entry)
    result.catalogue = catalogue
    return result


def _generator() -> str:
    try:
        return f"Tilmash {version('tilmash')}"
    except PackageNotFoundError:
        return "Tilmash"


def _glossary_mark(source: str, lang: str | None, style: str | None) -> str:
    fields = [f"source={source}"] + ([f"target={lang}"] if lang else []) + ([f"style={style}"] if style else [])
    return "; ".join(fields)


def _metadata(lang: str | None, source: str, style: str | None, template: bool, revised: str, translator: str) -> dict[str, str]:
    metadata = {
        "Project-Id-Version": "Tilmash glossary" + (f" ({style})" if style else ""),
        "POT-Creation-Date": revised,
        "PO-Revision-Date": revised,
        "Last-Translator": translator,
        "Language-Team": language_name(lang) if lang and not template else "none",
        "Language": gettext_language(lang) if lang and not template else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if lang and not template:
        metadata["Plural-Forms"] = plural_forms(lang)
    metadata["X-Generator"] = _generator()
    metadata[GLOSSARY_HEADER] = _glossary_mark(source, None if template else lang, style)
    return metadata


def _header_comment(lang: str | None, source: str, style: str | None, template: bool) -> str:
    in_style = f" in the house style {style}" if style else ""
    if template:
        what = f"Template of the Tilmash glossary: the {language_name(source)} ({source}) term of each concept{in_style}."
    else:
        what = (f"Tilmash glossary: the {language_name(lang)} ({lang}) term of each concept{in_style}, "
                f"by its {language_name(source)} ({source}) term.")
    text = (f"{what} msgctxt is the concept's id: keep it and msgid as they are. An entry marked fuzzy has no "
            "approved term yet: translate or confirm it, then import the file back with 'tilmash import'.")
    return "\n".join(textwrap.wrap(text, WRAP_WIDTH - 2))
