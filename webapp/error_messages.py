"""Error messages in the request's language, for what does not come from the web app's own gettext calls.

The web app writes its own messages with gettext where it raises them. Three kinds come from
elsewhere, in English: werkzeug's answers for a status (405, 413, ...), marshmallow's validation
messages (through webargs), and the messages of the library's typed errors (``glossary/`` and
``tm/`` know no gettext: their messages are the command line's). A library error carries its
message's id and arguments (glossary/errors.py ``MESSAGES``): it is looked up here by id, and a new id
without an entry here fails tests/web/test_error_language.py. marshmallow's messages come as English
text only: they are matched by their English template, whose ``{name}`` parts are carried into the
translation. A message with no entry is left as it is.
"""

from __future__ import annotations

import re
from functools import cache

from babel.numbers import format_decimal
from flask import current_app, request
from flask_babel import get_locale, ngettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from glossary.errors import FormatError, Problem, is_said

from .labels import label

# marshmallow's and webargs' messages for one field
VALIDATION = [
    ("Missing data for required field.", _l("This field is required.")),
    ("Field may not be null.", _l("This field cannot be null.")),
    ("Unknown field.", _l("This field is not part of the request.")),
    ("Invalid input type.", _l("The body must be a JSON object.")),
    ("Invalid JSON body.", _l("The body is not valid JSON.")),
    ("Invalid type.", _l("The value has the wrong type.")),
    ("Invalid value.", _l("The value is not valid.")),
    ("Not a valid string.", _l("Expected text.")),
    ("Not a valid integer.", _l("Expected a whole number.")),
    ("Not a valid number.", _l("Expected a number.")),
    ("Number too large.", _l("The number is too large.")),
    ("Special numeric values (nan or infinity) are not permitted.", _l("Expected a number (not NaN or infinity).")),
    ("Not a valid boolean.", _l("Expected true or false.")),
    ("Not a valid date.", _l("Expected a date (YYYY-MM-DD).")),
    ("Not a valid datetime.", _l("Expected a date (YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM:SSZ).")),
    ("Not a valid list.", _l("Expected a list.")),
    ("Not a valid mapping type.", _l("Expected an object.")),
    ("Must be one of: {choices}.", _l("Must be one of: %(choices)s.")),
    ("Shorter than minimum length {min}.", _l("Too short: at least %(min)s.")),
    ("Longer than maximum length {max}.", _l("Too long: at most %(max)s.")),
    ("Length must be between {min} and {max}.", _l("The length must be from %(min)s to %(max)s.")),
    ("Length must be {equal}.", _l("The length must be %(equal)s.")),
    ("Must be greater than or equal to {min} and less than or equal to {max}.", _l("Must be from %(min)s to %(max)s.")),
    ("Must be greater than or equal to {min}.", _l("Must be at least %(min)s.")),
    ("Must be less than or equal to {max}.", _l("Must be at most %(max)s.")),
    # the API's own rules about a whole body (webapp/api/schemas.py)
    ("give source and target, or versions (not both)", _l("Send a source and a target, or versions, not both.")),
    ("give both source and target", _l("Send both a source and a target.")),
]

# the arguments that are amounts (files, megabytes, problems)
COUNTS = frozenset({"count", "most", "megabytes"})

# the library's typed errors, by their message id (glossary/errors.py MESSAGES), as the API and the pages meet them
LIBRARY = {
    "concept.not-found": _l("There is no concept with the id “%(id)s”."),
    "concept.conflict": _l("Someone else changed the concept “%(id)s” after you opened it. Nothing was saved: "
                           "compare both versions and save again."),
    "style.unknown": _l("There is no house style “%(style)s”. The glossary has: %(known)s."),
    "language.unknown": _l("Unknown language code “%(code)s”: “%(language)s” is not a language."),
    "language.invalid": _l("“%(code)s” is not a language code. Use a BCP 47 code such as en, kk or az-Latn."),
    "export.filter-for-catalogues": _l("That filter applies to PO, POT and MO files only: %(format)s holds every "
                                       "language and style."),
    "export.needs-target": _l("A %(format)s file is for one target language: choose which (az, kk, ru…)."),
    "export.status-needs-target": _l("The status filter is about the target language's terms: choose a target language."),
    "export.target-is-source": _l("The target language is the same as the source language (%(lang)s): choose another."),
    "memory.same-languages": _l("The source and target languages are the same (%(source)s): choose another target."),
    "memory.empty-query": _l("There is nothing to search for: the text is empty."),
    "memory.phrase-without-words": _l("There is nothing to look for: the phrase has no words."),
    "memory.half-a-pair": _l("Choose both languages of the pair, or neither."),
    "memory.which-target": _l("Choose the language to translate into (the memory has: %(known)s)."),
    "proposal.not-found": _l("There is no proposal %(id)s."),
    "proposal.settled": _l("Proposal %(id)s has already been dealt with."),
    "change.not-found": _l("There is no change %(id)s of a concept."),
    "change.of-deleted-concept": _l("A deleted concept cannot be restored from one change: import it again."),
    "change.term-gone": _l("The term “%(text)s” (%(lang)s) is no longer there."),
    # accounts (the admin page)
    "user.invalid-name": _l("“%(name)s” cannot be a user name: use letters, digits, “.”, “@”, “-” and “_” (at most 100)."),
    "user.short-password": _l("The password is too short: at least %(min)s characters."),
    "user.exists": _l("The user “%(name)s” already exists."),
    "user.not-found": _l("There is no user “%(name)s”."),
    "token.above-its-user": _l("A token cannot have more rights than its user (%(user)s is %(role)s)."),
    "token.not-found": _l("There is no API token %(id)s."),
    # what a refused concept lists (glossary/validation.py), one problem each
    "term.two-preferred": _l("Concept “%(id)s” has two preferred terms in %(lang)s: “%(first)s” and “%(second)s”. "
                             "A language has one preferred term."),
    "term.two-preferred-in-style": _l("Concept “%(id)s” has two preferred terms in %(lang)s in the house style "
                                      "%(style)s: “%(first)s” and “%(second)s”. A language has one preferred term in a style."),
    "term.twice": _l("The term “%(text)s” (%(lang)s) appears twice in concept “%(id)s”."),
    "term.empty": _l("Concept “%(id)s” has an empty term (%(lang)s)."),
    "term.spaces": _l("The term “%(text)s” begins or ends with a space."),
    "term.unknown-style": _l("There is no house style “%(style)s” (on the term “%(text)s”)."),
    "term.unknown-status": _l("Unknown status “%(value)s”: use one of %(allowed)s."),
    "term.unknown-case": _l("Unknown case rule “%(value)s”: use one of %(allowed)s."),
    "term.unknown-part-of-speech": _l("Unknown part of speech “%(value)s”: use one of %(allowed)s."),
    "term.unknown-style-status": _l("Unknown status “%(value)s” in the house style “%(style)s”: use one of %(allowed)s."),
    "term.not-an-object": _l("A term must be an object."),
    "term.without-text": _l("A term needs a text."),
    "concept.exists": _l("A concept with the id “%(id)s” already exists."),
    # what the memory's file readers find wrong (tm/formats), one problem each
    "file.more-problems": _l("and %(count)s more problems"),
    "xml.broken": _l("The file is not well-formed XML: %(detail)s"),
    "tmx.empty-file": _l("The file is empty: it is not TMX."),
    "tmx.not-tmx": _l("This is not a TMX file: the root element is <%(root)s>, not <tmx>."),
    "tmx.no-header": _l("The file has no <header>: TMX needs one, with srclang."),
    "tmx.without-language": _l("%(what)s has no language."),
    "tmx.one-variant": _l("Variants in this unit: %(count)s. A translation unit needs at least two languages."),
    "tmx.two-variants": _l("The unit has two variants in the same language (%(languages)s)."),
    "tmx.bad-date": _l("A date is not in TMX's format YYYYMMDDThhmmssZ (such as 20250521T093000Z)."),
    "tmx.bad-usagecount": _l("usagecount “%(value)s” is not a number."),
    "tmx.tuv-without-seg": _l("<tuv xml:lang=\"%(lang)s\"> has no <seg>."),
    "tmx.empty-segment": _l("The segment in <tuv xml:lang=\"%(lang)s\"> is empty."),
    "po.empty-msgid": _l("The entry's msgid is empty."),
    "po.control-character": _l("The entry holds a control character, which TMX cannot hold."),
    # an input file that cannot be opened, or of a kind no reader knows
    "file.fifo": _l("This is a FIFO (a named pipe), not a regular file."),
    "file.socket": _l("This is a socket, not a regular file."),
    "file.device": _l("This is a device, not a regular file."),
    "file.special": _l("This is not a regular file."),
    "file.folder": _l("This is a folder, not a file."),
    "file.unreadable": _l("The file cannot be read: %(reason)s"),
    "glossary.unreadable": _l("The glossary cannot be read: %(reason)s"),
    "file.no-extension": _l("(no extension)"),
    "glossary.unknown-file-type": _l("“%(suffix)s” is not a glossary file type: use %(known)s."),
    "memory.unknown-file-type": _l("“%(suffix)s” is not a memory file type: use %(known)s."),
    "export.unknown-file-type": _l("“%(suffix)s” is not an export file type: use %(known)s."),
    "qa.unknown-file-type": _l("QA reads bilingual files only (%(known)s)."),
    # a zip archive uploaded for the audit, or a folder on the server named for it
    "zip.not-zip": _l("This is not a zip archive."),  # (zipfile's English reason is for the command line)
    "zip.too-many-files": _l("The archive holds %(count)s files: at most %(most)s are audited at once."),
    "zip.name-outside": _l("“%(member)s”: the name leads outside the archive."),
    "zip.link": _l("“%(member)s” is a link, not a document."),
    "zip.too-large": _l("The archive's documents unpack to %(megabytes)s MB: at most %(most)s MB are audited at once."),
    "zip.no-document": _l("The archive holds no document (.txt, .md or .html files)."),
    "zip.member-larger": _l("“%(member)s” is larger than the archive says."),
    "zip.member-broken": _l("“%(member)s” cannot be unpacked (%(detail)s)."),
    "audit.folder-with-dots": _l("“%(name)s”: name a folder inside the audit folder, without “..”."),
    "audit.folder-outside": _l("“%(name)s” leads outside the audit folder."),
    "audit.no-folder": _l("There is no folder “%(name)s” in the audit folder."),
    # what the glossary's file readers (glossary/formats) and rules (records, validation) find wrong, one problem each
    "file.binary": _l("This is not a text file: it holds binary data."),
    "file.not-in-encoding": _l("The file is not valid %(encoding)s (byte 0x%(byte)s): save it as UTF-8."),
    "file.nul-characters": _l("The file contains NUL characters: it is binary, not text."),
    "language.unknown-script": _l("Unknown script “%(script)s” in the language code “%(code)s”."),
    "language.unknown-region": _l("Unknown region “%(region)s” in the language code “%(code)s”."),
    "language.invalid-subtag": _l("Invalid part “%(subtag)s” in the language code “%(code)s”."),
    "concept.empty-id": _l("The concept id is empty."),
    "concept.invalid-id": _l("“%(id)s” cannot be a concept id: it must start with a letter or “_” and contain only "
                             "letters, digits, “.”, “-” and “_” (at most 200 characters)."),
    "concept.duplicate-id": _l("The concept id “%(id)s” appears twice."),
    "concept.duplicate-id-at": _l("The concept id “%(id)s” appears twice (first on line %(first)s)."),
    "style.invalid-name": _l("“%(name)s” cannot be a house style name: use lowercase letters, digits and single "
                             "hyphens, such as az-official."),
    "period.malformed-date": _l("The date “%(text)s” is malformed: use YYYY, YYYY-MM or YYYY-MM-DD."),
    "period.no-such-month": _l("The date “%(text)s” is malformed: there is no such month."),
    "period.no-such-day": _l("The date “%(text)s” is malformed: there is no such day."),
    "period.malformed": _l("The period “%(text)s” is malformed: write START/END, such as 2019-03-20/2022-09-17, "
                           "1935/1989 or /1993 (an open end left empty)."),
    "period.no-ends": _l("The period “%(text)s” is malformed: give a start, an end or both."),
    "period.ends-before-start": _l("The period “%(text)s” ends before it starts."),
    "period.overlap": _l("The periods “%(first)s” and “%(second)s” overlap: the periods of one term must not."),
    "term.periods": _l("Term “%(text)s” (%(lang)s): %(problem)s"),
    "csv.empty-file": _l("The file is empty: a header %(columns)s is expected."),
    "csv.bad-header": _l("The header is wrong: %(problems)s"),
    "csv.missing-columns": _l("missing columns: %(columns)s"),
    "csv.unknown-columns": _l("unknown columns: %(columns)s (known: %(known)s)"),
    "csv.repeated-columns": _l("repeated columns: %(columns)s"),
    "csv.field-count": _l("Expected %(expected)s fields, found %(found)s."),
    "csv.broken": _l("The CSV is broken: %(detail)s"),
    "csv.empty-cell": _l("The column “%(column)s” is empty."),
    "csv.unknown-value": _l("Column “%(column)s”: unknown value “%(value)s”; use one of %(allowed)s."),
    "csv.valid": _l("Column “valid”: %(problem)s"),
    "csv.concept-field-differs": _l("Column “%(column)s” of concept “%(id)s” differs from an earlier row: "
                                    "“%(value)s”, earlier “%(current)s”."),
    "csv.style-row-extra": _l("A row for the house style “%(style)s” gives only the term's status in that style: "
                              "put %(columns)s on the term's row without a style."),
    "csv.style-without-term": _l("The house style “%(style)s” gives a status to “%(text)s” (%(lang)s), but concept "
                                 "“%(id)s” has no row for that term without a style."),
    "csv.style-twice": _l("“%(text)s” (%(lang)s) has two rows for the house style “%(style)s”."),
    "xml.entities": _l("The file declares XML entities. Entity expansion is off for files from outside, so the file "
                       "is refused (this is how billion-laughs and XXE attacks work)."),
    "xml.entities-named": _l("The file declares XML entities (%(name)s). Entity expansion is off for files from "
                             "outside, so the file is refused (this is how billion-laughs and XXE attacks work)."),
    "xml.truncated": _l("the file ends before <%(element)s> (line %(line)s) is closed: is it cut short?"),
    "tbx.not-tbx": _l("This is not a TBX file: the root element is <%(root)s>, not <martif> (TBX 2008) or <tbx> (TBX v3)."),
    "tbx.no-entries": _l("The file has no <%(entry)s> elements: it holds no concepts."),
    "tbx.misplaced-language": _l("<%(element)s> does not belong in a %(root)s file."),
    "tbx.entry-without-terms": _l("<%(entry)s> %(id)s has no terms."),
    "tbx.anonymous-entry-without-terms": _l("<%(entry)s> has no terms."),
    "tbx.language-without-lang": _l("<%(element)s> has no xml:lang."),
    "tbx.term-count": _l("<%(element)s> must hold exactly one <term>; it holds %(count)s."),
    "tbx.unknown-status": _l("Unknown administrativeStatus “%(value)s”: TBX-Basic allows %(allowed)s."),
    "tbx.unknown-part-of-speech": _l("Unknown partOfSpeech “%(value)s”: TBX-Basic allows %(allowed)s."),
    "tbx.unknown-case": _l("Unknown case rule “%(value)s” in a note: use one of %(allowed)s."),
    "tbx.second-valid-note": _l("A second %(note)s note: put every period in one, separated by “;”."),
    "tbx.valid": _l("%(note)s %(problem)s"),
    "tbx.empty-term": _l("The <term> is empty."),
    "tbx.style-twice": _l("The term “%(text)s” gives two statuses for one house style."),
    "tbx.not-kept": _l("%(kind)s elements not kept (%(count)s): Tilmash has no field for them."),
    "po.syntax-error": _l("PO syntax error."),
    "po.syntax-error-detail": _l("PO syntax error: %(detail)s"),
    "po.not-po": _l("This is not a PO file: %(detail)s"),
    "po.no-language": _l("The PO header has no %(name)s: it says which language the translations are in."),
    "po.bad-language": _l("The header's %(name)s “%(value)s” is not a language code."),
    "po.unknown-charset": _l("Unknown charset “%(charset)s” in the header's Content-Type."),
    "po.utf8-declared-other": _l("The header declares charset=%(charset)s, but the file is UTF-8: correct the "
                                 "charset in the header to UTF-8."),
    "po.not-in-charset": _l("The file is not valid %(charset)s as the header declares (byte 0x%(byte)s): save it as UTF-8."),
    "po.unknown-keyword": _l("Unknown keyword “%(keyword)s”: a PO line is a comment (#), msgctxt, msgid, "
                             "msgid_plural, msgstr, msgstr[N] or a quoted string."),
    "po.no-string-after": _l("A quoted string is expected after %(keyword)s."),
    "po.unexpected-text": _l("Unexpected text “%(text)s”."),
    "po.string-not-closed": _l("A string is not closed or has an unescaped quotation mark inside (write \\\" for one)."),
    "po.invalid-escape": _l("Invalid escape “%(escape)s” in a string."),
    "po.msgid-without-msgstr": _l("A msgid without a msgstr after it."),
    "po.msgctxt-without-msgid": _l("A msgctxt without a msgid after it."),
    "po.string-without-keyword": _l("A string without a keyword (msgid, msgstr…) before it."),
    "po.plural-without-msgid": _l("A msgid_plural without a msgid before it."),
    "po.plural-needs-indexes": _l("A plural entry (msgid_plural) needs msgstr[0], msgstr[1]…; this one has msgstr."),
    "po.msgstr-without-msgid": _l("A msgstr without a msgid before it."),
    "po.index-without-plural": _l("%(keyword)s in an entry without msgid_plural: use msgstr."),
    "po.index-without-msgid": _l("%(keyword)s without a msgid before it."),
    "po.no-header": _l("There is no header entry (msgid \"\" with Content-Type: text/plain; charset=UTF-8): "
                       "this is not a complete PO file."),
    "po.no-content-type": _l("The header has no field “Content-Type: text/plain; charset=…”."),
    "po.duplicate-entry": _l("Duplicate entry: msgid “%(msgid)s” is already on line %(first)s."),
    "po.not-glossary-catalogue": _l("This is not a Tilmash glossary catalogue (its header has no %(field)s field): "
                                    "a PO file of other origin goes into the translation memory."),
    "po.glossary-mark-language": _l("The header's %(field)s names “%(value)s” as a language: that is not a language code."),
    "po.glossary-mark-style": _l("The header's %(field)s names a house style this glossary does not have: %(problem)s"),
    "po.duplicate-entry-in-context": _l("Duplicate entry: msgid “%(msgid)s” with msgctxt “%(context)s” is already "
                                        "on line %(first)s."),
}

# an import that failed for a reason of the server's, not of its files (webapp/import_jobs.py)
IMPORT_FAILURES = {
    "server-stopped": _l("The server stopped during the import. Nothing was imported: upload the files again."),
    "internal": _l("Internal error: the import failed and nothing was imported."),
}

# werkzeug's answer for a status, where the app gave none of its own
STATUS = {
    400: _l("the request is not valid"),
    401: _l("sign in or send an API token (Authorization: Bearer ...)"),
    403: _l("not allowed"),
    405: _l("this address does not take %(method)s requests"),
    406: _l("this address cannot answer in the format asked for"),
    413: _l("the request is larger than the server accepts (at most %(size)s MB)"),
    415: _l("the server does not read this type of content"),
    429: _l("too many requests: wait a moment and try again"),
    500: _l("internal error: the server could not answer this request"),
    503: _l("the service is not available right now: try again in a moment"),
}


def _compile(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)), re.DOTALL)


@cache
def _validation_patterns() -> list[tuple[re.Pattern, object]]:
    return [(_compile(english), translated) for english, translated in VALIDATION]


def _english() -> bool:
    return str(get_locale() or "en") == "en"


def library_message(error: Exception | Problem) -> str:
    """A library error's message (or one problem's) in the request's language, by its message id;
    the English text where it has none, or in English. A refused file's problems, each where it is, joined."""
    if isinstance(error, FormatError):
        return "; ".join(problem_text(p) for p in error.problems)
    message = error.message if isinstance(error, Problem) else str(error)
    message_id = getattr(error, "message_id", None)
    if _english() or message_id not in LIBRARY:
        return message
    return _in_language(message_id, error.arguments)


def _in_language(message_id: str, arguments: dict) -> str:
    """Message ``message_id``'s UI sentence with ``arguments``, a message given as an argument in the UI's
    language too (its English where it has no sentence)."""
    arguments = {name: _argument(value) for name, value in arguments.items()}
    for name in COUNTS.intersection(arguments):  # written as the locale writes numbers (an id or a line is not)
        arguments[name] = format_decimal(arguments[name], locale=get_locale())
    if "role" in arguments:  # a role's name, as the UI names it
        arguments["role"] = label(arguments["role"])
    return str(LIBRARY[message_id]) % arguments


def _argument(value):
    if is_said(value):
        return _in_language(value["id"], value["arguments"])
    if isinstance(value, list) and value and all(is_said(v) for v in value):
        return "; ".join(_argument(v) for v in value)
    return value


def problem_text(problem: Problem) -> str:
    """One problem of a refused input, 'where:line: message', the message in the request's language."""
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return f"{where}: {library_message(problem)}"


def failure_in_request_language(error: dict) -> dict:
    """A failed import's ``message`` and ``problems`` (import_jobs keeps each problem as data as well)
    in the request's language."""
    details, kind = error.get("details"), error.get("kind")
    if _english() or not (details or kind in IMPORT_FAILURES):
        return {"message": error["message"], "problems": error["problems"]}
    if kind in IMPORT_FAILURES:
        return {"message": str(IMPORT_FAILURES[kind]), "problems": []}
    problems = [problem_text(_problem_of(d)) for d in details]
    message = problems[0] if len(problems) == 1 else ngettext(
        "%(num)s problem: nothing was imported", "%(num)s problems: nothing was imported", len(problems))
    return {"message": message, "problems": problems}


def report_in_request_language(report: dict) -> dict:
    """A finished import's report with its ``warnings`` in the request's language (import_jobs keeps each
    warning as data as well, ``warning_details``, which the report's readers do not get)."""
    details = report.get("warning_details")
    shown = {k: v for k, v in report.items() if k != "warning_details"}
    if _english() or not details:
        return shown
    return {**shown, "warnings": [problem_text(_problem_of(d)) for d in details]}


def _problem_of(detail: dict) -> Problem:
    """A problem that import_jobs kept as data (``problem_json``)."""
    return Problem(detail["path"], detail["line"], detail["message"], detail["id"], detail["arguments"])


def validation_problem(message: str) -> str:
    """marshmallow's and webargs' messages, which come as English text only: matched by their template."""
    if _english():
        return message
    for pattern, translated in _validation_patterns():
        if (match := pattern.fullmatch(message)) is not None:
            return str(translated) % match.groupdict()
    return message


def status_message(error: HTTPException) -> str:
    """The message for a werkzeug error: the app's own description, else the status's, translated."""
    if error.description and error.description != type(error).description:
        return error.description
    if error.code == 413:
        size = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        return str(STATUS[413]) % {"size": format_decimal(round(size / (1024 * 1024), 1), locale=get_locale())}
    if error.code == 405:
        return str(STATUS[405]) % {"method": request.method}
    if error.code in STATUS:
        return str(STATUS[error.code])
    return error.description or error.name
