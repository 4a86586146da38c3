"""Errors into responses, in one place: one JSON shape under /api, an HTML page elsewhere.

The JSON shape (DESIGN.md, pinned by tests/web/test_errors.py)::

    {"error": {"status": 400, "message": "...", "problems": [...]?, "current": {...}?}}

``problems`` lists each problem of a refused glossary input (``path:line: message``);
``current`` is the stored concept when a save conflicts (409). A traceback never reaches
the client: an unexpected exception is logged and answered with a plain 500. Messages are in
the request's language: the app's own through gettext, the rest through ``error_messages``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, NotFound

from glossary.accounts import AccountError, TooManyAttempts
from glossary.concept_json import concept_to_json
from glossary.database import DatabaseError
from glossary.editing import ConceptNotFound, EditConflict, RevertError
from glossary.errors import FormatError, GlossaryError
from glossary.proposals import ProposalError

from .error_messages import library_message, problem_text, status_message, validation_problem


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, **{k: v for k, v in extra.items() if v is not None}}}


def status_of(error: GlossaryError) -> int:
    if isinstance(error, ConceptNotFound):
        return 404
    if isinstance(error, (EditConflict, RevertError)):
        return 409
    if isinstance(error, TooManyAttempts):
        return 429
    if isinstance(error, ProposalError):
        return 409
    if isinstance(error, DatabaseError):
        return 503
    return 400


def _respond(status: int, message: str, headers: dict[str, str] | None = None, **extra: Any):
    if wants_json():
        return error_body(status, message, **extra), status, headers or {}
    return render_template("error.html", status=status, message=message), status, headers or {}


def _http(error: HTTPException):
    message = status_message(error)
    if error.code == 404 and not getattr(error, "data", None) and error.description == NotFound.description:
        message = _("Nothing here: check the address.") if not wants_json() else _("no such address: %(path)s", path=request.path)
    data = getattr(error, "data", None) or {}
    if "messages" in data:  # webargs: the request's fields that are wrong
        message = validation_message(data["messages"])
    elif "message" in data:
        message = data["message"]
    headers = dict(data.get("headers") or {})
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    return _respond(error.code or 500, message, headers)


def _problems(messages, field: str | None = None) -> list[str]:
    """marshmallow's nested messages as 'field: problem' lines ('terms.name', a list's item under the list's name)."""
    if isinstance(messages, dict):
        return [line for key, value in messages.items()
                for line in _problems(value, field if key == "_schema" or isinstance(key, int)
                                      else f"{field}.{key}" if field else str(key))]
    if isinstance(messages, (list, tuple)) and all(isinstance(m, str) for m in messages):
        text = " ".join(validation_problem(m) for m in messages)
        return [f"{field}: {text}" if field else text]
    if isinstance(messages, (list, tuple)):
        return [line for m in messages for line in _problems(m, field)]
    return [f"{field}: {validation_problem(str(messages))}" if field else validation_problem(str(messages))]


def validation_message(messages: dict) -> str:
    """What webargs or marshmallow found wrong with a request ({location: {field: [problem, ...]}}), one line."""
    lines = [line for fields_ in messages.values() for line in _problems(fields_)] if all(
        isinstance(v, dict) for v in messages.values()) else _problems(messages)
    return _("invalid request: %(problems)s", problems="; ".join(lines) or _("malformed body"))


def _glossary(error: GlossaryError):
    status = status_of(error)
    extra: dict[str, Any] = {}
    headers = {}
    if isinstance(error, FormatError):
        extra["problems"] = [problem_text(p) for p in error.problems]
    if isinstance(error, EditConflict) and error.current is not None:
        extra["current"] = {**concept_to_json(error.current, full=True), "version": error.current_version}
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after)
        message = _("Too many failed attempts. Try again in %(minutes)d minutes.", minutes=max(1, error.retry_after // 60))
    else:
        message = library_message(error)
    return _respond(status, message, headers, **extra)


def _csrf(error: CSRFError):
    return _respond(400, _("The form expired or was sent from elsewhere: reload the page and try again."))


def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _http(error)
    if isinstance(error, OperationalError) and "database is locked" in str(error.orig):
        # SQLite: an import holds the write lock until it commits; other writes wait 10 s, then get this
        return _respond(503, _("the database is busy (an import is writing to it): try again in a moment"),
                        {"Retry-After": "10"})
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return _respond(500, _("internal error: the server could not answer this request"))


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(AccountError, _glossary)
    app.register_error_handler(GlossaryError, _glossary)
    app.register_error_handler(Exception, _unexpected)
