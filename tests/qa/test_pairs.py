"""One source and its translation given as texts (what the web app's POST /api/qa sends)."""

import pytest

from glossary.formats import read_glossary_file
from glossary.lint.matcher import Matcher
from glossary.lint.rules import QA_RULES
from tm.qa.pairs import check_pair

from .parallel_set import SET, matcher


def found(source, target, source_lang="en", target_lang="ru", *, style=None, flags=frozenset()):
    m = matcher() if style is None else Matcher(read_glossary_file(SET / "glossary.csv"), style, shortcuts=False)
    return [(f.rule, f.found, f.suggestion) for f in check_pair(source, target, source_lang, target_lang, m, flags=flags)]


@pytest.mark.parametrize(("source", "target", "target_lang", "expected"), [
    pytest.param("Talks in Shusha", "Переговоры в Шуше", "ru", [], id="shusha-ru-prepositional"),
    pytest.param("Talks in Shusha", "Şuşada danışıqlar", "az", [], id="shusha-az-locative"),
    pytest.param("Talks in Shusha", "Шушада келіссөздер", "kk", [], id="shusha-kk-locative"),
    pytest.param("SOCAR signed", "ГНКАР подписала", "ru", [], id="admitted-acronym"),
    pytest.param("Kazakhstan's oil", "казахстанская нефть", "ru", [], id="adjective-made-from-the-name"),
    pytest.param("The port of Baku", "Бакинский порт", "ru", [], id="adjective-of-a-short-name"),
    pytest.param("Cargo via the Port of Aktau", "Грузы через Актау", "ru", [], id="inner-name-of-a-longer-one"),
    pytest.param("Ports of Aktau and Kuryk", "Ақтау порты", "kk",
                 [("term.mismatch", "Ақтау порты", None)], id="kuryk-dropped"),
    pytest.param("Tokayev arrived in Fuzuli", "Тоқаев Бакуге келді", "kk",
                 [("term.mismatch", "Тоқаев Бакуге келді", None)], id="fuzuli-dropped"),
    pytest.param("Tokayev arrived", "Токаев келді", "kk",
                 [("term.deprecated", "Токаев", "Тоқаев")], id="lint-on-the-translation"),
    pytest.param("Baku", "Бaку", "ru", [("text.mixed-script", "Бaку", "Баку")], id="mixed-script-is-not-also-a-missing-name"),
    pytest.param("Tokayev arrived in Baku", "Тоқаев прибыл в Баку", "ru",
                 [("term.wrong-language", "Тоқаев", "Токаев")], id="kazakh-form-in-russian"),
    pytest.param("A school opened in Fuzuli", "В Füzuli открылась школа", "ru",
                 [("term.wrong-language", "Füzuli", "Физули")], id="azerbaijani-form-in-russian"),
])
def test_names(source, target, target_lang, expected):
    assert found(source, target, "en", target_lang) == expected


def test_the_message_names_the_expected_form():
    finding = check_pair("Ports of Aktau and Kuryk", "Ақтау порты", "en", "kk", matcher())[0]
    assert finding.message == ("the source names 'Kuryk'; the translation does not name it in any form: "
                               "the Kazakh form is 'Құрық'")
    assert (finding.concept, finding.lang, finding.line, finding.column, finding.start, finding.end) == ("kuryk", "kk", 1, 1, 0, 11)


@pytest.mark.parametrize(("style", "expected"), [
    pytest.param(None, [], id="default-style-admits-it"),
    pytest.param("az-official", [], id="az-official-prefers-it"),
])
def test_nakhchyvane_is_accepted_where_the_style_admits_it(style, expected):
    assert found("Talks in Nakhchivan", "Переговоры в Нахчыване", style=style) == expected


@pytest.mark.parametrize(("source", "target", "target_lang", "expected"), [
    pytest.param("3.4 million tonnes", "3,4 млн тонн", "ru", [], id="million-ru"),
    pytest.param("$547 million", "547 milyon dollar", "az", [], id="million-az"),
    pytest.param("On 14 October", "14 октября", "ru", [], id="date-ru"),
    pytest.param("On 14 October", "oktyabrın 14-də", "az", [], id="date-az"),
    pytest.param("On 14 October", "14 қазанда", "kk", [], id="date-kk"),
    pytest.param("Since 2023", "2023 жылдан бері", "kk", [], id="year-kk"),
    pytest.param("501 wagons", "510 вагонов", "ru", [("qa.numbers", "510", "501")], id="digits-swapped"),
    pytest.param("3.4 million tonnes", "3,5 млн тонн", "ru", [("qa.numbers", "3,5 млн", "3,4 млн")], id="scale-kept-in-suggestion"),
    pytest.param("On 14 October", "15 октября", "ru", [("qa.numbers", "15", "14")], id="different-day"),
    pytest.param("501 wagons and 12 ships", "501 вагон", "ru", [("qa.numbers", "501 вагон", None)], id="number-dropped"),
    pytest.param("On 14 October", "В октябре", "ru", [], id="a-date-left-out-is-not-reported"),
    pytest.param("three times a week", "3 раза в неделю", "ru", [], id="number-spelled-out-in-the-source"),
    pytest.param("3 flights and 12 ships", "три рейса и 21 судно", "ru", [("qa.numbers", "21", "12")], id="spelled-out-and-swapped"),
    pytest.param("COP29 in Baku", "COP29 в Баку", "ru", [], id="digits-of-a-name"),
])
def test_numbers(source, target, target_lang, expected):
    assert found(source, target, "en", target_lang) == expected


@pytest.mark.parametrize(("source", "target", "flags", "expected"), [
    pytest.param("Hello %(name)s, %(count)d new", "%(count)d новых, %(name)s", {"python-format"}, [], id="reordered-named"),
    pytest.param("Welcome to {city}", "Добро пожаловать", set(), [("qa.placeholders", "Добро пожаловать", None)], id="dropped"),
    pytest.param("<b>Baku</b> port", "<b>Бакинский порт", set(),
                 [("qa.tags", "<b>", None)], id="tag-left-open"),
])
def test_placeholders_and_tags(source, target, flags, expected):
    assert found(source, target, flags=frozenset(flags)) == expected


def test_rules_can_be_chosen():
    findings = check_pair("501 wagons via Kuryk", "510 вагонов", "en", "ru", matcher(), rules=QA_RULES - {"term.mismatch"})
    assert [f.rule for f in findings] == ["qa.numbers"]


def test_translate_mode_lists_the_sources_names():
    from tm.qa.pairs import check_translation

    check = check_translation("Tokayev visited the Port of Aktau and Kuryk.", "Тоқаев Ақтау портына барды.", "en", "kk",
                              matcher())
    assert [(n.concept, n.found, n.rendering, n.present) for n in check.names] == [
        ("kassym-jomart-tokayev", "Tokayev", "Қасым-Жомарт Тоқаев", True),
        ("port-of-aktau", "Port of Aktau", "Ақтау халықаралық теңіз сауда порты", True),
        ("kuryk", "Kuryk", "Құрық", False),
    ]
    assert [(f.rule, f.concept) for f in check.findings] == [("term.mismatch", "kuryk")]


@pytest.mark.parametrize("source, target, missing, extra", [
    pytest.param("1,500 guests on 12 May", "12 мамырда 1500 қонақ", [], [], id="thousands-and-date-agree"),
    pytest.param("2.5 million tonnes", "2,5 млн тонна", [], [], id="decimal-comma"),
    pytest.param("501 wagons", "510 вагон", ["501"], ["510"], id="changed"),
    pytest.param("501 wagons and 12 ships", "501 вагон", ["12"], [], id="left-out"),
    pytest.param("501 wagons", "501 вагон, 70 кеме", [], ["70"], id="added"),
])
def test_translate_mode_lists_numbers_that_differ(source, target, missing, extra):
    from tm.qa.pairs import check_translation

    check = check_translation(source, target, "en", "kk", matcher())
    assert (check.missing_numbers, check.extra_numbers) == (missing, extra)
