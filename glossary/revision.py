"""The glossary's revision, asked for by every lint request of the web app: exact, and cheap.

``history.glossary_revision`` counts the change log: exact, but a query through a session for each
request, and a count that grows with the history. An edit must be seen by the next request in
every worker, so the revision cannot be kept for a while; but on SQLite it need not be counted
again while nothing was committed, and SQLite says so itself: ``PRAGMA data_version`` on a
connection changes whenever another connection, in this process or another, has committed to
the file since that connection last asked. One connection of each process's ``Database`` is
kept for this question alone (it never writes, so no commit can be its own and go unseen); the
change log is counted again only when the answer moved. The pragma takes microseconds and reads
no table.

Elsewhere (PostgreSQL, an SQLite database in memory) the change log is counted on a pooled
connection for each call, without a session.
"""

from __future__ import annotations

import os
import sqlite3
import threading

from sqlalchemy import Engine
from sqlalchemy.pool import PoolProxiedConnection

from .history import REVISION_QUERY, glossary_revision, revision_key


class RevisionWatch:
    """``current()``: the value ``history.glossary_revision`` would give now, for one engine."""

    def __init__(self, engine: Engine, *, watch_file: bool):
        self.engine = engine
        self.watch_file = watch_file
        self._lock = threading.Lock()
        self._connection: PoolProxiedConnection | None = None
        self._pid = 0
        self._version: int | None = None
        self._revision = ""
        self._count_sql = str(REVISION_QUERY.compile(dialect=engine.dialect))

    def current(self) -> str:
        if not self.watch_file:
            with self.engine.connect() as connection:
                return glossary_revision(connection)
        with self._lock:
            try:
                return self._watched()
            except sqlite3.Error:
                self._close()  # the file went away or cannot be read: the pool's connection says why, or answers
        with self.engine.connect() as connection:
            return glossary_revision(connection)

    def _watched(self) -> str:
        if self._connection is None or self._pid != os.getpid():  # none yet, or inherited from the parent by a fork
            self._open()
        connection = self._connection.dbapi_connection  # sqlite3's own: no pool, no SQLAlchemy on the way
        (version,) = connection.execute("PRAGMA data_version").fetchone()
        if version != self._version:
            # Counted after the version was read: a commit in between is counted now and moves the
            # version again, so it is counted once more at the next call (never missed, at most repeated).
            self._revision = revision_key(*connection.execute(self._count_sql).fetchone())
            self._version = version
        return self._revision

    def _open(self) -> None:
        self._connection = self.engine.raw_connection()  # made as the engine makes its own (its pragmas too)
        self._connection.detach()  # out of the pool: this connection is the watch's alone, and closed with it
        self._pid = os.getpid()
        self._version = None

    def _close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None
        self._version = None

    def close(self) -> None:
        with self._lock:
            self._close()
