"""Every change to the glossary, recorded where no caller can forget it: at flush.

A session's actor comes from ``session.info["actor"]`` (the CLI sets the OS
user or ``--user``, the web app the signed-in user). Each new, changed or
deleted concept, term, style, style status or validity period becomes one ``Change`` row with
JSON snapshots before and after.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection, event, func, inspect, select
from sqlalchemy.orm import Session

from .model import Change, Concept, Style, Term, TermPeriod, TermStyleStatus
from .records import ConceptEntry, ValidityPeriod

DEFAULT_ACTOR = "unknown"
# The fields of each entity's snapshot, in the order the JSON keeps them.
CONCEPT_FIELDS = ("id", "subject_field", "definition", "note")
TERM_FIELDS = ("concept_id", "lang", "text", "status", "case_rule", "part_of_speech", "note", "source")


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _snapshot(obj: Any, *, old: bool = False) -> tuple[str, str | None, dict[str, Any]]:
    """(entity, concept id, fields) of obj, as it is now or as it was loaded (old=True)."""
    state = inspect(obj)

    def get(name: str) -> Any:
        if old:
            history = state.attrs[name].history
            if history.deleted:
                return _value(history.deleted[0])
        return _value(getattr(obj, name))

    if isinstance(obj, Concept):
        fields = {k: get(k) for k in CONCEPT_FIELDS}
        return "concept", fields["id"], fields
    if isinstance(obj, Term):
        fields = {k: get(k) for k in TERM_FIELDS}
        # A new term's concept_id is synced from its concept only during the flush.
        fields["concept_id"] = fields["concept_id"] or (obj.concept.id if obj.concept else None)
        return "term", fields["concept_id"], fields
    if isinstance(obj, TermStyleStatus):
        term = obj.term
        fields = {"concept_id": (term.concept_id or term.concept.id) if term else get("concept_id"),
                  "lang": term.lang if term else get("lang"),
                  "text": term.text if term else None,
                  "style": get("style_name"), "status": get("status")}
        return "style_status", fields["concept_id"], fields
    if isinstance(obj, TermPeriod):
        # A period taken out of its term's list has lost its term by the flush: the one it had.
        term = obj.term or next(iter(state.attrs["term"].history.deleted), None)
        fields = {"concept_id": (term.concept_id or term.concept.id) if term else None,
                  "lang": term.lang if term else None, "text": term.text if term else None,
                  "start": get("starts_on"), "end": get("ends_on")}
        return "period", fields["concept_id"], fields
    if isinstance(obj, Style):
        return "style", None, {k: get(k) for k in ("name", "description")}
    raise TypeError(obj)


_TRACKED = (Concept, Term, TermStyleStatus, TermPeriod, Style)


def new_concept_snapshots(entry: ConceptEntry) -> Iterator[tuple[str, dict[str, Any]]]:
    """(entity, fields) of every row that adding ``entry`` as a new concept creates, in the order a flush
    records them: the concept, then each term followed by its style statuses and its periods. For a
    writer that inserts without the ORM (``glossary/bulk_insert.py``), whose history must be the same."""
    concept = {"id": entry.id, "subject_field": entry.subject_field, "definition": entry.definition, "note": entry.note}
    yield "concept", {k: _value(concept[k]) for k in CONCEPT_FIELDS}
    for term in entry.terms:
        named = {"concept_id": entry.id, "lang": term.lang, "text": term.text}
        fields = named | {"status": term.status, "case_rule": term.case_rule, "part_of_speech": term.part_of_speech,
                          "note": term.note, "source": term.source}
        yield "term", {k: _value(fields[k]) for k in TERM_FIELDS}
        for style, status in term.styles:
            yield "style_status", named | {"style": style, "status": _value(status)}
        for period in term.periods:
            yield "period", named | {"start": _value(period.start), "end": _value(period.end)}


def session_actor(session: Session) -> str:
    """Who the session's changes are recorded as."""
    return session.info.get("actor") or DEFAULT_ACTOR


def _record(session: Session, _flush_context, _instances) -> None:
    actor = session_actor(session)
    changes = []
    for obj in session.new:
        if isinstance(obj, _TRACKED):
            entity, concept_id, after = _snapshot(obj)
            changes.append(Change(actor=actor, action="create", entity=entity, concept_id=concept_id, before=None, after=after))
    for obj in session.dirty:
        if isinstance(obj, _TRACKED) and session.is_modified(obj, include_collections=False):
            entity, concept_id, after = _snapshot(obj)
            _, _, before = _snapshot(obj, old=True)
            if before != after:
                changes.append(Change(actor=actor, action="update", entity=entity, concept_id=concept_id, before=before, after=after))
    for obj in session.deleted:
        if isinstance(obj, _TRACKED):
            entity, concept_id, before = _snapshot(obj, old=True)
            changes.append(Change(actor=actor, action="delete", entity=entity, concept_id=concept_id, before=before, after=None))
    session.add_all(changes)


def track_changes(session_factory) -> None:
    """Record the changes of every session the factory makes."""
    event.listen(session_factory, "before_flush", _record)


REVISION_QUERY = select(func.count(Change.id), func.max(Change.id))


def glossary_revision(session: Session | Connection) -> str:
    """A key that changes whenever the glossary does (for caching compiled matchers).

    Both the count and the highest id of the change log: with concurrent writers
    a change can commit with a lower id than one already visible, and the count
    still moves. ``Database.glossary_revision()`` gives the same key without a query
    while nothing was committed (glossary/revision.py).
    """
    return revision_key(*session.execute(REVISION_QUERY).one())


def revision_key(count: int, highest: int | None) -> str:
    return f"{count}.{highest or 0}"


def concept_history(session: Session, concept_id: str) -> list[Change]:
    """The changes of one concept and its terms, oldest first."""
    return list(session.scalars(select(Change).where(Change.concept_id == concept_id).order_by(Change.id)))


_FIELD_NAMES = {"subject_field": "subject field", "part_of_speech": "part of speech", "case_rule": "case"}
_DEFAULTS = {"case_rule": "permissive"}
_NAMING = {"id", "concept_id", "lang", "text", "name", "style", "start", "end"}  # fields that say what changed, not how


def describe_change(change: Change) -> str:
    """One change as a line of a diff: ``+`` added, ``-`` removed, ``~`` changed, each field as before -> after.

    ``+ term en 'Fizuli': status deprecated; note 'Soviet-era spelling'``,
    ``~ term en 'Fizuli': status deprecated -> superseded``, ``- period of en 'Nur-Sultan': 2019-03-20/2022-09-17``.
    """
    before, after = change.before or {}, change.after or {}
    fields = after or before
    sign = {"create": "+", "delete": "-"}.get(change.action, "~")
    what = _what(change.entity, fields)
    if change.entity == "period":
        periods = [_period(v) for v in (before, after) if v]
        return f"{sign} {what}: {' -> '.join(periods)}"
    if change.action == "update":
        changed = [f"{_FIELD_NAMES.get(k, k)} {_shown(before.get(k))} -> {_shown(after.get(k))}"
                   for k in after if k not in _NAMING and before.get(k) != after.get(k)]
        renamed = [f"{k} {_shown(before.get(k))} -> {_shown(after.get(k))}"
                   for k in ("text", "lang", "id") if k in after and before.get(k) != after.get(k)]
        return f"{sign} {what}: {'; '.join(renamed + changed)}"
    if change.action == "delete":
        return f"{sign} {what}"
    shown = [f"{_FIELD_NAMES.get(k, k)} {_shown(v)}" for k, v in fields.items()
             if k not in _NAMING and v not in (None, "") and _DEFAULTS.get(k) != v]
    return f"{sign} {what}" + (f": {'; '.join(shown)}" if shown else "")


def _what(entity: str, fields: dict[str, Any]) -> str:
    term = f"{fields.get('lang')} {fields.get('text')!r}"
    if entity == "concept":
        return f"concept {fields.get('id')}"
    if entity == "term":
        return f"term {term}"
    if entity == "style_status":
        return f"status in {fields.get('style')} of {term}"
    if entity == "period":
        return f"period of {term}"
    if entity == "style":
        return f"house style {fields.get('name')}"
    return entity


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "none"
    return repr(value) if isinstance(value, str) and (" " in value or not value.isascii() or not value) else str(value)


def _period(fields: dict[str, Any]) -> str:
    def day(text):
        return date.fromisoformat(text) if text else None

    return str(ValidityPeriod(day(fields.get("start")), day(fields.get("end"))))
