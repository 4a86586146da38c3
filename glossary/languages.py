"""Language codes: BCP 47 tags checked against CLDR's tables (through Babel).

``Locale.parse`` is not used to canonicalise, because it resolves tags to the
locales it has data for (``kk-Latn`` becomes ``kk_Cyrl``, ``und`` becomes
``en_US``). Each subtag is checked on its own instead, and the tag keeps its
subtags in the standard letter case: ``EN_us`` -> ``en-US``, ``KK-latn`` -> ``kk-Latn``.
"""

from __future__ import annotations

import functools

from .errors import InvalidLanguage

# The four languages of the beat, in the order tables and exports show them.
CORE_LANGUAGES = ("en", "az", "kk", "ru")

# The text languages whose names and numbers take suffixes (Zəngəzur dəhlizinə, Ақтауда, Aqtaýda, 2024-cü,
# 2025-te): Kazakh in either alphabet and Azerbaijani, the ones glossary.lint.turkic parses and rewrites.
# The lint's suggestions, the memory's repairs and the month names of tm.numbers ask this set.
SUFFIXING_LANGUAGES = frozenset({"az", "kk", "kk-Latn"})


@functools.cache
def _cldr_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from babel import Locale  # CLDR's tables: imported when a code is first checked or named, not at every start

    english = Locale("en")
    languages = frozenset(code for code in english.languages if "_" not in code)
    return languages - {"und", "zxx", "mul"}, frozenset(english.scripts), frozenset(english.territories)


@functools.cache
def normalize_language(code: str) -> str:
    """Return the canonical BCP 47 form of ``code``, or raise InvalidLanguage."""
    raw = code.strip()
    subtags = raw.replace("_", "-").split("-")
    if not raw or any(not s.isascii() or not s.isalnum() for s in subtags):
        raise InvalidLanguage.of("language.invalid", code=code)
    languages, scripts, territories = _cldr_names()
    language, rest = subtags[0].lower(), subtags[1:]
    if language not in languages:
        raise InvalidLanguage.of("language.unknown", code=code, language=language)
    parts = [language]
    if rest and len(rest[0]) == 4 and rest[0].isalpha():
        script = rest.pop(0).title()
        if script not in scripts:
            raise InvalidLanguage.of("language.unknown-script", script=script, code=code)
        parts.append(script)
    if rest and (len(rest[0]) == 2 and rest[0].isalpha() or len(rest[0]) == 3 and rest[0].isdigit()):
        territory = rest.pop(0).upper()
        if territory not in territories:
            raise InvalidLanguage.of("language.unknown-region", region=territory, code=code)
        parts.append(territory)
    for variant in rest:
        if not (5 <= len(variant) <= 8 or len(variant) == 4 and variant[0].isdigit()):
            raise InvalidLanguage.of("language.invalid-subtag", subtag=variant, code=code)
        parts.append(variant.lower())
    return "-".join(parts)


def primary_language(code: str) -> str:
    """The language subtag alone: ``az-Latn-AZ`` -> ``az``."""
    return code.split("-", 1)[0].lower()


def language_sort_key(code: str) -> tuple[int, str]:
    """Core languages first, in their fixed order, then the others alphabetically."""
    primary = primary_language(code)
    rank = CORE_LANGUAGES.index(primary) if primary in CORE_LANGUAGES else len(CORE_LANGUAGES)
    return rank, code


def language_name(code: str) -> str:
    """A tag's language in English, for reports: ``az`` -> Azerbaijani, ``kk-Latn`` -> Kazakh (Latin)."""
    from babel import Locale

    english = Locale("en")
    primary, *rest = code.split("-")
    name = english.languages.get(primary.lower(), code)
    script = next((s for s in rest if len(s) == 4 and s.isalpha()), None)
    return f"{name} ({english.scripts.get(script.title(), script)})" if script else name
