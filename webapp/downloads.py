"""Files to download, shared by the export page and the API: one function per kind of file."""

from __future__ import annotations

from datetime import date

from flask import Response

from glossary import termbase
from glossary.formats import FORMATS

from .db import session

MEDIA_TYPES = {"tbx": "application/x-tbx+xml", "csv": "text/csv; charset=utf-8"}


def glossary_download(format_name: str, tbx_version: str = "2008") -> Response:
    with session() as s:
        glossary = termbase.export_glossary(s)
    fmt = FORMATS[format_name]
    data = fmt.write(glossary, version=tbx_version) if format_name == "tbx" else fmt.write(glossary)
    name = f"tilmash-glossary-{date.today():%Y-%m-%d}.{format_name}"
    return Response(data, mimetype=MEDIA_TYPES[format_name],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
