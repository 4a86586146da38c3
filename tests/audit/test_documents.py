"""One document counted: per language, concept and form, with examples of unknown variants."""

from glossary.audit.documents import DocumentAudit, NameCount, count_names
from glossary.formats import read_glossary_file
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
