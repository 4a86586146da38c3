"""The glossary's revision as the web app reads it before every lint (``Database.glossary_revision``):
always the change log's count as committed now, whoever committed, so that an edit is seen by the
next request of every worker; and the matcher found with it is the edited glossary's."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from glossary import termbase
from glossary.database import Database
from glossary.errors import UnknownStyle
from glossary.formats import FORMATS
from glossary.history import glossary_revision
from glossary.lint.engine import lint_text
from glossary.lint.service import matcher_for_database

FUZULI = b"concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\n"
FIZULI = b"concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\nfuzuli,en,Fizuli,deprecated\n"
STYLED = (b"concept,lang,term,status,style\nfuzuli,en,Fuzuli,preferred,\nfuzuli,en,Fizuli,deprecated,\n"
          b"fuzuli,en,Fizuli,preferred,az-official\nfuzuli,en,Fuzuli,deprecated,az-official\n")

IMPORT = textwrap.dedent("""
    import sys
    from glossary import termbase
    from glossary.database import Database
    from glossary.formats import FORMATS
    database = Database(sys.argv[1])
    with database.session(actor="other process") as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(sys.argv[2].encode(), "g.csv"))])
    database.dispose()
""")


def _import(database: Database, csv: bytes) -> None:
    with database.session(actor="tests") as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(csv, "g.csv"))])


def _same_database(database: Database) -> None:
    _import(database, FIZULI)


def _another_worker(database: Database) -> None:
    other = Database(database.url.render_as_string(hide_password=False))
    try:
        _import(other, FIZULI)
    finally:
        other.dispose()


def _another_process(database: Database) -> None:
    subprocess.run([sys.executable, "-c", IMPORT, database.url.render_as_string(hide_password=False), FIZULI.decode()],
                   check=True)


WRITERS = [
    pytest.param(_same_database, id="same-database"),
    pytest.param(_another_worker, id="another-engine-same-process"),
    pytest.param(_another_process, id="another-process"),
]


def _counted(database: Database) -> str:
    with database.session() as session:
        return glossary_revision(session)


@pytest.mark.parametrize("write", WRITERS)
def test_the_revision_is_the_change_logs_as_committed_now(database, write):
    _import(database, FUZULI)
    before = database.glossary_revision()
    assert before == _counted(database)
    assert database.glossary_revision() == before  # asked again, nothing committed
    write(database)
    after = database.glossary_revision()
    assert after != before
    assert after == _counted(database)


@pytest.mark.parametrize("write", WRITERS)
def test_the_next_lint_after_an_edit_uses_the_edited_glossary(database, write, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _import(database, FUZULI)
    findings = lint_text("Fizuli spoke.", matcher_for_database(database))
    assert [(f.found, f.rule) for f in findings] == [("Fizuli", "term.unknown-variant")]  # one letter from Fuzuli
    write(database)
    findings = lint_text("Fizuli spoke.", matcher_for_database(database))
    assert [(f.found, f.rule, f.suggestion) for f in findings] == [("Fizuli", "term.deprecated", "Fuzuli")]


def test_a_reading_session_leaves_the_revision_as_it_was(database):
    _import(database, FUZULI)
    before = database.glossary_revision()
    with database.session() as session:
        termbase.export_glossary(session)
    assert database.glossary_revision() == before


def test_an_unknown_style_is_refused_until_another_worker_adds_it(database, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _import(database, FIZULI)
    matcher_for_database(database)
    for _ in range(2):  # the refused style is not remembered as a matcher
        with pytest.raises(UnknownStyle, match="unknown style 'az-official'"):
            matcher_for_database(database, "az-official")
    other = Database(database.url.render_as_string(hide_password=False))
    try:
        _import(other, STYLED)
    finally:
        other.dispose()
    findings = lint_text("Fuzuli spoke.", matcher_for_database(database, "az-official"))
    assert [(f.found, f.rule, f.suggestion) for f in findings] == [("Fuzuli", "term.deprecated", "Fizuli")]
