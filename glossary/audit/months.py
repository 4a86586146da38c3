"""Occurrences by month of every form of an archive, as columns, and their JSON written all at once.

The archive's record (``ledger``) gives, form after form, each month's occurrences: 1.47 million
months at 100,000 articles. A dict a form (what ``report.Audit.add`` keeps) would be made, then
walked again to be written as JSON; here the months stay in three columns (``MonthColumns``), their
JSON is written for all forms at once with numpy, and each form gets a ``FormMonths``: a read-only
mapping of YYYY-MM to occurrences (what the text, CSV and HTML reports and the tests read), whose
JSON is a slice of the one written (``json_fragment``, for ``orjson``: the same bytes as its dict's).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping

import numpy as np
import orjson

_NAME = 10  # bytes of '"YYYY-MM":'


def month_numbers(days: np.ndarray) -> np.ndarray:
    """Each day's month (year * 12 + month - 1), from a table of the days between the first and the
    last (of the days seen, when they are centuries apart)."""
    if not len(days):
        return np.zeros(0, np.int32)
    low, high = int(days.min()), int(days.max())
    if high - low > 40_000:
        seen, inverse = np.unique(days, return_inverse=True)
        return np.array([month_number(day) for day in seen.tolist()], np.int32)[inverse]
    return np.array([month_number(day) for day in range(low, high + 1)], np.int32)[days - low]


def month_number(ordinal: int) -> int:
    day = datetime.date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def month_name(number: int) -> str:
    return f"{number // 12:04}-{number % 12 + 1:02}"


class MonthColumns:
    """The months of many forms: ``numbers`` (month numbers) and ``sums`` (occurrences), form after
    form, each form's in the order of its months; the form numbered ``n`` has those from ``bounds[n]``
    to ``bounds[n + 1]`` (``FormMonths(columns, n)``)."""

    def __init__(self, numbers: np.ndarray, sums: np.ndarray, bounds: list[int]):
        self.numbers = numbers
        self.sums = sums
        self.bounds = bounds
        self._json: list[bytes] | None = None

    def json_of(self, form: int) -> bytes:
        """The JSON object of a form's months, as ``orjson.dumps`` writes the dict of them."""
        if self._json is None:
            self._json = _json_objects(self.numbers, self.sums, np.array(self.bounds, np.int64))
        return self._json[form]

    def names(self, start: int, end: int) -> list[str]:
        return [month_name(number) for number in self.numbers[start:end].tolist()]


def _json_objects(numbers: np.ndarray, sums: np.ndarray, bounds: np.ndarray) -> list[bytes]:
    """Each form's ``{"YYYY-MM":N,...}``: written for all months at once as a table of bytes, a row a
    month (``,`` or ``{``, the month, its digits at the right, ``}`` after a form's last; zeros between),
    whose zeros are then left out; each form's object is then one slice of what is left."""
    empty = bounds[1:] == bounds[:-1]
    if not len(sums):
        return [b"{}"] * len(empty)
    if sums.min() < 0:
        raise ValueError("negative occurrences")
    firsts, lasts = bounds[:-1][~empty], bounds[1:][~empty] - 1
    width = len(str(int(sums.max())))
    table = np.zeros((len(sums), 1 + _NAME + width + 1), np.uint8)
    table[:, 0] = ord(",")
    table[firsts, 0] = ord("{")
    table[lasts, -1] = ord("}")
    low, high = int(numbers.min()), int(numbers.max())
    names = np.frombuffer(b"".join(b'"%b":' % month_name(number).encode() for number in range(low, high + 1)),
                          np.uint8).reshape(-1, _NAME)
    table[:, 1:1 + _NAME] = names[numbers - low]
    lengths = np.full(len(sums), 1 + _NAME + 1, np.int64)
    lengths[lasts] += 1
    left = sums.astype(np.int64)
    for place in range(width):  # the last digit of each, then the one before...
        column = table[:, -2 - place]
        if place == 0:
            column[:] = ord("0") + left % 10
        else:
            wanted = left > 0
            column[wanted] = ord("0") + left[wanted] % 10
            lengths += wanted
        left //= 10
    written = table[table != 0].tobytes()
    ends = np.cumsum(lengths)
    objects = iter([written[begin:end] for begin, end in zip((ends - lengths)[firsts].tolist(), ends[lasts].tolist())])
    return [b"{}" if none else next(objects) for none in empty.tolist()]


class FormMonths(Mapping):
    """One form's occurrences by month (YYYY-MM -> occurrences, months in order), read from ``MonthColumns``."""

    __slots__ = ("_columns", "_dict", "_number")

    def __init__(self, columns: MonthColumns, number: int):
        self._columns, self._number = columns, number
        self._dict: dict[str, int] | None = None

    def _months(self) -> dict[str, int]:
        if self._dict is None:
            columns = self._columns
            start, end = columns.bounds[self._number], columns.bounds[self._number + 1]
            self._dict = dict(zip(columns.names(start, end), columns.sums[start:end].tolist()))
        return self._dict

    def __getitem__(self, month: str) -> int:
        return self._months()[month]

    def get(self, month: str, default: int | None = None) -> int | None:  # (Mapping's goes through a KeyError)
        return self._months().get(month, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._months())

    def __len__(self) -> int:
        return self._columns.bounds[self._number + 1] - self._columns.bounds[self._number]

    def __repr__(self) -> str:
        return f"FormMonths({self._months()!r})"

    def json_fragment(self) -> orjson.Fragment:
        return orjson.Fragment(self._columns.json_of(self._number))
