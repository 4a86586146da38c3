"""What every memory format shares: the interface, and a stream that counts what was read.

A memory format reads a file as a stream of units (a million-unit file is never
held whole) and writes units to a stream as they come, like the glossary formats
(``glossary.formats``) with ``read`` and ``write`` and an extension registry:

    reader = FORMAT.read(stream, path)    # iterate it for UnitEntry; reader.header once reading began
    FORMAT.write(units, stream, header)   # returns how many units were written

A reader raises ``FormatError`` with every problem it found (file and line) at the
end of the file, or at once when the file cannot be read further (broken XML); it
yields only good units, so an importer that rolls back on the error imports nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import BinaryIO, Protocol

from glossary.errors import InvalidLanguage, Problem
from glossary.languages import normalize_language

from ..records import MemoryHeader, UnitEntry

# A reader keeps reading after a bad unit to report more problems, up to this many.
MAX_PROBLEMS = 20


class UnitReader(Protocol):
    path: str
    header: MemoryHeader
    skipped: Counter  # reason -> units left out on purpose (PO: fuzzy, obsolete...)

    def __iter__(self) -> Iterator[UnitEntry]: ...


class MemoryFormat(Protocol):
    name: str
    extensions: tuple[str, ...]

    def read(self, stream: BinaryIO, path: str) -> UnitReader: ...

    # Formats the memory is exported to also have:
    # def write(self, units: Iterable[UnitEntry], stream: BinaryIO, header: MemoryHeader) -> int: ...


class CountingStream:
    """A binary stream that tells ``progress`` how many bytes each read took, and keeps the first
    bytes (``head``: where a DOCTYPE and its entity declarations are)."""

    HEAD = 1 << 16

    def __init__(self, stream: BinaryIO, progress: Callable[[int], None] | None = None):
        self.stream, self.progress, self.read_bytes, self.head = stream, progress, 0, b""

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if len(self.head) < self.HEAD:
            self.head += data[: self.HEAD - len(self.head)]
        self.read_bytes += len(data)
        if self.progress is not None:
            self.progress(len(data))
        return data


class Problems:
    """Problems of one file, up to ``MAX_PROBLEMS``."""

    def __init__(self, path: str):
        self.path, self.found, self.more = path, [], 0

    def add(self, line: int | None, message_id: str, **arguments) -> None:
        """Note the problem that message ``message_id`` (glossary.errors.MESSAGES) says with ``arguments``
        (past ``MAX_PROBLEMS`` only counted: a broken million-unit file writes no million messages)."""
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem.of(self.path, line, message_id, **arguments))
        else:
            self.more += 1

    def add_problem(self, problem: Problem) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(problem)
        else:
            self.more += 1

    def all(self) -> list[Problem]:
        if self.more:
            return [*self.found, Problem.of(self.path, None, "file.more-problems", count=self.more)]
        return list(self.found)

    def __bool__(self) -> bool:
        return bool(self.found)


def language(raw: str | None, problems: Problems, line: int | None, what: str) -> str | None:
    """A checked BCP 47 tag, or None after noting the problem."""
    if not raw:
        problems.add(line, "tmx.without-language", what=what)
        return None
    try:
        return normalize_language(raw)
    except InvalidLanguage as exc:
        problems.add_problem(Problem.from_error(problems.path, line, exc))
        return None


TMX_DATE = "%Y%m%dT%H%M%SZ"


def parse_tmx_date(value: str) -> datetime:
    """TMX's ``YYYYMMDDThhmmssZ`` (UTC); ValueError otherwise. Read from its digits where it has that shape
    (seven times faster than ``strptime``: a large memory has three dates a unit)."""
    value = value.strip()
    if len(value) == 16 and value.isascii() and value[8] == "T" and value[15] == "Z" and value[:8].isdigit() and value[9:15].isdigit():
        return datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]), int(value[11:13]), int(value[13:15]),
                        tzinfo=timezone.utc)
    return datetime.strptime(value, TMX_DATE).replace(tzinfo=timezone.utc)


def format_tmx_date(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime(TMX_DATE)
