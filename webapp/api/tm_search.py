"""GET /api/tm/search: the translation memory's fuzzy search (``tilmash tm search --format json``)."""

from __future__ import annotations

from flask_smorest import Blueprint

from tm import search as search_module

from ..auth import require
from ..db import session
from . import schemas

blp = Blueprint("api_tm_search", __name__, description="Search the translation memory")


@blp.route("/tm/search", methods=["GET"])
@blp.arguments(schemas.MemoryQuery, location="query")
@blp.response(200, schemas.MemoryMatches)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def tm_search(query: dict):
    """Stored translations of `q`, best first: score, what differs (`diff`, offsets in code points), and the
    target repaired where only glossary names or numbers differ (`repaired_target`, `repairs`)."""
    with session() as s:
        source, target = search_module.query_languages(s, query["q"], query["source"], query["target"], option="target")
        matches = search_module.search(s, query["q"], source, target, query["min_score"], query["limit"],
                                       style=query["style"])
        return {"matches": [m.to_json() for m in matches]}
