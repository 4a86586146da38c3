"""Glossary pages: browse, concept side by side, edit with its rules and optimistic locking, history
and revert, proposals and the review queue."""

from __future__ import annotations

import html
import re

import pytest

from .conftest import csrf_token, sign_in


def edit_form(page: str) -> dict[str, str]:
    """The fields of the edit page's form as the browser would send them unchanged."""
    form = page[page.index('<form method="post" class="concept-form">'):]
    form = form[:form.index("</form>")]
    data = dict(re.findall(r'<input(?![^>]*type="checkbox")[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        data[name] = chosen.group(1) if chosen else re.search(r'<option value="([^"]*)"', options).group(1)
    return {k: html.unescape(v) for k, v in data.items()}


def row_of(data: dict[str, str], text: str) -> str:
    return next(k[:-len("text")] for k, v in data.items() if k.endswith("-text") and v == text)


@pytest.mark.parametrize("query, expected", [
    pytest.param("q=FÜZULİ", "fuzuli", id="any-case-and-diacritics"),
    pytest.param("q=Физули", "fuzuli", id="cyrillic"),
    pytest.param("status=superseded&lang=en&q=nur", "astana", id="status-and-language"),
])
def test_browse_and_search(reader, query, expected):
    page = reader.get(f"/glossary/?{query}").get_data(as_text=True)
    assert f'href="/glossary/{expected}"' in page


def test_concept_page_shows_styles_side_by_side(reader):
    page = reader.get("/glossary/nakhchivan").get_data(as_text=True)
    row = page[page.index("<th scope=\"row\">Russian"):]
    row = row[:row.index("</tr>")]
    default, style_az = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[:2]
    assert default.index("Нахичевань") < default.index("Нахчыван")  # preferred first
    assert style_az.index("Нахчыван") < style_az.index("Нахичевань")


def test_edit_history_and_revert_in_the_pages(client):
    sign_in(client, "terry")
    page = client.get("/glossary/fuzuli/edit").get_data(as_text=True)
    data = edit_form(page)
    data[row_of(data, "Fizuli") + "note"] = "edited in the page"
    response = client.post("/glossary/fuzuli/edit", data=data)
    assert response.status_code == 302
    history = client.get("/glossary/fuzuli/history").get_data(as_text=True)
    assert "edited in the page" in history and "terry" in history
    change = re.search(r'action="/glossary/changes/(\d+)/revert"', history).group(1)
    response = client.post(f"/glossary/changes/{change}/revert", data={"csrf_token": csrf_token(client, "/"), "concept": "fuzuli"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert "edited in the page" not in client.get("/glossary/fuzuli").get_data(as_text=True)


def test_a_stale_form_gets_the_conflict_with_both_versions(app, client):
    sign_in(client, "terry")
    other = app.test_client()
    sign_in(other, "terry")
    mine = edit_form(client.get("/glossary/fuzuli/edit").get_data(as_text=True))
    theirs = edit_form(other.get("/glossary/fuzuli/edit").get_data(as_text=True))
    theirs[row_of(theirs, "Fizuli") + "text"] = "Fizooli"
    assert other.post("/glossary/fuzuli/edit", data=theirs).status_code == 302
    mine[row_of(mine, "Füzuli") + "delete"] = "1"
    response = client.post("/glossary/fuzuli/edit", data=mine)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    stored, yours = page[page.index('class="stored"'):], page[page.index('class="yours"'):]
    assert "Fizooli" in stored[:stored.index("</ul>")]
    yours = yours[:yours.index("</ul>")]
    assert 'Füzuli</span> <small>en' not in yours and 'Fizuli</span> <small>en' in yours


def test_the_edit_page_applies_the_termbase_rules(client):
    sign_in(client, "terry")
    data = edit_form(client.get("/glossary/fuzuli/edit").get_data(as_text=True))
    data[row_of(data, "Fizuli") + "status"] = "preferred"
    response = client.post("/glossary/fuzuli/edit", data=data)
    assert response.status_code == 400
    assert "two preferred terms for concept &#39;fuzuli&#39; in en" in response.get_data(as_text=True)


@pytest.mark.parametrize("concept, term, field, value, expected", [
    pytest.param("fuzuli", "Fizuli", "status", "preferred", "У понятия «fuzuli» два основных термина на языке en: "
                 "«Fuzuli» и «Fizuli». В каждом языке основной термин может быть только один.", id="two-preferred"),
    pytest.param("astana", "Nur-Sultan", "valid", "2019-03-20/2022-09-17;2022/2023", "Периоды «2019-03-20/2022-09-17» и "
                 "«2022/2023» пересекаются: периоды одного термина не должны пересекаться.", id="overlapping-periods"),
])
def test_the_edit_pages_problems_are_in_the_ui_language(client, concept, term, field, value, expected):
    sign_in(client, "terry")
    data = edit_form(client.get(f"/glossary/{concept}/edit").get_data(as_text=True))
    data[row_of(data, term) + field] = value
    response = client.post(f"/glossary/{concept}/edit", data=data, headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, fields, values", [
    pytest.param("ru", ["Язык", "Термин", "Статус"], ["нерекомендуемый", "существительное"], id="russian"),
    pytest.param("kk", ["Тіл", "Термин", "Мәртебесі"], ["ұсынылмайды", "зат есім"], id="kazakh"),
])
def test_history_names_fields_and_values_in_the_ui_language(reader, lang, fields, values):
    page = reader.get("/glossary/fuzuli/history", headers={"Accept-Language": lang}).get_data(as_text=True)
    shown = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page)
    names, shown_values = {name for name, _ in shown}, {value for _, value in shown}
    assert set(fields) <= names and set(values) <= shown_values
    assert not {"lang", "text", "status", "case_rule", "part_of_speech"} & names


def test_proposal_and_review_queue(app, client):
    sign_in(client, "tina")
    data = edit_form(client.get("/glossary/fuzuli/propose").get_data(as_text=True))
    blank = next(k[:-len("text")] for k, v in data.items() if k.endswith("-text") and not v)
    data.update({blank + "lang": "en", blank + "text": "Fuzuly", blank + "status": "deprecated", "comment": "wire copy"})
    assert client.post("/glossary/fuzuli/propose", data=data).status_code == 302
    reviewer = app.test_client()
    sign_in(reviewer, "terry")
    queue = reviewer.get("/glossary/review").get_data(as_text=True)
    assert "Fuzuly" in queue and "wire copy" in queue
    proposal = re.search(r'action="/glossary/review/(\d+)"', queue).group(1)
    reviewer.post(f"/glossary/review/{proposal}", data={"csrf_token": csrf_token(reviewer, "/"), "decision": "approve"})
    assert "Fuzuly" in reviewer.get("/glossary/fuzuli").get_data(as_text=True)
    assert "Nothing to review" in reviewer.get("/glossary/review").get_data(as_text=True)


def test_saving_the_form_unchanged_changes_nothing(client):
    before = len(client.get("/api/concepts/fuzuli/history").get_json()["changes"])
    sign_in(client, "terry")
    data = edit_form(client.get("/glossary/fuzuli/edit").get_data(as_text=True))
    assert client.post("/glossary/fuzuli/edit", data=data).status_code == 302
    assert len(client.get("/api/concepts/fuzuli/history").get_json()["changes"]) == before


def test_the_edit_page_keeps_and_sets_validity_periods(client):
    sign_in(client, "terry")
    data = edit_form(client.get("/glossary/astana/edit").get_data(as_text=True))
    data[row_of(data, "Nur-Sultan") + "valid"] = "2019-03-20/2022-09-17"
    assert client.post("/glossary/astana/edit", data=data).status_code == 302
    data = edit_form(client.get("/glossary/astana/edit").get_data(as_text=True))
    assert data[row_of(data, "Nur-Sultan") + "valid"] == "2019-03-20/2022-09-17"
    data[row_of(data, "Nur-Sultan") + "valid"] = "2022/2019"
    response = client.post("/glossary/astana/edit", data=data)
    assert response.status_code == 400 and "ends before it starts" in response.get_data(as_text=True)


def test_a_page_number_beyond_any_is_an_empty_page(reader):
    response = reader.get("/glossary/?page=99999999999999999999")
    assert response.status_code == 200 and 'href="/glossary/fuzuli"' not in response.get_data(as_text=True)


@pytest.mark.parametrize("version, status, kept", [
    pytest.param(None, 400, True, id="without-version"),
    pytest.param("not-a-number", 400, True, id="unreadable-version"),
    pytest.param("0", 409, True, id="stale-version"),
    pytest.param("1", 302, False, id="the-version-shown"),
])
def test_deleting_from_the_page_checks_the_version_it_showed(client, version, status, kept):
    sign_in(client, "terry")
    form = {"csrf_token": csrf_token(client, "/glossary/fuzuli/edit"), **({"version": version} if version else {})}
    assert client.post("/glossary/fuzuli/delete", data=form).status_code == status
    assert (client.get("/glossary/fuzuli").status_code == 200) is kept


@pytest.mark.parametrize("lang, place", [
    pytest.param("kk", "жер", id="kazakh"),
    pytest.param("az", "yer", id="azerbaijani"),
    pytest.param("en", "place", id="english"),
])
def test_subject_fields_are_named_in_the_ui_language(reader, lang, place):
    concept = reader.get("/glossary/fuzuli", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f'<p class="subject">{place}</p>' in concept
    browse = reader.get("/glossary/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f'<option value="place" >{place}</option>' in browse
