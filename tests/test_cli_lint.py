"""`tilmash lint` from the command line: the corpus, output formats, exit codes, --fix, bad input."""

import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest

from tilmash import __version__

from .conftest import CORPUS, DATA
from .support.schemas import sarif_schema

LINT_GLOSSARY = DATA / "lint" / "glossary.csv"

# Everything the bundled glossary finds in the five real articles: their real inconsistencies, nothing else.
CORPUS_FINDINGS = [
    ("000_ca3d0a7481e28f71.txt", "term.deprecated", "Zangazur Corridor", "Zangezur Corridor"),
    ("000_ca3d0a7481e28f71.txt", "term.deprecated", "Kassym-Jomart Kemelovich Tokayev", "Kassym-Jomart Kemelevich Tokayev"),
    ("002_b5284449c378cbdf.txt", "term.inconsistent", "Trans-Caspian International Transport Route", "Middle Corridor"),
    ("002_b5284449c378cbdf.txt", "term.deprecated", "Baku international sea trade port", "Baku International Sea Trade Port"),
    ("002_b5284449c378cbdf.txt", "term.deprecated", "Fizuli", "Fuzuli"),
    ("002_b5284449c378cbdf.txt", "term.deprecated", "Kurmangazy Center for Children’s Creative Development", "Kurmangazy Children’s Creativity Center"),
    ("002_b5284449c378cbdf.txt", "term.inconsistent", "Days of Kazakhstan’s Culture", "Days of Kazakh Culture"),
    ("003_5c5733213d75056c.txt", "term.deprecated", "Azerbaijan Metallurgical Company", "Azerbaijan Metal Company"),
    ("003_5c5733213d75056c.txt", "term.deprecated", "COP-29", "COP29"),
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture
def seeded(invoke, bundled_url):
    """`tilmash` on a database as `init` leaves it."""
    return invoke


def test_corpus_reports_its_real_inconsistencies_and_nothing_else(seeded, corpus):
    result = seeded("lint", "--format", "json", "corpus")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(f["path"].split("/")[-1], f["rule"], f["found"], f["suggestion"]) for f in findings] == CORPUS_FINDINGS
    for finding in findings:
        text = (corpus / finding["path"].split("/")[-1]).read_text(encoding="utf-8")
        assert text[finding["start"]:finding["end"]] == finding["found"]
        assert text.splitlines()[finding["line"] - 1][finding["column"] - 1:finding["end_column"] - 1] == finding["found"]


def test_text_format_line(seeded, corpus):
    result = seeded("lint", "corpus/003_5c5733213d75056c.txt")
    assert result.stdout.splitlines()[-1] == (
        "corpus/003_5c5733213d75056c.txt:27:391: warning term.deprecated: 'COP-29' is a deprecated form; "
        "the English form is 'COP29' (hyphenated spelling) -> COP29"
    )


def test_sarif_output_validates(seeded, corpus):
    result = seeded("lint", "--format", "sarif", "corpus")
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    assert len(sarif["runs"][0]["results"]) == len(CORPUS_FINDINGS)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == __version__


def test_clean_file_exits_0(seeded, tmp_path):
    (tmp_path / "clean.md").write_text("# Fuzuli\n\nThe Zangezur corridor and COP29.\n", encoding="utf-8")
    result = seeded("lint", "clean.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_info_findings_do_not_fail_unless_asked(seeded, tmp_path):
    (tmp_path / "old.txt").write_text("The summit of the Turkic Council.\n", encoding="utf-8")
    assert seeded("lint", "old.txt").exit_code == 0
    assert seeded("lint", "--fail-on", "info", "old.txt").exit_code == 1


def test_bad_inputs_exit_2_and_the_other_files_are_still_linted(seeded, tmp_path):
    (tmp_path / "draft.txt").write_text("Fizuli\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "latin1.txt").write_bytes("Füzuli\n".encode("latin-1"))
    result = seeded("lint", "missing.md", "photo.jpg", "latin1.txt", "draft.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: missing.md: cannot read file: No such file or directory",
        "error: photo.jpg: not a text file (binary data)",
        "error: latin1.txt:1: not valid UTF-8 (byte 0xfc); save the file as UTF-8",
    ]
    assert result.stdout.startswith("draft.txt:1:1: warning term.deprecated:")


def test_fix_rewrites_the_file_and_reports_what_it_changed(seeded, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Fizuli\n\nSee `Fizuli` and COP-29; the Zangezour corridor.\n", encoding="utf-8")
    result = seeded("lint", "--fix", "draft.md")
    assert draft.read_text(encoding="utf-8") == "# Fuzuli\n\nSee `Fizuli` and COP29; the Zangezour corridor.\n"
    assert result.stderr.splitlines() == ["fixed draft.md:1:3: Fizuli -> Fuzuli", "fixed draft.md:3:18: COP-29 -> COP29"]
    assert "term.unknown-variant" in result.stdout and result.exit_code == 0


def test_fix_keeps_a_byte_order_mark(seeded, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes("\ufeffFizuli".encode("utf-8"))
    seeded("lint", "--fix", "draft.txt")
    assert draft.read_bytes() == "\ufeffFuzuli".encode("utf-8")


def test_standard_input_and_fix_to_standard_output(seeded):
    result = seeded("lint", "-", input="Визит в Актау и Fizuli.\n")
    assert result.stdout == ("-:1:17: warning term.wrong-language: 'Fizuli' is a deprecated form in English and "
                             "Azerbaijani; the Russian form is 'Физули' -> Физули\n")
    fixed = seeded("lint", "--fix", "-", input="Fizuli\n")
    assert fixed.stdout == "Fuzuli\n"


def test_the_lint_command_run_inside_a_process_leaves_its_garbage_collector_on(runner, tmp_path):
    """Only a lint in a process of its own turns the collector off (it ends at once): run by a caller
    that goes on (here click's runner), the collector stays on, or database engines and their
    connections caught in cycles are never freed (the PostgreSQL suite ran out of connections)."""
    import gc

    from tilmash.cli import cli

    (tmp_path / "draft.txt").write_text("Fizuli.\n", encoding="utf-8")
    assert gc.isenabled()
    result = runner.invoke(cli, ["lint", "--glossary", str(LINT_GLOSSARY), "--format", "json", str(tmp_path / "draft.txt")])
    assert json.loads(result.stdout)[0]["suggestion"] == "Fuzuli"
    assert gc.isenabled()


def test_glossary_file_lints_without_a_database(runner, tmp_path, monkeypatch):
    from tilmash.cli import cli

    monkeypatch.setenv("TILMASH_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    (tmp_path / "draft.txt").write_text("Relations with Turkey, the Zangazur corridor.\n", encoding="utf-8")
    shutil.copy(LINT_GLOSSARY, tmp_path / "terms.csv")
    result = runner.invoke(cli, ["lint", "--glossary", "terms.csv", "--format", "json", "draft.txt"])
    assert [(f["found"], f["suggestion"]) for f in json.loads(result.stdout)] == [
        ("Turkey", "Türkiye"), ("Zangazur corridor", "Zangezur corridor")]
    styled = runner.invoke(cli, ["lint", "--glossary", "terms.csv", "--style", "az-official", "--format", "json", "draft.txt"])
    assert [(f["found"], f["suggestion"]) for f in json.loads(styled.stdout)] == [("Turkey", "Türkiye")]


def test_tbx_glossary_file(runner, tmp_path):
    from tilmash.cli import cli

    (tmp_path / "draft.txt").write_text("the Nakhichevan exclave\n", encoding="utf-8")
    shutil.copy(DATA / "tbx" / "tbx3-basic.tbx", tmp_path / "terms.tbx")
    result = runner.invoke(cli, ["lint", "--glossary", "terms.tbx", "draft.txt"])
    assert result.stdout == ("draft.txt:1:5: warning term.deprecated: 'Nakhichevan' is a deprecated form; "
                             "the English form is 'Nakhchivan' -> Nakhchivan\n")


def test_house_style_from_the_database(seeded, tmp_path):
    (tmp_path / "draft.txt").write_text("the Zangezur corridor\n", encoding="utf-8")
    assert seeded("lint", "draft.txt").exit_code == 0
    result = seeded("lint", "--style", "az-official", "draft.txt")
    assert result.stdout.endswith("-> Zangazur corridor\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--style", "tass", "x.txt"], "error: unknown style 'tass'; this glossary has: az-official, kz-official\n", id="unknown-style"),
        pytest.param(["--select", "terms", "x.txt"], "error: unknown rule id or prefix: terms\n", id="unknown-rule-prefix"),
        pytest.param(["--glossary", "nope.csv", "x.txt"], "error: nope.csv: cannot read glossary: No such file or directory\n", id="missing-glossary"),
        pytest.param(["--glossary", str(DATA / "bad" / "two-preferred.csv"), "x.txt"],
                     f"error: {DATA / 'bad' / 'two-preferred.csv'}:3: two preferred terms for concept 'fuzuli' in en: "
                     "'Fuzuli' (line 2) and 'Fizuli'; a language has one preferred term\n", id="unreadable-glossary"),
        pytest.param(["--lang", "xx", "x.txt"], "error: invalid value for '--lang': 'xx' is not one of 'auto', 'en', "
                     "'az', 'kk', 'ru'; see 'tilmash lint --help'\n", id="unknown-language"),
        pytest.param(["--date", "20.03.2019", "x.txt"], "error: invalid value for '--date': '20.03.2019' is not a date "
                     "written YYYY-MM-DD; see 'tilmash lint --help'\n", id="date-not-iso"),
        pytest.param(["--date", "2019-02-30", "x.txt"], "error: invalid value for '--date': '2019-02-30' is not a date "
                     "written YYYY-MM-DD; see 'tilmash lint --help'\n", id="no-such-day"),
        pytest.param([], "error: missing argument 'PATHS...'; see 'tilmash lint --help'\n", id="no-paths"),
        pytest.param(["--jobs", "0", "x.txt"], "error: invalid value for '--jobs': 0 is not in the range x>=1; "
                     "see 'tilmash lint --help'\n", id="zero-jobs"),
    ],
)
def test_usage_errors_exit_2(seeded, args, message):
    result = seeded("lint", *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_date_judges_former_names(runner, tmp_path):
    from tilmash.cli import cli

    # Kazinform, 2019-12-30: the capital was Nur-Sultan then.
    (tmp_path / "news.md").write_text("---\ndate: 2019-12-30\n---\nNUR-SULTAN. KAZINFORM – President Tokayev held talks.\n",
                                      encoding="utf-8")
    shutil.copy(LINT_GLOSSARY, tmp_path / "terms.csv")
    own_date = runner.invoke(cli, ["lint", "--glossary", "terms.csv", "--fail-on", "info", "news.md"])
    assert (own_date.exit_code, own_date.stdout) == (0, "")
    later = runner.invoke(cli, ["lint", "--glossary", "terms.csv", "--date", "2023-01-10", "--format", "json", "news.md"])
    assert [(f["rule"], f["found"], f["suggestion"]) for f in json.loads(later.stdout)] == [
        ("term.superseded", "NUR-SULTAN", "ASTANA")]
    earlier = runner.invoke(cli, ["lint", "--glossary", "terms.csv", "--date", "2019-01-10", "news.md"])
    assert earlier.stdout == ("news.md:4:1: info term.anachronism: 'Nur-Sultan' was not yet the name on 2019-01-10; the glossary "
                              "dates it 2019-03-20 to 2022-09-17; at that date the English name was 'Astana' -> ASTANA\n")


def test_one_error_line_for_a_bad_option_of_any_command(invoke):
    result = invoke("terms", "search", "fuzuli", "--limit", "0")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "error: invalid value for '--limit': 0 is not in the range x>=1; see 'tilmash terms search --help'\n")
    result = invoke("--no-such-option")
    assert (result.exit_code, result.stderr) == (2, "error: no such option '--no-such-option'; see 'tilmash --help'\n")


def test_folder_walk_passes_over_hidden_and_ignored_files_and_says_so_with_verbose(seeded, tmp_path):
    (tmp_path / "drafts" / ".venv").mkdir(parents=True)
    (tmp_path / "drafts" / "old").mkdir()
    (tmp_path / "drafts" / ".gitignore").write_text("old/\n", encoding="utf-8")
    for name in (".venv/readme.md", "old/draft.md", "draft.md"):
        (tmp_path / "drafts" / name).write_text("Fizuli\n", encoding="utf-8")
    quiet = seeded("lint", "--format", "json", "drafts")
    assert ([f["path"] for f in json.loads(quiet.stdout)], quiet.stderr) == (["drafts/draft.md"], "")
    verbose = seeded("lint", "-v", "--format", "json", "drafts")
    assert verbose.stderr == ("skipped drafts/.venv: hidden folder\n"
                              "skipped drafts/old: ignored by drafts/.gitignore:1 (old/)\n")


def test_a_fifo_is_refused_and_the_other_files_are_still_linted(seeded, tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "draft.md").write_text("Fizuli\n", encoding="utf-8")
    result = seeded("lint", "pipe.md", "draft.md")
    assert result.exit_code == 2
    assert result.stderr == "error: pipe.md: is a FIFO, not a regular file\n"
    assert result.stdout.startswith("draft.md:1:1: warning term.deprecated")


# Modules a command that needs no database must start without (they cost most of a start).
HEAVY_MODULES = ("sqlalchemy", "babel", "pymorphy3", "flask", "alembic")
# Nor does a lint of one short text with a compiled glossary read a glossary file (the formats, XML),
# fork workers, write a file or import json (text output).
LINT_ONLY = (*HEAVY_MODULES, "werkzeug", "glossary.database", "glossary.formats", "lxml", "defusedxml", "multiprocessing",
             "tempfile", "json", "webapp", "tm")


@pytest.mark.parametrize(
    ("args", "not_imported", "printed"),
    [
        pytest.param(["lint", "--help"], (*HEAVY_MODULES, "glossary.lint.engine"), "Usage: tilmash lint", id="help-without-the-engine"),
        pytest.param(["lint", "--glossary", str(DATA / "lint" / "glossary.csv"), "-"], LINT_ONLY,
                     "-:1:1: warning term.deprecated", id="glossary-file-and-stdin"),
    ],
)
def test_lint_starts_without_the_database_modules(args, not_imported, printed, tmp_path):
    code = ("import sys; from tilmash.cli import cli\n"
            f"try:\n    cli({args!r}, prog_name='tilmash')\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {not_imported!r} if m in sys.modules], file=sys.stderr)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # the second with the glossary compiled (reading a glossary checks its languages with Babel)
        run = subprocess.run([sys.executable, "-c", code], input="Fizuli and Fuzuli.\n", capture_output=True, text=True, env=env)
    assert printed in run.stdout
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_the_kinds_of_lint_are_the_markup_kinds():
    from glossary.lint import markup
    from tilmash.cli.lint_command import KINDS

    assert KINDS == markup.KINDS


@pytest.mark.parametrize(
    ("args", "stdin", "code", "out", "err"),
    [
        pytest.param(["--format", "json", "-"], "Fizuli and Fuzuli.\n", 1, '"found": "Fizuli"', "", id="findings-exit-1"),
        pytest.param(["-"], "Fuzuli.\n", 0, "", "", id="clean-exit-0"),
        pytest.param(["--fix", "-"], "Fizuli.\n", 0, "Fuzuli.\n", "fixed -:1:1: Fizuli -> Fuzuli", id="fixed-text-and-what-was-fixed"),
        pytest.param(["no-such-file.txt"], "", 2, "", "error: no-such-file.txt", id="bad-input-exit-2"),
    ],
)
def test_the_lint_process_ends_with_its_exit_code_and_all_its_output(args, stdin, code, out, err, tmp_path):
    """``python -m tilmash lint`` ends without tearing down its objects (``end_at_once``): the exit
    code and every byte written to stdout and stderr are still there."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-m", "tilmash", "lint", "--glossary", str(DATA / "lint" / "glossary.csv"), *args],
                         input=stdin, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == code
    assert out in run.stdout and err in run.stderr
    if "json" in args:
        assert json.loads(run.stdout)[0]["suggestion"] == "Fuzuli"
