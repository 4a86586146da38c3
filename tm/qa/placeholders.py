"""Placeholders a program fills in: printf (``%s``, ``%1$d``), Python's ``%(count)d`` and braces (``{city}``, ``{0}``).

Named and numbered placeholders may change places in a translation (``%(name)s``,
``%1$s``, ``{city}``, ``{0}``); unnamed ones (``%s``, ``{}``) are filled in order,
so their order must stay. ``%%``, ``{{`` and ``}}`` are literal characters.

Both kinds are looked for in every unit unless a PO flag turns one off
(``no-c-format``, ``no-python-format``, ``no-python-brace-format``), since a CMS
catalogue rarely flags its strings. A printf flag (``c-format``, ``python-format``...)
makes printf strict, as ``msgfmt --check-format`` reads it; without one the space
flag is not read, so that *50% of* is prose and not ``% o``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

import regex

# Babel's PYTHON_FORMAT with positional arguments (%1$s) and C's length modifiers added.
_PRINTF_FLAGS = {True: "[-#0 +]*", False: "[-#0+]*"}
_PRINTF = {
    strict: regex.compile(r"%(?:(?P<position>[1-9]\d*)\$|\((?P<name>\w*)\))?" + flags
                          + r"(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|ll|[hlLqjzt])?(?P<conversion>[diouxXeEfFgGcrsaAp%])")
    for strict, flags in _PRINTF_FLAGS.items()
}
_BRACE = regex.compile(r"\{\{|\}\}|\{(?P<field>(?:[A-Za-z_]\w*|\d+)?(?:\.\w+|\[[^\]{}]*\])*)(?:![rsa])?(?::[^{}]*)?\}")
PRINTF_FLAGS = frozenset({"c-format", "python-format", "objc-format", "sh-format", "php-format", "perl-format",
                          "awk-format", "gcc-internal-format", "qt-format", "kde-format"})
BRACE_FLAGS = frozenset({"python-brace-format"})


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str
    key: str  # what must be kept: the name or number, with its conversion
    ordered: bool  # unnamed: filled in order


def placeholders(text: str, flags: Collection[str] = ()) -> list[Placeholder]:
    """The placeholders of ``text`` for a unit with these PO flags, in text order."""
    if "%" not in text and "{" not in text:
        return []
    found = []
    printf = not any(f"no-{flag}" in flags for flag in PRINTF_FLAGS)
    brace = not any(f"no-{flag}" in flags for flag in BRACE_FLAGS)
    flagged = any(flag in flags for flag in PRINTF_FLAGS)
    if printf:
        for match in _PRINTF[flagged].finditer(text):
            if match.group("conversion") == "%":
                continue
            name, position = match.group("name"), match.group("position")
            conversion = match.group("conversion")
            if name is not None:
                key = f"%({name}){conversion}"
            elif position is not None:
                key = f"%{position}${conversion}"
            else:
                key = f"%{conversion}"
            found.append(Placeholder(match.start(), match.end(), match.group(), key, name is None and position is None))
    if brace:
        for match in _BRACE.finditer(text):
            if match.group("field") is None:
                continue  # {{ or }}
            field = match.group("field")
            found.append(Placeholder(match.start(), match.end(), match.group(), "{" + field + "}", field == ""))
    return sorted(found, key=lambda p: p.start)


@dataclass(frozen=True)
class Difference:
    """A placeholder of the translation that should not be there (``extra``), one of the source it lacks
    (``placeholder`` is the source's, ``extra`` False), or unnamed ones out of order."""

    placeholder: Placeholder
    kind: str  # "extra", "missing" or "order"
    expected: str | None = None


def compare(source: list[Placeholder], target: list[Placeholder]) -> list[Difference]:
    """What the translation does not keep one for one; unnamed placeholders must also keep their order."""
    if not source and not target:
        return []
    wanted = Counter(p.key for p in source)
    have = Counter(p.key for p in target)
    differences = []
    extra = have - wanted
    for placeholder in target:
        if extra[placeholder.key] > 0:
            extra[placeholder.key] -= 1
            differences.append(Difference(placeholder, "extra"))
    missing = wanted - have
    for placeholder in source:
        if missing[placeholder.key] > 0:
            missing[placeholder.key] -= 1
            differences.append(Difference(placeholder, "missing"))
    if not differences:
        in_source = [p.key for p in source if p.ordered]
        in_target = [p for p in target if p.ordered]
        for expected, placeholder in zip(in_source, in_target):
            if expected != placeholder.key:
                differences.append(Difference(placeholder, "order", expected))
                break
    return differences
