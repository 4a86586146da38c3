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

from glossary.errors import Problem

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
    the English text where it has none, or in English."""
    message = error.message if isinstance(error, Problem) else str(error)
    message_id = getattr(error, "message_id", None)
    if _english() or message_id not in LIBRARY:
        return message
    arguments = dict(error.arguments)
    if "role" in arguments:  # a role's name, as the UI names it
        arguments["role"] = label(arguments["role"])
    return str(LIBRARY[message_id]) % arguments


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
    problems = [problem_text(Problem(d["path"], d["line"], d["message"], d["id"], d["arguments"])) for d in details]
    message = problems[0] if len(problems) == 1 else ngettext(
        "%(num)s problem: nothing was imported", "%(num)s problems: nothing was imported", len(problems))
    return {"message": message, "problems": problems}


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
