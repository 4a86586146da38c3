"""TMX memories read as units for QA: each variant against the source's, located in the file, codes as tags."""

import io
from pathlib import Path

import pytest

from glossary.errors import FormatError
from tm.qa.files import read_units
from tm.qa.pairs import check_units
from tm.qa.tmx import read_tmx

from .parallel_set import SET, matcher

DATA = Path(__file__).parents[1] / "data"
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def tmx(units: str, srclang: str = "en") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            f'srclang="{srclang}" datatype="plaintext"/>\n<body>\n{units}</body>\n</tmx>\n').encode()


def pair(source: str, target: str, target_lang: str = "ru") -> bytes:
    return tmx(f'<tu>\n<tuv xml:lang="en"><seg>{source}</seg></tuv>\n'
               f'<tuv xml:lang="{target_lang}"><seg>{target}</seg></tuv>\n</tu>\n')


def test_every_variant_is_checked_against_the_source():
    units = list(read_units(str(SET / "catalogues" / "newsroom.tmx")))
    assert [(u.context, u.source_lang, u.target_lang, u.line) for u in units][:4] == [
        ("shusha", "en", "az", 10), ("shusha", "en", "kk", 11), ("shusha", "en", "ru", 12), ("ports", "en", "kk", 16)]
    assert {u.source for u in units if u.context == "wagons"} == {"501 wagons crossed the Caspian Sea & reached Alat."}


def test_every_character_of_a_segment_is_located_in_the_file():
    """Entities and inline codes: each character of the text at its place in the file."""
    path = SET / "catalogues" / "newsroom.tmx"
    text = path.read_text(encoding="utf-8")
    for unit in read_units(str(path)):
        for i, ch in enumerate(unit.target):
            at = unit.place.positions[i]
            assert text[at] == ch or text[at:].startswith(ENTITIES[ch]), (unit.target, i)


def test_a_line_break_written_cr_lf_is_located():
    data = pair("Talks in\r\nShusha", "Переговоры\r\nв Шуше").replace(b"\n<tuv", b"\r\n<tuv")
    unit = next(read_tmx(io.BytesIO(data), "x.tmx"))
    assert unit.target == "Переговоры\nв Шуше"
    assert data.decode()[unit.place.positions[11]] == "в"


def test_units_on_one_line_are_each_located():
    data = tmx('<tu><tuv xml:lang="en"><seg>501 wagons</seg></tuv><tuv xml:lang="ru"><seg>501 вагон</seg></tuv></tu>'
               '<tu><tuv xml:lang="en"><seg>Baku</seg></tuv><tuv xml:lang="ru"><seg>510 Баку</seg></tuv></tu>\n')
    finding = check_units(read_tmx(io.BytesIO(data), "x.tmx"), matcher())[0]
    assert (data.decode()[finding.start:finding.end], finding.rule) == ("510", "qa.numbers")


@pytest.mark.parametrize(("header", "unit_srclang", "given", "expected"), [
    pytest.param("en", "", None, ("en", "ru"), id="header-srclang"),
    pytest.param("*all*", ' srclang="ru"', None, ("ru", "en"), id="unit-srclang"),
    pytest.param("en", "", "ru", ("ru", "en"), id="source-given"),
    pytest.param("en-US", "", None, ("en", "ru"), id="region-of-the-header"),
])
def test_source_language(header, unit_srclang, given, expected):
    data = tmx(f'<tu{unit_srclang}><tuv xml:lang="en"><seg>Talks in Baku</seg></tuv>'
               f'<tuv xml:lang="ru"><seg>Переговоры в Баку</seg></tuv></tu>\n', srclang=header)
    assert [(u.source_lang, u.target_lang) for u in read_tmx(io.BytesIO(data), "x.tmx", source_lang=given)] == [expected]


def findings(data: bytes) -> list[tuple[str, str]]:
    return [(f.rule, f.found) for f in check_units(read_tmx(io.BytesIO(data), "x.tmx"), matcher())]


@pytest.mark.parametrize(("source", "target", "lang", "expected"), [
    # traps: nothing to report
    pytest.param("Talks in Shusha on 14 October", "Переговоры в Шуше 14 октября", "ru", [], id="shusha-ru-date"),
    pytest.param("Talks in Shusha on 14 October", "Danışıqlar oktyabrın 14-də Şuşada keçirilib", "az", [], id="shusha-az-date"),
    pytest.param("Talks in Shusha on 14 October", "Келіссөздер 14 қазанда Шушада өтті", "kk", [], id="shusha-kk-date"),
    pytest.param("Talks in Nakhchivan", "Переговоры в Нахчыване", "ru", [], id="nakhchivan-admitted"),
    pytest.param("3.4 million tonnes", "3,4 млн тонн", "ru", [], id="decimal-comma-and-scale"),
    pytest.param("Welcome to %(city)s, {name}!", "{name}, добро пожаловать в %(city)s!", "ru", [], id="placeholders-reordered"),
    pytest.param('From <bpt i="1">&lt;b&gt;</bpt>Aktau<ept i="1">&lt;/b&gt;</ept>',
                 'Из <bpt i="1">&lt;b&gt;</bpt>Актау<ept i="1">&lt;/b&gt;</ept>', "ru", [], id="codes-kept"),
    pytest.param('<bpt i="1">&lt;b&gt;</bpt>Baku<ept i="1">&lt;/b&gt;</ept> and <bpt i="2">&lt;i&gt;</bpt>Aktau<ept i="2">&lt;/i&gt;</ept>',
                 '<bpt i="2">&lt;i&gt;</bpt>Актау<ept i="2">&lt;/i&gt;</ept> и <bpt i="1">&lt;b&gt;</bpt>Баку<ept i="1">&lt;/b&gt;</ept>',
                 "ru", [], id="codes-reordered"),
    pytest.param('Baku<ph x="1">&lt;br/&gt;</ph>', 'Баку<ph x="1">&lt;br/&gt;</ph>', "ru", [], id="ph-kept"),
    pytest.param('A &amp; B in Baku', 'A и B в Баку', "ru", [], id="entity-in-the-source"),
    # problems
    pytest.param("Ports of Aktau and Kuryk", "Ақтау порты", "kk", [("term.mismatch", "Ақтау порты")], id="kuryk-dropped"),
    pytest.param("501 wagons", "510 вагонов", "ru", [("qa.numbers", "510")], id="510-for-501"),
    pytest.param("Tokayev arrived", "Токаев келді", "kk", [("term.deprecated", "Токаев")], id="lint-on-the-variant"),
    pytest.param("Welcome, {name}!", "Добро пожаловать!", "ru", [("qa.placeholders", "Добро пожаловать!")], id="placeholder-dropped"),
    pytest.param('Talks in <bpt i="1">&lt;i&gt;</bpt>Baku<ept i="1">&lt;/i&gt;</ept>',
                 'Переговоры в <bpt i="1">&lt;i&gt;</bpt>Баку', "ru",
                 [("qa.tags", '<bpt i="1">&lt;i&gt;</bpt>')], id="bpt-without-ept"),
    pytest.param('Baku<ph x="1">&lt;br/&gt;</ph>', 'Баку', "ru", [("qa.tags", "Баку")], id="ph-dropped"),
    pytest.param('Baku', 'Баку<ph x="1">&lt;br/&gt;</ph>', "ru", [("qa.tags", '<ph x="1">&lt;br/&gt;</ph>')], id="ph-added"),
])
def test_checks_of_a_unit(source, target, lang, expected):
    assert findings(pair(source, target, lang)) == expected


def test_a_code_finding_points_at_the_code_in_the_file():
    data = pair('Talks in <bpt i="1">&lt;i&gt;</bpt>Baku<ept i="1">&lt;/i&gt;</ept>', 'Переговоры в <bpt i="1">&lt;i&gt;</bpt>Баку')
    finding = check_units(read_tmx(io.BytesIO(data), "x.tmx"), matcher())[0]
    text = data.decode()
    assert text[finding.start:finding.end] == finding.found == '<bpt i="1">&lt;i&gt;</bpt>'
    assert (finding.line, finding.column) == (7, 38)


def test_a_finding_in_the_text_points_at_its_place_in_the_file():
    data = pair("501 wagons &amp; 3 ships", "3 корабля &amp; 510 вагонов")
    finding = check_units(read_tmx(io.BytesIO(data), "x.tmx"), matcher())[0]
    assert data.decode()[finding.start:finding.end] == "510"
    assert (finding.line, finding.column) == (7, 41)


@pytest.mark.parametrize(("name", "messages"), [
    # the memory reader's checks (tm.formats.tmx), which QA shares with tilmash import
    pytest.param("truncated.tmx", [(10, "broken XML: the file ends before <seg> (line 10) is closed: is it truncated?")],
                 id="truncated"),
    pytest.param("not-tmx.tmx", [(2, "not a TMX file: the root element is <martif>, expected <tmx>")], id="not-tmx"),
    pytest.param("one-variant.tmx", [(9, "a unit with 1 variant: a translation unit needs at least two languages")],
                 id="one-variant"),
    pytest.param("same-language-twice.tmx", [(5, "two variants in en in one unit")], id="same-language-twice"),
])
def test_bad_memories_are_refused_with_file_and_line(name, messages):
    with pytest.raises(FormatError) as raised:
        list(read_units(str(DATA / "bad-memory" / name)))
    assert [(p.line, p.message) for p in raised.value.problems] == messages


@pytest.mark.parametrize(("data", "given", "messages"), [
    pytest.param(tmx('<tu><tuv xml:lang="az"><seg>Bakı</seg></tuv><tuv xml:lang="ru"><seg>Баку</seg></tuv></tu>\n'), None,
                 [(5, "a unit without a variant in the source language en; give the source language with --source")], id="no-source-variant"),
    pytest.param(tmx('<tu><tuv xml:lang="en"><seg>Baku</seg></tuv><tuv xml:lang="ru"><seg>Баку</seg></tuv></tu>\n',
                     srclang="*all*"), None,
                 [(5, "no source language: the header's srclang is *all* and the unit has none; give it with --source")],
                 id="no-source-language"),
])
def test_units_that_cannot_be_checked(data, given, messages):
    with pytest.raises(FormatError) as raised:
        list(read_tmx(io.BytesIO(data), "x.tmx", source_lang=given))
    assert [(p.line, p.message) for p in raised.value.problems] == messages


def test_entities_are_refused():
    with pytest.raises(FormatError) as raised:
        list(read_units(str(DATA / "bad-memory" / "entities.tmx")))
    assert "entity expansion is off for untrusted files" in raised.value.problems[0].message


def many(count: int, last: str = "", blank_lines: int = 0) -> bytes:
    """A memory of ``count`` units (about 200 bytes each, each followed by ``blank_lines``), then ``last`` (a unit as written)."""
    units = "".join(f'<tu tuid="{i}">\n<tuv xml:lang="en"><seg>Story {i}: 501 wagons reached Baku.</seg></tuv>\n'
                    f'<tuv xml:lang="ru"><seg>Новость {i}: 501 вагон прибыл в Баку.</seg></tuv>\n</tu>\n' + "\n" * blank_lines
                    for i in range(count))
    return tmx(units + last)


class Reading(io.BytesIO):
    """A file whose reader says how far it has read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.furthest = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.furthest = self.tell()
        return data


def test_a_memory_is_read_as_a_stream():
    """The first units are checked before the parser has read the whole file (a 200 MB memory is never loaded whole)."""
    data = many(5_000)
    stream = Reading(data)
    units = read_tmx(stream, "big.tmx")
    first = next(units)
    assert first.context == "0"
    assert stream.furthest < len(data) // 10


def test_a_unit_far_into_a_large_memory_is_located():
    """After the reader has let go of the text behind, and past line 65,535 (where libxml2 gives
    lines one too far), findings still point at their line and column."""
    data = many(1_800, blank_lines=40, last='<tu tuid="last">\n<tuv xml:lang="en"><seg>501 wagons</seg></tuv>\n'
                        '<tuv xml:lang="ru"><seg>Итого: &amp; 510 вагонов</seg></tuv>\n</tu>\n')
    last = list(read_tmx(io.BytesIO(data), "big.tmx"))[-1]
    [finding] = check_units([last], matcher())
    text = data.decode()
    assert (finding.rule, text[finding.start:finding.end]) == ("qa.numbers", "510")
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1:finding.column + 2] == "510"


def test_a_problem_at_the_end_of_a_large_memory_refuses_the_whole_file():
    """The units before were given (and checked) as the file was read: the problem is still raised, at its line."""
    data = many(500)[:-len("</body>\n</tmx>\n")]
    with pytest.raises(FormatError) as raised:
        list(read_tmx(io.BytesIO(data), "big.tmx"))
    [problem] = raised.value.problems
    assert (problem.line, problem.message) == (
        data.count(b"\n") + 1, "broken XML: the file ends before <body> (line 4) is closed: is it truncated?")
