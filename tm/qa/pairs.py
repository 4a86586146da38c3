"""The checks of one translation unit: names, the lint on the translation, numbers, placeholders, tags.

Each check compares what the source has with what the translation has, in the
translation's terms: a name by its concept (any form, inflected), a number by its
value in each language's notation, a placeholder by its name, a tag by its name.
Findings point at the translation in its file (``Unit.place``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from glossary.lint import markup
from glossary.lint.engine import lint_text
from glossary.lint.fixing import apply_fixes
from glossary.formats.po import language_name
from glossary.lint.findings import Finding
from glossary.lint.language import LANGUAGES
from glossary.lint.matcher import Matcher
from glossary.lint.messages import Message
from glossary.lint.mentions import Mention, mentions
from glossary.lint.rules import LINT_RULES, QA_RULES

from .. import numbers as numbers_module
from . import placeholders as placeholders_module
from . import tags as tags_module
from .names import SourceName, source_names
from .places import Place
from .units import Unit, detected_language


def check_units(units: Iterable[Unit], matcher: Matcher, rules: frozenset[str] = QA_RULES) -> list[Finding]:
    """Every finding of every unit, in file order."""
    findings: list[Finding] = []
    for unit in units:
        findings.extend(check_unit(unit, matcher, rules))
    return sorted(findings, key=lambda f: (f.path, f.start, f.end, f.rule))


def check_unit(unit: Unit, matcher: Matcher, rules: frozenset[str] = QA_RULES) -> list[Finding]:
    return _check(unit, matcher, rules).findings


@dataclass(frozen=True)
class PairCheck:
    """What translate mode shows of a source and its translation (``check_translation``)."""

    names: list[SourceName]  # the source's names, their rendering and whether the translation has them
    findings: list[Finding]  # the QA's findings on the translation
    missing_numbers: list[str]  # numbers of the source (as the source writes them) the translation lacks or changes
    extra_numbers: list[str]  # numbers of the translation (as written) not in the source


def _check(unit: Unit, matcher: Matcher, rules: frozenset[str]) -> PairCheck:
    target_lang = unit.target_lang or "auto"
    lint_lang = target_lang if target_lang in LANGUAGES else "auto"
    source_lang = unit.source_lang if unit.source_lang in LANGUAGES else "auto"
    if unit.source_tags is not None or unit.target_tags is not None:  # codes outside the texts: the texts are plain
        source_tags, target_tags = list(unit.source_tags or ()), list(unit.target_tags or ())
        kind = "text"
    else:
        source_tags, target_tags = tags_module.tags(unit.source), tags_module.tags(unit.target)
        kind = "html" if source_tags or target_tags else "text"
    findings: list[Finding] = []
    lint_rules = rules & LINT_RULES
    linted = lint_text(unit.target, matcher, lang=lint_lang, kind=kind, rules=lint_rules | {"text.mixed-script"})
    findings.extend(unit.place.moved(f) for f in linted if f.rule in lint_rules)
    source_mentions = mentions(unit.source, matcher, lang=source_lang, kind=kind)
    # a name with a letter of the other alphabet is there, misspelt: the lint says so, not a missing name
    repaired, _ = apply_fixes(unit.target, [f for f in linted if f.rule == "text.mixed-script"])
    target_mentions = mentions(repaired, matcher, lang=lint_lang, kind=kind)
    names = source_names(unit.source, unit.target, unit.target_lang or "", matcher, source_mentions, target_mentions)
    if "term.mismatch" in rules:
        findings.extend(_missing_names(unit, names))
    source_placeholders = placeholders_module.placeholders(unit.source, unit.flags)
    target_placeholders = placeholders_module.placeholders(unit.target, unit.flags)
    instead, extra, missing = _number_differences(unit, kind, source_mentions, target_mentions,
                                                  source_placeholders, target_placeholders)
    if "qa.numbers" in rules:
        findings.extend(_numbers(unit, instead, extra, missing))
    if "qa.placeholders" in rules:
        findings.extend(_placeholders(unit, source_placeholders, target_placeholders))
    if "qa.tags" in rules:
        findings.extend(_tags(unit, source_tags, target_tags))
    return PairCheck(
        names, findings,
        missing_numbers=[unit.source[n.start:n.end] for n in [*(expected for _, expected in instead), *missing]],
        extra_numbers=[unit.target[n.start:n.end] for n in [*(found for found, _ in instead), *extra]],
    )


def _missing_names(unit: Unit, names: list[SourceName]) -> list[Finding]:
    """Concepts the source names that the translation names in no form at all (``names.source_names``)."""
    return [
        unit.place.finding(
            0, len(unit.target), "term.mismatch", unit.target,
            Message.of("qa.missing-name", language_name, found=name.found, lang=unit.target_lang,
                       rendering=name.rendering),
            lang=unit.target_lang, concept=name.concept,
        )
        for name in names
        if not name.present and name.rendering is not None  # no form in this language: nothing to check against
    ]


def _skipped(text: str, found: list[Mention], marks: list) -> list[tuple[int, int]]:
    """Spans whose digits are not numbers: names with digits (COP29), placeholders."""
    spans = [(m.start, m.end) for m in found if m.outermost and any(ch.isdigit() for ch in text[m.start:m.end])]
    return spans + [(p.start, p.end) for p in marks]


def _number_differences(unit: Unit, kind: str, source_mentions: list[Mention], target_mentions: list[Mention],
                        source_placeholders: list, target_placeholders: list):
    """(target number, source number it stands for) pairs that differ, the target's numbers not in the
    source, the source's numbers not in the target."""
    target_lang = unit.target_lang or "en"
    source_view = markup.prose_view(unit.source, kind)
    target_view = markup.prose_view(unit.target, kind)
    in_source = numbers_module.numbers(source_view, unit.source_lang,
                                       skip=_skipped(unit.source, source_mentions, source_placeholders))
    in_target = numbers_module.numbers(target_view, target_lang,
                                       skip=_skipped(unit.target, target_mentions, target_placeholders))
    paired = numbers_module.pair_up(in_target, in_source)
    extra = [n for i, n in enumerate(in_target) if i not in {i for i, _ in paired}]
    missing = [n for j, n in enumerate(in_source) if j not in {j for _, j in paired}]
    return numbers_module.substitutions(extra, missing)


def _numbers(unit: Unit, instead: list, extra: list, missing: list) -> list[Finding]:
    target_lang = unit.target_lang or "en"
    findings = []
    for number, expected in instead:
        found = unit.target[number.start:number.end]
        findings.append(unit.place.finding(
            number.start, number.end, "qa.numbers", found,
            Message.of("qa.number-differs", found=found, expected=unit.source[expected.start:expected.end]),
            lang=target_lang,
            suggestion=numbers_module.suggestion_for(number, expected.value, target_lang)))
    for number in extra:
        found = unit.target[number.start:number.end]
        findings.append(unit.place.finding(number.start, number.end, "qa.numbers", found,
                                           Message.of("qa.number-extra", found=found), lang=target_lang))
    for number in missing:
        source_text = unit.source[number.start:number.end]
        findings.append(unit.place.finding(
            0, len(unit.target), "qa.numbers", unit.target,
            Message.of("qa.number-missing", language_name, number=source_text,
                       written=numbers_module.describe(number.value, target_lang), lang=target_lang),
            lang=target_lang,
        ))
    return findings


def _placeholders(unit: Unit, source: list, target: list) -> list[Finding]:
    findings = []
    lang = unit.target_lang or ""
    for difference in placeholders_module.compare(source, target):
        placeholder = difference.placeholder
        if difference.kind == "missing":
            findings.append(unit.place.finding(0, len(unit.target), "qa.placeholders", unit.target,
                                               Message.of("qa.placeholder-missing", placeholder=placeholder.text),
                                               lang=lang))
        elif difference.kind == "extra":
            findings.append(unit.place.finding(placeholder.start, placeholder.end, "qa.placeholders", placeholder.text,
                                               Message.of("qa.placeholder-extra", placeholder=placeholder.text),
                                               lang=lang))
        else:
            findings.append(unit.place.finding(
                placeholder.start, placeholder.end, "qa.placeholders", placeholder.text,
                Message.of("qa.placeholder-order", expected=difference.expected), lang=lang))
    return findings


def _tags(unit: Unit, source: list, target: list) -> list[Finding]:
    findings = []
    lang = unit.target_lang or ""
    for difference in tags_module.compare(source, target):
        tag = difference.tag
        if difference.kind == "missing":
            findings.append(unit.place.finding(0, len(unit.target), "qa.tags", unit.target,
                                               Message.of("qa.tag-missing", tag=tag.text), lang=lang))
        elif tag.file_span is not None:
            findings.append(unit.place.finding_in_file(*tag.file_span, "qa.tags", tag.text,
                                                       Message.of(f"qa.tag-{difference.kind}", tag=tag.text), lang=lang))
        else:
            findings.append(unit.place.finding(tag.start, tag.end, "qa.tags", tag.text,
                                               Message.of(f"qa.tag-{difference.kind}", tag=tag.text), lang=lang))
    return findings


def _known(text: str, lang: str) -> str:
    """``lang``, or the text's language when it is not one of ours ("auto")."""
    return lang if lang in LANGUAGES else detected_language([text])


def check_pair(source: str, target: str, source_lang: str, target_lang: str, matcher: Matcher, *,
               rules: frozenset[str] = QA_RULES, path: str = "target", flags: frozenset[str] = frozenset()) -> list[Finding]:
    """The findings of one source text and its translation given as texts (the web app's POST /api/qa):
    offsets, lines and columns are in ``target``. A language "auto" is detected from its text."""
    source_lang, target_lang = _known(source, source_lang), _known(target, target_lang)
    unit = Unit(source, target, source_lang, target_lang, Place.whole(path, target), flags)
    return sorted(check_unit(unit, matcher, rules), key=lambda f: (f.start, f.end, f.rule))


def check_translation(source: str, target: str, source_lang: str, target_lang: str, matcher: Matcher, *,
                      rules: frozenset[str] = QA_RULES, path: str = "target") -> PairCheck:
    """Translate mode's live checks (POST /api/translate/check): the findings of ``check_pair``, with the
    source's names and the numbers that differ, from the same pass. ``source_lang`` "auto": detected."""
    source_lang, target_lang = _known(source, source_lang), _known(target, target_lang)
    check = _check(Unit(source, target, source_lang, target_lang, Place.whole(path, target)), matcher, rules)
    return dataclasses.replace(check, findings=sorted(check.findings, key=lambda f: (f.start, f.end, f.rule)))
