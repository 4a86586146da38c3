"""Typed errors of the glossary library; the CLI and the web app turn them into messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class GlossaryError(Exception):
    """Base class: every error the library raises on bad input or bad requests."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    path: str
    line: int | None
    message: str

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
