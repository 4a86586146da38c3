"""POST /api/lint and POST /api/translate/check: what the editors call at every pause in typing.

Both answer with ``jsonify`` of the body the schema documents, not through flask-smorest's
marshmallow dump (a view that returns a Response is passed through): the dump walked every field
of every finding again, a fifth of a request's CPU besides the lint. The bodies are built from the
same dicts (``Finding.to_json``), and tests/web/test_lint_response.py checks that each is exactly
what its schema would dump. The request schemas are instances made once, not a new one per request.
"""

from __future__ import annotations

import gc

import orjson
from babel import Locale
from flask import Response, current_app, jsonify
from flask_smorest import Blueprint
from webargs.core import missing, parse_json
from webargs.flaskparser import FlaskParser, is_json_request

from glossary.cards import concept_cards
from glossary.lint.engine import lint_text
from glossary.lint.piece_cache import PieceCache, lint_text_cached
from glossary.lint.service import matcher_for_database
from tm.qa.pairs import check_translation

from ..auth import require
from ..db import database, session
from ..why import ui_locale, why
from . import schemas


class OrjsonParser(FlaskParser):
    """webargs' parser with the JSON body read by orjson, in C (a 1,000-word draft a few times faster than
    the standard library's). What orjson refuses goes through webargs' own reading, so that answers and
    errors stay as they were: a lone surrogate escape, which the standard library accepts; an empty or
    malformed body (webargs' "Invalid JSON body")."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return missing
        data = req.get_data(cache=True)
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return parse_json(data)


blp = Blueprint("api_lint", __name__, description="Lint drafts and translations")
blp.ARGUMENTS_PARSER = OrjsonParser()


def finding_json(finding, locale: Locale | None) -> dict:
    """The contract's finding (DESIGN.md), whether its suggestion is certain, and its message in
    ``locale`` (``why``), the request's language where that is not English (``ui_locale``)."""
    body = finding.to_json()
    body["fixable"] = finding.fixable
    if locale is not None and (said := why(finding.message, locale)) is not None:
        body["why"] = said
    return body


def findings_json(findings) -> list[dict]:
    """Each finding as ``finding_json`` makes it, the request's language found once for them all."""
    locale = ui_locale()
    return [finding_json(f, locale) for f in findings]


_ORJSON = orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def json_response(body: dict) -> Response:
    """``jsonify(body)``, byte for byte (the app's JSON: compact, names as written, keys in order, a final
    newline), written by orjson in C: the standard library's encoder took about a twentieth of a typing
    request's CPU in a worker under load (py-spy). In debug mode (indented), or for what orjson refuses or
    would write otherwise (a lone surrogate, which a request's JSON may hold as an escape; a date; a
    dataclass), ``jsonify`` itself."""
    if not current_app.debug:
        try:
            return current_app.response_class(orjson.dumps(body, option=_ORJSON), mimetype="application/json")
        except orjson.JSONEncodeError:
            pass
    return jsonify(body)


def frozen_once() -> None:
    """Once per process, after its first matcher: every object made so far (the app, its libraries, the
    compiled glossary) moved out of the cyclic garbage collector's sight (``gc.freeze``). They live as long
    as the worker, and each full collection walked them all again: under the typing load of
    benchmarks/web_benchmark.py the collector took 6% of a worker's CPU, most of it in full collections of
    some 275,000 objects; frozen, 4%. A frozen object is still freed when nothing refers to it; only a
    cycle among them would stay (at most the first matcher's, once)."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


_FROZEN = False


def piece_cache() -> PieceCache | None:
    """This process's cache of lint results per paragraph (``LINT_CACHE_MB``; made when first needed)."""
    extensions = current_app.extensions
    if "tilmash.lint_cache" not in extensions:
        size = current_app.config["LINT_CACHE_MB"]
        extensions["tilmash.lint_cache"] = PieceCache(int(size * 1024 * 1024)) if size > 0 else None
    return extensions["tilmash.lint_cache"]


@blp.route("/lint", methods=["POST"])
@blp.arguments(schemas.LintRequest())
@blp.response(200, schemas.LintResponse)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def lint(request: dict):
    """Every non-canonical name in a text, with the exact replacement.

    `start`/`end` are offsets in Unicode code points (not UTF-16 units).
    """
    matcher = matcher_for_database(database(), request["style"])
    frozen_once()
    cache = piece_cache()
    options = {"path": "-", "lang": request["lang"], "kind": request["format"], "date": request["date"]}
    findings = (lint_text(request["text"], matcher, **options) if cache is None
                else lint_text_cached(request["text"], matcher, cache, **options))
    result = {"findings": findings_json(findings)}
    if request["concepts"]:
        with session() as s:
            result["concepts"] = concept_cards(s, {f.concept for f in findings if f.concept}, request["style"])
    return json_response(result)


@blp.route("/translate/check", methods=["POST"])
@blp.arguments(schemas.TranslateCheck())
@blp.response(200, schemas.TranslateResult)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def translate_check(request: dict):
    """Translate mode: the source's names with their target rendering, whether the translation has them,
    and the QA's findings on the translation (``tilmash qa``'s checks: names, numbers, placeholders, tags, the lint)."""
    matcher = matcher_for_database(database(), request["style"], shortcuts=False)
    check = check_translation(request["source"], request["target"], request["source_lang"], request["target_lang"],
                              matcher)
    return json_response({
        "names": [vars(n) for n in check.names],
        "findings": findings_json(check.findings),
        "missing_numbers": check.missing_numbers,
        "extra_numbers": check.extra_numbers,
    })
