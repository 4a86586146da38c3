"""The lint on published copy: each class of false alarm seen on real articles, pinned with a short
excerpt of one (AZERTAC, Report, Trend, Kazinform, BAQ.KZ, Sputnik, TASS, Day.Az, Akorda...), in the
four languages, as plain text, HTML and Markdown. The articles themselves are in benchmarks/lint_eval."""

from pathlib import Path

import pytest

from glossary.formats import read_glossary_file
from glossary.lint.engine import lint_text
from glossary.lint.fixing import fix_text
from glossary.lint.markup import kind_for_path
from glossary.lint.matcher import Matcher

from ..conftest import DATA

MATCHER = Matcher(read_glossary_file(DATA / "lint" / "real_copy.csv"))
ARTICLES = sorted((Path(__file__).parents[2] / "benchmarks" / "lint_eval" / "articles").iterdir())


def found(text, kind="text", **options):
    """(rule, found, suggestion) of each finding."""
    return [(f.rule, f.found, f.suggestion) for f in lint_text(text, MATCHER, kind=kind, **options)]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        pytest.param("html", "<p>The ambassador visited Fizuli.</p><p>Посол посетил Физули и встретился с жителями города.</p>",
                     [("term.deprecated", "Fizuli", "Fuzuli")], id="html-paragraphs-without-a-blank-line-are-two-blocks"),
        pytest.param("html", '<html lang="ru"><body><p>Активное взаимодействие между Баку и Астаной имеет серьезное '
                     'геополитическое значение.</p><ul><li lang="az"><a href="/az">Azərbaycan Prezidenti: Bakı və '
                     'Astananın aktiv qarşılıqlı fəaliyyəti ciddi geosiyasi əhəmiyyət daşıyır</a></li><li lang="en">'
                     '<a href="/en">President Ilham Aliyev: Active cooperation between Baku and Astana has serious '
                     'geopolitical importance</a></li></ul></body></html>', [], id="html-lang-attributes-of-list-items"),
        pytest.param("html", '<html lang="az"><p>Bakı və Astana Orta Dəhlizin inkişafına dair saziş imzalamağa '
                     'hazırlaşır.</p><ul><li><a href="/en">Baku and Astana preparing to sign agreement on TITR '
                     'development</a></li></ul></html>', [], id="html-english-item-on-an-azerbaijani-page"),
        pytest.param("html", '<html lang="kk"><figure><img src="/1.jpg" alt=""><figcaption>Касым-Жомарт Токаев и '
                     'Ильхам Алиев прибыли в город Физули</figcaption></figure><p>Қасым-Жомарт Тоқаев Әзербайжан '
                     'Республикасына мемлекеттік сапары аясында Физули қаласына келді.</p></html>', [],
                     id="html-russian-caption-on-a-kazakh-page"),
        pytest.param("html", '<html lang="ru"><p>Президент Казахстана Касым-Жомарт Токаев и президент Азербайджана '
                     'Ильхам Алиев провели переговоры в Баку.</p><figure><figcaption>Akorda</figcaption></figure></html>',
                     [], id="html-latin-photo-credit-on-a-russian-page"),
        pytest.param("html", '<p>The ambassador visited Fuzuli and met its residents.</p><img src="/1.jpg" '
                     'title="Füzuli şəhəri, 2024" alt="Füzuli şəhəri">', [], id="html-image-title-is-a-block-of-its-own"),
        pytest.param("html", '<html lang="kk"><h2>Ильхам Алиев</h2><p>Әзербайжан президенті Ильхам Әлиев қазан айында '
                     'Қазақстанға мемлекеттік сапармен келуі мүмкін.</p></html>',
                     [("term.deprecated", "Ильхам Алиев", "Ильхам Әлиев")], id="html-page-language-decides-a-short-heading"),
        pytest.param("markdown", "---\nlang: kk\n---\n\n# Ильхам Алиев\n\nӘзербайжан президенті Ильхам Әлиев қазан "
                     "айында Қазақстанға мемлекеттік сапармен келуі мүмкін.\n",
                     [("term.deprecated", "Ильхам Алиев", "Ильхам Әлиев")], id="markdown-front-matter-language"),
        pytest.param("markdown", "# Ильхам Алиев\n\nӘзербайжан президенті Ильхам Әлиев қазан айында Қазақстанға "
                     "мемлекеттік сапармен келуі мүмкін.\n", [], id="markdown-short-heading-alone-is-russian"),
        pytest.param("markdown", "## Bakı və Astana Orta Dəhlizin inkişafına dair saziş imzalamağa hazırlaşır\n"
                     "Baku and Astana preparing to sign agreement on TITR development\n", [],
                     id="markdown-heading-and-the-next-line-are-two-blocks"),
    ],
)
def test_blocks_and_declared_languages(kind, text, expected):
    assert found(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Президент Tokayev прибыл в Баку.", [("term.wrong-language", "Tokayev", "Токаев")],
                     id="ru-sentence-with-one-latin-name-is-russian"),
        pytest.param("АСТАНА, 12 наурыз - Sputnik. Касым-Жомарт Токаев и Ильхам Алиев прибыли в город Физули. "
                     "Қасым-Жомарт Тоқаев Әзербайжан Республикасына мемлекеттік сапары аясында Физули қаласына келді.",
                     [], id="kk-paragraph-quoting-a-russian-caption"),
        pytest.param("Qasym-Jomart Toqaev welcomed Ilham Aliyev. Сообщает пресс-служба Акорды.",
                     [("term.wrong-language", "Qasym-Jomart Toqaev", "Kassym-Jomart Tokayev")],
                     id="en-sentence-then-ru-sentence"),
        pytest.param("Ильхам Алиев посетил Баку, сообщает https://report.az/ru/vneshnyaya-politika/prezident-aktivnoe-"
                     "vzaimodejstvie-mezhdu-baku-i-astanoj", [], id="ru-paragraph-ending-in-a-long-url"),
        pytest.param("Bakı və Astana Orta Dəhlizin inkişafına dair saziş imzalamağa hazırlaşır.\n"
                     "Baku and Astana preparing to sign agreement on TITR development", [],
                     id="az-line-then-en-line-in-plain-text"),
    ],
)
def test_sentences_have_their_own_language(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        pytest.param("text", 'Qeyd olunur ki, ticarət donanmasının inkişafı çərçivəsində "Baku Shipyard" gəmiqayırma '
                     "zavoduna iki konteyner gəmisinin inşası üçün sifariş verilib.", [], id="az-latin-company-name"),
        pytest.param("text", "Об этом заявил директор Baku Network.", [], id="ru-latin-company-name"),
        pytest.param("text", "Prezident Qabalada çıxış edib və yerli sakinlərlə görüşüb.",
                     [("term.wrong-language", "Qabalada", "Qəbələdə")], id="az-title-before-a-name-is-no-company-name"),
        pytest.param("text", "В ходе рабочей поездки в Баку Глава государства провел встречу с Президентом "
                     "Азербайджана, сообщает пресс-служба Akorda.kz.", [], id="ru-domain-name"),
        pytest.param("text", "Токаев прибыл в Баку, сообщает report.az со ссылкой на president.az.", [],
                     id="ru-agency-and-official-domains"),
        pytest.param("html", "<p>Токаев и Алиев провели переговоры, передаёт <a href=\"https://akorda.kz\">"
                     "AKORDA.KZ</a>.</p>", [], id="ru-domain-name-in-capitals-html"),
        pytest.param("text", "President Qasym-Jomart Toqaev welcomed President Ilham Aliyev at the Akorda.",
                     [("term.wrong-language", "Qasym-Jomart Toqaev", "Kassym-Jomart Tokayev")],
                     id="en-kazakh-latin-name-is-foreign"),
        pytest.param("text", "According to Report, which cites KMG data, Kazmortransflot transported 25,500 TEU.", [],
                     id="en-agency-name-written-alike-in-several-languages"),
        pytest.param("markdown", "Президент Tokayev прибыл в Баку.\n", [("term.wrong-language", "Tokayev", "Токаев")],
                     id="ru-latin-name-alone-is-still-reported"),
        # Russian copy writes the press service in Latin only as a credit (Ulysmedia's photo "Akorda",
        # "Фото: Akorda") or its site (Akorda.kz); in running text it writes Акорда (Kazlenta "сообщает
        # Акорда", "Пресс-служба Акорды"): the credit is no finding, running text is
        pytest.param("text", "Токаев и Алиев провели переговоры в Баку, передаёт Ulysmedia.kz со ссылкой на Акорду.\n"
                     "Akorda\nЧто сказал Токаев", [], id="ru-credit-alone-on-its-line"),
        pytest.param("text", "Токаев и Алиев провели переговоры в Баку. Фото: Akorda", [], id="ru-credit-after-its-label"),
        pytest.param("text", "Токаев и Алиев провели переговоры в Баку, сообщает пресс-служба Akorda.",
                     [("term.wrong-language", "Akorda", "Акорда")], id="ru-latin-name-in-running-text"),
    ],
)
def test_foreign_proper_names(kind, text, expected):
    assert found(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("The ambassador visited Физули on Monday.",
                     "'Физули' is the Kazakh and Russian form; the English form is 'Fuzuli'", id="en-every-language-named"),
        pytest.param("Визит в Актау и Fizuli.",
                     "'Fizuli' is a deprecated form in English and Azerbaijani; the Russian form is 'Физули'",
                     id="ru-deprecated-elsewhere-said-so"),
        pytest.param("Cargo reached the Baku International Sea Port on Monday.",
                     "'Baku International Sea Port' is a deprecated form; the English form is 'Port of Baku' - "
                     "common shortening of the legal name (drops 'Trade'); neither the brand (Port of Baku) nor the legal "
                     "name (Baku International Sea Trade Port)", id="en-no-brackets-in-brackets"),
        # the whole note, not its first clause: what follows a semicolon is often the reason itself
        pytest.param("Әзербайжан президенті Ильхам Алиев Астанаға келді.",
                     "'Ильхам Алиев' is a deprecated form; the Kazakh form is 'Ильхам Әлиев' - Russian spelling leaking into "
                     "Kazakh text; also seen in Kazinform kk (2025-10-22), but Akorda writes Әлиев",
                     id="kk-note-after-its-semicolon"),
        pytest.param("Интерес к перевозкам по Транскаспийскому международному транспортному маршруту растет. "
                     "Грузоперевозки по Среднему коридору растут.",
                     "this document writes one name as 'Транскаспийский международный транспортный маршрут' and as "
                     "'Средний коридор'; use one form", id="ru-inconsistent-names-both-forms"),
        # the note describes the former name: beside it, not after the name to write (Tselinograd was
        # not "the English form" 1961-1992)
        pytest.param("The delegation flew to Tselinograd.",
                     "'Tselinograd' is a former name (name 1961–1992); the English form is 'Astana'",
                     id="en-former-names-note-beside-it"),
        # Kazinform, 2022-11-25: the near miss of a one-word name says it once, without the concept's id in brackets
        pytest.param("Roadmap for 2022-27 on the development and exploitation of the route Middle Corridor passing "
                     "through Türkiye, Aerbaijan, and Kazakhstan in line with the Baku declaration.",
                     "not in the glossary, but one letter from 'Azerbaijan'", id="en-near-miss-of-a-one-word-name"),
        # News.am, 2022-05-04, with a letter dropped: a word of a longer name says which name
        pytest.param("Azerbaijani President Ilham Aliyev insists that the so-called Zangzur corridor is already a reality.",
                     "not in the glossary, but one letter from 'Zangezur', a word of 'Zangezur corridor'",
                     id="en-near-miss-of-a-word-of-a-longer-name"),
    ],
)
def test_messages(text, message):
    assert [f.message for f in lint_text(text, MATCHER)] == [message]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        pytest.param("markdown", "According to the source, the Aktau port is an integral part of the Trans-Caspian "
                     "International Transport Route (TITR, or Middle Corridor), whose participants are railway, port "
                     "and shipping companies.\n\nThe Middle Corridor is a transportation and trade route.\n", [],
                     id="en-gloss-in-brackets-with-or"),
        pytest.param("html", "<p>Cargo movement via the Trans-Caspian International Transport Route (TITR), also known "
                     "as the Middle Corridor, jumped by 65%.</p><p>The Middle Corridor runs via China.</p>", [],
                     id="en-gloss-also-known-as"),
        pytest.param("text", "Это наглядный символ растущего значения Среднего коридора (Транскаспийского "
                     "международного транспортного маршрута) в переосмыслении глобальных торговых потоков.", [],
                     id="ru-gloss-in-brackets"),
        pytest.param("text", "Следует отметить, что Транскаспийский международный транспортный маршрут, также "
                     "известный как «Средний коридор», пересекает Казахстан.", [], id="ru-gloss-also-known-as"),
        # TASS, 20 October 2025: the participle agrees with the route, in the instrumental
        pytest.param("text", "\"Транскаспийский международный транспортный маршрут, называемый Средним коридором, "
                     "является сейчас наиболее обсуждаемым\", - сказал ТАСС политический обозреватель.", [],
                     id="ru-gloss-called-in-the-instrumental"),
        pytest.param("html", "<p>Qazaxıstan Transxəzər Beynəlxalq Nəqliyyat Marşrutunun (TBNM, Orta Dəhliz) "
                     "inkişafına prioritet əhəmiyyət verir.</p><p>Bu il Orta Dəhlizlə 5,2 milyon ton yük daşınacaq.</p>",
                     [], id="az-gloss-in-brackets-after-an-acronym"),
        pytest.param("text", "Транскаспий халықаралық көлік маршруты (Орта дәліз) бойынша жүк тасымалы өсті. Орта "
                     "дәліз Қытайдан басталады.", [], id="kk-gloss-in-brackets"),
        pytest.param("markdown", "## Порт Баку, Азербайджан\nБакинский международный морской торговый порт - самый "
                     "большой порт на Каспии.\n", [], id="ru-short-form-beside-the-full-name"),
        # An acronym stands for the name whose initials it spells: TBNM, ТМТМ and ВОЛС for the formal names
        # (Report, Kursiv), so they are what those names are beside the short name
        pytest.param("text", "Bu il Orta Dəhlizlə 5,2 milyon ton yük daşınacaq. TBNM üzrə daşımalar artıb.",
                     [("term.inconsistent", "TBNM", "Orta Dəhliz")], id="az-acronym-of-the-formal-name-beside-the-short-name"),
        pytest.param("text", "Bu il Orta Dəhlizlə 5,2 milyon ton yük daşınacaq. Transxəzər Beynəlxalq Nəqliyyat "
                     "Marşrutu üzrə daşımalar artıb.",
                     [("term.inconsistent", "Transxəzər Beynəlxalq Nəqliyyat Marşrutu", "Orta Dəhliz")],
                     id="az-formal-name-beside-the-short-name"),
        pytest.param("text", "Transxəzər Beynəlxalq Nəqliyyat Marşrutu (TBNM) üzrə daşımalar artıb. TBNM ilə 5,2 milyon "
                     "ton yük daşınıb.", [], id="az-acronym-of-the-formal-name"),
        pytest.param("text", "Интерес к перевозкам по Транскаспийскому международному транспортному маршруту (ТМТМ) "
                     "растет. Грузоперевозки по Среднему коридору растут.",
                     [("term.inconsistent", "Транскаспийскому международному транспортному маршруту", "Среднему коридору")],
                     id="ru-acronym-glossing-a-reported-name-is-not-reported-again"),
        pytest.param("text", "Транскаспийская волоконно-оптическая линия связи соединит Азербайджан и Казахстан. "
                     "Строительство Транскаспийской ВОЛС начнется в 2025 году.", [],
                     id="ru-acronym-of-some-words-of-the-full-name"),
        pytest.param("text", "КазМунайГаз увеличил добычу. Акции КМГ выросли.", [],
                     id="ru-acronym-spelling-no-form-is-a-short-form-of-each"),
        pytest.param("text", "Интерес к перевозкам по Транскаспийскому международному транспортному маршруту растет. "
                     "Грузоперевозки по Среднему коридору растут.",
                     [("term.inconsistent", "Транскаспийскому международному транспортному маршруту",
                       "Среднему коридору")], id="ru-two-names-without-a-gloss-are-inconsistent"),
        pytest.param("html", "<p>President Ilham Aliyev met Kassym-Jomart Tokayev.</p><p>Dear Kassym-Jomart "
                     "Kemelevich, welcome to Baku.</p>", [], id="en-two-parts-of-the-full-name"),
        pytest.param("text", "Грузы идут по Среднему коридору. Транскаспийский международный транспортный маршрут "
                     "растет.", [("term.inconsistent", "Транскаспийский международный транспортный маршрут",
                                  "Средний коридор")], id="ru-two-sentences-are-not-a-gloss"),
        # Report, 2025-10-08, quoting the Gabala declaration: the formal name with its qualifier, glossed
        pytest.param("html", "<p>&quot;Подчеркнуть важность Транскаспийского международного транспортного маршрута "
                     "Восток-Запад (Среднего коридора) и железной дороги Китай-Кыргызстан-Узбекистан&quot;, - говорится "
                     "в документе.</p>", [], id="ru-qualified-name-glossed-report-gabala-declaration"),
        pytest.param("text", "Грузы идут по Транскаспийскому международному транспортному маршруту через Баку (Средний "
                     "коридор растет).", [("term.inconsistent", "Транскаспийскому международному транспортному маршруту",
                                           "Среднему коридору")], id="ru-a-place-name-before-a-parenthesis-is-no-qualifier"),
    ],
)
def test_glosses_and_short_forms_are_consistent(kind, text, expected):
    assert found(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Prezident İlham Əliyev Qazaxstan və Azərbaycan arasında əlaqələrin inkişafından danışıb.",
                     [("term.unknown-variant", "Qazaxstan", "Qazaxıstan")], id="az-near-miss-of-the-azerbaijani-form"),
        pytest.param("Бұл туралы Қазақстан мен Әзербайжан арасындағы келіссөздерде Қазакстан тарапы айтты.",
                     [("term.unknown-variant", "Қазакстан", "Қазақстан")], id="kk-near-miss-of-the-kazakh-form"),
        # Turkistan Digest: a heading "Disputed Karabakh"; a word with another first letter is another word
        pytest.param("Даулы Қарабақ\n\nӘзербайжан мен Армения арасындағы қарым-қатынас туралы сөз қозғады.", [],
                     id="kk-another-first-letter-is-another-word"),
        # Kazakh Latin: the form in the text's alphabet (Aqtaý in 2018 copy), of the two one letter away
        pytest.param("Delegasııa Aqtay qalasyna jáne Ázerbaıjanǵa bardy.", [("term.unknown-variant", "Aqtay", "Aqtaý")],
                     id="kk-latn-2018-near-miss-in-its-alphabet"),
        pytest.param("Delegasiia Aqtay qalasyna jäne Äzerbaijanğa bardy.", [("term.unknown-variant", "Aqtay", "Aqtau")],
                     id="kk-latn-2021-near-miss-in-its-alphabet"),
    ],
)
def test_near_misses_suggest_the_paragraphs_language(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "fixed"),
    [
        pytest.param("html", "<p>Cargo went through the Zangazur&nbsp;corridor in May.</p>",
                     "<p>Cargo went through the Zangezur&nbsp;corridor in May.</p>", id="html-entity-kept"),
        pytest.param("html", "<p>The school in Fi<b>zu</b>li opened.</p>", "<p>The school in Fi<b>zu</b>li opened.</p>",
                     id="html-markup-inside-a-changed-word-left-alone"),
        pytest.param("markdown", "The **Zangazur corridor** and the Zangazur\ncorridor.\n",
                     "The **Zangezur corridor** and the Zangezur\ncorridor.\n", id="markdown-emphasis-and-line-break-kept"),
        pytest.param("text", "Президент Tokayev прибыл в Баку.", "Президент Токаев прибыл в Баку.",
                     id="ru-certain-language-fixed"),
        # a Latin name shows no Russian case: the nominative is written only where the name is in it
        pytest.param("text", "Алиев встретился с Tokayev в Баку.", "Алиев встретился с Tokayev в Баку.",
                     id="ru-latin-name-after-a-preposition-not-fixed"),
        pytest.param("text", "Токаев и Алиев провели переговоры в Баку, сообщает пресс-служба Akorda.",
                     "Токаев и Алиев провели переговоры в Баку, сообщает пресс-служба Akorda.",
                     id="ru-latin-name-governed-by-a-noun-not-fixed"),
        pytest.param("html", "<figure><figcaption>Qasym-Jomart Toqaev</figcaption></figure>",
                     "<figure><figcaption>Qasym-Jomart Toqaev</figcaption></figure>", id="uncertain-language-not-fixed"),
        pytest.param("text", "Директор Baku Network и пресс-служба Akorda.kz сообщили о визите.",
                     "Директор Baku Network и пресс-служба Akorda.kz сообщили о визите.", id="ru-foreign-names-untouched"),
        # Kazakh Latin: the fix keeps the text's alphabet (2018 with acute letters, as Kazinform's and Egemen's
        # Latin editions print; 2021), though the preferred form is the 2021 one
        pytest.param("text", "Ekinshi kúni delegasııa Aktauda boldy, sodan keıin Ázerbaıjanǵa jáne Mańǵystaý oblysyna bardy.",
                     "Ekinshi kúni delegasııa Aqtaýda boldy, sodan keıin Ázerbaıjanǵa jáne Mańǵystaý oblysyna bardy.",
                     id="kk-latn-2018-text-fixed-in-the-2018-alphabet"),
        pytest.param("text", "Ekinşi küni delegasiia Aktauda boldy, sodan keiin Äzerbaijanğa jäne Mañğystau oblysyna bardy.",
                     "Ekinşi küni delegasiia Aqtauda boldy, sodan keiin Äzerbaijanğa jäne Mañğystau oblysyna bardy.",
                     id="kk-latn-2021-text-fixed-in-the-2021-alphabet"),
    ],
)
def test_fix(kind, text, fixed):
    assert fix_text(text, MATCHER, kind=kind).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Fizuli was rebuilt.\n\nПрезидент Tokayev прибыл в Баку.\n\nThe Zangazur corridor, Fizuli.\n",
                     id="three-languages"),
        pytest.param("Визит в Актау и Fizuli.\nQasym-Jomart Toqaev welcomed Ilham Aliyev.", id="two-lines-one-paragraph"),
    ],
)
def test_plain_text_fixes_checked_paragraph_by_paragraph_as_whole(text):
    """Plain text is checked on its fixed paragraphs alone, Markdown on the whole fixed text: the same fixes hold."""
    assert fix_text(text, MATCHER, kind="text").text == fix_text(text, MATCHER, kind="markdown").text != text


@pytest.mark.parametrize("article", [pytest.param(path, id=path.name) for path in ARTICLES])
def test_fix_is_idempotent_on_published_articles(article):
    """After --fix a second lint finds nothing --fix would change and nothing the fix made."""
    text, kind = article.read_text(encoding="utf-8"), kind_for_path(str(article))
    fixed = fix_text(text, MATCHER, kind=kind)
    before = {(f.rule, f.found) for f in fixed.left}
    after = lint_text(fixed.text, MATCHER, kind=kind)
    assert [f for f in after if f.fixable] == []
    assert {(f.rule, f.found) for f in after} <= before
