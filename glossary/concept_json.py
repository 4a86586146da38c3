"""Concepts as JSON: what ``tilmash terms search --format json``, the HTTP API and proposals share.

The short shape (``{"id", "subject_field", "definition", "terms": [{"lang", "text", "status", "valid"}]}``)
is the contract of DESIGN.md; the full one adds every field a term has, so that a concept
can be read, edited and written back without loss.
"""

from __future__ import annotations

from typing import Any

from .errors import FormatError, InvalidLanguage, Problem
from .languages import normalize_language
from .records import CaseRule, ConceptEntry, PartOfSpeech, TermEntry, TermStatus, parse_periods


def concept_to_json(concept: ConceptEntry, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"id": concept.id, "subject_field": concept.subject_field, "definition": concept.definition}
    if not full:
        data["terms"] = [{"lang": t.lang, "text": t.text, "status": t.status.value, "valid": [str(p) for p in t.periods]}
                         for t in concept.terms]
        return data
    data["note"] = concept.note
    data["terms"] = [term_to_json(t) for t in concept.terms]
    return data


def term_to_json(term: TermEntry) -> dict[str, Any]:
    return {
        "lang": term.lang, "text": term.text, "status": term.status.value, "case": term.case_rule.value,
        "part_of_speech": term.part_of_speech.value if term.part_of_speech else None,
        "note": term.note, "source": term.source, "styles": {name: status.value for name, status in term.styles},
        "valid": [str(p) for p in term.periods],
    }


def _enum(kind, value: Any, where: str, problems: list[Problem], message_id: str, **arguments: Any):
    """``value`` as a member of ``kind``, or None after noting message ``message_id`` (with ``arguments``)."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        problems.append(Problem.of(where, None, message_id, value=value, allowed=allowed, **arguments))
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def concept_from_json(data: dict[str, Any], *, where: str = "concept") -> ConceptEntry:
    """The concept a JSON object describes; FormatError lists every field that is wrong."""
    problems: list[Problem] = []
    terms = []
    for number, raw in enumerate(data.get("terms") or [], 1):
        at = f"{where} term {number}"
        if not isinstance(raw, dict):
            problems.append(Problem.of(at, None, "term.not-an-object"))
            continue
        lang = str(raw.get("lang") or "")
        try:
            lang = normalize_language(lang)
        except InvalidLanguage as exc:
            problems.append(Problem.from_error(at, None, exc))
        status = _enum(TermStatus, raw.get("status") or "", at, problems, "term.unknown-status")
        case = _enum(CaseRule, raw.get("case") or CaseRule.PERMISSIVE.value, at, problems, "term.unknown-case")
        pos = (_enum(PartOfSpeech, raw["part_of_speech"], at, problems, "term.unknown-part-of-speech")
               if raw.get("part_of_speech") else None)
        styles = []
        for style, style_status in (raw.get("styles") or {}).items():
            value = _enum(TermStatus, style_status, at, problems, "term.unknown-style-status", style=style)
            if value is not None:
                styles.append((str(style), value))
        valid = raw.get("valid") or []
        try:
            periods = parse_periods(valid if isinstance(valid, str) else ";".join(str(v) for v in valid))
        except ValueError as exc:
            problems.append(Problem.from_error(at, None, exc))
            periods = ()
        text = raw.get("text")
        if not isinstance(text, str):
            problems.append(Problem.of(at, None, "term.without-text"))
            continue
        if status is None or case is None:
            continue
        terms.append(TermEntry(lang=lang, text=text, status=status, case_rule=case, part_of_speech=pos,
                               note=_text(raw.get("note")), source=_text(raw.get("source")), styles=tuple(styles),
                               periods=periods))
    if problems:
        raise FormatError(problems)
    return ConceptEntry(id=str(data.get("id") or ""), subject_field=_text(data.get("subject_field")),
                        definition=_text(data.get("definition")), note=_text(data.get("note")), terms=terms)
