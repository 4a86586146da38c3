"""A TMX file as translation units for QA: each variant checked against the source's, located in the file.

The memory's streaming reader (``tm.formats.tmx``) reads and checks the file (entities,
DTDs and the network off; a broken file refused with its line) and gives each ``<tu>``
with the line it starts on. It does not say where a ``<seg>`` is, nor where each
character of its text is once entities are read and inline codes left out: the bytes
the parser reads are decoded again as they go by (``_Window``), and the text of each
unit read again from there, so that a finding points at the character in the file.
The file is read once, as a stream: memory stays flat however large the memory is
(the window holds what the parser has read and the current unit has not yet passed).

The source language is ``source_lang`` (``--source``), else the unit's ``srclang``,
else the header's; every other variant of a unit is a translation of the source's.
Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are the unit's tags
(``tags.Tag`` with the element's place in the file): a ``<bpt>`` and the ``<ept>`` of
its ``i`` are a pair; each is known by the native code it holds (``&lt;b&gt;`` is
``<b>``), else by its element and ``x``.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from collections.abc import Iterator, Sequence
from typing import BinaryIO

import regex

from glossary.errors import FormatError, Problem
from glossary.languages import primary_language

from ..formats.tmx import read_units as read_tmx_units
from ..records import UnitEntry
from .places import Place
from .tags import Tag, tags as html_tags
from .units import Unit

_TU = re.compile(r"<tu[\s>]")
_TUV = re.compile(r"<tuv[\s>]")
_SEG = re.compile(r"<seg(?:\s[^>]*)?>")
# Inside a <seg>: a comment, a CDATA section, a tag, an entity, or text up to the next of those.
_PIECE = re.compile(r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<(?P<close>/)?(?P<name>[\w:.-]+)(?P<attrs>[^>]*?)(?P<empty>/)?>"
                    r"|&(?P<entity>#x[0-9A-Fa-f]+|#\d+|\w+);|[^<&]+", re.S)
_ATTRIBUTE = regex.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")
CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})  # inline elements that hold native code, not text


def read_tmx(stream: BinaryIO, path: str, *, source_lang: str | None = None) -> Iterator[Unit]:
    """Every variant of every unit that is not in the source language, as a unit against the source's
    variant, as the file is read. Once a problem is found no unit is given any more; at the end,
    FormatError with every problem found (the memory reader's, and a unit without a variant in
    the source language): a caller keeps nothing of a file that raised."""
    window = _Window(stream)
    reader = read_tmx_units(window, path)
    problems: list[Problem] = []
    without_source: list[int | None] = []  # lines of units with no variant in the source language
    cursor = 0  # file offset where the unit before ends: units are in file order, several may share a line
    for entry in reader:
        source = source_lang or primary_of(entry.srclang or reader.header.srclang)
        if source is None:
            problems.append(Problem(path, entry.line, "no source language: the header's srclang is *all* and the unit "
                                                      "has none; give it with --source"))
            continue
        at = next((k for k, v in enumerate(entry.variants) if primary_language(v.lang) == source), None)
        if at is None:
            without_source.append(entry.line)
            continue
        if problems or without_source:  # the file will be refused: nothing more to check
            continue
        window.forget_before(cursor)
        segments, cursor = _segments(window, path, entry, cursor)
        source_segment = segments[at]
        for k, variant in enumerate(entry.variants):
            if k == at:
                continue
            segment = segments[k]
            yield Unit(
                source=entry.variants[at].text, target=variant.text, source_lang=source,
                target_lang=primary_language(variant.lang), place=segment.place, context=entry.tuid,
                line=segment.line, source_tags=source_segment.tags, target_tags=segment.tags,
            )
    if without_source:
        count = len(without_source)
        problems.append(Problem(path, without_source[0], (
            f"a unit without a variant in the source language {source}" if count == 1 else
            f"{count} units without a variant in the source language {source} (the first here)")
            + ("; give the source language with --source" if source_lang is None else "")))
    if problems:
        raise FormatError(problems)


def primary_of(lang: str | None) -> str | None:
    return primary_language(lang) if lang else None


class _Window:
    """The binary stream the XML parser reads, decoded again as it goes by: the file's text (as the
    parser reads it: its declared encoding, or a BOM's, else UTF-8) from a line start ``base`` up to
    what the parser has read, with its line starts. ``forget_before`` lets go of what is behind."""

    FORGET = 1 << 16  # let go of the text behind in pieces of at least this many characters

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.decoder: codecs.IncrementalDecoder | None = None
        self.text = ""  # the file's text from offset ``base``
        self.base = 0  # the file offset of ``text[0]``, a line start
        self.first_line = 1  # the line ``text[0]`` starts
        self.starts = [0]  # the line starts in ``text``

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if self.decoder is None:  # the parser's first read holds the XML declaration
            self.decoder = codecs.getincrementaldecoder(_encoding(data))(errors="replace")
        self._add(self.decoder.decode(data, final=not data))
        return data

    def _add(self, text: str) -> None:
        at = len(self.text)
        self.starts.extend(at + m.end() for m in _LINE_BREAK.finditer(text))
        self.text += text

    def forget_before(self, offset: int) -> None:
        """Let go of the text before the line of file offset ``offset`` (when that is worth it)."""
        relative = offset - self.base
        if relative < self.FORGET:
            return
        k = bisect.bisect_right(self.starts, relative) - 1
        cut = self.starts[k]
        self.text = self.text[cut:]
        self.starts = [s - cut for s in self.starts[k:]]
        self.base += cut
        self.first_line += k

    def line_start(self, line: int) -> int:
        """The offset in ``text`` of the start of line ``line`` (of the file)."""
        return self.starts[max(0, min(line - self.first_line, len(self.starts) - 1))]

    def line_of(self, at: int) -> int:
        """The file's line of offset ``at`` in ``text``."""
        return bisect.bisect_right(self.starts, at) - 1 + self.first_line

    def place(self, path: str, positions: Sequence[int]) -> Place:
        """A text whose characters are at these offsets of ``text``, as a place in the file (with the
        starts of the lines it is on, not the whole window's)."""
        first = bisect.bisect_right(self.starts, positions[0]) - 1
        last = bisect.bisect_right(self.starts, positions[-1]) - 1
        shifted = (range(positions.start + self.base, positions.stop + self.base) if isinstance(positions, range)
                   else [p + self.base for p in positions])
        return Place(path, shifted, [s + self.base for s in self.starts[first:last + 1]], first_line=self.first_line + first)


_LINE_BREAK = re.compile("\n")


def _encoding(head: bytes) -> str:
    """The encoding the XML parser reads the file in: a BOM's, else the declared one, else UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    declared = _ENCODING.match(head.lstrip(b"\xef\xbb\xbf"))
    if declared:
        try:
            return codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            return "utf-8"
    return "utf-8-sig"


class _Segment:
    """A variant's text located in the file: its line, its place (each character's file offset), its inline codes as tags."""

    def __init__(self, line: int | None, place: Place, tags: tuple[Tag, ...]):
        self.line, self.place, self.tags = line, place, tags


def _segments(window: _Window, path: str, entry: UnitEntry, cursor: int) -> tuple[list[_Segment], int]:
    """The ``<seg>`` of each variant of ``entry``, in order, read from the unit's line on (and after
    file offset ``cursor``, the end of the unit before); and the file offset where the last one ends."""
    text, base = window.text, window.base
    # the unit after the one before (libxml2 gives lines past 65,535 one too far: the line is for the first unit only)
    at = cursor - base if cursor else window.line_start(entry.line or 1)
    tu = _TU.search(text, at)
    at = tu.start() if tu else at
    segments = []
    for variant in entry.variants:
        tuv = _TUV.search(text, at)
        seg = _SEG.search(text, tuv.end()) if tuv else None
        if seg is None:  # not found as expected: the whole unit at its line
            segments.append(_Segment(entry.line, window.place(path, [at] * (len(variant.text) + 1)), ()))
            continue
        read, positions, codes, at = _read_segment(text, seg.end())
        if read != variant.text:  # something the walk reads otherwise: the segment's start is still right
            positions = [seg.end()] * (len(variant.text) + 1)
        segments.append(_Segment(window.line_of(seg.end()), window.place(path, positions),
                                 _tags_of(text, codes, positions, base)))
    return segments, at + base


def _read_segment(text: str, at: int) -> tuple[str, Sequence[int], list[tuple[str, dict, str, int, int, int]], int]:
    """The text of the segment whose content starts at ``at`` (as ``tm.formats.tmx`` reads it: its text and
    that of ``<hi>``, without the codes), each character's file offset (and the end's), its codes (element,
    attributes, native code, file start, file end, offset in the text) and where the segment ends."""
    end = text.find("</seg>", at)
    if end >= 0 and not any(ch in text[at:end] for ch in "<&\r"):  # plain text, as most segments are
        return text[at:end], range(at, end + 1), [], end + 6
    chars: list[str] = []
    positions: list[int] = []
    codes = []
    open_elements: list[tuple[str, dict, int, list[str]]] = []  # elements inside the seg, with their code text
    for piece in _PIECE.finditer(text, at):
        start = piece.start()
        name = piece.group("name")
        in_code = any(element != "hi" for element, *_ in open_elements)  # codes, and <sub> inside them
        if name is not None:
            if piece.group("close"):
                if not open_elements:  # </seg>
                    return "".join(chars), positions + [start], codes, piece.end()
                element, attributes, opened, native = open_elements.pop()
                if element in CODES:
                    codes.append((element, attributes, "".join(native), opened, piece.end(), len(chars)))
                continue
            attributes = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                          for m in _ATTRIBUTE.finditer(piece.group("attrs"))}
            if piece.group("empty"):
                if name in CODES and not in_code:
                    codes.append((name, attributes, "", start, piece.end(), len(chars)))
                continue
            open_elements.append((name, attributes, start, []))
            continue
        if piece.group("cdata") is not None:
            written, offsets = piece.group("cdata"), range(start + 9, piece.end() - 3)
        elif piece.group("entity") is not None:
            written, offsets = html.unescape(piece.group()), [start]
        elif piece.group().startswith("<!--"):
            continue
        else:
            written, offsets = piece.group(), range(start, piece.end())
        if in_code:
            code = next((e for e in reversed(open_elements) if e[0] in CODES), None)
            if code is not None:
                code[3].append(written)
            continue
        if "\r" in written:  # XML reads a line break \r\n or \r as \n
            kept = [(ch, o) for i, (ch, o) in enumerate(zip(written, offsets)) if not (ch == "\r" and written[i + 1:i + 2] == "\n")]
            written, offsets = "".join(ch for ch, _ in kept).replace("\r", "\n"), [o for _, o in kept]
        chars.append(written)
        positions.extend(offsets if len(offsets) == len(written) else [start] * len(written))
    return "".join(chars), positions + [len(text)], codes, len(text)


def _tags_of(text: str, codes, positions: Sequence[int], base: int) -> tuple[Tag, ...]:
    """The codes of a segment as tags: a ``<bpt>`` opens what the ``<ept>`` of its ``i`` closes (``text``
    is the file's from offset ``base`` on)."""
    names_by_i: dict[str, str] = {}
    found = []
    for element, attributes, native, start, end, offset in sorted(codes, key=lambda c: c[3]):
        parsed = html_tags(native.strip())
        tag = parsed[0] if len(parsed) == 1 and parsed[0].end - parsed[0].start == len(native.strip()) else None
        if element == "bpt":
            name = tag.name if tag is not None else native.strip() or f"bpt{attributes.get('x') or attributes.get('i', '')}"
            names_by_i[attributes.get("i", "")] = name
            kind = "open"
        elif element == "ept":
            name = names_by_i.get(attributes.get("i", ""))
            if name is None:
                name = tag.name if tag is not None else native.strip() or f"ept{attributes.get('i', '')}"
            kind = "close"
        else:  # <ph>, <it>, <ut> stand alone (an <it> is a code whose partner is in another segment)
            name = (tag.name if tag is not None else native.strip()) or f"{element}{attributes.get('x', '')}"
            if element == "it":
                name = f"{attributes.get('pos', '')}:{name}"
            kind = "single"
        at = min(offset, len(positions) - 1)
        found.append(Tag(at, at, text[start:end], name, kind, file_span=(start + base, end + base)))
    return tuple(found)
