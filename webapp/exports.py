"""The downloads page (blueprint ``exports``)."""

from __future__ import annotations

from flask import Blueprint, render_template

from .auth import require

bp = Blueprint("exports", __name__)


@bp.route("/exports")
@require(None)
def index():
    return render_template("exports.html")
