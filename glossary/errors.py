"""Typed errors of the glossary library; the CLI and the web app turn them into messages.

An error (or a Problem) that a user meets in the web app says what it is as data: ``message_id``, a
key of ``MESSAGES``, and ``arguments``; its English text, the command line's, is built from them. The
web app says the same id in the UI's language (webapp/error_messages.py). One without an id says its
English text everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
}

def english(message_id: str, arguments: dict[str, Any]) -> str:
    """The English text of a message id with its arguments."""
    return MESSAGES[message_id].format(**arguments)


class GlossaryError(Exception):
    """Base class: every error the library raises on bad input or bad requests."""

    message_id: str | None = None
    arguments: dict[str, Any] = {}  # (never changed in place: ``identify`` gives an error its own)

    @classmethod
    def of(cls, message_id: str, **arguments: Any) -> GlossaryError:
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
    def single(cls, path: str | Path, line: int | None, message: str) -> FormatError:
        return cls([Problem(str(path), line, message)])


class InvalidLanguage(GlossaryError):
    """A language code that is not a valid BCP 47 tag for a known language."""


class UnknownStyle(GlossaryError):
    """A house style name that the glossary does not have."""
