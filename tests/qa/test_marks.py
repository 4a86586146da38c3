"""Placeholders and inline tags: kept one for one, in any order where the program allows it."""

import pytest

from tm.qa import placeholders, tags


def placeholder_problems(source, target, flags=()):
    return [(d.kind, d.placeholder.text) for d in placeholders.compare(placeholders.placeholders(source, flags),
                                                                       placeholders.placeholders(target, flags))]


@pytest.mark.parametrize(("source", "target", "flags", "problems"), [
    pytest.param("Welcome to {city}, %(name)s", "Добро пожаловать, %(name)s", (), [("missing", "{city}")], id="brace-dropped"),
    pytest.param("Hello %(name)s, %(count)d new", "%(count)d новых, %(name)s", ("python-format",), [], id="named-reordered"),
    pytest.param("%1$s of %2$d", "%2$d из %1$s", ("c-format",), [], id="positional-reordered"),
    pytest.param("{0} of {1}", "{1} из {0}", (), [], id="numbered-braces-reordered"),
    pytest.param("%s of %d", "%d из %s", ("c-format",), [("order", "%d")], id="unnamed-reordered"),
    pytest.param("{} and {}", "{} и {}", (), [], id="unnamed-braces-in-order"),
    pytest.param("Welcome, %s", "Қош келдіңіз", ("c-format",), [("missing", "%s")], id="printf-dropped"),
    pytest.param("Welcome", "Қош келдіңіз, %s", (), [("extra", "%s")], id="printf-added"),
    pytest.param("%(n)d files", "%(n)s файлов", ("python-format",), [("extra", "%(n)s"), ("missing", "%(n)d")], id="conversion-changed"),
    pytest.param("50% of cargo", "50% грузов", (), [], id="percent-sign-is-prose"),
    pytest.param("%d%% done", "%d%% готово", ("c-format",), [], id="escaped-percent"),
    pytest.param("Rate: {{rate}} {x}", "Ставка: {{rate}} {x}", (), [], id="escaped-braces"),
    pytest.param("{city}", "{city}", ("no-python-brace-format",), [], id="flag-turns-braces-off"),
    pytest.param("{city}", "{город}", ("no-python-brace-format",), [], id="flag-turns-braces-off-even-when-changed"),
    pytest.param("{user.name} shared", "{user.name} бөлісті", (), [], id="attribute-field"),
])
def test_placeholders(source, target, flags, problems):
    assert placeholder_problems(source, target, frozenset(flags)) == problems


def tag_problems(source, target):
    return [(d.kind, d.tag.text) for d in tags.compare(tags.tags(source), tags.tags(target))]


@pytest.mark.parametrize(("source", "target", "problems"), [
    pytest.param("<b>Baku</b> port", "<b>Бакинский порт", [("unclosed", "<b>")], id="left-open"),
    pytest.param("<p>Talks in <i>Nakhchivan</i></p>", "<p>Переговоры в <i>Нахчыване</p>", [("unclosed", "<i>")], id="closed-by-its-parent"),
    pytest.param("<b>Baku</b> port", "Бакинский</b> порт", [("stray", "</b>")], id="stray-close"),
    pytest.param('<a href="/x">Baku</a>', '<a href="/ru/x">Баку</a>', [], id="attributes-may-change"),
    pytest.param("Baku<br>Nakhchivan<br/>", "Bakı<br>Naxçıvan", [("missing", "<br>")], id="void-dropped"),
    pytest.param("<b>Baku</b>", "<b>Баку</b> <i>порт</i>", [("extra", "<i>"), ("extra", "</i>")], id="added"),
    pytest.param("<p>Open", "<p>Открыто", [], id="source-open-too"),
    pytest.param("<B>Baku</B>", "<b>Баку</b>", [], id="case-of-tag-names"),
    pytest.param("a < b and c > d", "a < b и c > d", [], id="comparison-signs-are-not-tags"),
])
def test_tags(source, target, problems):
    assert tag_problems(source, target) == problems
