"""Former names judged by the document's date, the date a document gives itself, and names
mentioned as former ones. Dated cases are excerpts of published articles (the source and
date in each case's comment); the glossary is tests/data/lint/glossary.csv, whose former
names carry validity periods (Nur-Sultan 2019-03-20/2022-09-17, Turkic Council
2009-10-03/2021-11-12, Alma-Ata until 1993, Astana 1998-05-06/2019-03-19 and since 2022-09-17)."""

import datetime

import pytest

from glossary.lint.document_date import document_date
from glossary.lint.engine import lint_text
from glossary.lint.former_names import Timing, historical_mention, timing
from glossary.records import parse_periods

from .test_engine import DEFAULT


def found(text, date=None, **options):
    """(rule, found, suggestion) of each finding."""
    return [(f.rule, f.found, f.suggestion) for f in lint_text(text, DEFAULT, date=date, **options)]


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param("1998-05-05", Timing.BEFORE, id="before-the-first-period"),
        pytest.param("1998-05-06", Timing.INSIDE, id="first-day"),
        pytest.param("2019-03-19", Timing.INSIDE, id="last-day-of-the-first-period"),
        pytest.param("2020-06-01", Timing.BETWEEN, id="between-two-periods"),
        pytest.param("2030-01-01", Timing.INSIDE, id="open-end"),
    ],
)
def test_timing_of_a_date_against_periods(date, expected):
    assert timing(parse_periods("1998-05-06/2019-03-19;2022-09-17/"), day(date)) is expected


def test_timing_after_the_last_period_and_without_periods():
    assert timing(parse_periods("2019-03-20/2022-09-17"), day("2022-09-18")) is Timing.AFTER
    assert timing((), day("1900-01-01")) is Timing.INSIDE


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # Kazinform, 2019-12-30 (inform.kz/en/kazakh-uzbek-leaders-congratulate-each-other-on-upcoming-new-year_a3599857)
        pytest.param("NUR-SULTAN. KAZINFORM – President of Kazakhstan Kassym-Jomart Tokayev and his Uzbek "
                     "counterpart Shavkat Mirziyoyev held telephone talks.", "2019-12-30", [], id="en-nur-sultan-in-2019"),
        pytest.param("NUR-SULTAN. KAZINFORM – President of Kazakhstan Kassym-Jomart Tokayev and his Uzbek "
                     "counterpart Shavkat Mirziyoyev held telephone talks.", "2023-01-10",
                     [("term.superseded", "NUR-SULTAN", "ASTANA")], id="en-nur-sultan-after-2022"),
        # president.az, 2019-10-15 (president.az/en/articles/view/34442)
        pytest.param("The 7th Summit of the Cooperation Council of the Turkic-Speaking States (Turkic Council) has been "
                     "held in Baku.", "2019-10-15", [], id="en-turkic-council-in-2019"),
        # metbuat.az (Axar.az), October 2019: Erdoğan before his visit to Baku
        pytest.param("Türkiyə lideri həmçinin Türk Şurasının 7-ci zirvə toplantısının tarixə düşəcəyini söyləyib.",
                     "2019-10-14", [], id="az-turk-surasi-in-2019"),
        pytest.param("Türkiyə lideri həmçinin Türk Şurasının 7-ci zirvə toplantısının tarixə düşəcəyini söyləyib.",
                     "2024-10-14", [("term.superseded", "Türk Şurasının", "Türk Dövlətləri Təşkilatının")], id="az-turk-surasi-in-2024"),
        # Kazinform in Kazakh, 2021-07-06 (media.inform.kz/kz/photo/2715)
        pytest.param("Жылына Нұр-Сұлтанға 20 мыңға жуық адам келеді.", "2021-07-06", [], id="kk-nur-sultan-in-2021"),
        pytest.param("Жылына Нұр-Сұлтанға 20 мыңға жуық адам келеді.", "2023-07-06",
                     [("term.superseded", "Нұр-Сұлтанға", "Астанаға")], id="kk-nur-sultan-in-2023"),
        # Mir 24 (ria24.today), January 2021: Nazarbayev hands over the chair of Nur Otan
        pytest.param("Основатель главной политической силы страны сообщил об этом на расширенном заседании "
                     "политсовета партии, который прошел в Нур-Султане.", "2021-01-28", [], id="ru-nur-sultan-in-2021"),
        pytest.param("Основатель главной политической силы страны сообщил об этом на расширенном заседании "
                     "политсовета партии, который прошел в Нур-Султане.", "2024-01-28",
                     [("term.superseded", "Нур-Султане", "Астане")], id="ru-nur-sultan-in-2024"),
        pytest.param("The summit of the Organization of Turkic States was held in Baku.", "2019-05-01",
                     [("term.anachronism", "Organization of Turkic States", "Turkic Council")], id="en-name-before-it-existed"),
        pytest.param("Саммит Организации тюркских государств прошёл в Баку.", "2019-05-01",
                     [("term.anachronism", "Организации тюркских государств", "Тюркский совет")], id="ru-name-before-it-existed-declined"),
        pytest.param("Делегация прибыла в Астану.", "2020-05-01", [], id="ru-accepted-name-between-its-periods"),
        # The Astana Times, 2021: the paper kept its name while the city was Nur-Sultan
        pytest.param("NUR-SULTAN – The Astana Times reported the news.", "2021-03-01", [], id="en-a-name-kept-by-another-name"),
        pytest.param("Talks were held in Nur-Sultan.", "2019-01-10",
                     [("term.anachronism", "Nur-Sultan", "Astana")], id="en-former-name-before-it-existed"),
        pytest.param("Talks were held in Astana.", "1995-06-01", [("term.anachronism", "Astana", None)],
                     id="en-no-name-known-for-that-date"),
        # An acronym's own capitals are not the writer's: OTS is no reason for "TURKIC COUNCIL"
        pytest.param("Leaders of the OTS met in Baku.", "2020-05-01",
                     [("term.anachronism", "OTS", "Turkic Council")], id="en-acronym-case-not-carried-onto-a-long-name"),
        pytest.param("LEADERS OF THE ORGANIZATION OF TURKIC STATES MET IN BAKU.", "2020-05-01",
                     [("term.anachronism", "ORGANIZATION OF TURKIC STATES", "TURKIC COUNCIL")],
                     id="en-capitals-written-are-carried"),
        # Short Azerbaijani sentences: a function word before a full stop still counts ("olub.")
        pytest.param("Prezident Kirovabadda olub.", "2024-05-01", [("term.superseded", "Kirovabadda", "Gəncədə")],
                     id="az-short-sentence-is-azerbaijani"),
        pytest.param("Prezident Kirovabadda olub.", "1980-05-01", [], id="az-short-sentence-in-its-period"),
    ],
)
def test_former_names_are_judged_by_the_documents_date(text, date, expected):
    assert found(text, day(date)) == expected


def test_without_a_date_the_date_is_today():
    assert found("The summit of the Turkic Council was held in Baku.") == [
        ("term.superseded", "Turkic Council", "Organization of Turkic States")]


def test_anachronism_is_info_and_never_fixed_and_says_why():
    [finding] = lint_text("The Organization of Turkic States met in Baku.", DEFAULT, date=day("2019-10-15"))
    assert (finding.severity.value, finding.fixable) == ("info", False)
    assert finding.message == ("'Organization of Turkic States' was not yet the name on 2019-10-15; the glossary dates it "
                               "since 2021-11-12; at that date the English name was 'Turkic Council'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # AZERTAC-style gloss; eastcoastdaily.in 2019-03-25: "after Almaty (formerly Alma-Ata)"
        pytest.param("The capital moved from Almaty (formerly Alma-Ata), in the southeast.", [], id="en-formerly-in-brackets"),
        # dodofinance.com, 2022-09-13
        pytest.param("For three years, the capital of Kazakhstan was called Nur-Sultan, but the city regains its old "
                     "name: Astana.", [], id="en-was-called"),
        # Wikipedia's lead, as agencies copy it
        pytest.param("The Organization of Turkic States, formerly called the Turkic Council, is an intergovernmental "
                     "organization.", [], id="en-formerly-called-the"),
        pytest.param("Leaders of the Turkic Council, as it was then called, met in Baku.", [], id="en-as-it-was-then-called"),
        pytest.param("In March Kazakhstan renamed its capital Nur-Sultan.", [], id="en-renamed"),
        pytest.param("Nur-Sultan (now Astana) hosted the summit.", [], id="en-now-in-brackets"),
        pytest.param("The 7th summit of the Turkic Council was held in Baku in 2019.", [], id="en-a-year-of-its-period"),
        pytest.param("The delegation flew to Nur-Sultan on Monday.", [("term.superseded", "Nur-Sultan", "Astana")],
                     id="en-current-news-is-still-reported"),
        pytest.param("Nur-Sultan now hosts the summit.", [("term.superseded", "Nur-Sultan", "Astana")],
                     id="en-now-without-punctuation-is-no-cue"),
        # moscowchanges.ru, after TASS, 2022-09
        pytest.param("Столица Казахстана Нур-Султан официально вернулась к прежнему названию Астана.", [],
                     id="ru-prezhnee-nazvanie"),
        # li.ru, 2022-09-17
        pytest.param("Токаев подписал указ о переименовании столицы из Нур-Султана в Астану.", [], id="ru-pereimenovanie"),
        # aze.az (CBC TV Azerbaijan), 2021-11
        pytest.param("Тюркский совет переименовали в Организацию тюркских государств.", [], id="ru-pereimenovali"),
        pytest.param("Он родился в бывшей Алма-Ате.", [], id="ru-byvshaya"),
        pytest.param("Организация тюркских государств (ранее — Тюркский совет) провела саммит.", [], id="ru-ranee-in-brackets"),
        pytest.param("Астана (в 2019–2022 годах — Нур-Султан) приняла саммит.", [], id="ru-years-of-its-period"),
        pytest.param("Ранее сообщалось, что делегация прибыла в Нур-Султан.", [("term.superseded", "Нур-Султан", "Астана")],
                     id="ru-ranee-soobshchalos-is-no-cue"),
        # azeripress.az, 2019-03-24
        pytest.param("Qazaxıstanın paytaxtı Astananın adı dəyişdirilərək Nur-Sultan olub.", [], id="az-adi-deyisdirilerek"),
        pytest.param("Türk Dövlətləri Təşkilatı (keçmiş adı Türk Şurası) 2009-cu ildə yaradılıb.", [], id="az-kecmis-adi"),
        # Axar.az after Trend, 2013-12-30
        pytest.param("1918-ci ildə Gəncə adı yenidən bərpa edilsə də, 22 fevral 1935-cü ildə şəhərin adı dəyişdirilərək "
                     "Kirovabad olub.", [], id="az-renamed-in-a-year-of-its-period"),
        pytest.param("Prezident İlham Əliyev bu gün Kirovabadda olub və çıxış edib.", [("term.superseded", "Kirovabadda", "Gəncədə")],
                     id="az-kirovabad-today"),
        # encyclopedia2.thefreedictionary.com: "Ganja, formerly Kirovabad, city in NW Azerbaijan"
        pytest.param("Ganja, formerly Kirovabad, is a city in north-western Azerbaijan.", [], id="en-formerly-after-a-comma"),
        pytest.param("Prezident Türk Şurasının zirvəsində iştirak edib.",
                     [("term.superseded", "Türk Şurasının", "Türk Dövlətləri Təşkilatının")], id="az-current-news-is-still-reported"),
        pytest.param("Елорданың бұрынғы атауы — Нұр-Сұлтан.", [], id="kk-buryngy-atauy"),
        # kaz.caravan.kz, 2020-07-06: "Ол кезде елорданың атауы — Астана болатын."
        pytest.param("Ол кезде елорданың атауы Нұр-Сұлтан болатын.", [], id="kk-bolatyn"),
        pytest.param("Нұр-Сұлтан қаласы Астана болып қайта аталды.", [], id="kk-qayta-ataldy"),
        pytest.param("Президент Нұр-Сұлтанда кездесу өткізді.", [("term.superseded", "Нұр-Сұлтанда", "Астанада")],
                     id="kk-current-news-is-still-reported"),
    ],
)
def test_a_name_mentioned_as_a_former_one_is_no_finding(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("source", "kind", "expected"),
    [
        pytest.param("---\ntitle: Summit\ndate: 2019-10-15\n---\nText.", "markdown", "2019-10-15", id="yaml-front-matter"),
        pytest.param("---\ndate: \"2021-11-12T10:30:00+04:00\"\n---\n", "markdown", "2021-11-12", id="yaml-date-time-quoted"),
        pytest.param("+++\ndate = 2020-06-01T08:00:00Z\n+++\n", "markdown", "2020-06-01", id="toml-front-matter"),
        pytest.param("---\ntitle: Summit\n---\ndate: 2019-10-15\n", "markdown", None, id="date-outside-front-matter"),
        pytest.param("---\ndate: yesterday\n---\n", "markdown", None, id="not-a-date"),
        pytest.param('<html><head><meta property="article:published_time" content="2019-12-30T15:20:00+06:00">'
                     "</head></html>", "html", "2019-12-30", id="open-graph-published-time"),
        pytest.param("<meta content='2021-07-06' property='article:published_time' />", "html", "2021-07-06",
                     id="open-graph-content-first"),
        pytest.param('<meta itemprop="datePublished" content="2020-05-25">', "html", "2020-05-25", id="schema-org-date-published"),
        pytest.param('<p>Posted <time datetime="2022-09-17T09:00">17 September</time></p>', "html", "2022-09-17", id="time-element"),
        pytest.param('<meta property="article:modified_time" content="2024-01-01"><time datetime="2019-03-20">',
                     "html", "2019-03-20", id="modified-time-is-not-the-date"),
        pytest.param("date: 2019-10-15\n", "text", None, id="plain-text-has-no-date"),
    ],
)
def test_the_date_a_document_gives_itself(source, kind, expected):
    assert document_date(source, kind) == (day(expected) if expected else None)


@pytest.mark.parametrize(
    ("source", "kind", "expected"),
    [
        pytest.param("---\ndate: 2020-06-01\n---\nTalks were held in Nur-Sultan.\n", "markdown", [], id="markdown-front-matter"),
        pytest.param('<head><meta property="article:published_time" content="2020-06-01T10:00:00+06:00"></head>'
                     "<p>Talks were held in Nur-Sultan.</p>", "html", [], id="html-published-time"),
        pytest.param("<p><time datetime=\"2023-06-01\">1 June 2023</time> Talks were held in Nur-Sultan.</p>", "html",
                     [("term.superseded", "Nur-Sultan", "Astana")], id="html-time-after-the-period"),
    ],
)
def test_the_documents_own_date_is_used(source, kind, expected):
    assert found(source, kind=kind) == expected


def test_a_date_given_wins_over_the_documents_own():
    source = "---\ndate: 2020-06-01\n---\nTalks were held in Nur-Sultan.\n"
    assert found(source, day("2023-06-01"), kind="markdown") == [("term.superseded", "Nur-Sultan", "Astana")]


@pytest.mark.parametrize("gap", [pytest.param(n, id=f"{n}-spaces") for n in range(34, 40)])
def test_a_word_that_only_ends_like_a_cue_is_no_cue_wherever_the_look_behind_starts(gap):
    """'bold' ends in 'old'; the 40 characters looked at before a name may start inside it."""
    text = "The bold" + " " * gap + "Nur-Sultan hosted talks."
    start = text.index("Nur-Sultan")
    assert historical_mention(text, start, start + len("Nur-Sultan"), "en") is False
