"""Fixtures of the memory's tests: a database with the bundled glossary and the agency TMX imported."""

from __future__ import annotations

import pytest

from glossary import termbase
from tm.importing import import_files

from ..conftest import DATA

TM_DATA = DATA / "tm"
BAD_MEMORY = DATA / "bad-memory"
AGENCY = TM_DATA / "agency.tmx"


@pytest.fixture
def glossary_db(database, tmp_path, monkeypatch):
    """The empty test database with the bundled glossary (compiled glossaries cached in the test's folder)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with database.session(actor="tester") as session:
        termbase.seed_bundled_glossary(session)
    return database


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
