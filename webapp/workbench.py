"""The workbench (lint as you type) and translate mode (blueprint ``workbench``).

Both pages are an editor built from webapp/frontend (CodeMirror 6) that calls the JSON API;
the page itself only hands it the styles and the UI's strings.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from glossary import termbase

from .auth import require
from .db import session

bp = Blueprint("workbench", __name__)


@bp.route("/")
@require(None)
def index():
    with session() as s:
        styles = termbase.style_names(s)
    return render_template("workbench.html", styles=styles)


@bp.route("/translate")
@require(None)
def translate():
    with session() as s:
        styles = termbase.style_names(s)
    return render_template("translate.html", styles=styles)
