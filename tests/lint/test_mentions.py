"""Every glossary form in a text, by concept: what the QA checks compare across languages."""

import pytest

from glossary.formats import read_glossary_file
from glossary.lint.matcher import Matcher
from glossary.lint.mentions import concepts_named, mentions, nested_concepts

from ..conftest import DATA

GLOSSARY = read_glossary_file(DATA / "qa" / "glossary.csv")
MATCHER = Matcher(GLOSSARY, shortcuts=False)


@pytest.mark.parametrize(("text", "lang", "named"), [
    pytest.param("Переговоры в Шуше и Нахчыване", "ru", {"shusha", "nakhchivan"}, id="ru-declined"),
    pytest.param("Тоқаев Шушада, Алятқа", "kk", {"kassym-jomart-tokayev", "shusha", "alat"}, id="kk-suffixes"),
    pytest.param("Şuşada və Naxçıvanda", "az", {"shusha", "nakhchivan"}, id="az-suffixes"),
    pytest.param("Fizuli and Füzuli", "en", {"fuzuli"}, id="deprecated-and-wrong-language-forms-name-it-too"),
    pytest.param("ГНКАР и КМГ", "ru", {"socar", "kazmunaygas"}, id="acronyms"),
    pytest.param("the Port of Aktau", "en", {"port-of-aktau"}, id="longest-name"),
])
def test_concepts_named(text, lang, named):
    assert concepts_named(mentions(text, MATCHER, lang=lang)) == named


def test_inner_names_are_mentions_but_not_outermost():
    found = mentions("the Port of Aktau", MATCHER, lang="en")
    assert [(m.concept, m.outermost, m.start, m.end) for m in found] == [
        ("port-of-aktau", True, 4, 17), ("aktau", False, 12, 17)]
    assert nested_concepts(found) == {"port-of-aktau": {"aktau"}}


def test_offsets_in_html_are_offsets_in_the_source():
    text = "<p>Talks in <b>Shu</b>sha</p>"
    found = mentions(text, MATCHER, lang="en", kind="html")
    assert [(m.concept, text[m.start:m.end]) for m in found] == [("shusha", "Shu</b>sha")]


def test_a_matcher_with_shortcuts_is_refused():
    with pytest.raises(ValueError, match="shortcuts=False"):
        mentions("Baku", Matcher(GLOSSARY), lang="en")
