"""A memory file read in a forked process while this one writes to the database: an import on two cores.

``keyed_units(path, progress)`` gives a reader whose iteration yields ``(content hash, unit)``
pairs, with the file's ``header``, ``skipped`` and ``warnings`` once it is read. For a
file of ``FORK_FROM_BYTES`` or more, where processes can be forked, a child process parses
the file and hashes each unit (about half of an import's work) and sends them in batches
through a pipe; the pipe holds little, so the child waits for the writer and memory stays
flat. The child's ``FormatError`` comes back as its problems and is raised here; a writer
that stops (an error, a kill) closes the pipe, and the child ends on its next send.
Otherwise, or with ``fork=False`` (a process with threads, such as a web server's worker,
should not fork), the file is read here, the same way.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from glossary.errors import FormatError

from .formats import memory_format_for_path
from .formats.base import CountingStream
from .records import MemoryHeader, UnitEntry

FORK_FROM_BYTES = 1 << 20
BATCH = 2_000  # units a message


def _open(path: str) -> object:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise FormatError.single(path, None, f"cannot read file: {exc.strerror or exc}") from exc


class KeyedUnits:
    """A file's units with their content hashes, and what the file's reader says about it once read."""

    def __init__(self, path: str, progress: Callable[[int], None] | None = None, *, fork: bool = True):
        self.path, self.progress, self.fork = path, progress, fork
        self.header, self.skipped, self.warnings = MemoryHeader(), Counter(), Counter()

    def __iter__(self) -> Iterator[tuple[int, UnitEntry]]:
        fmt = memory_format_for_path(self.path)
        size = Path(self.path).stat().st_size if Path(self.path).is_file() else 0
        if not self.fork or size < FORK_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods():
            with _open(self.path) as handle:
                reader = fmt.read(CountingStream(handle, self.progress), self.path)
                for unit in reader:
                    yield unit.content_hash(), unit
                self._read(reader.header, reader.skipped, getattr(reader, "warnings", Counter()))
            return
        yield from self._from_child()

    def _read(self, header: MemoryHeader, skipped: Counter, warnings: Counter) -> None:
        self.header, self.skipped, self.warnings = header, Counter(skipped), Counter(warnings)

    def _from_child(self) -> Iterator[tuple[int, UnitEntry]]:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_read_and_send, args=(self.path, send), daemon=True)
        child.start()
        send.close()
        try:
            while True:
                try:
                    kind, *message = receive.recv()
                except EOFError:
                    raise RuntimeError(f"the process reading {self.path} ended without finishing") from None
                if kind == "units":
                    batch, read_bytes = message
                    if self.progress is not None:
                        self.progress(read_bytes)
                    yield from batch
                elif kind == "end":
                    self._read(*message)
                    return
                elif kind == "problems":
                    raise FormatError(message[0])
                else:
                    raise RuntimeError(f"reading {self.path} failed:\n{message[0]}")
        finally:
            receive.close()
            child.join(timeout=10)
            if child.is_alive():
                child.terminate()


def _read_and_send(path: str, send) -> None:
    """In the forked child: read the file, send (hash, unit) batches, then what its reader says."""
    try:
        with _open(path) as handle:
            stream = CountingStream(handle)
            reader = memory_format_for_path(path).read(stream, path)
            batch, sent = [], 0
            for unit in reader:
                batch.append((unit.content_hash(), unit))
                if len(batch) >= BATCH:
                    send.send(("units", batch, stream.read_bytes - sent))
                    batch, sent = [], stream.read_bytes
            send.send(("units", batch, stream.read_bytes - sent))
            send.send(("end", reader.header, dict(reader.skipped), dict(getattr(reader, "warnings", {}))))
    except FormatError as exc:
        send.send(("problems", exc.problems))
    except (BrokenPipeError, EOFError):
        pass  # the writer stopped
    except BaseException:  # noqa: BLE001 (reported in the parent, which raises)
        try:
            send.send(("crash", traceback.format_exc()))
        except (BrokenPipeError, OSError):
            pass
    finally:
        send.close()
