"""``--fix``: the certain suggestions put in place, and only those that hold.

A fix holds when linting the fixed text finds nothing it made: no finding on the fixed
name (an inflection not recognised, a near miss), no finding in its paragraph that was not
there before (a paragraph whose language changed with its names), and nothing left there
that ``--fix`` would change. Fixes that do not hold are taken back, paragraph by paragraph,
and the rest tried again; so a second ``--fix`` changes nothing. A fix that would make a
document write a concept a second accepted way (``term.inconsistent``) is not made at all
(``engine``), nor one that changes a name's language where the text's is not certain.

Only the paragraphs with a fix are linted again, so fixing costs a little more than linting.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

from .document_date import document_date
from .engine import lint_paragraphs, lint_text
from .findings import Finding
from .matcher import Matcher


@dataclass
class Fixed:
    text: str
    applied: list[Finding]  # at offsets in the text as it was
    left: list[Finding]  # the findings not fixed, at offsets in the text as it was


def fix_text(source: str, matcher: Matcher, *, path: str = "-", lang: str = "auto", kind: str = "text",
             rules: frozenset[str] | None = None, jobs: int = 1, date: datetime.date | None = None) -> Fixed:
    """``source`` linted, with every fixable finding's suggestion put in place where it holds
    (``date``: as in ``lint_text``)."""
    findings = lint_text(source, matcher, path=path, lang=lang, kind=kind, rules=rules, jobs=jobs, date=date)
    date = date or document_date(source, kind)  # the fixed text is judged at the same date
    chosen = _apart(f for f in findings if f.fixable)
    fixed = source
    while chosen:
        fixed, moved = _put_in_place(source, chosen)
        spoiled = _spoiled(fixed, moved, chosen, findings, matcher, path, lang, kind, rules, date)
        if not spoiled:
            break
        chosen = [f for i, f in enumerate(chosen) if i not in spoiled]
    else:
        fixed = source
    applied = {id(f) for f in chosen}
    return Fixed(fixed, chosen, [f for f in findings if id(f) not in applied])


def apply_fixes(source: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """``source`` with every fixable finding's suggestion put in place (those overlapping one
    before left out), unchecked; the findings applied."""
    chosen = _apart(f for f in findings if f.fixable)
    return _put_in_place(source, chosen)[0], chosen


def _apart(findings) -> list[Finding]:
    """The findings in file order, each overlapping none before it."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: f.start):
        if not chosen or finding.start >= chosen[-1].end:
            chosen.append(finding)
    return chosen


def _put_in_place(source: str, chosen: list[Finding]) -> tuple[str, list[tuple[int, int]]]:
    """``source`` with the suggestions of ``chosen`` (in order, apart) in place, and where each now is."""
    pieces: list[str] = []
    moved: list[tuple[int, int]] = []
    position = shift = 0
    for finding in chosen:
        pieces.append(source[position:finding.start])
        suggestion = finding.suggestion or ""
        pieces.append(suggestion)
        start = finding.start + shift
        moved.append((start, start + len(suggestion)))
        shift += len(suggestion) - (finding.end - finding.start)
        position = finding.end
    pieces.append(source[position:])
    return "".join(pieces), moved


def _spoiled(fixed: str, moved: list[tuple[int, int]], chosen: list[Finding], findings: list[Finding],
             matcher: Matcher, path: str, lang: str, kind: str, rules: frozenset[str] | None,
             date: datetime.date | None) -> set[int]:
    """The numbers (in ``chosen``) of the fixes that do not hold: see the module."""
    starts = [a for a, _ in moved]
    shifts = [0]  # the shift of each position after the fix before it: fixed offset - original offset
    for (a, b), finding in zip(moved, chosen):
        shifts.append(shifts[-1] + (b - a) - (finding.end - finding.start))
    before = {(f.start, f.end, f.rule) for f in findings}
    spoiled: set[int] = set()
    for (low, high), found in lint_paragraphs(fixed, matcher, starts, path=path, lang=lang, kind=kind, rules=rules,
                                              date=date):
        here = range(bisect.bisect_left(starts, low), bisect.bisect_left(starts, high))
        for finding in found:
            touching = [i for i in here if finding.start < moved[i][1] and moved[i][0] < finding.end]
            if touching:
                spoiled.update(touching)
                continue
            shift = shifts[bisect.bisect_right(starts, finding.start)]
            if finding.fixable or (finding.start - shift, finding.end - shift, finding.rule) not in before:
                spoiled.update(here)  # the paragraph reads otherwise now: its fixes are taken back
    return spoiled
