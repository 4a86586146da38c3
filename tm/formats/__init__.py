"""Memory file formats behind one interface, chosen by file extension (``base`` describes it).

``tmx``: TMX 1.4b, read and written. ``po``: a gettext catalog read as bilingual
memory (msgid, msgstr).
"""

from __future__ import annotations

from pathlib import Path

from glossary.formats import format_by_extension

from . import po as po_format
from . import tmx as tmx_format
from .base import MemoryFormat

FORMATS: dict[str, MemoryFormat] = {f.name: f for f in (tmx_format.FORMAT, po_format.FORMAT)}


def memory_format_for_path(path: str | Path) -> MemoryFormat:
    """The memory format of a file, from its extension."""
    return format_by_extension(path, FORMATS.values(), "memory.unknown-file-type")
