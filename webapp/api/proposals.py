"""Proposals: translators propose, terminologists approve or reject."""

from __future__ import annotations

from flask_smorest import Blueprint

from glossary import proposals
from glossary.concept_json import concept_from_json, concept_to_json
from glossary.records import Role

from ..auth import current_account, require
from ..db import session
from . import schemas

blp = Blueprint("api_proposals", __name__, description="Proposed terms and their review")


def proposal_json(p: proposals.ProposalView) -> dict:
    return {"id": p.id, "concept_id": p.concept_id, "is_new_concept": p.is_new_concept, "author": p.author,
            "state": p.state.value, "comment": p.comment, "concept": concept_to_json(p.concept, full=True)}


@blp.route("/proposals", methods=["POST"])
@blp.arguments(schemas.ProposalWrite)
@blp.response(201, schemas.Proposal)
@blp.alt_response(400, schema=schemas.Error)
@require(Role.TRANSLATOR)
def propose(body: dict):
    """A new concept, or terms to add to or change in an existing one, for a terminologist to review."""
    with session() as s:
        return proposal_json(proposals.propose(s, concept_from_json(body["concept"]), current_account().name, body["comment"]))


@blp.route("/proposals", methods=["GET"])
@blp.response(200, schemas.ProposalList)
@require(Role.TERMINOLOGIST)
def pending():
    """The review queue, oldest first."""
    with session() as s:
        return {"proposals": [proposal_json(p) for p in proposals.pending(s)]}


@blp.route("/proposals/<int(max=2147483647):proposal_id>/approve", methods=["POST"])
@blp.arguments(schemas.Review)
@blp.response(200, schemas.VersionedConcept)
@blp.alt_response(409, schema=schemas.Error)
@require(Role.TERMINOLOGIST)
def approve(body: dict, proposal_id: int):
    from .concepts import versioned_json

    with session() as s:
        return versioned_json(proposals.approve(s, proposal_id, current_account().name, body["note"]))


@blp.route("/proposals/<int(max=2147483647):proposal_id>/reject", methods=["POST"])
@blp.arguments(schemas.Review)
@blp.response(204)
@blp.alt_response(409, schema=schemas.Error)
@require(Role.TERMINOLOGIST)
def reject(body: dict, proposal_id: int):
    with session() as s:
        proposals.reject(s, proposal_id, current_account().name, body["note"])
    return ""
