"""The termbase in the database (SQLAlchemy 2.0): concepts, terms, house styles, history.

Rules the database enforces itself, on SQLite and PostgreSQL alike:
one preferred term per concept and language (a partial unique index), one
preferred term per concept, language and house style (the style statuses
carry their term's concept and language, tied by a composite foreign key),
statuses and case rules from fixed sets (CHECK constraints).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from .folding import search_key
from .records import CaseRule, PartOfSpeech, ProposalState, Role, TermStatus

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _enum(enum_type, name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, values stored as written."""
    return Enum(enum_type, name=name, native_enum=False, create_constraint=True, length=20,
                values_callable=lambda members: [m.value for m in members], validate_strings=True)


class Base(DeclarativeBase):
    """Declarative base shared by the glossary and the translation memory (one database)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Concept(Base):
    __tablename__ = "concepts"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    subject_field: Mapped[str | None] = mapped_column(String(200))
    definition: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic locking: every UPDATE of the row checks and moves it, so of two people saving
    # the same version the second is refused (glossary/editing.py touches the row on term edits).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    terms: Mapped[list[Term]] = relationship(back_populates="concept", cascade="all, delete-orphan",
                                             passive_deletes=True, order_by="Term.id")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"Concept({self.id!r})"


class Term(Base):
    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE", onupdate="CASCADE"))
    lang: Mapped[str] = mapped_column(String(35))
    text: Mapped[str] = mapped_column(String(500))
    status: Mapped[TermStatus] = mapped_column(_enum(TermStatus, "term_status"))
    case_rule: Mapped[CaseRule] = mapped_column(_enum(CaseRule, "case_rule"), default=CaseRule.PERMISSIVE)
    part_of_speech: Mapped[PartOfSpeech | None] = mapped_column(_enum(PartOfSpeech, "part_of_speech"))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    # search_key(text), stored so that a search is one indexed query on either database.
    search_key: Mapped[str] = mapped_column(String(500), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    concept: Mapped[Concept] = relationship(back_populates="terms")
    style_statuses: Mapped[list[TermStyleStatus]] = relationship(
        back_populates="term", cascade="all, delete-orphan", passive_deletes=True, order_by="TermStyleStatus.style_name")
    periods: Mapped[list[TermPeriod]] = relationship(
        back_populates="term", cascade="all, delete-orphan", passive_deletes=True, order_by="TermPeriod.id")

    __table_args__ = (
        UniqueConstraint("concept_id", "lang", "text"),
        # The target of term_style_statuses' composite foreign key.
        UniqueConstraint("id", "concept_id", "lang"),
        Index("uq_terms_preferred", "concept_id", "lang", unique=True,
              sqlite_where=(status == TermStatus.PREFERRED.value),
              postgresql_where=(status == TermStatus.PREFERRED.value)),
    )

    def __init__(self, **fields: Any):
        # Defaults that the change history must see before the INSERT applies column defaults.
        fields.setdefault("case_rule", CaseRule.PERMISSIVE)
        super().__init__(**fields)

    @validates("text")
    def _keep_search_key(self, _key: str, text: str) -> str:
        self.search_key = search_key(text)
        return text

    def __repr__(self) -> str:
        return f"Term({self.concept_id!r}, {self.lang!r}, {self.text!r}, {self.status.value})"


class Style(Base):
    """A house style (``az-official``): a named set of status overrides."""

    __tablename__ = "styles"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TermStyleStatus(Base):
    """A term's status in one house style, where the style differs from the default."""

    __tablename__ = "term_style_statuses"

    term_id: Mapped[int] = mapped_column(primary_key=True)
    style_name: Mapped[str] = mapped_column(ForeignKey("styles.name", ondelete="CASCADE", onupdate="CASCADE"),
                                            primary_key=True)
    concept_id: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(35))
    status: Mapped[TermStatus] = mapped_column(_enum(TermStatus, "style_term_status"))

    term: Mapped[Term] = relationship(back_populates="style_statuses")

    __table_args__ = (
        ForeignKeyConstraint(["term_id", "concept_id", "lang"], ["terms.id", "terms.concept_id", "terms.lang"],
                             ondelete="CASCADE", onupdate="CASCADE"),
        Index("uq_term_style_statuses_preferred", "style_name", "concept_id", "lang", unique=True,
              sqlite_where=(status == TermStatus.PREFERRED.value),
              postgresql_where=(status == TermStatus.PREFERRED.value)),
    )


class TermPeriod(Base):
    """A period when a term was the name in use, both days included; a NULL side is an open end.

    That a term's periods do not overlap is checked with the rest of a concept's rules
    (``validation``), where the message can name the file and line.
    """

    __tablename__ = "term_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)

    term: Mapped[Term] = relationship(back_populates="periods")

    __table_args__ = (
        CheckConstraint("starts_on IS NOT NULL OR ends_on IS NOT NULL", name="open_on_one_side_at_most"),
        CheckConstraint("starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="ends_after_it_starts"),
    )


class Change(Base):
    """One recorded change: who, when, what, before and after (JSON snapshots).

    Not tied to the changed rows by foreign keys: history outlives deletions.
    """

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(20))
    concept_id: Mapped[str | None] = mapped_column(String(200), index=True)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]


class User(Base):
    """Someone who signs in to the web app; the role decides what they may do (glossary/accounts.py)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token for a program (the CMS), with a role of its own; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "token_role"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """A failed sign-in, kept for the rate limit (shared by every worker through the database)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Proposal(Base):
    """A translator's proposed term or change, waiting for a terminologist (glossary/proposals.py).

    ``concept`` is the concept as the translator wants it (the JSON of ``editing.concept_json``);
    ``base_version`` the version it was proposed against.
    """

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(String(200), index=True)
    is_new_concept: Mapped[bool] = mapped_column(default=False)
    concept: Mapped[dict[str, Any]]
    comment: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[ProposalState] = mapped_column(_enum(ProposalState, "proposal_state"), default=ProposalState.PENDING)
    reviewer: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)
