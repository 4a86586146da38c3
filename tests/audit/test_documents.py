"""One document counted: per language, concept and form, with examples of unknown variants."""

import datetime

import pytest

from glossary.audit.documents import DocumentAudit, NameCount, count_names
from glossary.formats import read_glossary_file
from glossary.formats.csv import FORMAT as CSV
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher

from .archive import GLOSSARY


def test_a_document_counted_per_language_concept_and_form():
    matcher = Matcher(read_glossary_file(GLOSSARY), shortcuts=False)
    text = ("Fuzuli and Fuzuli again; Fizuli once; the Zangezour corridor.\n\n"
            "Prezident Füzulidə, sonra Fizulidə oldu.\n\nКасым-Жомарт Токаев в Физули.\n")
    document = DocumentAudit("draft.txt")
    uses = []
    count_names(document, text, "text", lint_text(text, matcher, uses=uses), uses)
    assert document.names == [
        NameCount("az", "fuzuli", "Fizuli", "deprecated", 1),
        NameCount("az", "fuzuli", "Füzuli", "preferred", 1),
        NameCount("en", "fuzuli", "Fizuli", "deprecated", 1),
        NameCount("en", "fuzuli", "Fuzuli", "preferred", 2),
        NameCount("en", "zangezur-corridor", "Zangezour corridor", "unknown", 1),
        NameCount("ru", "fuzuli", "Физули", "preferred", 1),
        NameCount("ru", "kassym-jomart-tokayev", "Касым-Жомарт Токаев", "preferred", 1),
    ]
    assert document.findings == 3
    [(name, [example])] = document.examples.items()
    assert name == ("en", "zangezur-corridor", "Zangezour corridor")
    assert (example.line, example.text) == (1, "Fuzuli and Fuzuli again; Fizuli once; the Zangezour corridor.")


FORMER_NAMES = (
    "concept,lang,term,status,valid\n"
    "astana,en,Astana,preferred,1998-05-06/2019-03-19;2022-09-17/\n"
    "astana,en,Nur-Sultan,superseded,2019-03-20/2022-09-17\n"
)


@pytest.mark.parametrize(("day", "text", "expected"), [
    pytest.param("2020-06-01", "The summit in Nur-Sultan.", [("Nur-Sultan", "superseded", 1)], id="former-name-in-its-period"),
    pytest.param("2024-06-01", "The summit in Nur-Sultan.", [("Nur-Sultan", "superseded", 1)], id="former-name-after"),
    pytest.param("2015-06-01", "The summit in Nur-Sultan.", [("Nur-Sultan", "anachronism", 1)], id="later-name-before"),
    pytest.param("2024-06-01", "Astana, formerly Nur-Sultan.", [("Astana", "preferred", 1), ("Nur-Sultan", "superseded", 1)],
                 id="mentioned-as-former"),
])
def test_former_names_counted_whatever_the_date(day, text, expected):
    """A former name is counted as used, whether the date makes it right (no finding) or not."""
    matcher = Matcher(CSV.read(FORMER_NAMES.encode(), "g.csv"), shortcuts=False)
    document = DocumentAudit("draft.txt")
    uses = []
    findings = lint_text(text, matcher, uses=uses, date=datetime.date.fromisoformat(day))
    count_names(document, text, "text", findings, uses)
    assert [(name[2], name[3], name[4]) for name in document.names] == expected
