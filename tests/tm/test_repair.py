"""Repaired matches: names and numbers that differ put right in the stored target, never a wrong target."""

from __future__ import annotations

import pytest

from glossary.lint.matcher import Matcher
from glossary.termbase import bundled_glossary
from tm.repair import glossary_matcher, repair
from tm.search import search


@pytest.fixture(scope="module")
def glossary():
    """The bundled glossary compiled as searches compile it (``glossary_matcher``), from its file."""
    return Matcher(bundled_glossary(), shortcuts=False)


def test_the_database_glossary_is_compiled_with_every_form(glossary_db):
    with glossary_db.session() as session:
        compiled = glossary_matcher(session)
    assert len(compiled) == len(Matcher(bundled_glossary(), shortcuts=False))


@pytest.mark.parametrize(
    ("query", "source", "target", "languages", "repaired", "changes"),
    [
        pytest.param("The talks were held in Shusha.", "The talks were held in Gabala.", "Переговоры прошли в Габале.", ("en", "ru"),
                     "Переговоры прошли в Шуше.", [("name", "Габале", "Шуше")], id="ru-locative"),
        pytest.param("The talks were held in Baku.", "The talks were held in Astana.", "Переговоры прошли в Астане.", ("en", "ru"),
                     "Переговоры прошли в Баку.", [("name", "Астане", "Баку")], id="ru-into-indeclinable"),
        pytest.param("Cargo from Aktau reached Alat.", "Cargo from Kuryk reached Alat.", "Груз из Курыка прибыл в Алят.", ("en", "ru"),
                     "Груз из Актау прибыл в Алят.", [("name", "Курыка", "Актау")], id="ru-genitive-into-indeclinable"),
        pytest.param("The talks were held in Shusha.", "The talks were held in Gabala.", "Danışıqlar Qəbələdə keçirilib.", ("en", "az"),
                     "Danışıqlar Şuşada keçirilib.", [("name", "Qəbələdə", "Şuşada")], id="az-locative-harmony"),
        pytest.param("Cargo from Kuryk reached Alat.", "Cargo from Aktau reached Alat.", "Yük Aktaudan Ələtə çatıb.", ("en", "az"),
                     "Yük Kurıkdan Ələtə çatıb.", [("name", "Aktaudan", "Kurıkdan")], id="az-ablative"),
        pytest.param("The talks were held in Baku.", "The talks were held in Astana.", "Келіссөздер Астанада өтті.", ("en", "kk"),
                     "Келіссөздер Бакуде өтті.", [("name", "Астанада", "Бакуде")], id="kk-locative"),
        pytest.param("Cargo reached Kuryk.", "Cargo reached Aktau.", "Жүк Ақтауға жетті.", ("en", "kk"),
                     "Жүк Құрыққа жетті.", [("name", "Ақтауға", "Құрыққа")], id="kk-dative-assimilation"),
        pytest.param("Встреча прошла в Шуше.", "Встреча прошла в Габале.", "The meeting was held in Gabala.", ("ru", "en"),
                     "The meeting was held in Shusha.", [("name", "Gabala", "Shusha")], id="from-russian"),
        pytest.param("The 22nd meeting was held in 2025.", "The 21st meeting was held in 2024.",
                     "21-е заседание прошло в 2024 году.", ("en", "ru"),
                     "22-е заседание прошло в 2025 году.", [("number", "21-е", "22-е"), ("number", "2024", "2025")], id="ru-ordinal-and-year"),
        pytest.param("Investments reached $568 million, or 3.6% of the total.", "Investments reached $470 million, or 3.4% of the total.",
                     "Инвестиции достигли 470 млн долларов, или 3,4% от общего объема.", ("en", "ru"),
                     "Инвестиции достигли 568 млн долларов, или 3,6% от общего объема.",
                     [("number", "470", "568"), ("number", "3,4", "3,6")], id="ru-decimal-comma"),
        pytest.param("Cargo reached Alat in 2026.", "Cargo reached Alat in 2024.", "Yük 2024-də Ələtə çatıb.", ("en", "az"),
                     "Yük 2026-da Ələtə çatıb.", [("number", "2024-də", "2026-da")], id="az-suffix-on-number"),
        # Kazakh Latin takes the suffixes Kazakh does (glossary.languages.SUFFIXING_LANGUAGES): 2024-te, 2026-da
        pytest.param("Cargo reached Aktau in 2026.", "Cargo reached Aktau in 2024.", "Júk 2024-te Aqtaýǵa jetti.", ("en", "kk-Latn"),
                     "Júk 2026-da Aqtaýǵa jetti.", [("number", "2024-te", "2026-da")], id="kk-latn-suffix-on-number"),
        pytest.param("The 22nd meeting was held in 2025.", "The 21st meeting was held in 2024.", "21-shi otyrys 2024-te ótti.",
                     ("en", "kk-Latn"), "22-shi otyrys 2025-te ótti.",
                     [("number", "21-shi", "22-shi"), ("number", "2024-te", "2025-te")], id="kk-latn-ordinal-and-year"),
        # ... and a name goes in in the target's alphabet: Quryqqa in 2018 copy (Aqtaýǵa), not the 2021 Qūryqqa
        pytest.param("Cargo reached Kuryk in 2026.", "Cargo reached Aktau in 2024.", "Júk 2024-te Aqtaýǵa jetti.", ("en", "kk-Latn"),
                     "Júk 2026-da Quryqqa jetti.", [("number", "2024-te", "2026-da"), ("name", "Aqtaýǵa", "Quryqqa")],
                     id="kk-latn-name-in-the-targets-alphabet"),
        pytest.param("Cargo reached Kuryk.", "Cargo reached Aktau.", "Jük Aqtauğa jetti.", ("en", "kk-Latn"),
                     "Jük Qūryqqa jetti.", [("name", "Aqtauğa", "Qūryqqa")], id="kk-latn-2021-name"),
        pytest.param("1,750 tonnes were shipped.", "1,500 tonnes were shipped.", "Отправлено 1 500 тонн.", ("en", "ru"),
                     "Отправлено 1 750 тонн.", [("number", "1 500", "1 750")], id="ru-grouped-thousands"),
        pytest.param("The 22nd session", "The 21st session", "The 21st session", ("en", "en-GB"),
                     "The 22nd session", [("number", "21st", "22nd")], id="en-ordinal-suffix"),
    ],
)
def test_repairs(glossary, query, source, target, languages, repaired, changes):
    result, repairs = repair(query, source, target, *languages, glossary)
    assert result == repaired
    assert [(r.kind, r.found, r.replacement) for r in repairs] == changes
    for r in repairs:
        assert target[r.start:r.end] == r.found


@pytest.mark.parametrize(
    ("query", "source", "target", "languages"),
    [
        pytest.param("The talks were held in Shusha on Monday.", "The talks were held in Gabala.", "Переговоры прошли в Габале.",
                     ("en", "ru"), id="another-word-differs"),
        pytest.param("The talks were held in Shusha.", "The talks were held in Gabala.", "Переговоры прошли там.",
                     ("en", "ru"), id="name-not-in-target"),
        pytest.param("22 countries joined.", "21 countries joined.", "21 страна присоединилась.", ("en", "ru"), id="ru-noun-would-change"),
        pytest.param("2 countries signed.", "1 country signed.", "1 country signed.", ("en", "en-GB"), id="en-word-differs"),
        pytest.param("Cargo reached Alat in 2025.", "Cargo reached Alat in 2024.", "Yük 2024-cü ildə Ələtə çatıb.", ("en", "az"),
                     id="az-ordinal-suffix-unknown"),
        pytest.param("Cargo from Kuryk reached Alat.", "Cargo from Aktau reached Alat.", "Груз из Актау прибыл в Алят.", ("en", "ru"),
                     id="ru-case-of-an-indeclinable-name-unknown"),
        pytest.param("From Shusha to Baku.", "From Gabala to Gabala.", "Из Габалы в Габалу.", ("en", "ru"), id="one-name-two-ways"),
        pytest.param("From Shusha to Gabala.", "From Gabala to Gabala.", "Из Габалы в Габалу.", ("en", "ru"), id="changed-and-kept"),
        pytest.param("The talks were held in Gabala.", "The talks were held in Gabala.", "Переговоры прошли в Габале.",
                     ("en", "ru"), id="nothing-differs"),
        pytest.param("The talks were held in Qabala.", "The talks were held in Gabala.", "Переговоры прошли в Габале.",
                     ("en", "ru"), id="another-form-of-the-same-name"),
    ],
)
def test_no_repair_rather_than_a_wrong_one(glossary, query, source, target, languages):
    assert repair(query, source, target, *languages, glossary) == (None, ())


def test_search_carries_the_repair(memory):
    with memory.session() as session:
        [match] = search(session, "The 22nd meeting of the Joint Intergovernmental Commission was held in Shusha in 2025.", "en", "ru")
    assert match.target == "21-е заседание Совместной межправительственной комиссии прошло в Габале в 2024 году."
    assert match.repaired_target == "22-е заседание Совместной межправительственной комиссии прошло в Шуше в 2025 году."
    assert match.score == 78.6  # the score stays the similarity of the sources
    assert [r.to_json()["kind"] for r in match.repairs] == ["number", "name", "number"]


def test_search_into_azerbaijani_refuses_the_unknown_ordinal_suffix(memory):
    with memory.session() as session:
        [match] = search(session, "The 22nd meeting of the Joint Intergovernmental Commission was held in Shusha in 2025.", "en", "az")
    assert match.repaired_target is None  # 2024-cü: the ordinal ending of 2025 cannot be built, so nothing is repaired
