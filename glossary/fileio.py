"""Reading input files with clear refusals, and writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import FormatError, english


def special_file(path: str | os.PathLike) -> str | None:
    """The message id saying why ``path`` cannot be read as an input file (a FIFO, a socket, a device:
    reading one would wait for ever or never end), or None (a regular file, a folder, or nothing there:
    opening it says)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return ("file.fifo" if stat.S_ISFIFO(mode) else "file.socket" if stat.S_ISSOCK(mode)
            else "file.device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "file.special")


def regular_file_problem(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be read as an input file, in English (``special_file``), or None."""
    message_id = special_file(path)
    return None if message_id is None else english(message_id, {})


def open_input_file(path: str | os.PathLike, unreadable: str = "file.unreadable", *, stream: bool = False) -> BinaryIO:
    """A binary handle on the regular file ``path``; FormatError with the path and the reason
    otherwise (``unreadable``: the message id of a file that cannot be opened, with its ``reason``).
    With ``stream``, for a reader that reads as it goes, a pipe is taken too (``tilmash import
    <(zcat memory.tmx.gz)``)."""
    if not stream and (message_id := special_file(path)) is not None:
        raise FormatError.at(path, None, message_id)
    try:
        return open(path, "rb")  # noqa: SIM115 (the caller closes it)
    except IsADirectoryError:
        raise FormatError.at(path, None, "file.folder") from None
    except OSError as exc:
        raise FormatError.at(path, None, unreadable, reason=exc.strerror or str(exc)) from exc


def read_input_file(path: str | os.PathLike, unreadable: str = "file.unreadable") -> bytes:
    """The bytes of a regular file; FormatError with the path and the reason otherwise (``open_input_file``)."""
    with open_input_file(path, unreadable) as stream:
        return stream.read()


@contextlib.contextmanager
def atomic_output(path: str | Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file in ``path``'s folder, renamed to ``path`` when the block
    succeeds and removed if it raises: a file written as a stream appears whole or not at all.
    ``durable=False``: not flushed to the disk before the rename, for caches, where a file lost in a
    crash costs only the time to make it again (the audit's record of an archive and its last
    reports, tens of megabytes)."""
    import tempfile  # (shutil, random): only when a file is written

    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: str | Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or pieces of them) to ``path`` through a temporary file in the same
    folder and a rename (``durable``: as ``atomic_output``)."""
    with atomic_output(path, durable=durable) as handle:
        if isinstance(data, (bytes, bytearray)):
            handle.write(data)
        else:
            for piece in data:
                handle.write(piece)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    A file with NUL bytes near its start is binary and said to be. Anything else is refused with the line of the first bad byte, because a
    guessed encoding would import mangled names without a word.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:8192]:
        raise FormatError.at(path, None, "file.binary")
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise FormatError.at(path, line, "file.not-in-encoding", encoding=encoding.removesuffix("-sig").upper(),
                             byte=bad) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FormatError.at(path, line, "file.nul-characters")
    return text
