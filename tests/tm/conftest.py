"""Fixtures of the memory's tests: a database with the bundled glossary and the agency TMX imported."""

from __future__ import annotations

import pytest

from tm.importing import import_files

from ..conftest import DATA

TM_DATA = DATA / "tm"
BAD_MEMORY = DATA / "bad-memory"
AGENCY = TM_DATA / "agency.tmx"


@pytest.fixture
def glossary_db(database_url, bundled_template, tmp_path, monkeypatch):
    """The test database with the bundled glossary as `init` leaves it, a copy (compiled glossaries cached in
    the test's folder)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    database = bundled_template.make(database_url)
    yield database
    database.dispose()


@pytest.fixture
def agency(database):
    """An empty glossary and agency.tmx's five units."""
    with database.session(actor="tester") as session:
        import_files(session, [AGENCY], actor="tester")
    return database


@pytest.fixture
def memory(glossary_db):
    """The bundled glossary and agency.tmx's five units."""
    with glossary_db.session(actor="tester") as session:
        import_files(session, [AGENCY], actor="tester")
    return glossary_db
