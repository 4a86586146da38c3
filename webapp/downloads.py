"""Files to download, shared by the downloads page and the API: the library's ``export_file``
(the same as ``tilmash export``) with the command line's filters."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Response

from glossary.catalogue_export import ConceptFilter, EntryState
from glossary.exports import export_file

from .db import session


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
