"""TMX 1.4b, read and written as a stream.

Reading (``read_units(stream, path)``, or ``FORMAT.read``): lxml's ``iterparse``
hands over one ``<tu>`` at a time, which is turned into a ``UnitEntry`` and
cleared, so memory stays flat however large the file. Entity expansion, DTD
loading and network access are off; a DOCTYPE that declares entities is refused
(as for TBX); one that only names the DTD passes. In a UTF-8 file without DOCTYPE,
comments or namespaces, lxml reads the header and each unit of the common shape
(plain attributes, ``<tuv xml:lang><seg>text</seg></tuv>``) is read from its bytes
by ``tmxscan`` (half the time); a unit of another shape is parsed alone by lxml,
and from anything else on (a comment, a broken unit) lxml reads the rest of the
file, given what came before so that its lines and messages are the file's. Kept: the header's ``srclang``,
``<prop>``, ``<note>`` and other attributes; each unit's tuid, dates, users,
usage count, ``<prop>``, ``<note>`` and other attributes; each variant's
language, text and inline tags (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``,
``<hi>``, ``<ut>``), props, notes and attributes. Refused, with file and line: a
file that is not TMX or not well-formed (truncated, wrong encoding), an unknown
language code, a unit with fewer than two variants or two of one language, an
empty segment, a date that is not TMX's ``YYYYMMDDThhmmssZ``.

Writing (``write_units(units, stream, header)``, or ``FORMAT.write``): TMX 1.4b
that validates against the LISA DTD (``tests/data/schemas/tmx14.dtd``), one
``<tu>`` written as each unit comes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import BinaryIO
from xml.sax.saxutils import escape

from lxml import etree

from glossary.errors import FormatError, InvalidLanguage
from glossary.formats.base import broken_xml, entities_refused
from glossary.languages import normalize_language
from glossary.wording import plural_ending

from ..records import MemoryHeader, UnitEntry, VariantEntry
from .base import CountingStream, Problems, format_tmx_date, language, parse_tmx_date
from .tmxscan import compiled, scan_unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE_WITHOUT_TEXT = frozenset({"bpt", "ept", "ph", "it", "ut"})  # their content is native code, not text
_UNIT_ATTRIBUTES = frozenset({"tuid", "srclang", "creationdate", "creationid", "changedate", "changeid",
                              "usagecount", "lastusagedate"})
_HEADER_DEFAULTS = (("segtype", "sentence"), ("o-tmf", "Tilmash"), ("adminlang", "en"), ("datatype", "plaintext"))
_new = tuple.__new__  # a named tuple from its values in field order, without its keyword __new__
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}

# Reading: lxml without entities, DTDs or the network; units of the common shape read from their bytes (``tmxscan``).
_PARSER_OPTIONS = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False, "remove_pis": True,
                   "remove_comments": True}
BLOCK = 1 << 15  # bytes read at a time (as lxml reads: a pipe that goes quiet gives what it has)
HEAD_LIMIT = 1 << 22  # a file whose first <tu> is further is read by lxml alone
UNIT_LIMIT = 1 << 20  # from a unit longer than this on, lxml reads the file (held whole, it would be searched again and again)
_UNIT_START = re.compile(rb"<tu[ \t\r\n>]")
_UNIT_END = re.compile(rb"</tu[ \t\r\n]*>")
_SPACES = re.compile(rb"(?:[ \t\n]|\r\n)*")  # a lone carriage return is a line break to XML: lxml reads it
_BODY_END = re.compile(rb"[ \t\r\n]*</body[ \t\r\n]*>[ \t\r\n]*</tmx[ \t\r\n]*>[ \t\r\n]*\Z")
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[ \t\r\n][^>]*>")
_ENCODING = re.compile(rb"encoding[ \t\r\n]*=[ \t\r\n]*[\"']([^\"']*)")
_PADDING = 1 << 20  # line breaks a comment of ``_padding``


class _NotSimple(Exception):
    """A unit read from its bytes has a problem: lxml reads it again, to say where."""


class _Strict:
    """The problems of a unit read from its bytes: the first raises ``_NotSimple``."""

    found = ()

    def add(self, *arguments, **keywords) -> None:
        raise _NotSimple

    add_problem = add


_STRICT = _Strict()


class _Replay:
    """A binary stream that gives ``parts`` (bytes read already) before the rest of ``stream``."""

    def __init__(self, parts: list[bytes], stream: CountingStream):
        self.parts, self.stream = [part for part in parts if part], stream

    def read(self, size: int = -1) -> bytes:
        return self.parts.pop(0) if self.parts else self.stream.read(size)


def _padding(lines: int) -> list[bytes]:
    """Comments holding ``lines`` line breaks: what lxml is given for the units read before it takes over,
    so that the lines it says are the file's."""
    return [b"<!--" + b"\n" * min(_PADDING, lines - done) + b"-->" for done in range(0, lines, _PADDING)]


def _read_on(buffer: bytes, at: int, read) -> tuple[bytes, int, bool]:
    """What is left of ``buffer`` from ``at`` with the next block read after it, at 0, and whether the file ended."""
    more = read(BLOCK)
    return buffer[at:] + more, 0, not more


def _unit_starts(buffer: bytes, at: int) -> bool:
    return buffer.startswith(b"<tu", at) and len(buffer) > at + 3 and buffer[at + 3] in b" \t\r\n>"


def _plain_text(element: etree._Element) -> str:
    """The text of a ``<seg>`` or ``<hi>``: its own text and that of ``<hi>`` inside, not the tags' codes."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "hi":
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _segment(seg: etree._Element) -> tuple[str, str | None]:
    """(plain text, the content as TMX XML or None when it has no inline tags)."""
    if len(seg) == 0:
        return seg.text or "", None
    markup = escape(seg.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in seg)
    return _plain_text(seg), markup


def _pairs(element: etree._Element, leave_out: frozenset[str]) -> tuple[tuple[str, str], ...]:
    return tuple((name, value) for name, value in element.attrib.items() if name not in leave_out)


class TmxReader:
    """The units of one TMX file, read as a stream; ``header`` is set once the header was read."""

    def __init__(self, stream: BinaryIO, path: str):
        self.stream = stream if isinstance(stream, CountingStream) else CountingStream(stream)
        self.path = path
        self.header = MemoryHeader()
        self.skipped: Counter = Counter()
        self.warnings: Counter = Counter()  # elements not kept -> how many
        self._languages: dict[str, str | None] = {}  # language codes of units read from their bytes, checked
        self._head, self._head_line = b"", 1  # the file up to its first <tu>, and that <tu>'s line

    def __iter__(self) -> Iterator[UnitEntry]:
        problems = Problems(self.path)
        head, found = self.stream.read(BLOCK), None
        while (found := _UNIT_START.search(head)) is None and len(head) < HEAD_LIMIT:
            more = self.stream.read(BLOCK)
            if not more:
                break
            head += more
        if found is None or not self._read_head(head[:found.start()]):
            yield from self._lxml_units(_Replay([head], self.stream), problems)
            return
        self._head, self._head_line = head[:found.start()], 1 + head.count(b"\n", 0, found.start())
        yield from self._fast_units(head, found.start(), self._head_line, problems)
        if problems:
            raise FormatError(problems.all())

    def _lxml_units(self, source: _Replay, problems: Problems, head_read: bool = False) -> Iterator[UnitEntry]:
        """The units read by lxml from ``source`` (with ``head_read``: the header and the document were read before)."""
        # Only <header> and <tu> come back from lxml: their children are read from them.
        context = etree.iterparse(source, events=("end",), tag=("header", "tu"), **_PARSER_OPTIONS)
        started = seen_header = head_read
        try:
            for _, element in context:
                if not started:
                    started = True
                    self._check_document(element.getroottree())
                if element.tag == "tu":
                    unit = self._unit(element, problems)
                    if unit is not None and not problems.found:
                        yield unit
                    element.clear(keep_tail=False)
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
                elif not head_read:
                    seen_header = True
                    self.header = self._header(element, problems)
        except etree.XMLSyntaxError as exc:
            error = broken_xml(exc, self.path)
            raise FormatError([*problems.all(), *error.problems]) from exc
        if not started:  # no <header> or <tu> at all: what is it?
            root = context.root
            if root is None:
                raise FormatError.at(self.path, 1, "tmx.empty-file")
            self._check_document(root.getroottree())
        if not seen_header:
            problems.add(None, "tmx.no-header")
        if problems:
            raise FormatError(problems.all())

    def _read_head(self, head: bytes) -> bool:
        """Whether the units after ``head`` (the file up to its first ``<tu``) can be read from their bytes
        (``tmxscan``): the file in UTF-8, no DOCTYPE, comment or namespace, a well-formed ``<tmx>`` with its
        ``<header>``, and ``<tu>`` in ``<body>``. The header is read if so."""
        declared = _DECLARATION.match(head)
        if not compiled or b"<!" in head or b"xmlns" in head or head.count(b"<?") != (1 if declared else 0):
            return False
        encoding = _ENCODING.search(declared[0]) if declared else None
        if encoding is not None and encoding[1].lower() not in (b"utf-8", b"utf8"):
            return False
        parser = etree.XMLPullParser(events=("start", "end"), **_PARSER_OPTIONS)
        open_elements, header, problems, warnings = [], None, Problems(self.path), self.warnings.copy()
        try:
            parser.feed(head)
            for event, element in parser.read_events():
                if event == "start":
                    open_elements.append(element.tag)
                    continue
                open_elements.pop()
                if element.tag == "header" and open_elements == ["tmx"]:
                    header = self._header(element, problems)
        except etree.XMLSyntaxError:
            header = None
        if header is None or problems or open_elements != ["tmx", "body"]:
            self.warnings = warnings  # lxml reads the header again
            return False
        self.header = header
        return True

    def _fast_units(self, buffer: bytes, at: int, line: int, problems: Problems) -> Iterator[UnitEntry]:
        """The units from ``at`` (a ``<tu`` on ``line``) on: those of the common shape read by ``tmxscan``, the others
        one at a time by lxml; from anything else on (a comment, a broken unit) lxml reads the rest of the file."""
        read, eof, by_lxml, scanned, searched = self.stream.read, False, 0, 0, 0
        self._unit_parser = etree.XMLParser(**_PARSER_OPTIONS)
        while True:
            spaces = _SPACES.match(buffer, at).end()
            line += buffer.count(b"\n", at, spaces)
            at = spaces
            if len(buffer) - at < 16 and not eof:  # what comes next may be cut
                buffer, at, eof = _read_on(buffer, at, read)
                continue
            if not _unit_starts(buffer, at):  # the end of the file, or something lxml reads
                while not eof and len(buffer) - at < BLOCK:
                    buffer, at, eof = _read_on(buffer, at, read)
                if eof and _BODY_END.match(buffer, at):
                    return
                break
            if (end := _UNIT_END.search(buffer, max(at, searched))) is None:
                if eof or len(buffer) - at > UNIT_LIMIT:
                    break
                searched = len(buffer) - at - 64  # where the next search starts: not again over what was searched
                buffer, at, eof = _read_on(buffer, at, read)
                continue
            searched = 0
            end = end.end()
            scanned_unit = scan_unit(buffer, at, end)
            unit = self._simple_unit(*scanned_unit, line) if scanned_unit is not None else None
            if unit is not None:
                scanned += 1
                if not problems.found:
                    yield unit
            else:
                by_lxml += 1
                if by_lxml > 1000 and by_lxml > scanned:  # a file of other shapes: one lxml parser for the rest
                    break
                if b"\r" in buffer[at:end] and buffer.count(b"\r", at, end) != buffer.count(b"\r\n", at, end):
                    break  # lone carriage returns: line breaks to XML, not to this count
                try:
                    element = etree.fromstring(buffer[at:end], self._unit_parser)
                except etree.XMLSyntaxError:
                    break
                unit = self._unit(element, problems, line - 1)
                if unit is not None and not problems.found:
                    yield unit
            line += buffer.count(b"\n", at, end)
            at = end
        yield from self._lxml_units(_Replay([self._head, *_padding(line - self._head_line), buffer[at:]], self.stream),
                                    problems, head_read=True)

    def _simple_unit(self, attributes: list, variants: list, line: int) -> UnitEntry | None:
        """A unit of ``tmxscan``'s (its attributes and (language, text) pairs), or None where it has a problem
        (lxml reads it again, to say where)."""
        known = self._languages
        entries = []
        for raw, text in variants:
            lang = known.get(raw)
            if lang is None:
                try:
                    lang = known[raw] = normalize_language(raw) if raw else None
                except InvalidLanguage:
                    return None
                if lang is None:
                    return None
            if not text.strip():
                return None
            entries.append(_new(VariantEntry, (lang, text, None, (), (), ())))
        if len({name for name, _ in attributes}) != len(attributes):
            return None
        try:
            return self._entry(attributes, entries, (), (), line, _STRICT)
        except _NotSimple:
            return None

    def _check_document(self, tree: etree._ElementTree) -> None:
        dtd = tree.docinfo.internalDTD
        entities = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
        if entities:
            raise entities_refused(self.stream.head, self.path, entities[0])
        root = tree.getroot()
        if root.tag != "tmx":
            raise FormatError.at(self.path, root.sourceline, "tmx.not-tmx", root=root.tag)

    def _header(self, element: etree._Element, problems: Problems) -> MemoryHeader:
        raw = (element.get("srclang") or "").strip()
        srclang = None if raw in ("", "*all*") else language(raw, problems, element.sourceline, "<header> srclang")
        props, notes, _ = self._parts(element, "header")
        return MemoryHeader(srclang, props, notes, _pairs(element, frozenset({"srclang"})))

    def _parts(self, element: etree._Element, where: str, wanted: str = "") -> tuple[tuple, tuple, list]:
        """An element's ``<prop>``s and ``<note>``s, and its children named ``wanted`` (others counted as not kept)."""
        props, notes, found = [], [], []
        for child in element:
            tag = child.tag
            if tag == wanted:
                found.append(child)
            elif tag == "prop":
                props.append((child.get("type") or "", child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
            elif isinstance(tag, str):
                self.warnings[f"<{tag}> in <{where}>"] += 1
        return tuple(props), tuple(notes), found

    def _unit(self, tu: etree._Element, problems: Problems, lines: int = 0) -> UnitEntry | None:
        """The unit of a ``<tu>`` (``lines``: where its parse began, for one parsed alone)."""
        props, notes, tuvs = self._parts(tu, "tu", "tuv")
        variants = [self._variant(tuv, problems, lines) for tuv in tuvs]
        if None in variants:
            return None
        return self._entry(tu.items(), variants, props, notes, tu.sourceline + lines, problems)

    def _entry(self, items: list, variants: list, props: tuple, notes: tuple, line: int, problems: Problems) -> UnitEntry | None:
        if len(variants) < 2:
            problems.add(line, "tmx.one-variant", count=len(variants), plural=plural_ending(len(variants)))
            return None
        languages = [v[0] for v in variants]
        if len(set(languages)) != len(languages):
            twice = sorted({lang for lang in languages if languages.count(lang) > 1})
            problems.add(line, "tmx.two-variants", languages=", ".join(twice))
            return None
        attributes = dict(items)
        srclang = attributes.get("srclang")
        if srclang and srclang.strip() != "*all*":
            srclang = language(srclang, problems, line, "<tu> srclang")
        else:
            srclang = self.header.srclang
        created_at = changed_at = last_used_at = None
        usage_count = 0
        others = ()
        if len(items) > 1 or "tuid" not in attributes:  # more than a tuid (a unit of most memories has only that)
            try:
                created_at = parse_tmx_date(attributes["creationdate"]) if "creationdate" in attributes else None
                changed_at = parse_tmx_date(attributes["changedate"]) if "changedate" in attributes else None
                last_used_at = parse_tmx_date(attributes["lastusagedate"]) if "lastusagedate" in attributes else None
            except ValueError:
                problems.add(line, "tmx.bad-date")
                return None
            try:
                usage_count = int(attributes.get("usagecount") or 0)
            except ValueError:
                problems.add(line, "tmx.bad-usagecount", value=attributes["usagecount"])
                return None
            others = tuple((n, v) for n, v in items if n not in _UNIT_ATTRIBUTES)
        # The tuple made without UnitEntry's keyword __new__ (five times the cost, a million times an import).
        return _new(UnitEntry, (tuple(variants), attributes.get("tuid"), srclang, created_at, attributes.get("creationid"),
                                changed_at, attributes.get("changeid"), usage_count, last_used_at, props, notes, others,
                                self.path, line))

    def _variant(self, tuv: etree._Element, problems: Problems, lines: int = 0) -> VariantEntry | None:
        items = tuv.items()
        raw = items[0][1] if len(items) == 1 and items[0][0] == XML_LANG else tuv.get(XML_LANG) or tuv.get("lang")
        lang = language(raw, problems, tuv.sourceline + lines, "<tuv>")
        if lang is None:
            return None
        if len(tuv) == 1 and tuv[0].tag == "seg":  # most variants: a <seg> alone
            props, notes, segs = (), (), [tuv[0]]
        else:
            props, notes, segs = self._parts(tuv, "tuv", "seg")
        if not segs:
            problems.add(tuv.sourceline + lines, "tmx.tuv-without-seg", lang=lang)
            return None
        text, markup = _segment(segs[0])
        if not text.strip():
            problems.add(segs[0].sourceline + lines, "tmx.empty-segment", lang=lang)
            return None
        attributes = tuple((n, v) for n, v in items if n != XML_LANG and n != "lang") if len(items) > 1 else ()
        return _new(VariantEntry, (lang, text, markup, props, notes, attributes))


def read_units(stream: BinaryIO, path: str) -> TmxReader:
    """The units of a TMX file as a stream (iterate the result; ``.header`` once reading began)."""
    return TmxReader(stream, path)


# ---------------------------------------------------------------- writing

def _attribute(name: str, value: str) -> str:
    return f' {name}="{escape(value, _ATTRIBUTE_ESCAPES)}"'


def _tool_version() -> str:
    try:
        return version("tilmash")
    except PackageNotFoundError:
        return "unknown"


def _header(header: MemoryHeader) -> str:
    given = dict(header.attributes)
    attributes = [("creationtool", "Tilmash"), ("creationtoolversion", _tool_version())]
    attributes += [(name, given.get(name) or default) for name, default in _HEADER_DEFAULTS]
    attributes.insert(5, ("srclang", header.srclang or "*all*"))
    written = {name for name, _ in attributes} | {"creationtool", "creationtoolversion"}
    attributes += [(name, value) for name, value in header.attributes if name not in written]
    inner = _notes_and_props(header.notes, header.props, "    ")
    opening = "  <header" + "".join(_attribute(n, v) for n, v in attributes)
    return f"{opening}>\n{inner}  </header>\n" if inner else f"{opening}/>\n"


def _notes_and_props(notes: Iterable[str], props: Iterable[tuple[str, str]], indent: str) -> str:
    parts = [f"{indent}<note>{escape(note)}</note>\n" for note in notes]
    parts += [f"{indent}<prop{_attribute('type', kind)}>{escape(value)}</prop>\n" for kind, value in props]
    return "".join(parts)


def unit_xml(unit: UnitEntry, header_srclang: str | None = None) -> str:
    """One ``<tu>`` element, indented as in the written file."""
    attributes = []
    if unit.tuid:
        attributes.append(("tuid", unit.tuid))
    if unit.srclang and unit.srclang != header_srclang:
        attributes.append(("srclang", unit.srclang))
    for name, value in (("creationdate", unit.created_at), ("changedate", unit.changed_at), ("lastusagedate", unit.last_used_at)):
        if value is not None:
            attributes.append((name, format_tmx_date(value)))
    for name, value in (("creationid", unit.created_by), ("changeid", unit.changed_by)):
        if value:
            attributes.append((name, value))
    if unit.usage_count:
        attributes.append(("usagecount", str(unit.usage_count)))
    attributes += [(n, v) for n, v in unit.attributes if n not in _UNIT_ATTRIBUTES]
    parts = ["    <tu", *(_attribute(n, v) for n, v in attributes), ">\n", _notes_and_props(unit.notes, unit.props, "      ")]
    for variant in unit.variants:
        parts += ['      <tuv xml:lang="', escape(variant.lang, _ATTRIBUTE_ESCAPES), '"',
                  *(_attribute(n, v) for n, v in variant.attributes), ">\n",
                  _notes_and_props(variant.notes, variant.props, "        "),
                  "        <seg>", variant.markup if variant.markup is not None else escape(variant.text), "</seg>\n",
                  "      </tuv>\n"]
    parts.append("    </tu>\n")
    return "".join(parts)


def tmx_chunks(units: Iterable[UnitEntry], header: MemoryHeader) -> Iterator[bytes]:
    """TMX 1.4b as pieces of bytes, a thousand units at a time (for a streamed HTTP response)."""
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' + _header(header).encode("utf-8") + b"  <body>\n"
    batch: list[str] = []
    for unit in units:
        batch.append(unit_xml(unit, header.srclang))
        if len(batch) >= 1000:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    yield "".join(batch).encode("utf-8") + b"  </body>\n</tmx>\n"


def write_units(units: Iterable[UnitEntry], stream: BinaryIO, header: MemoryHeader) -> int:
    """Write TMX 1.4b to a binary stream, one unit at a time; the number of units written."""
    count = 0

    def counted(units: Iterable[UnitEntry]) -> Iterator[UnitEntry]:
        nonlocal count
        for unit in units:
            count += 1
            yield unit

    for chunk in tmx_chunks(counted(units), header):
        stream.write(chunk)
    return count


class TmxFormat:
    name = "tmx"
    extensions = (".tmx",)

    def read(self, stream: BinaryIO, path: str) -> TmxReader:
        return read_units(stream, path)

    def write(self, units: Iterable[UnitEntry], stream: BinaryIO, header: MemoryHeader) -> int:
        return write_units(units, stream, header)


FORMAT = TmxFormat()
