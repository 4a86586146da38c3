"""Numbers in a segment, read in the notation of its language, and a number written in the notation of another.

English groups thousands with commas and marks decimals with a point (1,500.5);
Russian, Kazakh and Azerbaijani group with spaces (no-break or thin ones too) and mark
decimals with a comma (1 500,5), though Azerbaijani copy often writes a point
(3.4 milyard). A number is read as its value, so that 3.4 in an English source is
found as 3,4 in a Russian target, and a new value is written the way the number it
replaces was: 3,4 -> 3,6.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_GROUPS = " \u00a0\u202f\u2009"
_ENGLISH = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w]|[.,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\w]|[.,]\d)")
_OTHER = re.compile(rf"(?<![\w.,])\d{{1,3}}(?:[{_GROUPS}]\d{{3}})+(?:[,.]\d+)?(?!\w|[.,]\d)|(?<![\w.,])\d+(?:[,.]\d+)?(?!\w|[.,]\d)")
# A number followed straight by letters (2024-cü, 21-го, 5th) is still a number: the letters are its suffix.
_ENGLISH_SUFFIXED = re.compile(_ENGLISH.pattern.replace(r"(?![\w]|[.,]\d)", r"(?![.,]\d)"))
_OTHER_SUFFIXED = re.compile(_OTHER.pattern.replace(r"(?!\w|[.,]\d)", r"(?![.,]\d)"))


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: Decimal
    decimals: int  # digits after the decimal mark as written
    decimal_mark: str | None  # as written, if any
    group: str | None  # the thousands separator as written, if any


def numbers_in(text: str, language: str) -> list[Number]:
    """Every number in ``text`` (a text language: en, ru, az, kk...), with its value."""
    pattern = _ENGLISH_SUFFIXED if language == "en" else _OTHER_SUFFIXED
    found = []
    for match in pattern.finditer(text):
        written = match.group()
        if language == "en":
            group = "," if "," in written else None
            whole, _, fraction = written.replace(",", "").partition(".")
            mark = "." if fraction else None
        else:
            group = next((ch for ch in written if ch in _GROUPS), None)
            digits = "".join(ch for ch in written if ch not in _GROUPS)
            mark = next((ch for ch in digits if ch in ",."), None)
            whole, _, fraction = digits.replace(",", ".").partition(".")
        try:
            value = Decimal(f"{whole}.{fraction}" if fraction else whole)
        except InvalidOperation:
            continue
        found.append(Number(match.start(), match.end(), written, value, len(fraction), mark, group))
    return found


def write_like(value: Decimal, decimals: int, like: Number, language: str) -> str:
    """``value`` with ``decimals`` decimal places, written as ``like`` was (its marks, else the language's)."""
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    group = like.group
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))])
    if not fraction:
        return whole
    mark = like.decimal_mark or ("." if language in ("en", "az") else ",")
    return f"{whole}{mark}{fraction}"
