"""The glossary as plain data: what file formats read and write, and what the
database imports and exports. No SQL, no XML: just concepts and their terms.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from .errors import Problem
from .languages import language_sort_key


class TermStatus(enum.StrEnum):
    """TBX administrativeStatus, the four values of TBX-Basic."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def tbx_value(self) -> str:
        return f"{self.value}Term-admn-sts"


# The statuses that are fine to write: neither is ever a finding.
ACCEPTED_STATUSES = frozenset({TermStatus.PREFERRED, TermStatus.ADMITTED})


class CaseRule(enum.StrEnum):
    """How letter case decides a match (memoQ's matching options).

    permissive: a capital letter in the term needs a capital in the text, other
    letters match either case ("Turkey" does not match "roast turkey");
    strict: the text has exactly the term's case;
    insensitive: case never matters.
    """

    PERMISSIVE = "permissive"
    STRICT = "strict"
    INSENSITIVE = "insensitive"


class PartOfSpeech(enum.StrEnum):
    """The partOfSpeech values TBX-Basic allows."""

    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    OTHER = "other"


class Role(enum.StrEnum):
    """What a web app user or API token may do; each role can do what the ones before it can."""

    TRANSLATOR = "translator"  # lint, propose terms, add to memory
    TERMINOLOGIST = "terminologist"  # edit, delete, approve proposals
    ADMIN = "admin"  # users and API tokens

    def allows(self, needed: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(needed)


class ProposalState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


STATUS_ORDER = {status: rank for rank, status in enumerate(TermStatus)}

_CONCEPT_ID = re.compile(r"[^\W\d][\w.-]*")
_STYLE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def concept_id_problem(concept_id: str) -> str | None:
    """Why ``concept_id`` cannot be a concept id, or None if it can.

    Ids are XML NCNames (a letter or underscore first, then letters, digits,
    ``.``, ``-``, ``_``) so that they survive TBX as ``id`` attributes.
    """
    if not concept_id:
        return "the concept id is empty"
    if not _CONCEPT_ID.fullmatch(concept_id) or len(concept_id) > 200:
        return (
            f"invalid concept id {concept_id!r}: it must start with a letter or '_' "
            "and contain only letters, digits, '.', '-' and '_' (at most 200 characters)"
        )
    return None


def style_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a house style name, or None if it can."""
    if not _STYLE_NAME.fullmatch(name) or len(name) > 64:
        return f"invalid style name {name!r}: use lowercase letters, digits and single hyphens, such as 'az-official'"
    return None


@dataclass(frozen=True)
class TermEntry:
    """One form of a concept in one language, with its status in each house style.

    ``styles`` maps a style name to the term's status in that style, only where
    the style says something other than the default. ``line`` is where the
    term was read (for messages); it takes no part in comparisons.
    """

    lang: str
    text: str
    status: TermStatus
    case_rule: CaseRule = CaseRule.PERMISSIVE
    part_of_speech: PartOfSpeech | None = None
    note: str | None = None
    source: str | None = None
    styles: tuple[tuple[str, TermStatus], ...] = ()
    line: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "styles", tuple(sorted(self.styles)))

    def status_in(self, style: str | None) -> TermStatus:
        """The status the term has in ``style`` as written (no implicit demotion)."""
        return dict(self.styles).get(style, self.status) if style else self.status

    def sort_key(self) -> tuple:
        return language_sort_key(self.lang), STATUS_ORDER[self.status], self.text


@dataclass
class ConceptEntry:
    """A concept: a stable id, a few concept-level fields and its terms."""

    id: str
    subject_field: str | None = None
    definition: str | None = None
    note: str | None = None
    terms: list[TermEntry] = field(default_factory=list)
    line: int | None = field(default=None, compare=False)

    def sorted(self) -> ConceptEntry:
        """The same concept with its terms in the canonical order (for comparing, writing)."""
        return ConceptEntry(self.id, self.subject_field, self.definition, self.note,
                            sorted(self.terms, key=TermEntry.sort_key), self.line)


@dataclass
class Glossary:
    """An ordered set of concepts, as read from a file or exported from a database."""

    concepts: list[ConceptEntry] = field(default_factory=list)
    # What a reader passed over without refusing the file (unknown TBX data categories...).
    warnings: list[Problem] = field(default_factory=list, compare=False)

    def styles(self) -> list[str]:
        """Every house style a term of this glossary mentions."""
        return sorted({name for c in self.concepts for t in c.terms for name, _ in t.styles})

    def languages(self) -> list[str]:
        return sorted({t.lang for c in self.concepts for t in c.terms}, key=language_sort_key)

    def normalized(self) -> Glossary:
        """Concepts sorted by id and terms in canonical order: equal content compares equal."""
        return Glossary([c.sorted() for c in sorted(self.concepts, key=lambda c: c.id)])
