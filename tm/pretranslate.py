"""Pre-translation of a CMS catalogue from the translation memory (``tilmash po pretranslate``).

For each entry with an empty msgstr, the best memory match of its msgid in the
target language (``tm.search``):

- an exact match (score 100) becomes the translation;
- a fuzzy match at or above ``min_score`` becomes a ``#, fuzzy`` translation with
  its score in a translator comment, its target repaired where the memory can
  repair it (names and numbers that differ between the msgid and the stored source);
- the names in the result are put in their canonical form for the language and
  house style (the lint engine's certain fixes: ``Токаев`` -> ``Тоқаев`` in Kazakh);
- placeholders (``%s``, ``%(count)d``, ``{name}``) and inline tags must be the
  msgid's: where the stored source names them differently, one for one, the target
  takes the msgid's; a match that would still add, drop or reorder one is not used
  (the next best is tried) and the entry is said to be left empty;
- a plural entry gets as many msgstr forms as the language has (the header's
  Plural-Forms, else Babel's rules: Russian 3, Kazakh and Azerbaijani 2); where
  the memory has both its singular and its plural, form 0 takes the singular's
  translation and the others the plural's, marked fuzzy to check each form.

Translated entries are left alone unless ``overwrite``; with it, an entry that gets
no match keeps its translation. The header gets ``Language`` and ``Plural-Forms``
where it lacks them (a template's placeholders count as lacking), ``charset=UTF-8``
and a new ``PO-Revision-Date``, as msginit would.

This module is in ``tm`` because it is a client of the memory's search; ``glossary``
does not import ``tm``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polib
from sqlalchemy.orm import Session

from glossary.errors import GlossaryError
from glossary.formats.po import (
    gettext_language,
    header_date,
    language_from_gettext,
    language_name,
    plural_count,
    plural_forms,
)
from glossary.languages import CORE_LANGUAGES, normalize_language, primary_language
from glossary.lint.engine import lint_text
from glossary.lint.fixing import apply_fixes
from glossary.lint.matcher import Matcher

from .qa import placeholders as placeholder_checks
from .qa import tags as tag_checks
from .search import Match, search

DEFAULT_MIN_SCORE = 75.0
COMMENT_MARK = "Tilmash:"
_CANDIDATES = 3  # matches tried per msgid, best first
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# The lint's rules whose certain fixes put a name in canonical form. Not term.superseded: a former
# name in a stored translation may be right where it stands (a date, a quotation).
_NAME_RULES = frozenset({"term.deprecated", "term.wrong-language", "text.mixed-script"})


class PretranslateError(GlossaryError):
    """A catalogue that cannot be pre-translated into the language asked for."""


@dataclass(frozen=True)
class Note:
    line: int | None
    message: str


@dataclass
class Summary:
    """What pre-translation did to one catalogue."""

    path: str
    exact: int = 0
    fuzzy: int = 0
    empty: int = 0
    kept: int = 0
    names_fixed: int = 0
    notes: list[Note] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return self.exact + self.fuzzy + self.empty + self.kept

    def __str__(self) -> str:
        text = (f"{self.path}: {self.entries} entries: {self.exact} filled from exact memory matches, "
                f"{self.fuzzy} fuzzy, {self.empty} left empty, {self.kept} already translated (kept)")
        if self.names_fixed:
            text += f"; {self.names_fixed} {'name' if self.names_fixed == 1 else 'names'} put in canonical form"
        return text


@dataclass(frozen=True)
class _Candidate:
    text: str
    match: Match
    changes: tuple[str, ...]  # what was repaired or put right, for the translator comment
    names_fixed: int


def pretranslate(session: Session, catalogue: polib.POFile, path: str, *, lang: str, source: str = "en",
                 min_score: float = DEFAULT_MIN_SCORE, overwrite: bool = False, style: str | None = None,
                 glossary: Matcher | None = None, now: datetime | None = None) -> Summary:
    """Fill the catalogue's empty msgstr from the memory (in place); the summary says what was done."""
    lang, source = normalize_language(lang), normalize_language(source)
    if not 0 <= min_score <= 100:
        raise PretranslateError(f"the minimum score must be from 0 to 100, not {min_score:g}")
    forms = _prepare_header(catalogue, path, lang, now or datetime.now(timezone.utc))
    if glossary is None:
        from .repair import glossary_matcher

        glossary = glossary_matcher(session, style)
    translate = _Translator(session, source, lang, min_score, style, glossary)
    summary = Summary(path)
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            _plural_entry(entry, forms, translate, overwrite, summary)
        else:
            _single_entry(entry, translate, overwrite, summary)
    return summary


def _prepare_header(catalogue: polib.POFile, path: str, lang: str, now: datetime) -> int:
    """Language, Plural-Forms, charset and revision date as the target language needs; its number of plural forms."""
    metadata = catalogue.metadata
    declared = metadata.get("Language", "").strip()
    if declared and primary_language(language_from_gettext(declared)) != primary_language(lang):
        raise PretranslateError(f"{path}: the header says Language: {declared}, not {lang}; "
                                f"pre-translate into the catalogue's own language")
    if not declared:
        metadata["Language"] = gettext_language(lang)
    rule = metadata.get("Plural-Forms", "")
    found = _NPLURALS.search(rule)
    if not found:
        metadata["Plural-Forms"] = plural_forms(lang)
        forms = plural_count(lang)
    else:
        forms = int(found.group(1))
    metadata["Content-Type"] = "text/plain; charset=UTF-8"
    # msgfmt --check warns of a header without these (a catalogue written by hand may lack them)
    for name, value in (("Project-Id-Version", Path(path).stem), ("MIME-Version", "1.0"), ("Content-Transfer-Encoding", "8bit")):
        metadata.setdefault(name, value)
    metadata["PO-Revision-Date"] = header_date(now)
    for name, initial, value in (("Last-Translator", "FULL NAME", "Tilmash pre-translation"),
                                 ("Language-Team", "LANGUAGE", language_name(lang))):
        if metadata.get(name, initial).startswith(initial):
            metadata[name] = value
    catalogue.metadata_is_fuzzy = []
    return forms


class _Translator:
    """The msgid of an entry into the target language: the best usable memory match, checked and put right."""

    def __init__(self, session: Session, source: str, target: str, min_score: float, style: str | None, glossary: Matcher):
        self.session, self.source, self.target = session, source, target
        self.min_score, self.style, self.glossary = min_score, style, glossary
        self.lint_lang = primary_language(target) if primary_language(target) in CORE_LANGUAGES else "auto"

    def __call__(self, text: str, flags: Iterable[str], line: int | None, notes: list[Note]) -> _Candidate | None:
        if not text.strip():
            return None
        flags = list(flags)
        refused = []
        for match in search(self.session, text, self.source, self.target, self.min_score, _CANDIDATES,
                            style=self.style, glossary=self.glossary):
            target = match.repaired_target or match.target
            changes = [f"{r.found} -> {r.replacement}" for r in match.repairs] if match.repaired_target else []
            target, carried = _carry_marks(text, match.source, target, flags)
            changes += carried
            target, fixed = self._canonical_names(target)
            changes += fixed
            problem = _marks_problem(text, target, flags)
            if problem is None:
                return _Candidate(target, match, tuple(changes), len(fixed))
            refused.append(f"the memory's match ({match.score:g}%) {problem}")
        if refused:
            notes.append(Note(line, f"{refused[0]}: not used"))
        return None

    def _canonical_names(self, text: str) -> tuple[str, list[str]]:
        findings = [f for f in lint_text(text, self.glossary, lang=self.lint_lang, rules=_NAME_RULES) if f.fixable]
        fixed, applied = apply_fixes(text, findings)
        return fixed, [f"{f.found} -> {f.suggestion}" for f in applied]


def _single_entry(entry: polib.POEntry, translate: _Translator, overwrite: bool, summary: Summary) -> None:
    if entry.msgstr and not overwrite:
        summary.kept += 1
        return
    candidate = translate(entry.msgid, entry.flags, entry.linenum, summary.notes)
    if candidate is None:
        if entry.msgstr:
            summary.kept += 1
        else:
            summary.empty += 1
        return
    entry.msgstr = candidate.text
    exact = candidate.match.score >= 100
    _mark(entry, exact, _comment(candidate, exact))
    summary.names_fixed += candidate.names_fixed
    if exact:
        summary.exact += 1
    else:
        summary.fuzzy += 1


def _plural_entry(entry: polib.POEntry, forms: int, translate: _Translator, overwrite: bool, summary: Summary) -> None:
    translated = any(entry.msgstr_plural.values())
    if translated and not overwrite:
        summary.kept += 1
        return
    if not translated:
        entry.msgstr_plural = {n: "" for n in range(forms)}
    singular = translate(entry.msgid, entry.flags, entry.linenum, summary.notes)
    plural = translate(entry.msgid_plural, entry.flags, entry.linenum, summary.notes) if singular else None
    if singular is None or plural is None:
        if translated:
            summary.kept += 1
        else:
            summary.empty += 1
        return
    entry.msgstr_plural = {n: singular.text if n == 0 else plural.text for n in range(forms)}
    comment = (f"{COMMENT_MARK} plural forms from memory matches of the singular ({singular.match.score:g}%) and "
               f"the plural ({plural.match.score:g}%): check each of the {forms} forms")
    changes = singular.changes + plural.changes
    _mark(entry, False, comment + (f"; {'; '.join(changes)}" if changes else ""))
    summary.names_fixed += singular.names_fixed + plural.names_fixed
    summary.fuzzy += 1


def _comment(candidate: _Candidate, exact: bool) -> str | None:
    changes = "; ".join(candidate.changes)
    if exact:
        return f"{COMMENT_MARK} exact memory match; {changes}" if changes else None
    origin = f" from {candidate.match.origin}" if candidate.match.origin else ""
    return f"{COMMENT_MARK} memory match {candidate.match.score:g}%{origin}" + (f"; {changes}" if changes else "")


def _mark(entry: polib.POEntry, exact: bool, comment: str | None) -> None:
    """Set or clear the fuzzy flag and replace an earlier pre-translation's comment."""
    if exact:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    elif "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    kept = [line for line in entry.tcomment.splitlines() if not line.startswith(COMMENT_MARK)]
    entry.tcomment = "\n".join(kept + ([comment] if comment else []))


def _tokens(text: str, flags: list[str]) -> list[tuple[str, str]]:
    """The placeholders and tags of a text as (text, kind) in order: what a translation must keep."""
    found = [(p.start, p.text, "placeholder") for p in placeholder_checks.placeholders(text, flags)]
    found += [(t.start, t.text, t.key) for t in tag_checks.tags(text)]
    return [(token, kind) for _, token, kind in sorted(found)]


def _carry_marks(query: str, stored: str, target: str, flags: list[str]) -> tuple[str, list[str]]:
    """The target with the stored source's placeholders and tags replaced by the query's, where the
    two have them one for one (``%(user)s`` for ``%(name)s``, ``<a href="/a">`` for ``<a href="/b">``)."""
    wanted, had = _tokens(query, flags), _tokens(stored, flags)
    if len(wanted) != len(had) or [k for _, k in wanted] != [k for _, k in had]:
        return target, []
    mapping: dict[str, str] = {}
    for (new, _), (old, _) in zip(wanted, had):
        if mapping.setdefault(old, new) != new:
            return target, []
    mapping = {old: new for old, new in mapping.items() if old != new}
    if not mapping:
        return target, []
    pattern = re.compile("|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], target), [f"{old} -> {new}" for old, new in mapping.items()]


def _marks_problem(query: str, target: str, flags: list[str]) -> str | None:
    """Why ``target`` does not keep the query's placeholders and tags, or None."""
    source_placeholders = placeholder_checks.placeholders(query, flags)
    differences = placeholder_checks.compare(source_placeholders, placeholder_checks.placeholders(target, flags))
    if differences:
        first = differences[0]
        what = {"extra": "adds", "missing": "lacks", "order": "reorders"}[first.kind]
        return f"{what} the placeholder {first.placeholder.text}"
    tag_differences = tag_checks.compare(tag_checks.tags(query), tag_checks.tags(target))
    if tag_differences:
        first = tag_differences[0]
        what = {"extra": "adds", "missing": "lacks", "unclosed": "leaves open", "stray": "closes"}[first.kind]
        return f"{what} the tag {first.tag.text}"
    return None
