"""GET /api/export/FORMAT: the glossary as a file, with the filters of ``tilmash export``
(TMX comes with the translation memory)."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from ..auth import require
from ..downloads import glossary_download
from . import schemas

blp = Blueprint("api_exports", __name__, description="Downloads")


@blp.route("/export/<any(tbx, csv, po, pot, mo):format_name>", methods=["GET"])
@blp.arguments(schemas.ExportQuery, location="query")
@blp.response(200, content_type="application/octet-stream")
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def export(query: dict, format_name: str) -> Response:
    """TBX-Basic (2008 or 3) or CSV: the whole glossary, house styles included; PO or MO for one target
    language (`lang`), or the POT template; filtered by subject field, entry status and change date."""
    return glossary_download(format_name, lang=query["lang"], source=query["source"], style=query["style"],
                             subject_fields=tuple(query["subject_field"]), states=tuple(query["status"]),
                             since=query["since"], tbx_version=query["version"])
