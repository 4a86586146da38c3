"""A PO catalogue as translation units for QA, each translation located in the file.

polib reads the catalogue (strings, flags, header). polib is lenient: it reads an
unterminated string or a stray keyword without a word, and it does not say where a
``msgstr`` is. So the file is also scanned line by line, as ``msgfmt`` would: every
line must be blank, a comment, a keyword with a quoted string or a string that
continues one; strings must be closed and their escapes known; a ``msgid`` needs its
``msgstr``; a message may not be defined twice. Each problem is reported with its
line, and the scan records where each character of every ``msgstr`` is in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

from glossary.errors import FormatError, Problem
from glossary.formats.base import decode_text
from glossary.languages import primary_language

from .places import Place, line_starts
from .units import Unit, detected_language

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*(?=\")")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"', "'": "'", "?": "?"}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"x[0-9A-Fa-f]{1,2}")
_PLAIN = re.compile(r'([^"\\]*)"')


@dataclass
class _String:
    """One keyword's string as read: the text (in pieces), and the file offset of each of its characters."""

    line: int
    text: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    end: int = 0  # file offset just after the last character (before the closing quote)


@dataclass
class _Entry:
    line: int
    strings: dict[str, _String] = field(default_factory=dict)
    broken: bool = False  # a line of it was reported already: nothing more to say about its shape
    translated: bool = False  # has a msgstr or msgstr[n]: a msgid or msgctxt after it starts the next message


def read_po(data: bytes, path: str, *, source_lang: str | None = None) -> list[Unit]:
    """The translated messages of a PO file as units, the header and untranslated ones left out.

    The target language is the header's ``Language`` (else the one most translations are
    in); the source language ``source_lang``,
    else the header's ``X-Source-Language``, else English. Raises FormatError with every
    syntax problem found.
    """
    text = decode_text(data, path)
    entries = _scan(text, path)
    try:
        catalogue = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        match = re.search(r"\(line (\d+)\)", str(exc))
        message = str(exc).split(")", 1)[-1].strip(": ") if match else str(exc)
        raise FormatError.single(path, int(match.group(1)) if match else None,
                                 f"not a valid PO file{': ' + message if message else ''}") from exc
    target_lang = _language(catalogue.metadata.get("Language"), path, "Language") or detected_language(
        e.msgstr or next(iter(e.msgstr_plural.values()), "") for e in catalogue)
    source = source_lang or _language(catalogue.metadata.get("X-Source-Language"), path, "X-Source-Language") or "en"
    starts = line_starts(text)
    scanned = [e for e in entries if "msgctxt" in e.strings or "".join(e.strings["msgid"].text)]
    read = [e for e in catalogue if not e.obsolete]
    if len(scanned) != len(read):
        raise FormatError.single(path, None, f"not a valid PO file: {len(scanned)} messages found, polib read {len(read)}")
    units = []
    for scanned_entry, entry in zip(scanned, read):
        if entry.msgid_plural:
            pairs = [(entry.msgid if n == 0 else entry.msgid_plural, entry.msgstr_plural[n], f"msgstr[{n}]")
                     for n in sorted(entry.msgstr_plural)]
        else:
            pairs = [(entry.msgid, entry.msgstr, "msgstr")]
        for source_text, target_text, keyword in pairs:
            if not target_text:
                continue
            string = scanned_entry.strings[keyword]
            positions = string.positions + [string.end]
            if "".join(string.text) != target_text:  # never seen; the start of the string is still right
                positions = [string.positions[0] if string.positions else string.end] * (len(target_text) + 1)
            units.append(Unit(
                source=source_text, target=target_text, source_lang=source, target_lang=target_lang,
                place=Place(path, positions, starts), flags=frozenset(entry.flags),
                context=entry.msgctxt, line=string.line,
            ))
    return units


def _language(value: str | None, path: str, header: str) -> str | None:
    if not value or not value.strip():
        return None
    code = value.strip().replace("_", "-").split("@")[0]
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", code):
        raise FormatError.single(path, None, f"the header's {header} {value!r} is not a language code")
    return primary_language(code)


def _scan(text: str, path: str) -> list[_Entry]:
    """Every entry's strings with the file offset of each character; FormatError on bad syntax."""
    problems: list[Problem] = []
    entries: list[_Entry] = []
    entry: _Entry | None = None
    current: _String | None = None
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if not stripped or stripped.startswith("#"):
            current = None if not stripped else current
            continue
        indent = len(body) - len(body.lstrip())
        if stripped.startswith('"'):
            if current is None:
                problems.append(Problem(path, number, "a string outside any msgid or msgstr"))
                continue
            _read_string(body, indent, start, number, current, path, problems)
            continue
        keyword = _KEYWORD.match(body, indent)
        if not keyword:
            word = stripped.split()[0]
            problems.append(Problem(path, number, f"unknown keyword {word!r}; expected msgctxt, msgid, msgid_plural or msgstr"
                                    if word.isidentifier() or word.startswith("msg") else f"not PO syntax: {stripped[:40]!r}"))
            if entry is not None:
                entry.broken = True
            current = None
            continue
        name = keyword.group(1)
        starts_entry = entry is None or (name in ("msgctxt", "msgid") and (
            entry.translated or name in entry.strings or "msgid" in entry.strings))
        if starts_entry:
            if entry is not None:
                _finish(entry, path, problems)
            entry = _Entry(number)
            entries.append(entry)
        if name in entry.strings:
            problems.append(Problem(path, number, f"{name} given twice in one message"))
        current = entry.strings[name] = _String(number)
        entry.translated = entry.translated or name.startswith("msgstr")
        _read_string(body, keyword.end(), start, number, current, path, problems)
    if entry is not None:
        _finish(entry, path, problems)
    seen: dict[tuple[str | None, str], int] = {}
    for e in entries:
        if "msgid" in e.strings:
            key = ("".join(e.strings["msgctxt"].text) if "msgctxt" in e.strings else None, "".join(e.strings["msgid"].text))
            if key in seen:
                problems.append(Problem(path, e.line, f"duplicate message definition (first at line {seen[key]})"))
            seen.setdefault(key, e.line)
    if problems:
        raise FormatError(sorted(problems, key=lambda p: p.line or 0)[:20])
    return entries


def _finish(entry: _Entry, path: str, problems: list[Problem]) -> None:
    keys = entry.strings
    if entry.broken:
        return
    if "msgid" not in keys:
        problems.append(Problem(path, entry.line, "a message without msgid"))
    elif "msgid_plural" in keys:
        if "msgstr" in keys or not any(k.startswith("msgstr[") for k in keys):
            problems.append(Problem(path, entry.line, "a plural message needs msgstr[0], msgstr[1]..., not msgstr"))
    elif "msgstr" not in keys:
        problems.append(Problem(path, entry.line, "msgid without msgstr" if not any(k.startswith("msgstr[") for k in keys)
                                else "msgstr[n] without msgid_plural"))


def _read_string(body: str, at: int, line_start: int, number: int, string: _String, path: str,
                 problems: list[Problem]) -> None:
    """Read the quoted string starting at ``body[at]`` into ``string``; what follows it must be blank."""
    i = at + 1  # after the opening quote
    plain = _PLAIN.match(body, i)
    if plain:  # the usual string: no escapes, closed on this line
        end = plain.end(1)
        string.text.append(plain.group(1))
        string.positions.extend(range(line_start + i, line_start + end))
        if body[end + 1:].strip():
            problems.append(Problem(path, number, f"text after the closing quote: {body[end + 1:].strip()[:20]!r}"))
        string.end = line_start + end
        return
    while i < len(body):
        ch = body[i]
        if ch == '"':
            if body[i + 1:].strip():
                problems.append(Problem(path, number, f"text after the closing quote: {body[i + 1:].strip()[:20]!r}"))
            string.end = line_start + i
            return
        if ch == "\\":
            if i + 1 >= len(body):
                break
            following = body[i + 1]
            if following in _ESCAPES:
                string.text.append(_ESCAPES[following])
                end = i + 2
            elif octal := _OCTAL.match(body, i + 1):
                string.text.append(chr(int(octal.group(), 8)))
                end = octal.end()
            elif hexadecimal := _HEX.match(body, i + 1):
                string.text.append(chr(int(hexadecimal.group()[1:], 16)))
                end = hexadecimal.end()
            else:
                problems.append(Problem(path, number, f"unknown escape sequence '\\{following}'"))
                i += 2
                continue
            string.positions.append(line_start + i)
            i = end
            continue
        string.text.append(ch)
        string.positions.append(line_start + i)
        i += 1
    problems.append(Problem(path, number, "string not closed: a line must end with '\"'"))
    string.end = line_start + len(body)
