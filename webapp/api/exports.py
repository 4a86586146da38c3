"""GET /api/export/tbx and /api/export/csv: the whole glossary as a file (PO, MO and TMX come
with the translation memory and PO branches)."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from ..auth import require
from ..downloads import glossary_download
from . import schemas

blp = Blueprint("api_exports", __name__, description="Downloads")


@blp.route("/export/<any(tbx, csv):format_name>", methods=["GET"])
@blp.arguments(schemas.ExportQuery, location="query")
@blp.response(200, content_type="application/octet-stream")
@require(None)
def export(query: dict, format_name: str) -> Response:
    """The whole glossary, house styles included: TBX-Basic (2008 or 3) or CSV."""
    return glossary_download(format_name, query["version"])
