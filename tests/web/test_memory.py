"""The memory in the web app: imports in the background with their report, fuzzy search and
concordance pages and API, the TMX download, and who may do what."""

from __future__ import annotations

import io
import time

import pytest
from lxml import etree

from glossary.records import Role

from ..conftest import DATA
from .conftest import bearer, sign_in

AGENCY = DATA / "tm" / "agency.tmx"
DESK_PO = DATA / "tm" / "desk.po"
TRUNCATED = DATA / "bad-memory" / "truncated.tmx"
GLOSSARY_CSV = b"concept,lang,term,status\nshusha-mosque,en,Yukhari Govhar Agha Mosque,preferred\nshusha-mosque,ru,\xd0\x9c\xd0\xb5\xd1\x87\xd0\xb5\xd1\x82\xd1\x8c,preferred\n"


def upload(client, files, headers=None, into=None):
    """POST /api/imports with (name, bytes) pairs."""
    data = {"file": [(io.BytesIO(content), name) for name, content in files]}
    path = "/api/imports" + (f"?into={into}" if into else "")
    return client.post(path, data=data, headers=headers or {}, content_type="multipart/form-data")


def finished(client, job_id, headers=None) -> dict:
    """The job once it has ended (the import runs in a thread of the app)."""
    for _ in range(600):
        job = client.get(f"/api/imports/{job_id}", headers=headers or {}).get_json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"import {job_id} did not end: {job}")


def imported(client, headers, files, into=None) -> dict:
    response = upload(client, files, headers, into)
    assert response.status_code == 202, response.get_json()
    return finished(client, response.get_json()["id"], headers)


@pytest.fixture
def translator(token):
    return bearer(token(Role.TRANSLATOR))


@pytest.fixture
def with_agency(api, translator):
    job = imported(api, translator, [("agency.tmx", AGENCY.read_bytes())])
    assert job["state"] == "done"
    return api


def test_a_tmx_import_ends_with_its_report(api, translator):
    response = upload(api, [("agency.tmx", AGENCY.read_bytes())], translator)
    assert response.status_code == 202 and response.headers["Location"] == f"/api/imports/{response.get_json()['id']}"
    job = finished(api, response.get_json()["id"], translator)
    assert (job["state"], job["progress"], job["error"]) == ("done", 1.0, None)
    [report] = job["report"]["files"]
    assert (report["path"], report["into"], report["added"], report["merged"], report["skipped"]) == ("agency.tmx", "memory", 5, 0, [])
    assert report["summary"] == "agency.tmx: 5 units added, 0 merged, 0 skipped"
    again = imported(api, translator, [("agency.tmx", AGENCY.read_bytes())])
    assert (again["report"]["files"][0]["added"], again["report"]["files"][0]["merged"]) == (0, 5)


def test_a_po_file_goes_into_the_memory(api, translator):
    job = imported(api, translator, [("desk.po", DESK_PO.read_bytes())])
    [report] = job["report"]["files"]
    assert job["state"] == "done" and report["into"] == "memory" and report["added"] > 0


def test_a_bad_file_imports_nothing_and_says_why(api, translator):
    job = imported(api, translator, [("agency.tmx", AGENCY.read_bytes()), ("truncated.tmx", TRUNCATED.read_bytes())])
    assert job["state"] == "failed" and job["report"] is None
    assert job["error"]["problems"] and all(p.startswith("truncated.tmx") for p in job["error"]["problems"])
    assert "/" not in job["error"]["message"].split(":")[0]  # the file as the user named it, not the server's folder
    stats = api.get("/memory/").get_data(as_text=True)
    assert "0 units" in stats


def test_a_glossary_file_needs_a_terminologist(api, translator, token):
    refused = upload(api, [("mosque.csv", GLOSSARY_CSV)], translator)
    assert refused.status_code == 403 and "terminologist" in refused.get_json()["error"]["message"]
    job = imported(api, bearer(token(Role.TERMINOLOGIST)), [("mosque.csv", GLOSSARY_CSV)])
    [report] = job["report"]["files"]
    assert (report["into"], report["concepts_added"], report["terms_added"]) == ("glossary", 1, 2)
    assert api.get("/api/concepts/shusha-mosque").status_code == 200


@pytest.mark.parametrize("files, into, status, message", [
    pytest.param([], None, 422, "file: Missing data", id="no-file"),
    pytest.param([("notes.docx", b"x")], None, 400, "cannot import notes.docx", id="unknown-type"),
    pytest.param([("g.csv", GLOSSARY_CSV)], "memory", 400, "the memory reads TMX and PO", id="csv-into-memory"),
    pytest.param([("a.tmx", b"x")], "elsewhere", 422, "into", id="unknown-destination"),
])
def test_uploads_that_cannot_be_imported_are_refused_at_once(api, translator, files, into, status, message):
    response = upload(api, files, translator, into)
    assert response.status_code == status and message in response.get_json()["error"]["message"]


def test_an_upload_over_the_limit_is_413(app, api, translator):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload(api, [("big.tmx", b"x" * 5000)], translator)
    assert response.status_code == 413 and response.get_json()["error"]["status"] == 413


def test_imports_need_an_account_and_jobs_are_their_owners(api, translator, token):
    assert upload(api, [("agency.tmx", AGENCY.read_bytes())]).status_code == 401
    job = upload(api, [("agency.tmx", AGENCY.read_bytes())], translator).get_json()
    finished(api, job["id"], translator)
    other = bearer(token(Role.TERMINOLOGIST))
    assert api.get(f"/api/imports/{job['id']}", headers=other).status_code == 404
    assert api.get(f"/api/imports/{job['id']}", headers=bearer(token(Role.ADMIN))).status_code == 200
    assert api.get("/api/imports/not-a-job", headers=translator).status_code == 404


def test_concordance_api_marks_the_phrase(with_agency):
    body = with_agency.get("/api/tm/concordance?q=middle+corridor&lang=en").get_json()
    [hit] = body["occurrences"]
    assert hit["text"][slice(*hit["marks"][0])] == "Middle Corridor"
    assert {"lang": "ru-RU", "text": "Переговоры в Астане были посвящены Среднему коридору."} in hit["translations"]
    assert with_agency.get("/api/tm/concordance?q=fuzul").get_json()["occurrences"][0]["marks"]


def test_concordance_api_refuses_a_phrase_without_words(reader):
    response = reader.get("/api/tm/concordance?q=%2B%2B")
    assert response.status_code == 400 and "no words" in response.get_json()["error"]["message"]


def test_search_page_marks_what_differs_and_repairs_the_name(with_agency):
    page = with_agency.get("/memory/?q=The+talks+in+Baku+focused+on+the+Middle+Corridor.&source=en&target=ru").get_data(as_text=True)
    assert "The talks in <mark>Astana</mark> focused on the Middle Corridor." in page
    assert "Переговоры в Баку были посвящены Среднему коридору." in page  # the repaired target
    assert "Астане → Баку" in page


def test_memory_page_counts_units_per_pair_and_origin(with_agency):
    page = with_agency.get("/memory/").get_data(as_text=True)
    assert "5 units" in page and "agency.tmx" in page and "en – ru" in page


def test_concordance_page_marks_the_phrase(with_agency):
    page = with_agency.get("/memory/concordance?q=F%C3%BCzuli&lang=az").get_data(as_text=True)
    assert "<mark>Füzulidə</mark> yeni məktəb açılıb." in page


def test_what_the_memory_holds_is_shown_as_text(api, translator):
    tmx = AGENCY.read_bytes().replace(b"A new school opened in Fuzuli.", b"&lt;script&gt;alert(1)&lt;/script&gt; in Fuzuli.")
    imported(api, translator, [("agency.tmx", tmx)])
    page = api.get("/memory/concordance?q=alert").get_data(as_text=True)
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_tmx_download_is_streamed_and_filtered(with_agency):
    whole = with_agency.get("/api/export/tmx")
    assert whole.status_code == 200 and whole.is_streamed and whole.mimetype == "application/x-tmx+xml"
    assert len(etree.fromstring(whole.data).findall("body/tu")) == 5
    pair = with_agency.get("/api/export/tmx?source=en&target=kk")
    assert 'filename="memory.en-kk.tmx"' in pair.headers["Content-Disposition"]
    units = etree.fromstring(pair.data).findall("body/tu")
    assert len(units) == 2 and all(len(u.findall("tuv")) == 2 for u in units)
    assert etree.fromstring(with_agency.get("/api/export/tmx?since=2999-01-01").data).findall("body/tu") == []
    assert len(etree.fromstring(with_agency.get("/api/export/tmx?origin=agency.tmx").data).findall("body/tu")) == 5


@pytest.mark.parametrize("query, message", [
    pytest.param("source=en", "give both", id="source-without-target"),
    pytest.param("source=en&target=xx-nope", "xx", id="unknown-language"),
])
def test_tmx_download_refuses_bad_filters(reader, query, message):
    response = reader.get(f"/api/export/tmx?{query}")
    assert response.status_code == 400 and message in response.get_json()["error"]["message"]


def test_downloads_page_offers_the_memory(with_agency):
    page = with_agency.get("/exports").get_data(as_text=True)
    assert 'action="/exports/memory"' in page and '<option value="agency.tmx">' in page
    assert "<title>Downloads · Tilmash</title>" in page
    response = with_agency.get("/exports/memory?source=en&target=ru&origin=&since=")
    assert response.status_code == 200 and len(etree.fromstring(response.data).findall("body/tu")) == 4


def test_import_page_uploads_and_shows_the_report(app, client):
    sign_in(client, "tina")
    form = client.get("/imports").get_data(as_text=True)
    assert 'value="memory"' in form and 'value="glossary"' not in form  # a translator imports memory only
    import re

    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post("/imports", data={"csrf_token": csrf, "into": "memory", "file": (AGENCY.open("rb"), "agency.tmx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    finished(client, job_id)
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert "5 units added" in page and "0 merged with units already stored" in page


def test_import_pages_need_a_translator(client, reader):
    assert reader.get("/imports").status_code == 302  # to the sign-in page
    sign_in(client, "tina")
    glossary_upload = client.post("/imports", data={"into": "glossary", "file": (io.BytesIO(GLOSSARY_CSV), "g.csv")},
                                  content_type="multipart/form-data")
    assert glossary_upload.status_code == 400  # no CSRF token: refused before anything else


def test_openapi_document_covers_the_memory(reader):
    paths = reader.get("/api/openapi.json").get_json()["paths"]
    assert {"/api/tm/concordance", "/api/imports", "/api/imports/{job_id}", "/api/export/tmx"} <= set(paths)
    assert "multipart/form-data" in paths["/api/imports"]["post"]["requestBody"]["content"]


def test_an_import_whose_worker_died_reads_as_failed(tmp_path):
    import subprocess

    from webapp.import_jobs import JobStore, new_job_id

    gone = subprocess.Popen(["true"])
    gone.wait()
    store, job_id = JobStore(tmp_path), new_job_id()
    job = store.create(job_id, "tina", None, [tmp_path / "agency.tmx"])
    store.write({**job, "state": "running", "pid": gone.pid})
    read = store.read(job_id)
    assert read["state"] == "failed" and "nothing was imported" in read["error"]["message"]


def test_ended_jobs_are_forgotten_after_a_week(tmp_path):
    import os

    from webapp.import_jobs import JOB_FILE, KEPT_FOR, JobStore, new_job_id

    store = JobStore(tmp_path)
    old, running = new_job_id(), new_job_id()
    store.write({**store.create(old, "tina", None, []), "state": "done"})
    store.create(running, "tina", None, [])
    for job_id in (old, running):
        stamp = time.time() - KEPT_FOR - 60
        os.utime(tmp_path / job_id / JOB_FILE, (stamp, stamp))
    store.create(new_job_id(), "tina", None, [])
    assert store.read(old) is None and store.read(running) is not None


def test_a_database_locked_by_an_import_is_a_503_to_retry(app, monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("UPDATE api_tokens ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr("tm.concordance.concordance", locked)
    response = app.test_client().get("/api/tm/concordance?q=Fuzuli")
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert response.get_json()["error"]["message"].startswith("the database is busy")


def test_polling_with_a_token_writes_its_last_use_once_in_ten_minutes(app, token):
    from datetime import timedelta

    from glossary import accounts
    from glossary.model import ApiToken

    secret = token(Role.TRANSLATOR)
    database = app.extensions["tilmash.database"]
    with database.session() as session:
        accounts.account_for_token(session, secret)
        first = session.scalar(accounts.select(ApiToken.last_used_at))
    with database.session() as session:
        accounts.account_for_token(session, secret)
        assert not session.dirty  # nothing to write: no wait for an import's lock on SQLite
        assert session.scalar(accounts.select(ApiToken.last_used_at)) == first
    with database.session() as session:
        session.scalar(accounts.select(ApiToken)).last_used_at = first - timedelta(minutes=11)
    with database.session() as session:
        accounts.account_for_token(session, secret)
        assert session.dirty


def test_the_report_names_skipped_po_entries_in_the_ui_language(client):
    """A PO file used as memory skips its fuzzy and obsolete entries; the report says which, in Russian."""
    import re

    sign_in(client, "tina")
    form = client.get("/imports").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post("/imports", data={"csrf_token": csrf, "into": "memory", "file": (DESK_PO.open("rb"), "desk.po")},
                           content_type="multipart/form-data")
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    finished(client, job_id)
    page = client.get(f"/imports/{job_id}", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "записи с пометкой fuzzy (1)" in page and "устаревшие записи (1)" in page
    assert "1 fuzzy" not in page


ONE_VARIANT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="en"><seg>Talks in Aktau.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Talks in Baku.</seg></tuv><tuv xml:lang="ru"><seg> </seg></tuv></tu>
</body></tmx>
""".encode()


@pytest.mark.parametrize("lang, problems", [
    pytest.param("en", ["desk.tmx:4: a unit with 1 variant: a translation unit needs at least two languages",
                        'desk.tmx:5: empty segment in <tuv xml:lang="ru">'], id="english-as-the-command-line"),
    pytest.param("ru", ["desk.tmx:4: Вариантов в этой единице: 1. В единице перевода должно быть не меньше двух языков.",
                        'desk.tmx:5: Сегмент в <tuv xml:lang="ru"> пуст.'], id="russian"),
    pytest.param("kk", ["desk.tmx:4: Бұл бірліктегі нұсқа саны: 1. Аударма бірлігінде кемінде екі тіл болуы керек.",
                        'desk.tmx:5: <tuv xml:lang="ru"> ішіндегі сегмент бос.'], id="kazakh"),
])
def test_a_refused_files_problems_are_given_in_the_readers_language(api, translator, lang, problems):
    """The import ran in the background; whoever reads the job gets its problems in their own language."""
    response = upload(api, [("desk.tmx", ONE_VARIANT_TMX)], translator)
    finished(api, response.get_json()["id"], translator)
    job = api.get(f"/api/imports/{response.get_json()['id']}", headers={**translator, "Accept-Language": lang}).get_json()
    assert job["state"] == "failed" and job["error"]["problems"] == problems
    assert job["error"]["message"] == {"en": "2 problems: nothing was imported", "ru": "2 проблемы: ничего не импортировано",
                                       "kk": "2 қате: ештеңе импортталған жоқ"}[lang]
