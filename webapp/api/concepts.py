"""Terms and concepts: search, read, create, update (optimistic locking), delete, history, revert."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from flask_smorest import Blueprint

from glossary import editing, termbase
from glossary.concept_json import concept_from_json, concept_to_json
from glossary.records import Role

from ..auth import require
from ..db import session
from . import schemas

blp = Blueprint("api_concepts", __name__, description="The glossary's concepts and terms")


def versioned_json(versioned: editing.Versioned) -> dict:
    return {**concept_to_json(versioned.concept.sorted(), full=True), "version": versioned.version}


@blp.route("/terms", methods=["GET"])
@blp.arguments(schemas.TermsQuery, location="query")
@blp.response(200, schemas.TermsResponse)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def search_terms(query: dict):
    """Concepts with a form like `q` in any language, ignoring case, diacritics and script; best first."""
    with session() as s:
        termbase.require_style(s, query["style"])
        found = termbase.search_concepts(s, query["q"], limit=query["limit"])
        return {"concepts": [concept_to_json(termbase.in_style(c, query["style"]).sorted()) for c in found]}


@blp.route("/concepts/<concept_id>", methods=["GET"])
@blp.arguments(schemas.ConceptQuery, location="query")
@blp.response(200, schemas.VersionedConcept)
@blp.alt_response(404, schema=schemas.Error)
@require(None)
def get_concept(query: dict, concept_id: str):
    """One concept with every field of its terms and the version to send back with a change."""
    with session() as s:
        termbase.require_style(s, query["style"])
        versioned = editing.read_concept(s, concept_id)
        if query["style"]:
            versioned = editing.Versioned(termbase.in_style(versioned.concept, query["style"]), versioned.version)
        return versioned_json(versioned)


@blp.route("/concepts", methods=["POST"])
@blp.arguments(schemas.ConceptWrite)
@blp.response(201, schemas.VersionedConcept)
@blp.alt_response(400, schema=schemas.Error)
@blp.alt_response(403, schema=schemas.Error)
@require(Role.TERMINOLOGIST)
def create_concept(body: dict):
    """A new concept, checked with the glossary's rules."""
    body.pop("version", None)
    with session() as s:
        return versioned_json(editing.create_concept(s, concept_from_json(body)))


@blp.route("/concepts/<concept_id>", methods=["PUT"])
@blp.arguments(schemas.ConceptWrite)
@blp.response(200, schemas.VersionedConcept)
@blp.alt_response(409, schema=schemas.Error, description="changed by someone else since `version`: `error.current` is the stored concept")
@require(Role.TERMINOLOGIST)
def update_concept(body: dict, concept_id: str):
    """The concept as it should be; terms not listed are deleted."""
    if body.get("version") is None:
        abort(400, description=_("'version' is required: the version the change was made on"))
    if body["id"] != concept_id:
        abort(400, description=_("the body's id %(body)r is not the address's %(address)r", body=body["id"], address=concept_id))
    version = body.pop("version")
    with session() as s:
        return versioned_json(editing.save_concept(s, concept_from_json(body), version))


@blp.route("/concepts/<concept_id>", methods=["DELETE"])
@blp.arguments(schemas.DeleteQuery, location="query")
@blp.response(204)
@blp.alt_response(403, schema=schemas.Error)
@blp.alt_response(404, schema=schemas.Error)
@require(Role.TERMINOLOGIST)
def delete_concept(query: dict, concept_id: str):
    """Delete a concept and its terms (the history keeps them)."""
    with session() as s:
        editing.delete_concept(s, concept_id, query["version"])
    return ""


@blp.route("/concepts/<concept_id>/history", methods=["GET"])
@blp.response(200, schemas.History)
@require(None)
def history(concept_id: str):
    """Every recorded change of the concept, newest first."""
    with session() as s:
        changes = editing.concept_changes(s, concept_id)
        return {"changes": [{"id": c.id, "at": c.at, "actor": c.actor, "action": c.action, "entity": c.entity,
                             "concept_id": c.concept_id, "before": c.before, "after": c.after} for c in changes]}


@blp.route("/changes/<int(max=2147483647):change_id>/revert", methods=["POST"])
@blp.response(200, schemas.VersionedConcept)
@blp.alt_response(409, schema=schemas.Error)
@require(Role.TERMINOLOGIST)
def revert(change_id: int):
    """Undo one change (recorded as a new change)."""
    with session() as s:
        result = editing.revert_change(s, change_id)
        if result is None:
            abort(409, description=_("reverting that change deleted the concept"))
        return versioned_json(result)
