"""Bilingual files QA reads, chosen by extension: each reader gives translation units."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glossary.errors import FormatError

from .po import read_po
from .tmx import read_tmx
from .units import Unit

READERS: dict[str, Callable[..., list[Unit]]] = {".po": read_po, ".tmx": read_tmx}


def read_units(path: str, *, source_lang: str | None = None) -> list[Unit]:
    """The translation units of a bilingual file; FormatError for a file that cannot be read."""
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        known = ", ".join(READERS)
        raise FormatError.single(path, None, f"not a bilingual file QA reads (expected {known})")
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise FormatError.single(path, None, "is a folder") from None
    except OSError as exc:
        raise FormatError.single(path, None, f"cannot read file: {exc.strerror or exc}") from exc
    return reader(data, path, source_lang=source_lang)
