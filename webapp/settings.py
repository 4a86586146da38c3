"""The app's settings: defaults, then ``TILMASH_*`` environment variables, then the ``config`` argument.

| setting | environment | default |
|---|---|---|
| ``DATABASE_URL`` | ``TILMASH_DATABASE_URL`` | the default SQLite file (created and seeded on first use) |
| ``SECRET_KEY`` | ``TILMASH_SECRET_KEY`` | a random key kept in ``$XDG_DATA_HOME/tilmash/secret_key``, shared by every worker |
| ``ANONYMOUS_READ`` | ``TILMASH_ANONYMOUS_READ`` (``0``/``1``) | on: anyone may browse, search, lint and export without signing in |
| ``HTTPS`` | ``TILMASH_HTTPS`` (``0``/``1``) | off; on behind an HTTPS reverse proxy: Secure cookies, the proxy's scheme and host trusted |
| ``MAX_CONTENT_LENGTH`` | ``TILMASH_MAX_UPLOAD_MB`` | 20 MB: larger requests and uploads get 413 |
| ``IMPORTS_FOLDER`` | ``TILMASH_IMPORTS_DIR`` | ``imports/`` beside the default SQLite file: uploads being imported, and each import's progress and report |
| ``AUDIT_ROOT`` | ``TILMASH_AUDIT_ROOT`` | none; a folder whose subfolders an administrator may audit from the web app |
| ``AUDIT_MAX_UNPACKED_MB`` | ``TILMASH_AUDIT_MAX_UNPACKED_MB`` | 200 MB: an uploaded archive's documents, unpacked, at most |
| ``LINT_CACHE_MB`` | ``TILMASH_LINT_CACHE_MB`` | 32 MB per worker: lint results kept per paragraph (``glossary.lint.piece_cache``), so a draft sent again with a word changed is linted again only around it; 0: none |
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from glossary.database import default_database_path, resolve_database_url


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _secret_key() -> str:
    """TILMASH_SECRET_KEY, else a key made once and kept beside the default database (0600)."""
    if os.environ.get("TILMASH_SECRET_KEY"):
        return os.environ["TILMASH_SECRET_KEY"]
    path = default_database_path().with_name("secret_key")
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def configure(app: Flask, config: dict[str, Any] | None) -> None:
    config = dict(config or {})
    app.config.update(
        DATABASE_URL=resolve_database_url(None),
        ANONYMOUS_READ=_flag("TILMASH_ANONYMOUS_READ", True),
        HTTPS=_flag("TILMASH_HTTPS", False),
        MAX_CONTENT_LENGTH=int(float(os.environ.get("TILMASH_MAX_UPLOAD_MB") or 20) * 1024 * 1024),
        IMPORTS_FOLDER=os.environ.get("TILMASH_IMPORTS_DIR") or None,
        AUDIT_ROOT=os.environ.get("TILMASH_AUDIT_ROOT") or None,
        AUDIT_MAX_UNPACKED_MB=float(os.environ.get("TILMASH_AUDIT_MAX_UNPACKED_MB") or 200),
        LINT_CACHE_MB=float(os.environ.get("TILMASH_LINT_CACHE_MB") or 32),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # keys in the order of the contract (DESIGN.md)
    app.json.ensure_ascii = False  # names as written (Кемелевича), as the command line prints them
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = _secret_key()
    app.config.update(config)
    if app.config["HTTPS"]:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
