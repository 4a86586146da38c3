"""The garbage collector is paused while a glossary compiles, loads from the cache or lints, and always runs again after."""

import gc
import threading

import pytest

from glossary.formats import read_glossary_file
from glossary.lint import cache, matcher_file
from glossary.lint.collector import collector_paused
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher

from ..conftest import DATA

GLOSSARY = read_glossary_file(DATA / "lint" / "glossary.csv")


@pytest.fixture
def collector_running():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_compiling_and_linting_pause_the_collector_and_leave_it_running(collector_running, monkeypatch):
    seen = []
    real_compile = Matcher._compile

    def compile_and_look(self, *args):
        seen.append(("compile", gc.isenabled()))
        real_compile(self, *args)

    monkeypatch.setattr(Matcher, "_compile", compile_and_look)
    matcher = Matcher(GLOSSARY)
    monkeypatch.setattr(matcher, "find", lambda *args: (seen.append(("lint", gc.isenabled())), ([], []))[1])
    lint_text("Fizuli", matcher)
    assert seen == [("compile", False), ("lint", False)]
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failed_lint(collector_running):
    matcher = Matcher(GLOSSARY)
    with pytest.raises(ValueError, match="unknown kind"):
        lint_text("Fizuli", matcher, kind="docx")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    was = gc.isenabled()
    gc.disable()
    try:
        lint_text("Fizuli", Matcher(GLOSSARY))
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_overlapping_pauses_end_with_the_last(collector_running):
    first_inside, second_inside, first_done = threading.Event(), threading.Event(), threading.Event()
    states = {}

    def first():
        with collector_paused():
            first_inside.set()
            second_inside.wait(5)
        states["after first"] = gc.isenabled()
        first_done.set()

    def second():
        first_inside.wait(5)
        with collector_paused():
            second_inside.set()
            first_done.wait(5)
            states["second, after first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == {"after first": False, "second, after first ended": False}
    assert gc.isenabled()


def test_loading_a_compiled_glossary_from_the_disk_cache_pauses_the_collector(collector_running, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.compiled_matcher("test glossary", None, lambda: Matcher(GLOSSARY))
    cache._MEMORY.clear()  # what a new process starts with
    seen = []
    real_loads = matcher_file.loads
    monkeypatch.setattr(matcher_file, "loads", lambda data: (seen.append(gc.isenabled()), real_loads(data))[1])
    loaded = cache.compiled_matcher("test glossary", None, lambda: pytest.fail("compiled again"))
    assert len(loaded) == len(Matcher(GLOSSARY))
    assert seen == [False]
    assert gc.isenabled()


def test_linting_leaves_no_garbage_cycles_for_a_collector_switched_off_to_find(tmp_path):
    """What lets ``tilmash lint`` turn the collector off (``collector_off``): the memory of a lint of
    many files is freed by reference counts alone. Linted from a matcher loaded from its file, as the
    command does, in the four languages, with suffixes, declension, near misses and former names."""
    loaded = matcher_file.loads(matcher_file.dumps(Matcher(GLOSSARY)))
    texts = [(DATA / "lint" / "glossary.csv").read_text(encoding="utf-8"),
             "Prezident Qabalada çıxış edib. Füzulidə dərslər başlayıb.\n\nToqayevtyń sapary. Токаевтың сапары.\n\n"
             "Визит Касыма-Жомарта Кемеловича Токаева в Баку. The Zangezour corridor and Nakhchivn."]
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for text in texts:
            assert lint_text(text, loaded)
            lint_text(text, loaded, kind="markdown")
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
