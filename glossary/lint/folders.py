"""The documents inside the folders given to lint, found as ruff and ripgrep find files.

A folder is walked for its text, Markdown and HTML files (``DOCUMENT_EXTENSIONS``),
in a stable order. Passed over, and said so for ``--verbose``: hidden files and
folders (``.git``, ``.venv``, ``.cache``...), whatever a ``.gitignore`` ignores
(read with pathspec, Git's own rules: the folder's own files and those of every
folder above it up to the root of its Git repository, a deeper one overriding),
and anything that is not a regular file (a FIFO, a socket, a device: reading one
would wait for ever). A path given by name is always linted, as ruff does: what
is given is what is meant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import regular_file_problem
from .documents import STDIN

if TYPE_CHECKING:
    import pathspec

DOCUMENT_EXTENSIONS = (".txt", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml")
IGNORE_FILE = ".gitignore"


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class Found:
    """What a set of paths holds to lint, and what the walk passed over."""

    paths: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class _Rules:
    """One .gitignore: the folder its patterns are relative to, and its patterns."""

    folder: Path
    file: Path
    spec: pathspec.GitIgnoreSpec


def find_documents(paths: list[str]) -> Found:
    """The files given, and the documents inside the folders given, each folder's in name order."""
    found = Found()
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            _walk(folder, _rules_above(folder.absolute()), found)
        else:
            found.paths.append(path)
    return found


def _walk(folder: Path, rules: list[_Rules], found: Found) -> None:
    rules = rules + _rules_of(folder)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError as exc:
        found.skipped.append(Skipped(str(folder), f"cannot read the folder: {exc.strerror or exc}"))
        return
    # (strings, not a Path an entry: an archive's folders hold hundreds of thousands of files; the
    # path is what a Path of ``entry.path`` would say: the folder's, normalized by its Path, and the name)
    here = str(folder) != "."
    documents = found.paths
    for entry in entries:
        name = entry.name
        path = entry.path if here else name
        is_dir = entry.is_dir(follow_symlinks=False)  # a link to a folder is not walked (it may loop), as in ripgrep
        if name[0] == ".":
            # (Path.suffix's answer: a name's leading dots are no extension)
            if is_dir or os.path.splitext(name)[1].lower() in DOCUMENT_EXTENSIONS:  # not .gitignore and the like
                found.skipped.append(Skipped(path, "hidden folder" if is_dir else "hidden file"))
            continue
        if rules and (why := _ignored(Path(path), is_dir, rules)) is not None:
            found.skipped.append(Skipped(path, why))
            continue
        if is_dir:
            _walk(Path(path), rules, found)
        elif name.lower().endswith(DOCUMENT_EXTENSIONS):  # (its extension, as Path.suffix says, for a name not starting with a dot)
            # (a regular file, as the folder's listing says, needs no look of its own)
            if not entry.is_file(follow_symlinks=False) and (why := regular_file_problem(path)) is not None:
                found.skipped.append(Skipped(path, why))
            else:
                documents.append(path)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _ignored(path: Path, is_dir: bool, rules: list[_Rules]) -> str | None:
    """Which ignore file and pattern ignore ``path`` (the deepest that says anything wins), or None."""
    path = path.absolute()
    for rule in reversed(rules):
        relative = path.relative_to(rule.folder).as_posix() + ("/" if is_dir else "")
        result = rule.spec.check_file(relative)
        if result.include is None:
            continue
        if not result.include:
            return None  # a ! pattern keeps it
        pattern = rule.spec.patterns[result.index]
        return f"ignored by {rule.file}:{result.index + 1} ({getattr(pattern, 'pattern', None) or pattern})"
    return None


def _rules_of(folder: Path) -> list[_Rules]:
    file = folder / IGNORE_FILE
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    import pathspec  # only where a .gitignore is found: a file or standard input needs none (start time)

    return [_Rules(folder.absolute(), file, pathspec.GitIgnoreSpec.from_lines(lines))]


def _rules_above(folder: Path) -> list[_Rules]:
    """The .gitignore files of the folders above ``folder`` (absolute) up to its Git repository's
    root, outermost first; none outside a repository."""
    above: list[Path] = []
    current = folder
    while not (current / ".git").exists():
        if current.parent == current:
            return []
        current = current.parent
        above.append(current)
    return [rule for parent in reversed(above) for rule in _rules_of(parent)]
