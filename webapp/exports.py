"""The downloads page (blueprint ``exports``): the files of ``tilmash export``, the memory's TMX too."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request

from glossary import editing, termbase
from tm.stats import memory_stats

from .auth import require
from .db import session
from .downloads import glossary_download, memory_download

bp = Blueprint("exports", __name__)


@bp.route("/exports")
@require(None)
def index():
    with session() as s:
        styles, subjects = termbase.style_names(s), editing.subject_fields(s)
        origins = [o["origin"] for o in memory_stats(s).to_json()["origins"] if o["origin"]]
    return render_template("exports.html", styles=styles, subjects=subjects, origins=sorted(origins))


@bp.route("/exports/catalogue")
@require(None)
def catalogue():
    """The form's choice as a PO, MO or POT file (errors such as a target equal to the source are a 400 page)."""
    args = request.args
    fmt = args.get("format") if args.get("format") in ("po", "mo", "pot") else "po"
    return glossary_download(fmt, lang=None if fmt == "pot" else args.get("lang") or None, source=args.get("source") or "en",
                             style=args.get("style") or None,
                             subject_fields=tuple(v for v in args.getlist("subject_field") if v))


@bp.route("/exports/memory")
@require(None)
def memory():
    """The form's choice of the memory as TMX (a pair, an origin, a day: each optional)."""
    args = request.args
    try:
        since = date.fromisoformat(args["since"]) if args.get("since") else None
    except ValueError:
        abort(400, description=f"not a date (YYYY-MM-DD): {args['since']!r}")
    return memory_download(source=args.get("source") or None, target=args.get("target") or None,
                           origin=args.get("origin") or None, since=since)
