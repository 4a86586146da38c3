"""The downloads page (blueprint ``exports``): the files of ``tilmash export`` with its filters, the
memory's TMX too. The forms' answers are read with the API's own query shapes (``api.schemas``), so the
page and ``GET /api/export/...`` take the same filters and refuse the same mistakes."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from marshmallow import ValidationError, fields

from glossary import editing, termbase
from tm.stats import memory_stats

from .api.schemas import ExportQuery, TmxQuery
from .auth import require
from .db import session
from .downloads import glossary_download, memory_download
from .errors import validation_message

bp = Blueprint("exports", __name__)
# the page's one list of files: what the format choice sends -> (format, TBX version)
PAGE_FORMATS = {"tbx": ("tbx", "2008"), "tbx3": ("tbx", "3"), "csv": ("csv", "2008"),
                "po": ("po", "2008"), "mo": ("mo", "2008"), "pot": ("pot", "2008")}


@bp.route("/exports")
@require(None)
def index():
    with session() as s:
        styles, subjects = termbase.style_names(s), editing.subject_fields(s)
        origins = [o["origin"] for o in memory_stats(s).to_json()["origins"] if o["origin"]]
    return render_template("exports.html", styles=styles, subjects=subjects, origins=sorted(origins))


def form_query(schema, leave_out: tuple[str, ...] = ()) -> dict:
    """The form's fields read with an API query shape; an empty field is a filter left out.
    A wrong value is a 400 page that names the field."""
    args = {key: [v for v in values if v] for key, values in request.args.lists() if key not in leave_out}
    given = {key: values if isinstance(schema.fields.get(key), fields.List) else values[0]
             for key, values in args.items() if values}
    try:
        return schema.load(given)
    except ValidationError as error:
        abort(400, description=validation_message({"query": error.messages}))


@bp.route("/exports/glossary")
@bp.route("/exports/catalogue")
@require(None)
def glossary():
    """The form's choice of the glossary: TBX, CSV, or a PO, MO or POT catalogue, filtered as asked
    (filters that do not apply, such as a status filter on TBX, are a 400 page that says so)."""
    if request.args.get("format", "po") not in PAGE_FORMATS:
        abort(400, description=_("Unknown file format %(format)r: choose one of %(formats)s.",
                                 format=request.args["format"], formats=", ".join(PAGE_FORMATS)))
    fmt, version = PAGE_FORMATS[request.args.get("format", "po")]
    query = form_query(ExportQuery(), leave_out=("format", "version"))
    if fmt in ("tbx", "csv", "pot"):
        query["lang"] = None  # the catalogue form's language choice does not apply
    return glossary_download(fmt, lang=query["lang"], source=query["source"], style=query["style"],
                             subject_fields=tuple(query["subject_field"]), states=tuple(query["status"]),
                             since=query["since"], tbx_version=version)


@bp.route("/exports/memory")
@require(None)
def memory():
    """The form's choice of the memory as TMX (a pair, an origin, a day: each optional)."""
    query = form_query(TmxQuery())
    return memory_download(source=query["source"], target=query["target"], origin=query["origin"], since=query["since"])
