"""A TMX file as translation units for QA: each variant checked against the source's, located in the file.

The memory's streaming reader (``tm.formats.tmx``) reads and checks the file (entities,
DTDs and the network off; a broken file refused with its line) and gives each ``<tu>``
with the line it starts on. It does not say where a ``<seg>`` is, nor where each
character of its text is once entities are read and inline codes left out: the file's
text from each unit's line on is read again for that, so that a finding points at the
character in the file.

The source language is ``source_lang`` (``--source``), else the unit's ``srclang``,
else the header's; every other variant of a unit is a translation of the source's.
Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are the unit's tags
(``tags.Tag`` with the element's place in the file): a ``<bpt>`` and the ``<ept>`` of
its ``i`` are a pair; each is known by the native code it holds (``&lt;b&gt;`` is
``<b>``), else by its element and ``x``.
"""

from __future__ import annotations

import bisect
import html
import io
import re
from collections.abc import Sequence

import regex

from glossary.errors import FormatError, Problem
from glossary.languages import primary_language

from ..formats.tmx import read_units as read_tmx_units
from ..records import UnitEntry
from .places import Place, line_starts
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


def read_tmx(data: bytes, path: str, *, source_lang: str | None = None) -> list[Unit]:
    """Every variant of every unit that is not in the source language, as a unit against the source's
    variant. Raises FormatError with every problem found (the memory reader's, and a unit without a
    variant in the source language)."""
    reader = read_tmx_units(io.BytesIO(data), path)
    entries = list(reader)
    text = _decoded(data)
    starts = line_starts(text)
    problems: list[Problem] = []
    without_source: list[int | None] = []  # lines of units with no variant in the source language
    units: list[Unit] = []
    cursor = 0  # where the unit before ends: units are in file order, several may share a line
    for entry in entries:
        source = source_lang or primary_of(entry.srclang or reader.header.srclang)
        if source is None:
            problems.append(Problem(path, entry.line, "no source language: the header's srclang is *all* and the unit "
                                                      "has none; give it with --source"))
            continue
        segments, cursor = _segments(text, starts, entry, cursor)
        at = next((k for k, v in enumerate(entry.variants) if primary_language(v.lang) == source), None)
        if at is None:
            without_source.append(entry.line)
            continue
        source_segment = segments[at]
        for k, variant in enumerate(entry.variants):
            if k == at:
                continue
            segment = segments[k]
            place = Place(path, segment.positions, starts)
            units.append(Unit(
                source=entry.variants[at].text, target=variant.text, source_lang=source,
                target_lang=primary_language(variant.lang), place=place, context=entry.tuid,
                line=segment.line, source_tags=source_segment.tags, target_tags=segment.tags,
            ))
    if without_source:
        count = len(without_source)
        problems.append(Problem(path, without_source[0], (
            f"a unit without a variant in the source language {source}" if count == 1 else
            f"{count} units without a variant in the source language {source} (the first here)")
            + ("; give the source language with --source" if source_lang is None else "")))
    if problems:
        raise FormatError(problems)
    return units


def primary_of(lang: str | None) -> str | None:
    return primary_language(lang) if lang else None


def _decoded(data: bytes) -> str:
    """The file's text as the XML parser read it (its declared encoding, or a BOM's, else UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    declared = _ENCODING.match(data.lstrip(b"\xef\xbb\xbf"))
    try:
        return data.decode(declared.group(1).decode("ascii") if declared else "utf-8-sig", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


class _Segment:
    """A variant's text located in the file: each character's file offset, its inline codes as tags."""

    def __init__(self, line: int | None, positions: Sequence[int], tags: tuple[Tag, ...]):
        self.line, self.positions, self.tags = line, positions, tags


def _segments(text: str, starts: list[int], entry: UnitEntry, cursor: int) -> tuple[list[_Segment], int]:
    """The ``<seg>`` of each variant of ``entry``, in order, read from the unit's line on (and after
    ``cursor``, the end of the unit before); and where the last one ends."""
    at = max(starts[(entry.line or 1) - 1], cursor)
    tu = _TU.search(text, at)
    at = tu.start() if tu else at
    segments = []
    for variant in entry.variants:
        tuv = _TUV.search(text, at)
        seg = _SEG.search(text, tuv.end()) if tuv else None
        if seg is None:  # not found as expected: the whole unit at its line
            segments.append(_Segment(entry.line, [at] * (len(variant.text) + 1), ()))
            continue
        read, positions, codes, at = _read_segment(text, seg.end())
        if read != variant.text:  # something the walk reads otherwise: the segment's start is still right
            positions = [seg.end()] * (len(variant.text) + 1)
        line = bisect.bisect_right(starts, seg.end())
        segments.append(_Segment(line, positions, _tags_of(text, codes, positions)))
    return segments, at


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


def _tags_of(text: str, codes, positions: Sequence[int]) -> tuple[Tag, ...]:
    """The codes of a segment as tags: a ``<bpt>`` opens what the ``<ept>`` of its ``i`` closes."""
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
        found.append(Tag(at, at, text[start:end], name, kind, file_span=(start, end)))
    return tuple(found)
