"""``--fix``: the certain suggestions put in place, and only those that hold.

A fix holds when linting the fixed text finds nothing it made: no finding on the fixed
name (an inflection not recognised, a near miss), no finding in its paragraph that was not
there before (a paragraph whose language changed with its names), and nothing left there
that ``--fix`` would change. Fixes that do not hold are taken back, paragraph by paragraph,
and the rest tried again; so a second ``--fix`` changes nothing. A fix that would make a
document write a concept a second accepted way (``term.inconsistent``) is not made at all
(``engine``), nor one that changes a name's language where the text's is not certain.

Only the paragraphs with a fix are linted again, so fixing costs a little more than linting;
in plain text they are linted on their own (a paragraph there depends on nothing around it), and
the fixed text is never held whole: it is written out piece by piece (``Fixed.pieces``).
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from .document_date import document_date
from .engine import lint_paragraphs, lint_text
from .findings import Finding
from .language import paragraphs
from .matcher import Matcher
from .rules import RULES


@dataclass
class Fixed:
    source: str  # the text as it was
    applied: list[Finding]  # in file order, apart, at offsets in the text as it was
    left: list[Finding]  # the findings not fixed, at offsets in the text as it was

    def pieces(self) -> Iterator[str]:
        """The fixed text, piece by piece: what is kept of the source and each suggestion."""
        position = 0
        for finding in self.applied:
            yield self.source[position:finding.start]
            yield finding.suggestion or ""
            position = finding.end
        yield self.source[position:]

    @property
    def text(self) -> str:
        """The fixed text, whole."""
        return "".join(self.pieces())


def fix_text(source: str, matcher: Matcher, *, path: str = "-", lang: str = "auto", kind: str = "text",
             rules: frozenset[str] | None = None, jobs: int = 1, date: datetime.date | None = None) -> Fixed:
    """``source`` linted, with every fixable finding's suggestion put in place where it holds
    (``date``: as in ``lint_text``)."""
    findings = lint_text(source, matcher, path=path, lang=lang, kind=kind, rules=rules, jobs=jobs, date=date)
    date = date or document_date(source, kind)  # the fixed text is judged at the same date
    chosen = _apart(f for f in findings if f.fixable)
    while chosen:
        if kind == "text":
            spoiled = _spoiled_in_paragraphs(source, chosen, findings, matcher, path, lang, rules, date)
        else:
            fixed, moved = _put_in_place(source, chosen)
            spoiled = _spoiled(fixed, moved, chosen, findings, matcher, path, lang, kind, rules, date)
        if not spoiled:
            break
        chosen = [f for i, f in enumerate(chosen) if i not in spoiled]
    applied = {id(f) for f in chosen}
    return Fixed(source, chosen, [f for f in findings if id(f) not in applied])


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


def _spoiled_in_paragraphs(source: str, chosen: list[Finding], findings: list[Finding], matcher: Matcher, path: str,
                           lang: str, rules: frozenset[str] | None, date: datetime.date | None) -> set[int]:
    """``_spoiled`` for plain text, without the fixed text whole: the paragraphs with a fix, fixed,
    are put one after the other (blank lines between) and linted as a text of their own."""
    starts = paragraphs(source).starts
    before = {(f.start, f.end, f.rule) for f in findings}
    pieces: list[str] = []
    places: list[tuple[int, int, list[int]]] = []  # each paragraph: where it starts in the new text, in the source, its fixes
    length = 0
    i = 0
    while i < len(chosen):
        index = bisect.bisect_right(starts, chosen[i].start) - 1
        low = starts[index]
        high = starts[index + 1] if index + 1 < len(starts) else len(source)
        fixes = []
        while i < len(chosen) and chosen[i].start < high:
            fixes.append(i)
            i += 1
        text = _fixed_stretch(source, low, high, [chosen[j] for j in fixes]) + "\n\n"
        places.append((length, low, fixes))
        pieces.append(text)
        length += len(text)
    paragraph_rules = (frozenset(RULES) if rules is None else rules) - {"term.inconsistent"}
    found = lint_text("".join(pieces), matcher, path=path, lang=lang, kind="text", rules=paragraph_rules, date=date)
    spoiled: set[int] = set()
    starts_new = [new for new, _, _ in places]
    for finding in found:
        new, low, fixes = places[bisect.bisect_right(starts_new, finding.start) - 1]
        moved = shift = 0  # how much the fixes before a fix, and those before the finding, changed the length
        touching = []
        for j in fixes:
            fix = chosen[j]
            fix_start = new + fix.start - low + moved  # where the fix now is
            fix_end = fix_start + len(fix.suggestion or "")
            if finding.start < fix_end and fix_start < finding.end:
                touching.append(j)
            change = len(fix.suggestion or "") - (fix.end - fix.start)
            moved += change
            if fix_end <= finding.start:
                shift += change
        if touching:
            spoiled.update(touching)
            continue
        start = finding.start - new + low - shift
        if finding.fixable or (start, start + finding.end - finding.start, finding.rule) not in before:
            spoiled.update(fixes)  # the paragraph reads otherwise now: its fixes are taken back
    return spoiled


def _fixed_stretch(source: str, low: int, high: int, fixes: list[Finding]) -> str:
    """source[low:high] with ``fixes`` (in it, in order, apart) in place."""
    pieces, position = [], low
    for fix in fixes:
        pieces.append(source[position:fix.start])
        pieces.append(fix.suggestion or "")
        position = fix.end
    pieces.append(source[position:high])
    return "".join(pieces)
