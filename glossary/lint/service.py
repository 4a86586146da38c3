"""Getting a compiled matcher for the database's glossary or for a glossary file.

The CLI and the web app call these; both go through the matcher cache, keyed
by the glossary's revision (database) or content (file) and the house style.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..database import Database
from ..errors import UnknownStyle
from ..fileio import read_input_file
from ..formats import format_for_path
from ..history import glossary_revision
from ..termbase import export_glossary, require_style
from .cache import compiled_matcher
from .matcher import Matcher


def matcher_for_database(database: Database, style: str | None = None) -> Matcher:
    with database.session() as session:
        require_style(session, style)
        source = f"database {database.describe()} revision {glossary_revision(session)}"
        return compiled_matcher(source, style, lambda: Matcher(export_glossary(session), style))


def matcher_for_file(path: str | Path, style: str | None = None) -> Matcher:
    fmt = format_for_path(path)
    data = read_input_file(path, "glossary")

    def build() -> Matcher:
        glossary = fmt.read(data, str(path))
        if style is not None and style not in glossary.styles():
            known = ", ".join(glossary.styles()) or "none"
            raise UnknownStyle(f"unknown style {style!r}; {path} has: {known}")
        return Matcher(glossary, style)

    return compiled_matcher(f"file {hashlib.sha256(data).hexdigest()}", style, build)
