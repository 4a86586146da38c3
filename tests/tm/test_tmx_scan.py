"""Units of the common shape read from their bytes (``tm.formats.tmxscan``) are the units lxml reads, and
everything else (markup, comments, entities, broken units, other encodings) is still read or refused by lxml
with the same words and the same lines."""

from __future__ import annotations

import io

import pytest

from glossary.errors import FormatError
from tm.formats import tmx

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header srclang="en" datatype="plaintext"/>\n  <body>\n'
TAIL = b"  </body>\n</tmx>\n"


def unit(en: bytes = b"Cargo reached Alat.", ru: bytes = "Груз прибыл в Алят.".encode(), attributes: bytes = b' tuid="1"') -> bytes:
    return (b"    <tu" + attributes + b'>\n      <tuv xml:lang="en"><seg>' + en + b'</seg></tuv>\n      <tuv xml:lang="ru"><seg>'
            + ru + b"</seg></tuv>\n    </tu>\n")


PLAIN = unit() + unit(b"Baku &amp; Sumqay\xc4\xb1t &lt;2025&gt; said &quot;yes&quot; &apos;no&apos;", attributes=b' tuid="2"')

CASES = [
    pytest.param(HEAD + PLAIN + TAIL, id="common-shape"),
    pytest.param(HEAD + unit(attributes=b' tuid="7" creationdate="20250521T093000Z" usagecount="3" x-own="v"') + TAIL,
                 id="unit-attributes"),
    pytest.param(HEAD + unit(attributes=b" tuid='7'") + PLAIN + TAIL, id="single-quotes"),
    pytest.param(HEAD + unit(b'Cargo from <ph x="1">&lt;br/&gt;</ph>Aktau') + PLAIN + TAIL, id="inline-tags"),
    pytest.param(HEAD + unit(b"Line one\r\nline two") + PLAIN + TAIL, id="carriage-return-in-text"),
    pytest.param(HEAD + PLAIN.replace(b"\n", b"\r\n") + TAIL, id="crlf-file"),
    pytest.param(HEAD + PLAIN.replace(b"\n", b"\r", 3) + TAIL, id="lone-carriage-returns"),
    pytest.param(HEAD + unit(attributes=b' tuid="a\tb"') + PLAIN + TAIL, id="tab-in-attribute"),
    pytest.param(HEAD + unit(b"Tab\there") + TAIL, id="tab-in-text"),
    pytest.param(HEAD + PLAIN + b"    <!-- a comment -->\n" + PLAIN + TAIL, id="comment-between-units"),
    pytest.param(HEAD + unit(b"a <!-- </tu> --> b") + PLAIN + TAIL, id="end-tag-in-a-comment"),
    pytest.param(HEAD + unit(b"<![CDATA[x < y]]>") + PLAIN + TAIL, id="cdata"),
    pytest.param(HEAD + unit(b"a ]]> b") + PLAIN + TAIL, id="cdata-end-in-text"),
    pytest.param(HEAD + unit(b"Newline&#10;and &#x4e2d;") + PLAIN + TAIL, id="character-references"),
    pytest.param(HEAD + unit(b"&#1;") + PLAIN + TAIL, id="bad-character-reference"),
    pytest.param(HEAD + unit(b"bell \x07") + PLAIN + TAIL, id="control-character"),
    pytest.param(HEAD + unit(b"not \xef\xbf\xbe a character") + PLAIN + TAIL, id="u-fffe"),
    pytest.param(HEAD + unit(b"cut \xd0") + PLAIN + TAIL, id="invalid-utf-8"),
    pytest.param(HEAD + unit(b"cut \xed\xa0\x80 surrogate") + PLAIN + TAIL, id="encoded-surrogate"),
    pytest.param(HEAD + PLAIN + unit().replace(b"</tu>", b"</tu >") + PLAIN + TAIL, id="spaced-end-tag"),
    pytest.param(HEAD + unit(attributes=b' tuid="1" tuid="2"') + PLAIN + TAIL, id="attribute-twice"),
    pytest.param(HEAD + unit(attributes=b" tuid=1") + PLAIN + TAIL, id="unquoted-attribute"),
    pytest.param(HEAD + unit(attributes=b' tuid="1"x="2"') + PLAIN + TAIL, id="attributes-without-space"),
    pytest.param(HEAD + PLAIN + unit(ru=b"   ") + PLAIN + unit().replace(b'"ru"', b'"xx-nowhere"') + TAIL, id="unit-problems"),
    pytest.param(HEAD + PLAIN + unit(attributes=b' creationdate="yesterday"') + TAIL, id="bad-date"),
    pytest.param(HEAD + unit().replace(b'<tuv xml:lang="ru">', b'<tuv xml:lang="en">') + TAIL, id="same-language-twice"),
    pytest.param(HEAD + PLAIN + b'    <tu tuid="9">\n      <tuv xml:lang="en"><seg>Alone</seg></tuv>\n    </tu>\n' + TAIL,
                 id="one-variant"),
    pytest.param(HEAD + PLAIN + unit().replace(b"<seg>Cargo", b'<prop type="x">p</prop><note>n</note><seg>Cargo') + TAIL,
                 id="props-and-notes"),
    pytest.param(HEAD + PLAIN + unit()[:-30], id="truncated-in-a-unit"),
    pytest.param(HEAD + PLAIN, id="truncated-after-units"),
    pytest.param(HEAD + PLAIN + unit().replace(b"</seg></tuv>", b"</tuv>", 1) + TAIL, id="mismatched-tags"),
    pytest.param(HEAD + PLAIN + TAIL + b"garbage", id="after-the-end"),
    pytest.param(HEAD + PLAIN + TAIL + b"<!-- done -->\n", id="comment-after-the-end"),
    pytest.param(HEAD + PLAIN + b"    <tu tuid='x'>" + unit() + b"</tu>\n" + TAIL, id="unit-in-a-unit"),
    pytest.param(HEAD.replace(b'<tmx version="1.4">', b'<tmx version="1.4" xmlns="urn:x">') + PLAIN + TAIL, id="namespace"),
    pytest.param(HEAD.replace(b"<?xml", b'<!DOCTYPE tmx [<!ENTITY e "x">]>\n<?xml') + PLAIN + TAIL, id="doctype-misplaced"),
    pytest.param(HEAD.replace(b"<tmx ", b'<!DOCTYPE tmx [<!ENTITY e "x">]>\n<tmx ') + PLAIN + TAIL, id="entities-declared"),
    pytest.param(HEAD.replace(b"<tmx ", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ') + PLAIN + TAIL, id="doctype"),
    pytest.param(HEAD.replace(b'  <header srclang="en" datatype="plaintext"/>\n', b"") + PLAIN + TAIL, id="no-header"),
    pytest.param(HEAD.replace(b'srclang="en"', b'srclang="qq-zz"') + PLAIN + TAIL, id="bad-header-language"),
    pytest.param(HEAD.replace(b"UTF-8", b"windows-1251") + unit(ru="Груз".encode("cp1251")) + TAIL, id="declared-cp1251"),
    pytest.param((HEAD.replace(b"UTF-8", b"UTF-16") + PLAIN + TAIL).decode().encode("utf-16"), id="utf-16"),
    pytest.param(b"\xef\xbb\xbf" + HEAD + PLAIN + TAIL, id="utf-8-bom"),
    pytest.param(HEAD.replace(b"<tmx ", b"<tmx2 ").replace(b"<body>", b"<body></body></tmx2><tmx>") + PLAIN + TAIL, id="two-roots"),
    pytest.param(HEAD.replace(b"  <body>\n", b"") + PLAIN + b"</tmx>\n", id="units-outside-body"),
    pytest.param(HEAD + PLAIN + unit(b"long " * 30000) + PLAIN + TAIL, id="long-unit"),
    pytest.param(HEAD + b"\n" * 70000 + PLAIN + b"<!-- x -->" + unit(ru=b" ") + unit(b"a</tuv>") + TAIL, id="far-down-the-file"),
]


def read(data: bytes, monkeypatch, *, scanned: bool, block: int = tmx.BLOCK):
    monkeypatch.setattr(tmx, "compiled", scanned)
    monkeypatch.setattr(tmx, "BLOCK", block)
    reader = tmx.read_units(io.BytesIO(data), "memory.tmx")
    try:
        return list(reader), None, dict(reader.warnings)
    except FormatError as exc:
        return None, [str(problem) for problem in exc.problems], dict(reader.warnings)


@pytest.mark.parametrize("data", CASES)
@pytest.mark.parametrize("block", [tmx.BLOCK, 64], ids=["large-reads", "64-byte-reads"])
def test_units_read_from_their_bytes_are_those_lxml_reads(data, block, monkeypatch):
    expected = read(data, monkeypatch, scanned=False)
    assert read(data, monkeypatch, scanned=True, block=block) == expected


def test_an_undefined_entity_is_refused(monkeypatch):
    # What lxml says of it depends on where its reads of the file end (main's reader too): only that it is refused.
    data = HEAD + PLAIN + unit(b"Non&nbsp;breaking") + PLAIN + TAIL
    for block in (tmx.BLOCK, 64):
        units, problems, _ = read(data, monkeypatch, scanned=True, block=block)
        assert units is None
        assert problems[0].startswith("memory.tmx") and "broken XML" in problems[0]


def test_a_unit_longer_than_the_limit_is_left_to_lxml(monkeypatch):
    data = HEAD + PLAIN + unit(b"long " * 1000) + PLAIN + unit(ru=b" ") + TAIL
    expected = read(data, monkeypatch, scanned=False)
    monkeypatch.setattr(tmx, "UNIT_LIMIT", 1000)
    assert read(data, monkeypatch, scanned=True, block=64) == expected


def test_the_common_shape_keeps_text_and_lines(monkeypatch):
    units, problems, _ = read(HEAD + PLAIN + TAIL, monkeypatch, scanned=True)
    assert problems is None
    assert [(u.tuid, u.line, [v.lang for v in u.variants]) for u in units] == [("1", 5, ["en", "ru"]), ("2", 9, ["en", "ru"])]
    assert units[1].variants[0].text == "Baku & Sumqayıt <2025> said \"yes\" 'no'"
    assert units[1].variants[0].markup is None


def test_a_bad_unit_far_down_is_said_at_its_line(monkeypatch):
    data = HEAD + PLAIN * 20000 + unit(ru=b" ") + TAIL
    _, problems, _ = read(data, monkeypatch, scanned=True)
    assert problems == ['memory.tmx:160007: empty segment in <tuv xml:lang="ru">']
