"""The archive's totals in columns: what adding documents one by one gives, also after taking some away."""

import datetime
import random

import numpy as np
import orjson
import pytest

from glossary.audit import ledger as ledger_module
from glossary.audit.documents import DocumentAudit, Example, NameCount
from glossary.audit.formatters import REPORTS
from glossary.audit.ledger import AUDITED, KEY_BYTES, Changes, Inexact, Ledger, to_audit
from glossary.audit.months import FormMonths, MonthColumns
from glossary.audit.months import month_number as _month_number
from glossary.audit.months import month_numbers as _month_numbers
from glossary.audit.report import Audit

FORMS = [("en", "fuzuli", "Fuzuli", "preferred"), ("en", "fuzuli", "Fizuli", "deprecated"),
         ("en", "fuzuli", "Fuzzuli", "unknown"), ("az", "fuzuli", "Füzuli", "preferred"),
         ("ru", "nakhchivan", "Нахчыван", "admitted")]


def documents(count: int, seed: int = 3) -> list[DocumentAudit]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        document = DocumentAudit(f"archive/{number:03}.txt", findings=rng.randint(0, 4))
        if rng.random() < 0.8:
            document.day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
        names = sorted(rng.sample(FORMS, rng.randint(0, len(FORMS))))
        document.names = [NameCount(*name, rng.randint(1, 3)) for name in names]
        document.examples = {name[:3]: [Example(document.path, number, f"a {name[2]} in {number}")]
                             for name in names if name[3] == "unknown"}
        made.append(document)
    return made


def added_one_by_one(documents) -> dict:
    audit = Audit()
    for document in documents:
        audit.add(document)
    return audit.report(1)


def files(documents) -> dict:
    return {"sizes": np.zeros(len(documents), np.int64), "mtimes": np.zeros(len(documents), np.int64),
            "keys": np.zeros((len(documents), KEY_BYTES), np.uint8),
            "days": np.array([d.day.toordinal() if d.day else 0 for d in documents], np.int32),
            "findings": np.array([d.findings for d in documents], np.int32),
            "states": np.full(len(documents), AUDITED, np.int8)}


def ledger_of(documents, old=None) -> Ledger:
    changes = Changes(old or Ledger(), [d.path for d in documents])
    for document in documents:
        changes.add(document, document.day.toordinal() if document.day else 0)
    return changes.apply(files(documents))


@pytest.mark.parametrize("fold_at", [pytest.param(200_000, id="gathered"), pytest.param(3, id="folded-in-as-they-come")])
def test_the_totals_are_those_of_adding_up_every_document(fold_at, monkeypatch):
    monkeypatch.setattr(ledger_module, "_FOLD_AT", fold_at)
    archive = documents(60)
    assert to_audit(ledger_of(archive), None).report(1) == added_one_by_one(archive)


@pytest.mark.parametrize("gone", [pytest.param([5, 17, 40], id="three-in-the-middle"),
                                  pytest.param(list(range(50, 60)), id="the-last-ten")])
@pytest.mark.parametrize("fold_at", [pytest.param(200_000, id="gathered"), pytest.param(2, id="folded-in")])
def test_documents_taken_away_leave_the_totals_of_the_others(gone, fold_at, monkeypatch):
    monkeypatch.setattr(ledger_module, "_FOLD_AT", fold_at)
    """First and last days, months, documents a concept: all as if the documents had never been added."""
    archive = documents(60)
    ledger = ledger_of(archive)
    kept = [d for number, d in enumerate(archive) if number not in gone]
    changes = Changes(ledger, [d.path for d in kept])
    for number in gone:
        changes.remove(archive[number], archive[number].day.toordinal() if archive[number].day else 0)
    assert to_audit(changes.apply(files(kept)), None).report(1) == added_one_by_one(kept)


def test_an_example_taken_away_with_others_unseen_is_inexact():
    """The second document with an unknown variant removed: the third's example is not in the totals."""
    archive = documents(60)
    ledger = ledger_of(archive)
    (second, _), = [(kept[1].path, kept) for kept in ledger.examples.values()]
    number = [d.path for d in archive].index(second)
    changes = Changes(ledger, [d.path for d in archive if d.path != second])
    changes.remove(archive[number], archive[number].day.toordinal() if archive[number].day else 0)
    with pytest.raises(Inexact):
        changes.apply(files([d for d in archive if d.path != second]))


def test_days_are_put_in_months_near_and_far_apart():
    close = np.array([738000, 738031, 738400], np.int64)
    far = np.array([1, 5000, 738000, 3652059], np.int64)
    for days in (close, far):
        assert _month_numbers(days).tolist() == [_month_number(day) for day in days.tolist()]
    assert _month_number(738000) == 2021 * 12 + 7 - 1  # 2021-07-04


@pytest.mark.parametrize("output", sorted(REPORTS))
def test_every_format_writes_the_totals_as_it_writes_the_documents_added_up(output):
    """The months made from the totals (``months.FormMonths``, their JSON written for all forms at once)
    give the very bytes of the dicts ``Audit.add`` keeps, in every format: undated forms, counts of one
    digit and of several."""
    archive = documents(60)
    for number, document in enumerate(archive):
        document.names = [name._replace(occurrences=name.occurrences * 10 ** (number % 7)) for name in document.names]
    audit = Audit()
    for document in archive:
        audit.add(document)
    assert REPORTS[output](to_audit(ledger_of(archive), None).report(1)) == REPORTS[output](audit.report(1))


def test_months_json_of_forms_with_and_without_months():
    numbers = np.array([24000, 24001, 24002, 24005], np.int32)
    sums = np.array([0, 9, 10, 1234567], np.int64)
    columns = MonthColumns(numbers, sums, [0, 0, 1, 1, 4, 4])
    assert [columns.json_of(form) for form in range(5)] == [
        b"{}", b'{"2000-01":0}', b"{}", b'{"2000-02":9,"2000-03":10,"2000-06":1234567}', b"{}"]
    months = FormMonths(columns, 3)
    assert dict(months) == {"2000-02": 9, "2000-03": 10, "2000-06": 1234567} == months
    assert (len(months), months.get("2000-04", 0), months["2000-06"]) == (3, 0, 1234567)
    assert orjson.dumps(dict(months)) == orjson.dumps({"m": months}, default=lambda m: m.json_fragment())[5:-1]
