"""`tilmash tm align`: two versions of one story aligned as `qa --versions` aligns them, written as units."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from sqlalchemy import select

from tm.aligned import align, align_texts, import_alignment, write_tmx
from tm.model import Unit
from tm.qa.versions import VersionsError

from ..qa import parallel_set
from ..test_cli_qa import qa  # noqa: F401  (the fixture: a database with the QA set's glossary, the set's files)
from .test_tmx import TMX_DTD


def story(name: str, first: str, second: str):
    versions = {v.lang: v for v in parallel_set.story_versions(name)}
    return align(versions[first], versions[second])


@pytest.mark.parametrize(("name", "first", "second", "counts", "units"), [
    pytest.param("ports", "en", "kk", (8, 0, 0), 8, id="one-to-one"),
    pytest.param("ports", "en", "ru", (6, 1, 0), 7, id="two-sentences-in-one"),
    pytest.param("ferry", "en", "ru", (4, 1, 1), 5, id="a-sentence-left-out"),
    pytest.param("visit", "en", "ru", (6, 1, 0), 7, id="a-sentence-added"),
])
def test_aligned_units_and_report(name, first, second, counts, units):
    alignment = story(name, first, second)
    assert (alignment.one_to_one, alignment.merged, alignment.unaligned) == counts
    assert len(alignment.units) == units
    assert {tuple(v.lang for v in u.variants) for u in alignment.units} == {(first, second)}


def test_a_merged_pair_is_one_unit_with_both_sentences():
    alignment = story("ports", "en", "ru")
    merged = [u for u in alignment.units if u.variants[0].text.count(". ") != u.variants[1].text.count(". ")]
    assert len(merged) == 1
    assert merged[0].variants[0].text.startswith("Tokayev said the Middle Corridor would carry 3.4 million tonnes next year. Talks")


def test_the_units_are_tmx_that_validates():
    stream = io.BytesIO()
    alignment = story("ports", "en", "az")
    assert write_tmx(alignment, stream) == 8
    document = etree.fromstring(stream.getvalue(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    assert TMX_DTD.validate(document), TMX_DTD.error_log.filter_from_errors()
    assert document.find("header").get("srclang") == "en"
    assert document.findtext("body/tu/tuv[@{http://www.w3.org/XML/1998/namespace}lang='az']/seg") == \
        alignment.units[0].variants[1].text


def test_a_pair_that_comes_twice_is_one_unit():
    text_en = "Talks in Baku.\nCargo grew.\nTalks in Baku."
    text_ru = "Переговоры в Баку.\nГрузы выросли.\nПереговоры в Баку."
    alignment = align_texts(("en.txt", text_en, "en"), ("ru.txt", text_ru, "ru"), parallel_set.matcher())
    assert (len(alignment.units), alignment.duplicates) == (2, 1)


@pytest.mark.parametrize(("first", "second", "message"), [
    pytest.param(("a.txt", "Talks in Baku.", "en"), ("b.txt", "Cargo grew.", "en"),
                 "a.txt and b.txt are both in English: the versions of a story are in different languages "
                 "(give each one's language if it was not recognised)", id="one-language"),
    pytest.param(("a.txt", "Talks in Baku.", None), ("b.txt", "Cargo from Aktau grew.", None),
                 "a.txt and b.txt are both in English: the versions of a story are in different languages "
                 "(give each one's language if it was not recognised)", id="one-language-detected"),
    pytest.param(("a.txt", "Talks in Baku.", "en"), ("b.txt", "  \n", "ru"), "b.txt: no sentences to compare", id="empty"),
])
def test_versions_that_cannot_be_aligned(first, second, message):
    with pytest.raises(VersionsError) as raised:
        align_texts(first, second, parallel_set.matcher())
    assert str(raised.value) == message


def test_into_the_memory_with_duplicates_merged(database):
    alignment = story("ports", "en", "kk")
    with database.session(actor="tester") as session:
        first = import_alignment(session, alignment, actor="tester")
    with database.session(actor="tester") as session:
        again = import_alignment(session, alignment, actor="tester")
        count = len(session.scalars(select(Unit.id)).all())
    assert (first.added, first.merged, again.added, again.merged, count) == (8, 0, 0, 8, 8)


def test_cli_writes_a_tmx_file(qa, tmp_path):
    result = qa("tm", "align", "qa/stories/ports/en.txt", "qa/stories/ports/ru.txt", "-o", "ports.tmx")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ("qa/stories/ports/en.txt + qa/stories/ports/ru.txt: 8 en and 7 ru sentences; 6 aligned one "
                             "to one, 1 merged (1-2, 2-1, 2-2), 0 unaligned; 7 units\n")
    assert TMX_DTD.validate(etree.parse(str(tmp_path / "ports.tmx")))


def test_cli_into_the_memory(qa):
    args = ("tm", "align", "--langs", "en,kk", "qa/stories/ports/en.txt", "qa/stories/ports/kk.txt", "--into", "memory")
    assert qa(*args).stderr.splitlines()[1] == "en.txt + kk.txt: 8 units added, 0 merged, 0 skipped"
    assert qa(*args).stderr.splitlines()[1] == "en.txt + kk.txt: 0 units added, 8 merged, 0 skipped"
    assert "en-kk                   8" in qa("tm", "stats").stdout


def test_cli_writes_tmx_to_standard_output(qa):
    result = qa("tm", "align", "qa/stories/ferry/en.txt", "qa/stories/ferry/ru.txt")
    assert result.exit_code == 0
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')
    assert result.stdout.count("<tu ") == 5


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(("qa/stories/ports/en.txt", "qa/stories/summit/en.txt"),
                 "error: qa/stories/ports/en.txt and qa/stories/summit/en.txt are both in English: the versions of a story "
                 "are in different languages (give each one's language if it was not recognised)", id="one-language"),
    pytest.param(("qa/stories/ports/en.txt",), "error: missing argument 'B'; see 'tilmash tm align --help'", id="one-file"),
    pytest.param(("qa/stories/ports/en.txt", "qa/stories/ports/ru.txt", "-o", "x.tmx", "--into", "memory"),
                 "error: give -o or --into memory, not both", id="two-outputs"),
    pytest.param(("--langs", "en", "qa/stories/ports/en.txt", "qa/stories/ports/ru.txt"),
                 "error: --langs gives 1 languages for 2 files", id="langs-count"),
    pytest.param(("qa/stories/ports/en.txt", "missing.txt"), "error: missing.txt: cannot read file: No such file or directory",
                 id="missing-file"),
])
def test_cli_bad_input_is_one_line_and_exit_2(qa, args, message):
    result = qa("tm", "align", *args)
    assert (result.exit_code, result.stderr.strip(), result.stdout) == (2, message, "")
