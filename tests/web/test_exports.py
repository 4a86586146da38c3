"""The downloads page and GET /api/export/...: every filter of ``tilmash export`` (subject field, entry
status, changed since, house style, languages), the same file from the page as from the API."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import polib
import pytest

from glossary.formats import FORMATS
from glossary.records import Role
from glossary.termbase import bundled_glossary

from .conftest import bearer

FUTURE = "2999-01-01"


def catalogue(response) -> polib.POFile:
    assert response.status_code == 200, response.get_data(as_text=True)
    return polib.pofile(response.get_data(as_text=True))


def concept_ids(response, fmt: str) -> set[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return {c.id for c in FORMATS[fmt].read(response.data, f"export.{fmt}").concepts}


def test_the_page_offers_every_filter_of_the_command_line(reader):
    page = reader.get("/exports").get_data(as_text=True)
    for value in ("preferred", "admitted", "missing"):
        assert f'name="status" value="{value}"' in page
    assert page.count('name="since" type="date"') == 3  # glossary, catalogues, memory
    assert page.count('name="subject_field" value="person"') == 2  # glossary and catalogues
    assert '<option value="tbx3">TBX v3</option>' in page and 'name="style"' in page and 'name="origin"' in page


@pytest.fixture
def half_translated(api, token):
    """The bundled glossary (a preferred Kazakh term everywhere) and two concepts that lack one."""
    headers = bearer(token(Role.TERMINOLOGIST))
    for concept in ({"id": "shusha-mosque", "terms": [{"lang": "en", "text": "Yukhari Govhar Agha Mosque", "status": "preferred"}]},
                    {"id": "alat-port", "terms": [{"lang": "en", "text": "Port of Alat", "status": "preferred"},
                                                  {"lang": "kk", "text": "Алат порты", "status": "admitted"}]}):
        assert api.post("/api/concepts", json=concept, headers=headers).status_code == 201
    return api


@pytest.mark.parametrize("statuses, kept", [
    pytest.param("status=missing", {"shusha-mosque"}, id="to-translate"),
    pytest.param("status=admitted&since=", {"alat-port"}, id="to-confirm"),
    pytest.param("status=missing&status=admitted", {"shusha-mosque", "alat-port"}, id="both"),
])
def test_status_filter_keeps_only_those_entries(half_translated, statuses, kept):
    found = catalogue(half_translated.get(f"/exports/glossary?format=po&lang=kk&source=en&{statuses}"))
    assert {e.msgctxt for e in found} == kept and all(e.fuzzy for e in found)


def test_translated_entries_leave_the_others_out(half_translated):
    found = catalogue(half_translated.get("/api/export/po?lang=kk&status=preferred"))
    ids = {e.msgctxt for e in found}
    assert ids == {c.id for c in bundled_glossary().concepts} and not any(e.fuzzy for e in found)


@pytest.mark.parametrize("path", [
    pytest.param("/exports/glossary?format=po&lang=ru&status=missing&status=preferred&subject_field=place", id="page"),
    pytest.param("/api/export/po?lang=ru&status=missing&status=preferred&subject_field=place", id="api"),
])
def test_page_and_api_give_the_same_file(reader, path):
    page = reader.get("/exports/glossary?format=po&lang=ru&status=missing&status=preferred&subject_field=place")
    assert reader.get(path).data == page.data and b'msgctxt "fuzuli"' in page.data


@pytest.mark.parametrize("fmt, path", [
    pytest.param("tbx", "/exports/glossary?format=tbx&subject_field=person&subject_field=company", id="page-tbx-2008"),
    pytest.param("tbx", "/exports/glossary?format=tbx3&subject_field=person&subject_field=company", id="page-tbx-3"),
    pytest.param("csv", "/exports/glossary?format=csv&subject_field=person&subject_field=company&since=", id="page-csv"),
    pytest.param("csv", "/api/export/csv?subject_field=person&subject_field=company", id="api-csv"),
])
def test_subject_fields_filter_whole_glossary_files(reader, fmt, path):
    wanted = {c.id for c in bundled_glossary().concepts if c.subject_field in ("person", "company")}
    assert wanted and concept_ids(reader.get(path), fmt) == wanted


def test_tbx_3_from_the_page_is_tbx_3(reader):
    assert b"<tbx " in reader.get("/exports/glossary?format=tbx3").data


@pytest.mark.parametrize("path", [
    pytest.param(f"/exports/glossary?format=csv&since={FUTURE}", id="page-day"),
    pytest.param(f"/api/export/csv?since={FUTURE}", id="api-day"),
    pytest.param(f"/api/export/csv?since={FUTURE}T00:00:00Z", id="api-moment"),
])
def test_since_a_later_day_keeps_nothing(reader, path):
    assert concept_ids(reader.get(path), "csv") == set()


def test_since_keeps_the_concepts_changed_after_it(api, token):
    before = (datetime.now(timezone.utc) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S")
    concept = api.get("/api/concepts/aktau").get_json()
    concept["note"] = "port city on the Caspian"
    assert api.put("/api/concepts/aktau", json=concept, headers=bearer(token(Role.TERMINOLOGIST))).status_code == 200
    assert concept_ids(api.get(f"/api/export/tbx?since={before}Z"), "tbx") == {"aktau"}
    kept = catalogue(api.get(f"/exports/glossary?format=po&lang=az&since={before}%2B00:00"))
    assert [e.msgctxt for e in kept] == ["aktau"]
    assert len(catalogue(api.get("/exports/glossary?format=pot&since=2000-01-01"))) > 1


@pytest.mark.parametrize("query, message", [
    pytest.param("format=tbx&status=missing", "status filter applies to the po, pot and mo", id="status-on-tbx"),
    pytest.param("format=po&lang=kk&status=somewhere", "status: Must be one of", id="unknown-status"),
    pytest.param("format=po&lang=kk&since=yesterday", "since: Not a valid datetime", id="not-a-date"),
    pytest.param("format=po&lang=en&source=en", "the target language is the source language", id="same-language"),
    pytest.param("format=po&lang=kk&style=no-such-style", "unknown style", id="unknown-style"),
    pytest.param("format=xlsx", "Unknown file format &#39;xlsx&#39;", id="unknown-format"),
])
def test_the_page_refuses_filters_that_do_not_apply(reader, query, message):
    response = reader.get(f"/exports/glossary?{query}")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert message in response.get_data(as_text=True)


def test_mo_from_the_page_is_filtered_too(reader):
    import gettext

    response = reader.get("/exports/glossary?format=mo&lang=az&subject_field=place")
    compiled = gettext.GNUTranslations(io.BytesIO(response.data))
    assert compiled.pgettext("fuzuli", "Fuzuli") == "Füzuli"
    assert compiled.pgettext("kassym-jomart-tokayev", "Kassym-Jomart Tokayev") == "Kassym-Jomart Tokayev"  # left out
