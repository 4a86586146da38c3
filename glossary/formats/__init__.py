"""Glossary file formats behind one interface, chosen by file extension.

Each format module exposes a ``FORMAT`` object with ``read(data, path)`` and
``write(glossary)``; this package keeps the registry.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FormatError
from ..fileio import read_input_file
from ..records import Glossary
from . import csv as csv_format
from . import tbx as tbx_format
from .base import GlossaryFormat

FORMATS: dict[str, GlossaryFormat] = {f.name: f for f in (tbx_format.FORMAT, csv_format.FORMAT)}


def format_for_path(path: str | Path) -> GlossaryFormat:
    """The glossary format of a file, from its extension."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
    raise FormatError.single(path, None, f"unknown glossary file type {suffix or '(no extension)'!r}; expected one of {known}")


def read_glossary_file(path: str | Path) -> Glossary:
    """Read a glossary file (TBX or CSV), raising FormatError with every problem found."""
    fmt = format_for_path(path)
    return fmt.read(read_input_file(path), str(path))
