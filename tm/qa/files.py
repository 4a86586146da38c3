"""Bilingual files QA reads, chosen by extension: each reader gives translation units."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from glossary.errors import FormatError
from glossary.fileio import open_input_file

from .po import read_po
from .tmx import read_tmx
from .units import Unit

KNOWN = (".po", ".tmx")


def read_units(path: str, *, source_lang: str | None = None) -> Iterable[Unit]:
    """The translation units of a bilingual file; FormatError for a file that cannot be read.

    A catalogue is read whole (a list); a TMX memory as a stream (an iterator: a problem
    found further in the file is raised as it is reached, and whoever reads the units keeps
    nothing of the file then).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in KNOWN:
        raise FormatError.at(path, None, "qa.unknown-file-type", known=", ".join(KNOWN))
    stream = open_input_file(path, stream=True)  # (closed by the reader)
    if suffix == ".po":
        with stream:
            data = stream.read()
        return read_po(data, path, source_lang=source_lang)
    return _streamed(stream, path, source_lang)


def _streamed(stream: BinaryIO, path: str, source_lang: str | None) -> Iterator[Unit]:
    with stream:
        yield from read_tmx(stream, path, source_lang=source_lang)
