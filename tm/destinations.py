"""Where each file of an import goes, and the import of them all in one transaction.

``tilmash import`` and the web app's uploads share this: TMX files go to the memory;
TBX and CSV files to the glossary; a PO file is the glossary's own catalogue coming
back translated (its header has ``X-Tilmash-Glossary``) or, any other PO file,
bilingual memory. ``into`` ("glossary" or "memory") overrides the choice, as
``--into`` does. It lives in ``tm`` because it is the one library package that sees
both stores (``glossary`` does not import ``tm``).

    plan = plan_import(paths, into=None)       # reads the glossary files; FormatError: nothing imported
    outcome = run_import(session, plan, actor=..., progress=...)   # the caller commits
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from glossary import termbase
from glossary.catalogue_import import (NotAGlossaryCatalogue, TranslationReport, Translations, import_translations,
                                       is_catalogue_path, read_translations_file)
from glossary.errors import FormatError, Problem
from glossary.formats import FORMATS as GLOSSARY_FORMATS
from glossary.formats import read_glossary_file
from glossary.formats.po import is_glossary_catalogue, read_catalogue
from glossary.records import Glossary

from .formats import FORMATS as MEMORY_FORMATS

if TYPE_CHECKING:
    from .importing import ImportReport

MEMORY_EXTENSIONS = (".tmx",)  # files that go to the memory without ``into``
GLOSSARY = "glossary"
MEMORY = "memory"


def known_extensions() -> tuple[str, ...]:
    """Every extension an import reads (glossary and memory formats)."""
    formats = [*GLOSSARY_FORMATS.values(), *MEMORY_FORMATS.values()]
    return tuple(dict.fromkeys(ext for fmt in formats for ext in fmt.extensions))


def destination(path: str | Path, into: str | None = None) -> str:
    """``GLOSSARY`` or ``MEMORY``: where the file goes (a PO file's header is read to decide)."""
    path = Path(path)
    if into in (GLOSSARY, MEMORY):
        return into
    if path.suffix.lower() in MEMORY_EXTENSIONS:
        return MEMORY
    if is_catalogue_path(path):
        try:
            return GLOSSARY if is_glossary_catalogue(read_catalogue(path.read_bytes(), str(path))) else MEMORY
        except (FormatError, OSError):
            return MEMORY  # a broken PO file is refused by the import, as memory
    return GLOSSARY


@dataclass
class ImportPlan:
    """The files of one import, sorted by where they go (glossary files already read)."""

    memory: list[Path] = field(default_factory=list)
    glossaries: list[tuple[str, Glossary]] = field(default_factory=list)
    catalogues: list[Translations] = field(default_factory=list)


def plan_import(paths: Iterable[str | Path], into: str | None = None) -> ImportPlan:
    """Sort the files and read the glossary ones; ``FormatError`` with every problem of every file."""
    plan, problems = ImportPlan(), []
    for path in map(Path, paths):
        if into == MEMORY or (into is None and path.suffix.lower() in MEMORY_EXTENSIONS):
            plan.memory.append(path)
            continue
        try:
            if is_catalogue_path(path):
                plan.catalogues.append(read_translations_file(path))
            else:
                plan.glossaries.append((str(path), read_glossary_file(path)))
        except NotAGlossaryCatalogue as exc:
            if into == GLOSSARY:
                problems.extend(exc.problems)
            else:
                plan.memory.append(path)
        except FormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FormatError(problems)
    return plan


@dataclass
class ImportOutcome:
    """What an import did: the glossary's and the memory's reports (``str`` of each: the CLI's line),
    and the translated catalogues' outcomes entry by entry."""

    reports: list[termbase.ImportReport | ImportReport]
    translated: list[TranslationReport]

    @property
    def warnings(self) -> list[Problem]:
        return [w for report in self.reports for w in report.warnings]


def run_import(session: Session, plan: ImportPlan, *, actor: str | None = None,
               progress: Callable[[int], None] | None = None, fork: bool = True) -> ImportOutcome:
    """Import the planned files in the session's transaction (the caller commits, or rolls back on
    error). ``progress``: told the bytes of memory files read; ``fork=False`` in a process with threads."""
    reports: list = termbase.import_glossaries(session, plan.glossaries) if plan.glossaries else []
    if plan.memory:
        from .importing import import_files  # numpy: loaded by the imports that need it (a web worker boots without)

        reports += import_files(session, plan.memory, actor=actor, progress=progress, fork=fork)
    return ImportOutcome(reports, import_translations(session, plan.catalogues))


def memory_bytes(plan: ImportPlan) -> int:
    """The size of the plan's memory files: what ``progress`` counts up to."""
    return sum(path.stat().st_size for path in plan.memory if path.is_file())


def files_by_destination(paths: Sequence[str | Path], into: str | None = None) -> dict[str, list[Path]]:
    """The files grouped by ``destination`` (for deciding who may import them before reading them all)."""
    grouped: dict[str, list[Path]] = {}
    for path in map(Path, paths):
        grouped.setdefault(destination(path, into), []).append(path)
    return grouped
