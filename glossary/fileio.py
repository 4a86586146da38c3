"""Reading input files with clear refusals, and writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import FormatError, Problem


def regular_file_problem(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be read as an input file (a FIFO, a socket, a device: reading one would
    wait for ever or never end), or None (a regular file, a folder, or nothing there: reading says)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "something else")
    return f"is {kind}, not a regular file"


def read_input_file(path: str | os.PathLike, what: str = "file") -> bytes:
    """The bytes of a regular file; FormatError with the path and the reason otherwise."""
    if (why := regular_file_problem(path)) is not None:
        raise FormatError.single(path, None, why)
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise FormatError.single(path, None, "is a folder") from None
    except OSError as exc:
        raise FormatError.single(path, None, f"cannot read {what}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file in ``path``'s folder, renamed to ``path`` when the block
    succeeds and removed if it raises: a file written as a stream appears whole or not at all."""
    import tempfile  # (shutil, random): only when a file is written

    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
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


def write_atomically(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of them) to ``path`` through a temporary file in the same
    folder and a rename."""
    with atomic_output(path) as handle:
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
        raise FormatError([Problem.of(str(path), None, "file.binary")])
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise FormatError([Problem.of(str(path), line, "file.not-in-encoding", encoding=encoding.removesuffix("-sig").upper(),
                                      byte=bad)]) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FormatError([Problem.of(str(path), line, "file.nul-characters")])
    return text
