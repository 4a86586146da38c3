"""`tilmash audit` on a small dated archive in four languages: counts, candidates, formats, bad input."""

import json
from collections import OrderedDict

import pytest

from glossary.lint import cache as lint_cache

from .archive import GLOSSARY, set_day, write_archive

# Every form of every name the archive writes (tests/audit/archive.py), as the CSV report lists them:
# most used names first in each language, most used forms first in each name.
ARCHIVE_CSV = """\
lang,concept,term,status,documents,occurrences,first,last
en,fuzuli,Fuzuli,preferred,2,3,2024-01-15,2024-03-20
en,fuzuli,Füzuli,wrong-language,1,2,2024-03-20,2024-03-20
en,fuzuli,Fizuli,deprecated,1,1,2024-01-15,2024-01-15
en,fuzuli,Karyagino,superseded,1,1,2024-01-15,2024-01-15
en,zangezur-corridor,Zangezour corridor,unknown,3,3,2024-01-15,2024-03-20
en,zangezur-corridor,Zangezur corridor,preferred,1,1,2024-02-03,2024-02-03
en,zangezur-corridor,Zangazur corridor,deprecated,1,1,2024-02-03,2024-02-03
en,nakhchivan,Nakhchyvan,unknown,2,2,2024-02-03,2024-03-20
en,nakhchivan,Nakhchivan,preferred,1,1,2024-02-03,2024-02-03
en,nakhchivan,Nakhichevan,deprecated,1,1,2024-02-03,2024-02-03
en,kassym-jomart-tokayev,Kassym-Jomart Tokayev,preferred,1,1,2024-03-20,2024-03-20
en,kassym-jomart-tokayev,Tokayev,admitted,1,1,2024-01-15,2024-01-15
en,kassym-jomart-tokayev,Kassym-Jomart Kemelovich Tokayev,deprecated,1,1,2024-03-20,2024-03-20
az,fuzuli,Füzuli,preferred,1,1,2024-01-20,2024-01-20
az,fuzuli,Fizuli,deprecated,1,1,2024-01-20,2024-01-20
az,kassym-jomart-tokayev,Tokayev,admitted,1,1,2024-01-20,2024-01-20
az,nakhchivan,Naxçıvan,preferred,1,1,2024-01-20,2024-01-20
az,zangezur-corridor,Zəngəzur dəhlizi,preferred,1,1,2024-01-20,2024-01-20
kk,kassym-jomart-tokayev,Тоқаев,admitted,1,1,2024-02-10,2024-02-10
kk,kassym-jomart-tokayev,Токаев,deprecated,1,1,2024-02-10,2024-02-10
kk,fuzuli,Физули,preferred,1,1,2024-02-10,2024-02-10
kk,nakhchivan,Нахичеван,preferred,1,1,2024-02-10,2024-02-10
kk,zangezur-corridor,Зангезур дәлізі,preferred,1,1,2024-02-10,2024-02-10
ru,kassym-jomart-tokayev,Касым-Жомарт Токаев,preferred,1,1,2024-03-05,2024-03-05
ru,kassym-jomart-tokayev,Токаев,admitted,1,1,2024-03-05,2024-03-05
ru,fuzuli,Физули,preferred,1,1,2024-03-05,2024-03-05
ru,nakhchivan,Нахчыван,admitted,1,1,2024-03-05,2024-03-05
ru,zangezur-corridor,Зангезурский коридор,preferred,1,1,2024-03-05,2024-03-05
"""

SUGGESTED_TERMS = """\
concept,lang,term,status,style,case,part_of_speech,note,source,valid,subject_field,definition,concept_note
nakhchivan,en,Nakhchyvan,deprecated,,,,"unknown variant found by tilmash audit 2 times in 2 documents, 2024-02-03 to 2024-03-20; examples: archive/en/2024-02-03-corridor.md:8: Officials in Nakhichevan and Nakhchyvan welcomed it.; archive/en/2024-03-20-visit.html:3: …spoke of the Zangezour corridor and of Nakhchyvan.",,,,,
zangezur-corridor,en,Zangezour corridor,deprecated,,,,"unknown variant found by tilmash audit 3 times in 3 documents, 2024-01-15 to 2024-03-20; examples: archive/en/2024-01-15-fuzuli.txt:3: …until 1959, was rebuilt after 2020; the Zangezour corridor will pass near Fuzuli.; archive/en/2024-02-03-corridor.md:6: The Zangezour corridor and the Zangazur corridor are one…",,,,,
"""


@pytest.fixture
def archive(tmp_path):
    return write_archive(tmp_path / "archive")


@pytest.fixture
def audit(invoke, archive):
    """audit("--format", "json") -> the CLI's result on the archive, against the test glossary."""

    def run(*args: str, paths: tuple[str, ...] = ("archive",)):
        return invoke("audit", "--glossary", str(GLOSSARY), *args, *paths)

    return run


def test_every_form_of_every_name_counted_per_language(audit):
    result = audit("--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "audited 6 documents\n")
    assert result.stdout == ARCHIVE_CSV


def test_json_report_has_months_candidates_and_the_documents_with_most_findings(audit):
    report = json.loads(audit("--format", "json").stdout)
    assert {k: report[k] for k in ("documents", "first", "last", "undated", "findings", "unreadable")} == {
        "documents": 6, "first": "2024-01-15", "last": "2024-03-20", "undated": 0, "findings": 13, "unreadable": 0}
    english = report["languages"][0]
    assert [lang["lang"] for lang in report["languages"]] == ["en", "az", "kk", "ru"]
    corridor = next(c for c in english["concepts"] if c["concept"] == "zangezur-corridor")
    assert (corridor["documents"], corridor["occurrences"]) == (3, 5)
    assert {f["term"]: f["months"] for f in corridor["forms"]} == {
        "Zangezour corridor": {"2024-01": 1, "2024-02": 1, "2024-03": 1},
        "Zangezur corridor": {"2024-02": 1},  # the Markdown title
        "Zangazur corridor": {"2024-02": 1},
    }
    assert [(c["term"], c["occurrences"]) for c in report["candidates"]] == [("Zangezour corridor", 3)]
    assert report["candidates"][0]["examples"][1] == {
        "path": "archive/en/2024-02-03-corridor.md", "line": 6,
        "text": "The Zangezour corridor and the Zangazur corridor are one…"}
    assert [(d["path"], d["findings"]) for d in report["most_findings"]] == [
        ("archive/en/2024-03-20-visit.html", 5), ("archive/en/2024-02-03-corridor.md", 4),
        ("archive/en/2024-01-15-fuzuli.txt", 2), ("archive/az/2024-01-20.txt", 1), ("archive/kk/2024-02-10.txt", 1)]


def test_text_report_lists_each_name_with_its_forms(audit):
    lines = audit().stdout.splitlines()
    assert lines[0] == "6 documents dated 2024-01-15 to 2024-03-20, 13 findings"
    assert lines[2:8] == [
        "English",
        "  fuzuli: 7 times in 2 documents",
        "    Fuzuli     preferred           3   43%     2 documents  2024-01 to 2024-03",
        "    Füzuli     wrong-language      2   29%      1 document  2024-03",
        "    Fizuli     deprecated          1   14%      1 document  2024-01",
        "    Karyagino  superseded          1   14%      1 document  2024-01",
    ]
    assert "Unknown variants seen 3 times or more (--suggest-terms writes them for the glossary)" in lines


def test_since_leaves_out_older_documents(audit):
    report = json.loads(audit("--format", "json", "--since", "2024-02-10").stdout)
    assert (report["documents"], report["before_since"], report["first"]) == (3, 3, "2024-02-10")
    assert [lang["lang"] for lang in report["languages"]] == ["en", "kk", "ru"]


def test_suggested_terms_in_the_glossary_format_import_and_then_lint_as_deprecated(audit, invoke, tmp_path):
    result = audit("--min-count", "2", "--suggest-terms", "suggested.csv", "-o", "report.json", "--format", "json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "suggested.csv").read_text(encoding="utf-8") == SUGGESTED_TERMS
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"] == 6
    assert invoke("init", "--empty").exit_code == 0
    assert invoke("import", str(GLOSSARY), "suggested.csv").exit_code == 0
    lint = invoke("lint", "--format", "json", "archive/en/2024-01-15-fuzuli.txt")
    variant = next(f for f in json.loads(lint.stdout) if f["found"] == "Zangezour corridor")
    assert (variant["rule"], variant["suggestion"]) == ("term.deprecated", "Zangezur corridor")
    assert variant["message"].startswith("'Zangezour corridor' is a deprecated form; the English form is 'Zangezur corridor' "
                                         "(unknown variant found by tilmash audit 3 times in 3 documents")


def test_against_the_database_glossary_and_its_styles(invoke, archive):
    assert invoke("init", "--empty").exit_code == 0
    assert invoke("import", str(GLOSSARY)).exit_code == 0
    from_database = invoke("audit", "--format", "csv", "archive")
    assert (from_database.exit_code, from_database.stdout) == (0, ARCHIVE_CSV)
    unknown = invoke("audit", "--style", "no-such-style", "archive")
    assert (unknown.exit_code, unknown.stderr) == (2, "error: unknown style 'no-such-style'; this glossary has: none\n")


@pytest.mark.parametrize("args, message", [
    pytest.param(("-",), "error: audit reads files and folders, not standard input\n", id="stdin"),
    pytest.param(("--since", "2024-13-01", "archive"), None, id="bad-date"),
    pytest.param(("--glossary", "missing.csv", "archive"), "error: missing.csv: cannot read glossary: No such file or directory\n",
                 id="missing-glossary"),
])
def test_bad_usage_exits_2(invoke, archive, args, message):
    result = invoke("audit", *args)
    assert result.exit_code == 2
    if message is not None:
        assert result.stderr == message
    else:
        assert "'2024-13-01' does not match the format '%Y-%m-%d'" in result.stderr


def test_unreadable_documents_are_named_and_the_others_counted(audit, archive):
    (archive / "en" / "broken.txt").write_bytes(b"Fizuli \xff\xfe in Latin-1\n")
    (archive / "en" / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = audit("--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: archive/en/broken.txt:1: not valid UTF-8 (byte 0xff); save the file as UTF-8",
        "error: archive/en/image.html: not a text file (binary data)",
        "audited 6 documents",
    ]
    assert json.loads(result.stdout)["unreadable"] == 2


def test_the_report_replaces_the_output_file(audit, archive, tmp_path):
    (tmp_path / "report.csv").write_text("the previous report\n", encoding="utf-8")
    result = audit("--format", "csv", "-o", "no-such-folder/report.csv")
    assert (result.exit_code, result.stderr) == (2, "error: no-such-folder/report.csv: cannot write: No such file or directory\n")
    assert audit("--format", "csv", "-o", "report.csv").exit_code == 0
    assert (tmp_path / "report.csv").read_text(encoding="utf-8") == ARCHIVE_CSV


def test_a_document_is_filed_under_its_day(audit, archive):
    set_day(archive / "ru" / "2024-03-05.txt", "2023-12-31")
    report = json.loads(audit("--format", "json").stdout)
    assert report["first"] == "2023-12-31"
    russian = report["languages"][-1]
    assert {f["term"]: f["months"] for c in russian["concepts"] for f in c["forms"]}["Физули"] == {"2023-12": 1}


def test_with_the_cache_an_unchanged_archive_gets_the_report_kept_and_a_changed_one_a_new_report(audit, archive, tmp_path):
    """--cache: with no file changed, the report is the one kept last time for that format and --min-count;
    a file edited in place (the same size) or a new file makes a new one: each the report without the cache."""
    cache = ("--cache", str(tmp_path / "cache"))
    reports = {}
    for args in (("--format", "json"), ("--format", "csv"), ("--format", "json", "--min-count", "1")):
        reports[args] = audit(*args).stdout
        assert audit(*args, *cache).stdout == reports[args]
        again = audit(*args, *cache)
        assert (again.exit_code, again.stdout, again.stderr) == (0, reports[args], "audited 6 documents (6 from the cache)\n")
    assert len(set(reports.values())) == 3
    suggested = audit("--format", "json", "--min-count", "2", "--suggest-terms", "suggested.csv", *cache)
    assert (tmp_path / "suggested.csv").read_text(encoding="utf-8") == SUGGESTED_TERMS  # written, kept report or not
    edited = archive / "ru" / "2024-03-05.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("посетил Физули", "посетил Фузули"), encoding="utf-8")  # as many bytes
    assert edited.stat().st_size == len(text.encode("utf-8"))
    (archive / "en" / "2024-04-01.txt").write_text("Fizuli again.\n", encoding="utf-8")
    for (args, before), from_cache in zip(reports.items(), (5, 7, 7)):  # the two changed, read by the first
        now = audit(*args, *cache)
        assert now.stdout == audit(*args).stdout != before
        assert now.stderr == f"audited 7 documents ({from_cache} from the cache)\n"
    assert suggested.exit_code == 0


def test_an_unchanged_archive_is_reported_without_loading_the_glossary(audit, tmp_path, monkeypatch):
    """With no file changed, the report kept is found under the compiled glossary's key alone: the
    compiled glossary is neither loaded nor compiled (a tenth of such a run's time)."""
    cache = ("--cache", str(tmp_path / "cache"))
    first = audit("--format", "json", *cache)

    def loaded(*args):
        raise AssertionError("the compiled glossary was loaded")

    monkeypatch.setattr(lint_cache, "_MEMORY", OrderedDict())
    monkeypatch.setattr(lint_cache, "_load", loaded)
    again = audit("--format", "json", *cache)
    assert (again.exit_code, again.stdout) == (0, first.stdout)


def test_a_damaged_kept_report_is_made_again(audit, tmp_path):
    """The report kept is a file beside the cache's database: cut short, it is not given but made again."""
    cache = ("--cache", str(tmp_path / "cache"))
    first = audit("--format", "json", *cache)
    kept, = (tmp_path / "cache").glob("tilmash-audit-output-*")
    kept.write_bytes(kept.read_bytes()[:-10])
    again = audit("--format", "json", *cache)
    assert (again.exit_code, again.stdout) == (0, first.stdout)
    assert kept.read_bytes().endswith(first.stdout.encode())
