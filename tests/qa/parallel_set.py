"""The parallel test set: stories in four languages and catalogues with planted problems and traps.

Catalogues are PO files and TMX memories. ``tests/data/qa/expected.csv`` lists every planted problem (the finding it must give:
file, line, column, rule and a word of it); ``traps.csv`` lists what must not be
reported (file, line, rule prefix). ``benchmarks/qa_parallel_set.py`` prints
precision and recall on the set from the same files.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from glossary.formats import read_glossary_file
from glossary.lint.findings import Finding
from glossary.lint.matcher import Matcher
from tm.qa.files import read_units
from tm.qa.pairs import check_units
from tm.qa.versions import align_versions, check_versions, read_version

SET = Path(__file__).parents[1] / "data" / "qa"
LANGUAGE_ORDER = ("en", "az", "kk", "ru")


@dataclass(frozen=True)
class Expected:
    id: str
    file: str
    line: int
    column: int
    rule: str
    needle: str
    planted: str

    def found_by(self, finding: Finding) -> bool:
        return ((finding.line, finding.column, finding.rule) == (self.line, self.column, self.rule)
                and any(self.needle in (text or "").replace("\u00a0", " ")
                        for text in (finding.concept, finding.found, finding.message)))


@dataclass(frozen=True)
class Trap:
    id: str
    file: str
    line: int
    rule: str  # a rule id prefix; empty: any rule
    trap: str

    def sprung_by(self, finding: Finding) -> bool:
        return finding.line == self.line and finding.rule.startswith(self.rule)


def expected() -> list[Expected]:
    with (SET / "expected.csv").open(encoding="utf-8") as handle:
        return [Expected(r["id"], r["file"], int(r["line"]), int(r["column"]), r["rule"], r["needle"].strip("'"), r["planted"])
                for r in csv.DictReader(handle)]


def traps() -> list[Trap]:
    with (SET / "traps.csv").open(encoding="utf-8") as handle:
        return [Trap(r["id"], r["file"], int(r["line"]), r["rule"], r["trap"]) for r in csv.DictReader(handle)]


@functools.cache
def matcher() -> Matcher:
    return Matcher(read_glossary_file(SET / "glossary.csv"), shortcuts=False)


def stories() -> list[str]:
    return sorted(p.name for p in (SET / "stories").iterdir() if p.is_dir())


def story_versions(story: str):
    paths = sorted((SET / "stories" / story).glob("*.txt"), key=lambda p: LANGUAGE_ORDER.index(p.stem))
    return [read_version(str(p.relative_to(SET)), p.read_text(encoding="utf-8"), p.stem, matcher()) for p in paths]


@functools.cache
def findings_by_file() -> dict[str, list[Finding]]:
    """Every finding of the set, by file (relative to the set's folder)."""
    found: dict[str, list[Finding]] = {}
    for story in stories():
        for version in story_versions(story):
            found.setdefault(version.path, [])
        for finding in check_versions(story_versions(story), matcher()):
            found[finding.path].append(finding)
    for path in sorted(p for p in (SET / "catalogues").iterdir() if p.suffix in (".po", ".tmx")):
        relative = str(path.relative_to(SET))
        units = read_units(str(path))
        found[relative] = [f for f in check_units(units, matcher())]
        found[relative] = [_relative(f, relative) for f in found[relative]]
    return found


def _relative(finding: Finding, path: str) -> Finding:
    from dataclasses import replace
    return replace(finding, path=path)


def alignment_report() -> dict[str, dict[str, dict[str, int]]]:
    """For each story, each version's alignment with the first: beads one to one, merged and unaligned."""
    from tm.qa.align import summary
    report = {}
    for story in stories():
        versions = story_versions(story)
        _, alignments = align_versions(versions)
        report[story] = {f"{versions[0].lang}-{v.lang}": summary(beads) for v, beads in zip(versions[1:], alignments)}
    return report
