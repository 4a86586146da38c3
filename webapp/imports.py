"""Uploads into the memory and the glossary (blueprint ``imports``: /imports, /imports/<id>).

``accept_upload`` is shared with ``POST /api/imports``: it checks the files (how many, their
types), saves them, checks the role their destination needs (memory: translator; glossary:
terminologist) and starts the import in the background (``import_jobs``). The job's page shows
a progress bar that ``static/imports.js`` fills from ``GET /api/imports/<id>``, and the report
when the import ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from glossary.records import Role
from tm.destinations import GLOSSARY, MEMORY, files_by_destination, known_extensions

from . import import_jobs
from .error_messages import failure_in_request_language, report_in_request_language
from .auth import allowed, current_account, require
from .db import database
from .labels import label

bp = Blueprint("imports", __name__)
EXTENSION = "tilmash.imports"
MAX_FILES = 20
NEEDED_ROLE = {MEMORY: Role.TRANSLATOR, GLOSSARY: Role.TERMINOLOGIST}
PHASES = {"queued": _l("Waiting to start…"), "reading": _l("Reading the files…"),
          "importing": _l("Importing the units…"), "saving": _l("Saving…"), "done": "", "failed": ""}


def store() -> import_jobs.JobStore:
    return current_app.extensions[EXTENSION]


def _file_name(upload: FileStorage, taken: set[str]) -> str:
    """The upload's name, safe as a file name in the job's folder, unique within the job."""
    raw = Path(upload.filename or "").name
    name = secure_filename(raw) or "upload"
    if Path(name).suffix.lower() != Path(raw).suffix.lower():  # secure_filename drops non-ASCII names whole
        name = "upload" + Path(raw).suffix.lower()
    stem, suffix, n = Path(name).stem, Path(name).suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


def accept_upload(uploads: list[FileStorage], into: str | None) -> dict[str, Any]:
    """Save the uploaded files as a new job and start importing them; 400 for files that cannot be
    imported, 403 when the destination needs a role the account lacks."""
    uploads = [u for u in uploads if u and u.filename]
    if not uploads:
        abort(400, description=_("no file: send one or more files in the form field 'file'"))
    if len(uploads) > MAX_FILES:
        abort(400, description=_("at most %(most)s files in one import, not %(count)s", most=MAX_FILES, count=len(uploads)))
    if into not in (None, "", GLOSSARY, MEMORY):
        abort(400, description=_("'into' is glossary or memory, not %(into)r", into=into))
    into = into or None
    known = known_extensions()
    unknown = [u.filename for u in uploads if Path(u.filename).suffix.lower() not in known]
    if unknown:
        abort(400, description=_("cannot import %(files)s: the file types read are %(types)s", files=", ".join(unknown), types=", ".join(known)))
    if into == MEMORY and any(Path(u.filename).suffix.lower() not in (".tmx", ".po") for u in uploads):
        abort(400, description=_("the memory reads TMX and PO files"))
    jobs, job_id = store(), import_jobs.new_job_id()
    folder = jobs.files_folder(job_id)
    folder.mkdir(parents=True)
    taken: set[str] = set()
    paths = []
    for upload in uploads:
        path = folder / _file_name(upload, taken)
        upload.save(path)
        paths.append(path)
    needed = [NEEDED_ROLE[where] for where in files_by_destination(paths, into)]
    refused = next((role for role in sorted(needed, key=list(Role).index, reverse=True) if not allowed(role)), None)
    if refused is not None:
        jobs.remove_files(job_id)
        (jobs.folder / job_id).rmdir()
        where = GLOSSARY if refused is Role.TERMINOLOGIST else MEMORY
        abort(403, description=_("importing into the %(where)s needs the %(role)s role", where=label(where), role=label(refused)))
    job = jobs.create(job_id, current_account().name, into, paths)
    import_jobs.start(jobs, database(), job)
    return job


def read_job(job_id: str) -> dict[str, Any]:
    """The job, for its owner or an admin (404 for anyone else: a job's id is not a secret to rely on)."""
    job = store().read(job_id)
    account = current_account()
    if job is None or account is None or (job["owner"] != account.name and not account.can(Role.ADMIN)):
        abort(404, description=_("no such import"))
    return job


def job_json(job: dict[str, Any]) -> dict[str, Any]:
    """The job as the API gives it (``GET /api/imports/<id>``)."""
    total = job["bytes_total"]
    progress = 1.0 if job["state"] == "done" else (min(job["bytes_done"] / total, 1.0) if total else 0.0)
    return {"id": job["id"], "state": job["state"], "phase": job["phase"], "into": job["into"], "files": job["files"],
            "owner": job["owner"], "progress": round(progress, 4), "bytes_done": min(job["bytes_done"], total),
            "bytes_total": total, "created_at": job["created_at"], "finished_at": job["finished_at"],
            "report": report_in_request_language(job["report"]) if job["report"] else None,
            "error": failure_in_request_language(job["error"]) if job["error"] else None}


@bp.route("/imports", methods=["GET", "POST"])
@require(Role.TRANSLATOR)
def index():
    """The upload form; a POST starts the import and goes to its page."""
    if request.method == "POST":
        job = accept_upload(request.files.getlist("file"), request.form.get("into") or None)
        return redirect(url_for("imports.job", job_id=job["id"]))
    into = request.args.get("into") if request.args.get("into") in (GLOSSARY, MEMORY) else MEMORY
    return render_template("memory/import.html", into=into, extensions=known_extensions(),
                           max_mb=current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024), max_files=MAX_FILES)


@bp.route("/imports/<job_id>")
@require(Role.TRANSLATOR)
def job(job_id: str):
    job = read_job(job_id)
    return render_template("memory/job.html", job=job, data=job_json(job), phases={k: str(v) for k, v in PHASES.items()})


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = import_jobs.JobStore(app.config["IMPORTS_FOLDER"] or import_jobs.default_folder())
    app.register_blueprint(bp)
