"""Opening the glossary database: any SQLAlchemy URL, an SQLite file by default.

The schema is created and upgraded by Alembic migrations (``glossary/migrations``),
so a database made by one release opens in the next. A new SQLite file is
created on first use and seeded with the bundled glossary; other databases are
set up once with ``tilmash init``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import GlossaryError
from .history import track_changes
from .revision import RevisionWatch

ENVIRONMENT_VARIABLE = "TILMASH_DATABASE_URL"
MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration (tests check it against glossary/migrations): known without importing
# Alembic, which only the rare run that migrates needs.
HEAD_REVISION = "0005"


class DatabaseError(GlossaryError):
    """The database cannot be opened or is not a Tilmash database."""


def one_line(error: BaseException | None) -> str:
    """A driver's message on one line (psycopg's span several)."""
    return " ".join(str(error).split())


def default_database_path() -> Path:
    """Where the default SQLite file lives: $XDG_DATA_HOME/tilmash/tilmash.db."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "tilmash" / "tilmash.db"


def resolve_database_url(url: str | None = None) -> str:
    """--db URL, else $TILMASH_DATABASE_URL, else the default SQLite file."""
    return url or os.environ.get(ENVIRONMENT_VARIABLE) or f"sqlite:///{default_database_path()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


FOREIGN_KEYS_OFF = "foreign-keys-off"  # in a pooled connection's info: something turned SQLite's off (``tm.bulk``)


def _foreign_keys_back_on(dbapi_connection, _record, proxy) -> None:
    """A connection taken from the pool with the foreign keys a bulk write turned off for its transaction: on again."""
    if proxy.info.pop(FOREIGN_KEYS_OFF, False):
        dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _revision(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


class Database:
    """An engine, its sessions and its migrations."""

    def __init__(self, url: str):
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise DatabaseError(f"invalid database URL {url!r}: {exc}") from exc
        self.url = parsed
        self._described = parsed.render_as_string(hide_password=True)  # (asked for by every lint request of the web app)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        try:
            self.engine: Engine = create_engine(parsed, pool_pre_ping=not self.is_sqlite)
        except (ArgumentError, ImportError) as exc:
            hint = " (pip install 'tilmash[postgres]')" if parsed.get_backend_name() == "postgresql" else ""
            raise DatabaseError(f"cannot use database URL {self._described}: {exc}{hint}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "checkout", _foreign_keys_back_on)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        track_changes(self._sessions)
        self._revision = RevisionWatch(self.engine, watch_file=self.sqlite_path() is not None)

    def describe(self) -> str:
        """The URL without its password (a URL does not change: rendered once)."""
        return self._described

    @contextlib.contextmanager
    def session(self, actor: str | None = None) -> Iterator[Session]:
        """A transaction: committed if the block succeeds, rolled back if it raises."""
        with self._sessions() as session:
            session.info["actor"] = actor
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def glossary_revision(self) -> str:
        """``history.glossary_revision`` of the glossary as committed now, without a query while
        nothing was committed (SQLite): what the web app asks before every lint."""
        return self._revision.current()

    def current_revision(self) -> str | None:
        """The Alembic revision of the schema, or None for a database without our tables."""
        try:
            with self.engine.connect() as connection:
                return _revision(connection)
        except OperationalError as exc:
            raise DatabaseError(f"cannot open database {self.describe()}: {one_line(exc.orig)}") from exc

    def head_revision(self) -> str:
        return HEAD_REVISION

    def has_foreign_tables(self) -> bool:
        with self.engine.connect() as connection:
            return bool(set(inspect(connection).get_table_names()) - {"alembic_version"}) and _revision(connection) is None

    def sqlite_path(self) -> Path | None:
        """The file of an SQLite database, or None (another database, or one in memory)."""
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            return Path(self.url.database)
        return None

    def upgrade(self) -> None:
        """Create or upgrade the schema to this release's revision (an SQLite file's folder too)."""
        from alembic import command

        if (path := self.sqlite_path()) is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder of {path}: {exc.strerror or exc}") from exc
        if self.has_foreign_tables():
            raise DatabaseError(f"{self.describe()} holds tables that are not Tilmash's; use an empty database")
        with self.engine.begin() as connection:
            if self.is_sqlite:
                # Python's sqlite3 opens a transaction before DML only: each CREATE would commit on its own,
                # a disk sync each (about 30 on a new file). One transaction: one sync, and all or nothing.
                connection.exec_driver_sql("BEGIN")
            command.upgrade(_alembic_config(connection), "head")

    def dispose(self) -> None:
        self._revision.close()
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    """Open the database for a command, migrating it to this release.

    A new SQLite file (the default one included) is created and seeded with the
    bundled glossary on first use. Any other database without Tilmash's tables
    is refused with the hint to run ``tilmash init``.
    """
    database = Database(resolve_database_url(url))
    path = database.sqlite_path()
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        _create_seeded(database, path)
        return database
    revision = database.current_revision()
    if revision is None:
        raise DatabaseError(f"{database.describe()} is not set up; run 'tilmash init' (or 'tilmash --db URL init')")
    if revision != database.head_revision():
        database.upgrade()
    return database


def _create_seeded(database: Database, path: Path) -> None:
    """Create a new SQLite file with the bundled glossary, or leave no file at all."""
    from .termbase import seed_bundled_glossary

    try:
        database.upgrade()
        with database.session(actor="tilmash (first use)") as session:
            seed_bundled_glossary(session)
    except BaseException:
        database.dispose()
        for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
            leftover.unlink(missing_ok=True)
        raise
