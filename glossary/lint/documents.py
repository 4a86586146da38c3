"""Reading the documents to lint and writing fixed ones back, with clear errors."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass

from ..fileio import read_input_file, write_atomically
from ..formats.base import decode_text

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


def write_document(document: Document, text: str) -> None:
    """Write a fixed document back in place (atomically), its BOM kept."""
    write_atomically(document.path, (codecs.BOM_UTF8 if document.bom else b"") + text.encode("utf-8"))
