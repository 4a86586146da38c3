"""A database holding the PO test glossary, with every recorded change dated 2025-03-01 12:00 UTC."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest
from sqlalchemy import update

from glossary import termbase
from glossary.formats import read_glossary_file
from glossary.model import Change

from ..conftest import DATA

GLOSSARY = DATA / "po" / "glossary.csv"
CHANGED_AT = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def po_database(database):
    with database.session(actor="aigerim") as session:
        termbase.import_glossaries(session, [(str(GLOSSARY), read_glossary_file(GLOSSARY))])
        session.execute(update(Change).values(at=CHANGED_AT))
    return database


@pytest.fixture
def po_invoke(invoke, po_database, tmp_path):
    """The CLI on the PO test glossary's database, with glossary.csv in the working folder."""
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    return invoke
