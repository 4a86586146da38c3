"""The day an audit files a document under, and judges its former names by.

The document's own date, as the lint reads it (``lint.document_date``: Markdown
front matter, HTML meta), where it gives one; else the day of the file's last
modification (local time), a better guess for an archive than the lint's today.
"""

from __future__ import annotations

import datetime
import functools
import os

from ..lint.document_date import document_date


def written_day(text: str, kind: str) -> datetime.date | None:
    """The date a document gives itself, as the lint reads it."""
    return document_date(text, kind)


def file_day(status: os.stat_result | None) -> datetime.date | None:
    """The local day of a file's last modification."""
    if status is None:
        return None
    try:
        return datetime.date.fromtimestamp(status.st_mtime)
    except (OverflowError, OSError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def month_of(day: datetime.date) -> str:
    """YYYY-MM (one string object per month, shared by every count of that month)."""
    return f"{day.year:04}-{day.month:02}"


@functools.lru_cache(maxsize=65536)
def iso_of(ordinal: int | None) -> str | None:
    """A day kept as an ordinal (``date.toordinal``: the audit's totals), written YYYY-MM-DD."""
    return datetime.date.fromordinal(ordinal).isoformat() if ordinal is not None else None
