"""The downloads page (blueprint ``exports``): the files of ``tilmash export``."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from glossary import editing, termbase

from .auth import require
from .db import session
from .downloads import glossary_download

bp = Blueprint("exports", __name__)


@bp.route("/exports")
@require(None)
def index():
    with session() as s:
        styles, subjects = termbase.style_names(s), editing.subject_fields(s)
    return render_template("exports.html", styles=styles, subjects=subjects)


@bp.route("/exports/catalogue")
@require(None)
def catalogue():
    """The form's choice as a PO, MO or POT file (errors such as a target equal to the source are a 400 page)."""
    args = request.args
    fmt = args.get("format") if args.get("format") in ("po", "mo", "pot") else "po"
    return glossary_download(fmt, lang=None if fmt == "pot" else args.get("lang") or None, source=args.get("source") or "en",
                             style=args.get("style") or None,
                             subject_fields=tuple(v for v in args.getlist("subject_field") if v))
