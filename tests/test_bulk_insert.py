"""New concepts are written in a few statements (glossary/bulk_insert.py). The database must end up as
the ORM's objects and flush would leave it: the same rows, ids, history and revision."""

from sqlalchemy import func, select

from glossary import termbase
from glossary.database import Database
from glossary.formats import FORMATS
from glossary.history import concept_history, describe_change, glossary_revision
from glossary.model import Change, Concept, Style, Term, TermPeriod, TermStyleStatus

from .conftest import fresh_database_url

# Every kind of row a new concept makes: styles, a term with style statuses and two periods, empty
# and filled fields, case rules, Kazakh, Azerbaijani and Russian letters, a concept with one term.
GLOSSARY = """\
concept,lang,term,status,style,case,part_of_speech,note,source,valid,subject_field,definition,concept_note
astana,en,Astana,preferred,,,noun,,akorda.kz,,place,Capital of Kazakhstan.,"Renamed twice, in 2019 and 2022."
astana,en,Nur-Sultan,superseded,,,noun,name from 2019 to 2022,,2019-03-20/2022-09-17,,,
astana,en,Nur-Sultan,preferred,kz-official,,,,,,,,
astana,en,Akmola,superseded,,strict,,name until 1998,,1992/1998-05-05;/1961-03-19,,,
astana,en,Akmola,admitted,az-official,,,,,,,,
astana,en,Akmola,deprecated,kz-official,,,,,,,,
astana,kk,Астана,preferred,,,noun,,Egemen,,,,
astana,ru,Астана,preferred,,,,,ТАСС,,,,
ilham-aliyev,en,Ilham Aliyev,preferred,,,noun,,president.az,,person,,
ilham-aliyev,az,İlham Əliyev,preferred,,,noun,,president.az,,,,
ilham-aliyev,az,Ilham Aliyev,deprecated,,insensitive,,English spelling in Azerbaijani text,,,,,
ilham-aliyev,kk,Ильхам Әлиев,preferred,,,,,,,,,
tengiz,en,Tengiz,preferred,,strict,noun,,,,place,,
"""

TABLES = {  # what each table holds, timestamps left out (the clock moves between the two writes)
    Style: ("name", "description"),
    Concept: ("id", "subject_field", "definition", "note", "version"),
    Term: ("id", "concept_id", "lang", "text", "status", "case_rule", "part_of_speech", "note", "source", "search_key"),
    TermStyleStatus: ("term_id", "style_name", "concept_id", "lang", "status"),
    TermPeriod: ("id", "term_id", "starts_on", "ends_on"),
}


def rows(database) -> dict:
    """Every row of the glossary's tables and its change log, in primary key order."""
    with database.session() as session:
        found = {model.__tablename__: session.execute(
            select(*(getattr(model, c) for c in columns)).order_by(*model.__table__.primary_key.columns)).all()
            for model, columns in TABLES.items()}
        # The snapshots as lists of pairs: the JSON keeps its keys in this order.
        found["changes"] = [(c.id, c.actor, c.action, c.entity, c.concept_id, c.before, list(c.after.items()))
                            for c in session.scalars(select(Change).order_by(Change.id))]
        found["revision"] = glossary_revision(session)
    return found


def written_by_the_orm(database, glossary) -> None:
    """What an import of new concepts wrote before it had a bulk path: the styles, a flush, then one
    ORM object for each row and a flush, the change log written by the flush's listener."""
    with database.session(actor="aigerim") as session:
        session.add_all(Style(name=name) for name in glossary.styles())
        session.flush()
        session.add_all(termbase.new_concept_row(concept) for concept in glossary.concepts)


def test_new_concepts_are_written_as_the_orm_writes_them(database, tmp_path):
    glossary = FORMATS["csv"].read(GLOSSARY.encode(), "new.csv")
    with database.session(actor="aigerim") as session:
        [report] = termbase.import_glossaries(session, [("new.csv", glossary)])
    assert (report.concepts_added, report.terms_added, report.styles_added) == (3, 10, ["az-official", "kz-official"])
    with fresh_database_url(tmp_path / "orm") as url:
        orm = Database(url)
        orm.upgrade()
        written_by_the_orm(orm, glossary)
        expected = rows(orm)
        orm.dispose()
    assert rows(database) == expected
    # What the rows say, so that a change both paths share is seen too.
    assert len(expected["changes"]) == 2 + 3 + 10 + 3 + 3  # styles, concepts, terms, style statuses, periods
    with database.session() as session:
        history = [describe_change(c) for c in concept_history(session, "astana")]
        terms = [(t.text, t.status.value, t.styles) for t in termbase.get_concept(session, "astana").terms]
    assert history[:5] == [
        "+ concept astana: subject field place; definition 'Capital of Kazakhstan.'; note 'Renamed twice, in 2019 and 2022.'",
        "+ term en 'Astana': status preferred; part of speech noun; source akorda.kz",
        "+ term en 'Nur-Sultan': status superseded; part of speech noun; note 'name from 2019 to 2022'",
        "+ status in kz-official of en 'Nur-Sultan': status preferred",
        "+ period of en 'Nur-Sultan': 2019-03-20/2022-09-17",
    ]
    assert terms[:3] == [("Astana", "preferred", ()), ("Nur-Sultan", "superseded", (("kz-official", "preferred"),)),
                         ("Akmola", "superseded", (("az-official", "admitted"), ("kz-official", "deprecated")))]


def test_new_concepts_after_rows_already_there_continue_their_ids(database):
    """A second import of new concepts: ids and the change log go on from the first's."""
    first = FORMATS["csv"].read(b"concept,lang,term,status\nbaku,en,Baku,preferred\nbaku,ru,\xd0\x91\xd0\xb0\xd0\xba\xd1\x83,preferred\n", "a.csv")
    second = FORMATS["csv"].read(GLOSSARY.encode(), "b.csv")
    with database.session(actor="aigerim") as session:
        termbase.import_glossaries(session, [("a.csv", first)])
    with database.session(actor="dana") as session:
        termbase.import_glossaries(session, [("b.csv", second)])
    found = rows(database)
    assert [row.id for row in found["terms"]] == list(range(1, 13))
    assert [row.concept_id for row in found["terms"]][:3] == ["baku", "baku", "astana"]
    assert [c[0] for c in found["changes"]] == list(range(1, 3 + 21 + 1))
    assert {c[1] for c in found["changes"][3:]} == {"dana"}
    assert found["revision"] == "24.24"


def test_the_bundled_glossary_is_seeded_with_a_history_entry_for_every_row(database):
    with database.session(actor="tilmash") as session:
        report = termbase.seed_bundled_glossary(session)
    with database.session() as session:
        count = {model: session.scalar(select(func.count()).select_from(model)) for model in TABLES}
        changes = dict(session.execute(select(Change.entity, func.count()).group_by(Change.entity)).all())
        revision = glossary_revision(session)
    assert (count[Concept], count[Term]) == (report.concepts_added, report.terms_added)
    assert changes == {"style": count[Style], "concept": count[Concept], "term": count[Term],
                       "style_status": count[TermStyleStatus], "period": count[TermPeriod]}
    assert revision == f"{sum(changes.values())}.{sum(changes.values())}"


def test_concepts_read_as_records_equal_the_orm_rows_made_records(database):
    """``read_concepts`` (column queries, for reading) gives what ``concept_entry`` makes of the ORM's rows."""
    glossary = FORMATS["csv"].read(GLOSSARY.encode(), "new.csv")
    with database.session(actor="aigerim") as session:
        termbase.import_glossaries(session, [("new.csv", glossary)])
    with database.session() as session:
        from_rows = {i: termbase.concept_entry(c) for i, c in termbase.load_concept_rows(session).items()}
        assert termbase.read_concepts(session) == from_rows
        assert list(termbase.read_concepts(session)) == ["astana", "ilham-aliyev", "tengiz"]
        assert termbase.read_concepts(session, ["tengiz", "nowhere", "astana"]) == {
            "astana": from_rows["astana"], "tengiz": from_rows["tengiz"]}
    assert [t.periods for t in from_rows["astana"].terms if t.text == "Akmola"] == [
        glossary.concepts[0].terms[2].periods]
