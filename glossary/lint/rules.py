"""The lint rules: an id, a severity, a one-line summary and the documentation.

Rules are selected and ignored by id prefix (``--select term``, ``--ignore
term.inconsistent``), as flake8 and ruff do. The glossary drives the term rules
as data: each deprecated or superseded term is a substitution, as in vale.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    why: str
    example: str
    instead: str


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule(
        "term.deprecated", Severity.WARNING,
        "A deprecated form of a name: a misspelling or discouraged rendering.",
        "Readers, search engines and archives find a name by one spelling; a deprecated form "
        "splits coverage of one place or person across spellings.",
        "Fizuli was liberated in 2020. / Kassym-Jomart Kemelovich Tokayev / Qabalada",
        "Fuzuli was liberated in 2020. / Kassym-Jomart Kemelevich Tokayev / Qəbələdə",
    ),
    Rule(
        "term.superseded", Severity.INFO,
        "A former official name, replaced by a newer one.",
        "Old names (Alma-Ata, Nur-Sultan, Turkic Council) are right in a historical context and wrong "
        "in current news, so they are reported at info level and do not fail a build. A name used within "
        "its validity period at the document's date, or mentioned as a former one (formerly Alma-Ata, "
        "renamed from Nur-Sultan, бывшая Алма-Ата, keçmiş adı, бұрынғы атауы), is not reported.",
        "The summit of the Turkic Council in Baku",
        "The summit of the Organization of Turkic States in Baku",
    ),
    Rule(
        "term.anachronism", Severity.INFO,
        "A name used at a date when it was not in use: before it existed, or between two of its periods.",
        "A report dated 2019 that writes Organization of Turkic States, or Astana in 2020, names the "
        "thing as it was not yet (or no longer) called; the glossary's validity periods say when each "
        "name was in use, and the document's date (--date, front matter, the page's publication time) "
        "says when it was written.",
        "2019-05-01: the summit of the Organization of Turkic States in Baku",
        "2019-05-01: the summit of the Turkic Council in Baku",
    ),
    Rule(
        "term.wrong-language", Severity.WARNING,
        "A name written in another language's form (Füzuli in English, Токаев in Kazakh, Тоқаев in Russian).",
        "Each language has its own canonical form of a name; one from another column is a leak from a "
        "source text or a translation.",
        "The ambassador visited Füzuli. / Токаевтың сапары",
        "The ambassador visited Fuzuli. / Тоқаевтың сапары",
    ),
    Rule(
        "term.inconsistent", Severity.INFO,
        "One concept written in two different accepted forms in one document.",
        "Two admitted forms are each correct, but a reader of one article should not wonder whether "
        "they name the same thing. Short forms (a surname, an acronym) next to the full name are not reported.",
        "Middle Corridor ... Trans-Caspian International Transport Route",
        "Middle Corridor ... Middle Corridor",
    ),
    Rule(
        "term.unknown-variant", Severity.INFO,
        "A word that is not in the glossary but is one letter away from a name that is.",
        "Near misses (Zangezour, Nakhchyvan) are usually typos or unlisted transliterations: add them "
        "to the glossary as deprecated forms, or correct them.",
        "the Zangezour corridor",
        "the Zangezur corridor",
    ),
    Rule(
        "text.mixed-script", Severity.ERROR,
        "A word that mixes Latin and Cyrillic letters (Fuzulі with Kazakh і, Bakı with Cyrillic а).",
        "Look-alike letters from another alphabet make a word invisible to search, spell checking and "
        "every glossary match, and no other tool reports them. Azerbaijani ə and Kazakh ә are told apart.",
        "Fuzulі (the last letter is Cyrillic і, U+0456)",
        "Fuzuli (all Latin)",
    ),
)}


def selected_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> frozenset[str]:
    """Rule ids chosen by id prefixes: all of ``select`` (default: every rule) minus ``ignore``."""

    def matches(rule_id: str, prefixes: tuple[str, ...]) -> bool:
        return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)

    chosen = {r for r in RULES if not select or matches(r, select)}
    return frozenset(r for r in chosen if not matches(r, ignore))


def unknown_prefixes(prefixes: tuple[str, ...]) -> list[str]:
    return [p for p in prefixes if not any(r == p or r.startswith(p.rstrip(".") + ".") for r in RULES)]
