"""Numbers read in each language's notation, compared by value."""

import pytest

from tm.numbers import describe, figures, numbers, pair_up, suggestion_for, write_like


def values(text, lang):
    return [(text[n.start:n.end], n.values) for n in numbers(text, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    pytest.param("en", "3.4 million tonnes", [("3.4 million", ("n:3400000",))], id="en-decimal-point-million"),
    pytest.param("ru", "3,4 млн тонн", [("3,4 млн", ("n:3400000",))], id="ru-decimal-comma-mln"),
    pytest.param("az", "3,4 milyon ton", [("3,4 milyon", ("n:3400000",))], id="az-milyon"),
    pytest.param("kk", "3,4 млн тонна", [("3,4 млн", ("n:3400000",))], id="kk-mln"),
    pytest.param("en", "$547 million", [("547 million", ("n:547000000",))], id="en-dollars"),
    pytest.param("ru", "547 млн долларов", [("547 млн", ("n:547000000",))], id="ru-dollars"),
    pytest.param("en", "$1.5bn and $3m", [("1.5bn", ("n:1500000000",)), ("3m", ("n:3000000",))], id="en-glued-scales"),
    pytest.param("ru", "5 тыс. человек", [("5 тыс", ("n:5000",))], id="ru-thousand-abbreviated"),
    pytest.param("az", "5 min nəfər", [("5 min", ("n:5000",))], id="az-min-is-thousand"),
    pytest.param("en", "10 min later", [("10", ("n:10",))], id="en-min-is-not-thousand"),
    pytest.param("en", "1,500 trucks", [("1,500", ("n:1500", "n:1.5"))], id="en-group-comma-also-reads-as-decimal"),
    pytest.param("ru", "1 500 грузовиков", [("1 500", ("n:1500",))], id="ru-space-group"),
    pytest.param("ru", "1\u00a0500 грузовиков", [("1\u00a0500", ("n:1500",))], id="ru-no-break-space-group"),
    pytest.param("az", "1.500 konteyner", [("1.500", ("n:1500", "n:1.5"))], id="az-group-point"),
    pytest.param("kk", "1 500 000 тонна", [("1 500 000", ("n:1500000",))], id="kk-two-groups"),
    pytest.param("az", "oktyabrın 14-də", [("oktyabrın", ("m:10",)), ("14-də", ("n:14",))], id="az-month-before-day-suffix"),
    pytest.param("az", "2023-cü ildə", [("2023-cü", ("n:2023",))], id="az-ordinal-suffix"),
    pytest.param("kk", "2023 жылдан бері", [("2023", ("n:2023",))], id="kk-year-word-apart"),
    pytest.param("kk", "14 қазанда", [("14", ("n:14",)), ("қазанда", ("m:10",))], id="kk-month-with-suffix"),
    pytest.param("ru", "в октябре 2023 года", [("октябре", ("m:10",)), ("2023", ("n:2023",))], id="ru-month-prepositional"),
    pytest.param("ru", "5-й и 2023-го", [("5-й", ("n:5",)), ("2023-го", ("n:2023",))], id="ru-ordinal-endings"),
    pytest.param("en", "the 21st century", [("21st", ("n:21",))], id="en-ordinal"),
    pytest.param("en", "2020-2023 and 2020–2023", [("2020", ("n:2020",)), ("2023", ("n:2023",)),
                                                   ("2020", ("n:2020",)), ("2023", ("n:2023",))], id="en-ranges"),
    pytest.param("en", "on 14.10.2024", [("14", ("n:14",)), ("10", ("m:10",)), ("2024", ("n:2024",))], id="numeric-date"),
    pytest.param("en", "at 10:30", [("10:30", ("t:10:30",))], id="time"),
    pytest.param("az", "%5 artım", [("5", ("n:5",))], id="az-percent-sign-first"),
    pytest.param("en", "COP29, G20, COP-29 and F-16", [], id="digits-of-names"),
    pytest.param("en", "May we meet? Kazan is a city.", [], id="months-only-next-to-numbers"),
    pytest.param("kk", "Қазан қаласы", [], id="kk-kazan-the-city"),
])
def test_numbers_and_their_values(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(("a", "lang_a", "b", "lang_b"), [
    pytest.param("3.4 million", "en", "3,4 млн", "ru", id="million-en-ru"),
    pytest.param("$547 million", "en", "547 milyon dollar", "az", id="million-en-az"),
    pytest.param("1,500,000 tonnes", "en", "1,5 млн тонн", "ru", id="group-vs-scale"),
    pytest.param("1,500 trucks", "en", "1 500 жүк көлігі", "kk", id="groups"),
    pytest.param("14 October", "en", "oktyabrın 14-də", "az", id="date-en-az"),
    pytest.param("14 October", "en", "14 қазанда", "kk", id="date-en-kk"),
    pytest.param("14 October", "en", "14 октября", "ru", id="date-en-ru"),
])
def test_the_same_numbers_in_two_languages_pair_up(a, lang_a, b, lang_b):
    left, right = numbers(a, lang_a), numbers(b, lang_b)
    assert len(pair_up(left, right)) == len(left) == len(right) > 0


def test_pairing_gives_an_ambiguous_number_the_partner_the_others_leave():
    left = numbers("1,500 and 1.5", "en")  # 1500 (or 1.5), and 1.5
    right = numbers("1,5 и 1 500", "ru")
    assert len(pair_up(left, right)) == 2


def test_numbers_inside_skipped_spans_are_left_out():
    assert values("Port 7 and 8", "en") == [("7", ("n:7",)), ("8", ("n:8",))]
    assert [n.text for n in numbers("Port 7 and 8", "en", skip=[(0, 6)])] == ["8"]


@pytest.mark.parametrize(("found", "lang", "value", "suggestion"), [
    pytest.param("510", "ru", "n:501", "501", id="plain"),
    pytest.param("3,5 млн", "ru", "n:3400000", "3,4 млн", id="scale-kept"),
    pytest.param("15-də", "az", "n:14", "14-də", id="suffix-kept"),
    pytest.param("22", "kk", "m:4", None, id="no-number-for-a-month"),
])
def test_suggestion_in_the_found_notation(found, lang, value, suggestion):
    assert suggestion_for(numbers(found, lang)[0], value, lang) == suggestion


@pytest.mark.parametrize(("value", "lang", "written"), [
    pytest.param("n:3400000", "ru", "3\u00a0400\u00a0000", id="ru-groups"),
    pytest.param("n:3.4", "az", "3,4", id="az-decimal-comma"),
    pytest.param("n:1500", "en", "1500", id="four-digits-ungrouped"),
    pytest.param("m:10", "en", "October", id="month-en"),
    pytest.param("m:10", "kk", "Қазан", id="month-kk"),
])
def test_values_shown_as_a_reader_of_the_language_writes_them(value, lang, written):
    assert describe(value, lang) == written


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # what a repaired memory match rewrites: the digits alone, their value as written
    pytest.param("3,4 млн тонн", "ru", [("3,4", "3.4", ",", None)], id="ru-decimal-comma-scale-left-out"),
    pytest.param("$470 million", "en", [("470", "470", None, None)], id="en-scale-left-out"),
    pytest.param("1 500 тонн", "ru", [("1 500", "1500", None, " ")], id="ru-space-group"),
    pytest.param("1,500.25 tonnes", "en", [("1,500.25", "1500.25", ".", ",")], id="en-group-and-decimal"),
    pytest.param("2024-də", "az", [("2024", "2024", None, None)], id="az-suffix-left-out"),
    pytest.param("14.10.2023, 10:30", "ru", [], id="written-dates-and-times-are-not-figures"),
    pytest.param("14 октября", "ru", [("14", "14", None, None)], id="a-day-beside-a-month-is"),
])
def test_figures(text, lang, expected):
    assert [(f.text, str(f.value), f.decimal_mark, f.group) for f in figures(text, lang)] == expected


@pytest.mark.parametrize(("text", "lang", "value", "decimals", "written"), [
    pytest.param("3,4", "ru", "3.6", 1, "3,6", id="ru-comma-kept"),
    pytest.param("1 500", "ru", "1750", 0, "1 750", id="ru-group-kept"),
    pytest.param("470", "en", "568", 0, "568", id="plain"),
])
def test_write_like(text, lang, value, decimals, written):
    from decimal import Decimal
    assert write_like(Decimal(value), decimals, figures(text, lang)[0], lang) == written
