"""Gettext PO catalogues: read with every problem located, written with polib.

polib reads and writes the entries; this module adds what a tool that takes
catalogues from outside needs around it:

- decoding by the charset the header declares, refusing a file whose bytes are
  not in that charset (or that is UTF-8 under another charset's name) with the
  line of the problem;
- the problems polib passes over in silence (a string left open, an unescaped
  quote, an unknown keyword), a missing header, and two entries with the same
  msgctxt and msgid, each with its line; all of a file's problems at once;
- the header of a catalogue for a language: ``Language`` in gettext's form and
  ``Plural-Forms`` from Babel's plural rules (CLDR's), so Russian has 3 forms,
  Kazakh and Azerbaijani 2;
- the bytes of a ``.po`` (UTF-8) and of a compiled ``.mo``.

A catalogue of the glossary carries the header field ``X-Tilmash-Glossary``
(``source=en; target=kk`` and the house style, if any), which PO editors keep
when they save (Poedit and Weblate rewrite ``X-Generator``, so that cannot be
the mark): ``tilmash import`` reads such a file as translations of glossary
terms, any other PO as translation memory.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime, timezone

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..errors import FormatError, InvalidLanguage, Problem
from ..languages import normalize_language
from .base import decode_text

GLOSSARY_HEADER = "X-Tilmash-Glossary"
WRAP_WIDTH = 79  # gettext's own width: msgcat and translate-toolkit (Weblate) re-save our entries with the same line breaks
_HEADER_DATE = "%Y-%m-%d %H:%M%z"

_CHARSET = re.compile(rb'^\s*"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.MULTILINE | re.IGNORECASE)
_KEYWORD_LINE = re.compile(r'(?P<keyword>[A-Za-z_]+(?:\[\d+\])?)?\s*(?P<rest>.*)')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPE = re.compile(r'\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+)')
_KEYWORDS = re.compile(r"msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\]")
# A line that is right as it stands (most of them): a keyword, perhaps, and a string with valid escapes only.
_GOOD_LINE = re.compile(r'(?:(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s*)?'
                        r'"(?:[^"\\]++|\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*+"')
_POLIB_SYNTAX = re.compile(r"Syntax error in po file (?:.*?)\(line (\d+)\)(?::\s*(.*))?", re.DOTALL)
_SCRIPT_MODIFIERS = {"Latn": "latin", "Cyrl": "cyrillic", "Arab": "arabic"}


def gettext_language(tag: str) -> str:
    """The ``Language`` header value of a BCP 47 tag: ``kk`` -> ``kk``, ``pt-BR`` -> ``pt_BR``, ``kk-Latn`` -> ``kk@latin``."""
    parts = tag.split("-")
    language, rest = parts[0], parts[1:]
    script = rest.pop(0) if rest and len(rest[0]) == 4 and rest[0].isalpha() else None
    region = rest.pop(0) if rest and len(rest[0]) in (2, 3) else None
    value = language + (f"_{region}" if region else "")
    if script in _SCRIPT_MODIFIERS:
        value += f"@{_SCRIPT_MODIFIERS[script]}"
    return value


def language_from_gettext(value: str) -> str:
    """The BCP 47 tag of a ``Language`` header value: ``kk@latin`` -> ``kk-Latn``, ``pt_BR`` -> ``pt-BR`` (not checked)."""
    value, _, modifier = value.strip().partition("@")
    scripts = {name: script for script, name in _SCRIPT_MODIFIERS.items()}
    language, _, region = value.replace("-", "_").partition("_")
    return "-".join(p for p in (language, scripts.get(modifier.lower(), ""), region) if p)


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header for a language, from Babel's plural rules."""
    return _plural(lang).plural_forms


def plural_count(lang: str) -> int:
    """How many msgstr forms a plural entry has in this language (ru 3, kk 2, az 2)."""
    return _plural(lang).num_plurals


def _plural(lang: str):
    try:
        return get_plural(Locale.parse(lang, sep="-"))
    except (UnknownLocaleError, ValueError):
        return get_plural(lang.split("-")[0])


def language_name(lang: str) -> str:
    """The language's English name from CLDR (``kk`` -> ``Kazakh``), for headers and messages."""
    try:
        return Locale.parse(lang, sep="-").english_name or lang
    except (UnknownLocaleError, ValueError):
        return lang


def header_date(moment: datetime) -> str:
    """A date as PO headers write it: ``2025-03-01 14:05+0000``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime(_HEADER_DATE)


def new_catalogue(metadata: dict[str, str], header: str = "") -> polib.POFile:
    """An empty catalogue with these header fields (in this order) and header comment."""
    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH, encoding="utf-8", check_for_duplicates=True)
    catalogue.header = header
    catalogue.metadata = dict(metadata)
    return catalogue


def catalogue_bytes(catalogue: polib.POFile) -> bytes:
    """The ``.po`` file, UTF-8, ending with a newline."""
    return (str(catalogue).rstrip("\n") + "\n").encode("utf-8")


def mo_bytes(catalogue: polib.POFile) -> bytes:
    """The compiled ``.mo`` file as msgfmt writes it: translated entries only (fuzzy and empty ones are left
    out) and no POT-Creation-Date in the header (a new template alone does not change a compiled catalogue)."""
    compiled = polib.POFile(encoding="utf-8")
    compiled.metadata = {k: v for k, v in catalogue.metadata.items() if k != "POT-Creation-Date"}
    compiled.extend(catalogue)
    return compiled.to_binary()


def header_fields(catalogue: polib.POFile, name: str) -> dict[str, str]:
    """A header field written as ``key=value; key=value`` (``X-Tilmash-Glossary``) as a dict."""
    value = header_value(catalogue, name)
    fields = {}
    for part in value.split(";"):
        key, _, item = part.partition("=")
        if key.strip():
            fields[key.strip().lower()] = item.strip()
    return fields


def is_glossary_catalogue(catalogue: polib.POFile) -> bool:
    """Whether the catalogue is Tilmash's export of the glossary (by its header mark)."""
    return any(k.lower() == GLOSSARY_HEADER.lower() for k in catalogue.metadata)


def read_catalogue(data: bytes, path: str) -> polib.POFile:
    """Parse a PO or POT file, raising FormatError with every problem found, each with its line.

    The one reader of PO files from outside: ``tilmash import`` (glossary
    catalogues and memory), ``tilmash qa`` and ``tilmash po pretranslate`` all
    read with it, so a broken file gets the same message from each.

    Refused: bytes that are not in the declared charset (or a UTF-8 file that
    declares another), an unknown charset, a string left open or with an
    unescaped quote, an unknown keyword, what polib cannot parse, a file
    without a header entry (``msgid ""`` with a Content-Type), and two entries
    with the same msgctxt and msgid.
    """
    return read_catalogue_text(data, path)[0]


def read_catalogue_text(data: bytes, path: str) -> tuple[polib.POFile, str]:
    """``read_catalogue``, and the text it parsed (decoded by the header's charset), for tools that point
    into the file (offsets in this text are offsets in the file as read) or at a header field's line."""
    text = _decode(data, path)
    problems = _syntax_problems(text, path)
    if problems:
        raise FormatError(sorted(problems, key=lambda p: p.line or 0))
    try:
        catalogue = polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
    except (OSError, ValueError, IndexError, KeyError) as exc:
        match = _POLIB_SYNTAX.match(str(exc))
        if match:
            detail = (match.group(2) or "").strip()
            line = int(match.group(1))
            raise (FormatError.at(path, line, "po.syntax-error-detail", detail=detail) if detail
                   else FormatError.at(path, line, "po.syntax-error")) from exc
        raise FormatError.at(path, None, "po.not-po", detail=str(exc)) from exc
    _entry_lines(catalogue, text)
    problems = _header_problems(catalogue, text, path) + _duplicate_problems(catalogue, path)
    if problems:
        raise FormatError(sorted(problems, key=lambda p: p.line or 0))
    return catalogue, text


def header_value(catalogue: polib.POFile, name: str) -> str:
    """A header field's value (the name in any letter case), stripped; empty where the header lacks it."""
    return next((v for k, v in catalogue.metadata.items() if k.lower() == name.lower()), "").strip()


def header_line(text: str, name: str) -> int | None:
    """The line of a header field in the catalogue's text (``read_catalogue_text``), for messages."""
    found = re.search(rf'^[ \t]*"{re.escape(name)}\s*:', text, re.MULTILINE | re.IGNORECASE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def header_language(catalogue: polib.POFile, text: str, path: str, name: str = "Language", *,
                    required: bool = False) -> str | None:
    """The BCP 47 tag of a header field that names a language in gettext's form (``kk``, ``pt_BR``,
    ``kk@latin``; ``Language``, ``X-Source-Language``); None where it is missing or empty (FormatError
    if ``required``), FormatError with the field's line where it is not a language."""
    value = header_value(catalogue, name)
    if not value and required:
        raise FormatError.at(path, _header_entry_line(text), "po.no-language", name=name)
    if not value:
        return None
    try:
        return normalize_language(language_from_gettext(value))
    except InvalidLanguage as exc:
        raise FormatError.at(path, header_line(text, name), "po.bad-language", name=name, value=value) from exc


def _decode(data: bytes, path: str) -> str:
    match = _CHARSET.search(data[:65536])
    charset = match.group(1).decode("ascii", "replace") if match else ""
    if not charset or charset.upper() == "CHARSET" or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, path)  # a template's placeholder: xgettext writes ASCII or UTF-8 under it
    line = data[: match.start(1)].count(b"\n") + 1
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise FormatError.at(path, line, "po.unknown-charset", charset=charset) from None
    if codec.name == "utf-8":
        return decode_text(data, path)
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise FormatError.at(path, line, "po.utf8-declared-other", charset=charset)
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise FormatError.at(path, bad_line, "po.not-in-charset", charset=charset, byte=bad) from exc


def _syntax_problems(text: str, path: str) -> list[Problem]:
    """What polib and Babel read without a word: strings left open, stray quotes, unknown keywords,
    bad escapes, and keywords out of order (a msgid without msgstr, msgstr where a plural entry needs
    msgstr[N], a msgctxt without msgid...). Obsolete entries (``#~``) are checked on their own."""
    problems: list[Problem] = []
    live: list[tuple[int, str | None]] = []
    obsolete: list[tuple[int, str | None]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line, tokens = raw.strip().lstrip("\ufeff"), live
        if line.startswith("#~"):
            line, tokens = line[2:].strip(), obsolete
            if not line or line.startswith("|"):
                continue
        if line.startswith("#"):
            tokens.append((number, "#"))
        if not line or line.startswith("#"):
            continue
        good = _GOOD_LINE.fullmatch(line)
        if good:
            tokens.append((number, good.group(1)))
            continue
        parts = _KEYWORD_LINE.fullmatch(line)  # what is wrong with the line
        keyword, rest = parts.group("keyword"), parts.group("rest")
        if keyword and not _KEYWORDS.fullmatch(keyword):
            problems.append(Problem.of(path, number, "po.unknown-keyword", keyword=keyword))
        elif not rest.startswith('"'):
            problems.append(Problem.of(path, number, "po.no-string-after", keyword=keyword) if keyword
                            else Problem.of(path, number, "po.unexpected-text", text=line[:20]))
        elif not _STRING.fullmatch(rest):
            problems.append(Problem.of(path, number, "po.string-not-closed"))
        else:
            bad = next((e.group() for e in re.finditer(r"\\.", rest[1:-1]) if not _ESCAPE.match(rest[1:-1], e.start())), None)
            if bad:
                problems.append(Problem.of(path, number, "po.invalid-escape", escape=bad))
            tokens.append((number, keyword))
            continue
        tokens.append((number, "?"))  # a broken line still ends what came before it
    return problems + _order_problems(live, path) + _order_problems(obsolete, path)


def _order_problems(tokens: list[tuple[int, str | None]], path: str) -> list[Problem]:
    """Keywords in the order an entry needs: [msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1]...)."""
    problems = []
    state, started = "between", 0  # between entries, after msgctxt, msgid, msgid_plural, in the translations
    continues = False  # whether a string on its own line continues the keyword before it

    def unfinished() -> None:
        if state in ("msgid", "msgid_plural"):
            problems.append(Problem.of(path, started, "po.msgid-without-msgstr"))
        elif state == "msgctxt":
            problems.append(Problem.of(path, started, "po.msgctxt-without-msgid"))

    for number, keyword in tokens:
        if keyword is None:
            if not continues:
                problems.append(Problem.of(path, number, "po.string-without-keyword"))
            continue
        continues = keyword not in ("?", "#")
        if keyword == "#":
            continue
        if keyword == "?":
            state = "between"
        elif keyword == "msgctxt":
            unfinished()
            state, started = "msgctxt", number
        elif keyword == "msgid":
            if state != "msgctxt":
                unfinished()
            state, started = "msgid", number
        elif keyword == "msgid_plural":
            if state != "msgid":
                problems.append(Problem.of(path, number, "po.plural-without-msgid"))
            state = "msgid_plural"
        elif keyword == "msgstr":
            if state == "msgid_plural":
                problems.append(Problem.of(path, number, "po.plural-needs-indexes"))
            elif state != "msgid":
                problems.append(Problem.of(path, number, "po.msgstr-without-msgid"))
            state = "between"
        else:  # msgstr[N]
            if state == "msgid":
                problems.append(Problem.of(path, number, "po.index-without-plural", keyword=keyword))
            elif state not in ("msgid_plural", "plural"):
                problems.append(Problem.of(path, number, "po.index-without-msgid", keyword=keyword))
            state = "plural"
    unfinished()
    return problems


def _entry_lines(catalogue: polib.POFile, text: str) -> None:
    """polib numbers an entry from its first comment; messages point at its msgctxt or msgid line instead."""
    lines = text.splitlines()
    for entry in catalogue:
        number = entry.linenum or 1
        while number <= len(lines) and lines[number - 1].lstrip("\ufeff \t#~").split(" ", 1)[0] not in ("msgctxt", "msgid"):
            number += 1
        entry.linenum = number if number <= len(lines) else entry.linenum


def _header_problems(catalogue: polib.POFile, text: str, path: str) -> list[Problem]:
    if not catalogue.metadata:
        return [Problem.of(path, 1, "po.no-header")]
    if not any(k.lower() == "content-type" and "charset=" in v.lower() for k, v in catalogue.metadata.items()):
        return [Problem.of(path, _header_entry_line(text), "po.no-content-type")]
    return []


def _header_entry_line(text: str) -> int:
    return next((n for n, raw in enumerate(text.splitlines(), start=1) if raw.strip() == 'msgid ""'), 1)


def _duplicate_problems(catalogue: polib.POFile, path: str) -> list[Problem]:
    problems = []
    first: dict[tuple[str | None, str], int | None] = {}
    for entry in catalogue:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            problems.append(Problem.of(path, entry.linenum, "po.duplicate-entry", msgid=entry.msgid, first=first[key])
                            if entry.msgctxt is None else
                            Problem.of(path, entry.linenum, "po.duplicate-entry-in-context", msgid=entry.msgid,
                                       context=entry.msgctxt, first=first[key]))
        else:
            first[key] = entry.linenum
    return problems
