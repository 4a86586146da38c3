"""The database: migrations, rules it enforces on its own, change history, revisions."""

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from glossary import termbase
from glossary.database import Database, DatabaseError, open_database
from glossary.history import concept_history, describe_change, glossary_revision
from glossary.model import Base, Change, Concept, Style, Term, TermPeriod, TermStyleStatus
from glossary.records import Glossary, TermStatus
import tm.model  # noqa: F401  (its tables are part of the model the migrations must build)


def test_migrations_build_exactly_the_model(database):
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_head_revision_constant_is_the_newest_migration():
    from alembic.script import ScriptDirectory

    from glossary.database import HEAD_REVISION, MIGRATIONS

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD_REVISION


def test_migrations_go_down_and_up_again(database):
    from alembic import command

    from glossary.database import _alembic_config

    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "base")
    assert database.current_revision() is None
    database.upgrade()
    assert database.current_revision() == database.head_revision()


def _concept(session, concept_id="fuzuli"):
    concept = Concept(id=concept_id)
    concept.terms.append(Term(lang="en", text="Fuzuli", status=TermStatus.PREFERRED))
    concept.terms.append(Term(lang="en", text="Fizuli", status=TermStatus.DEPRECATED))
    session.add(concept)
    session.flush()
    return concept


def test_database_refuses_a_second_preferred_term_even_without_validation(database):
    with pytest.raises(IntegrityError):
        with database.session() as session:
            concept = _concept(session)
            concept.terms[1].status = TermStatus.PREFERRED
            session.flush()
    with database.session() as session:
        assert session.scalar(select(Concept).where(Concept.id == "fuzuli")) is None


def test_database_refuses_a_second_preferred_term_in_one_style(database):
    with pytest.raises(IntegrityError):
        with database.session() as session:
            concept = _concept(session)
            session.add(Style(name="az-official"))
            for term in concept.terms:
                term.style_statuses.append(TermStyleStatus(style_name="az-official", status=TermStatus.PREFERRED))
            session.flush()


def test_database_refuses_an_unknown_status_written_in_sql(database):
    with pytest.raises(IntegrityError):
        with database.session() as session:
            _concept(session)
            session.execute(text("UPDATE terms SET status = 'forbidden' WHERE text = 'Fizuli'"))


def test_style_status_must_belong_to_its_terms_concept_and_language(database):
    with database.session() as session:
        concept = _concept(session)
        session.add(Style(name="az-official"))
        term_id = concept.terms[0].id
    with pytest.raises(IntegrityError):
        with database.session() as session:
            session.execute(text("INSERT INTO term_style_statuses (term_id, style_name, concept_id, lang, status) "
                                 "VALUES (:t, 'az-official', 'fuzuli', 'ru', 'preferred')"), {"t": term_id})


def test_every_change_is_recorded_with_actor_before_and_after(database):
    with database.session(actor="aysel") as session:
        _concept(session)
    with database.session(actor="dana") as session:
        term = session.scalar(select(Term).where(Term.text == "Fizuli"))
        term.status = TermStatus.SUPERSEDED
        term.note = "Soviet-era name"
    with database.session(actor="dana") as session:
        session.delete(session.scalar(select(Term).where(Term.text == "Fizuli")))
    with database.session() as session:
        changes = [(c.actor, c.action, c.entity, c.before, c.after) for c in concept_history(session, "fuzuli")]
    fizuli = {"concept_id": "fuzuli", "lang": "en", "text": "Fizuli", "case_rule": "permissive", "part_of_speech": None,
              "source": None}
    assert changes[0][:3] == ("aysel", "create", "concept")
    assert ("aysel", "create", "term", None, fizuli | {"status": "deprecated", "note": None}) in changes
    assert changes[-2:] == [
        ("dana", "update", "term", fizuli | {"status": "deprecated", "note": None}, fizuli | {"status": "superseded", "note": "Soviet-era name"}),
        ("dana", "delete", "term", fizuli | {"status": "superseded", "note": "Soviet-era name"}, None),
    ]


def test_revision_moves_with_changes_and_not_with_reads(database):
    with database.session() as session:
        empty = glossary_revision(session)
        _concept(session)
    with database.session() as session:
        after_change = glossary_revision(session)
        termbase.export_glossary(session)
        assert glossary_revision(session) == after_change != empty


def test_a_database_without_our_tables_is_refused_with_the_init_hint(database_url):
    if database_url.startswith("sqlite"):
        with Database(database_url).engine.begin() as connection:  # an existing file, not a new one
            connection.execute(text("CREATE TABLE other (id INTEGER)"))
    with pytest.raises(DatabaseError, match=r"is not set up; run 'tilmash init'"):
        open_database(database_url)


def test_init_refuses_a_database_holding_other_tables(database_url):
    foreign = Database(database_url)
    with foreign.engine.begin() as connection:
        connection.execute(text("CREATE TABLE other (id INTEGER)"))
    with pytest.raises(DatabaseError, match="holds tables that are not Tilmash's; use an empty database"):
        foreign.upgrade()
    foreign.dispose()


def test_first_use_failure_leaves_no_half_made_database(tmp_path, monkeypatch):
    def broken_seed(session):
        raise RuntimeError("disk full")

    monkeypatch.setattr(termbase, "seed_bundled_glossary", broken_seed)
    path = tmp_path / "new" / "tilmash.db"
    with pytest.raises(RuntimeError, match="disk full"):
        open_database(f"sqlite:///{path}")
    assert not path.exists()


def test_a_migration_that_fails_leaves_no_table_behind(database_url, monkeypatch):
    """The migrations run in one transaction on every database (SQLite's driver would commit each CREATE)."""
    from alembic import command

    upgrade = command.upgrade

    def upgrade_then_fail(config, revision):
        upgrade(config, revision)
        raise RuntimeError("interrupted after the last migration")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    database = Database(database_url)
    with pytest.raises(RuntimeError, match="interrupted"):
        database.upgrade()
    with database.engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
    database.dispose()


def test_new_sqlite_file_is_created_and_seeded_on_first_use(tmp_path):
    path = tmp_path / "first" / "use.db"
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        assert session.scalar(select(Change.actor).limit(1)) == "tilmash (first use)"
        assert len(termbase.export_glossary(session).concepts) >= 80
    database.dispose()


def test_search_key_follows_the_text(database):
    with database.session() as session:
        concept = _concept(session)
        concept.terms[1].text = "Füzuli"
        session.flush()
        assert concept.terms[1].search_key == "fuzuli"


def test_import_into_the_database_and_export_again_is_lossless(database):
    from .test_formats import FOUR_LANGUAGES, tricky_glossary
    from glossary.formats import read_glossary_file

    for glossary in (read_glossary_file(FOUR_LANGUAGES), tricky_glossary()):
        with database.session() as session:
            termbase.import_glossaries(session, [("file", glossary)])
        with database.session() as session:
            exported = termbase.export_glossary(session)
        wanted = {c.id for c in glossary.concepts}
        assert Glossary([c for c in exported.concepts if c.id in wanted]).normalized() == glossary.normalized()


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        pytest.param("2022-09-17", "2019-03-20", id="ends-before-it-starts"),
        pytest.param(None, None, id="open-on-both-sides"),
    ],
)
def test_database_refuses_a_period_that_means_nothing(database, starts_on, ends_on):
    with database.session() as session:
        term_id = _concept(session).terms[0].id
    with pytest.raises(IntegrityError):
        with database.session() as session:
            session.execute(text("INSERT INTO term_periods (term_id, starts_on, ends_on) VALUES (:t, :s, :e)"),
                            {"t": term_id, "s": starts_on and date.fromisoformat(starts_on),
                             "e": ends_on and date.fromisoformat(ends_on)})


def test_periods_go_with_their_term(database):
    with database.session() as session:
        concept = _concept(session)
        concept.terms[1].periods.append(TermPeriod(starts_on=None, ends_on=date(1993, 12, 31)))
    with database.session() as session:
        session.delete(session.scalar(select(Term).where(Term.text == "Fizuli")))
    with database.session() as session:
        assert session.scalar(select(func.count(TermPeriod.id))) == 0
        changes = [(c.action, c.entity, c.before) for c in concept_history(session, "fuzuli") if c.entity == "period"]
    assert changes[0] == ("create", "period", None)


TERM = {"concept_id": "astana", "lang": "en", "text": "Nur-Sultan"}


@pytest.mark.parametrize(
    ("action", "entity", "before", "after", "line"),
    [
        pytest.param("create", "term", None, TERM | {"status": "superseded", "case_rule": "permissive", "note": None,
                                                     "part_of_speech": None, "source": "akorda.kz"},
                     "+ term en 'Nur-Sultan': status superseded; source akorda.kz", id="term-added"),
        pytest.param("update", "term", TERM | {"status": "preferred", "note": None},
                     TERM | {"status": "superseded", "note": "2019-2022"},
                     "~ term en 'Nur-Sultan': status preferred -> superseded; note none -> 2019-2022", id="term-changed"),
        pytest.param("delete", "term", TERM | {"status": "superseded"}, None, "- term en 'Nur-Sultan'", id="term-removed"),
        pytest.param("update", "period", TERM | {"start": "2019-03-20", "end": None}, TERM | {"start": "2019-03-20", "end": "2022-09-17"},
                     "~ period of en 'Nur-Sultan': 2019-03-20/ -> 2019-03-20/2022-09-17", id="period-changed"),
        pytest.param("delete", "period", TERM | {"start": "1992-01-01", "end": "1998-12-31"}, None,
                     "- period of en 'Nur-Sultan': 1992/1998", id="period-removed"),
        pytest.param("create", "style_status", None, TERM | {"style": "kz-official", "status": "preferred"},
                     "+ status in kz-official of en 'Nur-Sultan': status preferred", id="style-status-added"),
        pytest.param("create", "style", None, {"name": "az-official", "description": None}, "+ house style az-official",
                     id="style-added"),
    ],
)
def test_a_change_reads_as_a_line_of_a_diff(action, entity, before, after, line):
    assert describe_change(Change(actor="dana", action=action, entity=entity, before=before, after=after)) == line
