"""Files to download, shared by the downloads page and the API: the library's ``export_file``
(the same as ``tilmash export``) with the command line's filters, and the memory's TMX, streamed."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timezone

from flask import Response

from glossary.catalogue_export import ConceptFilter, EntryState
from glossary.exports import export_file

from tm.export import export_chunks

from .db import database, session


def glossary_download(format_name: str, *, lang: str | None = None, source: str = "en", style: str | None = None,
                      subject_fields: tuple[str, ...] = (), states: tuple[str, ...] = (),
                      since: datetime | None = None, tbx_version: str = "2008") -> Response:
    filters = ConceptFilter(tuple(subject_fields), tuple(EntryState(s) for s in states),
                            since.replace(tzinfo=timezone.utc) if since and since.tzinfo is None else since)
    with session() as s:
        exported = export_file(s, format_name, lang=lang, source=source, style=style, filters=filters,
                               tbx_version=tbx_version)
    return Response(exported.data, mimetype=exported.media_type.split(";")[0],
                    headers={"Content-Disposition": f'attachment; filename="{exported.filename}"',
                             "Content-Type": exported.media_type})


def memory_download(*, source: str | None = None, target: str | None = None, origin: str | None = None,
                    since: date | None = None) -> Response:
    """The memory as TMX, sent as it is read (a page of units at a time): the session stays open until the
    last piece is sent, or the client goes away. Bad filters are a 400 before anything is sent."""
    from .auth import current_account

    account = current_account()
    stack = contextlib.ExitStack()
    s = stack.enter_context(database().session(actor=account.name if account else "anonymous"))
    try:
        chunks = export_chunks(s, source=source, target=target, origin=origin,
                               since=datetime.combine(since, time(), timezone.utc) if since else None)
    except BaseException:
        stack.close()
        raise

    def stream():
        with stack:
            yield from chunks

    name = "memory" + (f".{source}-{target}" if source and target else "") + ".tmx"
    return Response(stream(), mimetype="application/x-tmx+xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
