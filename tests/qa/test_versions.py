"""The versions of one story given as texts (what the web app's POST /api/qa sends with "versions")."""

import pytest

from tm.qa.versions import VersionsError, check_texts

from . import parallel_set
from .parallel_set import SET, matcher


def story(name, *langs):
    return [((SET / "stories" / name / f"{lang}.txt").read_text(encoding="utf-8"), lang) for lang in langs]


def test_versions_as_texts_give_the_findings_of_the_files():
    findings = check_texts(story("ports", "en", "az", "kk", "ru"), matcher())
    assert [(f.path, f.line, f.rule, f.concept or f.found) for f in findings] == [
        ("versions[1]", 11, "term.deprecated", "fuzuli"),
        ("versions[2]", 5, "version.missing-name", "kuryk"),
        ("versions[3]", 7, "version.numbers", "510"),
    ]


def test_languages_are_detected_when_not_given():
    texts = [(text, None) for text, _ in story("ports", "en", "kk")]
    assert [(f.path, f.lang, f.rule) for f in check_texts(texts, matcher())] == [("versions[1]", "kk", "version.missing-name")]


def test_with_two_versions_the_second_is_the_one_reported():
    en, ru = story("ports", "en", "ru")
    assert [(f.path, f.found) for f in check_texts([en, ru], matcher()) if f.rule == "version.numbers"] == [("versions[1]", "510")]
    assert [(f.path, f.found) for f in check_texts([ru, en], matcher()) if f.rule == "version.numbers"] == [("versions[1]", "501")]


def test_with_three_versions_the_odd_one_out_is_reported_whatever_the_order():
    texts = story("ports", "ru", "en", "kk")
    assert [(f.path, f.lang, f.found) for f in check_texts(texts, matcher()) if f.rule == "version.numbers"] == [
        ("versions[0]", "ru", "510")]


def test_a_name_only_one_of_three_versions_gives_is_not_reported_on_the_others():
    texts = story("visit", "en", "az", "ru")  # only the Russian version names Ilham Aliyev
    assert not [f for f in check_texts(texts, matcher()) if f.concept == "ilham-aliyev"]


@pytest.mark.parametrize(("texts", "message"), [
    pytest.param([("Baku.", "en")], "two or more versions of one story are needed to compare them", id="one-version"),
    pytest.param([("Talks in Baku.", "en"), ("Talks in Shusha.", "en")],
                 "versions[0] and versions[1] are both in English: the versions of a story are in different languages "
                 "(give each one's language if it was not recognised)", id="one-language"),
    pytest.param([("Talks in Baku.", "en"), ("   ", "ru")], "versions[1]: no sentences to compare", id="empty"),
])
def test_versions_that_cannot_be_compared(texts, message):
    with pytest.raises(VersionsError) as raised:
        check_texts(texts, matcher())
    assert str(raised.value) == message


def test_two_versions_as_pairs_of_sentences_with_the_alignment_report():
    from tm.qa.versions import aligned_pairs

    en, ru = [parallel_set.story_versions("ports")[i] for i in (0, 3)]
    pairs, report = aligned_pairs(en, ru)
    assert report == {"aligned": 6, "merged": 1, "unaligned": 0}
    merged = next(p for p in pairs if p.shape == (2, 1))
    assert merged.source == ("Tokayev said the Middle Corridor would carry 3.4 million tonnes next year. "
                             "Talks on a new ferry line to Alat will continue in Nakhchivan.")
    assert merged.target.startswith("Токаев заявил, что по Среднему коридору")
    assert [p.shape for p in pairs].count((1, 1)) == 6


def test_markdown_versions_are_read_for_their_prose_not_link_addresses():
    en = ("---\ntitle: Cargo via Kuryk\n---\n\nCargo goes through [the port of Kuryk](https://example.kz/news/2024/510). "
          "It received 501 wagons.\n")
    ru = ("---\ntitle: Грузы через Курык\n---\n\nГрузы идут через [порт Курык](https://example.kz/ru/news/2023/7). "
          "Он принял 501 вагон.\n")
    assert check_texts([(en, "en"), (ru, "ru")], matcher(), kind="markdown") == []


EN_VISIT = ("Kassym-Jomart Tokayev arrived in Baku on a working visit. The talks covered trade and transport. "
            "Ministers of the two countries signed agreements on customs. A new ferry line will link the ports next year. "
            "The delegations also discussed water and energy. Tokayev called Baku the pearl of the Caspian region.")


@pytest.mark.parametrize(("ru", "expected"), [
    # an editor moved the last sentence to the top: every mention of Baku is there, elsewhere
    pytest.param("Касым-Жомарт Токаев прибыл в Баку с рабочим визитом. Токаев назвал Баку жемчужиной Каспийского региона. "
                 "Переговоры касались торговли и транспорта. Министры двух стран подписали соглашения о таможне. "
                 "В следующем году новая паромная линия свяжет порты. Делегации обсудили также воду и энергетику.",
                 [], id="sentence-moved"),
    # the same order, Baku left out of the last sentence: one mention fewer than the English
    pytest.param("Касым-Жомарт Токаев прибыл в Баку с рабочим визитом. Переговоры касались торговли и транспорта. "
                 "Министры двух стран подписали соглашения о таможне. В следующем году новая паромная линия свяжет порты. "
                 "Делегации обсудили также воду и энергетику. Токаев назвал город жемчужиной Каспийского региона.",
                 [("version.missing-name", "baku")], id="repeated-name-dropped"),
])
def test_a_moved_sentence_is_not_a_missing_name(ru, expected):
    findings = check_texts([(EN_VISIT, "en"), (ru, "ru")], matcher())
    assert [(f.rule, f.concept) for f in findings] == expected


@pytest.mark.parametrize(("texts", "expected"), [
    pytest.param([("Trade grew by 14.3% last year, to $529.4 million.", "en"),
                  ("По итогам 2023 года товарооборот вырос на 14,3% и составил $529,4 млн.", "ru"),
                  ("Өткен жылы тауар айналымы 14,3%-ға артып, $529,4 млн-ды құрады.", "kk")],
                 [], id="year-made-explicit-ru"),
    pytest.param([("Trade grew by 14.3% last year.", "en"), ("Ticarət dövriyyəsi 2023-cü ildə 14,3% artıb.", "az")],
                 [], id="year-made-explicit-az"),
    pytest.param([("Ticarət dövriyyəsi ötən il 14,3% artıb.", "az"), ("Trade grew by 14.3% in 2023.", "en")],
                 [], id="year-made-explicit-en"),
    pytest.param([("Trade grew by 14.3% in 2023.", "en"), ("В 2024 году товарооборот вырос на 14,3%.", "ru")],
                 [("version.numbers", "2024")], id="another-year"),
    pytest.param([("Trade grew by 14.3% last year.", "en"), ("Товарооборот вырос на 14,3% и 2023 тонны.", "ru")],
                 [("version.numbers", "2023")], id="not-written-as-a-year"),
])
def test_a_year_one_version_makes_explicit_is_not_a_different_number(texts, expected):
    assert [(f.rule, f.found) for f in check_texts(texts, matcher())] == expected
