"""Reading the documents to lint and writing fixed ones back, with clear errors."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatError
from ..fileio import write_atomically
from ..formats.base import decode_text

STDIN = "-"
# Extensions linted when a folder is given.
DOCUMENT_EXTENSIONS = (".txt", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    bom: bool = False


def read_document(path: str) -> Document:
    """A text file (or standard input for ``-``) decoded as UTF-8; FormatError if it is not text."""
    data = read_bytes(path)
    return Document(path, decode_text(data, path), bom=data.startswith(codecs.BOM_UTF8))


def read_bytes(path: str) -> bytes:
    """A document's bytes (standard input's for ``-``); FormatError if it cannot be read."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise FormatError.single(path, None, "is a folder") from None
    except OSError as exc:
        raise FormatError.single(path, None, f"cannot read file: {exc.strerror or exc}") from exc


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given, and the documents inside the folders given, in a stable order."""
    expanded: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            expanded.extend(str(p) for p in sorted(folder.rglob("*"))
                            if p.is_file() and p.suffix.lower() in DOCUMENT_EXTENSIONS)
        else:
            expanded.append(path)
    return expanded


def write_document(document: Document, text: str) -> None:
    """Write a fixed document back in place (atomically), its BOM kept."""
    write_atomically(document.path, (codecs.BOM_UTF8 if document.bom else b"") + text.encode("utf-8"))
