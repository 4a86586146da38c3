"""The database, bound to the app with ``init_app``; one transaction per call of ``session()``.

Each worker process opens its own engine (gunicorn forks before ``create_app``).
The actor recorded in the glossary's history is the signed-in user (or API token's user).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from flask import Flask, current_app
from sqlalchemy.orm import Session

from glossary.database import Database, open_database

EXTENSION = "tilmash.database"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = open_database(app.config["DATABASE_URL"])


def database() -> Database:
    return current_app.extensions[EXTENSION]


@contextlib.contextmanager
def session() -> Iterator[Session]:
    """A transaction as the current user: committed if the block succeeds, rolled back if not."""
    from .auth import current_account

    account = current_account()
    with database().session(actor=account.name if account else "anonymous") as s:
        yield s
