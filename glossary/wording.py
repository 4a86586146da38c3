"""Counts in messages, in English: "1 term added", "2 terms added"."""

from __future__ import annotations


def plural_ending(number: int) -> str:
    """The English plural's "s" where ``number`` takes one: "" for 1, "s" otherwise."""
    return "" if number == 1 else "s"


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun in the form ``number`` takes: ``noun(1, "column")`` is "column", ``noun(2, "column")`` "columns"."""
    return singular if number == 1 else plural or singular + "s"


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and its noun: ``counted(1, "term")`` is "1 term", ``counted(0, "term")`` "0 terms"."""
    return f"{number} {noun(number, singular, plural)}"
