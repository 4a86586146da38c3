"""The glossary as plain data: what file formats read and write, and what the
database imports and exports. No SQL, no XML: just concepts and their terms.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass, field, fields
from datetime import date

from .errors import InvalidValue, Problem
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


def concept_id_problem(concept_id: str) -> InvalidValue | None:
    """Why ``concept_id`` cannot be a concept id (the error saying so), or None if it can.

    Ids are XML NCNames (a letter or underscore first, then letters, digits,
    ``.``, ``-``, ``_``) so that they survive TBX as ``id`` attributes.
    """
    if not concept_id:
        return InvalidValue.of("concept.empty-id")
    if not _CONCEPT_ID.fullmatch(concept_id) or len(concept_id) > 200:
        return InvalidValue.of("concept.invalid-id", id=concept_id)
    return None


def style_name_problem(name: str) -> InvalidValue | None:
    """Why ``name`` cannot be a house style name (the error saying so), or None if it can."""
    if not _STYLE_NAME.fullmatch(name) or len(name) > 64:
        return InvalidValue.of("style.invalid-name", name=name)
    return None


_PERIOD_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def _period_date(text: str, *, end: bool) -> date | None:
    """An ISO 8601 date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (empty: None, an open end);
    a year or a month means its first day as a start, its last day as an end."""
    text = text.strip()
    if not text:
        return None
    m = _PERIOD_DATE.fullmatch(text)
    if m is None:
        raise InvalidValue.of("period.malformed-date", text=text)
    year = int(m["year"])
    month = int(m["month"]) if m["month"] else (12 if end else 1)
    if not 1 <= month <= 12:
        raise InvalidValue.of("period.no-such-month", text=text)
    try:
        if m["day"]:
            return date(year, month, int(m["day"]))
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError:
        raise InvalidValue.of("period.no-such-day", text=text) from None


def _short_date(day: date, *, end: bool) -> str:
    """The shortest of YYYY, YYYY-MM, YYYY-MM-DD that reads back as ``day`` on this side."""
    last = calendar.monthrange(day.year, day.month)[1]
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return f"{day.year:04d}"
    if day.day == (last if end else 1):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


@dataclass(frozen=True)
class ValidityPeriod:
    """When a term was (or is) the name in use: from ``start`` to ``end``, both days included.

    None is an open end: ``ValidityPeriod(None, date(1993, 12, 31))`` is "until 1993".
    Written ``START/END`` (``2019-03-20/2022-09-17``, ``/1993``, ``1998-05-06/``).
    """

    start: date | None
    end: date | None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"the period {self} ends before it starts")

    @classmethod
    def parse(cls, text: str) -> ValidityPeriod:
        """``START/END`` with ISO 8601 dates (YYYY, YYYY-MM or YYYY-MM-DD), either side empty for an open end."""
        start, slash, end = text.strip().partition("/")
        if not slash or "/" in end:
            raise InvalidValue.of("period.malformed", text=text.strip())
        if not start.strip() and not end.strip():
            raise InvalidValue.of("period.no-ends", text=text.strip())
        first, last = _period_date(start, end=False), _period_date(end, end=True)
        if first is not None and last is not None and last < first:
            raise InvalidValue.of("period.ends-before-start", text=text.strip())
        return cls(first, last)

    def __str__(self) -> str:
        start = _short_date(self.start, end=False) if self.start else ""
        end = _short_date(self.end, end=True) if self.end else ""
        return f"{start}/{end}"

    def describe(self) -> str:
        """For people: '2019-03-20 to 2022-09-17', 'until 1993', 'since 1998-05-06'."""
        start = _short_date(self.start, end=False) if self.start else None
        end = _short_date(self.end, end=True) if self.end else None
        if start and end:
            return f"{start} to {end}"
        return f"until {end}" if end else f"since {start}"

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def sort_key(self) -> tuple:
        return (self.start is not None, self.start or date.min, self.end is None, self.end or date.max)


def parse_periods(text: str) -> tuple[ValidityPeriod, ...]:
    """The CSV column ``valid``: periods separated by ``;`` (empty: none). InvalidValue says what is wrong."""
    if not text:  # almost every row of a glossary: nothing to split
        return ()
    written = [part.strip() for part in text.split(";") if part.strip()]
    periods = [ValidityPeriod.parse(part) for part in written]
    if (overlap := _overlap(periods)) is not None:
        first, second = (written[periods.index(p)] for p in overlap)
        raise InvalidValue.of("period.overlap", first=first, second=second)
    return tuple(sorted(periods, key=ValidityPeriod.sort_key))


def format_periods(periods: tuple[ValidityPeriod, ...]) -> str:
    return ";".join(str(p) for p in periods)


def _overlap(periods) -> tuple[ValidityPeriod, ValidityPeriod] | None:
    if len(periods) < 2:
        return None
    ordered = sorted(periods, key=ValidityPeriod.sort_key)
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier.end is None or later.start is None or later.start <= earlier.end:
            return earlier, later
    return None


def periods_problem(periods: tuple[ValidityPeriod, ...]) -> InvalidValue | None:
    """Why a term cannot have these periods (two of them overlap: the error saying so), or None if it can."""
    if (overlap := _overlap(periods)) is not None:
        return InvalidValue.of("period.overlap", first=str(overlap[0]), second=str(overlap[1]))
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
    # When the term was the name in use (former names): none means always.
    periods: tuple[ValidityPeriod, ...] = ()
    line: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.styles or type(self.styles) is not tuple:  # (most terms have neither: nothing to sort)
            object.__setattr__(self, "styles", tuple(sorted(self.styles)))
        if self.periods or type(self.periods) is not tuple:
            object.__setattr__(self, "periods", tuple(sorted(self.periods, key=ValidityPeriod.sort_key)))

    def valid_on(self, day: date) -> bool:
        """Whether the term was the name in use on ``day`` (always, without periods)."""
        return not self.periods or any(p.contains(day) for p in self.periods)

    def status_in(self, style: str | None) -> TermStatus:
        """The status the term has in ``style`` as written (no implicit demotion)."""
        return dict(self.styles).get(style, self.status) if style else self.status

    def sort_key(self) -> tuple:
        return language_sort_key(self.lang), STATUS_ORDER[self.status], self.text


_PLAIN_TERM = {f.name: f.default for f in fields(TermEntry)}  # the defaults: a term with only a language, text and status


def plain_term(lang: str, text: str, status: TermStatus, line: int | None) -> TermEntry:
    """``TermEntry(lang=lang, text=text, status=status, line=line)``, made a few times faster (a glossary
    file's reader makes one for each of 160,000 rows): the frozen dataclass's ``__init__`` sets each of
    the ten fields through ``object.__setattr__`` and calls ``__post_init__``, which has nothing to do here."""
    term = object.__new__(TermEntry)
    term.__dict__.update(_PLAIN_TERM, lang=lang, text=text, status=status, line=line)
    return term


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
