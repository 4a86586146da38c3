"""TBX-Basic, read as TBX 2008 (``<martif>``) or TBX v3 (``<tbx>``), written as either.

What Tilmash keeps and where it lives in TBX:

- concept id: ``termEntry/@id`` (v3: ``conceptEntry/@id``); a file without ids
  gets ids made from its first term, so importing it twice merges;
- subject field, definition, concept note: ``descrip type="subjectField"``,
  ``descrip type="definition"``, ``note`` on the entry; a language-level
  definition is taken when the entry has none;
- term, status (``termNote type="administrativeStatus"``), part of speech
  (``termNote type="partOfSpeech"``), source (``admin type="source"``), note (``note``);
- what TBX-Basic has no data category for travels in term notes with a fixed
  prefix, so that the file stays valid TBX-Basic and other tools show it as a
  note: ``tilmash-case: strict``, ``tilmash-style az-official: deprecated`` and
  ``tilmash-valid: 2019-03-20/2022-09-17`` (a term's validity periods, written as
  in CSV: TBX-Basic's only dates are those of transactions, which record edits
  to the entry, not when a name was in use).

Data categories Tilmash does not keep (context sentences, term types,
transactions, cross-references...) are counted and reported as warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from ..errors import FormatError, InvalidLanguage, InvalidValue, Problem, said
from ..folding import slug
from ..languages import normalize_language
from ..records import (
    CaseRule,
    ConceptEntry,
    Glossary,
    PartOfSpeech,
    TermEntry,
    TermStatus,
    concept_id_problem,
    format_periods,
    parse_periods,
    style_name_problem,
)
from ..validation import glossary_problems
from ..wording import plural_ending
from .base import element_text, local_name, parse_untrusted_xml

TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "tilmash-case:"
VALID_NOTE = "tilmash-valid:"
STYLE_NOTE = re.compile(r"tilmash-style\s+(?P<style>\S+)\s*:\s*(?P<status>\S+)\s*$")


@dataclass(frozen=True)
class _Dialect:
    """Element names of one TBX version."""

    root: str
    entry: str
    language: str
    term: str


TBX2008 = _Dialect(root="martif", entry="termEntry", language="langSet", term="tig")
TBX3 = _Dialect(root="tbx", entry="conceptEntry", language="langSec", term="termSec")
_TERM_GROUPS = {"tig", "ntig", "termSec"}


# TBX-Basic's own display values for two of its statuses (Weblate writes them).
_STATUS_DISPLAY_VALUES = {"notrecommended": TermStatus.DEPRECATED, "obsolete": TermStatus.SUPERSEDED}


def _status(value: str) -> TermStatus:
    key = value.strip().lower()
    for status in TermStatus:
        if key in (status.value, status.tbx_value.lower()):
            return status
    if key in _STATUS_DISPLAY_VALUES:
        return _STATUS_DISPLAY_VALUES[key]
    allowed = ", ".join(s.tbx_value for s in TermStatus)
    raise InvalidValue.of("tbx.unknown-status", value=value, allowed=allowed)


def _part_of_speech(value: str) -> PartOfSpeech:
    key = value.strip().lower().replace(" ", "")
    if key == "propernoun":
        return PartOfSpeech.NOUN
    try:
        return PartOfSpeech(key)
    except ValueError:
        allowed = ", ".join(p.value for p in PartOfSpeech)
        raise InvalidValue.of("tbx.unknown-part-of-speech", value=value, allowed=allowed) from None


@dataclass
class _Reader:
    path: str
    problems: list[Problem] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)
    ignored_first_line: dict[str, int | None] = field(default_factory=dict)

    def ignore(self, element: etree._Element) -> None:
        kind = f"<{local_name(element)}" + (f' type="{element.get("type")}"' if element.get("type") else "") + ">"
        self.ignored[kind] += 1
        self.ignored_first_line.setdefault(kind, element.sourceline)

    def problem(self, at: etree._Element, message_id: str, **arguments) -> None:
        """Note what message ``message_id`` (glossary.errors.MESSAGES) says about element ``at``."""
        self.problems.append(Problem.of(self.path, at.sourceline, message_id, **arguments))

    def problem_from(self, at: etree._Element, error: Exception) -> None:
        self.problems.append(Problem.from_error(self.path, at.sourceline, error))

    def read(self, root: etree._Element) -> Glossary:
        name = local_name(root)
        if name not in (TBX2008.root, TBX3.root):
            raise FormatError.at(self.path, root.sourceline, "tbx.not-tbx", root=name)
        dialect = TBX2008 if name == TBX2008.root else TBX3
        concepts = []
        used_ids: set[str] = set()
        entries = [e for e in root.iter() if local_name(e) == dialect.entry]
        if not entries:
            raise FormatError.at(self.path, root.sourceline, "tbx.no-entries", entry=dialect.entry)
        for entry in entries:
            concept = self._concept(entry, dialect)
            if concept is not None:
                concepts.append(concept)
                used_ids.add(concept.id)
        for concept in concepts:
            if concept.id == "":
                concept.id = self._new_id(concept, used_ids)
        self.problems.extend(glossary_problems(concepts, self.path))
        if self.problems:
            raise FormatError(sorted(self.problems, key=lambda p: p.line or 0))
        glossary = Glossary(concepts)
        glossary.warnings = [
            Problem.of(self.path, self.ignored_first_line[kind], "tbx.not-kept", count=count, kind=kind,
                       plural=plural_ending(count))
            for kind, count in sorted(self.ignored.items())
        ]
        return glossary

    @staticmethod
    def _new_id(concept: ConceptEntry, used: set[str]) -> str:
        terms = sorted(concept.terms, key=TermEntry.sort_key)
        base = slug(terms[0].text) if terms else "concept"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    def _concept(self, entry: etree._Element, dialect: _Dialect) -> ConceptEntry | None:
        concept_id = (entry.get("id") or "").strip()
        if concept_id and (why := concept_id_problem(concept_id)) is not None:
            self.problem_from(entry, why)
        concept = ConceptEntry(concept_id, line=entry.sourceline)
        notes = []
        language_definitions = []
        for child in self._flatten(entry):
            kind, category = local_name(child), (child.get("type") or "").lower()
            if kind == "descrip" and category == "subjectfield":
                concept.subject_field = element_text(child) or None
            elif kind == "descrip" and category == "definition":
                concept.definition = element_text(child) or None
            elif kind == "note":
                notes.append(element_text(child))
            elif kind != dialect.language:
                self.ignore(child)
        concept.note = "\n".join(n for n in notes if n) or None
        for language in entry:
            if local_name(language) == dialect.language:
                self._language(language, concept, language_definitions)
            elif local_name(language) in ("langSet", "langSec"):
                self.problem(language, "tbx.misplaced-language", element=local_name(language), root=dialect.root)
        if concept.definition is None and language_definitions:
            concept.definition = language_definitions[0]
            for _ in language_definitions[1:]:
                self.ignored["<descrip type=\"definition\"> (a second language's definition)"] += 1
        if not concept.terms:
            if concept_id:
                self.problem(entry, "tbx.entry-without-terms", entry=dialect.entry, id=concept_id)
            else:
                self.problem(entry, "tbx.anonymous-entry-without-terms", entry=dialect.entry)
            return None
        return concept

    def _flatten(self, elements):
        """Elements with each descripGrp/adminGrp/termNoteGrp replaced by the data category it
        groups; what the group adds about it (descripNote, its own admin...) is not kept."""
        for element in elements:
            if not isinstance(element.tag, str):
                continue
            if local_name(element) in ("descripGrp", "adminGrp", "termNoteGrp"):
                inner = [c for c in element if isinstance(c.tag, str)]
                if inner:
                    yield inner[0]
                for extra in inner[1:]:
                    self.ignore(extra)
            else:
                yield element

    def _language(self, language: etree._Element, concept: ConceptEntry, definitions: list[str]) -> None:
        raw = language.get(XML_LANG) or language.get("lang")
        if not raw:
            self.problem(language, "tbx.language-without-lang", element=local_name(language))
            return
        try:
            lang = normalize_language(raw)
        except InvalidLanguage as exc:
            self.problem_from(language, exc)
            return
        for child in self._flatten(language):
            kind, category = local_name(child), (child.get("type") or "").lower()
            if kind in _TERM_GROUPS:
                term = self._term(child, lang)
                if term is not None:
                    concept.terms.append(term)
            elif kind == "descrip" and category == "definition":
                definitions.append(element_text(child))
            else:
                self.ignore(child)

    def _term(self, group: etree._Element, lang: str) -> TermEntry | None:
        # ntig wraps its term and termNotes in a termGrp.
        children = [c for c in group if isinstance(c.tag, str)]
        if local_name(group) == "ntig":
            children = [g for c in children for g in (c if local_name(c) == "termGrp" else [c]) if isinstance(g.tag, str)]
        term_elements = [c for c in children if local_name(c) == "term"]
        if len(term_elements) != 1:
            self.problem(group, "tbx.term-count", element=local_name(group), count=len(term_elements))
            return None
        text = element_text(term_elements[0])
        status, part_of_speech, source, case_rule = None, None, None, CaseRule.PERMISSIVE
        notes, styles, periods = [], [], ()
        for child in self._flatten(children):
            kind, category = local_name(child), (child.get("type") or "").lower()
            value = element_text(child)
            try:
                if kind == "term":
                    continue
                if kind == "termNote" and category == "administrativestatus":
                    status = _status(value)
                elif kind == "termNote" and category == "partofspeech":
                    part_of_speech = _part_of_speech(value)
                elif kind in ("admin", "descrip") and category == "source":
                    source = value or None
                elif kind == "descrip" and category == "note":  # MultiTerm's "Note" field
                    notes.append(value)
                elif kind == "note" and value.lower().startswith(CASE_NOTE):
                    case_value = value[len(CASE_NOTE):].strip().lower()
                    try:
                        case_rule = CaseRule(case_value)
                    except ValueError:
                        raise InvalidValue.of("tbx.unknown-case", value=case_value,
                                              allowed=", ".join(c.value for c in CaseRule)) from None
                elif kind == "note" and value.lower().startswith(VALID_NOTE):
                    if periods:
                        raise InvalidValue.of("tbx.second-valid-note", note=VALID_NOTE)
                    try:
                        periods = parse_periods(value[len(VALID_NOTE):])
                    except ValueError as exc:
                        raise InvalidValue.of("tbx.valid", note=VALID_NOTE, problem=said(exc)) from None
                elif kind == "note" and (match := STYLE_NOTE.match(value)):
                    if (why := style_name_problem(match["style"])) is not None:
                        raise why
                    styles.append((match["style"], _status(match["status"])))
                elif kind == "note":
                    notes.append(value)
                else:
                    self.ignore(child)
            except ValueError as exc:
                self.problem_from(child, exc)
        if not text:
            self.problem(term_elements[0], "tbx.empty-term")
            return None
        if len({name for name, _ in styles}) != len(styles):
            self.problem(group, "tbx.style-twice", text=text)
        return TermEntry(
            lang=lang, text=text, status=status or TermStatus.ADMITTED, case_rule=case_rule,
            part_of_speech=part_of_speech, note="\n".join(n for n in notes if n) or None,
            source=source, styles=tuple(styles), periods=periods, line=term_elements[0].sourceline,
        )


class TbxFormat:
    name = "tbx"
    extensions = (".tbx",)

    def __init__(self, version: str = "2008"):
        self.version = version

    def read(self, data: bytes, path: str) -> Glossary:
        tree = parse_untrusted_xml(data, path)
        return _Reader(path).read(tree.getroot())

    def write(self, glossary: Glossary, *, version: str | None = None, source_language: str = "en") -> bytes:
        """TBX-Basic: TBX 2008 (``martif``, read by translate-toolkit, memoQ, MultiTerm) or TBX v3."""
        version = version or self.version
        if version not in ("2008", "3"):
            raise ValueError(f"unknown TBX version {version!r}; use 2008 or 3")
        v3 = version == "3"
        dialect = TBX3 if v3 else TBX2008
        ns = f"{{{TBX3_NAMESPACE}}}" if v3 else ""
        nsmap = {None: TBX3_NAMESPACE} if v3 else None

        def sub(parent, name, text=None, **attributes):
            element = etree.SubElement(parent, ns + name, {k: v for k, v in attributes.items() if v is not None})
            if text is not None:
                element.text = text
            return element

        if v3:
            root = etree.Element(ns + "tbx", {XML_LANG: source_language, "type": "TBX-Basic", "style": "dca"}, nsmap=nsmap)
            header = sub(root, "tbxHeader")
        else:
            root = etree.Element("martif", {XML_LANG: source_language, "type": "TBX-Basic"})
            header = sub(root, "martifHeader")
        file_description = sub(header, "fileDesc")
        sub(sub(file_description, "titleStmt"), "title", "Tilmash glossary")
        sub(sub(file_description, "sourceDesc"), "p", "Exported by Tilmash")
        if not v3:
            sub(sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = sub(sub(root, "text"), "body")
        for concept in glossary.concepts:
            entry = sub(body, dialect.entry, id=concept.id)
            if concept.subject_field:
                sub(entry, "descrip", concept.subject_field, type="subjectField")
            if concept.definition:
                sub(entry, "descrip", concept.definition, type="definition")
            if concept.note:
                sub(entry, "note", concept.note)
            language_element, current_lang = None, None
            for term in sorted(concept.terms, key=TermEntry.sort_key):
                if term.lang != current_lang:
                    language_element = sub(entry, dialect.language, **{XML_LANG: term.lang})
                    current_lang = term.lang
                group = sub(language_element, dialect.term)
                sub(group, "term", term.text)
                sub(group, "termNote", term.status.tbx_value, type="administrativeStatus")
                if term.part_of_speech:
                    sub(group, "termNote", term.part_of_speech.value, type="partOfSpeech")
                if term.source:
                    sub(group, "admin", term.source, type="source")
                if term.note:
                    sub(group, "note", term.note)
                if term.case_rule is not CaseRule.PERMISSIVE:
                    sub(group, "note", f"{CASE_NOTE} {term.case_rule.value}")
                if term.periods:
                    sub(group, "note", f"{VALID_NOTE} {format_periods(term.periods)}")
                for style, status in sorted(term.styles):
                    sub(group, "note", f"tilmash-style {style}: {status.tbx_value}")
        etree.indent(root, space="  ")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


FORMAT = TbxFormat()
