"""Imports into the memory: counted, duplicates merged, all or nothing, the index kept with the units."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import numpy
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from glossary.errors import FormatError
from tm.export import export_units, stored_units
from tm.formats.tmx import read_units
from tm.importing import import_files
from tm.model import Language, Origin, Posting, Unit, Variant, Word
from tm.prepare import batch_words

from ..conftest import POSTGRES_URL
from .conftest import AGENCY, BAD_MEMORY, TM_DATA


def load(database, *paths):
    with database.session(actor="tester") as session:
        return import_files(session, paths, actor="tester")


def counts(database) -> tuple[int, int, int, int]:
    with database.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in (Unit, Variant, Word, Origin))


def tmx(tmp_path, name: str, units: list[str]) -> object:
    path = tmp_path / name
    path.write_text('<tmx version="1.4"><header srclang="en"/><body>\n' + "\n".join(units) + "\n</body></tmx>\n", encoding="utf-8")
    return path


def tu(english: str, russian: str, attributes: str = "", inside: str = "") -> str:
    return (f'<tu{attributes}>{inside}<tuv xml:lang="en"><seg>{english}</seg></tuv>'
            f'<tuv xml:lang="ru"><seg>{russian}</seg></tuv></tu>')


def test_an_import_says_what_it_added(database):
    [report] = load(database, AGENCY)
    assert str(report) == f"{AGENCY}: 5 units added, 0 merged, 0 skipped"
    assert counts(database) == (5, 13, counts(database)[2], 1)
    with database.session() as session:
        assert dict(session.execute(select(Language.language, Language.units)).all()) == {"en": 5, "ru": 4, "az": 2, "kk": 2}
        unit = session.scalars(select(Unit).where(Unit.tuid == "jic-21")).one()
        assert (unit.origin, unit.languages, unit.usage_count, unit.created_by, unit.changed_by) == ("agency.tmx", "az en ru", 3, "aliya", "rustam")
        assert [v.language for v in session.scalars(select(Variant).where(Variant.unit_id == unit.id).order_by(Variant.position))] == ["en", "ru", "az"]


def test_importing_the_same_file_again_merges_every_unit(database):
    load(database, AGENCY)
    [report] = load(database, AGENCY)
    assert (report.added, report.merged) == (0, 5)
    assert counts(database)[:2] == (5, 13)
    with database.session() as session:
        unit = session.scalars(select(Unit).where(Unit.tuid == "jic-21")).one()
        assert unit.usage_count == 6
        assert unit.notes == ["checked by the desk"]
        assert session.scalar(select(Language.units).where(Language.language == "en")) == 5


def test_duplicates_in_one_file_are_merged_with_their_notes_and_latest_change(database, tmp_path):
    path = tmx(tmp_path, "twice.tmx", [
        tu("Baku", "Баку", ' usagecount="2" changedate="20240101T000000Z"', "<note>first</note>"),
        tu("Astana", "Астана"),
        tu("Baku", "Баку", ' usagecount="5" changedate="20250101T000000Z" changeid="rustam"', "<note>second</note><note>first</note>"),
    ])
    [report] = load(database, path)
    assert (report.added, report.merged) == (2, 1)
    with database.session() as session:
        baku = session.scalars(select(Unit).join(Variant).where(Variant.text == "Baku")).one()
        assert (baku.usage_count, baku.notes, baku.changed_by) == (7, ["first", "second"], "rustam")
        assert baku.changed_at.replace(tzinfo=timezone.utc) == datetime(2025, 1, 1, tzinfo=timezone.utc)


def postings_of(database, word: str) -> list[int]:
    """The units the index lists for a word, as many times as it lists them."""
    with database.session() as session:
        rows = session.execute(select(Posting.units).join(Word, Word.id == Posting.word_id).where(Word.word == word)).scalars()
        return sorted(int(unit) for data in rows for unit in numpy.frombuffer(data, dtype="<u4"))


def test_units_the_memory_has_are_merged_among_new_ones_and_indexed_once(database, tmp_path):
    load(database, tmx(tmp_path, "first.tmx", [tu("Port of Kuryk", "Порт Курык", ' usagecount="1"'), tu("Baku", "Баку")]))
    [report] = load(database, tmx(tmp_path, "second.tmx", [
        tu("Ferry to Aktau", "Паром в Актау"), tu("Port of Kuryk", "Порт Курык", ' usagecount="2"'), tu("Port of Alat", "Порт Алят"),
    ]))
    assert (report.added, report.merged) == (2, 1)
    assert counts(database)[:2] == (4, 8)
    with database.session() as session:
        kuryk = session.scalars(select(Unit).join(Variant).where(Variant.text == "Port of Kuryk")).one()
        assert (kuryk.usage_count, kuryk.origin) == (3, "first.tmx")
        assert dict(session.execute(select(Language.language, Language.units)).all()) == {"en": 4, "ru": 4}
    assert postings_of(database, "kuryk") == [kuryk.id]
    assert len(postings_of(database, "port")) == 2


@pytest.mark.parametrize("fork", [pytest.param(True, id="read-in-a-forked-process"), pytest.param(False, id="read-here")])
def test_a_duplicate_batches_apart_is_merged_into_the_first(database, tmp_path, monkeypatch, fork):
    import tm.forked

    monkeypatch.setattr(tm.forked, "FORK_FROM_BYTES", 0)
    units = [tu(f"Sentence {n} about Kuryk.", f"Предложение {n} о Курыке.") for n in range(4500)]
    units[4321] = tu("Sentence 5 about Kuryk.", "Предложение 5 о Курыке.", ' usagecount="4"')
    path = tmx(tmp_path, "long.tmx", units)
    with database.session(actor="tester") as session:
        [report] = import_files(session, [path], actor="tester", fork=fork)
    assert (report.added, report.merged) == (4499, 1)
    with database.session() as session:
        assert session.scalar(select(Unit.usage_count).join(Variant).where(Variant.text == "Sentence 5 about Kuryk.")) == 4
        assert session.scalar(select(Language.units).where(Language.language == "ru")) == 4499
    assert len(postings_of(database, "kuryk")) == 4499


@pytest.mark.parametrize("kept", [pytest.param(4_000_000, id="hashes-kept-by-the-import"),
                                  pytest.param(3_000, id="hashes-found-in-the-database-past-3000")])
def test_a_duplicate_of_a_unit_written_before_the_keys_are_built_is_merged(database, tmp_path, monkeypatch, kept):
    """Into an empty memory the unique keys are built after the rows: until then, duplicates are found among the
    hashes the import keeps, and past ``EXACT_KEYS`` of them, with the keys built, in the database."""
    import tm.importing

    monkeypatch.setattr(tm.importing, "EXACT_KEYS", kept)
    units = [tu(f"Sentence {n} about Kuryk.", f"Предложение {n} о Курыке.") for n in range(8000)]
    units[4321] = tu("Sentence 5 about Kuryk.", "Предложение 5 о Курыке.", ' usagecount="4"')
    units[7999] = tu("Sentence 4400 about Kuryk.", "Предложение 4400 о Курыке.", ' usagecount="2"')
    [report] = load(database, tmx(tmp_path, "long.tmx", units))
    assert (report.added, report.merged) == (7998, 2)
    with database.session() as session:
        used = session.execute(select(Variant.text, Unit.usage_count).join(Unit).where(Unit.usage_count > 0, Variant.language == "en")).all()
        assert sorted(used) == [("Sentence 4400 about Kuryk.", 2), ("Sentence 5 about Kuryk.", 4)]
    assert len(postings_of(database, "kuryk")) == 7998


@pytest.mark.parametrize("statement", [
    pytest.param("INSERT INTO tm_units (id, content_hash, languages, created_at, changed_at, added_at, usage_count) "
                 "SELECT 1000, content_hash, languages, created_at, changed_at, added_at, 0 FROM tm_units LIMIT 1", id="unit-hash-twice"),
    pytest.param("INSERT INTO tm_variants (unit_id, position, lang, language, text) SELECT unit_id, position, 'en', 'en', 'x' "
                 "FROM tm_variants LIMIT 1", id="variant-key-twice"),
    pytest.param("INSERT INTO tm_variants (unit_id, position, lang, language, text) VALUES (99999, 0, 'en', 'en', 'x')",
                 id="variant-of-no-unit"),
    pytest.param("INSERT INTO tm_words (id, word, language, units) SELECT 99999, word, language, 1 FROM tm_words LIMIT 1",
                 id="word-twice"),
    pytest.param("INSERT INTO tm_postings (word_id, chunk, count, units) SELECT word_id, chunk, count, units FROM tm_postings LIMIT 1",
                 id="posting-key-twice"),
])
def test_the_keys_built_after_an_import_into_an_empty_memory_hold(database, statement):
    """The keys an import into an empty memory drops and builds after its rows are there again once it ends (SQLite's
    foreign keys, off for the import's own rows, are checked again in the next transaction)."""
    load(database, AGENCY)
    with database.session() as session, pytest.raises(IntegrityError):
        session.execute(text(statement))


@pytest.mark.parametrize("known_words", [pytest.param(400_000, id="every-word-kept-at-hand"),
                                         pytest.param(5, id="word-cache-full-mid-import")])
def test_a_word_in_many_flushes_of_one_import_has_one_entry_with_all_its_units(database, tmp_path, monkeypatch, known_words):
    import tm.index

    monkeypatch.setattr(tm.index, "FLUSH_UNITS", 1_000)
    monkeypatch.setattr(tm.index, "_KNOWN_WORDS", known_words)
    units = [tu(f"Ferry {n} to Kuryk.", f"Паром {n} в Курык.") for n in range(4500)]
    load(database, tmx(tmp_path, "ferries.tmx", units))
    with database.session() as session:
        entries = session.execute(select(Word.language, Word.units).where(Word.word.in_(["kuryk", "курык"]))).all()
    assert sorted(entries) == [("en", 4500), ("ru", 4500)]
    assert len(postings_of(database, "kuryk")) == 4500


def test_a_second_import_adds_to_the_words_the_first_wrote_at_its_end(database, tmp_path, monkeypatch):
    import tm.index

    monkeypatch.setattr(tm.index, "FLUSH_UNITS", 1_000)
    load(database, tmx(tmp_path, "first.tmx", [tu(f"Ferry {n} to Kuryk.", f"Паром {n} в Курык.") for n in range(2500)]))
    load(database, tmx(tmp_path, "second.tmx", [tu(f"Bus {n} to Kuryk.", f"Автобус {n} в Курык.") for n in range(1500)]))
    with database.session() as session:
        entries = dict(session.execute(select(Word.word, Word.units).where(Word.language == "en")).all())
        word_ids = session.scalars(select(Word.id).order_by(Word.id)).all()
    assert (entries["kuryk"], entries["ferry"], entries["bus"], entries["to"], entries["2499"]) == (4000, 2500, 1500, 4000, 1)
    assert word_ids == list(range(1, len(word_ids) + 1))  # one entry a word, numbered as written
    assert postings_of(database, "kuryk") == list(range(1, 4001))


@pytest.mark.parametrize("fork", [pytest.param(True, id="read-in-a-forked-process"), pytest.param(False, id="read-here")])
def test_a_language_first_in_some_units_and_second_in_others_is_indexed_for_all(database, tmp_path, monkeypatch, fork):
    import tm.forked

    monkeypatch.setattr(tm.forked, "FORK_FROM_BYTES", 0)
    units = [tu(f"Ferry {n} to Kuryk.", f"Паром {n} в Курык.") if n % 2 else
             f'<tu><tuv xml:lang="ru"><seg>Паром {n} в Курык.</seg></tuv><tuv xml:lang="en"><seg>Ferry {n} to Kuryk.</seg></tuv></tu>'
             for n in range(3000)]
    with database.session(actor="tester") as session:
        import_files(session, [tmx(tmp_path, "mixed.tmx", units)], actor="tester", fork=fork)
    with database.session() as session:
        ids = session.scalars(select(Unit.id).order_by(Unit.id)).all()
        assert dict(session.execute(select(Word.word, Word.units).where(Word.word.in_(["kuryk", "курык", "7"]))).all()) == {
            "kuryk": 3000, "курык": 3000, "7": 1}
    assert postings_of(database, "kuryk") == postings_of(database, "курык") == ids
    assert len(postings_of(database, "7")) == 2  # the English and the Russian word of one unit


@pytest.mark.parametrize(("texts", "expected"), [
    pytest.param(["Füzuli and BAKI", "Qəbələ"], {1: {"fuzuli", "and", "baki"}, 2: {"qebele"}}, id="folded"),
    pytest.param(["a\x00b", "c"], {1: {"a", "b"}, 2: {"c"}}, id="a-text-with-the-separator"),
])
def test_the_words_of_a_batch_are_each_texts_own(texts, expected):
    words, pairs = batch_words([1, 2], texts)
    found = {}
    for pair in pairs.tolist():
        found.setdefault(pair & 0xFFFFFFFF, set()).add(words[pair >> 32])
    assert found == expected


def test_a_unit_with_another_target_is_not_a_duplicate(database, tmp_path):
    [report] = load(database, tmx(tmp_path, "two.tmx", [tu("Baku", "Баку"), tu("Baku", "город Баку")]))
    assert (report.added, report.merged) == (2, 0)


@pytest.mark.parametrize("name", sorted(p.name for p in BAD_MEMORY.iterdir()))
def test_a_bad_file_among_good_ones_imports_nothing(database, name):
    load(database, AGENCY)
    before = counts(database)
    with pytest.raises(FormatError):
        load(database, TM_DATA / "desk.po", BAD_MEMORY / name)
    assert counts(database) == before


def test_a_bad_unit_after_thousands_of_written_ones_leaves_the_memory_as_it_was(database, tmp_path):
    units = [tu(f"Sentence {n} about the port of Kuryk.", f"Предложение {n} о порте Курык.") for n in range(5000)]
    path = tmx(tmp_path, "long.tmx", [*units, tu("Last sentence.", "")])
    with pytest.raises(FormatError) as error:
        load(database, path)
    assert [str(p) for p in error.value.problems] == [f"{path}:5002: empty segment in <tuv xml:lang=\"ru\">"]
    assert counts(database) == (0, 0, 0, 0)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Posting)) == 0


def test_a_po_file_is_read_as_memory_without_fuzzy_obsolete_or_untranslated_entries(database):
    [report] = load(database, TM_DATA / "desk.po")
    assert str(report) == f"{TM_DATA / 'desk.po'}: 2 units added, 0 merged, 3 skipped (1 fuzzy, 1 obsolete, 1 untranslated)"
    with database.session() as session:
        unit = session.scalars(select(Unit).where(Unit.props.is_not(None))).one()
        assert (unit.props, unit.notes, unit.languages) == ([["x-context", "headline"]], ["headline"], "en ru")


def test_a_po_file_without_a_language_is_refused(database, tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Baku"\nmsgstr "Баку"\n', encoding="utf-8")
    with pytest.raises(FormatError, match="x.po:1: no Language in the PO header"):
        load(database, path)


def exported(database, **options) -> bytes:
    stream = io.BytesIO()
    with database.session() as session:
        export_units(session, stream, **options)
    return stream.getvalue()


def test_export_gives_back_what_was_imported(database):
    load(database, AGENCY)
    with open(AGENCY, "rb") as handle:
        original = read_units(handle, "agency.tmx")
        units = list(original)
    again = read_units(io.BytesIO(exported(database, origin="agency.tmx")), "out.tmx")
    back = list(again)
    keep = lambda u: (u.variants, u.tuid, u.srclang, u.usage_count, u.props, u.notes)
    assert [keep(u) for u in back] == [keep(u) for u in units]
    dates = lambda u: (u.created_at, u.created_by, u.changed_at, u.changed_by)
    assert dates(back[0]) == dates(units[0])  # the others had none: they were created by the import
    assert back[1].created_by == "tester"
    assert (again.header.srclang, again.header.props, again.header.notes) == (original.header.srclang, original.header.props, original.header.notes)


def test_export_of_a_language_pair_has_only_units_with_both(database):
    load(database, AGENCY)
    units = list(read_units(io.BytesIO(exported(database, source="en", target="kk")), "out.tmx"))
    assert [[v.lang for v in u.variants] for u in units] == [["en-US", "kk-KZ"], ["en-US", "kk-KZ"]]


def test_export_since_a_date_has_only_units_changed_or_added_since(database, tmp_path):
    load(database, tmx(tmp_path, "old.tmx", [tu("Baku", "Баку", ' creationdate="20200101T000000Z"')]))
    with database.session() as session:
        session.execute(text("UPDATE tm_units SET added_at = :old"), {"old": datetime(2020, 1, 2, tzinfo=timezone.utc)})
    load(database, tmx(tmp_path, "new.tmx", [tu("Astana", "Астана", ' creationdate="20200101T000000Z"')]))
    units = list(read_units(io.BytesIO(exported(database, since=datetime(2024, 1, 1, tzinfo=timezone.utc))), "out.tmx"))
    assert [u.variants[0].text for u in units] == ["Astana"]


_KILLED_IMPORT = """
import sys
from glossary.database import Database
from tm.importing import import_files
database = Database(sys.argv[1])
with database.session(actor="tester") as session:
    import_files(session, [sys.argv[2]], actor="tester")
"""


def _writing(database_url: str, tmp_path) -> bool:
    """Whether an import into this database has written rows that are not committed yet."""
    if POSTGRES_URL:
        from sqlalchemy import create_engine

        engine = create_engine(database_url)
        with engine.connect() as connection:  # INSERT takes this lock on the table until the transaction ends
            return bool(connection.scalar(text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'tm_variants' AND l.mode = 'RowExclusiveLock' AND l.granted")))
    return (tmp_path / "tilmash.db-journal").exists()  # the rollback journal exists from the first write on


def _write_end(fifo, process: subprocess.Popen, seconds: float = 60):
    """The FIFO's write end once the import has opened it to read; a test failure, not a wait for ever,
    if the import ends first (it could not reach the database) or never opens it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # no reader yet
                raise
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the import never opened its file (exit code {process.poll()})")
            time.sleep(0.05)
        else:
            os.set_blocking(descriptor, True)
            return open(descriptor, "w", encoding="utf-8")


def test_a_killed_import_leaves_nothing_behind(database, database_url, tmp_path):
    fifo = tmp_path / "feed.tmx"
    os.mkfifo(fifo)
    process = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORT, database_url, str(fifo)])
    stuck = threading.Event()  # an import that stops reading its file would block the writes below for ever
    watchdog = threading.Timer(120, lambda: (stuck.set(), process.kill()))
    watchdog.start()
    try:
        with _write_end(fifo, process) as feed:
            feed.write('<tmx version="1.4"><header srclang="en"/><body>\n')
            for n in range(6000):  # three batches: at least two are written before the file goes quiet
                feed.write(tu(f"Sentence {n}.", f"Предложение {n}.") + "\n")
            feed.flush()
            for _ in range(600):
                if _writing(database_url, tmp_path):
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the import never started writing")
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
    except BrokenPipeError:
        pass
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
    assert not stuck.is_set(), "the import stopped reading its file and was killed after 120 s"
    assert process.returncode == -signal.SIGKILL
    assert counts(database) == (0, 0, 0, 0)
    [report] = load(database, AGENCY)  # and the database works on
    assert report.added == 5


@pytest.fixture
def forked(monkeypatch):
    """Every file read by a forked process, as large ones are."""
    import tm.forked

    monkeypatch.setattr(tm.forked, "FORK_FROM_BYTES", 0)


def test_a_file_read_in_a_forked_process_imports_the_same(database, forked):
    [report] = load(database, AGENCY)
    assert str(report) == f"{AGENCY}: 5 units added, 0 merged, 0 skipped"
    with database.session() as session:
        assert session.get(Origin, "agency.tmx").header["props"] == [["x-domain", "news"]]
        stored = list(stored_units(session))
    with open(AGENCY, "rb") as handle:
        units = list(read_units(handle, "agency.tmx"))
    keep = lambda u: (u.variants, u.tuid, u.srclang, u.usage_count, u.props, u.notes)
    assert [keep(u) for u in stored] == [keep(u) for u in units]


@pytest.mark.parametrize("name", ["truncated.tmx", "one-variant.tmx", "entities.tmx"])
def test_problems_found_in_a_forked_process_are_raised_here(database, forked, name):
    with pytest.raises(FormatError) as error:
        load(database, BAD_MEMORY / name)
    with open(BAD_MEMORY / name, "rb") as handle, pytest.raises(FormatError) as here:
        list(read_units(handle, str(BAD_MEMORY / name)))
    assert error.value.problems == here.value.problems
    assert counts(database) == (0, 0, 0, 0)


def test_fork_false_reads_in_this_process(database, forked, monkeypatch):
    import multiprocessing

    def no_fork(*_args, **_kwargs):
        raise AssertionError("a process was forked")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    with database.session(actor="tester") as session:
        [report] = import_files(session, [AGENCY], actor="tester", fork=False)
    assert report.added == 5
