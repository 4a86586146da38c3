"""Compiled matchers are reused while the glossary's revision stands, and rebuilt when it moves."""

import pytest

from glossary import termbase
from glossary.errors import FormatError
from glossary.formats import FORMATS, read_glossary_file
from glossary.lint import cache, matcher_file
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher
from glossary.lint.service import matcher_for_database, matcher_for_file
from glossary.termbase import bundled_glossary

from ..conftest import CORPUS, DATA


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
    cache._MEMORY.clear()  # not found in memory from an earlier test: compiled, and written to this cache folder
    built = matcher_for_file(DATA / "lint" / "glossary.csv")
    cache._MEMORY.clear()  # what a new process starts with

    def must_not_build():
        raise AssertionError("compiled again")

    source = f"file .csv {__import__('hashlib').sha256((DATA / 'lint' / 'glossary.csv').read_bytes()).hexdigest()}"
    loaded = cache.compiled_matcher(source, None, must_not_build)
    assert loaded is not built and len(loaded) == len(built)
    assert list((tmp_path / "cache" / "tilmash" / "matchers").glob("*.matcher"))


def test_a_compiled_glossary_is_not_found_under_a_file_type_no_format_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    matcher_for_file(DATA / "lint" / "glossary.csv")  # compiled and cached: the same bytes as .txt are still refused
    copy = tmp_path / "glossary.txt"
    copy.write_bytes((DATA / "lint" / "glossary.csv").read_bytes())
    with pytest.raises(FormatError, match=r"unknown glossary file type '\.txt'"):
        matcher_for_file(copy)


def test_each_style_has_its_own_matcher(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    default = matcher_for_file(DATA / "lint" / "glossary.csv")
    styled = matcher_for_file(DATA / "lint" / "glossary.csv", "az-official")
    assert (default.style, styled.style) == (None, "az-official")


@pytest.mark.parametrize(
    ("case", "shortcuts"),
    [
        pytest.param("corpus", True, id="corpus-bundled-glossary"),
        pytest.param("corpus", False, id="corpus-bundled-glossary-without-shortcuts"),
        pytest.param("drafts", True, id="lint-glossary-drafts"),
    ],
)
def test_a_matcher_loaded_from_its_file_finds_what_the_compiled_one_finds(case, shortcuts, tmp_path):
    if case == "corpus":
        glossary = bundled_glossary()
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    else:
        glossary = read_glossary_file(DATA / "lint" / "glossary.csv")
        texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "lint").glob("*.txt"))] or [
            "Fizuli and Füzulidə, Нахичевани and Zangezour, KAZINFORM and Kazinform."]
    compiled = Matcher(glossary, shortcuts=shortcuts)
    loaded = matcher_file.loads(matcher_file.dumps(compiled))
    again = matcher_file.loads(matcher_file.dumps(loaded))  # a loaded matcher, written again
    expected = [lint_text(text, compiled) for text in texts]
    assert [lint_text(text, loaded) for text in texts] == expected
    assert [lint_text(text, again) for text in texts] == expected
    assert sum(map(len, expected)) >= len(texts)


def test_a_file_from_another_python_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(matcher_file, "_PYTHON", ((2, 7), 0))
    matcher_for_file(DATA / "lint" / "glossary.csv")
    cache._MEMORY.clear()
    monkeypatch.setattr(matcher_file, "_PYTHON", ((3, 99), 0))
    built = []
    source = f"file {__import__('hashlib').sha256((DATA / 'lint' / 'glossary.csv').read_bytes()).hexdigest()}"
    cache.compiled_matcher(source, None, lambda: built.append(1) or Matcher(read_glossary_file(DATA / "lint" / "glossary.csv")))
    assert built == [1]


def test_a_loaded_matcher_looks_up_concepts_and_near_miss_words_as_the_compiled_one():
    compiled = Matcher(bundled_glossary())
    loaded = matcher_file.loads(matcher_file.dumps(compiled))

    def texts(forms):
        return [(form.language, form.text, form.status) for form in forms]

    assert list(loaded.concepts) == list(compiled.concepts)
    for concept_id, concept in compiled.concepts.items():
        assert concept_id in loaded.concepts
        got = loaded.concepts[concept_id]
        assert got.id == concept_id
        assert {lang: form.text for lang, form in got.preferred.items()} == \
            {lang: form.text for lang, form in concept.preferred.items()}
        assert texts(got.forms) == texts(concept.forms)
        assert all(form is loaded.concepts[concept_id].preferred[form.language] for form in got.preferred.values())
    for missing in ("no-such-concept", "", None, 42):
        assert missing not in loaded.concepts
    with pytest.raises(KeyError):
        loaded.concepts["no-such-concept"]
    words = compiled.near_misses.words
    assert list(loaded.near_misses.words) == list(words)
    for key in words:
        assert loaded.near_misses.known(key)
        assert [(form.text, index) for form, index in loaded.near_misses.words[key]] == \
            [(form.text, index) for form, index in words[key]]
    assert not loaded.near_misses.known("zzzzzz")
