"""Error messages in the request's language, for what does not come from the web app's own gettext calls.

The web app writes its own messages with gettext where it raises them. Three kinds come from
elsewhere, in English: werkzeug's answers for a status (405, 413, ...), marshmallow's validation
messages (through webargs), and the messages of the library's typed errors (``glossary/`` and
``tm/`` know no gettext: their messages are the command line's). Each is matched here by its English
template, whose ``{name}`` parts are carried into the translation; a message that matches none is
left as it is. tests/web/test_error_language.py raises each library error listed here through the
library, so a reworded message there fails a test instead of silently staying English.
"""

from __future__ import annotations

import re
from functools import cache

from babel.numbers import format_decimal
from flask import current_app, request
from flask_babel import get_locale
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

# the library's typed errors, as the API and the pages meet them
LIBRARY = [
    ("no concept with id '{id}'", _l("There is no concept with the id “%(id)s”.")),
    ("concept '{id}' was changed by someone else since you opened it; nothing was saved: compare both versions and save again",
     _l("Someone else changed the concept “%(id)s” after you opened it. Nothing was saved: compare both versions and save again.")),
    ("unknown style '{style}'; this glossary has: {known}",
     _l("There is no house style “%(style)s”. The glossary has: %(known)s.")),
    ("unknown language code '{code}': '{language}' is not a language in CLDR",
     _l("Unknown language code “%(code)s”: “%(language)s” is not a language.")),
    ("invalid language code '{code}': expected a BCP 47 tag such as 'en', 'kk' or 'az-Latn'",
     _l("“%(code)s” is not a language code. Use a BCP 47 code such as en, kk or az-Latn.")),
    ("a {what} applies to the po, pot and mo exports; {format} holds every language and style",
     _l("That filter applies to PO, POT and MO files only: %(format)s holds every language and style.")),
    ("a {format} export is for one target language; say which (az, kk, ru...)",
     _l("A %(format)s file is for one target language: choose which (az, kk, ru…).")),
    ("the status filter is about the target language's term; say which target language",
     _l("The status filter is about the target language's terms: choose a target language.")),
    ("the target language is the source language ({lang}); choose another",
     _l("The target language is the same as the source language (%(lang)s): choose another.")),
    ("the source and target languages are the same ({source}, {target})",
     _l("The source and target languages are the same (%(source)s): choose another target.")),
    ("nothing to search for: the text is empty", _l("There is nothing to search for: the text is empty.")),
    ("nothing to look for: the phrase has no words", _l("There is nothing to look for: the phrase has no words.")),
    ("give both --source and --target, or neither", _l("Choose both languages of the pair, or neither.")),
    ("say which language to translate into with {option} (the memory has: {known})",
     _l("Choose the language to translate into (the memory has: %(known)s).")),
    ("no proposal {id}", _l("There is no proposal %(id)s.")),
    ("proposal {id} was already {state}", _l("Proposal %(id)s has already been dealt with.")),
    ("no change {id} of a concept", _l("There is no change %(id)s of a concept.")),
    ("a deleted concept cannot be brought back from one change; import it again",
     _l("A deleted concept cannot be restored from one change: import it again.")),
    ("the term '{text}' ({lang}) is no longer there", _l("The term “%(text)s” (%(lang)s) is no longer there.")),
    # accounts (the admin page)
    ("invalid user name '{name}': use letters, digits, '.', '@', '-' and '_' (at most 100)",
     _l("“%(name)s” cannot be a user name: use letters, digits, “.”, “@”, “-” and “_” (at most 100).")),
    ("the password is too short: at least {min} characters", _l("The password is too short: at least %(min)s characters.")),
    ("user '{name}' already exists", _l("The user “%(name)s” already exists.")),
    ("no user named '{name}'", _l("There is no user “%(name)s”.")),
    ("a token cannot have more rights than its user ({user} is {role})",
     _l("A token cannot have more rights than its user (%(user)s is %(role)s).")),
    ("no API token with id {id}", _l("There is no API token %(id)s.")),
    # what a refused concept lists (glossary/validation.py), one problem each
    ("two preferred terms for concept '{id}' in {lang}: '{first}' ({origin}) and '{second}'; a language has one preferred term",
     _l("Concept “%(id)s” has two preferred terms in %(lang)s: “%(first)s” and “%(second)s”. A language has one preferred term.")),
    ("two preferred terms for concept '{id}' in {lang} in style '{style}': '{first}' ({origin}) and '{second}'; "
     "a language has one preferred term",
     _l("Concept “%(id)s” has two preferred terms in %(lang)s in the house style %(style)s: “%(first)s” and “%(second)s”. "
        "A language has one preferred term in a style.")),
    ("term '{text}' ({lang}) appears twice in concept '{id}' (first: {origin})",
     _l("The term “%(text)s” (%(lang)s) appears twice in concept “%(id)s”.")),
    ("empty term in concept '{id}' ({lang})", _l("Concept “%(id)s” has an empty term (%(lang)s).")),
    ("term '{text}' has leading or trailing spaces", _l("The term “%(text)s” begins or ends with a space.")),
]

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


PLACEHOLDERS = {"lang": r"[\w-]+"}  # a language code: one word, so that what follows it is told apart


def _compile(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{PLACEHOLDERS.get(p, '.*?')})"
                              for i, p in enumerate(parts)), re.DOTALL)


@cache
def _patterns(table: str) -> list[tuple[re.Pattern, object]]:
    return [(_compile(english), translated) for english, translated in (VALIDATION if table == "validation" else LIBRARY)]


def _english() -> bool:
    return str(get_locale() or "en") == "en"


def _translate(message: str, table: str) -> str:
    if _english():
        return message
    for pattern, translated in _patterns(table):
        if (match := pattern.fullmatch(message)) is not None:
            params = match.groupdict()
            if "role" in params:  # a role's name, as the UI names it
                params["role"] = label(params["role"])
            return str(translated) % params
    return message


def library_message(message: str) -> str:
    """A library error's message (or one problem's) in the request's language, where it is a known one."""
    return _translate(message, "library")


def problem_text(problem: Problem) -> str:
    """One problem of a refused input, 'where:line: message', the message in the request's language."""
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return f"{where}: {library_message(problem.message)}"


def validation_problem(message: str) -> str:
    return _translate(message, "validation")


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
