"""A memory file read in a forked process while this one writes to the database: an import on two cores.

``FileBatches(path, rows, progress)`` gives an iterable of ``tm.prepare.Batch`` (units as the
database's rows, with their words), with the file's ``header``, ``skipped`` and ``warnings``
once it is read. For a file of ``FORK_FROM_BYTES`` or more, where processes can be forked,
a child process parses the file, hashes each unit and makes its rows (half of an
import's work) and sends them in batches through a pipe; the pipe holds little, so the child
waits for the writer and memory stays flat. The child's ``FormatError`` comes back as its
problems and is raised here; a writer that stops (an error, a kill) closes the pipe, and the
child ends on its next send. Otherwise, or with ``fork=False`` (a process with threads, such
as a web server's worker, should not fork), the file is read here, the same way.
"""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from glossary.errors import FormatError
from glossary.fileio import open_input_file
from glossary.lint.collector import collector_paused
from glossary.lint.shared_counter import can_fork, fork_context

from .formats import memory_format_for_path
from .formats.base import CountingStream
from .prepare import Batch, RowMaker
from .records import MemoryHeader

FORK_FROM_BYTES = 1 << 20


def _keyed(reader) -> Iterator:
    for unit in reader:
        yield unit.content_hash(), unit


class FileBatches:
    """A file's units in batches of rows, and what the file's reader says about it once read."""

    def __init__(self, path: str, rows: RowMaker, progress: Callable[[int], None] | None = None, *, fork: bool = True):
        self.path, self.rows, self.progress, self.fork = path, rows, progress, fork
        self.header, self.skipped, self.warnings = MemoryHeader(), Counter(), Counter()

    def __iter__(self) -> Iterator[Batch]:
        fmt = memory_format_for_path(self.path)
        size = Path(self.path).stat().st_size if Path(self.path).is_file() else 0
        if not self.fork or size < FORK_FROM_BYTES or not can_fork():
            with open_input_file(self.path, stream=True) as handle:
                stream = CountingStream(handle, self.progress)
                reader = fmt.read(stream, self.path)
                yield from self.rows.batches(_keyed(reader), lambda: 0)
                self._read(reader.header, reader.skipped, getattr(reader, "warnings", Counter()))
            return
        yield from self._from_child()

    def _read(self, header: MemoryHeader, skipped: Counter, warnings: Counter) -> None:
        self.header, self.skipped, self.warnings = header, Counter(skipped), Counter(warnings)

    def _from_child(self) -> Iterator[Batch]:
        context = fork_context()
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_read_and_send, args=(self.path, self.rows, send), daemon=True)
        child.start()
        send.close()
        try:
            while True:
                try:
                    kind, *message = receive.recv()
                except EOFError:
                    raise RuntimeError(f"the process reading {self.path} ended without finishing") from None
                if kind == "batch":
                    batch = message[0]
                    if self.progress is not None:
                        self.progress(batch.read_bytes)
                    yield batch
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


def _read_and_send(path: str, rows: RowMaker, send) -> None:
    """In the forked child: read the file, send its batches of rows, then what its reader says. The cyclic
    garbage collector is paused: the child makes millions of tuples and no cycles (7 to 13 % of its time)."""
    try:
        with collector_paused(), open_input_file(path, stream=True) as handle:
            stream = CountingStream(handle)
            reader = memory_format_for_path(path).read(stream, path)
            for batch in rows.batches(_keyed(reader), lambda: stream.read_bytes):
                send.send(("batch", batch))
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
