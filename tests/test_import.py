"""Importing into a glossary that has data: merge by concept id, all-or-nothing."""

import pytest
from sqlalchemy import func, select

from glossary import termbase
from glossary.errors import FormatError
from glossary.formats import FORMATS, read_glossary_file
from glossary.history import concept_history
from glossary.model import Change

from .conftest import DATA
from .test_formats import BAD, FOUR_LANGUAGES


def csv(text: str):
    return FORMATS["csv"].read(text.encode(), "update.csv")


def load(database, *glossaries):
    with database.session(actor="tester") as session:
        return termbase.import_glossaries(session, [(f"file{i}", g) for i, g in enumerate(glossaries)])


def snapshot(database):
    """Everything a user could lose: the exported glossary and the change log's length."""
    with database.session() as session:
        return (FORMATS["csv"].write(termbase.export_glossary(session)),
                session.scalar(select(func.count(Change.id))))


@pytest.fixture
def filled(database):
    load(database, read_glossary_file(FOUR_LANGUAGES))
    return database


def statuses(database, concept_id, lang):
    with database.session() as session:
        concept = termbase.get_concept(session, concept_id)
    return {t.text: t.status.value for t in concept.terms if t.lang == lang}


def test_merge_adds_changes_and_keeps_what_the_file_leaves_out(filled):
    [report] = load(filled, csv(
        "concept,lang,term,status,note\n"
        "fuzuli,en,Fizuli,superseded,Soviet name\n"   # changed
        "fuzuli,en,Fuzuly,deprecated,\n"              # added
        "almaty,en,Almaty,preferred,\n"               # unchanged
        "ots,en,Organization of Turkic States,preferred,\n"  # new concept
        "ots,en,Turkic Council,superseded,2009-2021\n"
    ))
    assert (report.concepts_added, report.concepts_changed, report.concepts_unchanged,
            report.terms_added, report.terms_changed) == (1, 1, 1, 3, 1)
    assert str(report) == "file0: 1 concepts added, 1 changed, 1 unchanged; 3 terms added, 1 changed"
    assert statuses(filled, "fuzuli", "en") == {"Fuzuli": "preferred", "Füzuli": "admitted", "Fizuli": "superseded", "Fuzuly": "deprecated"}
    with filled.session() as session:
        fizuli = next(t for t in termbase.get_concept(session, "fuzuli").terms if t.text == "Fizuli")
    assert (fizuli.note, fizuli.source) == ("Soviet name", "corpus/002 (The Astana Times)")


def test_swapping_the_preferred_term_works_on_every_database(filled):
    load(filled, csv("concept,lang,term,status\nfuzuli,en,Fuzuli,admitted\nfuzuli,en,Füzuli,preferred\n"))
    assert statuses(filled, "fuzuli", "en") == {"Fuzuli": "admitted", "Füzuli": "preferred", "Fizuli": "deprecated"}


def test_swapping_the_preferred_term_of_a_style(filled):
    load(filled, csv("concept,lang,term,status,style\n"
                     "zangezur-corridor,en,Zangezur corridor,preferred,\n"
                     "zangezur-corridor,en,Zangazur corridor,admitted,\n"
                     "zangezur-corridor,en,Zangazur corridor,deprecated,az-official\n"
                     "zangezur-corridor,en,Zangezur corridor,preferred,az-official\n"))
    with filled.session() as session:
        concept = termbase.in_style(termbase.get_concept(session, "zangezur-corridor"), "az-official")
    assert {t.text: t.status.value for t in concept.terms if t.lang == "en"} == {
        "Zangezur corridor": "preferred", "Zangazur corridor": "deprecated"}


def test_a_second_preferred_term_next_to_the_databases_is_refused_and_nothing_changes(filled):
    before = snapshot(filled)
    with pytest.raises(FormatError) as caught:
        load(filled, csv("concept,lang,term,status\nalmaty,en,Almaty city,admitted\nfuzuli,en,Füzuli,preferred\n"))
    assert [str(p) for p in caught.value.problems] == [
        "file0:3: two preferred terms for concept 'fuzuli' in en: 'Fuzuli' (already in the glossary) and 'Füzuli'; "
        "a language has one preferred term"
    ]
    assert snapshot(filled) == before


def test_several_files_are_one_import_all_or_nothing(filled):
    before = snapshot(filled)
    good = csv("concept,lang,term,status\nastana,en,Astana,preferred\n")
    conflicting = csv("concept,lang,term,status\nfuzuli,ru,Физулинский,preferred\n")
    with pytest.raises(FormatError, match="two preferred terms for concept 'fuzuli' in ru"):
        load(filled, good, conflicting)
    assert snapshot(filled) == before


def test_a_later_file_sees_what_an_earlier_file_added(database):
    first = csv("concept,lang,term,status\nastana,en,Astana,preferred\n")
    second = csv("concept,lang,term,status\nastana,en,Astana,preferred\nastana,en,Nur-Sultan,superseded\n")
    reports = load(database, first, second)
    assert [(r.concepts_added, r.concepts_changed, r.terms_added) for r in reports] == [(1, 0, 1), (0, 1, 1)]


def test_importing_the_same_file_twice_changes_nothing(filled):
    before = snapshot(filled)
    [report] = load(filled, read_glossary_file(FOUR_LANGUAGES))
    assert (report.concepts_unchanged, report.concepts_changed, report.terms_added) == (6, 0, 0)
    assert snapshot(filled) == before


def test_importing_a_weblate_file_twice_merges_by_generated_ids(database):
    weblate = read_glossary_file(DATA / "tbx" / "weblate-export.tbx")
    load(database, weblate)
    [again] = load(database, read_glossary_file(DATA / "tbx" / "weblate-export.tbx"))
    assert again.concepts_unchanged == 2


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir()))
def test_bad_files_leave_the_database_unchanged(filled, name):
    before = snapshot(filled)
    with pytest.raises(FormatError):
        load(filled, read_glossary_file(BAD / name))
    assert snapshot(filled) == before


def periods(database, concept_id, lang):
    with database.session() as session:
        concept = termbase.get_concept(session, concept_id)
    return {t.text: ";".join(str(p) for p in t.periods) for t in concept.terms if t.lang == lang}


def period_changes(database, concept_id):
    with database.session() as session:
        return [(c.action, c.before, c.after) for c in concept_history(session, concept_id)
                if c.entity == "period" and (c.before or c.after)["text"] == "Astana"]


@pytest.mark.parametrize(
    ("valid", "after", "changes"),
    [
        pytest.param("", "1998-05-06/2019-03-19;2022-09-17/", [], id="file-without-periods-keeps-them"),
        pytest.param("1997-12-10/2019-03-19;2022-09-17/", "1997-12-10/2019-03-19;2022-09-17/", [
            ("update", {"start": "1998-05-06", "end": "2019-03-19"}, {"start": "1997-12-10", "end": "2019-03-19"}),
        ], id="one-period-changed"),
        pytest.param("1998-05-06/", "1998-05-06/", [
            ("update", {"start": "1998-05-06", "end": "2019-03-19"}, {"start": "1998-05-06", "end": None}),
            ("delete", {"start": "2022-09-17", "end": None}, None),
        ], id="two-periods-become-one"),
        pytest.param("1998-05-06/2019-03-19;2022-09-17/2030;2031/", "1998-05-06/2019-03-19;2022-09-17/2030;2031/", [
            ("create", None, {"start": "2031-01-01", "end": None}),
            ("update", {"start": "2022-09-17", "end": None}, {"start": "2022-09-17", "end": "2030-12-31"}),
        ], id="a-third-period"),
    ],
)
def test_periods_merge_and_every_change_of_them_is_recorded(filled, valid, after, changes):
    before = len(period_changes(filled, "astana"))
    load(filled, csv(f"concept,lang,term,status,valid\nastana,en,Astana,preferred,{valid}\n"))
    assert periods(filled, "astana", "en")["Astana"] == after
    term = {"concept_id": "astana", "lang": "en", "text": "Astana"}
    assert period_changes(filled, "astana")[before:] == [
        (action, old and term | old, new and term | new) for action, old, new in changes]
