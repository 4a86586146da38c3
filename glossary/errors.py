"""Typed errors of the glossary library; the CLI and the web app turn them into messages.

An error (or a Problem) that a user meets in the web app says what it is as data: ``message_id``, a
key of ``MESSAGES``, and ``arguments``; its English text, the command line's, is built from them. The
web app says the same id in the UI's language (webapp/error_messages.py). One without an id says its
English text everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

# the messages of the library's typed errors, by id, in English ({x!r} quotes as Python does)
MESSAGES = {
    "concept.not-found": "no concept with id {id!r}",
    "concept.conflict": "concept {id!r} was changed by someone else since you opened it; nothing was saved: "
                        "compare both versions and save again",
    "style.unknown": "unknown style {style!r}; this glossary has: {known}",
    "language.unknown": "unknown language code {code!r}: {language!r} is not a language in CLDR",
    "language.invalid": "invalid language code {code!r}: expected a BCP 47 tag such as 'en', 'kk' or 'az-Latn'",
    "export.filter-for-catalogues": "a {what} applies to the po, pot and mo exports; {format} holds every language and style",
    "export.needs-target": "a {format} export is for one target language; say which (az, kk, ru...)",
    "export.status-needs-target": "the status filter is about the target language's term; say which target language",
    "export.target-is-source": "the target language is the source language ({lang}); choose another",
    "memory.same-languages": "the source and target languages are the same ({source}, {target})",
    "memory.empty-query": "nothing to search for: the text is empty",
    "memory.phrase-without-words": "nothing to look for: the phrase has no words",
    "memory.half-a-pair": "give both --source and --target, or neither",
    "memory.which-target": "say which language to translate into with {option} (the memory has: {known})",
    "proposal.not-found": "no proposal {id}",
    "proposal.settled": "proposal {id} was already {state}",
    "change.not-found": "no change {id} of a concept",
    "change.of-deleted-concept": "a deleted concept cannot be brought back from one change; import it again",
    "change.term-gone": "the term {text!r} ({lang}) is no longer there",
    "user.invalid-name": "invalid user name {name!r}: use letters, digits, '.', '@', '-' and '_' (at most 100)",
    "user.short-password": "the password is too short: at least {min} characters",
    "user.exists": "user {name!r} already exists",
    "user.not-found": "no user named {name!r}",
    "token.above-its-user": "a token cannot have more rights than its user ({user} is {role})",
    "token.not-found": "no API token with id {id}",
    "term.two-preferred": "two preferred terms for concept {id!r} in {lang}: {first!r} ({origin}) and {second!r}; "
                          "a language has one preferred term",
    "term.two-preferred-in-style": "two preferred terms for concept {id!r} in {lang} in style {style!r}: "
                                   "{first!r} ({origin}) and {second!r}; a language has one preferred term",
    "term.twice": "term {text!r} ({lang}) appears twice in concept {id!r} (first: {origin})",
    "term.empty": "empty term in concept {id!r} ({lang})",
    "term.spaces": "term {text!r} has leading or trailing spaces",
    "term.unknown-style": "unknown style {style!r} on term {text!r}",
    "term.unknown-status": "unknown status {value!r}; one of: {allowed}",
    "term.unknown-case": "unknown case rule {value!r}; one of: {allowed}",
    "term.unknown-part-of-speech": "unknown part of speech {value!r}; one of: {allowed}",
    "term.unknown-style-status": "unknown status in style {style!r} {value!r}; one of: {allowed}",
    "term.not-an-object": "a term must be an object",
    "term.without-text": "a term needs a text",
    "concept.exists": "a concept with id {id!r} already exists",
    # what the memory's file readers find wrong (tm/formats), one problem each
    "file.more-problems": "and {count} more problems",
    "xml.broken": "broken XML: {detail}",
    "tmx.empty-file": "empty file: not TMX",
    "tmx.not-tmx": "not a TMX file: the root element is <{root}>, expected <tmx>",
    "tmx.no-header": "no <header>: TMX needs one, with srclang",
    "tmx.without-language": "{what} without a language",
    "tmx.one-variant": "a unit with {count} variant{plural}: a translation unit needs at least two languages",
    "tmx.two-variants": "two variants in {languages} in one unit",
    "tmx.bad-date": "a date that is not TMX's YYYYMMDDThhmmssZ (such as 20250521T093000Z)",
    "tmx.bad-usagecount": "usagecount {value!r} is not a number",
    "tmx.tuv-without-seg": "<tuv xml:lang=\"{lang}\"> without <seg>",
    "tmx.empty-segment": "empty segment in <tuv xml:lang=\"{lang}\">",
    "po.empty-msgid": "empty msgid",
    "po.control-character": "a control character in the entry: TMX cannot hold it",
    # an input file that cannot be opened (glossary/fileio.py), or of a kind no reader knows
    "file.fifo": "is a FIFO, not a regular file",
    "file.socket": "is a socket, not a regular file",
    "file.device": "is a device, not a regular file",
    "file.special": "is something else, not a regular file",
    "file.folder": "is a folder",
    "file.unreadable": "cannot read file: {reason}",
    "glossary.unreadable": "cannot read glossary: {reason}",
    "file.no-extension": "(no extension)",
    "glossary.unknown-file-type": "unknown glossary file type {suffix!r}; expected one of {known}",
    "memory.unknown-file-type": "unknown memory file type {suffix!r}; expected one of {known}",
    "export.unknown-file-type": "unknown export file type {suffix!r}; expected one of {known}",
    "qa.unknown-file-type": "not a bilingual file QA reads (expected {known})",
    # a zip archive uploaded for the audit, or a folder on the server named for it (glossary/audit/archive.py)
    "zip.not-zip": "not a zip archive ({detail})",
    "zip.too-many-files": "{count:,} files: at most {most:,} are audited at once",
    "zip.name-outside": "{member}: a name that leads outside the archive",
    "zip.link": "{member}: a link, not a document",
    "zip.too-large": "its documents unpack to {megabytes:,} MB: at most {most:,} MB are audited at once",
    "zip.no-document": "no document in it (.txt, .md or .html files)",
    "zip.member-larger": "{member}: larger than the archive says",
    "zip.member-broken": "{member}: cannot be unpacked ({detail})",
    "audit.folder-with-dots": "{name}: give a folder inside the audit folder, without '..'",
    "audit.folder-outside": "{name}: leads outside the audit folder",
    "audit.no-folder": "{name}: no such folder in the audit folder",
    # what the glossary's file readers (glossary/formats) and rules (records, validation) find wrong
    "file.binary": "not a text file (binary data)",
    "file.not-in-encoding": "not valid {encoding} (byte 0x{byte}); save the file as UTF-8",
    "file.nul-characters": "the file contains NUL characters: it is binary, not text",
    "language.unknown-script": "unknown script {script!r} in language code {code!r}",
    "language.unknown-region": "unknown region {region!r} in language code {code!r}",
    "language.invalid-subtag": "invalid subtag {subtag!r} in language code {code!r}",
    "concept.empty-id": "the concept id is empty",
    "concept.invalid-id": "invalid concept id {id!r}: it must start with a letter or '_' "
                          "and contain only letters, digits, '.', '-' and '_' (at most 200 characters)",
    "concept.duplicate-id": "duplicate concept id {id!r}",
    "concept.duplicate-id-at": "duplicate concept id {id!r} (first at line {first})",
    "style.invalid-name": "invalid style name {name!r}: use lowercase letters, digits and single hyphens, such as 'az-official'",
    "period.malformed-date": "malformed date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD",
    "period.no-such-month": "malformed date {text!r}: no such month",
    "period.no-such-day": "malformed date {text!r}: no such day",
    "period.malformed": "malformed period {text!r}: write START/END, such as 2019-03-20/2022-09-17, "
                        "1935/1989 or /1993 (an open end left empty)",
    "period.no-ends": "malformed period {text!r}: give a start, an end or both",
    "period.ends-before-start": "the period {text!r} ends before it starts",
    "period.overlap": "the periods {first!r} and {second!r} overlap; periods of one term must not",
    "term.periods": "term {text!r} ({lang}): {problem}",
    "csv.empty-file": "empty file; expected a header {columns}",
    "csv.bad-header": "bad header: {problems}",
    "csv.missing-columns": "missing column{plural} {columns}",
    "csv.unknown-columns": "unknown column{plural} {columns}; known: {known}",
    "csv.repeated-columns": "repeated column{plural} {columns}",
    "csv.field-count": "expected {expected} fields, found {found}",
    "csv.broken": "broken CSV: {detail}",
    "csv.empty-cell": "empty {column!r}",
    "csv.unknown-value": "unknown {column} {value!r}; use one of {allowed}",
    "csv.valid": "valid: {problem}",
    "csv.concept-field-differs": "{column} of concept {id!r} differs from an earlier row: {value!r} vs {current!r}",
    "csv.style-row-extra": "a row for style {style!r} gives only the term's status in that style; "
                           "put {columns} on the term's row without a style",
    "csv.style-without-term": "style {style!r} gives a status to {text!r} ({lang}), "
                              "but concept {id!r} has no row for that term without a style",
    "csv.style-twice": "{text!r} ({lang}) has two rows for style {style!r}",
    "xml.entities": "the file declares XML entities; entity expansion is off for "
                    "untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)",
    "xml.entities-named": "the file declares XML entities ({name}); entity expansion is off for "
                          "untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)",
    "xml.truncated": "the file ends before <{element}> (line {line}) is closed: is it truncated?",
    "tbx.not-tbx": "not a TBX file: the root element is <{root}>, expected <martif> (TBX 2008) or <tbx> (TBX v3)",
    "tbx.no-entries": "no <{entry}> elements: the file holds no concepts",
    "tbx.misplaced-language": "<{element}> does not belong in a {root} file",
    "tbx.entry-without-terms": "<{entry}> {id} has no terms",
    "tbx.anonymous-entry-without-terms": "<{entry}> has no terms",
    "tbx.language-without-lang": "<{element}> without xml:lang",
    "tbx.term-count": "<{element}> must hold exactly one <term>, found {count}",
    "tbx.unknown-status": "unknown administrativeStatus {value!r}; TBX-Basic allows {allowed}",
    "tbx.unknown-part-of-speech": "unknown partOfSpeech {value!r}; TBX-Basic allows {allowed}",
    "tbx.unknown-case": "unknown case rule {value!r} in note; use one of {allowed}",
    "tbx.second-valid-note": "a second {note} note; put every period in one, separated by ';'",
    "tbx.valid": "{note} {problem}",
    "tbx.empty-term": "empty <term>",
    "tbx.style-twice": "term {text!r} gives two statuses for one style",
    "tbx.not-kept": "{count} {kind} element{plural} not kept: Tilmash has no field for them",
    "po.syntax-error": "PO syntax error",
    "po.syntax-error-detail": "PO syntax error: {detail}",
    "po.not-po": "not a PO file: {detail}",
    "po.no-language": "no {name} in the PO header: it says which language the translations are in",
    "po.bad-language": "the header's {name} {value!r} is not a language code",
    "po.unknown-charset": "unknown charset {charset!r} in the header's Content-Type",
    "po.utf8-declared-other": "the header declares charset={charset}, but the file is UTF-8; "
                              "correct the charset in the header to UTF-8",
    "po.not-in-charset": "not valid {charset} as the header declares (byte 0x{byte}); save the file as UTF-8",
    "po.unknown-keyword": "unknown keyword {keyword!r}; a PO line is a comment (#), "
                          "msgctxt, msgid, msgid_plural, msgstr, msgstr[N] or a quoted string",
    "po.no-string-after": "expected a quoted string after {keyword}",
    "po.unexpected-text": "unexpected text {text!r}",
    "po.string-not-closed": "a string is not closed, or has an unescaped '\"' inside (write \\\" for a quote)",
    "po.invalid-escape": "invalid escape {escape!r} in a string",
    "po.msgid-without-msgstr": "msgid without msgstr after it",
    "po.msgctxt-without-msgid": "msgctxt without msgid after it",
    "po.string-without-keyword": "a string without a keyword (msgid, msgstr...) before it",
    "po.plural-without-msgid": "msgid_plural without msgid before it",
    "po.plural-needs-indexes": "a plural entry (msgid_plural) needs msgstr[0], msgstr[1]...; found msgstr",
    "po.msgstr-without-msgid": "msgstr without msgid before it",
    "po.index-without-plural": "{keyword} in an entry without msgid_plural; use msgstr",
    "po.index-without-msgid": "{keyword} without msgid before it",
    "po.no-header": 'no header entry (msgid "" with Content-Type: text/plain; charset=UTF-8): not a complete PO file',
    "po.no-content-type": 'the header has no "Content-Type: text/plain; charset=..." field',
    "po.duplicate-entry": "duplicate entry: msgid {msgid!r} is already at line {first}",
    "po.not-glossary-catalogue": "not a Tilmash glossary catalogue (its header has no {field} field): "
                                 "a PO file of other origin goes into the translation memory",
    "po.glossary-mark-language": "the header's {field} {role} {value!r} is not a language code",
    "po.glossary-mark-style": "the header's {field} names a house style this glossary does not have: {problem}",
    "po.duplicate-entry-in-context": "duplicate entry: msgid {msgid!r} with msgctxt {context!r} is already at line {first}",
}

def english(message_id: str, arguments: dict[str, Any]) -> str:
    """The English text of a message id with its arguments (a message given as an argument, see ``said``,
    in its English; a list of them joined with '; ')."""
    return MESSAGES[message_id].format(**{name: _english_argument(value) for name, value in arguments.items()})


def said(error: Exception) -> dict[str, Any] | str:
    """An error as another message's argument (``csv.valid``: "valid: {problem}"): its message's id and
    arguments, where it has them (the web app says it in the UI's language too), else its English text."""
    message_id = getattr(error, "message_id", None)
    return {"id": message_id, "arguments": dict(error.arguments)} if message_id else str(error)


def saying(message_id: str, **arguments: Any) -> dict[str, Any]:
    """Message ``message_id`` with ``arguments``, as another message's argument."""
    return {"id": message_id, "arguments": arguments}


def is_said(value: Any) -> bool:
    """Whether an argument is a message of its own (``said``, ``saying``)."""
    return isinstance(value, dict) and "id" in value and "arguments" in value


def _english_argument(value: Any) -> Any:
    if is_said(value):
        return english(value["id"], value["arguments"])
    if isinstance(value, list) and value and all(is_said(v) for v in value):
        return "; ".join(english(v["id"], v["arguments"]) for v in value)
    return value


class GlossaryError(Exception):
    """Base class: every error the library raises on bad input or bad requests."""

    message_id: str | None = None
    arguments: dict[str, Any] = {}  # (never changed in place: ``identify`` gives an error its own)

    @classmethod
    def of(cls, message_id: str, **arguments: Any) -> Self:
        """The error saying message ``message_id`` (a key of MESSAGES) with ``arguments``."""
        error = cls(english(message_id, arguments))
        error.identify(message_id, arguments)
        return error

    def identify(self, message_id: str, arguments: dict[str, Any]) -> None:
        self.message_id, self.arguments = message_id, dict(arguments)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can (with its message's id and
    arguments, where it has one: see MESSAGES)."""

    path: str
    line: int | None
    message: str
    message_id: str | None = field(default=None, compare=False)
    arguments: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, path: str, line: int | None, message_id: str, **arguments: Any) -> Problem:
        return cls(path, line, english(message_id, arguments), message_id, arguments)

    @classmethod
    def from_error(cls, path: str, line: int | None, error: Exception) -> Problem:
        """The problem an error found at ``path:line`` is, with the error's message id if it has one."""
        return cls(path, line, str(error), getattr(error, "message_id", None), dict(getattr(error, "arguments", {})))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class FormatError(GlossaryError):
    """An input file that cannot be read, with every problem found in it.

    Readers collect all problems of a file before raising, so one run shows
    the user everything to fix, not one problem at a time.
    """

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("FormatError needs at least one problem")
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(cls, path: str | Path, line: int | None, message_id: str, **arguments: Any) -> FormatError:
        """The error of a file with one problem: message ``message_id`` (a key of MESSAGES) at ``path:line``."""
        return cls([Problem.of(str(path), line, message_id, **arguments)])


class InvalidValue(GlossaryError, ValueError):
    """A value that breaks a rule (a date, a validity period, a style name, a column's value): a
    ValueError, as what parses a value raises, with its message's id."""


class InvalidLanguage(GlossaryError):
    """A language code that is not a valid BCP 47 tag for a known language."""


class UnknownStyle(GlossaryError):
    """A house style name that the glossary does not have."""
