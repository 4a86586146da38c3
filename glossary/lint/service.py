"""Getting a compiled matcher for the database's glossary or for a glossary file.

The CLI and the web app call these; both go through the matcher cache, keyed
by the glossary's revision (database) or content (file) and the house style.
A glossary file is linted without importing the database's modules. ``shortcuts=False``
compiles every form for the full way through (``Matcher``): what ``tilmash audit`` and ``mentions``
need, every form found with its concept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UnknownStyle
from ..fileio import read_input_file
from .cache import DeferredMatcher, compiled_matcher
from .collector import collector_paused
from .matcher import Matcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..database import Database


def matcher_for_database(database: Database, style: str | None = None, *, shortcuts: bool = True,
                         deferred: bool = False) -> Matcher | DeferredMatcher:
    """``shortcuts=False``: compiled so that every accepted form found is reported as a use (``tilmash audit``);
    ``deferred``: its key now, the matcher when asked for (``cache.DeferredMatcher``).

    The glossary's revision comes from ``Database.glossary_revision()``: while it stands, the
    matcher is found without a query (what the web app does for every lint request). The style
    is checked when the matcher is built: a matcher found for this revision and style was built
    with it, and the styles are in the change log, so the style still exists.
    """
    from ..termbase import export_glossary, require_style

    def build() -> Matcher:
        with database.session() as session:
            require_style(session, style)
            return Matcher(export_glossary(session), style, shortcuts=shortcuts)

    source = _database_source(database.describe(), database.glossary_revision(), shortcuts)
    return compiled_matcher(source, style, build, deferred=deferred)


def matcher_for_session(session: Session, style: str | None = None, *, shortcuts: bool = True) -> Matcher:
    """The glossary of the session's database, compiled (``shortcuts=False``: every accepted form
    found is reported as a use, as ``tilmash audit`` needs)."""
    from ..history import glossary_revision  # SQLAlchemy: only for the database's glossary
    from ..termbase import export_glossary, require_style

    require_style(session, style)
    url = session.get_bind().url.render_as_string(hide_password=True)
    source = _database_source(url, glossary_revision(session), shortcuts)
    return compiled_matcher(source, style, lambda: Matcher(export_glossary(session), style, shortcuts=shortcuts))


def matcher_for_file(path: str | Path, style: str | None = None, *, shortcuts: bool = True,
                     deferred: bool = False) -> Matcher | DeferredMatcher:
    """The file's extension is part of the key: a file of a type no format reads is never found
    compiled, and ``build`` refuses it. The formats (lxml for TBX) are imported only to compile.
    ``deferred``: its key now, the matcher when asked for (``cache.DeferredMatcher``)."""
    data = read_input_file(path, "glossary.unreadable")

    def build() -> Matcher:
        from ..formats import format_for_path

        with collector_paused():  # (160,000 rows make as many records and no cycles)
            glossary = format_for_path(path).read(data, str(path))
        if style is not None and style not in glossary.styles():
            known = ", ".join(glossary.styles()) or "none"
            raise UnknownStyle(f"unknown style {style!r}; {path} has: {known}")
        return Matcher(glossary, style, shortcuts=shortcuts)

    source = f"file {Path(path).suffix.lower()} {hashlib.sha256(data).hexdigest()}"
    return compiled_matcher(source + _variant(shortcuts), style, build, deferred=deferred)


def _database_source(url: str, revision: str, shortcuts: bool) -> str:
    """The cache key of a database's glossary at a revision: one format, so that a matcher compiled
    through a session is found again through the ``Database`` (and the reverse)."""
    return f"database {url} revision {revision}" + _variant(shortcuts)


def _variant(shortcuts: bool) -> str:
    return "" if shortcuts else " without shortcuts"
