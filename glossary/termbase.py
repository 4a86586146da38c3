"""What the CLI and the web app do with the termbase: import, export, search, seed.

Each function takes an open ``Session`` and leaves the transaction to the
caller (``Database.session()``), so an import of several files is one
transaction: all of it lands, or none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, object_session, selectinload

from .bulk_insert import insert_new_concepts
from .errors import FormatError, Problem, UnknownStyle
from .folding import fold, search_key
from .formats import FORMATS
from .model import Concept, Style, Term, TermPeriod, TermStyleStatus
from .records import ConceptEntry, Glossary, TermEntry, TermStatus, ValidityPeriod
from .validation import concept_problems, glossary_problems, statuses_in_style
from .wording import counted, noun

BUNDLED_GLOSSARY = "bundled"  # glossary/data/bundled/: one CSV per subject field
_CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on bound parameters


@dataclass
class ImportReport:
    """What an import did to the glossary, for the user."""

    path: str
    concepts_added: int = 0
    concepts_changed: int = 0
    concepts_unchanged: int = 0
    terms_added: int = 0
    terms_changed: int = 0
    styles_added: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"{self.path}: {counted(self.concepts_added, 'concept')} added, {self.concepts_changed} changed, "
                f"{self.concepts_unchanged} unchanged; {counted(self.terms_added, 'term')} added, {self.terms_changed} changed")
        if self.styles_added:
            text += f"; new {noun(len(self.styles_added), 'style')}: {', '.join(self.styles_added)}"
        return text


def concept_entry(concept: Concept) -> ConceptEntry:
    """The database concept as a record."""
    return ConceptEntry(
        id=concept.id, subject_field=concept.subject_field, definition=concept.definition, note=concept.note,
        terms=[term_entry(t) for t in concept.terms],
    )


def term_entry(term: Term) -> TermEntry:
    return TermEntry(
        lang=term.lang, text=term.text, status=term.status, case_rule=term.case_rule,
        part_of_speech=term.part_of_speech, note=term.note, source=term.source,
        styles=tuple((s.style_name, s.status) for s in term.style_statuses),
        periods=tuple(ValidityPeriod(p.starts_on, p.ends_on) for p in term.periods),
    )


def load_concept_rows(session: Session, ids: Iterable[str] | None = None) -> dict[str, Concept]:
    terms = selectinload(Concept.terms)
    query = select(Concept).options(terms.selectinload(Term.style_statuses), terms.selectinload(Term.periods))
    if ids is None:
        return {c.id: c for c in session.scalars(query.order_by(Concept.id))}
    ids = list(dict.fromkeys(ids))
    found: dict[str, Concept] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update((c.id, c) for c in session.scalars(query.where(Concept.id.in_(chunk))))
    return found


def read_concepts(session: Session, ids: Iterable[str] | None = None) -> dict[str, ConceptEntry]:
    """The concepts (all, by id, or those of ``ids`` the glossary has) as records, from four column
    queries without ORM objects: a fraction of ``load_concept_rows``'s time, for reading, exporting and
    searching. ``load_concept_rows`` gives the rows to change."""
    if ids is None:
        return _read_concepts(session, None)
    ids = list(dict.fromkeys(ids))
    found: dict[str, ConceptEntry] = {}
    for start in range(0, len(ids), _CHUNK):
        found.update(_read_concepts(session, ids[start:start + _CHUNK]))
    return found


@cache
def _read_queries(by_ids: bool) -> tuple:
    """The four queries of ``_read_concepts``, built once: for the ids bound as ``ids``, or for all."""
    def of_concepts(query, column):
        return query.where(column.in_(bindparam("ids", expanding=True))) if by_ids else query

    return (
        of_concepts(select(TermStyleStatus.term_id, TermStyleStatus.style_name, TermStyleStatus.status),
                    TermStyleStatus.concept_id),
        of_concepts(select(TermPeriod.term_id, TermPeriod.starts_on, TermPeriod.ends_on)
                    .join(Term, Term.id == TermPeriod.term_id), Term.concept_id).order_by(TermPeriod.id),
        of_concepts(select(Term.id, Term.concept_id, Term.lang, Term.text, Term.status, Term.case_rule,
                           Term.part_of_speech, Term.note, Term.source), Term.concept_id).order_by(Term.id),
        of_concepts(select(Concept.id, Concept.subject_field, Concept.definition, Concept.note), Concept.id)
        .order_by(Concept.id),
    )


def _read_concepts(session: Session, ids: list[str] | None) -> dict[str, ConceptEntry]:
    style_query, period_query, term_query, concept_query = _read_queries(ids is not None)
    parameters = {} if ids is None else {"ids": ids}
    styles: dict[int, list] = defaultdict(list)
    for term_id, style, status in session.execute(style_query, parameters):
        styles[term_id].append((style, status))
    periods: dict[int, list] = defaultdict(list)
    for term_id, start, end in session.execute(period_query, parameters):
        periods[term_id].append(ValidityPeriod(start, end))
    terms: dict[str, list] = defaultdict(list)
    for row in session.execute(term_query, parameters):
        terms[row.concept_id].append(TermEntry(
            lang=row.lang, text=row.text, status=row.status, case_rule=row.case_rule, part_of_speech=row.part_of_speech,
            note=row.note, source=row.source, styles=tuple(styles.get(row.id, ())), periods=tuple(periods.get(row.id, ()))))
    return {c.id: ConceptEntry(id=c.id, subject_field=c.subject_field, definition=c.definition, note=c.note,
                               terms=terms.get(c.id, []))
            for c in session.execute(concept_query, parameters)}


def merge_concepts(existing: ConceptEntry, incoming: ConceptEntry) -> ConceptEntry:
    """The concept after import: incoming fields and terms win, what the file leaves out stays."""
    terms = {(t.lang, t.text): t for t in existing.terms}
    for new in incoming.terms:
        old = terms.get((new.lang, new.text))
        if old is None:
            terms[(new.lang, new.text)] = new
            continue
        styles = dict(old.styles) | dict(new.styles)
        terms[(new.lang, new.text)] = replace(
            new,
            part_of_speech=new.part_of_speech or old.part_of_speech,
            note=new.note if new.note is not None else old.note,
            source=new.source if new.source is not None else old.source,
            styles=tuple(sorted(styles.items())),
            periods=new.periods or old.periods,
        )
    return ConceptEntry(
        id=existing.id,
        subject_field=incoming.subject_field if incoming.subject_field is not None else existing.subject_field,
        definition=incoming.definition if incoming.definition is not None else existing.definition,
        note=incoming.note if incoming.note is not None else existing.note,
        terms=list(terms.values()),
        line=incoming.line,
    )


def import_glossaries(session: Session, glossaries: Sequence[tuple[str, Glossary]]) -> list[ImportReport]:
    """Merge glossaries into the database by concept id, one after another.

    New concepts and terms are added; a term already there takes the file's
    status and fields (fields the file leaves empty keep their value); nothing
    is deleted. If the result would break a rule (say, a second preferred term
    next to the one the database has), FormatError lists every such place in
    that file. The caller's transaction makes the whole import all-or-nothing.
    """
    return [_import_one(session, path, glossary) for path, glossary in glossaries]


def _import_one(session: Session, path: str, glossary: Glossary) -> ImportReport:
    report = ImportReport(path, warnings=list(glossary.warnings))
    existing = load_concept_rows(session, (c.id for c in glossary.concepts))
    plans = []
    problems: list[Problem] = []
    for incoming in glossary.concepts:
        concept = existing.get(incoming.id)
        current = concept_entry(concept) if concept else None
        merged = merge_concepts(current, incoming) if current else incoming
        problems.extend(concept_problems(merged, path))
        plans.append((concept, current, merged))
    if problems:
        raise FormatError(problems)
    known_styles = set(style_names(session))
    for style in glossary.styles():
        if style not in known_styles:
            report.styles_added.append(style)
            session.add(Style(name=style))
    # Every change that does not make a term preferred goes first, the rest after a flush:
    # the one-preferred-term indexes must hold after every statement, on every database.
    later: list = []
    new_concepts: list[ConceptEntry] = []
    for concept, current, merged in plans:
        if current is None:
            report.concepts_added += 1
            report.terms_added += len(merged.terms)
            new_concepts.append(merged)
            later.append(lambda merged=merged: session.add(new_concept_row(merged)))
        elif current.sorted() == merged.sorted():
            report.concepts_unchanged += 1
        else:
            report.concepts_changed += 1
            later.extend(_update_concept(concept, merged, report))
    session.flush()
    if report.concepts_changed:
        # Changes to concepts already there go through the ORM, and new concepts with them in the file's order.
        for step in later:
            step()
    else:
        # Only new concepts: the same rows and history in a few executemany statements.
        insert_new_concepts(session, new_concepts)
    session.flush()
    return report


def new_concept_row(entry: ConceptEntry) -> Concept:
    concept = Concept(id=entry.id, subject_field=entry.subject_field, definition=entry.definition, note=entry.note)
    for t in entry.terms:
        concept.terms.append(new_term_row(t))
    return concept


def new_term_row(entry: TermEntry) -> Term:
    term = Term(lang=entry.lang, text=entry.text, status=entry.status, case_rule=entry.case_rule,
                part_of_speech=entry.part_of_speech, note=entry.note, source=entry.source)
    term.style_statuses = [TermStyleStatus(style_name=style, status=status) for style, status in entry.styles]
    term.periods = _new_periods(entry)
    return term


def _new_periods(entry: TermEntry) -> list[TermPeriod]:
    return [TermPeriod(starts_on=p.start, ends_on=p.end) for p in entry.periods]


def replace_periods(term: Term, entry: TermEntry) -> None:
    """Give ``term`` the entry's periods: rows changed in place, added or deleted, so that the
    change history shows each period's before and after."""
    rows = sorted(term.periods, key=lambda row: ValidityPeriod(row.starts_on, row.ends_on).sort_key())
    for row, period in zip(rows, entry.periods):
        row.starts_on, row.ends_on = period.start, period.end
    term.periods.extend(_new_periods(replace(entry, periods=entry.periods[len(rows):])))
    for row in rows[len(entry.periods):]:
        term.periods.remove(row)
        object_session(term).delete(row)


def _update_concept(concept: Concept, merged: ConceptEntry, report: ImportReport) -> list:
    """Apply every change that does not make a term preferred now; return the rest as steps."""
    later: list = []
    concept.subject_field, concept.definition, concept.note = merged.subject_field, merged.definition, merged.note
    by_key = {(t.lang, t.text): t for t in concept.terms}
    for entry in merged.terms:
        term = by_key.get((entry.lang, entry.text))
        if term is None:
            report.terms_added += 1
            later.append(lambda entry=entry: concept.terms.append(new_term_row(entry)))
            continue
        if term_entry(term) == replace(entry, line=None):
            continue
        report.terms_changed += 1
        term.case_rule, term.part_of_speech = entry.case_rule, entry.part_of_speech
        term.note, term.source = entry.note, entry.source
        if term_entry(term).periods != entry.periods:
            replace_periods(term, entry)
        if entry.status is TermStatus.PREFERRED and term.status is not TermStatus.PREFERRED:
            later.append(lambda term=term: setattr(term, "status", TermStatus.PREFERRED))
        else:
            term.status = entry.status
        current_styles = {s.style_name: s for s in term.style_statuses}
        for style, status in entry.styles:
            row = current_styles.get(style)
            if row is None:
                later.append(lambda term=term, style=style, status=status:
                             term.style_statuses.append(TermStyleStatus(style_name=style, status=status)))
            elif row.status is not status:
                if status is TermStatus.PREFERRED:
                    later.append(lambda row=row: setattr(row, "status", TermStatus.PREFERRED))
                else:
                    row.status = status
    return later


def export_glossary(session: Session) -> Glossary:
    """The whole glossary as records, concepts by id."""
    return Glossary(list(read_concepts(session).values()))


def get_concept(session: Session, concept_id: str) -> ConceptEntry | None:
    return read_concepts(session, [concept_id]).get(concept_id)


def ids_like(session: Session, text: str, *, limit: int = 3) -> list[str]:
    """Concept ids a user may have meant by ``text``, which is no id: ids equal to it but for
    letter case, then concepts that have a form like it (``search_concepts``)."""
    folded = text.strip().casefold()
    ids = [i for i in session.scalars(select(Concept.id).order_by(Concept.id)) if i.casefold() == folded]
    ids += [c.id for c in search_concepts(session, text, limit=limit)]
    return list(dict.fromkeys(ids))[:limit]


def get_concepts(session: Session, concept_ids: Iterable[str]) -> dict[str, ConceptEntry]:
    """The concepts with these ids that the glossary has, by id."""
    return read_concepts(session, concept_ids)


def style_names(session: Session) -> list[str]:
    return list(session.scalars(select(Style.name).order_by(Style.name)))


def require_style(session: Session, style: str | None) -> None:
    """Raise UnknownStyle unless ``style`` is None or a style of this glossary."""
    if style is None:
        return
    names = style_names(session)
    if style not in names:
        known = ", ".join(names) or "none"
        raise UnknownStyle.of("style.unknown", style=style, known=known)


def in_style(concept: ConceptEntry, style: str | None) -> ConceptEntry:
    """The concept with each term's status as it is in ``style``."""
    statuses = statuses_in_style(concept.terms, style)
    return replace(concept, terms=[replace(t, status=statuses[t]) for t in concept.terms])


def search_concepts(session: Session, query: str, *, limit: int = 20) -> list[ConceptEntry]:
    """Concepts with a form that contains ``query``, ignoring case, diacritics and script.

    Best first: a form equal to the query, then one that starts with it, then
    one that contains it; shorter forms before longer ones.
    """
    key = search_key(query)
    if not key or limit <= 0:
        return []
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.execute(
        select(Term.concept_id, Term.text, Term.search_key).where(Term.search_key.like(f"%{escaped}%", escape="\\"))
    ).all()
    folded = fold(query).strip()
    best: dict[str, tuple] = {}
    for concept_id, text, term_key in rows:
        rank = (0 if fold(text) == folded else 1 if term_key == key else 2 if term_key.startswith(key) else 3,
                len(term_key), concept_id)
        if concept_id not in best or rank < best[concept_id]:
            best[concept_id] = rank
    ordered = sorted(best, key=best.__getitem__)[:limit]
    concepts = read_concepts(session, ordered)
    return [concepts[i] for i in ordered]


def bundled_glossary() -> Glossary:
    """The glossary shipped inside the package (names of the Azerbaijan-Kazakhstan beat).

    One CSV file per subject field (``place.csv``, ``person.csv``...), read in
    file-name order; a concept id may appear in one file only.
    """
    folder = resources.files("glossary").joinpath("data", BUNDLED_GLOSSARY)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".csv")), key=lambda f: f.name)
    concepts = []
    for file in files:
        concepts += FORMATS["csv"].read(file.read_bytes(), f"glossary/data/{BUNDLED_GLOSSARY}/{file.name}").concepts
    if problems := glossary_problems(concepts, f"glossary/data/{BUNDLED_GLOSSARY}"):
        raise FormatError(problems)
    return Glossary(concepts)


def seed_bundled_glossary(session: Session) -> ImportReport:
    return import_glossaries(session, [(f"glossary/data/{BUNDLED_GLOSSARY}", bundled_glossary())])[0]
