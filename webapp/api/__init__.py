"""The JSON API under /api (flask-smorest): shapes from DESIGN.md, validated by the marshmallow
schemas in ``schemas`` that also make the OpenAPI 3 document at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from ..auth import csrf
from .schemas import Error


class TilmashApi(Api):
    """flask-smorest with the app's own error handling (webapp/errors.py) and error shape."""

    ERROR_SCHEMA = Error

    def _register_error_handlers(self):
        pass  # webapp.errors answers every error, in one shape


def init_api(app: Flask) -> None:
    from . import concepts, exports, lint, memory, proposals, qa, tm_search

    app.config.update(
        API_TITLE="Tilmash",
        API_VERSION=app.config.get("API_VERSION", "1"),
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = TilmashApi(app, spec_kwargs={
        "info": {"description": "Names of the Azerbaijan-Kazakhstan beat in four languages: lint, bilingual QA, glossary, memory search, exports."},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    })
    for module in (lint, qa, tm_search, concepts, proposals, exports, memory):
        csrf.exempt(module.blp)  # checked in auth.require: for session cookies, not for API tokens
        api.register_blueprint(module.blp, url_prefix="/api")
    app.extensions["tilmash.api"] = api
