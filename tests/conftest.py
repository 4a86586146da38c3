"""Fixtures: a fresh database per test (SQLite, or PostgreSQL when TILMASH_TEST_DATABASE_URL
is set), the CLI runner bound to it, and paths to test data and the shared corpus."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from glossary.database import Database
from glossary.model import Base
from glossary.termbase import seed_bundled_glossary
from tilmash.cli import cli

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
POSTGRES_URL = os.environ.get("TILMASH_TEST_DATABASE_URL")


def _postgres_schema_url(base_url: str, schema: str) -> str:
    url = make_url(base_url)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_database_url(folder: Path) -> Iterator[str]:
    """URL of an empty database of its own: an SQLite file in ``folder`` or a fresh PostgreSQL schema."""
    if not POSTGRES_URL:
        yield f"sqlite:///{folder / 'tilmash.db'}"
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(POSTGRES_URL, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database_url(tmp_path):
    """URL of an empty database of its own, for one test."""
    with fresh_database_url(tmp_path) as url:
        yield url


class MigratedTemplate:
    """The migrations run once a session, and each test's database made as they left theirs.

    SQLite: the migrated file, copied. PostgreSQL (a schema per test, and no schema copy in it):
    the statements the migrations sent, sent again in one transaction. Their SELECTs only looked
    at what was there (nothing, as in each test's schema); the rest carry no schema name.
    """

    def __init__(self, folder: Path):
        self.statements: list[str] = []
        with fresh_database_url(folder) as url:
            template = Database(url)
            if template.is_sqlite:
                self.sqlite_file = template.sqlite_path()
            else:
                event.listen(template.engine, "before_cursor_execute", self._record)
            template.upgrade()
            template.dispose()

    def _record(self, _connection, _cursor, statement, parameters, _context, _executemany) -> None:
        if not statement.lstrip().upper().startswith("SELECT"):
            assert not parameters, statement  # the script below binds no parameter
            self.statements.append(statement)

    def make(self, url: str) -> Database:
        """The empty database at ``url`` migrated to head, as ``Database.upgrade`` would leave it."""
        database = Database(url)
        if database.is_sqlite:
            shutil.copyfile(self.sqlite_file, database.sqlite_path())
        else:
            with database.engine.begin() as connection:
                connection.connection.driver_connection.execute(";\n".join(self.statements))
        assert database.current_revision() == database.head_revision()
        return database


class FilledTemplate:
    """A migrated database filled once a session (``fill(database)``), and each test's database a copy of it.

    SQLite: the file, copied. PostgreSQL: the migrations' statements sent again in the test's schema, then
    the template schema's rows and sequence values copied, in one transaction: a third of a second, against
    about a second for seeding the bundled glossary, and no database of its own per test (DROP DATABASE
    waits for a checkpoint of the whole server: one to ninety seconds while other work writes to it).
    """

    def __init__(self, migrated: MigratedTemplate, url: str, fill: Callable[[Database], object]):
        self.migrated = migrated
        database = migrated.make(url)
        try:
            fill(database)
            self.sqlite_file = database.sqlite_path()
            if not database.is_sqlite:
                with database.engine.connect() as connection:
                    self.schema = connection.scalar(text("SELECT current_schema()"))
                    tables = set(inspect(connection).get_table_names())
            else:
                tables = set()
        finally:
            database.dispose()
        self.tables = [table.name for table in Base.metadata.sorted_tables]  # parents before children
        assert database.is_sqlite or tables == {*self.tables, "alembic_version"}, tables

    def make(self, url: str) -> Database:
        """The empty database at ``url`` made a copy of the template."""
        database = Database(url)
        if database.is_sqlite:
            shutil.copyfile(self.sqlite_file, database.sqlite_path())
            return database
        with database.engine.begin() as connection:
            connection.connection.driver_connection.execute(";\n".join(self.migrated.statements))
            for table in self.tables:
                connection.execute(text(f'INSERT INTO "{table}" SELECT * FROM "{self.schema}"."{table}"'))
            sequences = connection.execute(
                text("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = :schema AND last_value IS NOT NULL"),
                {"schema": self.schema})
            for name, value in sequences:
                connection.execute(text("SELECT setval(:name, :value)"), {"name": f'"{name}"', "value": value})
        return database


@contextlib.contextmanager
def filled_template(migrated: MigratedTemplate, folder: Path, fill: Callable[[Database], object]) -> Iterator[FilledTemplate]:
    with fresh_database_url(folder) as url:
        yield FilledTemplate(migrated, url, fill)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    return MigratedTemplate(tmp_path_factory.mktemp("migrated"))


def seed_as_init(database: Database) -> None:
    """What `tilmash init` leaves, run as the runner's user 'tester'."""
    with database.session(actor="tester") as session:
        seed_bundled_glossary(session)


@pytest.fixture(scope="session")
def bundled_template(migrated_template, tmp_path_factory):
    with filled_template(migrated_template, tmp_path_factory.mktemp("bundled"), seed_as_init) as template:
        yield template


@pytest.fixture
def bundled_url(database_url, bundled_template):
    """The test database as `tilmash init` leaves it (the bundled glossary loaded by 'tester'): a copy."""
    bundled_template.make(database_url).dispose()
    return database_url


@pytest.fixture
def database(database_url, migrated_template):
    """An empty, migrated glossary database (made from the session's template: migrating takes longer)."""
    db = migrated_template.make(database_url)
    yield db
    db.dispose()


@pytest.fixture
def runner(database_url, monkeypatch, tmp_path):
    """Runs `tilmash` against the test database, as user 'tester', from an empty working folder."""
    monkeypatch.setenv("TILMASH_DATABASE_URL", database_url)
    monkeypatch.setenv("TILMASH_USER", "tester")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """invoke("import", "g.csv") -> click Result, with stdout and stderr kept apart."""

    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


def require_postgres():
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set TILMASH_TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1/tilmash_dev)")


@pytest.fixture(scope="session")
def browser():
    """Chromium, headless, for every browser test of this process (tests/support/browser.py)."""
    from .support.browser import chromium

    with chromium() as browser:
        yield browser
