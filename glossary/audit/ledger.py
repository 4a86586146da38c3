"""The audit cache's record of the archive, in columns, changed only where the archive changed.

A ``Ledger`` keeps, for the files of the last run (in the order they were listed), each one's
size, modification time, result key, day, findings and state; and the archive's totals as counts
that can be taken away as well as added: for each form of a name (one id a form) and each day, how
many documents used it and how often (``cells``, three sorted arrays). Everything the report says of
a form is made from these: its documents and occurrences (sums), its first and last day (the first
and last dated cell), its occurrences by month (sums over a month's days). So a run over an
archive with 1% new articles adds their counts, and a changed article takes its old counts away and
adds its new ones, without reading the others' results; the report is made from the kept totals.

Two things cannot always be taken away: the two example documents of an unknown variant (the first
two in the listing's order) and the listing's order itself. When a change leaves them unknown
(``Inexact``), the totals are added up again from every document's kept result.
"""

from __future__ import annotations

import datetime
import marshal
import os
import struct
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..fileio import write_atomically
from ..lint.collector import collector_paused
from .dates import iso_of
from .documents import EXAMPLES, DocumentAudit, Example
from .months import FormMonths, MonthColumns, month_numbers
from .report import MOST_FINDINGS, Audit, FormCount

DAY_BITS = 22  # a cell's key: form id << DAY_BITS | day ordinal (0: undated); ordinals reach 3,652,059
_DAY_MASK = (1 << DAY_BITS) - 1
KEY_BYTES = 32  # a result key (sha256)

_MAGIC = b"tilmash-ledger-1"
_HEAD = struct.Struct("<16sQ")  # the magic, the length of the objects that follow
_FOLD_AT = 200_000  # cells changed, gathered in a dict before they are added to the arrays
AUDITED, SKIPPED = 1, 2  # a file's state; 0: not recorded (unreadable), read again next time


class Inexact(Exception):
    """A change the totals cannot follow by themselves: they are added up again."""


@dataclass
class Ledger:
    # one entry a file, in the order of the listing they were recorded for
    paths: list[str] = field(default_factory=list)
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    mtimes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    keys: np.ndarray = field(default_factory=lambda: np.zeros((0, KEY_BYTES), np.uint8))
    days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # ordinals, 0: undated
    findings: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    states: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    # the totals
    forms: list[tuple[str, str, str, str]] = field(default_factory=list)  # (lang, concept, term, category) by id
    cells: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted keys
    cell_documents: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # (a form's day: int32 is plenty)
    cell_occurrences: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    concept_documents: dict[tuple[str, str], int] = field(default_factory=dict)
    examples: dict[int, list[Example]] = field(default_factory=dict)  # unknown forms' first documents' examples

    _ARRAYS = ("sizes", "mtimes", "keys", "days", "findings", "states", "cells", "cell_documents", "cell_occurrences")

    @classmethod
    def load(cls, path: str | os.PathLike) -> Ledger | None:
        """The ledger written at ``path``, or None (none there, or damaged)."""
        try:
            with open(path, "rb") as data:
                head = data.read(_HEAD.size)
                if len(head) < _HEAD.size:
                    return None
                magic, length = _HEAD.unpack(head)
                if magic != _MAGIC:
                    return None
                with collector_paused():  # (many objects, no cycle)
                    shapes, paths, forms, concepts, examples = marshal.loads(data.read(length))
                    ledger = cls(paths=paths, forms=forms, concept_documents=concepts,
                                 examples={form: [Example(*e) for e in kept] for form, kept in examples.items()})
                for name in cls._ARRAYS:
                    dtype, shape = shapes[name]
                    array = np.empty(shape, dtype)
                    if data.readinto(memoryview(array).cast("B")) != array.nbytes:
                        return None
                    setattr(ledger, name, array)
        except (OSError, KeyError, ValueError, EOFError, TypeError):
            return None
        if not all(len(getattr(ledger, name)) == len(paths) for name in cls._ARRAYS[:6]):
            return None
        return ledger

    def save(self, path: str | os.PathLike) -> None:
        """Written whole to a file beside ``path``, then put in its place (a reader never sees half):
        a header, the objects (``marshal``), then each array's bytes."""
        objects = marshal.dumps(({name: (getattr(self, name).dtype.str, getattr(self, name).shape) for name in self._ARRAYS},
                                 self.paths, self.forms, self.concept_documents,  # (forms: tuples, as marshal keeps them)
                                 {form: [tuple(e) for e in kept] for form, kept in self.examples.items()}))
        arrays = (memoryview(np.ascontiguousarray(getattr(self, name))).cast("B") for name in self._ARRAYS)
        write_atomically(path, [_HEAD.pack(_MAGIC, len(objects)), objects, *arrays], durable=False)


class Changes:
    """The totals of a ledger changed by documents taken away and added (``remove``, ``add``), then
    ``apply``'d: a new ledger for the files of ``paths``."""

    def __init__(self, old: Ledger, paths: list[str]):
        self.old = old
        self.paths = paths
        self.forms = list(old.forms)
        self._form_ids = {form: number for number, form in enumerate(self.forms)}
        self._cells: dict[int, list[int]] = {}  # key -> [documents, occurrences] to add
        self._arrays = (old.cells, old.cell_documents, old.cell_occurrences)  # the cells, as far as folded in
        self.concept_documents = dict(old.concept_documents)
        self._removed_examples: dict[int, int] = {}  # unknown form -> documents with it taken away
        self._added_examples: dict[int, list[Example]] = {}
        self._position: dict[str, int] | None = None
        self._removed_paths: set[str] = set()  # old documents taken away (changed or gone)

    def remove(self, document: DocumentAudit, day: int) -> None:
        self._count(document, day, -1)
        self._removed_paths.add(document.path)
        for lang, concept, term in document.examples:
            form = self._form_ids[(lang, concept, term, "unknown")]
            self._removed_examples[form] = self._removed_examples.get(form, 0) + 1

    def add(self, document: DocumentAudit, day: int) -> None:
        self._count(document, day, 1)
        for (lang, concept, term), examples in document.examples.items():
            self._added_examples.setdefault(self._form_ids[(lang, concept, term, "unknown")], []).append(examples[0])

    def _count(self, document: DocumentAudit, day: int, sign: int) -> None:
        form_ids, cells, concepts = self._form_ids, self._cells, set()
        for lang, concept, term, category, occurrences in document.names:
            name = (lang, concept, term, category)
            form = form_ids.get(name)
            if form is None:
                form = form_ids[name] = len(self.forms)
                self.forms.append(name)
            key = form << DAY_BITS | day
            cell = cells.get(key)
            if cell is None:
                cells[key] = [sign, sign * occurrences]
            else:
                cell[0] += sign
                cell[1] += sign * occurrences
            concepts.add((lang, concept))
        documents = self.concept_documents
        for concept in concepts:
            left = documents.get(concept, 0) + sign
            if left:
                documents[concept] = left
            else:
                del documents[concept]
        if len(cells) >= _FOLD_AT:
            self._fold()

    def _fold(self) -> None:
        """The changes gathered so far added to the sorted cells (a dict of them would take a few hundred
        bytes a cell: the first run over 100,000 articles has two million)."""
        if not self._cells:
            return
        cells, documents, occurrences = self._arrays
        keys = np.fromiter(self._cells, np.int64, len(self._cells))
        changes = np.array(list(self._cells.values()), np.int32).reshape(-1, 2)
        self._cells = {}
        order = np.argsort(keys)
        keys, changes = keys[order], changes[order]
        at = np.searchsorted(cells, keys)
        found = at < len(cells)
        found[found] = cells[at[found]] == keys[found]
        documents, occurrences = documents.copy(), occurrences.copy()
        documents[at[found]] += changes[found, 0]
        occurrences[at[found]] += changes[found, 1]
        new = ~found
        self._arrays = (np.insert(cells, at[new], keys[new]), np.insert(documents, at[new], changes[new, 0]),
                        np.insert(occurrences, at[new], changes[new, 1]))

    def apply(self, files: dict[str, np.ndarray]) -> Ledger:
        """The new ledger: ``files`` its per-file arrays (aligned with ``paths``); Inexact if the
        examples kept cannot be told."""
        self._fold()
        cells, documents, occurrences = self._arrays
        if (documents < 0).any():
            raise Inexact("a document taken away that was not counted")
        if not documents.all():
            kept = documents > 0
            cells, documents, occurrences = cells[kept], documents[kept], occurrences[kept]
        ledger = Ledger(paths=self.paths, forms=self.forms, cells=cells, cell_documents=documents,
                        cell_occurrences=occurrences, concept_documents=self.concept_documents, **files)
        ledger.examples = self._examples(ledger)
        return ledger

    def _examples(self, ledger: Ledger) -> dict[int, list[Example]]:
        """Each unknown form's examples: those of its first ``EXAMPLES`` documents in the listing's order.

        The examples kept before, less the documents taken away, with the added ones, in order: right
        as far as the last kept document that is still listed, for every document not seen here (not
        kept, not taken away, not added) comes after it; Inexact if that is not far enough."""
        examples = dict(self.old.examples)
        touched = set(self._removed_examples) | set(self._added_examples)
        if not touched:
            return examples
        position = self._positions()
        old_documents = _documents_by_form(self.old.cells, self.old.cell_documents, touched)
        for form in touched:
            kept = examples.get(form, [])
            removed = self._removed_examples.get(form, 0)
            survivors = [e for e in kept if e.path not in self._removed_paths]
            # documents with the form before that are neither kept nor taken away: after the kept ones
            unseen = old_documents.get(form, 0) - len(kept) - (removed - (len(kept) - len(survivors)))
            chosen = sorted(survivors + self._added_examples.get(form, []), key=lambda e: position[e.path])[:EXAMPLES]
            if unseen > 0:
                bound = max((position[e.path] for e in kept if e.path in position), default=-1)
                if len(chosen) < EXAMPLES or position[chosen[-1].path] > bound:
                    raise Inexact(f"the examples of {self.forms[form]}")
            if chosen:
                examples[form] = chosen
            else:
                examples.pop(form, None)
        return examples

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {path: number for number, path in enumerate(self.paths)}
        return self._position


def _documents_by_form(cells: np.ndarray, documents: np.ndarray, forms: set[int]) -> dict[int, int]:
    """How many documents use each of ``forms`` (the sum of its cells)."""
    wanted = np.fromiter(forms, np.int64, len(forms))
    starts = np.searchsorted(cells, wanted << DAY_BITS)
    ends = np.searchsorted(cells, (wanted + 1) << DAY_BITS)
    sums = np.concatenate([[0], np.cumsum(documents)])
    return dict(zip(wanted.tolist(), (sums[ends] - sums[starts]).tolist()))


def form_totals(ledger: Ledger):
    """Per form with cells: (form id, documents, occurrences, first, last, months as ``FormMonths``).

    (Columns of int32 where they fit, each made once: the arrays have a cell a form and day, two million
    at 100,000 articles, and a new array's pages cost as much as the arithmetic.)"""
    cells = ledger.cells
    if not len(cells):
        return
    forms = np.right_shift(cells, DAY_BITS, out=np.empty(len(cells), np.int32), casting="unsafe")
    days = np.bitwise_and(cells, _DAY_MASK, out=np.empty(len(cells), np.int32), casting="unsafe")
    new_form = np.empty(len(cells), bool)
    new_form[0] = True
    np.not_equal(forms[1:], forms[:-1], out=new_form[1:])
    starts = np.flatnonzero(new_form)
    documents = np.add.reduceat(ledger.cell_documents, starts, dtype=np.int64).tolist()
    occurrences = np.add.reduceat(ledger.cell_occurrences, starts, dtype=np.int64).tolist()
    form_ids = forms[starts]
    if days.min() > 0:  # (an archive of dated documents: no copies)
        dated_forms, dated_days, dated_occurrences, new_dated_form = forms, days, ledger.cell_occurrences, new_form
    else:
        dated = days > 0
        dated_forms, dated_days, dated_occurrences = forms[dated], days[dated], ledger.cell_occurrences[dated]
        new_dated_form = np.empty(len(dated_forms), bool)
        new_dated_form[:1] = True
        np.not_equal(dated_forms[1:], dated_forms[:-1], out=new_dated_form[1:])
    numbers = month_numbers(dated_days)
    # cells are sorted by form then day: a form's months are together, in order
    new_month = new_dated_form.copy()
    new_month[1:] |= numbers[1:] != numbers[:-1]
    month_starts = np.flatnonzero(new_month)
    month_sums = np.add.reduceat(dated_occurrences, month_starts, dtype=np.int64) if len(month_starts) else np.zeros(0, np.int64)
    month_forms = dated_forms[month_starts]
    # where each form's dated cells and months begin and end
    dated_from = np.searchsorted(dated_forms, form_ids)
    dated_to = np.searchsorted(dated_forms, form_ids, side="right")
    bounds = np.searchsorted(month_forms, form_ids).tolist()
    bounds.append(len(month_starts))  # (the forms are in order: one's months end where the next one's begin)
    columns = MonthColumns(numbers[month_starts], month_sums, bounds)
    has_dated = (dated_to > dated_from).tolist()
    if len(dated_days):
        firsts = dated_days[np.minimum(dated_from, len(dated_days) - 1)].tolist()
        lasts = dated_days[np.maximum(dated_to - 1, 0)].tolist()
    for number, form in enumerate(form_ids.tolist()):
        first, last = (firsts[number], lasts[number]) if has_dated[number] else (None, None)
        yield form, documents[number], occurrences[number], first, last, FormMonths(columns, number)


def to_audit(ledger: Ledger, since: datetime.date | None) -> Audit:
    """The ``report.Audit`` of the ledger's totals: what adding up its documents one by one would give."""
    with collector_paused():  # a FormCount and its months a form: no cycle
        audit = Audit(since)
        audited = ledger.states == AUDITED
        audit.documents = int(audited.sum())
        audit.skipped = int((ledger.states == SKIPPED).sum())
        days = ledger.days[audited]
        audit.undated = int((days == 0).sum())
        dated = days[days > 0]
        if len(dated):
            audit.first, audit.last = (datetime.date.fromordinal(int(d)) for d in (dated.min(), dated.max()))
        findings = np.where(audited, ledger.findings, 0)
        audit.findings = int(findings.sum())
        forms, examples = ledger.forms, ledger.examples
        audit.forms = {forms[form]: FormCount(documents, occurrences, first, last, months, examples.get(form, []))
                       for form, documents, occurrences, first, last, months in form_totals(ledger)}
        audit.months_in_order = True  # (a form's cells are in the order of their days)
        audit.concept_documents = Counter(ledger.concept_documents)
        audit.keep_most_findings(_most_findings(ledger, findings))
    return audit


def _most_findings(ledger: Ledger, findings: np.ndarray) -> list[tuple[int, str, str | None]]:
    """The documents with the most findings (of as many, the first paths): findings, path, ISO day."""
    with_findings = np.flatnonzero(findings)
    if len(with_findings) > MOST_FINDINGS:
        least = np.partition(findings[with_findings], len(with_findings) - MOST_FINDINGS)[-MOST_FINDINGS]
        with_findings = with_findings[findings[with_findings] >= least]
    paths, days = ledger.paths, ledger.days
    entries = sorted(((int(findings[i]), paths[i], int(days[i])) for i in with_findings.tolist()),
                     key=lambda e: (-e[0], e[1]))[:MOST_FINDINGS]
    return [(count, path, iso_of(day) if day else None) for count, path, day in entries]
