"""Proposals: a translator asks for a new term or a change; a terminologist approves or rejects it.

A proposal holds the whole concept as the translator wants it (``concept_json``), checked
with the glossary's rules when it is made and again when it is approved, against the
concept as it is then (so an approval never overwrites an edit made in between: the
proposal's terms are merged into the current concept, as an import would).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .concept_json import concept_from_json, concept_to_json
from .editing import ConceptNotFound, Versioned, create_concept, read_concept, save_concept, check_concept
from .errors import GlossaryError
from .model import Concept, Proposal, utcnow
from .records import ConceptEntry, ProposalState
from .termbase import merge_concepts


class ProposalError(GlossaryError):
    pass


@dataclass(frozen=True)
class ProposalView:
    id: int
    concept_id: str
    is_new_concept: bool
    concept: ConceptEntry
    comment: str | None
    author: str
    created_at: datetime
    state: ProposalState
    reviewer: str | None
    review_note: str | None


def _view(row: Proposal) -> ProposalView:
    return ProposalView(row.id, row.concept_id, row.is_new_concept, concept_from_json(row.concept), row.comment,
                        row.author, row.created_at, row.state, row.reviewer, row.review_note)


def propose(session: Session, entry: ConceptEntry, author: str, comment: str | None = None) -> ProposalView:
    """Record a proposal: a new concept, or terms and fields to merge into an existing one."""
    exists = session.get(Concept, entry.id) is not None
    if exists:
        check_concept(merge_concepts(read_concept(session, entry.id).concept, entry), session)
    else:
        check_concept(entry, session)
    row = Proposal(concept_id=entry.id, is_new_concept=not exists, concept=concept_to_json(entry, full=True),
                   comment=comment, author=author)
    session.add(row)
    session.flush()
    return _view(row)


def pending(session: Session) -> list[ProposalView]:
    return [_view(r) for r in session.scalars(select(Proposal).where(Proposal.state == ProposalState.PENDING)
                                              .order_by(Proposal.id))]


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count(Proposal.id)).where(Proposal.state == ProposalState.PENDING))


def get_proposal(session: Session, proposal_id: int) -> ProposalView:
    row = session.get(Proposal, proposal_id)
    if row is None:
        raise ProposalError.of("proposal.not-found", id=proposal_id)
    return _view(row)


def _pending_row(session: Session, proposal_id: int) -> Proposal:
    row = session.get(Proposal, proposal_id)
    if row is None:
        raise ProposalError.of("proposal.not-found", id=proposal_id)
    if row.state is not ProposalState.PENDING:
        raise ProposalError.of("proposal.settled", id=proposal_id, state=row.state.value)
    return row


def approve(session: Session, proposal_id: int, reviewer: str, note: str | None = None) -> Versioned:
    """Apply the proposal to the glossary (the session's actor is recorded in the history)."""
    row = _pending_row(session, proposal_id)
    entry = concept_from_json(row.concept)
    try:
        current = read_concept(session, entry.id)
    except ConceptNotFound:
        result = create_concept(session, entry)
    else:
        result = save_concept(session, merge_concepts(current.concept, entry), current.version)
    row.state, row.reviewer, row.reviewed_at, row.review_note = ProposalState.APPROVED, reviewer, utcnow(), note
    return result


def reject(session: Session, proposal_id: int, reviewer: str, note: str | None = None) -> None:
    row = _pending_row(session, proposal_id)
    row.state, row.reviewer, row.reviewed_at, row.review_note = ProposalState.REJECTED, reviewer, utcnow(), note
