"""A finding's "why" in the UI's language: /api/lint, translate mode's check and /api/qa give ``why``
beside the English ``message`` (which stays the command line's, byte for byte), for every message
the lint and the QA make."""

from __future__ import annotations

import datetime
import pickle
import re
import string

import pytest

from glossary.lint.messages import TEMPLATES, Message
from glossary.records import ValidityPeriod
from webapp import why as why_module
from webapp.api import schemas

from .test_i18n import catalogue

LANGUAGES = ["az", "kk", "ru"]


def findings(reader, text: str, lang: str, **body) -> list[dict]:
    response = reader.post("/api/lint", json={"text": text, **body}, headers={"Accept-Language": lang})
    assert response.status_code == 200
    return response.get_json()["findings"]


@pytest.mark.parametrize("text, body, rule, message, why", [
    pytest.param("Визит Касыма-Жомарта Кемеловича Токаева.", {}, "term.deprecated",
                 "'Касым-Жомарт Кемелович Токаев' is a deprecated form; write 'Касым-Жомарт Кемелевич Токаев'",
                 "«Касым-Жомарт Кемелович Токаев» — нерекомендуемая форма; пишите «Касым-Жомарт Кемелевич Токаев»",
                 id="deprecated"),
    pytest.param("Plans for the Zangezour corridor.", {}, "term.unknown-variant",
                 "not in the glossary, but one letter from 'Zangezur', a word of 'Zangezur corridor'",
                 "этого слова нет в глоссарии, но от «Zangezur» в названии «Zangezur corridor» оно отличается одной буквой",
                 id="near-miss"),
    pytest.param("Президент Тоқаев посетил Актау.", {}, "term.wrong-language",
                 "'Тоқаев' is the Kazakh form; write 'Токаев'",
                 "«Тоқаев» — так пишут на казахском; пишите «Токаев»", id="wrong-language"),
    pytest.param("The summit in Nur-Sultan.", {"date": "2025-05-01"}, "term.superseded",
                 "'Nur-Sultan' is a former name, dated 2019-03-20 to 2022-09-17",
                 "«Nur-Sultan» — прежнее название, было в ходу с 2019-03-20 по 2022-09-17", id="superseded"),
    pytest.param("The summit in Nur-Sultan.", {"date": "2010-05-01"}, "term.anachronism",
                 "'Nur-Sultan' was not yet the name on 2010-05-01; the glossary dates it 2019-03-20 to 2022-09-17; "
                 "at that date the English name was 'Astana'",
                 "на 1 мая 2010\u202fг. названия «Nur-Sultan» ещё не было; по глоссарию оно в ходу с 2019-03-20 по 2022-09-17; "
                 "на ту дату на английском название было «Astana»", id="anachronism"),
])
def test_a_russian_ui_gets_the_russian_why(reader, text, body, rule, message, why):
    [finding] = [f for f in findings(reader, text, "ru-RU", **body) if f["rule"] == rule]
    # the glossary's note on the form (its data, in the language the terminologist wrote it) may follow
    assert finding["message"].startswith(message) and finding["why"].startswith(why)
    assert finding["message"] == findings(reader, text, "en", **body)[0]["message"]  # the same English for every UI


def test_an_english_ui_gets_the_message_alone(reader):
    [finding] = findings(reader, "Визит Касыма-Жомарта Кемеловича Токаева.", "en-GB")
    assert "why" not in finding and finding["message"].startswith("'Касым-Жомарт Кемелович Токаев' is a deprecated")


def test_the_language_chosen_with_the_switcher_wins(reader):
    reader.set_cookie("tilmash_lang", "kk")
    try:
        [finding] = findings(reader, "Визит Касыма-Жомарта Кемеловича Токаева.", "ru")
    finally:
        reader.delete_cookie("tilmash_lang")
    assert finding["why"].startswith("«Касым-Жомарт Кемелович Токаев» — ұсынылмайтын жазылым; "
                                     "«Касым-Жомарт Кемелевич Токаев» деп жазыңыз")


def test_translate_mode_says_its_checks_in_the_ui_language(reader):
    answer = reader.post("/api/translate/check", headers={"Accept-Language": "az"}, json={
        "source": "Tokayev met Aliyev in Fuzuli on 12 May.", "target": "Тоқаев 13 мамырда Алиевпен кездесті.",
        "source_lang": "en", "target_lang": "kk"}).get_json()
    whys = {f["rule"]: f["why"] for f in answer["findings"]}
    assert whys["term.mismatch"] == ("mənbədə “Fuzuli” adı çəkilir, tərcümədə isə bu ad heç bir formada yoxdur; "
                                     "qazax dilində “Физули” yazılır")
    assert whys["qa.numbers"] == "“13” yazılıb, mənbədə isə “12”"


def test_qa_of_versions_says_its_findings_in_the_ui_language(reader):
    answer = reader.post("/api/qa", headers={"Accept-Language": "kk"}, json={"versions": [
        {"text": "Tokayev met Aliyev in Baku on 12 May.", "lang": "en"},
        {"text": "Тоқаев 14 мамырда Алиевпен кездесті.", "lang": "kk"}]}).get_json()
    whys = {f["why"] for f in answer["findings"]}
    assert "«14» тұр, ал екінші нұсқада «12»" in whys
    assert any(w.startswith("en нұсқасында мұнда «Baku» аталады") and w.endswith("қазақ тілінде «Баку» деп жазылады")
               for w in whys)


def test_the_body_with_why_is_what_the_schema_documents(reader):
    answer = reader.post("/api/lint", json={"text": "Fizuli, the Zangazur corridor."},
                         headers={"Accept-Language": "ru"}).get_json()
    assert all("why" in f for f in answer["findings"]) and answer["findings"]
    assert schemas.LintResponse().validate(answer) == {}
    assert schemas.LintResponse().dump(answer) == answer


def test_the_openapi_document_describes_why(reader):
    document = reader.get("/api/openapi.json").get_json()
    finding = next(s for name, s in document["components"]["schemas"].items() if name.startswith("Finding"))
    assert "why" in finding["properties"] and "why" not in finding.get("required", [])


# every message id, said in every UI language --------------------------------------------------------

def test_every_message_id_has_a_ui_sentence():
    assert sorted(why_module.WHY) == sorted(TEMPLATES)


def fields(template: str) -> list[str]:
    """The arguments a library template takes."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def placeholders(template: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", template))


@pytest.mark.parametrize("id", sorted(TEMPLATES))
def test_a_ui_sentence_uses_only_what_the_message_gives(id):
    given = set(fields(TEMPLATES[id])) | ({"letters"} if id == "mixed-script" else set())
    assert placeholders(why_module.WHY[id]._args[0]) <= given


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ui_sentence_is_translated(lang):
    strings = [*why_module.WHY.values(), *why_module.IN_LANGUAGE.values(), why_module.IN_OTHER_LANGUAGE,
               *why_module.SCRIPTS.values(), why_module.LETTER, why_module.PERIOD, why_module.UNTIL, why_module.SINCE]
    catalog = catalogue(lang)
    missing = [s._args[0] for s in strings
               if not (catalog.get(s._args[0]) and catalog.get(s._args[0]).string and not catalog.get(s._args[0]).fuzzy)]
    assert missing == []
    # same placeholders as the English (Catalog.check() in test_i18n also checks their format)
    assert [s._args[0] for s in strings if placeholders(catalog.get(s._args[0]).string) != placeholders(s._args[0])] == []


SAMPLE = {"lang": "ru", "langs": ("kk", "ru"), "versions": ("en", "ru"), "version": "en", "styles": ("az-official",),
          "periods": (ValidityPeriod.parse("2019-03-20/2022-09-17"), ValidityPeriod.parse("/1993")),
          "date": datetime.date(2010, 5, 1), "letters": "'C' is Latin Capital Letter C (U+0043)", "odd": "C"}


def sample(id: str) -> dict:
    names = fields(TEMPLATES[id])
    return {name: SAMPLE.get(name, f"Qx{i}") for i, name in enumerate(names)} | ({"odd": "C"} if id == "mixed-script" else {})


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("id", sorted(TEMPLATES))
def test_every_message_is_said_in_every_ui_language(shared_app, lang, id):
    message = Message.of(id, **sample(id))
    with shared_app.test_request_context("/", headers={"Accept-Language": lang}):
        said = why_module.why(message)
    assert said and (said != str(message) or id.startswith("note"))  # a note is the glossary's own words
    texts = [v for k, v in sample(id).items() if isinstance(v, str) and k not in SAMPLE]
    assert all(text in said for text in texts)  # every name and number the finding is about
    assert not re.search(r"\b(the|is|and|in|form|name|glossary)\b", said)  # no English words left


def test_a_message_keeps_its_parts_across_processes():
    """A forked lint worker sends its findings back pickled."""
    message = Message((("deprecated", {"form": "Fizuli"}), ("use.preferred", {"lang": "en", "target": "Fuzuli"})))
    again = pickle.loads(pickle.dumps(message))
    assert again == "'Fizuli' is a deprecated form; the English form is 'Fuzuli'" and again.parts == message.parts
