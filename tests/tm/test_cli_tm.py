"""`tilmash import` / `export --format tmx` / `tm search|concordance|stats`: exact output and exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from lxml import etree

from .conftest import AGENCY, BAD_MEMORY, TM_DATA
from .test_tmx import TMX_DTD


@pytest.fixture
def loaded(invoke, bundled_url, tmp_path):
    """The database with the bundled glossary (as `init` leaves it) and agency.tmx imported."""
    shutil.copy(AGENCY, tmp_path / "agency.tmx")
    result = invoke("import", "agency.tmx")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "agency.tmx: 5 units added, 0 merged, 0 skipped\n", "")
    return invoke


def test_import_of_a_po_file_into_the_memory(invoke, tmp_path):
    assert invoke("init", "--empty").exit_code == 0
    shutil.copy(TM_DATA / "desk.po", tmp_path / "desk.po")
    result = invoke("import", "--into", "memory", "desk.po")
    assert (result.exit_code, result.stdout) == (0, "desk.po: 2 units added, 0 merged, 3 skipped (1 fuzzy, 1 obsolete, 1 untranslated)\n")


def test_glossary_and_memory_files_in_one_import(invoke, tmp_path):
    shutil.copy(AGENCY, tmp_path / "agency.tmx")
    shutil.copy(TM_DATA.parent / "glossary" / "four-languages.csv", tmp_path / "four.csv")
    assert invoke("init", "--empty").exit_code == 0
    result = invoke("import", "four.csv", "agency.tmx")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "agency.tmx: 5 units added, 0 merged, 0 skipped"


@pytest.mark.parametrize("name", sorted(p.name for p in BAD_MEMORY.iterdir()))
def test_bad_memory_files_exit_2_with_one_line_and_import_nothing(loaded, tmp_path, name):
    shutil.copy(BAD_MEMORY / name, tmp_path / name)
    shutil.copy(TM_DATA / "desk.po", tmp_path / "desk.po")
    result = loaded("import", "--into", "memory", "desk.po", name)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {name}:")
    assert json.loads(loaded("tm", "stats", "--format", "json").stdout)["units"] == 5


def test_search_text_output_with_the_repaired_target(loaded):
    result = loaded("tm", "search", "--target", "ru", "The talks in Baku focused on the Middle Corridor.")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        " 88.9  #4  agency.tmx\n"
        "  en-US: The talks in Astana focused on the Middle Corridor.\n"
        "  ru-RU: Переговоры в Астане были посвящены Среднему коридору.\n"
        "  repaired: Переговоры в Баку были посвящены Среднему коридору.  (Астане -> Баку)\n"
        "  differs: Baku / Astana\n")


def test_search_json_follows_the_contract(loaded):
    result = loaded("tm", "search", "--source", "en", "--target", "kk", "--format", "json", "The talks in Baku focused on the Middle Corridor.")
    [match] = json.loads(result.stdout)
    assert {k: match[k] for k in ("id", "score", "source_lang", "target_lang", "origin", "repaired_target")} == {
        "id": 4, "score": 88.9, "source_lang": "en-US", "target_lang": "kk-KZ", "origin": "agency.tmx",
        "repaired_target": "Бакудегі келіссөздер Орта дәлізге арналды."}
    assert match["diff"] == [{"kind": "replace", "query": "Baku", "source": "Astana", "query_start": 13, "query_end": 17,
                              "source_start": 13, "source_end": 19}]
    assert [(r["kind"], r["found"], r["replacement"], r["concept"]) for r in match["repairs"]] == [("name", "Астанадағы", "Бакудегі", "baku")]


def test_search_batch_gives_one_json_array_per_line(loaded, tmp_path):
    (tmp_path / "queries.txt").write_text("A new school opened in Fuzuli.\n\nOil exports grew.\n", encoding="utf-8")
    result = loaded("tm", "search", "--source", "en", "--target", "az", "--batch", "queries.txt")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [[m["target"] for m in found] for found in lines] == [["Füzulidə yeni məktəb açılıb."], [], []]


def test_search_asks_for_the_target_when_the_memory_has_several_languages(loaded):
    result = loaded("tm", "search", "Baku")
    assert (result.exit_code, result.stderr) == (2, "error: say which language to translate into with --target (the memory has: az, kk, ru)\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--target", "xx", "Baku"], "error: unknown language code 'xx': 'xx' is not a language in CLDR\n", id="unknown-language"),
        pytest.param(["--target", "ru", " "], "error: nothing to search for: the text is empty\n", id="empty"),
        pytest.param(["--target", "ru"], "error: give the text to search for, or --batch FILE (not both)\n", id="no-text"),
    ],
)
def test_search_bad_usage_exits_2(loaded, args, message):
    result = loaded("tm", "search", *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_concordance_marks_the_phrase(loaded):
    result = loaded("tm", "concordance", "Füzuli")
    assert result.exit_code == 0
    assert result.stdout == "#5  en-US: A new school opened in **Fuzuli**.\n    az-Latn-AZ: Füzulidə yeni məktəb açılıb.\n"


def test_concordance_json(loaded):
    [occurrence] = json.loads(loaded("tm", "concordance", "--lang", "az", "--format", "json", "fuzuli").stdout)
    assert occurrence == {"id": 5, "lang": "az-Latn-AZ", "text": "Füzulidə yeni məktəb açılıb.", "marks": [[0, 8]],
                          "translations": [{"lang": "en-US", "text": "A new school opened in Fuzuli."}], "origin": "agency.tmx"}


def test_stats(loaded):
    result = loaded("tm", "stats")
    assert result.stdout == ("5 units\nlanguage pairs:\n"
                             "  en-ru                   4\n  en-az                   2\n  en-kk                   2\n"
                             "  kk-ru                   2\n  az-ru                   1\n"
                             "origins:\n  agency.tmx            5\n")


def test_export_tmx_to_a_file_validates_and_reads_back(loaded, tmp_path):
    result = loaded("export", "-o", "memory.tmx")
    assert (result.exit_code, result.stderr) == (0, "memory.tmx: 5 units\n")
    document = etree.parse(str(tmp_path / "memory.tmx"))
    assert TMX_DTD.validate(document), TMX_DTD.error_log.filter_from_errors()
    assert loaded("import", "memory.tmx").stdout == "memory.tmx: 0 units added, 5 merged, 0 skipped\n"


def test_export_tmx_of_one_pair_and_origin_to_standard_output(loaded):
    result = loaded("export", "--format", "tmx", "--source", "en", "--target", "kk", "--origin", "agency.tmx")
    document = etree.fromstring(result.stdout_bytes)
    assert document.find("header").get("srclang") == "en"
    assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in document.iter("tuv")] == ["en-US", "kk-KZ"] * 2
    assert [p.text for p in document.find("header").iter("prop")] == ["news"]


def test_export_with_only_a_source_is_refused(loaded):
    result = loaded("export", "--format", "tmx", "--source", "en")
    assert (result.exit_code, result.stderr) == (2, "error: give both --source and --target, or neither\n")
