"""Fixtures: a fresh database per test (SQLite, or PostgreSQL when TILMASH_TEST_DATABASE_URL
is set), the CLI runner bound to it, and paths to test data and the shared corpus."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from glossary.database import Database
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


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    return MigratedTemplate(tmp_path_factory.mktemp("migrated"))


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
        pytest.skip("needs PostgreSQL: set TILMASH_TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1/test)")
