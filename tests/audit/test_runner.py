"""Many documents: in parallel, through the cache, stopped and resumed, always the same report."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from glossary.audit.cache import FILE_NAME, ResultCache
from glossary.audit.documents import DocumentAudit
from glossary.audit.formatters import format_json
from glossary.audit.report import Audit
from glossary.audit import reading, runner
from glossary.audit.runner import AuditOptions, audit_files
from glossary.lint import batch
from glossary.lint.folders import find_documents
from glossary.lint.service import matcher_for_file

from .archive import DOCUMENTS, GLOSSARY, set_day, write_archive


@pytest.fixture
def matcher(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return matcher_for_file(GLOSSARY, shortcuts=False)


def write_copies(folder, copies: int) -> list[str]:
    """The archive ``copies`` times over, each copy's texts a little different (the cache
    keeps one result for documents with the same bytes)."""
    for copy in range(copies):
        write_archive(folder / f"{copy:03}")
        for name, day, _ in DOCUMENTS:
            path = folder / f"{copy:03}" / name
            path.write_text(path.read_text(encoding="utf-8") + f"\nCopy {copy}.\n", encoding="utf-8")
            set_day(path, day)
    return find_documents([str(folder)]).paths


@pytest.fixture
def paths(tmp_path):
    return write_copies(tmp_path / "archive", 10)


def report_of(paths, matcher, cache=None, jobs=1, stop_after=None):
    audit = Audit()
    for number, document in enumerate(audit_files(paths, matcher, AuditOptions(), jobs, cache)):
        audit.add(document)
        if number + 1 == stop_after:
            break
    return format_json(audit.report())


def test_parallel_report_equals_the_one_of_one_process(paths, matcher, monkeypatch):
    one = report_of(paths, matcher)
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)
    assert report_of(paths, matcher, jobs=2) == one
    assert json.loads(one)["documents"] == 60


def test_a_stopped_audit_resumes_from_the_cache(paths, matcher, tmp_path):
    whole = report_of(paths, matcher)
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of(paths, matcher, cache, stop_after=25)  # the caller stops: what was done is kept
    assert len(cache) == 25
    cached = []
    audit = Audit()
    for document in audit_files(paths, matcher, AuditOptions(), 1, cache):
        audit.add(document)
        cached.append(document.cached)
    assert cached == [True] * 25 + [False] * 35
    assert format_json(audit.report()) == whole
    assert all(d.cached for d in audit_files(paths, matcher, AuditOptions(), 1, cache))


def test_the_cache_redoes_changed_documents_and_nothing_else(paths, matcher, tmp_path):
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of(paths, matcher, cache)
    with open(paths[7], "a", encoding="utf-8") as handle:
        handle.write("Fizuli again.\n")
    recounted = [d.path for d in audit_files(paths, matcher, AuditOptions(), 1, cache) if not d.cached]
    assert recounted == [paths[7]]
    assert report_of(paths, matcher, cache) == report_of(paths, matcher)


def test_another_glossary_or_other_options_do_not_use_the_same_results(paths, matcher, tmp_path):
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of(paths, matcher, cache)
    edited = tmp_path / "edited.csv"
    edited.write_text(GLOSSARY.read_text(encoding="utf-8") + "fuzuli,en,Fizouli,deprecated,\n", encoding="utf-8")
    other = matcher_for_file(edited, shortcuts=False)
    for cache_of_other in (ResultCache(tmp_path / "cache", AuditOptions().cache_context(other)),
                           ResultCache(tmp_path / "cache", AuditOptions(lang="en").cache_context(matcher))):
        assert not any(d.cached for d in audit_files(paths[:5], other, AuditOptions(), 1, cache_of_other))


def test_the_cache_needs_a_folder_it_can_write(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(Exception, match=r"cannot use the cache folder .*file/cache"):
        ResultCache(tmp_path / "file" / "cache", "context")


def test_interrupting_the_command_keeps_what_was_done_and_the_next_run_goes_on(tmp_path):
    """Ctrl-C in the middle of `tilmash audit --cache`: exit 130 with a message; the counts done are
    in the cache, and the same command then redoes only the rest and prints the full report."""
    folder = tmp_path / "archive"
    write_copies(folder, 50)  # 300 documents: far more than are done before the interrupt
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "TILMASH_DATABASE_URL": "sqlite://"}
    command = [sys.executable, "-m", "tilmash", "audit", "--glossary", str(GLOSSARY), "--cache", str(tmp_path / "cache"),
               "--jobs", "1", "--format", "json", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    database = tmp_path / "cache" / FILE_NAME
    deadline = time.monotonic() + 60
    while _rows(database) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    kept = _rows(database)
    assert process.returncode == 130
    assert 0 < kept < 300
    assert stderr.splitlines()[-1].startswith("interrupted after ")
    # (``1 document are kept`` when the first result was written on its own: the first one can take a second)
    assert stderr.splitlines()[-1].endswith(f"are kept in {tmp_path / 'cache'}: run the same command to go on")
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0
    from_cache = int(resumed.stderr.split("(")[1].split()[0].replace(",", ""))
    assert from_cache == kept
    fresh = subprocess.run([*command[:6], *command[8:]], env=env, capture_output=True, text=True, timeout=120)
    assert resumed.stdout == fresh.stdout


def _rows(database) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_progress_bar_on_a_terminal_only(tmp_path):
    """On a terminal, standard error shows the documents done (tqdm); elsewhere only the last line."""
    import fcntl
    import pty
    import struct
    import termios

    write_copies(tmp_path / "archive", 2)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "TILMASH_DATABASE_URL": "sqlite://"}
    command = [sys.executable, "-m", "tilmash", "audit", "--glossary", str(GLOSSARY), "--jobs", "1", "--format", "csv",
               "-o", str(tmp_path / "report.csv"), str(tmp_path / "archive")]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed when the process ends
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    os.close(leader)
    assert re.search(rb"\| *\d+/12 \[", shown) and b" documents/s" in shown
    assert shown.decode().replace("\r", "\n").strip().splitlines()[-1] == "audited 12 documents"


def test_files_seen_before_are_not_read_again(paths, matcher, tmp_path, monkeypatch):
    """A file with the size and time it had is known by them; one only touched is read and found by content."""
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of(paths, matcher, cache)
    os.utime(paths[1], (1_700_000_000, 1_700_000_000))  # a text file: filed under its file's time
    second = list(audit_files(paths, matcher, AuditOptions(), 1, cache))
    assert [(d.cached, d.indexed) for d in second[0:3]] == [(True, True), (False, False), (True, True)]
    assert str(second[1].day) == "2023-11-14"  # filed, and its former names judged, under its new time
    read = []
    monkeypatch.setattr(reading, "read_input_file", lambda path: read.append(path) or open(path, "rb").read())
    assert all(d.indexed for d in audit_files(paths, matcher, AuditOptions(), 1, cache)) and read == []


def report_of_runs(paths, matcher, cache, since=None):
    results, from_cache = runner.audit_runs(paths, matcher, AuditOptions(since=since), 1, cache), 0
    for result in results:
        from_cache += result.documents if isinstance(result, runner.CachedRun) else result.cached
    return format_json(results.audit.report()), from_cache


@pytest.fixture
def added_up_again(monkeypatch):
    """The runs whose totals were added up again from every document (the ledger could not follow a change)."""
    calls = []
    original = runner._added_up
    monkeypatch.setattr(runner, "_added_up", lambda *args: calls.append(args[0]) or original(*args))
    return calls


def edit(path, day):
    path.write_text(path.read_text(encoding="utf-8") + "\nFizuli again. Zangazur.\n", encoding="utf-8")
    set_day(path, day)


@pytest.mark.parametrize(
    "change, again",
    [
        pytest.param("nothing", False, id="nothing-changed"),
        pytest.param("new-folder", False, id="new-documents-in-a-new-folder"),
        pytest.param("edit", False, id="documents-changed-examples-among-them"),
        pytest.param("redate", False, id="a-document-filed-under-another-day"),
        pytest.param("remove", False, id="documents-removed-not-examples"),
        pytest.param("remove-example", True, id="an-examples-document-removed"),
        pytest.param("edit-example-away", True, id="an-examples-document-without-its-variant"),
        pytest.param("order", False, id="listed-in-another-order"),  # (added up from the results, as the first time)
        pytest.param("damaged", False, id="a-damaged-record"),
        pytest.param("since", False, id="another-since-date"),
    ],
)
def test_the_record_of_the_archive_gives_the_report_of_every_document(change, again, tmp_path, matcher,
                                                                        added_up_again):
    paths = write_copies(tmp_path / "archive", 12)
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of_runs(paths, matcher, cache)
    archive, since, changed = tmp_path / "archive", None, 0
    if change == "new-folder":
        write_archive(archive / "999")
        changed = len(DOCUMENTS)
    elif change == "edit":  # the first copies hold the examples of the unknown variants
        for copy in ("000", "005", "011"):
            edit(archive / copy / DOCUMENTS[0][0], DOCUMENTS[0][1])
        changed = 3
    elif change == "redate":
        set_day(archive / "003" / DOCUMENTS[3][0], "2019-06-01")
        changed = 1
    elif change == "remove":
        for copy in ("004", "008"):
            os.remove(archive / copy / DOCUMENTS[1][0])
    elif change == "remove-example":
        os.remove(archive / "000" / DOCUMENTS[1][0])
    elif change == "edit-example-away":
        (archive / "000" / DOCUMENTS[1][0]).write_text("---\ndate: 2024-02-03\n---\n\nNothing here.\n", encoding="utf-8")
        changed = 1
    elif change == "damaged":
        ledger, = (tmp_path / "cache").glob("*.ledger")
        ledger.write_bytes(b"not a record")
    elif change == "since":
        since = __import__("datetime").date(2024, 2, 1)
        changed = len(paths)
    listed = find_documents([str(archive)]).paths
    if change == "order":
        listed = find_documents([str(archive / "006"), str(archive)]).paths
        listed = list(dict.fromkeys(listed))
    cached, from_cache = report_of_runs(listed, matcher, cache, since)
    fresh, _ = report_of_runs(listed, matcher, None, since)
    assert cached == fresh
    assert bool(added_up_again) == again
    if change != "since":
        assert from_cache >= len(listed) - changed


def read_files(monkeypatch) -> list[str]:
    read = []
    monkeypatch.setattr(reading, "read_input_file", lambda path: read.append(path) or open(path, "rb").read())
    return read


def test_a_second_run_reads_only_what_is_new_or_changed(tmp_path, matcher, monkeypatch, added_up_again):
    paths = write_copies(tmp_path / "archive", 12)
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of_runs(paths, matcher, cache)
    read = read_files(monkeypatch)
    items = list(runner.audit_runs(paths, matcher, AuditOptions(), 1, cache))
    assert [(type(item), item.documents) for item in items] == [(runner.CachedRun, len(paths))] and read == []
    write_archive(tmp_path / "archive" / "999")
    edited = tmp_path / "archive" / "007" / DOCUMENTS[2][0]
    edit(edited, DOCUMENTS[2][1])
    paths = find_documents([str(tmp_path / "archive")]).paths
    results = runner.audit_runs(paths, matcher, AuditOptions(), 1, cache)
    items = list(results)
    new = [p for p in paths if "/999/" in p]
    assert items[0] == runner.CachedRun(len(paths) - len(new) - 1)
    assert sorted(read) == sorted([str(edited), *new]) and not added_up_again
    assert format_json(results.audit.report()) == report_of_runs(paths, matcher, None)[0]


def test_a_change_to_the_reports_code_keeps_the_documents_results(paths, matcher, tmp_path, monkeypatch):
    """The results depend on the code that counts (lint, documents, dates, reading); the record of the
    archive and the kept reports on all the audit's code."""
    from glossary.audit import cache as cache_module

    counting = {path.name for path in (cache_module.Path(cache_module.__file__).parent).glob("*.py")
                if path.name in cache_module._COUNTING}
    assert counting == {"documents.py", "dates.py", "reading.py"}
    cache = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    report_of_runs(paths, matcher, cache)
    fingerprint = cache_module._code_fingerprint
    monkeypatch.setattr(cache_module, "_code_fingerprint",
                        lambda counting_only=False: fingerprint(counting_only) + ("" if counting_only else "report changed"))
    changed = ResultCache(tmp_path / "cache", AuditOptions().cache_context(matcher))
    assert changed.ledger_path(None) != cache.ledger_path(None)
    assert all(d.cached and d.indexed for d in audit_files(paths, matcher, AuditOptions(), 1, changed))
    assert report_of_runs(paths, matcher, changed) == (report_of(paths, matcher), len(paths))
