"""The rules: an id, a severity, a one-line summary and the documentation.

Rules are selected and ignored by id prefix (``--select term``, ``--ignore
term.inconsistent``), as flake8 and ruff do. The glossary drives the term rules
as data: each deprecated or superseded term is a substitution, as in vale.

Each rule belongs to the command that reports it: ``lint`` (a text), ``qa``
(a source and its translation: ``tilmash qa``) or ``versions`` (the versions of
one story: ``tilmash qa --versions``). Both QA commands report the lint's rules too.
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
    command: str = "lint"  # lint, qa or versions: which command reports it


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
        "A name used at a date before it existed: Organization of Turkic States in an article of 2019.",
        "An article names things as they were called when it was written; the glossary's validity periods "
        "say when each name was in use, and the document's date (--date, front matter, the page's "
        "publication time) says when it was written. The suggestion is the name in use at that date. "
        "A name between two of its periods (Astana in 2020) is not reported: it had existed, and other "
        "names kept it (The Astana Times).",
        "2019-05-01: the summit of the Organization of Turkic States in Baku",
        "2019-05-01: the summit of the Turkic Council in Baku",
    ),
    Rule(
        "term.wrong-language", Severity.WARNING,
        "A name written in another language's form (Füzuli in English, Токаев in Kazakh, Тоқаев in Russian).",
        "Each language has its own canonical form of a name; one from another column is a leak from a "
        "source text or a translation. A Latin name inside a longer Latin proper name (Baku Shipyard) or a "
        "host name (Akorda.kz) in Azerbaijani, Kazakh or Russian text is not reported; in Kazakh Latin text a "
        "capitalised Kazakh word after a name (Ilham Aliyev Astanaǵa) does not make it one.",
        "The ambassador visited Füzuli. / Токаевтың сапары",
        "The ambassador visited Fuzuli. / Тоқаевтың сапары",
    ),
    Rule(
        "term.inconsistent", Severity.INFO,
        "One concept written in two different accepted forms in one document.",
        "Two admitted forms are each correct, but a reader of one article should not wonder whether "
        "they name the same thing. Short forms (a surname, an acronym, Порт Баку beside Бакинский международный "
        "морской торговый порт) next to the full name are not reported, nor forms the article glosses as one: "
        "X (Y), X, also known as Y, X, formerly Y, and their Azerbaijani, Kazakh and Russian equivalents. "
        "Kazakh Latin is printed in two alphabets (2018, with acute letters; 2021): a name written in the "
        "other alphabet than the words around it in its paragraph (Baku, which 2018 copy reads Бакұ, in a "
        "2018 paragraph) is reported with the concept's form in the paragraph's alphabet (Baký).",
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
    Rule(
        "term.mismatch", Severity.WARNING,
        "A glossary name in the source that the translation does not name in any form.",
        "A dropped or unlisted rendering of a name is the error a reviewer misses most: the sentence reads "
        "well without it. Any form of the concept in the target counts, inflected (Шушада, Şuşada) and "
        "admitted ones (an acronym, a short form) included; the message names the form to use.",
        "Tokayev arrived in Shusha. -> Тоқаев Бакуге келді.",
        "Tokayev arrived in Shusha. -> Тоқаев Шушаға келді.",
        "qa",
    ),
    Rule(
        "qa.numbers", Severity.WARNING,
        "A number in the translation that is not in the source, or one of the source's left out.",
        "Numbers are read in each language's notation (3.4 and 3,4; 1,500 and 1 500), with their scale words "
        "(million, млн, milyon) and suffixes (14-də, 2023-cü, 2023 жылдан), so only real differences are reported.",
        "$547 million -> 574 млн долларов",
        "$547 million -> 547 млн долларов",
        "qa",
    ),
    Rule(
        "qa.placeholders", Severity.ERROR,
        "A printf, Python-format or brace placeholder (%s, %(count)d, {city}) not kept one for one.",
        "A missing or extra placeholder breaks the program that fills it in, or prints the wrong value; "
        "translations may reorder placeholders, so order is not checked.",
        "Welcome to {city}, %(name)s -> Добро пожаловать, %(name)s",
        "Welcome to {city}, %(name)s -> Добро пожаловать в {city}, %(name)s",
        "qa",
    ),
    Rule(
        "qa.tags", Severity.ERROR,
        "An HTML or TMX inline tag of the source missing from the translation, added, or left unclosed.",
        "A tag left open turns the rest of the page bold or into a link; a dropped one loses a link or emphasis.",
        "<b>Baku</b> port -> <b>Бакинский порт",
        "<b>Baku</b> port -> <b>Бакинский</b> порт",
        "qa",
    ),
    Rule(
        "version.missing-name", Severity.WARNING,
        "A name the other versions of a story give at this sentence and this version leaves out.",
        "Versions of one story drift: a port, a person or a ministry dropped from one language is missing news. "
        "Inflected forms and the concept's admitted forms (an acronym, a short form) count as present; with three "
        "or more versions a name only one version gives is not reported on the others, nor a name this version gives "
        "in as many sentences as the others, elsewhere (a sentence moved).",
        "en: via the ports of Aktau and Kuryk / kk: Ақтау порты арқылы",
        "en: via the ports of Aktau and Kuryk / kk: Ақтау және Құрық порттары арқылы",
        "versions",
    ),
    Rule(
        "version.numbers", Severity.WARNING,
        "A number that differs from the aligned sentences of the other versions of a story.",
        "A figure typed wrong in one language (510 for 501) is a correction waiting to happen. Numbers are compared "
        "in each language's notation and with their scale words; with three or more versions the odd one out is reported; "
        "a year one version writes where the others say last year (2023 года, 2023-cü ildə) is not.",
        "en: 501 trucks / ru: 510 грузовиков",
        "en: 501 trucks / ru: 501 грузовик",
        "versions",
    ),
)}

LINT_RULES = frozenset(rule.id for rule in RULES.values() if rule.command == "lint")
QA_RULES = LINT_RULES | {rule.id for rule in RULES.values() if rule.command == "qa"}
VERSION_RULES = LINT_RULES | {rule.id for rule in RULES.values() if rule.command == "versions"}


def selected_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                   among: frozenset[str] = LINT_RULES) -> frozenset[str]:
    """Rule ids of ``among`` chosen by id prefixes: all of ``select`` (default: every rule) minus ``ignore``."""
    chosen = {r for r in among if not select or _matches(r, select)}
    return frozenset(r for r in chosen if not _matches(r, ignore))


def unknown_prefixes(prefixes: tuple[str, ...], among: frozenset[str] = LINT_RULES) -> list[str]:
    """The prefixes that choose none of the rules ``among``."""
    return [p for p in prefixes if not any(_matches(r, (p,)) for r in among)]


def _matches(rule_id: str, prefixes: tuple[str, ...]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)
