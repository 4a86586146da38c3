"""Many files linted in parallel give exactly what one process gives, in the order given."""

import os
import signal
from pathlib import Path

import pytest

from glossary.lint import batch, engine
from glossary.lint.batch import LintOptions, lint_files
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher
from glossary.termbase import bundled_glossary

from .test_engine import DEFAULT

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def test_parallel_results_equal_sequential_results_in_order(tmp_path, monkeypatch):
    texts = ["Fizuli and COP-29.", "Бүгін Президент Актауда болды.", "clean text", "Визит Касыма-Жомарта Кемеловича Токаева."] * 3
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"draft{i:02}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    paths.insert(5, str(tmp_path / "missing.txt"))
    sequential = list(lint_files(paths, DEFAULT, LintOptions(), jobs=1))
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)
    parallel = list(lint_files(paths, DEFAULT, LintOptions(), jobs=2))
    assert [r.path for r in parallel] == paths
    assert [(r.findings, r.problems) for r in parallel] == [(r.findings, r.problems) for r in sequential]
    assert [str(p) for p in parallel[5].problems] == [f"{paths[5]}: cannot read file: No such file or directory"]
    assert sum(len(r.findings) for r in parallel) == 12


def test_one_long_text_shared_between_processes_gives_the_same_findings(monkeypatch):
    """A long text is cut at paragraph breaks and linted in forked processes: the findings are
    those of one process, also where they depend on the whole document (one name written two ways
    far apart) and where removed characters shift the offsets (HTML entities, soft hyphens)."""
    matcher = Matcher(bundled_glossary())
    paragraphs = [p for path in sorted(CORPUS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n\n")]
    paragraphs.insert(1, "<p>The Middle Corridor &amp; the port of Fizuli&shy;s, Bak\u0131 and B\u0430k\u0131.</p>")
    paragraphs.append("<p>Cargo on the Trans-Caspian International Transport Route grew; Zangezour &mdash; too.</p>")
    text = "\n\n".join(paragraphs)
    monkeypatch.setattr(engine, "PARALLEL_FROM_CHARACTERS", len(text) // 2)
    one = lint_text(text, matcher, kind="html", jobs=1)
    assert len(engine._Linter(text, matcher, "-", "auto", "html", frozenset())._pieces(2)) > 2  # more pieces than processes
    shared = lint_text(text, matcher, kind="html", jobs=2)
    assert shared == one
    assert lint_text(text, matcher, kind="html", jobs=3) == one  # two forked workers beside this process
    rules = {f.rule for f in one}
    assert {"term.deprecated", "term.inconsistent", "text.mixed-script", "term.unknown-variant"} <= rules


def test_an_unexpected_error_in_any_process_stops_the_run(monkeypatch, tmp_path):
    """A bug that raises while a batch is linted, in this process or in a forked one, ends the run
    with that error: the batches after it are not waited for."""
    paths = []
    for i in range(40):
        path = tmp_path / f"{i:02}.txt"
        path.write_text("Fizuli and Zangezur.\n", encoding="utf-8")
        paths.append(str(path))
    real_lint_file = batch.lint_file

    def lint_file(path, *args, **kwargs):
        if path.endswith("27.txt"):
            raise RuntimeError(f"bug while linting {path}")
        return real_lint_file(path, *args, **kwargs)

    monkeypatch.setattr(batch, "lint_file", lint_file)
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the run waited for a batch that never came"))
    signal.alarm(60)
    try:
        with pytest.raises(RuntimeError, match="27.txt"):
            list(lint_files(paths, DEFAULT, LintOptions(), jobs=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_any_work_on_each_file_is_shared_out_and_comes_back_in_order(tmp_path, monkeypatch):
    in_processes = batch._in_processes
    paths = [str(tmp_path / f"{i:03}.txt") for i in range(250)]
    for i, path in enumerate(paths):
        Path(path).write_text("x" * i, encoding="utf-8")
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)
    forked = []
    monkeypatch.setattr(batch, "_in_processes", lambda *args: forked.append(args) or in_processes(*args))
    results = list(batch.map_files(paths, lambda path: (path, os.path.getsize(path)), jobs=2))
    assert results == [(path, i) for i, path in enumerate(paths)]
    assert len(forked) == 1
