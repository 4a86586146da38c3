"""The bundled glossary (glossary/data/bundled/*.csv) as data: complete, sourced, consistent,
in a stable order, and quiet on the names it must leave alone.

The issue's last data check, that the glossary loads, compiles and lints the corpus articles with
exactly the findings expected, is `test_corpus_reports_its_real_inconsistencies_and_nothing_else` in
tests/test_cli_lint.py (`tilmash init`, then `tilmash lint` on tests/data/corpus)."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from glossary.formats.csv import FORMAT
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher
from glossary.lint.mentions import mentions
from glossary.records import ACCEPTED_STATUSES, CaseRule, TermStatus, format_periods
from glossary.termbase import bundled_glossary
from glossary.validation import statuses_in_style

BUNDLED = Path(__file__).parents[1] / "glossary" / "data" / "bundled"
FILES = sorted(BUNDLED.glob("*.csv"))
GLOSSARY = bundled_glossary()
CONCEPTS = GLOSSARY.concepts
STYLES = [None, *GLOSSARY.styles()]
CORE = ("en", "az", "kk", "ru")


def is_uncertain(term) -> bool:
    return (term.note or "").startswith("uncertain:")


def preferred_cells():
    """(concept, language, term) of the default style's preferred term in each core language."""
    return [(c, t.lang, t) for c in CONCEPTS for t in c.terms if t.lang in CORE and t.status is TermStatus.PREFERRED]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_is_in_canonical_order(path):
    """Concepts by id, terms by language and status, as `tilmash export --format csv` writes them:
    a change to the data is a small readable diff."""
    data = path.read_bytes()
    canonical = FORMAT.write(FORMAT.read(data, str(path)).normalized())
    differing = [i for i, (a, b) in enumerate(zip(data.decode().splitlines(), canonical.decode().splitlines()), 1) if a != b]
    assert data == canonical, f"{path.name}: first line out of canonical order: {differing[:1]}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_holds_one_subject_field_named_after_it(path):
    fields = {c.subject_field for c in FORMAT.read(path.read_bytes(), str(path)).concepts}
    assert fields == {path.stem.replace("-", " ")}


# The names issue 11 asks for by name: each must stay in the glossary.
REQUIRED = [
    "ilham-aliyev", "kassym-jomart-tokayev", "heydar-aliyev", "nursultan-nazarbayev", "mehriban-aliyeva",
    "ali-asadov", "olzhas-bektenov", "jeyhun-bayramov", "yermek-kosherbayev", "parviz-shahbazov",
    "yerlan-akkenzhenov", "nurlan-sauranbayev", "mikayil-jabbarov", "aghalar-atamoglanov", "alim-bayel",
    "ruslan-zheldibay", "karabakh", "east-zangezur", "mangystau-region", "tengiz", "kashagan", "socar",
    "kazmunaygas", "kaztransoil", "samruk-kazyna", "azerbaijan-investment-holding", "azerbaijan-railways",
    "kazakhstan-temir-zholy", "kazmortransflot", "caspian-pipeline-consortium", "milli-majlis", "mazhilis", "cis",
    "organization-of-turkic-states", "parliamentary-assembly-of-turkic-states", "baku-tbilisi-ceyhan", "baku-supsa",
    "baku-tbilisi-kars", "middle-corridor", "caspian-green-energy-corridor", "trans-caspian-fibre-optic-line",
    "alat-free-economic-zone", "cop29", "azal-crash-near-aktau", "azertac", "kazinform", "report-news-agency",
    "gazakh", "taraz", "alat", "semey", "oral", "petropavl", "oskemen", "kostanay", "kyzylorda", "atyrau",
    "sahiba-gafarova", "yerlan-koshanov", "maulen-ashimbayev", "serik-zhumangarin", "zangilan", "batumi", "samarkand", "bishkek", "istanbul", "makhachkala", "aida-balayeva", "tengizchevroil", "kazakhtelecom",
    "azertelecom", "siyazan", "atyrau-samara", "bagdat-musin", "qazaqgaz", "chevron",
    "speca", "antonio-guterres", "sergei-lavrov", "aral-sea", "unesco", "international-fund-for-saving-the-aral-sea",
    "un-general-assembly", "csto", "world-bank", "imf", "oliy-majlis",
]
# Counts this revision reached; the issue's targets are 250 concepts and at most one uncertain
# preferred cell in ten. The floor and the ceiling may only move towards them. (Astara, the 258th, came
# with a Kazakh cell no page showed; the Azerbaijani cell of KTZ, seen in Report, made up for it.)
CONCEPTS_FLOOR = 260
UNCERTAIN_CELLS_CEILING = 95


@pytest.mark.parametrize("concept", REQUIRED)
def test_the_issue_names_are_in_the_glossary(concept):
    assert concept in {c.id for c in CONCEPTS}


def test_coverage_does_not_shrink():
    assert len(CONCEPTS) >= CONCEPTS_FLOOR, Counter(c.subject_field for c in CONCEPTS)


@pytest.mark.parametrize("lang", CORE)
def test_every_concept_has_a_preferred_term_in_each_language(lang):
    missing = [c.id for c in CONCEPTS if not any(t.lang == lang and t.status is TermStatus.PREFERRED for t in c.terms)]
    assert missing == []


def test_every_form_is_sourced_or_marked_uncertain():
    unsourced = [(c.id, t.lang, t.text) for c in CONCEPTS for t in c.terms if not t.source and not is_uncertain(t)]
    assert unsourced == []


def test_uncertain_notes_say_what_was_searched():
    vague = [(c.id, t.lang, t.text) for c in CONCEPTS for t in c.terms if is_uncertain(t) and "searched" not in t.note]
    assert vague == []


def test_uncertain_cells_do_not_grow():
    uncertain_cells = [(c.id, lang) for c, lang, t in preferred_cells() if is_uncertain(t)]
    assert len(uncertain_cells) <= UNCERTAIN_CELLS_CEILING, uncertain_cells


def test_every_deprecated_or_superseded_term_gives_its_reason():
    silent = [(c.id, t.lang, t.text) for c in CONCEPTS for t in c.terms
              if t.status not in ACCEPTED_STATUSES and not (t.note or "").strip()]
    assert silent == []


def _rule_matches(term, text: str) -> bool:
    """Whether ``term`` under its case rule would match ``text`` written whole."""
    if term.case_rule is CaseRule.STRICT:
        return term.text == text
    if len(term.text) != len(text):
        return False
    if term.case_rule is CaseRule.INSENSITIVE:
        return term.text.casefold() == text.casefold()
    return all(a == b if a.isupper() else a.lower() == b.lower() for a, b in zip(term.text, text))


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s or "default")
def test_no_form_is_both_accepted_and_rejected(style):
    """A deprecated or superseded form that matches an accepted form of the same concept under
    its case rule would flag correct copy (the audit's 'Baku international sea trade port')."""
    conflicts = []
    for concept in CONCEPTS:
        statuses = statuses_in_style(concept.terms, style)
        for rejected, status in statuses.items():
            if status in ACCEPTED_STATUSES:
                continue
            conflicts += [(concept.id, rejected.lang, rejected.text, accepted.text)
                          for accepted, other in statuses.items()
                          if other in ACCEPTED_STATUSES and accepted.lang == rejected.lang and _rule_matches(rejected, accepted.text)]
    assert conflicts == []


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s or "default")
def test_every_accepted_form_written_alone_is_clean(style):
    """Each preferred or admitted form, as the only words of a text in its language, gives no
    finding: no other concept's variant hides inside it, and no rule of the engine disowns it."""
    matcher = Matcher(GLOSSARY, style)
    noisy = []
    for concept in CONCEPTS:
        for term, status in statuses_in_style(concept.terms, style).items():
            if status in ACCEPTED_STATUSES and term.lang in CORE:
                findings = lint_text(term.text, matcher, lang=term.lang)
                noisy += [(concept.id, term.lang, term.text, f.rule, f.found) for f in findings]
    assert noisy == []


GLOSSARY_MATCHER = Matcher(GLOSSARY)
AZ_OFFICIAL = Matcher(GLOSSARY, "az-official")


def findings(text, lang, matcher=GLOSSARY_MATCHER):
    return [(f.rule, f.found, f.suggestion) for f in lint_text(text, matcher, lang=lang)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        pytest.param("en", "Nursultan Nazarbayev met Ilham Aliyev in Baku.", id="nursultan-the-first-name-en"),
        pytest.param("en", "Dear Nursultan Abishevich, welcome to Baku.", id="nursultan-with-patronymic-is-not-nur-sultan"),
        pytest.param("az", "Nursultan Nazarbayevin Bakıya səfəri başladı.", id="nursultan-the-first-name-az"),
        pytest.param("kk", "Нұрсұлтан Назарбаев Бакуде болды.", id="nursultan-the-first-name-kk"),
        pytest.param("kk", "Теңіз жағасында демалыс. Каспий теңізінің түбімен кабель тартылады.", id="tenіz-is-sea-in-kazakh"),
        pytest.param("kk", "Теңіз кен орнында өндіріс артты.", id="tengiz-field-in-kazakh"),
        pytest.param("az", "Qazax rayonunda yeni məktəb açılıb. Qazaxıstan nümayəndələri iştirak edib.", id="qazax-district-is-not-qazaxistan"),
        pytest.param("kk", "Елші Әзербайжанның Қазақ ауданына барды. Қазақ халқы мерекені тойлады.", id="qazaq-district-is-not-kazakh"),
        pytest.param("en", "The tanker Taraz delivered Kazakh oil from Aktau to Baku.", id="taraz-the-tanker"),
        pytest.param("ru", "Казахстанский танкер «Taraz» с кашаганской нефтью вышел из порта Актау в Баку.",
                     id="taraz-the-tanker-quoted-in-russian-kaztransoil"),
        pytest.param("en", "Alat settlement hosts the Port of Baku and the Alat Free Economic Zone.", id="alat-the-settlement"),
        pytest.param("kk", "Арал қаласының әкімі теңіз жағасына дейінгі қашықтық қысқарғанын айтты.", id="aral-the-town-is-not-the-aral-sea-kk"),
        pytest.param("en", "The distance between the sea and the town of Aral is 17 kilometers.", id="aral-the-town-is-not-the-aral-sea-en"),
        pytest.param("en", "The Semipalatinsk test site was closed in 1991.", id="semipalatinsk-test-site-keeps-its-name"),
        pytest.param("ru", "Семипалатинский ядерный полигон закрыт в 1991 году.", id="semipalatinsk-test-site-ru"),
        pytest.param("en", "Trade with Uralsk and Petropavlovsk grew, Kazinform reported.", id="russian-city-names-kazinform-writes"),
        pytest.param("en", "This was the goal of the Nevada-Semipalatinsk movement established in 1989.", id="nevada-semipalatinsk-movement"),
        pytest.param("ru", "Проект будет реализован на судоверфи Baku Shipyard, входящей в состав AZCON Holding.",
                     id="latin-brands-in-russian-trend"),
        pytest.param("kk", "Маңғыстау облысының басым бөлігінде, Ұлытау облысының шығысында жел күшейеді. Орал қаласында тұман.",
                     id="kazhydromet-regions-kk"),
        pytest.param("ru", "Переселение в 7 городов (Джебраил, Шуша, Ходжалы, Лачын, Физули, Кяльбаджар и Агдам) и в поселок Керкиджахан города Ханкенди.",
                     id="report-ru-karabakh-towns"),
        pytest.param("az", "Transxəzər Beynəlxalq Nəqliyyat Marşrutu ilə \"Samruk-Kazyna\" və Azərbaycan İnvestisiya Holdinqi.",
                     id="report-az-middle-corridor-and-samruk"),
        # Kazinform's Latin service (qz.inform.kz ..._a4082815) writes Ázirbaıjan, the Latin of the admitted Әзірбайжан
        pytest.param("kk-Latn", "Osy arqyly Qazaqstanda lokomotıv temirjol tehnıkasynyń óndirisi men Ázirbaıjanda keme "
                     "shyǵaratyn kásiporynnyń qyzmetin jolǵa qoıý kózdelip otyr.", id="kazinform-latin-azirbaijan-with-suffix"),
        # a name with the letters of its own language (Kazinform 2019) or е for ё (Sputnik 2019) is no misspelling
        pytest.param("en", "Nursultan Nazarbayev expressed gratitude to Recep Tayyip Erdoğan for his proposal.",
                     id="erdogan-with-its-turkish-g-kazinform-en"),
        pytest.param("ru", "Нурсултан Назарбаев, Реджеп Тайип Эрдоган, Шавкат Мирзиеев, Сооронбай Жээнбеков и Виктор Орбан "
                     "прибыли в Баку.", id="mirziyoyev-with-e-for-yo-sputnik-ru"),
        # Astara, the border town (Azerbaijan and Iran) of the North-South corridor, one letter from Astana
        pytest.param("en", "Kazakhstan and Iran discussed shipping grain via the port of Astara.", id="astara-is-not-astana-en"),
        pytest.param("az", "Yüklər Astara terminalı və Rəşt-Astara dəmir yolu ilə daşınacaq.", id="astara-is-not-astana-az"),
        pytest.param("ru", "Делегация посетила порт Астара и город Астару на границе с Ираном.", id="astara-is-not-astana-ru"),
        pytest.param("kk", "Жүк Астара арқылы Иранға жөнелтілді.", id="astara-is-not-astana-kk"),
        # Kazakh Latin copy (Qamshy's Latin edition, 2020) writes the Kazakh names in its letters: Nazarbaev is
        # Назарбаев, Alıev Алиев, not misspellings of the English Nazarbayev and Aliyev
        pytest.param("kk-Latn", "Elbasy Nursultan Nazarbaev pen Geıdar Alıev dostyq qaǵıdalaryn ornatqan.",
                     id="kazakh-latin-spelling-of-the-kazakh-name-is-no-near-miss"),
        # ... nor in Cyrillic copy, where it is a handle or a name quoted as its owner writes it (Lenta.ru 2025)
        pytest.param("ru", "Об этом сообщила в своем Telegram-канале пресс-служба казахстанского лидера Aqorda.",
                     id="aqorda-quoted-in-russian-is-no-near-miss"),
        # a Latin brand's name in Kazakh Latin copy keeps its English words and spelling, in either alphabet
        pytest.param("kk-Latn", "Heydar Aliyev Foundation qory Ázerbaıjan mádenıetin tanystyrdy.", id="brand-with-an-english-name-kk-latn"),
        pytest.param("kk-Latn", "Baku Network sarapshysy Ázerbaıjannyń saıasaty týraly aıtty.", id="brand-with-the-2021-form-in-2018-copy"),
        # each alphabet's own forms, with suffixes, and names that read the same in both
        pytest.param("kk-Latn", "Bakýden Aqtaýǵa keme jetti. Qazaqstan men Ázerbaıjan Astanada kelisti.", id="2018-copy-in-2018-forms"),
        pytest.param("kk-Latn", "Bakuden Aqtauğa keme jetti. Qazaqstan men Äzerbaijan Astanada kelisti.", id="2021-copy-in-2021-forms"),
        # abai.kz's own Latin (2018), acute vowels and digraphs for ғ and ң (Qúryq, portynyng): neither alphabet
        pytest.param("kk-Latn", "Qúryq porty Kaspiy tenizining shyghys jaghalauynda ornalasqan Aqtau portynyng ontýstigindegi "
                     "tabighy shyghanaq.", id="abai-kz-latin-is-neither-alphabet"),
    ],
)
def test_homonyms_and_live_outlet_forms_are_not_flagged(lang, text):
    assert findings(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("kk", "Тенгиз кен орнында өндіріс артты.", [("term.deprecated", "Тенгиз кен орнында", "Теңіз кен орнында")],
                     id="russian-tengiz-in-kazakh"),
        pytest.param("kk", "Мангистау облысында жел күшейеді.", [("term.deprecated", "Мангистау облысында", "Маңғыстау облысында")],
                     id="russian-mangistau-in-kazakh"),
        pytest.param("kk", "Мажилис депутаттары келісімді бекітті.", [("term.deprecated", "Мажилис", "Мәжіліс")],
                     id="russian-mazhilis-in-kazakh"),
        pytest.param("kk", "«Самрук-Казына» қоры жоба бастады.", [("term.deprecated", "Самрук-Казына", "Самұрық-Қазына")],
                     id="russian-samruk-in-kazakh"),
        pytest.param("kk", "Сыртқы істер министрі Ермек Кошербаев мәлімдеді.", [("term.deprecated", "Ермек Кошербаев", "Ермек Көшербаев")],
                     id="russian-kosherbayev-in-kazakh"),
        pytest.param("kk", "Мәжіліс Төрағасы Ерлан Кошанов пен Сенат Төрағасы Маулен Ашимбаев кездесті.",
                     [("term.deprecated", "Ерлан Кошанов", "Ерлан Қошанов"), ("term.deprecated", "Маулен Ашимбаев", "Мәулен Әшімбаев")],
                     id="russian-speakers-names-in-kazakh"),
        pytest.param("kk", "Венгрия мен Түркіменстан бақылаушы.", [("term.deprecated", "Түркіменстан", "Түрікменстан")],
                     id="turkmenistan-variant-spelling-in-kazakh"),
        pytest.param("en", "Qasym-Zhomart Toqaev said. Toqaev added.",
                     [("term.deprecated", "Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev"), ("term.deprecated", "Toqaev", "Tokayev")],
                     id="kazakh-latin-toqaev-in-english"),
        pytest.param("en", "Dear Kassym-Jomart Kemelovich, welcome.", [("term.deprecated", "Kassym-Jomart Kemelovich", "Kassym-Jomart Kemelevich")],
                     id="wrong-patronymic-without-surname"),
        pytest.param("en", "Minister Jeykhun Bayramov arrived.", [("term.deprecated", "Jeykhun Bayramov", "Jeyhun Bayramov")],
                     id="jeykhun-transliteration"),
        pytest.param("en", "Tankers of KazMunaiGas and KazMunaiGaz.",
                     [("term.deprecated", "KazMunaiGas", "KazMunayGas"), ("term.deprecated", "KazMunaiGaz", "KazMunayGas")],
                     id="kazmunaigas-spellings"),
        pytest.param("en", "Oil from Kazmunaigaz (KMG) fields.", [("term.deprecated", "Kazmunaigaz", "KazMunayGas")], id="kazmunaigaz-azernews"),
        pytest.param("en", "President Ilkham Aliyev arrived.", [("term.deprecated", "Ilkham Aliyev", "Ilham Aliyev")], id="ilkham-kazinform-en"),
        pytest.param("en", "Oil reached Semipalatinsk on Monday.", [("term.superseded", "Semipalatinsk", "Semey")], id="semipalatinsk-the-city"),
        pytest.param("az", "Kaşağan yatağından neft.", [("term.deprecated", "Kaşağan", "Kaşaqan")], id="kashagan-az-spelling"),
        pytest.param("en", "A cargo ship will run between the port of Kurik and the ports of Azerbaijan.",
                     [("term.deprecated", "Kurik", "Kuryk")], id="kurik-azernews"),
        pytest.param("az", "Vaqonların 14 min ədədi isə Bakı-Kurik/Aktau-Bakı istiqamətində hərəkət edib.",
                     [("term.wrong-language", "Kurik", "Kurık")], id="kurik-in-azerbaijani-report-2026"),
        pytest.param("az", "KazMunayGas (KMG) şirkətinin törəmə müəssisəsi “Kazmotransflot” 2025-ci ildə konteyner daşıyıb.",
                     [("term.wrong-language", "KazMunayGas", "KazMunayQaz"),
                      ("term.unknown-variant", "Kazmotransflot", "Kazmortransflot")], id="kazmortransflot-misspelt-finss-2026"),
        # the same misspellings one letter further: still reported
        pytest.param("ru", "Шавкат Мирзияев прибыл в Баку.", [("term.unknown-variant", "Мирзияев", "Мирзиёев")],
                     id="mirziyoyev-misspelt-ru"),
        pytest.param("en", "Recep Tayyip Erdoan spoke in Baku.", [("term.unknown-variant", "Erdoan", "Erdogan")],
                     id="erdogan-misspelt-en"),
        # Kazinform's Latin article writes Azerbaijan two ways: inconsistent, the suffix carried in its alphabet
        pytest.param("kk-Latn", "Qazaqstan men Ázerbaıjan Transkaspıı kólik baǵytyn damytý týraly memorandýmdarǵa qol qoıdy. "
                     "Osy arqyly Ázirbaıjanda keme shyǵaratyn kásiporynnyń qyzmetin jolǵa qoıý kózdelip otyr.",
                     [("term.inconsistent", "Ázirbaıjanda", "Ázerbaıjanda")], id="azerbaijan-two-ways-kazinform-latin"),
        # misspellings in 2025 copy that no rule saw: a dropped possessive (Report) and Russian дж in Kazakh (Kazakhstan Today)
        pytest.param("az", "Prezident Türk Dövlətlər Təşkilatının sammitində çıxış edib.",
                     [("term.deprecated", "Türk Dövlətlər Təşkilatının", "Türk Dövlətləri Təşkilatının")],
                     id="ots-without-its-possessive-report-az"),
        pytest.param("kk", "Елші Әзербайджандағы жобалар туралы айтты.",
                     [("term.deprecated", "Әзербайджандағы", "Әзербайжандағы")], id="azerbaijan-with-russian-dzh-in-kazakh"),
        # Kazakh Latin copy: the English form of a name before a Kazakh word (not a brand's name)
        pytest.param("kk-Latn", "Ázerbaıjan Prezıdenti Ilham Aliyev Astanaǵa keldi.",
                     [("term.wrong-language", "Ilham Aliyev", "Ilham Álıev")], id="english-aliyev-before-a-kazakh-word"),
        pytest.param("kk-Latn", "Ilham Aliyev Qazaqstanda boldy.",
                     [("term.wrong-language", "Ilham Aliyev", "Ilham Äliev")], id="english-aliyev-before-a-kazakh-latin-name"),
        # the 2018 letters with Á's acute dropped: Азербайжан, neither alphabet's form
        pytest.param("kk-Latn", "Qazaqstan Prezıdenti Azerbaıjanǵa sapar jasady.",
                     [("term.deprecated", "Azerbaıjanǵa", "Ázerbaıjanǵa")], id="azerbaijan-without-its-acute"),
        # a text mixing the alphabets in names: the other alphabet's form, with the text's
        pytest.param("kk-Latn", "Ázerbaıjan astanasy Bakuda ministrlerdiń kezdesýi ótti.",
                     [("term.inconsistent", "Bakuda", "Bakýde")], id="2021-baku-in-2018-copy"),
        pytest.param("kk-Latn", "Qazaqstan men Äzerbaijan arasynda Bakýde kelisim jasaldy. Memorandýmǵa qol qoıyldy.",
                     [("term.inconsistent", "Äzerbaijan", "Ázerbaıjan")], id="2021-azerbaijan-in-2018-copy"),
        pytest.param("kk-Latn", "Äzerbaijan astanasy Baký. Sapar şilde ötti.",
                     [("term.inconsistent", "Baký", "Baku")], id="2018-baku-in-2021-copy"),
        pytest.param("kk-Latn", "Baku men Baký týraly aıtty. Ázerbaıjan astanasynyń turǵyndary.",
                     [("term.inconsistent", "Baku", "Baký")], id="baku-two-ways-in-2018-copy-keeps-the-2018-form"),
        # Kuryk in each alphabet (2018 Quryq, as the Latin editions print it; 2021 Qūryq), in the other one's copy
        pytest.param("kk-Latn", "Qūryq portyna keme keldi, teńizdiń jaǵasynda.",
                     [("term.inconsistent", "Qūryq", "Quryq")], id="2021-kuryk-in-2018-copy"),
        pytest.param("kk-Latn", "Quryq portyna keme keldi, teñizdiñ jağasynda.",
                     [("term.inconsistent", "Quryq", "Qūryq")], id="2018-kuryk-in-2021-copy"),
        # the Horadiz-Aghband line with the gh of Aghband dropped (APA, 2023; an Azerbaijani sentence of ours)
        pytest.param("en", "The Horadiz-Agband railway is 70% built.",
                     [("term.unknown-variant", "Agband", "Aghband")], id="horadiz-agband-misspelt-en"),
        pytest.param("az", "Horadiz-Agbənd dəmir yolu tikilir.",
                     [("term.unknown-variant", "Agbənd", "Ağbənd")], id="horadiz-agbend-misspelt-az"),
    ],
)
def test_variants_real_copy_uses_are_caught(lang, text, expected):
    assert findings(text, lang) == expected


MENTIONS_MATCHER = Matcher(GLOSSARY, shortcuts=False)


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        pytest.param(word, concept, id=word)
        for concept, words in (
            ("fuzuli", ("Физулиге", "Физулиде", "Физулиден", "Физулидің", "Физулиді", "Физулимен", "Физулидегі")),
            ("baku", ("Бакуге", "Бакуда", "Бакуде", "Бакуден", "Бакудың", "Бакуға", "Бакумен")),
            ("tbilisi", ("Тбилисиге", "Тбилисиде", "Тбилисиден")),
            ("shusha", ("Шушаға", "Шушада", "Шушаның")),
        )
        for word in words
    ],
)
def test_kazakh_case_suffixes_on_vowel_final_borrowed_names_are_recognised(word, concept):
    """Физули, Баку, Тбилиси end in и/у after a consonant: Kazakh writes them with the suffixes of
    a vowel (Бакуға) or of the sonorant й/у (Физулиге, Физулидің); both name the place."""
    found = mentions(f"Делегация {word} барды.", MENTIONS_MATCHER, lang="kk")
    assert [m.concept for m in found] == [concept]
    assert findings(f"Делегация {word} барды.", "kk") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Fizuliге барды.", ("Fizuliге", "Физулиге"), id="latin-fizuli-dative"),
        pytest.param("Fizuliдің мектебі.", ("Fizuliдің", "Физулидің"), id="latin-fizuli-genitive-after-sonorant"),
        pytest.param("Fizuliнің мектебі.", ("Fizuliнің", "Физулидің"), id="latin-fizuli-genitive-after-vowel"),
        pytest.param("Bakuдың көшелері.", ("Bakuдың", "Бакудің"), id="latin-baku-genitive"),
    ],
)
def test_latin_spellings_of_vowel_final_names_in_kazakh_carry_their_suffixes(text, expected):
    assert ("term.wrong-language", *expected) in findings(text, "kk")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Келіссөздер Bakuда өтті.", ("Bakuда", "Бакуде"), id="baku-locative-written-back"),
        pytest.param("Келіссөздер Bakuде өтті.", ("Bakuде", "Бакуде"), id="baku-locative-written-front"),
        pytest.param("Bakuдағы келіссөздер.", ("Bakuдағы", "Бакудегі"), id="baku-attributive"),
        pytest.param("Делегация Bakuға барды.", ("Bakuға", "Бакуге"), id="baku-dative"),
    ],
)
def test_kazakh_suggestions_for_baku_follow_what_outlets_write(text, expected):
    """Kazakh outlets write Бакуде, Бакуге, Бакуден (7 pages counted) more than Бакуда (2; NOTES.md):
    a suggestion builds the front forms, whatever the text wrote; both are recognised as Baku."""
    assert ("term.wrong-language", *expected) in findings(text, "kk")


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        pytest.param("en", "Deputy Prime Minister Kanat Bozumbayev said the report on the AZAL crash near Aktau was close. "
                     "Hikmet Hajiyev spoke of the Organization of Turkic States and the Shanghai Cooperation Organization.",
                     {"kanat-bozumbayev", "hikmet-hajiyev", "organization-of-turkic-states", "sco"}, id="astana-times-and-sia-en"),
        pytest.param("az", "Milli Məclisin sədri Sahibə Qafarova Astanada Kanat Bozumbayev ilə görüşüb. ASCO-nun tankeri Aktaudan "
                     "yola düşüb; Şanxay Əməkdaşlıq Təşkilatının (ŞƏT) sammitində Rəcəb Tayyib Ərdoğan və Şavkat Mirziyoyev iştirak ediblər.",
                     {"sahiba-gafarova", "kanat-bozumbayev", "asco", "sco", "recep-tayyip-erdogan", "shavkat-mirziyoyev"},
                     id="report-metbuat-turan-az"),
        pytest.param("kk", "Премьер-министрдің орынбасары Қанат Бозымбаев пен Мәжіліс Төрағасы Ерлан Қошанов Шанхай ынтымақтастық "
                     "ұйымының саммитінде Шавкат Мирзиёевті, Режеп Тайип Ердоғанды және Садыр Жапаровты қарсы алды. "
                     "Құрық пен Алят порттары арасында паромдар қатынайды.",
                     {"kanat-bozumbayev", "yerlan-koshanov", "sco", "shavkat-mirziyoyev", "recep-tayyip-erdogan", "sadyr-japarov",
                      "kuryk", "alat"}, id="kazinform-baq-ulys-kk"),
        pytest.param("ru", "Спикер Милли Меджлиса Сагиба Гафарова встретилась с Канатом Бозумбаевым; судно ASCO вышло из Актау в Алят, "
                     "а на саммите ШОС выступили Си Цзиньпин, Владимир Путин и Виктор Орбан.",
                     {"sahiba-gafarova", "kanat-bozumbayev", "asco", "sco", "xi-jinping", "vladimir-putin", "viktor-orban"},
                     id="meclis-report-baq-ru"),
        pytest.param("az", "\"Azerbaijan Airlines\" məxsus təyyarə Aktau yaxınlığında qəzaya uğrayıb.", {"azerbaijan-airlines"},
                     id="english-airline-brand-in-azerbaijani"),
        pytest.param("kk", "\"Azerbaijan Airlines\" әуе компаниясына тиесілі ұшақ Ақтау маңында апатқа ұшырады.", {"azerbaijan-airlines"},
                     id="english-airline-brand-in-kazakh"),
        pytest.param("ru", "Токаев принял министра культуры Аиду Балаеву. Нефть из Актау идёт в Махачкалу; саммиты ОТГ прошли в Самарканде, "
                     "Бишкеке и Стамбуле.", {"aida-balayeva", "makhachkala", "samarkand", "bishkek", "istanbul"},
                     id="kazpravda-bizmedia-silkway-mir24-ru"),
        pytest.param("kk", "Мемлекет басшысы Аида Балаеваны қабылдады. Ақтау портынан Махачкала портына мұнай жөнелтілді; саммиттер "
                     "Самарқандта, Бішкекте және Ыстанбұлда өтті.", {"aida-balayeva", "makhachkala", "samarkand", "bishkek", "istanbul"},
                     id="astanatv-kazinform-egemen-sputnik-kk"),
        pytest.param("en", "UN Secretary-General António Guterres met the President before the UN General Assembly. The World Bank, the "
                     "International Monetary Fund and UNESCO sent delegations; the CSTO summit and the SPECA summit were held in November.",
                     {"antonio-guterres", "un-general-assembly", "world-bank", "imf", "unesco", "csto", "speca"},
                     id="astanatimes-tass-newsaz-trend-en"),
        pytest.param("az", "Ceyhun Bayramovla rusiyalı həmkarı Sergey Lavrov görüşüb. Aralın Xilas olunması üzrə Beynəlxalq Fondun "
                     "sammiti Bakıda keçirilib; son yarım əsrdə Aral dənizinin həcmi azalıb. Dünya Bankı və Beynəlxalq Valyuta Fondu "
                     "(BVF) proqnoz verib; BMT Baş Assambleyasının sessiyası başlayıb.",
                     {"sergei-lavrov", "international-fund-for-saving-the-aral-sea", "aral-sea", "world-bank", "imf", "un-general-assembly"},
                     id="metbuat-report-fed-az"),
        pytest.param("kk", "Ақтау маңындағы ұшақ апатынан зардап шеккендер ауруханаларға жеткізілді. СПЕКА саммиті Бакуде өтеді. "
                     "Ресейдің сыртқы істер министрі Сергей Лавров мәлімдеді. Халықаралық Аралды құтқару қоры Арал теңізін құтқаруға "
                     "бағытталған; Дүниежүзілік банк пен Халықаралық валюта қоры қолдау көрсетті. ҰҚШҰ саммиті Астанада өтті.",
                     {"azal-crash-near-aktau", "speca", "sergei-lavrov", "international-fund-for-saving-the-aral-sea", "aral-sea", "world-bank",
                      "imf", "csto"}, id="kazinform-qazaqstantv-adyrna-egemen-kk"),
        pytest.param("kk", "Олий Мажлис Сенатының Төрайымы Әзербайжан Ұлттық мәжілісі төрайымы Сахиба Гафаровамен, Қазақстан Республикасы "
                     "Парламенті Мәжілісінің Төрағасы Ерлан Қошановпен кездесті.", {"oliy-majlis", "sahiba-gafarova", "yerlan-koshanov"},
                     id="yuz-uz-kk-oliy-majlis-is-not-a-misspelt-mazhilis"),
        pytest.param("kk", "Қазақстан Республикасы мен Әзербайжан Республикасының Жоғары мемлекетаралық кеңесінің екінші отырысы өтті. "
                     "Қазақстан-Әзербайжан тікелей инвестиция қорының қызметін жандандыруға келістік.",
                     {"azerbaijan-kazakhstan-supreme-interstate-council", "azerbaijan-kazakhstan-investment-fund"}, id="akorda-via-baq-kk"),
        pytest.param("ru", "Генеральный секретарь ООН Антониу Гутерриш выступил на сессии Генассамблеи ООН. Саммит глав государств - "
                     "учредителей Международного фонда спасения Арала (МФСА) прошел в Алматы; Аральское море мелеет. Всемирный банк и МВФ "
                     "дали прогноз. Саммит ОДКБ прошел в Астане, на форуме выступил Сергей Лавров; паводок в области Жетысу.",
                     {"antonio-guterres", "un-general-assembly", "international-fund-for-saving-the-aral-sea", "aral-sea", "world-bank", "imf",
                      "csto", "sergei-lavrov", "zhetysu-region"}, id="kazpravda-kt-ria-tass-ru"),
        # Kazakh Latin, with suffixes read as Kazakh ones (glossary/data/NOTES.md).
        pytest.param("kk-Latn", "Aıda Balaeva Ulttyq kitaphanada daýys berdi. Bul kúni Abaı Qunanbaıuly týdy. Abaı oblysy jurtshylyǵy jınaldy. "
                     "Ilham Álıev Astanaǵa keldi.", {"aida-balayeva", "abai-kunanbayuly", "abai-region", "ilham-aliyev", "astana"},
                     id="egemen-kazinform-latin-2018-alphabet"),
        pytest.param("kk-Latn", "Odan ári taýar tıelgen vagondar Aqtaý men Quryq porttaryna jetkiziledi. Qazaqstanda tranzıttik "
                     "áleýetti damytýǵa qaı jobalar áser etedi. Abaı Qunanbaıulynyń mereıtoıy Bakýden bastaldy.",
                     {"aktau", "kazakhstan", "abai-kunanbayuly", "baku"}, id="egemen-kazinform-latin-suffixes"),
        pytest.param("en", "The Kurmangazi Children’s Creativity Development Center opened in Fuzuli, Trend wrote. "
                     "The Kazakh-Azerbaijani Investment Fund was set up.",
                     {"kurmangazy-childrens-creativity-center", "fuzuli", "azerbaijan-kazakhstan-investment-fund"}, id="trend-todayaz-audit-variants-en"),
        pytest.param("az", "“Qazaxıstan Dəmir Yolu” şirkəti Orta Dəhliz üçün yeni gəmilər alır.", {"kazakhstan-temir-zholy", "middle-corridor"},
                     id="ktz-as-report-writes-it-az"),
        pytest.param("kk", "Транскаспийлік талшықты-оптикалық байланыс желісі келесі жылы іске қосылады.",
                     {"trans-caspian-fibre-optic-line"}, id="fibre-optic-line-as-kazinform-writes-it-kk"),
        pytest.param("en", "A cargo terminal is planned at the port of Alyat; the settlement of Alyat lies south of Baku.",
                     {"port-of-baku", "alat", "baku"}, id="alyat-as-report-english-writes-it"),
        # 2025-2026 copy (branch realcopy3): the Trump Route beside the Zangezur corridor it is glossed with, its acronym
        # beside its short name (Trend, Report), the Horadiz-Aghband line, Nakhchivan's full name and Astara's adjective
        # in Russian (Report ru, Trend ru, Vestnik Kavkaza), the Kazakh Latin forms of Kuryk, Alat and Turkmenistan
        pytest.param("en", "The Horadiz–Aghband railway, part of the route to the Zangezur corridor (the so-called Trump Route), "
                     "will reach the Armenian border; TRIPP will link it with Nakhchivan.",
                     {"horadiz-aghband-railway", "zangezur-corridor", "tripp", "nakhchivan"}, id="trend-report-tripp-en"),
        pytest.param("az", 'Horadiz-Ağbənd dəmir yolunun tikintisi Zəngəzur dəhlizinin ("Tramp marşrutu") reallaşdırılması '
                     "məqsədilə aparılır. Horadiz-Ağbənd dəmiryol xəttinin 70 faizi hazırdır.",
                     {"horadiz-aghband-railway", "zangezur-corridor", "tripp"}, id="report-tramp-marsrutu-az"),
        pytest.param("ru", "Строительство железной дороги Горадиз-Агбенд соединит Баку с Нахчыванской автономной республикой; "
                     "Маршрут Трампа (TRIPP) пройдет через Армению. Груз прибыл по Астаринской железной дороге.",
                     {"horadiz-aghband-railway", "nakhchivan", "tripp", "astara", "baku"}, id="report-trend-vestikavkaza-ru"),
        pytest.param("kk", "TRIPP жобасы Оңтүстік Кавказды өзгертуі мүмкін; Трамп маршрутының маңызы зор.",
                     {"tripp", "south-caucasus"}, id="baq-tripp-kk"),
        pytest.param("kk-Latn", "Júk Quryq portyna jáne Álaıat portyna jetti; Túrikmenstan arqyly Aqtaýǵa keldi.",
                     {"kuryk", "alat", "turkmenistan", "aktau"}, id="kuryk-alat-turkmenistan-2018-kk-latn"),
        pytest.param("kk-Latn", "Júk Qūryq portyna jäne Älaiat portyna jetti; Türıkmenstan arqyly Aqtauğa keldi.",
                     {"kuryk", "alat", "turkmenistan", "aktau"}, id="kuryk-alat-turkmenistan-2021-kk-latn"),
        # Kazinform's Latin service (2025) writes Alat as the Russian Алят in 2018 letters, beside Quryq
        pytest.param("kk-Latn", "Quryq-Alıat baǵyty boıynsha 8361 jolaýshy tasymaldandy.", {"kuryk", "alat"},
                     id="kazinform-latin-quryq-aliat"),
    ],
)
def test_new_names_in_real_copy_are_found_and_not_flagged(lang, text, named):
    """Sentences written after articles of Report, Metbuat.az, Turan, Kazinform, BAQ.KZ, Ulys, the Milli Majlis,
    The Astana Times, Kazpravda, Qazaqstan TV, Adyrna and Egemen's Latin edition (2017-2025) that the lint was run on:
    each name is found, none is flagged (the ru case keeps область Жетысу, admitted since TASS's Жетису is preferred)."""
    assert findings(text, lang) == []
    found = {m.concept for m in mentions(text, MENTIONS_MATCHER, lang=lang) if m.outermost}
    assert named <= found


@pytest.mark.parametrize(
    ("text", "default", "az_official"),
    [
        pytest.param("Жители вернулись в Лачын.", [], [], id="lachyn-admitted-and-preferred-in-az-official"),
        pytest.param("Жители вернулись в Лачин.", [], [("term.deprecated", "Лачин", "Лачын")], id="lachin-russian-press-form"),
        pytest.param("Переговоры о Нагорном Карабахе.", [], [("term.deprecated", "Нагорном Карабахе", "Карабахе")], id="nagorno-karabakh"),
        pytest.param("The Stepanakert airport.", [("term.superseded", "Stepanakert", "Khankendi")],
                     [("term.deprecated", "Stepanakert", "Khankendi")], id="stepanakert"),
    ],
)
def test_politically_loaded_names_follow_the_house_style(text, default, az_official):
    lang = "ru" if text[0] in "ЖП" else "en"
    assert findings(text, lang) == default
    assert findings(text, lang, AZ_OFFICIAL) == az_official


def test_validity_periods_belong_to_former_names_and_follow_one_another():
    """Periods are on superseded names only (the current name has none); the former names of one
    concept in one language follow one another, sharing at most the year of a renaming
    (Akmolinsk until 1961, Tselinograd 1961-1992) unless they are two names of one period (Turkic
    Council and its full name), and none ends in the future."""
    today = date.today()
    problems = []
    for concept in CONCEPTS:
        by_lang = {}
        for term in concept.terms:
            if term.periods and term.status is not TermStatus.SUPERSEDED:
                problems.append((concept.id, term.lang, term.text, "periods on a name that is not superseded"))
            for period in term.periods:
                if period.end is not None and period.end > today:
                    problems.append((concept.id, term.lang, term.text, "period ends in the future"))
                by_lang.setdefault(term.lang, []).append((period.start or date.min, period.end or date.max, term.text))
        for lang, spans in by_lang.items():
            spans.sort()
            for (start_a, end_a, a), (start_b, end_b, b) in zip(spans, spans[1:]):
                if (start_a, end_a) != (start_b, end_b) and start_b <= end_a and (end_a - start_b).days > 366:
                    problems.append((concept.id, lang, a, f"overlaps {b} by more than a year"))
    assert problems == []


@pytest.mark.parametrize(
    ("concept", "lang", "term", "valid"),
    [
        pytest.param("astana", "en", "Nur-Sultan", "2019-03-20/2022-09-17", id="nur-sultan"),
        pytest.param("ganja", "az", "Kirovabad", "1935/1989", id="kirovabad"),
        pytest.param("organization-of-turkic-states", "en", "Turkic Council", "2009-10-03/2021-11-12", id="turkic-council"),
        pytest.param("semey", "en", "Semipalatinsk", "/2007-06-21", id="semipalatinsk"),
        pytest.param("kazinform", "kk", "ҚазАқпарат", "1997-11/2025", id="qazaqparat"),
    ],
)
def test_former_names_carry_their_periods(concept, lang, term, valid):
    found = next(t for c in CONCEPTS if c.id == concept for t in c.terms if t.lang == lang and t.text == term)
    assert format_periods(found.periods) == valid


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2022, 8, 24), [], id="august-2022-article-as-in-the-held-out-set"),
        pytest.param(date(2025, 6, 1), [], id="2025-article"),
        pytest.param(date(2026, 3, 1), [("term.superseded", "ҚазАқпарат", "Kazinform")], id="2026-article"),
    ],
)
def test_kazinform_kazakh_former_name_is_right_in_its_own_time(day, expected):
    """ҚазАқпарат, Kazinform's Kazakh name until the agency signed its Kazakh copy Kazinform: an article of
    2022 or 2025 writing it is right (the held-out lint evaluation's false info finding); a 2026 one is told."""
    text = "Бұл туралы ҚазАқпарат тілшісі хабарлады."
    assert [(f.rule, f.found, f.suggestion) for f in lint_text(text, GLOSSARY_MATCHER, lang="kk", date=day)] == expected


def test_terms_search_finds_each_concept_from_every_form(database):
    """What `tilmash terms search` does, for every form of every concept (any language, any script),
    and for the preferred forms typed without diacritics (Kaşaqan as kasaqan): the concept is found."""
    from glossary.folding import fold
    from glossary.termbase import search_concepts, seed_bundled_glossary

    with database.session() as session:
        seed_bundled_glossary(session)
        missed = []
        for concept in CONCEPTS:
            for term in concept.terms:
                queries = (term.text, fold(term.text)) if term.status is TermStatus.PREFERRED else (term.text,)
                for query in dict.fromkeys(queries):
                    if concept.id not in {c.id for c in search_concepts(session, query, limit=50)}:
                        missed.append((concept.id, query))
    assert missed == []
