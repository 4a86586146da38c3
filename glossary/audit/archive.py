"""An archive audited as a whole, for the web app: a zip unpacked safely, or a folder under a root.

``unpack_zip`` writes a zip's documents (text, Markdown, HTML) into a folder of
our own: no member outside it (absolute names, ``..``, links), nothing but
documents, and no more than ``max_bytes`` unpacked (a small zip can unpack to
gigabytes). Each file keeps the time the zip gives it, so an undated document is
filed under that month as the command line would file it.

``folder_under`` turns a folder name an administrator types into a folder inside
the configured root, refusing any name that leads outside it (``..``, absolute
paths, links that point away).

``audit_folder`` is ``tilmash audit FOLDER``'s report, with paths shown relative
to the folder (never the server's own paths), in this process.
"""

from __future__ import annotations

import datetime
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import FormatError, GlossaryError
from ..lint.folders import DOCUMENT_EXTENSIONS, find_documents
from ..lint.matcher import Matcher
from .documents import Example
from .report import Audit
from .runner import AuditOptions, audit_files

MAX_MEMBERS = 100_000


class ArchiveError(GlossaryError):
    """A folder name that leads outside the audit root, or one that is not there."""


def unpack_zip(source, folder: Path, *, name: str = "archive.zip", max_bytes: int = 500 * 1024 * 1024) -> int:
    """The documents of the zip ``source`` (a path or a binary file) written under ``folder``; how many.

    FormatError (``name``: what the user calls the file) for a file that is not a zip, a member
    whose name leads outside, an archive that unpacks to more than ``max_bytes`` or has no document.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError.at(name, None, "zip.not-zip", detail=str(exc)) from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise FormatError.at(name, None, "zip.too-many-files", count=len(members), most=MAX_MEMBERS)
        documents = []
        for member in members:
            path = PurePosixPath(member.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
                raise FormatError.at(name, None, "zip.name-outside", member=member.filename)
            if stat.S_ISLNK(member.external_attr >> 16):
                raise FormatError.at(name, None, "zip.link", member=member.filename)
            if path.suffix.lower() in DOCUMENT_EXTENSIONS and not any(p.startswith(".") for p in path.parts):
                documents.append((member, path))
        total = sum(member.file_size for member, _ in documents)
        if total > max_bytes:
            raise FormatError.at(name, None, "zip.too-large", megabytes=round(total / 2**20), most=round(max_bytes / 2**20))
        if not documents:
            raise FormatError.at(name, None, "zip.no-document")
        for member, path in documents:
            target = folder.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with archive.open(member) as data, target.open("wb") as out:
                    while chunk := data.read(1 << 16):
                        written += len(chunk)
                        if written > member.file_size:  # the size the zip declared was a lie
                            raise FormatError.at(name, None, "zip.member-larger", member=member.filename)
                        out.write(chunk)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
                raise FormatError.at(name, None, "zip.member-broken", member=member.filename, detail=str(exc)) from exc
            moment = datetime.datetime(*member.date_time).timestamp()
            os.utime(target, (moment, moment))
    return len(documents)


def folder_under(root: str | Path, name: str) -> Path:
    """The folder ``name`` (relative, as typed) inside ``root``; ArchiveError if it leads outside or is missing."""
    base = Path(root).resolve()
    relative = PurePosixPath(name.strip().replace("\\", "/") or ".")
    if relative.is_absolute() or ".." in relative.parts:
        raise ArchiveError.of("audit.folder-with-dots", name=name)
    folder = base.joinpath(*relative.parts).resolve()  # links followed: where it really is must be inside too
    if folder != base and base not in folder.parents:
        raise ArchiveError.of("audit.folder-outside", name=name)
    if not folder.is_dir():
        raise ArchiveError.of("audit.no-folder", name=name)
    return folder


def audit_folder(folder: Path, matcher: Matcher, options: AuditOptions, *, min_count: int = 3) -> dict:
    """The report of every document under ``folder`` (``Audit.report``), paths relative to it, in this process.

    ``matcher`` compiled without shortcuts (``lint.service``), as for ``tilmash audit``.
    """
    audit = Audit(options.since)
    prefix = str(folder) + os.sep
    shown = lambda path: path[len(prefix):] if path.startswith(prefix) else path  # noqa: E731
    for document in audit_files(find_documents([str(folder)]).paths, matcher, options, jobs=1):
        document.path = shown(document.path)
        document.examples = {key: [Example(shown(e.path), e.line, e.text) for e in examples]
                             for key, examples in document.examples.items()}
        document.problems = [type(p)(shown(p.path), p.line, p.message) for p in document.problems]
        audit.add(document)
    return audit.report(min_count)
