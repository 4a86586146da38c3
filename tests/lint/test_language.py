"""Each paragraph's language, from its letters and function words."""

import pytest

from glossary.lint.language import detect, paragraphs


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Prezident İlham Əliyev Füzulidə olub.", "az", id="azerbaijani"),
        pytest.param("Prezident Kirovabadda olub.", "az", id="azerbaijani-function-word-before-a-full-stop"),
        pytest.param("Bu, Gəncədir.", "az", id="azerbaijani-function-word-before-a-comma"),
        pytest.param("The President visited Füzuli and Qəbələ on Monday.", "en", id="english-quoting-azerbaijani-names"),
        pytest.param("Kassym-Jomart Kemelovich Tokayev visited Baku", "en", id="english-headline"),
        pytest.param("İLHAM ƏLİYEV BAKIDA", "az", id="azerbaijani-capitals"),
        pytest.param("Президент Тоқаев Ақтауда болды.", "kk", id="kazakh"),
        pytest.param("Қазақстан Президенті Токаевтың сапары басталды.", "kk", id="kazakh-with-russian-spelling"),
        pytest.param("Президент Казахстана Касым-Жомарт Тоқаев посетил Актау.", "ru", id="russian-quoting-kazakh-name"),
        pytest.param("Тоқаев посетил Актау", "ru", id="russian-short-headline"),
        pytest.param("Переговоры прошли в Нахичевани.", "ru", id="russian"),
        pytest.param("ПЕРЕГОВОРЫ ТОҚАЕВА И АЛИЕВА", "ru", id="russian-capitals-quoting-kazakh-name"),
        pytest.param("Переговоры Тоқаева И Алиева", "ru", id="russian-function-word-capitalised"),
        pytest.param("ТОҚАЕВ ЖӘНЕ АЛИЕВ", "kk", id="kazakh-capitals"),
        pytest.param("Тоқаев\u00a0посетил\u2003Актау", "ru", id="words-between-unicode-spaces"),
        pytest.param("THE TALKS IN QƏBƏLƏ", "en", id="english-capitals-quoting-azerbaijani-name"),
        pytest.param("VƏ TALKS IN QƏBƏLƏ", "az", id="azerbaijani-function-word-capitalised"),
    ],
)
def test_detect(text, language):
    assert detect(text) == language


def test_each_paragraph_has_its_own_language():
    text = "The talks in Baku went well.\n\nДанышықлар Бакуда өтті және сәтті болды.\n \nПереговоры прошли в Баку."
    found = paragraphs(text)
    assert [found.language_at(start) for start, _ in found.spans()] == ["en", "kk", "ru"]
    assert paragraphs(text, "az").language_at(40) == "az"


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        # an agency's tags and its headlines in two other languages, one a line, no blank line between (Report, 2026):
        # the tags are no line of the Azerbaijani headline's paragraph
        pytest.param("TRIPP Azerbaijan Armenia\nTramp marşrutu Cənubi Qafqazda sülhün təməli olacaq\n"
                     "Маршрут Трампа станет основой мира на Южном Кавказе", ("en", False), id="tags-above-headlines-of-two-languages"),
        # one language clear in every line that is clear: an unclear line is in it, as before
        pytest.param("Ilham Aliyev Astanada\nPrezident Qazaxıstana dövlət səfəri edib və danışıqlar aparıb.\nТоқаев",
                     ("az", True), id="unclear-line-of-a-one-language-paragraph"),
    ],
)
def test_an_unclear_line_takes_the_paragraphs_language_only_where_its_clear_lines_agree(text, first_line):
    found = paragraphs(text)
    assert (found.language_at(0), found.certain_at(0)) == first_line
