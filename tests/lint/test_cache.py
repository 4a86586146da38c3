"""Compiled matchers are reused while the glossary's revision stands, and rebuilt when it moves."""

from glossary import termbase
from glossary.formats import FORMATS
from glossary.lint import cache
from glossary.lint.service import matcher_for_database, matcher_for_file

from ..conftest import DATA


def test_database_matcher_is_reused_until_the_glossary_changes(database, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with database.session() as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(b"concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\n", "g.csv"))])
    first = matcher_for_database(database)
    assert matcher_for_database(database) is first
    with database.session() as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(
            b"concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\nfuzuli,en,Fizuli,deprecated\n", "g.csv"))])
    second = matcher_for_database(database)
    assert second is not first
    assert {f.text for f in second.forms} == {"Fuzuli", "Fizuli"}


def test_a_new_process_loads_the_matcher_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = matcher_for_file(DATA / "lint" / "glossary.csv")
    cache._MEMORY.clear()  # what a new process starts with

    def must_not_build():
        raise AssertionError("compiled again")

    source = f"file {__import__('hashlib').sha256((DATA / 'lint' / 'glossary.csv').read_bytes()).hexdigest()}"
    loaded = cache.compiled_matcher(source, None, must_not_build)
    assert loaded is not built and len(loaded) == len(built)
    assert list((tmp_path / "cache" / "tilmash" / "matchers").glob("*.pickle"))


def test_each_style_has_its_own_matcher(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    default = matcher_for_file(DATA / "lint" / "glossary.csv")
    styled = matcher_for_file(DATA / "lint" / "glossary.csv", "az-official")
    assert (default.style, styled.style) == (None, "az-official")
