"""A database holding the PO test glossary, with every recorded change dated 2025-03-01 12:00 UTC, and the
round trip's steps: export, edit as Weblate does, look at the glossary."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select, update
from translate.storage import po as toolkit_po

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


def glossary_terms(database) -> set[tuple]:
    with database.session() as session:
        return {(c.id, t.lang, t.text, t.status.value, t.styles, t.note, t.source)
                for c in termbase.export_glossary(session).concepts for t in c.terms}


def change_count(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Change.id)))


def export_po(invoke, tmp_path, *options) -> bytes:
    result = invoke("export", "--format", "po", "-o", "out.po", *options)
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "out.po").read_bytes()


def translate_like_weblate(data: bytes, translations: dict[str, str], confirm: tuple[str, ...] = (),
                           needs_editing: tuple[str, ...] = ()) -> bytes:
    """Edit with translate-toolkit, the PO library Weblate saves with: set msgstr and clear fuzzy (saved as
    translated) or keep it (saved with "Needs editing" ticked), confirm entries as they are, rewrite the header."""
    store = toolkit_po.pofile(data)
    for unit in store.units:
        if unit.isheader():
            continue
        context = unit.getcontext()
        if context in translations:
            unit.target = translations[context]
            unit.markfuzzy(context in needs_editing)
        if context in confirm:
            unit.markfuzzy(False)
    store.updateheader(add=True, X_Generator="Weblate 5.8", Last_Translator="Aigerim Bekova <aigerim@example.kz>",
                       PO_Revision_Date="2025-04-02 09:15+0500")
    return bytes(store)


def import_file(invoke, tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return invoke("import", name)
