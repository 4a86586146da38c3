"""One document audited: which form of which name it writes how often, from the lint engine.

The engine gives the findings (forms that are not accepted in the paragraph's
language, and unknown near misses) and the uses (accepted forms, which make no
finding); this module counts both per language, concept and term, and keeps a
short example of each unknown variant for the terminologist.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import Problem
from ..lint import markup
from ..lint.engine import NameUse
from ..lint.findings import Finding

# How a form stands in the paragraph's language, in the order reports list them.
CATEGORIES = ("preferred", "admitted", "deprecated", "superseded", "anachronism", "wrong-language", "unknown")
_CATEGORY_OF_RULE = {"term.deprecated": "deprecated", "term.superseded": "superseded", "term.anachronism": "anachronism",
                     "term.wrong-language": "wrong-language", "term.unknown-variant": "unknown"}
EXAMPLES = 2  # examples kept of each unknown variant
_CONTEXT = 45  # characters of context on each side of an example


class NameCount(NamedTuple):
    lang: str
    concept: str
    term: str
    category: str
    occurrences: int


class Example(NamedTuple):
    path: str
    line: int
    text: str  # the line around the variant


@dataclass
class DocumentAudit:
    """What one document writes: its names counted, its unknown variants' examples, its findings.

    ``day``: the day it is filed under: ``written`` (its own date) or its file's.
    ``skipped``: dated before ``--since`` (nothing counted). ``problems``: it could
    not be read. ``key``/``payload``: where the counts go in the cache, and what,
    when they were not taken from it (``cached``); ``file``: its size and time,
    by which the cache knows it again without reading it (``indexed``).
    """

    path: str
    day: datetime.date | None = None
    written: datetime.date | None = None
    names: list[NameCount] = field(default_factory=list)
    examples: dict[tuple[str, str, str], list[Example]] = field(default_factory=dict)  # (lang, concept, term)
    findings: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False
    cached: bool = False
    indexed: bool = False
    key: bytes | None = None
    payload: str | None = None
    file: tuple[int, int] | None = None


def count_names(document: DocumentAudit, text: str, kind: str, findings: list[Finding], uses: list[NameUse]) -> None:
    """Fill ``document`` with what the engine found in its ``text`` (of ``kind``: text, markdown, html)."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for use in uses:
        counts[(use.lang, use.concept, use.term, use.status)] += 1
    prose: str | None = None  # the text without its markup, offsets kept: where examples are quoted from
    for finding in findings:
        category = _CATEGORY_OF_RULE.get(finding.rule)
        if category is None or finding.concept is None or finding.term is None:
            continue  # not a name's form (mixed scripts), or a second accepted form (counted as a use)
        name = (finding.lang, finding.concept, finding.term)
        counts[(*name, category)] += 1
        if category == "unknown" and len(document.examples.setdefault(name, [])) < EXAMPLES:
            prose = markup.prose_view(text, kind) if prose is None else prose
            document.examples[name].append(Example(document.path, finding.line, _context(prose, finding.start, finding.end)))
    document.names = [NameCount(*name, count) for name, count in sorted(counts.items())]
    document.findings = len(findings)


def _context(text: str, start: int, end: int) -> str:
    """The line around ``start:end``, cut to a few words on each side, spaces collapsed."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left, right = max(line_start, start - _CONTEXT), min(line_end, end + _CONTEXT)
    if left > line_start:  # whole words only
        left = min(start, text.find(" ", left, start) + 1 or start)
    if right < line_end:
        right = max(end, text.rfind(" ", end, right))
    snippet = " ".join(text[left:right].split())
    return ("…" if left > line_start else "") + snippet + ("…" if right < line_end else "")


def to_payload(document: DocumentAudit) -> str:
    """The counts as the cache keeps them (JSON): all of the audit that depends on the content alone."""
    return json.dumps({
        "names": document.names,
        "examples": [[*name, [list(e) for e in examples]] for name, examples in document.examples.items()],
        "findings": document.findings,
        "written": document.written.isoformat() if document.written else None,
    }, ensure_ascii=False, separators=(",", ":"))


def from_payload(document: DocumentAudit, payload: str) -> None:
    data = json.loads(payload)
    document.names = data["names"]  # lists as NameCount's fields: what ``Audit.add`` unpacks
    # the path is this document's, whatever copy of the same content the cache saw first
    document.examples = {(lang, concept, term): [Example(document.path, line, text) for _, line, text in examples]
                         for lang, concept, term, examples in data["examples"]}
    document.findings = data["findings"]
    document.written = datetime.date.fromisoformat(data["written"]) if data["written"] else None
    document.cached = True
