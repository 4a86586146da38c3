"""What the workbench's card shows for a concept: its preferred form in each language of the
house style, the concept's note, and each preferred term's own note and source (the card shows
those of the finding's language)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from .languages import language_sort_key
from .records import TermStatus
from .termbase import concept_entry, in_style, load_concept_rows


def concept_cards(session: Session, ids: Iterable[str], style: str | None = None) -> dict[str, dict[str, Any]]:
    cards = {}
    for concept_id, row in load_concept_rows(session, ids).items():
        concept = in_style(concept_entry(row), style)
        preferred = sorted((t for t in concept.terms if t.status is TermStatus.PREFERRED), key=lambda t: language_sort_key(t.lang))
        cards[concept_id] = {
            "id": concept_id,
            "subject_field": concept.subject_field,
            "forms": {t.lang: t.text for t in preferred},
            "note": concept.note,
            "notes": {t.lang: t.note for t in preferred if t.note},
            "sources": {t.lang: t.source for t in preferred if t.source},
        }
    return cards
