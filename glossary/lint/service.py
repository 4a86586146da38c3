"""Getting a compiled matcher for the database's glossary or for a glossary file.

The CLI and the web app call these; both go through the matcher cache, keyed
by the glossary's revision (database) or content (file) and the house style.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.orm import Session

from ..database import Database
from ..errors import FormatError, UnknownStyle
from ..formats import format_for_path
from ..history import glossary_revision
from ..termbase import export_glossary, require_style
from .cache import compiled_matcher
from .matcher import Matcher


def matcher_for_database(database: Database, style: str | None = None) -> Matcher:
    with database.session() as session:
        return matcher_for_session(session, style)


def matcher_for_session(session: Session, style: str | None = None, *, shortcuts: bool = True) -> Matcher:
    """The glossary of the session's database, compiled (``shortcuts=False``: every form found comes back as a match)."""
    require_style(session, style)
    url = session.get_bind().url.render_as_string(hide_password=True)
    source = f"database {url} revision {glossary_revision(session)}" + ("" if shortcuts else " without shortcuts")
    return compiled_matcher(source, style, lambda: Matcher(export_glossary(session), style, shortcuts=shortcuts))


def matcher_for_file(path: str | Path, style: str | None = None) -> Matcher:
    fmt = format_for_path(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FormatError.single(path, None, f"cannot read glossary: {exc.strerror or exc}") from exc

    def build() -> Matcher:
        glossary = fmt.read(data, str(path))
        if style is not None and style not in glossary.styles():
            known = ", ".join(glossary.styles()) or "none"
            raise UnknownStyle(f"unknown style {style!r}; {path} has: {known}")
        return Matcher(glossary, style)

    return compiled_matcher(f"file {hashlib.sha256(data).hexdigest()}", style, build)
