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
