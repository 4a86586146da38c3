"""Translate mode's live checks: the names of a source text, their rendering in the target
language and house style, whether the translation has each of them, numbers that differ,
and the target's own lint findings. The web app's translate mode calls ``check_translation``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lint.engine import lint_text
from .lint.findings import Finding
from .lint.matcher import Matcher
from .lint.mentions import mentions

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


@dataclass(frozen=True)
class SourceName:
    concept: str
    found: str
    start: int
    end: int
    rendering: str | None  # the target language's preferred form in the matcher's style
    present: bool  # whether the translation names the concept in any form


def normalized_number(text: str) -> str:
    """1,500 / 1 500 / 1.500 -> 1500; 2,5 / 2.5 -> 2.5: a group of three digits after a separator is thousands."""
    parts = re.split(r"[.,\u00a0\u202f ]", text)
    whole, rest = parts[0], parts[1:]
    decimal = ""
    if rest and len(rest[-1]) != 3:
        decimal = "." + rest.pop()
    return whole + "".join(rest) + decimal


def numbers(text: str) -> Counter[str]:
    return Counter(normalized_number(m.group()) for m in _NUMBER.finditer(text))


@dataclass(frozen=True)
class TranslationCheck:
    names: list[SourceName]
    findings: list[Finding]  # the translation's lint findings
    missing_numbers: list[str]  # in the source, not in the translation
    extra_numbers: list[str]  # in the translation, not in the source


def check_translation(source: str, target: str, matcher: Matcher, *, source_lang: str = "auto",
                      target_lang: str, kind: str = "text") -> TranslationCheck:
    """``matcher`` compiled with ``shortcuts=False`` (``mentions``: every form with its concept)."""
    in_target = {m.concept for m in mentions(target, matcher, lang=target_lang, kind=kind)}
    names = []
    for mention in mentions(source, matcher, lang=source_lang, kind=kind):
        if not mention.outermost:
            continue
        preferred = matcher.concepts[mention.concept].preferred.get(target_lang)
        names.append(SourceName(mention.concept, source[mention.start:mention.end], mention.start, mention.end,
                                preferred.text if preferred is not None else None, mention.concept in in_target))
    source_numbers, target_numbers = numbers(source), numbers(target)
    return TranslationCheck(
        names=names,
        findings=lint_text(target, matcher, lang=target_lang, kind=kind) if target.strip() else [],
        missing_numbers=sorted((source_numbers - target_numbers).elements()),
        extra_numbers=sorted((target_numbers - source_numbers).elements()),
    )
