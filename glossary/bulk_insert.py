"""New concepts written in a few statements, not one ORM object a row.

An import into an empty termbase (``tilmash init``, a first import) creates thousands
of rows. The ORM's unit of work spent over a second building and flushing them
(the bundled glossary: some 3,600 objects and as many history rows).

``insert_new_concepts`` writes the same rows with executemany inserts:
- the concepts, terms, style statuses and validity periods that
  ``termbase.new_concept_row`` and a flush would write;
- the change log's entries that ``history._record`` would write for them, in the
  same order.

Ids come out in the same order too. tests/test_bulk_insert.py compares the result
with the ORM path's, row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from .folding import search_key
from .history import new_concept_snapshots, session_actor
from .model import Change, Concept, Term, TermPeriod, TermStyleStatus
from .records import ConceptEntry


def insert_new_concepts(session: Session, entries: Sequence[ConceptEntry]) -> None:
    """Add concepts whose ids the database does not have, already validated, with their history.

    Pending ORM changes are flushed first, so the rows follow them as they would in one flush.
    """
    if not entries:
        return
    session.flush()
    session.execute(insert(Concept.__table__), [
        {"id": c.id, "subject_field": c.subject_field, "definition": c.definition, "note": c.note} for c in entries])
    terms = [(c, t) for c in entries for t in c.terms]
    term_ids = session.scalars(
        insert(Term.__table__).returning(Term.__table__.c.id, sort_by_parameter_order=True),
        [{"concept_id": c.id, "lang": t.lang, "text": t.text, "search_key": search_key(t.text), "status": t.status,
          "case_rule": t.case_rule, "part_of_speech": t.part_of_speech, "note": t.note, "source": t.source}
         for c, t in terms],
    ).all()
    styles = [{"term_id": term_id, "style_name": style, "concept_id": c.id, "lang": t.lang, "status": status}
              for term_id, (c, t) in zip(term_ids, terms, strict=True) for style, status in t.styles]
    if styles:
        session.execute(insert(TermStyleStatus.__table__), styles)
    periods = [{"term_id": term_id, "starts_on": p.start, "ends_on": p.end}
               for term_id, (_c, t) in zip(term_ids, terms, strict=True) for p in t.periods]
    if periods:
        session.execute(insert(TermPeriod.__table__), periods)
    actor = session_actor(session)
    session.execute(insert(Change.__table__), [
        {"actor": actor, "action": "create", "entity": entity, "concept_id": c.id, "before": None, "after": after}
        for c in entries for entity, after in new_concept_snapshots(c)])
