"""The JSON API on the bundled glossary: lint, terms, concepts with optimistic locking, proposals,
translate checks, exports."""

from __future__ import annotations

import csv
import io

import pytest

from glossary.formats import FORMATS
from glossary.records import Role
from glossary.termbase import bundled_glossary

from .conftest import bearer


@pytest.mark.parametrize("text, found, suggestion, fixable", [
    pytest.param("Визит Касыма-Жомарта Кемеловича Токаева.", "Касыма-Жомарта Кемеловича Токаева",
                 "Касыма-Жомарта Кемелевича Токаева", True, id="russian-patronymic-genitive"),
    pytest.param("Prezident FİZULİDƏ çıxış edib.", "FİZULİDƏ", "FÜZULİDƏ", True, id="azerbaijani-capitals-suffix"),
    pytest.param("Бүгін Президент Токаевтың сапары басталды.", "Токаевтың", "Тоқаевтың", True, id="kazakh-suffix"),
])
def test_lint_reports_the_exact_replacement(reader, text, found, suggestion, fixable):
    findings = reader.post("/api/lint", json={"text": text}).get_json()["findings"]
    [finding] = [f for f in findings if f["rule"] != "text.mixed-script"]
    assert (finding["found"], finding["suggestion"], finding["fixable"]) == (found, suggestion, fixable)
    assert text[finding["start"]:finding["end"]] == found


def test_lint_offsets_are_code_points_even_after_an_emoji(reader):
    text = "🇦🇿 Fizuli"  # two characters outside the BMP: four UTF-16 units
    [finding] = reader.post("/api/lint", json={"text": text}).get_json()["findings"]
    assert (finding["start"], finding["end"]) == (3, 9)


def test_lint_with_concepts_gives_the_card(reader):
    body = reader.post("/api/lint", json={"text": "Касым-Жомарт Кемелович Токаев", "concepts": True}).get_json()
    card = body["concepts"][body["findings"][0]["concept"]]
    assert card["forms"]["en"] == "Kassym-Jomart Tokayev" and card["forms"]["kk"] == "Қасым-Жомарт Тоқаев"


def test_lint_in_a_house_style(reader):
    plain = reader.post("/api/lint", json={"text": "Переговоры прошли в Нахичевани."}).get_json()["findings"]
    styled = reader.post("/api/lint", json={"text": "Переговоры прошли в Нахичевани.", "style": "az-official"}).get_json()
    assert plain == [] and [f["suggestion"] for f in styled["findings"]] == ["Нахчыване"]


def test_markdown_code_is_not_linted(reader):
    findings = reader.post("/api/lint", json={"text": "`Fizuli` and Fizuli", "format": "markdown"}).get_json()["findings"]
    assert [f["start"] for f in findings] == [13]


def test_terms_search_has_the_contract_shape(reader):
    body = reader.get("/api/terms?q=FÜZULİ").get_json()
    assert body["concepts"][0]["id"] == "fuzuli"
    assert set(body["concepts"][0]) == {"id", "subject_field", "definition", "terms"}
    assert {"lang": "en", "text": "Fuzuli", "status": "preferred", "valid": []} in body["concepts"][0]["terms"]


def test_the_second_save_of_one_version_is_a_conflict(api, token):
    headers = bearer(token(Role.TERMINOLOGIST))
    concept = api.get("/api/concepts/fuzuli").get_json()
    first = {**concept, "note": "first editor"}
    second = {**concept, "terms": concept["terms"] + [{"lang": "en", "text": "Fuzuly", "status": "deprecated"}]}
    saved = api.put("/api/concepts/fuzuli", json=first, headers=headers)
    assert saved.status_code == 200 and saved.get_json()["version"] == concept["version"] + 1
    refused = api.put("/api/concepts/fuzuli", json=second, headers=headers)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["current"]["note"] == "first editor"
    stored = api.get("/api/concepts/fuzuli").get_json()
    assert stored["note"] == "first editor" and "Fuzuly" not in [t["text"] for t in stored["terms"]]


def test_an_edit_is_seen_by_the_next_lint(api, token):
    headers = bearer(token(Role.TERMINOLOGIST))
    assert api.post("/api/lint", json={"text": "Fizulee"}).get_json()["findings"] == []
    concept = api.get("/api/concepts/fuzuli").get_json()
    concept["terms"].append({"lang": "en", "text": "Fizulee", "status": "deprecated"})
    assert api.put("/api/concepts/fuzuli", json=concept, headers=headers).status_code == 200
    [finding] = api.post("/api/lint", json={"text": "Fizulee"}).get_json()["findings"]
    assert finding["suggestion"] == "Fuzuli"


def test_two_preferred_terms_are_refused_with_the_rule(api, token):
    concept = api.get("/api/concepts/fuzuli").get_json()
    concept["terms"].append({"lang": "en", "text": "Fuzuly", "status": "preferred"})
    response = api.put("/api/concepts/fuzuli", json=concept, headers=bearer(token(Role.TERMINOLOGIST)))
    assert response.status_code == 400
    assert "two preferred terms for concept 'fuzuli' in en" in response.get_json()["error"]["message"]


def test_history_and_revert(api, token):
    headers = bearer(token(Role.TERMINOLOGIST))
    concept = api.get("/api/concepts/baku").get_json()
    concept["note"] = "changed"
    api.put("/api/concepts/baku", json=concept, headers=headers)
    [latest, *_] = api.get("/api/concepts/baku/history").get_json()["changes"]
    assert (latest["action"], latest["after"]["note"]) == ("update", "changed")
    reverted = api.post(f"/api/changes/{latest['id']}/revert", headers=headers)
    assert reverted.status_code == 200 and reverted.get_json()["note"] is None


def test_a_translator_proposes_and_a_terminologist_approves(api, token):
    proposal = {"concept": {"id": "fuzuli", "terms": [{"lang": "en", "text": "Fuzuly", "status": "deprecated"}]},
                "comment": "seen in a wire story"}
    created = api.post("/api/proposals", json=proposal, headers=bearer(token(Role.TRANSLATOR)))
    assert created.status_code == 201
    terminologist = bearer(token(Role.TERMINOLOGIST))
    [queued] = api.get("/api/proposals", headers=terminologist).get_json()["proposals"]
    assert queued["author"] == "tina" and not queued["is_new_concept"]
    approved = api.post(f"/api/proposals/{queued['id']}/approve", json={}, headers=terminologist)
    assert approved.status_code == 200
    assert "Fuzuly" in [t["text"] for t in approved.get_json()["terms"]]
    assert "Fuzuli" in [t["text"] for t in approved.get_json()["terms"]]  # merged, nothing lost
    again = api.post(f"/api/proposals/{queued['id']}/reject", json={}, headers=terminologist)
    assert again.status_code == 409


def test_translate_check_names_renderings_and_omissions(reader):
    body = reader.post("/api/translate/check", json={
        "source": "Kassym-Jomart Tokayev visited Aktau and Fuzuli on 12 May with 1,500 guests.",
        "target": "Қасым-Жомарт Тоқаев 12 мамырда Ақтауға барды, 1500 қонақ.", "target_lang": "kk"}).get_json()
    names = {n["concept"]: (n["rendering"], n["present"]) for n in body["names"]}
    assert names["aktau"] == ("Ақтау", True)  # inflected (Ақтауға) counts as present
    assert names["fuzuli"] == ("Физули", False)
    assert body["missing_numbers"] == [] and body["extra_numbers"] == []


@pytest.mark.parametrize("path, fmt", [
    pytest.param("/api/export/tbx", "tbx", id="tbx-2008"),
    pytest.param("/api/export/tbx?version=3", "tbx", id="tbx-3"),
    pytest.param("/api/export/csv", "csv", id="csv"),
])
def test_exports_read_back_as_the_glossary(reader, path, fmt):
    response = reader.get(path)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    glossary = FORMATS[fmt].read(response.data, path)
    assert len(glossary.concepts) == len(bundled_glossary().concepts) and "fuzuli" in {c.id for c in glossary.concepts}


@pytest.mark.parametrize("query, expected", [
    pytest.param("po?lang=kk", ('msgctxt "fuzuli"', 'msgstr "Физули"'), id="po-kazakh"),
    pytest.param("po?lang=ru&style=az-official", ('msgstr "Нахчыван"',), id="po-house-style"),
    pytest.param("pot", ('msgid "Fuzuli"', 'msgstr ""'), id="pot"),
])
def test_catalogue_exports_are_the_command_lines(reader, query, expected):
    response = reader.get(f"/api/export/{query}")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert all(part in text for part in expected)


def test_mo_export_loads_in_python_gettext(reader):
    import gettext

    response = reader.get("/api/export/mo?lang=az")
    catalog = gettext.GNUTranslations(io.BytesIO(response.data))
    assert catalog.pgettext("fuzuli", "Fuzuli") == "Füzuli"


def test_a_catalogue_export_without_a_target_is_a_400(reader):
    response = reader.get("/api/export/po")
    assert response.status_code == 400 and "one target language" in response.get_json()["error"]["message"]


def test_the_downloads_page_gives_a_po_file(reader):
    response = reader.get("/exports/catalogue?format=po&lang=ru&source=en&subject_field=place")
    assert response.status_code == 200 and 'msgstr "Физули"' in response.get_data(as_text=True)
    assert 'msgctxt "kassym-jomart-tokayev"' not in response.get_data(as_text=True)  # a person, not a place


def test_validity_periods_are_edited_and_kept(api, token):
    headers = bearer(token(Role.TERMINOLOGIST))

    def nur_sultan(concept):
        return next(t for t in concept["terms"] if t["lang"] == "en" and t["text"] == "Nur-Sultan")

    concept = api.get("/api/concepts/astana").get_json()
    nur_sultan(concept)["valid"] = ["2019-03-20/2022-09-17"]
    saved = api.put("/api/concepts/astana", json=concept, headers=headers).get_json()
    assert nur_sultan(saved)["valid"] == ["2019-03-20/2022-09-17"]
    saved["note"] = "capital of Kazakhstan"
    again = api.put("/api/concepts/astana", json=saved, headers=headers).get_json()
    assert nur_sultan(again)["valid"] == ["2019-03-20/2022-09-17"]  # a save that does not mention them keeps them
    nur_sultan(again)["valid"] = ["2019/2022-09-17", "2020/2021"]
    refused = api.put("/api/concepts/astana", json=again, headers=headers)
    assert refused.status_code == 400 and "overlap" in refused.get_json()["error"]["message"]


def test_lint_judges_a_former_name_by_the_documents_date(api, token):
    concept = api.get("/api/concepts/astana").get_json()
    next(t for t in concept["terms"] if t["lang"] == "en" and t["text"] == "Nur-Sultan")["valid"] = ["2019-03-20/2022-09-17"]
    assert api.put("/api/concepts/astana", json=concept, headers=bearer(token(Role.TERMINOLOGIST))).status_code == 200
    then = api.post("/api/lint", json={"text": "The summit in Nur-Sultan.", "date": "2020-05-01"}).get_json()
    now = api.post("/api/lint", json={"text": "The summit in Nur-Sultan.", "date": "2025-05-01"}).get_json()
    assert then["findings"] == [] and [f["rule"] for f in now["findings"]] == ["term.superseded"]
