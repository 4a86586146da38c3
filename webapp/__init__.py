"""The translator web app: ``create_app(config=None)`` builds it, one blueprint per area.

Areas: ``workbench`` (lint as you type, translate mode), ``glossary`` (browse, edit,
history, proposals), ``memory`` (search, concordance), ``imports`` (uploads into the memory
and the glossary, in the background), ``exports`` (file downloads), ``audit`` (the archive audit's report),
``auth`` (sign-in, users, API tokens)
and ``api`` (JSON, with its OpenAPI document). The views call the same library
functions as the command line (``glossary/``) and hold no SQL.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from . import audit_views, auth, db, errors, exports, glossary_views, i18n, imports, labels, memory, security, settings, workbench
    from .api import init_api

    app = Flask(__name__)
    settings.configure(app, config)
    db.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    app.register_blueprint(workbench.bp)
    app.register_blueprint(glossary_views.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(memory.bp)
    imports.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(audit_views.bp)
    init_api(app)
    return app
