"""Editing one concept: save it whole, delete it, browse, revert a recorded change.

The web app's glossary pages and the API's concept writes call these. A save gives the
concept as it should be (a ``ConceptEntry``) and the version it was read at; the
service checks it with the same rules as an import (``validation.concept_problems``),
refuses it with ``EditConflict`` when someone saved the concept in between (optimistic
locking: the concept row's version column, checked by the UPDATE itself), and records
every change in the history like any other write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .errors import FormatError, GlossaryError, Problem, english
from .folding import search_key
from .model import Change, Concept, Term, TermStyleStatus, utcnow
from .records import CaseRule, ConceptEntry, PartOfSpeech, TermEntry, TermStatus
from .termbase import (concept_entry, load_concept_rows, new_concept_row, new_term_row, replace_periods, style_names,
                       term_entry)
from .validation import concept_problems


class ConceptNotFound(GlossaryError):
    def __init__(self, concept_id: str):
        self.concept_id = concept_id
        super().__init__(english("concept.not-found", {"id": concept_id}))
        self.identify("concept.not-found", {"id": concept_id})


class EditConflict(GlossaryError):
    """Someone saved the concept after it was read: nothing was written; both versions travel with this."""

    def __init__(self, current: ConceptEntry | None, current_version: int | None, attempted: ConceptEntry):
        self.current, self.current_version, self.attempted = current, current_version, attempted
        super().__init__(english("concept.conflict", {"id": attempted.id}))
        self.identify("concept.conflict", {"id": attempted.id})


class RevertError(GlossaryError):
    """A change that cannot be undone as asked."""


@dataclass(frozen=True)
class Versioned:
    """A concept and the version it was read at (what an edit form or API client sends back)."""

    concept: ConceptEntry
    version: int


def read_concept(session: Session, concept_id: str) -> Versioned:
    row = load_concept_rows(session, [concept_id]).get(concept_id)
    if row is None:
        raise ConceptNotFound(concept_id)
    return Versioned(concept_entry(row), row.version)


def check_concept(entry: ConceptEntry, session: Session) -> None:
    problems = concept_problems(entry, f"concept {entry.id}" if entry.id else "concept")
    known = set(style_names(session))
    for term in entry.terms:
        for style, _ in term.styles:
            if style not in known:
                problems.append(Problem.of(f"concept {entry.id}", None, "term.unknown-style", style=style, text=term.text))
    if problems:
        raise FormatError(problems)


def create_concept(session: Session, entry: ConceptEntry) -> Versioned:
    """Add a new concept; FormatError if it breaks a rule or the id is taken."""
    check_concept(entry, session)
    if session.get(Concept, entry.id) is not None:
        raise FormatError.at(f"concept {entry.id}", None, "concept.exists", id=entry.id)
    session.add(new_concept_row(entry))
    session.flush()
    return read_concept(session, entry.id)


def save_concept(session: Session, entry: ConceptEntry, expected_version: int) -> Versioned:
    """Make the stored concept equal to ``entry`` if it is still at ``expected_version``.

    Terms are matched by language and text: those not in ``entry`` are deleted, new
    ones added, the others take ``entry``'s fields.
    """
    row = load_concept_rows(session, [entry.id]).get(entry.id)
    if row is None:
        raise ConceptNotFound(entry.id)
    if row.version != expected_version:
        raise EditConflict(concept_entry(row), row.version, entry)
    check_concept(entry, session)
    try:
        _apply(session, row, entry)
    except StaleDataError:
        session.rollback()
        current = load_concept_rows(session, [entry.id]).get(entry.id)
        raise EditConflict(concept_entry(current) if current else None, current.version if current else None, entry) from None
    return read_concept(session, entry.id)


def _apply(session: Session, row: Concept, entry: ConceptEntry) -> None:
    row.subject_field, row.definition, row.note = entry.subject_field, entry.definition, entry.note
    row.updated_at = utcnow()  # the concept's own UPDATE checks and moves the version even if only terms change
    wanted = {(t.lang, t.text): t for t in entry.terms}
    # Demotions and deletions first, promotions and additions after a flush: one preferred
    # term per language (and style) must hold after every statement, on every database.
    kept = []
    for term in list(row.terms):
        target = wanted.get((term.lang, term.text))
        if target is None:
            row.terms.remove(term)
            continue
        kept.append((term, target))
        term.case_rule, term.part_of_speech, term.note, term.source = (
            target.case_rule, target.part_of_speech, target.note, target.source)
        if term_entry(term).periods != target.periods:
            replace_periods(term, target)
        if target.status is not TermStatus.PREFERRED:
            term.status = target.status
        styles = dict(target.styles)
        for style_row in list(term.style_statuses):
            if style_row.style_name not in styles:
                term.style_statuses.remove(style_row)
            elif styles[style_row.style_name] is not TermStatus.PREFERRED:
                style_row.status = styles[style_row.style_name]
    session.flush()
    for term, target in kept:
        term.status = target.status
        rows = {s.style_name: s for s in term.style_statuses}
        for name, status in target.styles:
            if name in rows:
                rows[name].status = status
            else:
                term.style_statuses.append(TermStyleStatus(style_name=name, status=status))
    existing = {(term.lang, term.text) for term, _ in kept}
    for key, target in wanted.items():
        if key not in existing:
            row.terms.append(new_term_row(target))
    session.flush()


def delete_concept(session: Session, concept_id: str, expected_version: int | None = None) -> None:
    row = session.get(Concept, concept_id)
    if row is None:
        raise ConceptNotFound(concept_id)
    if expected_version is not None and row.version != expected_version:
        raise EditConflict(read_concept(session, concept_id).concept, row.version, ConceptEntry(concept_id))
    session.delete(row)
    session.flush()


def subject_fields(session: Session) -> list[str]:
    return list(session.scalars(select(Concept.subject_field).distinct().where(Concept.subject_field.is_not(None))
                                .order_by(Concept.subject_field)))


def browse_concepts(session: Session, *, subject_field: str | None = None, status: TermStatus | None = None,
                    lang: str | None = None, query: str | None = None, offset: int = 0,
                    limit: int = 50) -> tuple[list[ConceptEntry], int]:
    """One page of concepts (by id) with the filters, and how many there are in all.

    ``status`` and ``lang`` together: concepts with a term of that status in that language;
    ``query``: a form containing it, ignoring case, diacritics and script.
    """
    ids = select(Concept.id)
    if subject_field:
        ids = ids.where(Concept.subject_field == subject_field)
    if status or lang or query:
        terms = select(Term.concept_id)
        if status:
            terms = terms.where(Term.status == status)
        if lang:
            terms = terms.where(Term.lang == lang)
        if query:
            key = search_key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            terms = terms.where(Term.search_key.like(f"%{key}%", escape="\\"))
        ids = ids.where(Concept.id.in_(terms))
    total = session.scalar(select(func.count()).select_from(ids.subquery()))
    page = list(session.scalars(ids.order_by(Concept.id).offset(offset).limit(limit)))
    rows = load_concept_rows(session, page)
    return [concept_entry(rows[i]) for i in page], total


def concept_changes(session: Session, concept_id: str) -> list[Change]:
    """The concept's history, newest first (for the history page)."""
    return list(session.scalars(select(Change).where(Change.concept_id == concept_id).order_by(Change.id.desc())))


def recent_changes(session: Session, limit: int = 50) -> list[Change]:
    return list(session.scalars(select(Change).order_by(Change.id.desc()).limit(limit)))


def _term_from_snapshot(snapshot: dict, styles: Sequence[tuple[str, TermStatus]] = ()) -> TermEntry:
    return TermEntry(lang=snapshot["lang"], text=snapshot["text"], status=TermStatus(snapshot["status"]),
                     case_rule=CaseRule(snapshot.get("case_rule") or CaseRule.PERMISSIVE.value),
                     part_of_speech=PartOfSpeech(snapshot["part_of_speech"]) if snapshot.get("part_of_speech") else None,
                     note=snapshot.get("note"), source=snapshot.get("source"), styles=tuple(styles))


def revert_change(session: Session, change_id: int) -> Versioned | None:
    """Undo one recorded change by saving the concept as it was before it (itself a new change).

    Returns the concept after the revert, or None when the revert deleted it (undoing its creation).
    """
    change = session.get(Change, change_id)
    if change is None or change.concept_id is None:
        raise RevertError.of("change.not-found", id=change_id)
    if change.entity == "concept" and change.action == "delete":
        raise RevertError.of("change.of-deleted-concept")
    if change.entity == "concept" and change.action == "create":
        delete_concept(session, change.concept_id)
        return None
    current = read_concept(session, change.concept_id)
    concept = current.concept
    terms = {(t.lang, t.text): t for t in concept.terms}
    before, after = change.before or {}, change.after or {}
    if change.entity == "concept":
        concept = replace(concept, subject_field=before.get("subject_field"), definition=before.get("definition"),
                          note=before.get("note"))
    elif change.entity == "term":
        if after:
            present = terms.pop((after["lang"], after["text"]), None)
            if present is None:
                raise RevertError.of("change.term-gone", text=after["text"], lang=after["lang"])
            styles = present.styles
        else:
            styles = ()
        if before:
            terms[(before["lang"], before["text"])] = _term_from_snapshot(before, styles)
    elif change.entity == "style_status":
        snapshot = after or before
        key = (snapshot["lang"], snapshot["text"])
        term = terms.get(key)
        if term is None:
            raise RevertError.of("change.term-gone", text=snapshot["text"], lang=snapshot["lang"])
        styles = dict(term.styles)
        styles.pop(snapshot["style"], None)
        if before:
            styles[before["style"]] = TermStatus(before["status"])
        terms[key] = replace(term, styles=tuple(styles.items()))
    else:
        raise RevertError(f"changes of a {change.entity} cannot be reverted here")
    return save_concept(session, replace(concept, terms=list(terms.values())), current.version)
