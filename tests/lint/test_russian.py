"""Russian declension: word_forms (spelling rules, no dictionary) and inflect_like (suggestions)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossary.lint.russian import inflect_like, word_forms

P = pytest.param


# --- word_forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem", "base", "inside", "outside"),
    [
        P("Кемелевич", "кемелевич", "", "а у ем е и ей ам ами ах", "ы ов ым", id="masc-sibilant-ем-ей"),
        P("Нахчыван", "нахчыван", "", "а у ом е ы ов ам ами ах", "и ем ей ь", id="masc-consonant"),
        P("Жомарт", "жомарт", "", "а у ом е", "и я", id="masc-name"),
        P("Бишкек", "бишкек", "", "а ом и ов", "ы", id="masc-velar-и"),
        P("Дворец", "двор", "ец", "ца цу цом це цы еца ецу", "а у", id="ец-with-and-without-e"),
        P("Кентай", "кента", "й", "я ю ем е ев", "а у ом", id="vowel-й"),
        P("Юрий", "юри", "й", "я ю ем и", "е", id="ий-noun"),
        P("Токаев", "токаев", "", "а у ым е ы ых ыми", "и ами", id="surname-ов-ев"),
        P("Путин", "путин", "", "а у ым е", "и", id="surname-ин"),
        P("Астана", "астан", "а", "ы е у ой ою", "и я", id="feminine-а"),
        P("Шуша", "шуш", "а", "и е у ой ей", "ы", id="а-after-sibilant-и"),
        P("Организация", "организаци", "я", "и ю ей й ям", "е", id="ия"),
        P("Нахичевань", "нахичеван", "ь", "и ью я ю ем е ей", "а у ом", id="ь-both-genders"),
        P("Керчь", "керч", "ь", "и ью", "я ем", id="ь-after-sibilant-feminine"),
        P("государство", "государств", "о", "а у ом е ам", "ы и", id="neuter-о"),
        P("Министерство", "министерств", "о", "а у ом е", "ы", id="capitalized-ство"),
        P("море", "мор", "е", "я ю ем ей ям", "а у", id="neuter-е"),
        P("Соглашение", "соглашени", "е", "я ю ем и й", "а", id="neuter-ие"),
        P("побережье", "побереж", "ье", "ья ью ьем ий", "", id="neuter-ье"),
        P("Зангезурский", "зангезурск", "ий", "ого ому им ом ая ой ую ое ие их ими", "ый ым ых", id="adj-velar"),
        P("морской", "морск", "ой", "ого ому им ом ая ую", "ый", id="adj-stressed-ой"),
        P("Каспийское", "каспийск", "ое", "ого ому ом ий", "ее", id="adj-neuter"),
        P("Последний", "последн", "ий", "его ему ем яя юю", "ого ая", id="adj-soft"),
        P("тюркских", "тюркск", "их", "ий ого ие их ими", "ых", id="adj-genitive-plural-base"),
        P("Объединённые", "объединённ", "ые", "ых ым ыми ый", "их", id="adj-plural"),
        P("Штаты", "штат", "ы", "ов ам ами ах", "а у", id="plural-name"),
        P("МИД", "мид", "", "а у ом е", "", id="declinable-abbreviation"),
        P("Сергей", "серге", "й", "я ю ем", "", id="ей-noun-not-adjective"),
        P("Георгий", "георги", "й", "я ю ем", "ого", id="гий-name-not-adjective"),
        P("Тоқаев", "тоқаев", "", "а у ым", "", id="kazakh-letters-decline-too"),
    ],
)
def test_word_forms_classes(word, stem, base, inside, outside):
    forms = word_forms(word)
    assert (forms.stem, forms.base_ending) == (stem, base)
    assert forms.stem + forms.base_ending == word.lower()
    assert set(inside.split()) <= forms.endings
    assert not set(outside.split()) & forms.endings
    assert all(e == e.lower() for e in forms.endings)


@pytest.mark.parametrize(
    "word",
    [
        P(w, id=w)
        for w in "Баку Физули Актау Алматы Тбилиси Губадлы Актобе Токио Никарагуа ООН ОТГ COP29 SOCAR бюро оглы на де".split()
    ],
)
def test_word_forms_indeclinable(word):
    assert word_forms(word) == word_forms(word)  # cached, hashable
    forms = word_forms(word)
    assert (forms.stem, forms.endings, forms.base_ending) == (word.lower(), frozenset({""}), "")


# Every form pymorphy3 lists for the word is stem + one of the endings the rules give it.
LEXEME_WORDS = (
    "коридор парламент государство море соглашение побережье организация страна граница площадь "
    "музей санаторий Кремль Бишкек Дубай Корея статья Керчь дворец кузнец солнце Путин Назарбаев "
    "морской тюркский Каспийский последний хороший зелёный"
).split()


@pytest.mark.parametrize("word", [P(w, id=w) for w in LEXEME_WORDS])
def test_word_forms_cover_pymorphy_lexeme(word):
    pymorphy3 = pytest.importorskip("pymorphy3")
    lw = word.lower()
    parse = next(
        p
        for p in pymorphy3.MorphAnalyzer().parse(lw)
        if p.word == lw and p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"
    )
    skip = {"Supr", "Cmp2", "V-be", "V-bi"}  # лучший as a form of хороший; poetic зданье
    lexeme = {f.word for f in parse.lexeme if f.tag.POS == parse.tag.POS and not skip & f.tag.grammemes}
    forms = word_forms(word)
    produced = {forms.stem + e for e in forms.endings}
    assert len(lexeme) >= 3  # Керчь, a singulare tantum, has 3
    assert lexeme <= produced


def test_word_forms_needs_no_dictionary():
    code = (
        "import sys; from glossary.lint.russian import word_forms as f; f('Нахчыван'); "
        "print('pymorphy3' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


# --- inflect_like --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("found_term", "endings", "canonical", "previous", "expected"),
    [
        P("Кемелович", ["а"], "Кемелевич", None, "Кемелевича", id="carry-genitive"),
        P("Кемелович", ["ем"], "Кемелевич", "с", "Кемелевичем", id="carry-instrumental"),
        P(
            "Касым-Жомарт Кемелович Токаев", ["а", "а", "а", "а"], "Касым-Жомарт Кемелевич Токаев", None,
            "Касыма-Жомарта Кемелевича Токаева", id="carry-person-each-word",
        ),
        P(
            "Зангазурский коридор", ["ого", "а"], "Зангезурский коридор", None,
            "Зангезурского коридора", id="carry-adj-noun",
        ),
        P(
            "Зангазурский коридор", ["ий", ""], "Зангезурский коридор", "через",
            "Зангезурский коридор", id="nominative-unchanged",
        ),
        P(
            "Организация тюркоязычных государств", ["и", "ых", ""], "Организация тюркских государств", "в",
            "Организации тюркских государств", id="carry-complement-stays",
        ),
        P("Нахичевань", ["и"], "Нахчыван", "в", "Нахчыване", id="в-locative-ь-to-consonant"),
        P("Нахичевань", ["и"], "Нахчыван", "из", "Нахчывана", id="из-genitive"),
        P("Нахичевань", ["ью"], "Нахчыван", None, "Нахчываном", id="ью-instrumental-alone"),
        P("Нахичевань", ["и"], "Нахчыван", "К", "Нахчывану", id="к-dative-any-case"),
        P("Алма-Ата", ["а", "ы"], "Алматы", "из", "Алматы", id="indeclinable-canonical"),
        P("Алматы", [""], "Алма-Ата", "в", "Алма-Ата", id="indeclinable-found"),
        P("Нур-Султан", ["", "е"], "Астана", "в", "Астане", id="compound-to-feminine"),
        P("Астана", ["е"], "Нур-Султан", "в", "Нур-Султане", id="only-last-part-of-compound"),
        P("Астана", ["у"], "Нур-Султан", "в", "Нур-Султан", id="в-accusative-inanimate"),
        P("Астана", ["ой"], "Нур-Султан", "над", "Нур-Султаном", id="над-instrumental"),
        P(
            "Тюркский совет", ["ого", "а"], "Организация тюркских государств", "для",
            "Организации тюркских государств", id="other-words-genitive",
        ),
        P(
            "Тюркский совет", ["ом", "е"], "Организация тюркских государств", "о",
            "Организации тюркских государств", id="о-locative",
        ),
        P(
            "Нахичевань", ["и"], "Нахчыванская Автономная Республика", "в",
            "Нахчыванской Автономной Республике", id="adjectives-agree-feminine",
        ),
        P("Нахичевань", ["и"], "Каспийское море", "о", "Каспийском море", id="neuter-adj-noun"),
        P(
            "Нахичевань", ["и"], "Объединённые Арабские Эмираты", "из",
            "Объединённых Арабских Эмиратов", id="plural-name",
        ),
        P("Нахичевань", ["и"], "Республика Казахстан", "в", "Республике Казахстан", id="apposition-stays"),
        P("Нахичевань", ["и"], "Кабинет Министров", "в", "Кабинете Министров", id="capitalized-complement-stays"),
        P("Нахичевань", ["и"], "Министерство иностранных дел", "из", "Министерства иностранных дел", id="ministry"),
        P("Нахичевань", ["и"], "Касым-Жомарт Токаев", "к", "Касым-Жомарту Токаеву", id="person-surname-not-токай"),
        P("Ильхам Алиев", ["а", "а"], "Ильхам Гейдар оглы Алиев", None, "Ильхама Гейдар оглы Алиева", id="оглы-stays"),
        P("Астана", ["у"], "Касым-Жомарт Токаев", "про", "Касым-Жомарта Токаева", id="animate-accusative"),
        P("Нахичевань", ["и"], "Дворец Независимости", "во", "Дворце Независимости", id="fleeting-e"),
        P("Нахичевань", ["и"], "Кремль", "в", "Кремле", id="masculine-ь"),
        P("Нахичевань", ["и"], "МИД", "из", "МИДа", id="declinable-abbreviation"),
        P("Нахичевань", ["и"], "ООН", "из", "ООН", id="indeclinable-abbreviation"),
        P("Нахичевань", ["и"], "Тбилиси", "в", "Тбилиси", id="indeclinable-name"),
        P("Шуша", ["и"], "Шуша", "из", "Шуши", id="identical-word"),
        P("Тоқаев", ["а"], "Токаев", "у", "Токаева", id="kazakh-spelling-carried"),
        P("Нахичевань", ["и"], "Ростов-на-Дону", "в", "Ростове-на-Дону", id="compound-first-part-declines"),
    ],
)
def test_inflect_like(found_term, endings, canonical, previous, expected):
    assert inflect_like(found_term, endings, canonical, previous) == expected


@pytest.mark.parametrize(
    ("found_term", "endings", "canonical", "previous"),
    [
        P("Нахичевань", ["и"], "Нахчыван", None, id="gent-datv-loct-ambiguous"),
        P("Нахичевань", ["и"], "Нахчыван", "столице", id="not-a-preposition"),
        P("Нахичевань", ["и"], "Нахчыван", "за", id="preposition-contradicts-ending"),
        P("Нур-Султан", ["", "а"], "Астана", "через", id="через-takes-no-genitive"),
        P("Кемелович", ["а", "а"], "Кемелевич", None, id="ending-count-mismatch"),
    ],
)
def test_inflect_like_none(found_term, endings, canonical, previous):
    assert inflect_like(found_term, endings, canonical, previous) is None
