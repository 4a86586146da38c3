"""`tilmash qa` from the command line, on the database (SQLite or PostgreSQL): catalogues, versions, formats,
exit codes, bad input."""

import json
import shutil

import jsonschema
import pytest

from .conftest import DATA
from .support.schemas import sarif_schema

QA = DATA / "qa"


@pytest.fixture
def qa(invoke, database, tmp_path):
    """`tilmash` on a database holding the QA set's glossary, run in a folder with the set's files."""
    shutil.copytree(QA, tmp_path / "qa")
    assert invoke("import", "qa/glossary.csv").exit_code == 0
    return invoke


def test_a_catalogue_from_the_database_glossary(qa):
    result = qa("qa", "qa/catalogues/cms.kk.po")
    assert result.exit_code == 1
    assert result.stdout == (
        "qa/catalogues/cms.kk.po:10:9: warning term.deprecated: 'Токаев' is a deprecated form; write 'Тоқаев' "
        "(Russian spelling leaking into Kazakh text) -> Тоқаев\n"
        "qa/catalogues/cms.kk.po:13:9: warning term.mismatch: the source names 'Kuryk'; the translation does not name "
        "it in any form: the Kazakh form is 'Құрық'\n"
        "qa/catalogues/cms.kk.po:33:9: error qa.placeholders: the source's placeholder '%s' is missing\n"
    )
    assert result.stderr == ""


def test_json_findings_point_at_the_translation_in_the_file(qa, tmp_path):
    result = qa("qa", "--format", "json", "qa/catalogues/cms.ru.po")
    findings = json.loads(result.stdout)
    text = (tmp_path / "qa/catalogues/cms.ru.po").read_text(encoding="utf-8")
    lines = text.splitlines()
    for finding in findings:
        assert text[finding["start"]:finding["end"]].startswith(finding["found"][:1] or '"')
        assert lines[finding["line"] - 1][finding["column"] - 1] == text[finding["start"]]
    mixed = next(f for f in findings if f["rule"] == "text.mixed-script")
    assert (mixed["line"], mixed["column"], mixed["found"], mixed["suggestion"]) == (64, 13, "Бaку", "Баку")


def test_sarif_is_valid(qa):
    result = qa("qa", "--format", "sarif", "qa/catalogues/cms.az.po", "qa/catalogues/cms.ru.po")
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, sarif_schema())
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert rules == {"term.deprecated", "term.mismatch", "qa.numbers", "qa.placeholders", "qa.tags", "text.mixed-script"}


def test_a_clean_catalogue_exits_0(qa, tmp_path):
    (tmp_path / "clean.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Talks in Shusha on 14 October"\n'
                                       'msgstr "Переговоры в Шуше 14 октября"\n', encoding="utf-8")
    result = qa("qa", "clean.po")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(("args", "exit_code", "rules"), [
    pytest.param(("--select", "qa"), 1, {"qa.numbers", "qa.placeholders", "qa.tags"}, id="select-qa"),
    pytest.param(("--ignore", "term", "--ignore", "text"), 1, {"qa.numbers", "qa.placeholders", "qa.tags"}, id="ignore"),
    pytest.param(("--select", "qa.numbers", "--fail-on", "error"), 0, {"qa.numbers"}, id="fail-on-error"),
])
def test_rules_and_exit_codes(qa, args, exit_code, rules):
    result = qa("qa", "--format", "json", *args, "qa/catalogues/cms.ru.po")
    assert result.exit_code == exit_code
    assert {f["rule"] for f in json.loads(result.stdout)} == rules


def test_the_source_language_can_be_given(qa, tmp_path):
    (tmp_path / "az-ru.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Kurık limanı"\nmsgstr "Порт Актау"\n',
                                       encoding="utf-8")
    result = qa("qa", "--source", "az", "az-ru.po")
    assert "the source names 'Kurık'" in result.stdout


def test_versions_of_a_story(qa):
    paths = [f"qa/stories/ports/{lang}.txt" for lang in ("en", "az", "kk", "ru")]
    result = qa("qa", "--versions", *paths)
    assert result.exit_code == 1
    assert result.stdout == (
        "qa/stories/ports/az.txt:11:16: warning term.deprecated: 'Fizuli' is a deprecated form; the Azerbaijani form is "
        "'Füzuli' (Russian-based spelling) -> Füzuliyə\n"
        "qa/stories/ports/kk.txt:5:1: warning version.missing-name: the en, az and ru versions name 'Kuryk' here; this "
        "version does not name it in any form, nor anywhere else in this version: the Kazakh form is 'Құрық'\n"
        "qa/stories/ports/ru.txt:7:48: warning version.numbers: '510' where the other versions have '501' -> 501\n"
    )


def test_versions_languages_given_in_order(qa):
    result = qa("qa", "--versions", "--langs", "en,ru", "--format", "json",
                "qa/stories/summit/en.txt", "qa/stories/summit/ru.txt")
    assert [(f["path"], f["lang"], f["rule"]) for f in json.loads(result.stdout)] == [
        ("qa/stories/summit/en.txt", "en", "term.deprecated"),
        ("qa/stories/summit/ru.txt", "ru", "term.superseded"),
        ("qa/stories/summit/ru.txt", "ru", "version.numbers"),
    ]


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(("--versions", "qa/stories/ports/en.txt"),
                 "error: --versions compares two or more versions of one story; give at least two files", id="one-version"),
    pytest.param(("--versions", "qa/stories/ports/en.txt", "qa/stories/summit/en.txt"),
                 "error: qa/stories/ports/en.txt and qa/stories/summit/en.txt are both in English: the versions of a story "
                 "are in different languages (give each one's language if it was not recognised)", id="one-language"),
    pytest.param(("--versions", "--langs", "en", "qa/stories/ports/en.txt", "qa/stories/ports/ru.txt"),
                 "error: --langs gives 1 languages for 2 files", id="langs-count"),
    pytest.param(("--versions", "--langs", "en,de", "qa/stories/ports/en.txt", "qa/stories/ports/ru.txt"),
                 "error: qa/stories/ports/ru.txt: language 'de' is not one of en, az, kk, ru", id="langs-unknown"),
    pytest.param(("--versions", "qa/stories/ports/en.txt", "missing.txt"),
                 "error: missing.txt: cannot read file: No such file or directory", id="missing-version"),
    pytest.param(("--source", "xx", "qa/catalogues/cms.ru.po"),
                 "error: unknown language code 'xx': 'xx' is not a language in CLDR", id="bad-source-language"),
    pytest.param(("--select", "lint.nothing", "qa/catalogues/cms.ru.po"),
                 "error: unknown rule id or prefix: lint.nothing", id="unknown-rule"),
    pytest.param(("--select", "version", "qa/catalogues/cms.ru.po"),
                 "error: unknown rule id or prefix: version", id="version-rules-go-with-versions"),
    pytest.param(("qa/bad/unclosed-string.po",),
                 "error: qa/bad/unclosed-string.po:7: a string is not closed, or has an unescaped '\"' inside "
                 "(write \\\" for a quote)", id="bad-catalogue"),
    pytest.param(("qa/stories/ports/en.txt",),
                 "error: qa/stories/ports/en.txt: not a bilingual file QA reads (expected .po, .tmx)", id="not-a-catalogue"),
    pytest.param(("qa/catalogues/broken.tmx",),
                 "error: qa/catalogues/broken.tmx:13: broken XML: the file ends before <tu> (line 8) is closed: is it truncated?",
                 id="bad-memory"),
    pytest.param(("--source", "kk", "qa/catalogues/newsroom.tmx"),
                 "error: qa/catalogues/newsroom.tmx:19: 3 units without a variant in the source language kk (the first here)", id="no-source-variant"),
])
def test_bad_input_is_one_line_and_exit_2(qa, tmp_path, args, message):
    (tmp_path / "qa" / "catalogues" / "broken.tmx").write_text(
        "".join((QA / "catalogues" / "newsroom.tmx").read_text(encoding="utf-8").splitlines(keepends=True)[:12]), encoding="utf-8")
    result = qa("qa", *args)
    assert (result.exit_code, result.stderr.strip()) == (2, message)


def test_a_memory_refused_at_its_end_reports_nothing_of_its_units(qa, tmp_path):
    """A memory is checked as it is read: a problem found at the end still leaves no finding of it in the report."""
    unit = ('<tu><tuv xml:lang="en"><seg>501 wagons reached Baku.</seg></tuv>'
            '<tuv xml:lang="ru"><seg>510 вагонов прибыли в Баку.</seg></tuv></tu>\n')
    (tmp_path / "big.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n' + unit * 400, encoding="utf-8")
    result = qa("qa", "big.tmx", "qa/catalogues/cms.az.po")
    assert result.exit_code == 2
    assert result.stderr == "error: big.tmx:403: broken XML: the file ends before <body> (line 2) is closed: is it truncated?\n"
    assert len(result.stdout.splitlines()) == 3 and "big.tmx" not in result.stdout


def test_other_catalogues_are_still_checked_after_a_bad_one(qa):
    result = qa("qa", "qa/bad/duplicate.po", "qa/catalogues/cms.az.po")
    assert result.exit_code == 2
    assert result.stderr == "error: qa/bad/duplicate.po:9: duplicate entry: msgid 'Baku' is already at line 6\n"
    assert len(result.stdout.splitlines()) == 3


def test_a_tmx_memory(qa):
    result = qa("qa", "--format", "json", "qa/catalogues/newsroom.tmx")
    assert result.exit_code == 1
    assert [(f["line"], f["column"], f["lang"], f["rule"], f["found"]) for f in json.loads(result.stdout)] == [
        (16, 34, "kk", "term.mismatch", "Ақтау порттарынан жүк 3,4 млн тоннаға өсті."),
        (21, 34, "az", "qa.numbers", "510"),
        (27, 34, "kk", "qa.placeholders", "%(city)s қаласына қош келдіңіз!"),
        (31, 47, "ru", "qa.tags", '<bpt i="1">&lt;i&gt;</bpt>'),
        (32, 34, "az", "qa.tags", "Danışıqlar Naxçıvanda başa çatıb."),
        (32, 34, "az", "qa.tags", "Danışıqlar Naxçıvanda başa çatıb."),
        (36, 34, "az", "term.deprecated", "Fizulidə"),
        (37, 34, "ru", "qa.tags", "В Физули открылась новая школа."),
    ]


def test_the_source_of_a_tmx_memory_can_be_given(qa, tmp_path):
    (tmp_path / "ru-en.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n'
        '<tu><tuv xml:lang="en"><seg>Talks in Astana</seg></tuv><tuv xml:lang="ru"><seg>Переговоры в Курыке</seg></tuv></tu>\n'
        '</body></tmx>\n', encoding="utf-8")
    result = qa("qa", "--source", "ru", "ru-en.tmx")
    assert result.stdout.startswith("ru-en.tmx:3:29: warning term.mismatch: the source names 'Курыке'")
