"""Translators' work on a glossary catalogue, imported back as term updates.

``read_translations_file(path)`` reads one (``NotAGlossaryCatalogue``, a
FormatError, for any other PO file, which belongs to the memory);
``import_translations(session, [translations])`` applies them.

A catalogue exported by ``glossary.catalogue_export`` (its header carries
``X-Tilmash-Glossary``) comes back from Poedit, Weblate or msgmerge with
msgstr filled in and fuzzy marks removed. Each translated, confirmed entry is
one proposal: the msgstr becomes the preferred term of the concept named by
msgctxt, in the target language (and house style) of the export.

- The preferred term already: unchanged (so importing a file twice changes
  nothing the second time).
- A deprecated or superseded form of that concept: reported, not applied.
- Another term is preferred already: reported, not applied (that would give
  the concept two preferred terms; change it in the glossary itself).
- Otherwise an admitted term becomes preferred, or a new term is added as
  preferred (the translator's comment as its note, the file as its source).

An empty msgstr is untranslated, whether or not it is marked fuzzy (the
export marks a missing term so; msgfmt and GNU gettext's tools drop the mark
from an empty entry): counted, nothing to import. A msgstr still marked fuzzy
is not confirmed ("needs work" in Poedit, "needs editing" in Weblate, left
out of the ``.mo`` by msgfmt): counted and not applied, and where it is not
a term the glossary accepts already (a translation typed in but not
confirmed), reported with its line so it is not lost. The changes go
through the termbase's import, so they are validated and recorded in the
change history like every other change; the caller's transaction makes the
import of several files all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib
from sqlalchemy.orm import Session

from . import termbase
from .errors import FormatError, InvalidLanguage, UnknownStyle, said
from .fileio import read_input_file
from .formats.po import (
    GLOSSARY_HEADER,
    header_fields,
    header_language,
    header_line,
    header_value,
    is_glossary_catalogue,
    read_catalogue_text,
)
from .languages import normalize_language
from .records import ConceptEntry, Glossary, TermEntry, TermStatus
from .validation import concept_problems, statuses_in_style
from .wording import counted

CATALOGUE_EXTENSIONS = (".po", ".pot")
_AVOIDED = (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)


class NotAGlossaryCatalogue(FormatError):
    """A PO file that is not Tilmash's glossary catalogue: ``tilmash import`` sends it to the memory."""


@dataclass(frozen=True)
class Translation:
    """One entry of a translated catalogue."""

    line: int | None
    concept_id: str | None
    text: str
    fuzzy: bool = False
    plural: bool = False
    comment: str | None = None


@dataclass
class Translations:
    """A translated glossary catalogue: which languages and style it is for, and its entries."""

    path: str
    source: str
    target: str
    style: str | None
    translator: str | None
    entries: list[Translation]


@dataclass(frozen=True)
class Outcome:
    line: int | None
    message: str


@dataclass
class TranslationReport:
    """What importing one catalogue did, entry by entry, for the user."""

    path: str
    added: list[Outcome] = field(default_factory=list)
    promoted: list[Outcome] = field(default_factory=list)
    not_applied: list[Outcome] = field(default_factory=list)
    fuzzy_new: list[Outcome] = field(default_factory=list)  # typed in but still fuzzy: counted in ``fuzzy``, shown
    unchanged: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def applied(self) -> list[Outcome]:
        return sorted(self.added + self.promoted, key=lambda o: o.line or 0)

    @property
    def warnings(self) -> list[Outcome]:
        """What was not applied and what waits for review, in file order."""
        return sorted(self.not_applied + self.fuzzy_new, key=lambda o: o.line or 0)

    def __str__(self) -> str:
        updated = len(self.added) + len(self.promoted)
        return (f"{self.path}: {counted(updated, 'term')} updated ({len(self.added)} added, "
                f"{len(self.promoted)} made preferred), {self.unchanged} unchanged, {len(self.not_applied)} not applied, "
                f"{self.fuzzy} fuzzy left for review, {self.untranslated} untranslated")


def is_catalogue_path(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CATALOGUE_EXTENSIONS


def read_translations_file(path: str | Path) -> Translations:
    """Read a translated glossary catalogue, raising FormatError if it is not one or is broken."""
    return read_translations(read_input_file(path), str(path))


def read_translations(data: bytes, path: str) -> Translations:
    catalogue, text = read_catalogue_text(data, path)
    if not is_glossary_catalogue(catalogue):
        raise NotAGlossaryCatalogue.at(path, None, "po.not-glossary-catalogue", field=GLOSSARY_HEADER)
    return translations_of(catalogue, text, path)


def translations_of(catalogue: polib.POFile, text: str, path: str) -> Translations:
    mark = header_fields(catalogue, GLOSSARY_HEADER)
    line = header_line(text, GLOSSARY_HEADER)
    problems, languages = [], {}
    for role in ("source", "target"):
        try:
            if role == "target" and not mark.get("target"):  # the mark names it; else the Language header does
                languages[role] = header_language(catalogue, text, path, required=True)
            else:
                languages[role] = _marked_language(mark, role, line, path)
        except FormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FormatError(problems)
    entries = [
        Translation(
            line=entry.linenum, concept_id=entry.msgctxt, text=entry.msgstr,
            fuzzy=entry.fuzzy, plural=bool(entry.msgid_plural), comment=entry.tcomment.strip() or None,
        )
        for entry in catalogue if not entry.obsolete
    ]
    translator = header_value(catalogue, "Last-Translator")
    return Translations(path, languages["source"], languages["target"], mark.get("style") or None,
                        translator or None, entries)


def _marked_language(mark: dict[str, str], role: str, line: int | None, path: str) -> str:
    value = mark.get(role, "")
    try:
        return normalize_language(value)
    except InvalidLanguage:
        raise FormatError.at(path, line, "po.glossary-mark-language", field=GLOSSARY_HEADER, role=role,
                             value=value) from None


def import_translations(session: Session, catalogues: Sequence[Translations]) -> list[TranslationReport]:
    """Apply translated catalogues as term updates, one after another, in the caller's transaction."""
    return [_import_one(session, translations) for translations in catalogues]


def _import_one(session: Session, translations: Translations) -> TranslationReport:
    report = TranslationReport(translations.path)
    try:
        termbase.require_style(session, translations.style)
    except UnknownStyle as exc:
        raise FormatError.at(translations.path, None, "po.glossary-mark-style", field=GLOSSARY_HEADER,
                             problem=said(exc)) from exc
    concepts = termbase.get_concepts(session, (e.concept_id for e in translations.entries if e.concept_id))
    changed: dict[str, ConceptEntry] = {}
    for entry in translations.entries:
        if entry.plural:
            report.not_applied.append(Outcome(entry.line, "a plural entry is not a glossary term: not applied"))
        elif not entry.text:
            report.untranslated += 1
        elif entry.fuzzy:
            report.fuzzy += 1
            concept = concepts.get(entry.concept_id or "")
            if concept is None or not _accepted(concept, entry.text, translations):
                report.fuzzy_new.append(Outcome(entry.line, f"{_where(entry.concept_id, translations)}: {entry.text!r} is "
                                                "marked fuzzy (needs review): not applied; clear the fuzzy mark to apply it"))
        elif not entry.concept_id:
            report.not_applied.append(Outcome(entry.line, f"{entry.text!r} has no msgctxt (the concept id): not applied"))
        elif entry.concept_id not in concepts:
            report.not_applied.append(Outcome(entry.line, f"no concept {entry.concept_id!r} in the glossary: "
                                              f"{entry.text!r} not applied"))
        else:
            updated = _apply(concepts[entry.concept_id], entry, translations, report)
            if updated is not None:
                changed[entry.concept_id] = updated
    if changed:
        termbase.import_glossaries(session, [(translations.path, Glossary(list(changed.values())))])
    return report


def _where(concept_id: str | None, translations: Translations) -> str:
    """An entry's concept, language and style for a message: ``aktau (kk, az-official)``."""
    style = f", {translations.style}" if translations.style else ""
    return f"{concept_id or '(no msgctxt)'} ({translations.target}{style})"


def _accepted(concept: ConceptEntry, text: str, translations: Translations) -> bool:
    """Whether ``text`` is a preferred or admitted term of the concept in the catalogue's language and style
    (what the export wrote, or another accepted form): a fuzzy entry with it holds nothing new."""
    statuses = statuses_in_style(concept.terms, translations.style)
    return any(t.lang == translations.target and t.text == text and statuses[t] in (TermStatus.PREFERRED, TermStatus.ADMITTED)
               for t in concept.terms)


def _apply(concept: ConceptEntry, entry: Translation, translations: Translations,
           report: TranslationReport) -> ConceptEntry | None:
    """The concept with the entry's msgstr made preferred, or None (counted in the report) if it is not applied."""
    target, style, text = translations.target, translations.style, entry.text
    where = _where(concept.id, translations)
    statuses = statuses_in_style(concept.terms, style)
    in_lang = [t for t in concept.terms if t.lang == target]
    preferred = next((t for t in in_lang if statuses[t] is TermStatus.PREFERRED), None)
    if preferred is not None and preferred.text == text:
        report.unchanged += 1
        return None
    same = next((t for t in in_lang if t.text == text), None)
    avoided = same if same is not None and statuses[same] in _AVOIDED else next(
        (t for t in in_lang if t.text.casefold() == text.casefold() and statuses[t] in _AVOIDED), None)
    if avoided is not None:
        why = f" ({avoided.note})" if avoided.note else ""
        instead = f"; the glossary prefers {preferred.text!r}" if preferred else ""
        report.not_applied.append(Outcome(entry.line, f"{where}: {text!r} is a {statuses[avoided].value} form{why}{instead}: not applied"))
        return None
    if preferred is not None:
        report.not_applied.append(Outcome(entry.line, f"{where}: {text!r} would be a second preferred term next to "
                                          f"{preferred.text!r}: not applied (change the preferred term in the glossary)"))
        return None
    if any(ch in text for ch in "\n\r\t") or not text.isprintable():
        report.not_applied.append(Outcome(entry.line, f"{where}: {text!r} has line breaks or control characters; a term is one line: not applied"))
        return None
    proposed = _made_preferred(same, text, target, style, in_lang, entry, translations)
    terms = [t for t in concept.terms if t is not same] + [proposed]
    problems = concept_problems(replace(concept, terms=terms), translations.path)
    if problems:
        report.not_applied.extend(Outcome(entry.line, f"{p.message}: not applied") for p in problems)
        return None
    in_style = f" in style {style}" if style else ""
    if same is None:
        report.added.append(Outcome(entry.line, f"{where}: {text!r} added as the preferred term{in_style}"))
    else:
        report.promoted.append(Outcome(entry.line, f"{where}: {text!r} {statuses[same].value} -> preferred{in_style}"))
    return replace(concept, terms=terms)


def _made_preferred(same: TermEntry | None, text: str, target: str, style: str | None, in_lang: list[TermEntry],
                    entry: Translation, translations: Translations) -> TermEntry:
    """The term ``text`` preferred in ``style``: in the default too where the default prefers nothing."""
    default_prefers = any(t.status is TermStatus.PREFERRED for t in in_lang)
    if same is None:
        source = Path(translations.path).name + (f", translated by {translations.translator}" if translations.translator else "")
        same = TermEntry(target, text, TermStatus.ADMITTED, note=entry.comment, source=source)
    styles = dict(same.styles)
    if style is None or not default_prefers:
        if style in styles:
            styles[style] = TermStatus.PREFERRED
        return replace(same, status=TermStatus.PREFERRED, styles=tuple(styles.items()), line=entry.line)
    styles[style] = TermStatus.PREFERRED
    return replace(same, styles=tuple(styles.items()), line=entry.line)
