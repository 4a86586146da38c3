"""The `tilmash` command line: exact output, exit codes 0/2, one error line per problem."""

import json
import os
import shutil
from datetime import datetime

import pytest

from glossary.database import Database
from glossary.formats import FORMATS, read_glossary_file
from glossary.model import Base
from glossary.termbase import bundled_glossary
from tilmash import __version__

from .conftest import DATA, fresh_database_url
from .support.schemas import tbx_errors
from .test_formats import BAD, FOUR_LANGUAGES


@pytest.fixture
def loaded(invoke, database, tmp_path):
    """An empty database (as `init --empty` leaves it) with the four-language test glossary imported."""
    shutil.copy(FOUR_LANGUAGES, tmp_path / "four.csv")
    result = invoke("import", "four.csv")
    assert result.exit_code == 0, result.stderr
    return invoke


def test_version(invoke):
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"tilmash, version {__version__}\n")


def test_import_reports_what_it_did(invoke, tmp_path):
    invoke("init", "--empty")
    shutil.copy(FOUR_LANGUAGES, tmp_path / "four.csv")
    result = invoke("import", "four.csv")
    assert result.exit_code == 0
    assert result.stdout == "four.csv: 6 concepts added, 0 changed, 0 unchanged; 39 terms added, 0 changed; new style: az-official\n"


def test_import_warns_about_what_it_does_not_keep(loaded, tmp_path):
    shutil.copy(DATA / "tbx" / "memoq-export.tbx", tmp_path / "memoq.tbx")
    result = loaded("import", "memoq.tbx")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        'warning: memoq.tbx:29: 1 <descrip type="context"> element not kept: Tilmash has no field for them',
        "warning: memoq.tbx:17: 1 <transacGrp> element not kept: Tilmash has no field for them",
    ]
    assert result.stdout == "memoq.tbx: 2 concepts added, 0 changed, 0 unchanged; 5 terms added, 0 changed\n"


def test_bad_files_exit_2_with_one_line_per_problem_and_import_nothing(loaded, tmp_path):
    before = loaded("export", "--format", "csv").stdout
    shutil.copy(BAD / "invalid-language.csv", tmp_path / "langs.csv")
    shutil.copy(BAD / "billion-laughs.tbx", tmp_path / "laughs.tbx")
    shutil.copy(DATA / "tbx" / "tbx3-basic.tbx", tmp_path / "good.tbx")
    result = loaded("import", "good.tbx", "langs.csv", "laughs.tbx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: langs.csv:3: unknown language code 'english': 'english' is not a language in CLDR",
        "error: langs.csv:4: unknown language code 'xx': 'xx' is not a language in CLDR",
        "error: laughs.tbx:3: the file declares XML entities (lol); entity expansion is off for untrusted files, "
        "so it is refused (this is how billion-laughs and XXE attacks work)",
    ]
    assert loaded("export", "--format", "csv").stdout == before


def test_conflict_with_the_database_exits_2(loaded, tmp_path):
    (tmp_path / "conflict.csv").write_text("concept,lang,term,status\nfuzuli,en,Füzuli,preferred\n", encoding="utf-8")
    result = loaded("import", "conflict.csv")
    assert (result.exit_code, result.stderr) == (2, "error: conflict.csv:2: two preferred terms for concept 'fuzuli' in en: "
                                                 "'Fuzuli' (already in the glossary) and 'Füzuli'; a language has one preferred term\n")


def test_missing_file_and_memory_import_are_input_errors(loaded):
    assert loaded("import", "nope.csv").stderr == "error: nope.csv: cannot read file: No such file or directory\n"
    result = loaded("import", "--into", "memory", "x.tmx")
    assert (result.exit_code, result.stderr) == (2, "error: x.tmx: cannot read file: No such file or directory\n")


def test_export_csv_to_stdout_reads_back_as_the_same_glossary(loaded):
    result = loaded("export", "--format", "csv")
    assert result.exit_code == 0
    exported = FORMATS["csv"].read(result.stdout_bytes, "stdout.csv")
    assert exported.normalized() == read_glossary_file(FOUR_LANGUAGES).normalized()


@pytest.mark.parametrize("version", ["2008", "3"])
def test_export_tbx_to_a_file_writes_valid_tbx(loaded, tmp_path, version):
    result = loaded("export", "-o", "out.tbx", "--tbx-version", version)
    assert (result.exit_code, result.stderr) == (0, "out.tbx: 6 concepts\n")
    written = (tmp_path / "out.tbx").read_bytes()
    assert tbx_errors(written) == []
    assert "<note>tilmash-valid: 2019-03-20/2022-09-17</note>" in written.decode()  # a validity period


def test_export_to_an_unwritable_place_exits_2(loaded):
    result = loaded("export", "-o", "no/such/folder/out.csv")
    assert (result.exit_code, result.stderr) == (2, "error: no/such/folder/out.csv: cannot write: No such file or directory\n")


@pytest.mark.parametrize("query", ["fizuli", "FÜZULİ", "Физули", "füzul", "  Fuzuli "])
def test_search_finds_a_concept_from_any_form_case_diacritics_and_script(loaded, query):
    result = loaded("terms", "search", query, "--format", "json")
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)["concepts"]] == ["fuzuli"]


def test_search_text_output(loaded):
    result = loaded("terms", "search", "Токаев")
    assert result.stdout == (
        "kassym-jomart-tokayev  (person)\n"
        "  en     Kassym-Jomart Tokayev             preferred\n"
        "         Kassym-Jomart Kemelevich Tokayev  admitted\n"
        "         Kassym-Jomart Kemelovich Tokayev  deprecated\n"
        "  az     Qasım-Jomart Tokayev              preferred\n"
        "         Kasım-Jomart Tokayev              admitted\n"
        "  kk     Қасым-Жомарт Тоқаев               preferred\n"
        "         Касым-Жомарт Токаев               deprecated\n"
        "  ru     Касым-Жомарт Токаев               preferred\n"
    )


def test_search_in_a_house_style_shows_that_styles_statuses(loaded):
    result = loaded("terms", "search", "zangezur", "--style", "az-official", "--format", "json")
    [concept] = json.loads(result.stdout)["concepts"]
    english = [(t["text"], t["status"]) for t in concept["terms"] if t["lang"] == "en"]
    assert english == [("Zangazur corridor", "preferred"), ("Zangezur corridor", "deprecated")]


def test_search_without_match_says_so(loaded):
    result = loaded("terms", "search", "Reykjavik")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no concept has a form like 'Reykjavik'\n")


def test_unknown_style_exits_2(loaded):
    result = loaded("terms", "search", "fuzuli", "--style", "tass")
    assert (result.exit_code, result.stderr) == (2, "error: unknown style 'tass'; this glossary has: az-official\n")


def test_show_lists_the_history_of_a_concept_as_a_diff(loaded, tmp_path):
    (tmp_path / "change.csv").write_text("concept,lang,term,status,note\nalmaty,en,Alma-Ata,deprecated,Soviet spelling\n",
                                         encoding="utf-8")
    assert loaded("--user", "dana", "import", "change.csv").exit_code == 0
    result = loaded("terms", "show", "almaty", "--history")
    assert result.exit_code == 0
    assert "  en Alma-Ata: note: Soviet spelling" in result.stdout
    history = result.stdout.split("history:\n", 1)[1].splitlines()
    assert history[0].endswith("  tester") and history[1] == "    + concept almaty: subject field place"
    assert "    + term en 'Alma-Ata': status superseded; part of speech noun; note 'name until 1993'" in history
    assert "    + period of en 'Alma-Ata': /1993" in history
    assert history[-2:][0].endswith("  dana")
    assert history[-1] == "    ~ term en 'Alma-Ata': status superseded -> deprecated; note 'name until 1993' -> 'Soviet spelling'"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param("Fuzuli", "no concept with id 'Fuzuli'; did you mean fuzuli? 'tilmash terms search Fuzuli' finds "
                     "concepts by any of their forms", id="id-in-another-letter-case"),
        pytest.param("Физули", "no concept with id 'Физули'; did you mean fuzuli? 'tilmash terms search Физули' finds "
                     "concepts by any of their forms", id="a-form-not-an-id"),
        pytest.param("Reykjavik", "no concept with id 'Reykjavik'; 'tilmash terms search Reykjavik' finds concepts by any "
                     "of their forms", id="nothing-like-it"),
    ],
)
def test_show_of_an_unknown_id_hints_at_the_id_and_at_search(loaded, query, message):
    result = loaded("terms", "show", query)
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")


def test_show_gives_each_terms_validity_periods(loaded):
    result = loaded("terms", "show", "astana")
    assert result.stdout.splitlines()[:8] == [
        "astana  (place)",
        "  en     Astana      preferred   1998-05-06 to 2019-03-19, since 2022-09-17",
        "         Akmola      superseded  1992 to 1998-05-05",
        "         Nur-Sultan  superseded  2019-03-20 to 2022-09-17",
        "  kk     Астана      preferred   1998-05-06 to 2019-03-19, since 2022-09-17",
        "         Нұр-Сұлтан  superseded  2019-03-20 to 2022-09-17",
        "  ru     Астана      preferred   1998-05-06 to 2019-03-19, since 2022-09-17",
        "         Нур-Султан  superseded  2019-03-20 to 2022-09-17",
    ]
    found = json.loads(loaded("terms", "search", "Nur-Sultan", "--format", "json").stdout)["concepts"][0]["terms"]
    assert [t["valid"] for t in found if t["lang"] == "en"] == [["1998-05-06/2019-03-19", "2022-09-17/"], ["1992/1998-05-05"],
                                                                 ["2019-03-20/2022-09-17"]]


def test_bad_database_url_exits_2(invoke):
    result = invoke("--db", "nosuchdb://x", "terms", "search", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot use database URL nosuchdb://x")


def test_unreachable_database_exits_2_with_one_line(invoke):
    result = invoke("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "terms", "search", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot open database postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.stderr.count("\n") == 1


def test_init_twice_loads_nothing_the_second_time(invoke):
    concepts = len(bundled_glossary().concepts)
    first = invoke("init")
    assert first.exit_code == 0 and f"created with the bundled glossary: {concepts} concepts" in first.stdout
    second = invoke("init")
    assert (second.exit_code, second.stdout.split(": ", 1)[1]) == (0, f"up to date, {concepts} concepts already there; nothing loaded\n")


def _rows(database) -> dict[str, list[tuple]]:
    """Every table's rows, without the time of day they were written."""
    with database.engine.connect() as connection:
        return {table.name: sorted((tuple(value for value in row if not isinstance(value, datetime))
                                    for row in connection.execute(table.select())), key=repr)
                for table in Base.metadata.sorted_tables}


def test_the_tests_bundled_copy_holds_what_init_leaves(invoke, database_url, bundled_template, tmp_path):
    """The fixtures that start from a glossary `init` loaded take a copy of one made once (bundled_url)."""
    assert invoke("init").exit_code == 0
    initialised = Database(database_url)
    (tmp_path / "copy").mkdir()
    with fresh_database_url(tmp_path / "copy") as url:
        copy = bundled_template.make(url)
        assert _rows(copy) == _rows(initialised) and _rows(copy)["terms"]
        copy.dispose()
    initialised.dispose()


def test_init_on_a_fresh_machine_creates_the_data_folder(tmp_path, monkeypatch):
    """No ~/.local/share yet, no TILMASH_DATABASE_URL, no XDG_DATA_HOME: a newcomer's first command."""
    from click.testing import CliRunner

    from tilmash.cli import cli

    for variable in ("TILMASH_DATABASE_URL", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", "--empty"])
    database = tmp_path / "home" / ".local" / "share" / "tilmash" / "tilmash.db"
    assert (result.exit_code, result.stdout) == (0, f"sqlite:///{database}: created, empty\n")
    assert CliRunner().invoke(cli, ["terms", "search", "Fuzuli"]).stderr == "no concept has a form like 'Fuzuli'\n"


def test_import_refuses_a_fifo(loaded, tmp_path):
    os.mkfifo(tmp_path / "terms.csv")
    result = loaded("import", "terms.csv")
    assert (result.exit_code, result.stderr) == (2, "error: terms.csv: is a FIFO, not a regular file\n")


