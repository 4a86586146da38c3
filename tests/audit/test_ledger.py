"""The archive's totals in columns: what adding documents one by one gives, also after taking some away."""

import datetime
import random

import numpy as np
import pytest

from glossary.audit import ledger as ledger_module
from glossary.audit.documents import DocumentAudit, Example, NameCount
from glossary.audit.ledger import AUDITED, KEY_BYTES, Changes, Inexact, Ledger, to_audit
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
