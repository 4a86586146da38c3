"""Where a text checked by QA is in its file, so that a finding points at the file.

A catalogue's translation is not written in the file as it reads: a PO string
is quoted, escaped and cut over lines. A ``Place`` keeps, for each character of
the text, its offset in the file, and the file's line starts; a finding at
offsets of the text becomes one at the file's offsets, lines and columns (the
lint's contract: 0-based code-point offsets, 1-based lines and columns).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary.lint.findings import Finding
from glossary.lint.rules import RULES

_LINE_BREAK = re.compile("\n")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


@dataclass(frozen=True)
class Place:
    """A text inside a file: ``positions[i]`` is the file offset of the text's character ``i``,
    with one more entry for the end of the text."""

    path: str
    positions: Sequence[int]
    starts: Sequence[int]  # the file's line starts (from line ``first_line`` on: those the text is on, at least)
    first_line: int = 1

    @classmethod
    def whole(cls, path: str, text: str) -> Place:
        """A text that is the whole file (or stands alone, as a text given to the API)."""
        return cls(path, range(len(text) + 1), line_starts(text))

    def _file_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.positions[start]
            return at, at
        return self.positions[start], self.positions[end - 1] + 1

    def finding(self, start: int, end: int, rule: str, found: str, message: str, *, lang: str,
                suggestion: str | None = None, concept: str | None = None, status: str | None = None) -> Finding:
        """A finding at ``start``..``end`` of the text."""
        file_start, file_end = self._file_span(start, end)
        return self.finding_in_file(file_start, file_end, rule, found, message, lang=lang, suggestion=suggestion,
                                    concept=concept, status=status)

    def finding_in_file(self, file_start: int, file_end: int, rule: str, found: str, message: str, *, lang: str,
                        suggestion: str | None = None, concept: str | None = None,
                        status: str | None = None) -> Finding:
        """A finding at offsets of the file (something of the file that is not in the text: a TMX code)."""
        line = max(bisect.bisect_right(self.starts, file_start) - 1, 0)
        end_line = max(bisect.bisect_right(self.starts, file_end) - 1, 0)
        return Finding(
            path=self.path, start=file_start, end=file_end,
            line=line + self.first_line, column=file_start - self.starts[line] + 1,
            end_line=end_line + self.first_line, end_column=file_end - self.starts[end_line] + 1,
            rule=rule, severity=RULES[rule].severity, found=found, suggestion=suggestion,
            concept=concept, lang=lang, status=status, message=message,
        )

    def moved(self, finding: Finding) -> Finding:
        """A finding made on the text alone (the lint's) put at its place in the file; fixes are
        not offered, since the file does not hold the text as it reads."""
        located = self.finding(finding.start, finding.end, finding.rule, finding.found, finding.message,
                               lang=finding.lang, suggestion=finding.suggestion, concept=finding.concept,
                               status=finding.status)
        return dataclasses.replace(located, fixable=False)
