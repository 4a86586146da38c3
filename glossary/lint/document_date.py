"""When a document was written, as it says itself: the date its former names are judged by.

Markdown: the ``date`` of its front matter (YAML ``date: 2021-05-03`` or TOML
``date = 2021-05-03T10:00:00+05:00``, as Hugo and Jekyll write it). HTML: the
``<meta property="article:published_time">`` of its head (Open Graph, what news
sites' CMSs write), else its first ``<time datetime>``. Plain text says nothing.
The date is the day as written, before any time or time zone: the day the
newsroom published it.
"""

from __future__ import annotations

import datetime
import re


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_FM_DATE = re.compile(r"^date[ \t]*[:=][ \t]*[\"']?(?P<value>[^\"'\r\n#]*)", re.I | re.M)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_PUBLISHED = re.compile(r"""(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|datePublished)["'\s>/]""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TIME = re.compile(r"""<time\b[^>]*?\bdatetime\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def parse_day(text: str) -> datetime.date | None:
    """The day at the start of an ISO 8601 date or date-time (``2021-05-03T10:00+05:00``), or None."""
    m = _ISO_DAY.match(text.strip())
    if m is None:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def document_date(source: str, kind: str) -> datetime.date | None:
    """The date a document gives itself (see the module's docstring), or None."""
    if kind == "markdown":
        from .markup.markdown_prose import front_matter_block  # (the Markdown scanner: only for Markdown)

        block = front_matter_block(source)
        m = _FM_DATE.search(block) if block else None
        return parse_day(m["value"]) if m else None
    if kind == "html":
        for meta in _META.finditer(source):
            if _PUBLISHED.search(meta.group()) and (content := _CONTENT.search(meta.group())):
                day = parse_day(next(g for g in content.groups() if g is not None))
                if day is not None:
                    return day
        for time in _TIME.finditer(source):
            day = parse_day(next(g for g in time.groups() if g is not None))
            if day is not None:
                return day
    return None
