"""Every formatter renders one fixed list of findings; the outputs are pinned in tests/golden."""

import json
import os
from pathlib import Path

import jsonschema
import pytest

from glossary.lint.findings import Finding, Severity
from glossary.lint.formatters import FORMATTERS, format_sarif
from glossary.lint.rules import RULES

from ..support.schemas import sarif_schema

GOLDEN = Path(__file__).parents[1] / "golden"

FINDINGS = [
    Finding("drafts/fuzuli report.md", 120, 126, 4, 17, 4, 23, "term.deprecated", Severity.WARNING, "Fizuli", "Fuzuli",
            "fuzuli", "en", "deprecated", "'Fizuli' is a deprecated form; the English form is 'Fuzuli'", fixable=True),
    Finding("drafts/fuzuli report.md", 300, 309, 9, 1, 9, 10, "term.unknown-variant", Severity.INFO, "Zangezour", "Zangezur",
            "zangezur-corridor", "en", None, "not in the glossary, but one letter from 'Zangezur'"),
    Finding("-", 5, 13, 1, 6, 1, 14, "text.mixed-script", Severity.ERROR, "Тоқaевтың", None, None, "kk", None,
            "this word mixes Latin and Cyrillic letters: 'a' is Latin Small Letter A (U+0061)"),
]


def render(name):
    return format_sarif(FINDINGS, version="0.1.0") if name == "sarif" else FORMATTERS[name](FINDINGS)


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_formatter_output_matches_golden_file(name):
    path = GOLDEN / f"findings.{name}"
    if os.environ.get("TILMASH_UPDATE_GOLDEN"):
        path.write_text(render(name), encoding="utf-8")
    assert render(name) == path.read_text(encoding="utf-8")


def test_text_format_is_path_line_column_severity_rule_message_suggestion():
    first = FORMATTERS["text"](FINDINGS).splitlines()[0]
    assert first == ("drafts/fuzuli report.md:4:17: warning term.deprecated: "
                     "'Fizuli' is a deprecated form; the English form is 'Fuzuli' -> Fuzuli")


def test_json_is_the_contract_array():
    assert json.loads(FORMATTERS["json"](FINDINGS))[0] == {
        "path": "drafts/fuzuli report.md", "start": 120, "end": 126, "line": 4, "column": 17, "end_line": 4,
        "end_column": 23, "rule": "term.deprecated", "severity": "warning", "found": "Fizuli", "suggestion": "Fuzuli",
        "concept": "fuzuli", "lang": "en", "status": "deprecated",
        "message": "'Fizuli' is a deprecated form; the English form is 'Fuzuli'",
    }


def test_sarif_validates_against_the_sarif_2_1_0_schema():
    jsonschema.Draft4Validator(sarif_schema()).validate(json.loads(render("sarif")))


def test_sarif_describes_every_rule_and_carries_fixes():
    run = json.loads(render("sarif"))["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    first, _, third = run["results"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/fuzuli%20report.md"
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "Fuzuli"}
    assert (first["level"], third["level"]) == ("warning", "error")
    assert "fixes" not in third


def test_the_schema_check_catches_a_broken_sarif():
    broken = json.loads(render("sarif"))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema()).validate(broken)


TRICKY = [
    Finding("a \"quoted\" \\ path\\draft.md", 0, 6, 1, 1, 1, 7, "term.deprecated", Severity.WARNING, "Fi\"zu\\li",
            "Fu\tzuli\u2028", "fuzuli", "en", "deprecated", "control \x01 and \x7f and \u00e9 and \U0001f600", fixable=True),
    Finding("-", 3, 9, 2, 1, 3, 2, "term.superseded", Severity.INFO, "Alma-\nAta", "Almaty", "almaty", "ru", "superseded",
            "'Алма-Ата' is a former name", fixable=False),
    Finding("drafts/ü ß.html", 10, 12, 5, 3, 5, 5, "term.wrong-language", Severity.WARNING, "Füzuli", None, "fuzuli",
            "en", "preferred", "", fixable=True),
    Finding("x.txt", 1, 2, 1, 2, 1, 3, "text.mixed-script", Severity.ERROR, "ВаkІ", None, None, "kk-Latn", None, "m"),
]


@pytest.mark.parametrize("findings", [
    pytest.param(FINDINGS, id="golden-findings"),
    pytest.param(TRICKY, id="escapes-nulls-and-fixes"),
    pytest.param([], id="none"),
])
@pytest.mark.parametrize("name", ["json", "sarif"])
def test_json_and_sarif_are_exactly_what_json_dumps_writes(name, findings):
    """Written from templates for speed, they are character for character ``json.dumps(..., indent=2)``
    of their own content, and that content is the contract's (JSON) and the SARIF schema's."""
    output = format_sarif(findings, version="0.1.0") if name == "sarif" else FORMATTERS[name](findings)
    data = json.loads(output)
    assert output == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if name == "json":
        assert data == [f.to_json() for f in findings]
    else:
        jsonschema.Draft4Validator(sarif_schema()).validate(data)
        results = data["runs"][0]["results"]
        assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"], "fixes" in r)
                for r in results] == [(f.rule, f.found, f.fixable and f.suggestion is not None) for f in findings]
