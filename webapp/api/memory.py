"""The memory's endpoints: GET /api/tm/concordance, POST /api/imports and GET /api/imports/<id>,
GET /api/export/tmx. (GET /api/tm/search is translate mode's, beside it.)"""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint

from glossary.records import Role

from ..auth import require
from ..db import session
from ..downloads import memory_download
from ..imports import accept_upload, job_json, read_job
from . import schemas


blp = Blueprint("api_memory", __name__, description="The translation memory: concordance, imports, TMX")


@blp.route("/tm/concordance", methods=["GET"])
@blp.arguments(schemas.ConcordanceQuery, location="query")
@blp.response(200, schemas.ConcordanceResponse)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def concordance(query: dict):
    """Units with a word or phrase in any language (or in `lang`), ignoring case and diacritics, newest
    first; the phrase's last word also finds the longer words it begins (Füzuli finds Füzulidə)."""
    from tm import concordance as concordance_module  # numpy: loaded when first used

    limit = query["limit"] or concordance_module.DEFAULT_LIMIT
    with session() as s:
        found = concordance_module.concordance(s, query["q"], query["lang"], limit)
    return {"occurrences": [o.to_json() for o in found]}


@blp.route("/imports", methods=["POST"])
@blp.arguments(schemas.ImportQuery, location="query")
@blp.arguments(schemas.ImportUpload, location="files")
@blp.response(202, schemas.ImportJob)
@blp.alt_response(400, schema=schemas.Error, description="no file, too many, or a type that is not imported")
@blp.alt_response(403, schema=schemas.Error, description="the memory needs the translator role, the glossary the terminologist role")
@blp.alt_response(413, schema=schemas.Error, description="larger than the upload limit (TILMASH_MAX_UPLOAD_MB)")
@require(Role.TRANSLATOR)
def start_import(query: dict, upload: dict):
    """Import files in the background, all or none: poll `GET /api/imports/{job_id}` for the progress and
    the report (a bad file: `state` failed, `error` lists every problem, nothing imported)."""
    job = accept_upload(request.files.getlist("file"), query["into"])
    return job_json(job), 202, {"Location": f"/api/imports/{job['id']}"}


@blp.route("/imports/<job_id>", methods=["GET"])
@blp.response(200, schemas.ImportJob)
@blp.alt_response(404, schema=schemas.Error, description="no such import, or another user's")
@require(Role.TRANSLATOR)
def read_import(job_id: str):
    """An import's progress, and its report when done."""
    return job_json(read_job(job_id))


@blp.route("/export/tmx", methods=["GET"])
@blp.arguments(schemas.TmxQuery, location="query")
@blp.response(200, content_type="application/x-tmx+xml")
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def export_tmx(query: dict):
    """The translation memory as TMX 1.4b, streamed: all of it, or one language pair (`source` and `target`),
    one origin, or what changed since a day, as `tilmash export --format tmx`."""
    return memory_download(source=query["source"], target=query["target"], origin=query["origin"], since=query["since"])
