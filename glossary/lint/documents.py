"""Reading the documents to lint and writing fixed ones back, with clear errors."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..fileio import decode_text, read_input_file, write_atomically

STDIN = "-"


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    bom: bool = False


def read_document(path: str) -> Document:
    """A text file (or standard input for ``-``) decoded as UTF-8; FormatError if it is not text,
    or not a regular file (reading a FIFO or a device would wait for ever)."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
    else:
        data = read_input_file(path)
    return Document(path, decode_text(data, path), bom=data.startswith(codecs.BOM_UTF8))


def write_document(document: Document, text: str | Iterable[str]) -> None:
    """Write a fixed document back in place (atomically), its BOM kept; ``text`` whole or in pieces
    (each encoded as it is written, so that a long text is not held twice)."""
    def encoded() -> Iterator[bytes]:
        if document.bom:
            yield codecs.BOM_UTF8
        for piece in [text] if isinstance(text, str) else text:
            yield piece.encode("utf-8")

    write_atomically(document.path, encoded())
