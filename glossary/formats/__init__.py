"""Glossary file formats behind one interface, chosen by file extension.

Each format module exposes a ``FORMAT`` object with ``read(data, path)`` and
``write(glossary)``; this package keeps the registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from ..errors import FormatError, saying
from ..fileio import read_input_file
from ..records import Glossary
from . import csv as csv_format
from . import tbx as tbx_format
from .base import GlossaryFormat

F = TypeVar("F")

FORMATS: dict[str, GlossaryFormat] = {f.name: f for f in (tbx_format.FORMAT, csv_format.FORMAT)}


def format_by_extension(path: str | Path, formats: Iterable[F], unknown: str) -> F:
    """The one of ``formats`` (objects with ``extensions``) a file's extension names; ``unknown``: the
    message id of an extension none of them has."""
    formats = list(formats)
    suffix = Path(path).suffix.lower()
    for fmt in formats:
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(ext for f in formats for ext in f.extensions)
    raise FormatError.at(path, None, unknown, suffix=suffix or saying("file.no-extension"), known=known)


def format_for_path(path: str | Path) -> GlossaryFormat:
    """The glossary format of a file, from its extension."""
    return format_by_extension(path, FORMATS.values(), "glossary.unknown-file-type")


def read_glossary_file(path: str | Path) -> Glossary:
    """Read a glossary file (TBX or CSV), raising FormatError with every problem found."""
    fmt = format_for_path(path)
    return fmt.read(read_input_file(path), str(path))
