"""The day an audit files a document under.

The document's own date, as the lint reads it, where it gives one; else the
day of the file's last modification (local time). Standard input has neither.
"""

from __future__ import annotations

import datetime
import os

from ..lint.documents import STDIN


def document_day(path: str, text: str, kind: str) -> datetime.date | None:
    """The day ``path`` (whose decoded ``text`` is of ``kind``) was written, or None."""
    if path == STDIN:
        return None
    try:
        return datetime.date.fromtimestamp(os.stat(path).st_mtime)
    except (OSError, OverflowError, ValueError):
        return None


def month_of(day: datetime.date) -> str:
    return f"{day.year:04}-{day.month:02}"
