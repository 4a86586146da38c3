"""TMX 1.4b read and written as a stream: what is kept, what is refused, what other tools read back."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from glossary.errors import FormatError
from tm.formats import memory_format_for_path
from tm.formats.tmx import read_units, write_units
from tm.records import MemoryHeader, UnitEntry, VariantEntry

from ..support.schemas import SCHEMAS
from .conftest import AGENCY, BAD_MEMORY

TMX_DTD = etree.DTD(str(SCHEMAS / "tmx14.dtd"))


def read(path):
    with open(path, "rb") as handle:
        reader = read_units(handle, path.name)
        return reader, list(reader)


def written(units, header=MemoryHeader("en-US")) -> bytes:
    stream = io.BytesIO()
    write_units(units, stream, header)
    return stream.getvalue()


def test_reads_what_the_header_and_units_say():
    reader, units = read(AGENCY)
    assert reader.header.srclang == "en-US"
    assert reader.header.props == (("x-domain", "news"),)
    assert reader.header.notes == ("AZERTAC and Kazinform copy, May 2025",)
    assert ("creationtool", "memoQ") in reader.header.attributes
    first = units[0]
    assert (first.tuid, first.srclang, first.created_by, first.changed_by, first.usage_count) == ("jic-21", "en-US", "aliya", "rustam", 3)
    assert first.created_at == datetime(2025, 5, 21, 9, 30, tzinfo=timezone.utc)
    assert first.changed_at == datetime(2025, 5, 22, 10, 15, tzinfo=timezone.utc)
    assert (first.props, first.notes) == ((("x-client", "AZERTAC"),), ("checked by the desk",))
    assert [v.lang for v in first.variants] == ["en-US", "ru-RU", "az-Latn-AZ"]
    assert first.line == 9


def test_inline_tags_stay_out_of_the_text_and_in_the_markup():
    _, units = read(AGENCY)
    english = units[1].variants[0]
    assert english.text == "Cargo from Aktau reached Alat in 2024."
    assert english.markup == ('Cargo from <bpt i="1" x="1">&lt;b&gt;</bpt>Aktau<ept i="1">&lt;/b&gt;</ept> reached Alat in 2024.'
                              '<ph x="2">&lt;br/&gt;</ph>')
    assert english.props == (("x-status", "approved"),)
    assert units[0].variants[0].markup is None


def test_hi_is_text_and_sub_flows_are_not():
    data = textwrap.dedent("""\
        <tmx version="1.4"><header srclang="en"/><body><tu>
        <tuv xml:lang="en"><seg>The <hi type="b">Middle</hi> Corridor<ph>&lt;img alt="<sub>map</sub>"/&gt;</ph>.</seg></tuv>
        <tuv xml:lang="ru"><seg>Средний коридор.</seg></tuv></tu></body></tmx>""").encode()
    [unit] = list(read_units(io.BytesIO(data), "hi.tmx"))
    assert unit.variants[0].text == "The Middle Corridor."


def test_written_units_read_back_the_same():
    _, units = read(AGENCY)
    again = list(read_units(io.BytesIO(written(units)), "again.tmx"))
    assert [u._replace(origin=None, line=None) for u in again] == [u._replace(origin=None, line=None) for u in units]


def test_written_tmx_validates_against_the_dtd():
    reader, units = read(AGENCY)
    document = etree.fromstring(written(units, reader.header))
    assert TMX_DTD.validate(document), TMX_DTD.error_log.filter_from_errors()


def test_translate_toolkit_reads_back_the_same_units():
    _, units = read(AGENCY)
    pairs = [UnitEntry(tuple(v for v in u.variants if v.lang in ("en-US", "ru-RU")), tuid=u.tuid) for u in units]
    pairs = [u for u in pairs if len(u.variants) == 2]
    store = tt_tmx.tmxfile(written(pairs))
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        ("jic-21", pairs[0].variants[0].text, pairs[0].variants[1].text),
        ("ports", "Cargo from <b>Aktau</b> reached Alat in 2024.<br/>", "Груз из <b>Актау</b> прибыл в Алят в 2024 году.<br/>"),
        ("investment", pairs[2].variants[0].text, pairs[2].variants[1].text),
        ("talks", pairs[3].variants[0].text, pairs[3].variants[1].text),
    ]


def test_text_that_looks_like_markup_is_escaped():
    unit = UnitEntry((VariantEntry("en", 'A <b> & "quoted" text'), VariantEntry("ru", "Текст <i>")), notes=("a & b",),
                     props=(("x-q", 'say "hi"'),))
    [again] = list(read_units(io.BytesIO(written([unit])), "x.tmx"))
    assert (again.variants, again.notes, again.props) == (unit.variants, unit.notes, unit.props)


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        pytest.param("truncated.tmx", ["10: broken XML: the file ends before <seg> (line 10) is closed: is it truncated?"], id="truncated"),
        pytest.param("not-tmx.tmx", ["2: not a TMX file: the root element is <martif>, expected <tmx>"], id="not-tmx"),
        pytest.param("entities.tmx", ["3: the file declares XML entities (lol); entity expansion is off for untrusted files, "
                                      "so it is refused (this is how billion-laughs and XXE attacks work)"], id="entities"),
        pytest.param("unknown-language.tmx", ["11: unknown language code 'xx-YY': 'xx' is not a language in CLDR"], id="unknown-language"),
        pytest.param("one-variant.tmx", ["9: a unit with 1 variant: a translation unit needs at least two languages"], id="one-variant"),
        pytest.param("empty-segment.tmx", ['11: empty segment in <tuv xml:lang="ru">'], id="empty-segment"),
        pytest.param("same-language-twice.tmx", ["5: two variants in en in one unit"], id="same-language-twice"),
        pytest.param("bad-date.tmx", ["5: a date that is not TMX's YYYYMMDDThhmmssZ (such as 20250521T093000Z)"], id="bad-date"),
        pytest.param("undefined-entity.tmx", ["10: broken XML: Entity 'nbsp' not defined (XML knows only &amp; &lt; &gt; &quot; &apos;: "
                                              "write the character itself, or a numeric reference such as &#160;)"], id="undefined-entity"),
        pytest.param("cp1251.tmx", ["7: broken XML: Invalid bytes in character encoding (the file is not in the encoding it "
                                    "declares; save it as UTF-8)"], id="wrong-encoding"),
    ],
)
def test_bad_files_are_refused_with_file_and_line(name, problems):
    with pytest.raises(FormatError) as error:
        read(BAD_MEMORY / name)
    assert [str(p) for p in error.value.problems] == [f"{name}:{p}" for p in problems]


def test_every_bad_memory_file_has_a_case():
    cases = {p.values[0] for p in test_bad_files_are_refused_with_file_and_line.pytestmark[0].args[1]}
    assert cases == {p.name for p in BAD_MEMORY.iterdir()}


def test_a_reader_reports_every_bad_unit_not_only_the_first():
    units = "".join(f'<tu><tuv xml:lang="en"><seg>s{n}</seg></tuv><tuv xml:lang="{"zz" if n % 2 else "ru"}"><seg>c{n}</seg></tuv></tu>\n'
                    for n in range(6))
    data = f'<tmx version="1.4"><header srclang="en"/><body>\n{units}</body></tmx>'.encode()
    with pytest.raises(FormatError) as error:
        list(read_units(io.BytesIO(data), "many.tmx"))
    assert [p.line for p in error.value.problems] == [3, 5, 7]


def test_memory_files_are_chosen_by_extension():
    assert memory_format_for_path("a.TMX").name == "tmx"
    assert memory_format_for_path("b.po").name == "po"
    with pytest.raises(FormatError, match="unknown memory file type '.xliff'"):
        memory_format_for_path("c.xliff")


_STREAM_READER = """
import resource, sys
from tm.formats.tmx import read_units

class Units:
    '''A TMX file of N units, made as it is read: nothing of it exists whole.'''
    def __init__(self, count):
        self.parts = self._parts(count)
        self.buffer = b""
    def _parts(self, count):
        yield b'<tmx version="1.4"><header srclang="en"/><body>'
        for n in range(count):
            yield (f'<tu tuid="{n}"><tuv xml:lang="en"><seg>Unit number {n} of the memory, about the Middle Corridor.</seg></tuv>'
                   f'<tuv xml:lang="ru"><seg>Единица {n} памяти о Среднем коридоре.</seg></tuv></tu>').encode()
        yield b"</body></tmx>"
    def read(self, size=-1):
        while len(self.buffer) < size and (part := next(self.parts, None)) is not None:
            self.buffer += part
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

count = sum(1 for _ in read_units(Units(int(sys.argv[1])), "generated.tmx"))
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _peak_megabytes(units: int) -> int:
    out = subprocess.run([sys.executable, "-c", _STREAM_READER, str(units)], capture_output=True, text=True, check=True).stdout
    count, megabytes = map(int, out.split())
    assert count == units
    return megabytes


def test_reading_keeps_memory_flat_however_many_units():
    # Were the units kept, 55,000 more of them would take over 55 MB (each tree is over 1 kB in lxml).
    assert _peak_megabytes(60_000) - _peak_megabytes(5_000) < 15


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("20250521T093000Z", datetime(2025, 5, 21, 9, 30, tzinfo=timezone.utc), id="date-and-time"),
    pytest.param(" 20240229T235959Z\n", datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc), id="leap-day-spaces-around"),
    pytest.param("20251321T093000Z", None, id="month-13"),
    pytest.param("20250230T093000Z", None, id="february-30"),
    pytest.param("20250521T246000Z", None, id="hour-24"),
    pytest.param("20250521T093000", None, id="no-z"),
    pytest.param("2025-05-21", None, id="iso-date"),
    pytest.param("2025052AT093000Z", None, id="letter-in-the-date"),
])
def test_a_tmx_date_is_read_only_in_its_own_format(value, expected):
    from tm.formats.base import parse_tmx_date

    if expected is None:
        with pytest.raises(ValueError):
            parse_tmx_date(value)
    else:
        assert parse_tmx_date(value) == expected
