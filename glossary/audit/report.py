"""The counts of a whole archive, added up one document at a time, and the report made of them.

``Audit.add`` takes each document's counts and keeps only totals (per form: documents,
occurrences, first and last day, occurrences by month), so its size grows with the
names and months seen, not with the number of documents. ``Audit.report`` turns it
into one plain dict, the same for every output format (text, JSON, CSV, HTML).
"""

from __future__ import annotations

import datetime
import functools
import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import Problem
from ..languages import language_sort_key
from ..lint.collector import collector_paused
from .candidates import candidates
from .dates import iso_of, month_of
from .documents import CATEGORIES, EXAMPLES, DocumentAudit, Example

MOST_FINDINGS = 20  # documents listed with the most findings
_CATEGORY_RANK = {category: rank for rank, category in enumerate(CATEGORIES)}


@dataclass(slots=True)
class FormCount:
    """How an archive uses one form of a name in one language."""

    documents: int = 0
    occurrences: int = 0
    first: int | None = None  # days as ordinals (date.toordinal): compared, kept and read back without making dates
    last: int | None = None
    # occurrences by YYYY-MM (a dict: a Counter is slow to make; made from the archive's record, ``months.FormMonths``)
    months: Mapping[str, int] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)  # unknown variants: a few, from different documents


class Audit:
    def __init__(self, since: datetime.date | None = None):
        self.since = since
        self.forms: dict[tuple[str, str, str, str], FormCount] = {}  # (lang, concept, term, category)
        self.concept_documents: Counter[tuple[str, str]] = Counter()  # (lang, concept) -> documents using it
        self.documents = 0  # audited (not skipped, readable)
        self.undated = 0
        self.skipped = 0  # dated before ``since``
        self.problems: list[Problem] = []
        self.findings = 0
        self.first: datetime.date | None = None
        self.last: datetime.date | None = None
        self._most_findings: list[tuple[int, str, str]] = []  # a heap of (findings, reversed path order, ...)
        self.months_in_order = False  # each form's months already in order (made from ``ledger``): not sorted again

    def keep_most_findings(self, documents) -> None:
        """The documents with the most findings, (findings, path, ISO day or None) each, when they are known
        without adding every document (the archive's record, ledger.py): kept as ``add`` keeps them."""
        self._most_findings = [(findings, _Reversed(path), day) for findings, path, day in documents]
        heapq.heapify(self._most_findings)

    def add(self, document: DocumentAudit) -> None:
        if document.problems:
            self.problems.extend(document.problems)
            return
        if document.skipped:
            self.skipped += 1
            return
        day = document.day
        self.documents += 1
        if day is None:
            self.undated += 1
        else:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.findings += document.findings
        month = month_of(day) if day is not None else None
        ordinal = day.toordinal() if day is not None else None
        forms = self.forms
        concepts = set()
        for lang, concept, term, category, occurrences in document.names:  # the loop of an audit: kept plain
            count = forms.get((lang, concept, term, category))
            if count is None:
                count = forms[(lang, concept, term, category)] = FormCount()
            count.documents += 1
            count.occurrences += occurrences
            if month is not None:
                if count.first is None or ordinal < count.first:
                    count.first = ordinal
                if count.last is None or ordinal > count.last:
                    count.last = ordinal
                months = count.months
                months[month] = months.get(month, 0) + occurrences
            concepts.add((lang, concept))
        for concept in concepts:
            self.concept_documents[concept] += 1
        for (lang, concept, term), examples in document.examples.items():
            kept = self.forms[(lang, concept, term, "unknown")].examples
            if len(kept) < EXAMPLES:
                kept.append(examples[0])
        if document.findings:
            entry = (document.findings, _Reversed(document.path), day.isoformat() if day else None)
            if len(self._most_findings) < MOST_FINDINGS:
                heapq.heappush(self._most_findings, entry)
            elif entry > self._most_findings[0]:
                heapq.heapreplace(self._most_findings, entry)

    def report(self, min_count: int = 3) -> dict:
        """The whole audit as plain data (the JSON output), languages and concepts most used first."""
        with collector_paused():  # a dict a form and one of its months: no cycle, and a collection would walk them
            return self._report(min_count)

    def _report(self, min_count: int) -> dict:
        names: dict[tuple[str, str], list[dict]] = {}  # (lang, concept) -> its forms
        in_order = self.months_in_order
        for (lang, concept, term, category), count in self.forms.items():
            months = count.months
            form = {"term": term, "status": category, "documents": count.documents, "occurrences": count.occurrences,
                    "first": iso_of(count.first), "last": iso_of(count.last),
                    "months": months if in_order else {month: months[month] for month in sorted(months)}}
            forms = names.get((lang, concept))
            if forms is None:
                names[(lang, concept)] = [form]
            else:
                forms.append(form)
        languages: dict[str, list[dict]] = {}
        concept_documents = self.concept_documents
        for (lang, concept), forms in names.items():
            if len(forms) > 1:  # (most names have one form)
                forms.sort(key=_form_order)
            languages.setdefault(lang, []).append({
                "concept": concept, "documents": concept_documents[(lang, concept)],
                "occurrences": sum(f["occurrences"] for f in forms) if len(forms) > 1 else forms[0]["occurrences"],
                "forms": forms})
        report_languages = []
        for lang in sorted(languages, key=language_sort_key):
            concepts = languages[lang]
            concepts.sort(key=_concept_order)
            report_languages.append({"lang": lang, "concepts": concepts})
        most = sorted(self._most_findings, reverse=True)
        return {
            "documents": self.documents,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "undated": self.undated,
            "since": _iso(self.since),
            "before_since": self.skipped,
            "unreadable": len({p.path for p in self.problems}),
            "findings": self.findings,
            "languages": report_languages,
            "candidates": candidates(self.forms, min_count),
            "min_count": min_count,
            "most_findings": [{"path": path.value, "findings": findings, "date": day} for findings, path, day in most],
        }


def _form_order(form: dict) -> tuple:
    """Most used forms first; of as many, the accepted ones first, then by spelling."""
    return -form["occurrences"], _CATEGORY_RANK[form["status"]], form["term"]


def _concept_order(concept: dict) -> tuple:
    return -concept["occurrences"], concept["concept"]


@functools.total_ordering
class _Reversed:
    """A path that sorts backwards: of documents with as many findings, the heap keeps the first paths."""

    __slots__ = ("value",)

    def __init__(self, value: str):
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return self.value > other.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value


def summary_line(report: dict) -> str:
    """One line: how many documents, over which days, how many findings, what was left out."""
    text = documents_phrase(report["documents"])
    if report["first"]:
        text += f" dated {report['first']} to {report['last']}"
    if report["undated"]:
        text += f" ({report['undated']:,} undated)"
    text += f", {report['findings']:,} findings"
    if report["since"]:
        text += f"; {report['before_since']:,} dated before {report['since']} left out"
    if report["unreadable"]:
        text += f"; {report['unreadable']:,} not readable"
    return text


def times_phrase(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


def documents_phrase(n: int) -> str:
    return "1 document" if n == 1 else f"{n:,} documents"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None
