"""A PO catalogue as translation units for QA, each translation located in the file.

``glossary.formats.po.read_catalogue_text`` reads the catalogue with polib and refuses
what polib passes over (a string left open, an unknown keyword or escape, a msgid
without msgstr, two entries with one msgid), each problem with its line. polib
does not say where a ``msgstr`` is, nor where each of its characters is once the
string is unescaped and cut over lines: the lines from each entry's ``msgid`` on
are read again for that, so that a finding points at the character in the file.
"""

from __future__ import annotations

import re

from glossary.formats.po import header_language, read_catalogue_text
from glossary.languages import primary_language

from .places import Place, line_starts
from .units import Unit, detected_language

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"', "'": "'", "?": "?"}
_NUMBERED = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+))")
_PLAIN = re.compile(r'([^"\\]*)"')


def read_po(data: bytes, path: str, *, source_lang: str | None = None) -> list[Unit]:
    """The translated messages of a PO file as units, the header, obsolete and untranslated ones left out.

    The target language is the header's ``Language`` (else the one most translations are
    in); the source language ``source_lang``, else the header's ``X-Source-Language``,
    else English. Raises FormatError with every problem found.
    """
    catalogue, text = read_catalogue_text(data, path)
    lines = text.splitlines(keepends=True)
    starts = line_starts(text)
    entries = [e for e in catalogue if not e.obsolete]
    target_lang = _primary(header_language(catalogue, text, path)) or detected_language(
        e.msgstr or next(iter(e.msgstr_plural.values()), "") for e in entries)
    source = source_lang or _primary(header_language(catalogue, text, path, "X-Source-Language")) or "en"
    units = []
    for entry in entries:
        if entry.msgid_plural:
            pairs = [(entry.msgid if n == 0 else entry.msgid_plural, entry.msgstr_plural[n], f"msgstr[{n}]")
                     for n in sorted(entry.msgstr_plural)]
        else:
            pairs = [(entry.msgid, entry.msgstr, "msgstr")]
        for source_text, target_text, keyword in pairs:
            if not target_text:
                continue
            line, written, positions = _locate(lines, starts, entry.linenum, keyword)
            if written != target_text:  # an escape polib reads otherwise: the string's start is still right
                positions = [positions[0]] * (len(target_text) + 1)
            units.append(Unit(
                source=source_text, target=target_text, source_lang=source, target_lang=target_lang,
                place=Place(path, positions, starts), flags=frozenset(entry.flags), context=entry.msgctxt, line=line,
            ))
    return units


def _primary(tag: str | None) -> str | None:
    return primary_language(tag) if tag else None


def _locate(lines: list[str], starts: list[int], first: int, keyword: str) -> tuple[int, str, list[int]]:
    """Where ``keyword``'s string (msgstr, msgstr[1]) of the entry whose msgid or msgctxt is on line ``first``
    is: its line, its text as read, and the file offset of each character (and of its end)."""
    number = first - 1
    while not lines[number].lstrip().startswith(keyword + " ") and not lines[number].lstrip().startswith(keyword + '"'):
        number += 1
    line = number + 1
    body = lines[number].rstrip("\r\n")
    at = body.index('"', body.index(keyword) + len(keyword))
    pieces: list[str] = []
    positions: list[int] = []
    end = _read_string(body, at, starts[number], pieces, positions)
    number += 1
    while number < len(lines) and lines[number].lstrip().startswith('"'):
        body = lines[number].rstrip("\r\n")
        end = _read_string(body, body.index('"'), starts[number], pieces, positions)
        number += 1
    return line, "".join(pieces), positions + [end]


def _read_string(body: str, at: int, line_start: int, pieces: list[str], positions: list[int]) -> int:
    """Read the quoted string opening at ``body[at]`` (checked by ``read_catalogue``); the offset of its closing quote."""
    i = at + 1
    while True:
        plain = _PLAIN.match(body, i)
        if plain:  # up to the closing quote, no escape left
            end = plain.end(1)
            pieces.append(plain.group(1))
            positions.extend(range(line_start + i, line_start + end))
            return line_start + end
        backslash = body.index("\\", i)
        pieces.append(body[i:backslash])
        positions.extend(range(line_start + i, line_start + backslash))
        following = body[backslash + 1]
        numbered = _NUMBERED.match(body, backslash)
        if following in _ESCAPES:
            pieces.append(_ESCAPES[following])
            i = backslash + 2
        elif numbered:
            pieces.append(chr(int(numbered.group(1), 8) if numbered.group(1) else int(numbered.group(2), 16)))
            i = numbered.end()
        else:
            pieces.append(following)
            i = backslash + 2
        positions.append(line_start + backslash)
