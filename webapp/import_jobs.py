"""Imports that run in the background, with their progress and report kept in files.

An upload is saved in a folder of its own under ``IMPORTS_FOLDER`` (default: ``imports/`` beside
the default SQLite file), with ``job.json`` describing it. A thread of the worker that took the
upload runs the import (``tm.destinations``: the same as ``tilmash import``) in one transaction
and rewrites ``job.json`` as it goes (atomically: a reader sees the old or the new state), so the
progress can be polled from any gunicorn worker. A job whose worker died before it ended (its
process is gone) is read as failed: its transaction never committed, so nothing was imported.

States: ``queued`` -> ``running`` -> ``done`` (with ``report``) or ``failed`` (with ``error``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from glossary.catalogue_import import TranslationReport
from glossary.database import Database, default_database_path
from glossary.errors import FormatError, GlossaryError, Problem
from glossary.fileio import write_atomically
from glossary.termbase import ImportReport as GlossaryReport
from tm.destinations import ImportOutcome, memory_bytes, plan_import, run_import

JOB_FILE = "job.json"
KEPT_FOR = 7 * 24 * 3600  # seconds an ended job's report stays readable
_WRITE_EVERY = 0.25  # seconds between progress writes
_ID_LENGTH = 32


def default_folder() -> Path:
    return default_database_path().with_name("imports")


def new_job_id() -> str:
    return uuid.uuid4().hex


def valid_job_id(job_id: str) -> bool:
    return len(job_id) == _ID_LENGTH and all(c in "0123456789abcdef" for c in job_id)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class JobStore:
    """The jobs' folders; each job is ``<folder>/<id>/job.json`` and its uploaded files."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def files_folder(self, job_id: str) -> Path:
        return self.folder / job_id / "files"

    def create(self, job_id: str, owner: str, into: str | None, files: list[Path]) -> dict[str, Any]:
        self.prune()
        job = {"id": job_id, "owner": owner, "into": into, "files": [p.name for p in files], "state": "queued",
               "phase": "queued", "bytes_done": 0, "bytes_total": 0, "created_at": _now(), "finished_at": None,
               "report": None, "error": None, "host": socket.gethostname(), "pid": os.getpid()}
        self.write(job)
        return job

    def write(self, job: dict[str, Any]) -> None:
        (self.folder / job["id"]).mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / job["id"] / JOB_FILE, json.dumps(job, ensure_ascii=False).encode("utf-8"))

    def read(self, job_id: str) -> dict[str, Any] | None:
        """The job as last written; a running job whose process is gone is failed."""
        if not valid_job_id(job_id):
            return None
        try:
            job = json.loads((self.folder / job_id / JOB_FILE).read_text("utf-8"))
        except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
            return None
        if job["state"] in ("queued", "running") and job.get("host") == socket.gethostname() and not _alive(job["pid"]):
            job.update(state="failed", phase="failed", error={
                "message": "the server stopped during the import: nothing was imported; upload the files again",
                "problems": [], "kind": "server-stopped"})
        return job

    def prune(self) -> None:
        """Forget the jobs that ended more than ``KEPT_FOR`` ago (their files went when they ended)."""
        limit = time.time() - KEPT_FOR
        for job_file in self.folder.glob(f"*/{JOB_FILE}"):
            try:
                if job_file.stat().st_mtime < limit and json.loads(job_file.read_text("utf-8"))["state"] in ("done", "failed"):
                    shutil.rmtree(job_file.parent, ignore_errors=True)
            except (OSError, ValueError, KeyError):
                continue

    def remove_files(self, job_id: str) -> None:
        shutil.rmtree(self.files_folder(job_id), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _report_json(outcome: ImportOutcome, shown) -> dict[str, Any]:
    """The import's report: one entry per file, with its counts, and the warnings."""
    from tm.importing import ImportReport as MemoryReport

    files = []
    for report in outcome.reports:
        if isinstance(report, MemoryReport):
            files.append({"path": shown(report.path), "into": "memory", "added": report.added, "merged": report.merged,
                          "skipped": [{"reason": why, "units": n} for why, n in sorted(report.skipped.items())],
                          "summary": shown(str(report))})
        elif isinstance(report, GlossaryReport):
            files.append({"path": shown(report.path), "into": "glossary", "concepts_added": report.concepts_added,
                          "concepts_changed": report.concepts_changed, "concepts_unchanged": report.concepts_unchanged,
                          "terms_added": report.terms_added, "terms_changed": report.terms_changed,
                          "styles_added": report.styles_added, "summary": shown(str(report))})
    for report in outcome.translated:
        files.append(_translated_json(report, shown))
    return {"files": files, "warnings": [shown(str(w)) for w in outcome.warnings],
            "warning_details": [problem_json(w, shown) for w in outcome.warnings]}


def problem_json(problem: Problem, shown) -> dict[str, Any]:
    """A problem of an import as data, so that the job's reader gets it in its own language (imports.job_json)."""
    return {"path": shown(problem.path), "line": problem.line, "message": problem.message, "id": problem.message_id,
            "arguments": problem.arguments}


def _translated_json(report: TranslationReport, shown) -> dict[str, Any]:
    return {"path": shown(report.path), "into": "glossary", "terms_added": len(report.added),
            "terms_made_preferred": len(report.promoted), "unchanged": report.unchanged,
            "not_applied": [shown(f"{report.path}:{o.line}: {o.message}") for o in report.not_applied],
            "fuzzy": report.fuzzy, "untranslated": report.untranslated, "summary": shown(str(report))}


class ImportRunner:
    """Runs one job: plan, import, commit; the job file says how far it got."""

    def __init__(self, store: JobStore, database: Database, job: dict[str, Any]):
        self.store, self.database, self.job = store, database, job
        self.folder = store.files_folder(job["id"])
        self._written = 0.0

    def shown(self, text: str) -> str:
        """A message without the server's folder: ``agency.tmx:12: ...`` as the user named the file."""
        return text.replace(f"{self.folder}{os.sep}", "")

    def _progress(self, read: int) -> None:
        self.job["bytes_done"] += read
        if time.monotonic() - self._written >= _WRITE_EVERY:
            self._written = time.monotonic()
            self.store.write(self.job)

    def _set(self, **changes) -> None:
        self.job.update(changes)
        self.store.write(self.job)

    def run(self) -> None:
        try:
            self._set(state="running", phase="reading")
            plan = plan_import([self.folder / name for name in self.job["files"]], self.job["into"])
            self._set(phase="importing", bytes_total=memory_bytes(plan))
            with self.database.session(actor=self.job["owner"]) as session:
                outcome = run_import(session, plan, actor=self.job["owner"], progress=self._progress, fork=False)
                self._set(phase="saving", bytes_done=self.job["bytes_total"])
            self._set(state="done", phase="done", report=_report_json(outcome, self.shown), finished_at=_now())
        except FormatError as exc:
            problems = [self.shown(str(p)) for p in exc.problems]
            details = [problem_json(p, self.shown) for p in exc.problems]
            self._set(state="failed", phase="failed", finished_at=_now(),
                      error={"message": problems[0] if len(problems) == 1 else f"{len(problems)} problems: nothing was imported",
                             "problems": problems, "details": details})
        except GlossaryError as exc:
            self._set(state="failed", phase="failed", finished_at=_now(), error={"message": self.shown(str(exc)), "problems": []})
        except Exception:  # noqa: BLE001 - a bug: logged, and the job says the import failed
            import logging

            logging.getLogger(__name__).exception("import %s failed", self.job["id"])
            self._set(state="failed", phase="failed", finished_at=_now(),
                      error={"message": "internal error: the import failed and nothing was imported", "problems": [],
                             "kind": "internal"})
        finally:
            self.store.remove_files(self.job["id"])


def start(store: JobStore, database: Database, job: dict[str, Any]) -> threading.Thread:
    """Run the job in a thread of this process (the import reads its files here: no fork under threads)."""
    thread = threading.Thread(target=ImportRunner(store, database, job).run, name=f"import-{job['id'][:8]}", daemon=True)
    thread.start()
    return thread
