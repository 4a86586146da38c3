"""The archive audit in the web app (blueprint ``audit``): the report of ``tilmash audit --format html``
for an uploaded zip of documents, or, for an administrator, a folder under the configured ``AUDIT_ROOT``.

The report is the command's own HTML file, served as it is with a Content-Security-Policy of its own
(its style by digest, its sorting script from /audit/report.js: nothing inline runs). Its paths are
the archive's, never the server's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from glossary import termbase
from glossary.audit.archive import audit_folder, folder_under, unpack_zip
from glossary.audit.html import content_security_policy, format_html, sort_script
from glossary.audit.runner import AuditOptions
from glossary.errors import GlossaryError
from glossary.lint.service import matcher_for_database
from glossary.records import Role

from .auth import allowed, require
from .db import database, session
from .error_messages import library_message

bp = Blueprint("audit", __name__, url_prefix="/audit")


class AuditForm(FlaskForm):
    archive = FileField(_l("Zip archive of documents (.txt, .md, .html)"))
    folder = StringField(_l("Or a folder on the server, inside the audit folder"), validators=[Optional(), Length(max=500)])
    style = SelectField(_l("House style"), validate_choice=False)
    since = DateField(_l("Only documents dated on or after"), validators=[Optional()])


def _styles() -> list[str]:
    with session() as s:
        return termbase.style_names(s)


def _may_name_folders() -> bool:
    return bool(current_app.config.get("AUDIT_ROOT")) and allowed(Role.ADMIN)


@bp.route("/", methods=["GET", "POST"])
@require(Role.TRANSLATOR)
def index():
    form = AuditForm()
    form.style.choices = [("", _("default"))] + [(s, s) for s in _styles()]
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("audit.html", form=form, folders=_may_name_folders()), status
    try:
        report = _report(form)
    except GlossaryError as exc:
        form.archive.errors = [library_message(exc)]
        return render_template("audit.html", form=form, folders=_may_name_folders()), 400
    script_url = url_for("audit.script")
    response = Response(format_html(report, script_url=script_url), mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        content_security_policy(script_url) + "; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return response


def _report(form: AuditForm) -> dict:
    matcher = matcher_for_database(database(), form.style.data or None, shortcuts=False)
    options = AuditOptions(since=form.since.data)
    upload = form.archive.data
    if form.folder.data and form.folder.data.strip():
        if upload:
            raise GlossaryError(_("Give an archive or a folder, not both."))
        if not _may_name_folders():
            abort(403, description=_("Only an administrator may audit a folder on the server."))
        return audit_folder(folder_under(current_app.config["AUDIT_ROOT"], form.folder.data), matcher, options)
    if not upload:
        raise GlossaryError(_("Choose a zip archive of documents to audit."))
    limit = int(current_app.config.get("AUDIT_MAX_UNPACKED_MB", 200)) * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="tilmash-audit-") as folder:
        unpack_zip(upload.stream, Path(folder), name=upload.filename or "archive.zip", max_bytes=limit)
        return audit_folder(Path(folder), matcher, options)


@bp.route("/report.js")
def script():
    """The report's sorting script (glossary/audit/html.py), served so that the report runs no inline script."""
    return Response(sort_script(), mimetype="text/javascript", headers={"Cache-Control": "max-age=3600"})
