"""What the engine gives beside the findings: each name as a glossary term, and the accepted forms used."""

import pytest

from glossary.formats import read_glossary_file
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher

from ..conftest import CORPUS, DATA

LINT_GLOSSARY = read_glossary_file(DATA / "lint" / "glossary.csv")
WITHOUT_SHORTCUTS = Matcher(LINT_GLOSSARY, shortcuts=False)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Fizulidə yeni məktəb açılıb.", [("term.deprecated", "Fizulidə", "Fizuli")], id="az-suffix"),
    pytest.param("Визит Касыма-Жомарта Кемеловича Токаева в Баку.",
                 [("term.deprecated", "Касыма-Жомарта Кемеловича Токаева", "Касым-Жомарт Кемелович Токаев")], id="ru-declined"),
    pytest.param("The ambassador visited Füzuli.", [("term.wrong-language", "Füzuli", "Füzuli")], id="wrong-language"),
    pytest.param("The ZANGEZOUR corridor opened.",
                 [("term.unknown-variant", "ZANGEZOUR", "Zangezour corridor")], id="near-miss-as-a-whole-term"),
    pytest.param("Middle Corridor ... Trans-Caspian International Transport Route.",
                 [("term.inconsistent", "Trans-Caspian International Transport Route", "Trans-Caspian International Transport Route")],
                 id="inconsistent"),
])
def test_a_finding_names_its_term_uninflected(text, expected):
    assert [(f.rule, f.found, f.term) for f in lint_text(text, WITHOUT_SHORTCUTS)] == expected


def test_the_term_is_not_in_the_json_contract():
    finding = lint_text("Fizuli.", WITHOUT_SHORTCUTS)[0]
    assert finding.term == "Fizuli" and "term" not in finding.to_json()


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_uses_and_findings_with_and_without_shortcuts(path):
    """The findings are the same; only a matcher without shortcuts gives every accepted use."""
    text = path.read_text(encoding="utf-8")
    with_shortcuts = Matcher(LINT_GLOSSARY)
    uses, some_uses = [], []
    assert lint_text(text, WITHOUT_SHORTCUTS, uses=uses) == lint_text(text, with_shortcuts, uses=some_uses)
    assert set(some_uses) < set(uses)
    for use in uses:
        assert use.status in ("preferred", "admitted")
        assert text[use.start:use.end].casefold().startswith(use.term.casefold()[:3])
