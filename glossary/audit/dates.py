"""The day an audit files a document under.

The document's own date, as the lint reads it, where it gives one; else the
day of the file's last modification (local time). Standard input has neither.
"""

from __future__ import annotations

import datetime
import functools
import os


def written_day(text: str, kind: str) -> datetime.date | None:
    """The date a document gives itself (Markdown front matter, HTML meta), as the lint reads it; None
    until the lint reads one."""
    return None


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
