"""The one finding type, from the engine to every output (text, JSON, SARIF, web)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One name not in its canonical form, located in the file as it was read.

    ``start``/``end``: 0-based offsets in code points into the decoded text;
    ``line``/``column``/``end_line``/``end_column``: 1-based, end exclusive.
    ``suggestion``: the exact text to put in place of ``found`` (same grammatical
    form and letter case), or None when there is none. ``fixable``: whether
    ``--fix`` may apply it (only suggestions that are certain). ``term``: the
    name as a glossary term, uninflected: the glossary's term the finding is
    about, or for ``term.unknown-variant`` that term with its misspelt word as
    written (what ``tilmash audit`` counts and suggests adding). Neither
    ``fixable`` nor ``term`` is in the JSON contract.
    """

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    found: str
    suggestion: str | None
    concept: str | None
    lang: str
    status: str | None
    message: str
    fixable: bool = False
    term: str | None = None

    def to_json(self) -> dict:
        """The JSON contract's object (DESIGN.md): every field but ``fixable`` and ``term``, in this order."""
        return {"path": self.path, "start": self.start, "end": self.end, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column, "rule": self.rule,
                "severity": self.severity.value, "found": self.found, "suggestion": self.suggestion,
                "concept": self.concept, "lang": self.lang, "status": self.status, "message": self.message}
