"""Reading input files with clear refusals, and writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import FormatError


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


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
