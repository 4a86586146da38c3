"""Glossary CSV: one row per term, header ``concept,lang,term,status`` plus optional columns.

Optional columns: ``style`` (a house style name: the row then gives only the
term's status in that style), ``case``, ``part_of_speech``, ``note``, ``source``,
``valid`` (when the term was the name in use: periods ``START/END`` separated by
``;``, with ISO 8601 dates ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and an empty side
for an open end, such as ``2019-03-20/2022-09-17`` or ``/1993``), and the concept-level ``subject_field``, ``definition``, ``concept_note`` (given
on any row of the concept, conflicting values refused). Spreadsheet exports
with ``;`` or tab delimiters and a UTF-8 BOM are read too.
"""

from __future__ import annotations

import csv
import io
import operator
from dataclasses import replace

from ..errors import FormatError, InvalidLanguage, InvalidValue, Problem, said, saying
from ..languages import normalize_language
from ..records import (
    CaseRule,
    ConceptEntry,
    Glossary,
    PartOfSpeech,
    TermEntry,
    TermStatus,
    format_periods,
    parse_periods,
    plain_term,
    style_name_problem,
)
from ..validation import glossary_problems
from ..wording import plural_ending
from .base import decode_text

REQUIRED_COLUMNS = ("concept", "lang", "term", "status")
TERM_COLUMNS = ("case", "part_of_speech", "note", "source", "valid")
CONCEPT_COLUMNS = ("subject_field", "definition", "concept_note")
COLUMNS = (*REQUIRED_COLUMNS, "style", *TERM_COLUMNS, *CONCEPT_COLUMNS)
_CONCEPT_ATTRIBUTES = {"subject_field": "subject_field", "definition": "definition", "concept_note": "note"}


def _choice(enum_type, value: str, column: str):
    member = enum_type._value2member_map_.get(value)  # the value as written, most rows: no call
    if member is not None:
        return member
    try:
        return enum_type(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum_type)
        raise InvalidValue.of("csv.unknown-value", column=column, value=value, allowed=allowed) from None


def _periods(value: str):
    try:
        return parse_periods(value)
    except ValueError as exc:
        raise InvalidValue.of("csv.valid", problem=said(exc)) from None


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


class _PlainRows:
    """Reads a row that is only a term (its four cells, the others empty, a language seen before and
    a status as written: most rows of a large glossary) without making a dict of it; any other row,
    and any row with a problem, is left to ``CsvFormat._read_row``, which makes the same records."""

    def __init__(self, header: list[str], concepts: dict[str, ConceptEntry]):
        self.size = len(header)
        required = [header.index(column) for column in REQUIRED_COLUMNS]
        # the four cells of a row, in that order (the row itself when it has only those, in that order)
        self.cells = None if required == list(range(len(header))) else operator.itemgetter(*required)
        self.others = [i for i in range(len(header)) if i not in required]
        self.concepts = concepts
        self.languages: dict[str, str] = {}  # a language cell as written -> the code
        self.statuses = TermStatus._value2member_map_

    def __call__(self, row: list[str], line: int) -> bool:
        """Whether the row was read (it has the header's number of cells, is plain and has no problem)."""
        if len(row) != self.size:
            return False
        for i in self.others:
            if row[i]:
                return False
        concept_id, lang, text, status = row if self.cells is None else self.cells(row)
        status = self.statuses.get(status.strip())
        text = text.strip()
        concept_id = concept_id.strip()
        if not (concept_id and text and status):
            return False
        code = self.languages.get(lang)
        if code is None:
            try:
                code = normalize_language(lang.strip()) if lang.strip() else None
            except InvalidLanguage:
                return False
            if code is None:
                return False
            self.languages[lang] = code
        concept = self.concepts.get(concept_id)
        if concept is None:
            concept = self.concepts[concept_id] = ConceptEntry(concept_id, line=line)
        concept.terms.append(plain_term(code, text, status, line))
        return True


class CsvFormat:
    name = "csv"
    extensions = (".csv",)

    def read(self, data: bytes, path: str) -> Glossary:
        text = decode_text(data, path)
        if not text.strip():
            raise FormatError.at(path, 1, "csv.empty-file", columns=",".join(REQUIRED_COLUMNS))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text.split("\n", 1)[0]), strict=True)
        problems: list[Problem] = []
        try:
            header = [name.strip().lower() for name in next(reader)]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            unknown = [c for c in header if c not in COLUMNS]
            duplicated = sorted({c for c in header if header.count(c) > 1})
            if missing or unknown or duplicated:
                parts = []
                if missing:
                    parts.append(saying("csv.missing-columns", plural=plural_ending(len(missing)), columns=", ".join(missing)))
                if unknown:
                    parts.append(saying("csv.unknown-columns", plural=plural_ending(len(unknown)), columns=", ".join(unknown),
                                        known=", ".join(COLUMNS)))
                if duplicated:
                    parts.append(saying("csv.repeated-columns", plural=plural_ending(len(duplicated)), columns=", ".join(duplicated)))
                raise FormatError.at(path, 1, "csv.bad-header", problems=parts)
            concepts: dict[str, ConceptEntry] = {}
            style_rows: list[tuple[int, str, str, str, str, TermStatus]] = []
            plain_row = _PlainRows(header, concepts)
            line = reader.line_num + 1
            for row in reader:
                row_line, line = line, reader.line_num + 1
                if plain_row(row, row_line):
                    continue
                if not "".join(row).strip():  # (no cell with anything but spaces)
                    continue
                if len(row) != len(header):
                    problems.append(Problem.of(path, row_line, "csv.field-count", expected=len(header), found=len(row)))
                    continue
                try:
                    self._read_row(dict(zip(header, map(str.strip, row))), row_line, concepts, style_rows)
                except (ValueError, InvalidLanguage) as exc:
                    problems.append(Problem.from_error(path, row_line, exc))
        except csv.Error as exc:
            problems.append(Problem.of(path, reader.line_num, "csv.broken", detail=str(exc)))
        problems.extend(self._attach_styles(concepts, style_rows, path))
        glossary = Glossary(list(concepts.values()))
        problems.extend(glossary_problems(glossary.concepts, path))
        if problems:
            raise FormatError(sorted(problems, key=lambda p: p.line or 0))
        return glossary

    def _read_row(self, row: dict[str, str], line: int, concepts: dict[str, ConceptEntry], style_rows: list) -> None:
        for column in REQUIRED_COLUMNS:
            if not row[column]:
                raise InvalidValue.of("csv.empty-cell", column=column)
        lang = normalize_language(row["lang"])
        status = _choice(TermStatus, row["status"], "status")
        concept = concepts.get(row["concept"])
        if concept is None:
            concept = concepts[row["concept"]] = ConceptEntry(row["concept"], line=line)
        for column, attribute in _CONCEPT_ATTRIBUTES.items():
            value = row.get(column)
            if value:
                current = getattr(concept, attribute)
                if current is not None and current != value:
                    raise InvalidValue.of("csv.concept-field-differs", column=column, id=concept.id, value=value,
                                          current=current)
                setattr(concept, attribute, value)
        style = row.get("style")
        if style:
            if (why := style_name_problem(style)) is not None:
                raise why
            extra = [c for c in (*TERM_COLUMNS, *CONCEPT_COLUMNS) if row.get(c)]
            if extra:
                raise InvalidValue.of("csv.style-row-extra", style=style, columns=", ".join(extra))
            style_rows.append((line, concept.id, lang, row["term"], style, status))
            return
        concept.terms.append(TermEntry(
            lang=lang,
            text=row["term"],
            status=status,
            case_rule=_choice(CaseRule, row["case"], "case") if row.get("case") else CaseRule.PERMISSIVE,
            part_of_speech=_choice(PartOfSpeech, row["part_of_speech"], "part_of_speech") if row.get("part_of_speech") else None,
            note=row.get("note") or None,
            source=row.get("source") or None,
            periods=_periods(row.get("valid") or ""),
            line=line,
        ))

    @staticmethod
    def _attach_styles(concepts: dict[str, ConceptEntry], style_rows: list, path: str) -> list[Problem]:
        problems = []
        for line, concept_id, lang, text, style, status in style_rows:
            concept = concepts[concept_id]
            index = next((i for i, t in enumerate(concept.terms) if t.lang == lang and t.text == text), None)
            if index is None:
                problems.append(Problem.of(path, line, "csv.style-without-term", style=style, text=text, lang=lang,
                                           id=concept_id))
                continue
            term = concept.terms[index]
            if style in dict(term.styles):
                problems.append(Problem.of(path, line, "csv.style-twice", text=text, lang=lang, style=style))
                continue
            concept.terms[index] = replace(term, styles=(*term.styles, (style, status)))
        return problems

    def write(self, glossary: Glossary) -> bytes:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for concept in glossary.concepts:
            first = True
            terms = sorted(concept.terms, key=TermEntry.sort_key)
            for term in terms:
                writer.writerow([
                    concept.id, term.lang, term.text, term.status.value, "",
                    "" if term.case_rule is CaseRule.PERMISSIVE else term.case_rule.value,
                    term.part_of_speech.value if term.part_of_speech else "",
                    term.note or "", term.source or "", format_periods(term.periods),
                    *((concept.subject_field or "", concept.definition or "", concept.note or "") if first else ("", "", "")),
                ])
                first = False
            for style, lang, text, status in sorted((s, t.lang, t.text, st) for t in terms for s, st in t.styles):
                writer.writerow([concept.id, lang, text, status.value, style, *[""] * (len(COLUMNS) - 5)])
        return out.getvalue().encode("utf-8")


FORMAT = CsvFormat()
