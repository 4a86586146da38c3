"""A refused glossary file (CSV, TBX) or concept in the reader's language: each problem goes by its message id
(glossary/errors.py MESSAGES) and keeps its file and line; English is the command line's, word for word."""

from __future__ import annotations

import io

import pytest

from glossary.records import Role

from .conftest import bearer, csrf_token, sign_in
from .test_errors import assert_error_shape
from .test_memory import finished, upload

BAD_CSV = ("concept,lang,term,status,valid\n"
           "fuzuli-2,en,Fuzuli,best,\n"
           "fuzuli-2,ru,Физули,preferred,2019-13/\n").encode()
BAD_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic"><text><body>
<termEntry id="aktau-port">
  <langSet xml:lang="kk"><tig><term>Ақтау порты</term><termNote type="administrativeStatus">bestTerm</termNote></tig></langSet>
  <langSet><tig><term>Aktau port</term></tig></langSet>
</termEntry>
</body></text></martif>
""".encode()


def problems_of(api, headers, name, data, lang):
    """The problems of a refused glossary import, as the job's reader in ``lang`` gets them."""
    response = upload(api, [(name, data)], headers, into="glossary")
    assert response.status_code == 202, response.get_json()
    finished(api, response.get_json()["id"], headers)
    job = api.get(f"/api/imports/{response.get_json()['id']}", headers={**headers, "Accept-Language": lang}).get_json()
    assert job["state"] == "failed"
    return job["error"]


@pytest.fixture
def terminologist(token):
    return bearer(token(Role.TERMINOLOGIST))


@pytest.mark.parametrize("name, data, lang, problems", [
    pytest.param("desk.csv", BAD_CSV, "en", [
        "desk.csv:2: unknown status 'best'; use one of preferred, admitted, deprecated, superseded",
        "desk.csv:3: valid: malformed date '2019-13': no such month"], id="csv-english-as-the-command-line"),
    pytest.param("desk.csv", BAD_CSV, "kk", [
        "desk.csv:2: «status» бағаны: белгісіз мән «best»; мыналардың бірін жазыңыз: preferred, admitted, deprecated, superseded.",
        "desk.csv:3: «valid» бағаны: «2019-13» күні қате жазылған: мұндай ай жоқ."], id="csv-kazakh"),
    pytest.param("desk.csv", BAD_CSV, "ru", [
        "desk.csv:2: Столбец «status»: неизвестное значение «best»; используйте одно из: preferred, admitted, deprecated, superseded.",
        "desk.csv:3: Столбец «valid»: Дата «2019-13» записана неверно: такого месяца нет."], id="csv-russian"),
    pytest.param("port.tbx", BAD_TBX, "kk", [
        "port.tbx:4: Белгісіз administrativeStatus «bestTerm»: TBX-Basic мыналарды ғана қабылдайды: preferredTerm-admn-sts, "
        "admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts.",
        "port.tbx:5: <langSet> элементінде xml:lang жоқ."], id="tbx-kazakh"),
    pytest.param("port.tbx", BAD_TBX, "az", [
        "port.tbx:4: Naməlum administrativeStatus “bestTerm”: TBX-Basic bunlara icazə verir: preferredTerm-admn-sts, "
        "admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts.",
        "port.tbx:5: <langSet> elementində xml:lang yoxdur."], id="tbx-azerbaijani"),
])
def test_a_refused_glossary_files_problems_name_the_line_in_the_readers_language(api, terminologist, name, data, lang,
                                                                                  problems):
    error = problems_of(api, terminologist, name, data, lang)
    assert error["problems"] == problems
    assert error["message"] == {"en": "2 problems: nothing was imported", "kk": "2 қате: ештеңе импортталған жоқ",
                                "ru": "2 проблемы: ничего не импортировано", "az": "2 problem: heç nə idxal olunmadı"}[lang]


@pytest.mark.parametrize("data, lang, message", [
    pytest.param(b"concept,lang,term\n", "ru", "desk.csv:1: Ошибка в заголовке: не хватает столбцов: status",
                 id="header-russian"),
    pytest.param(b"concept,lang,term\n", "en", "desk.csv:1: bad header: missing column status", id="header-english"),
    pytest.param("concept,lang,term,status\nnaxçıvan,az,Naxçıvan,preferred\n".encode("cp1254"), "az",
                 "desk.csv:2: Fayl düzgün UTF-8 deyil (0xe7 baytı): onu UTF-8 kimi saxlayın.", id="encoding-azerbaijani"),
])
def test_a_file_with_one_problem_says_it_as_the_message(api, terminologist, data, lang, message):
    error = problems_of(api, terminologist, "desk.csv", data, lang)
    assert error["message"] == message and error["problems"] == [message]


def test_an_entity_declaring_tbx_is_refused_in_the_readers_language(api, terminologist):
    data = b'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY lol "lol">]>\n<martif/>\n'
    error = problems_of(api, terminologist, "laughs.tbx", data, "kk")
    assert error["message"].startswith("laughs.tbx:2: Файлда XML entity-лері жарияланған (lol).")


def test_the_import_page_shows_the_problems_in_the_ui_language(client):
    """The page a terminologist lands on after uploading, with the switcher's language (a cookie)."""
    sign_in(client, "terry")
    client.post("/language", data={"lang": "kk", "next": "/imports", "csrf_token": csrf_token(client, "/")})
    response = client.post("/imports", data={"csrf_token": csrf_token(client, "/imports"), "into": "glossary",
                                              "file": (io.BytesIO(BAD_CSV), "desk.csv")}, content_type="multipart/form-data")
    assert response.status_code == 302
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    finished(client, job_id)
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert "desk.csv:3: «valid» бағаны: «2019-13» күні қате жазылған: мұндай ай жоқ." in page
    assert "malformed date" not in page


def test_a_concept_the_api_refuses_lists_its_problems_in_the_language(api, token):
    body = {"id": "aktau-port", "terms": [
        {"lang": "kk", "text": "Ақтау порты", "status": "preferred", "valid": ["2020/2019"]},
        {"lang": "ru", "text": "Порт Актау", "status": "admitted", "valid": ["2019-02-30/"]}]}
    response = api.post("/api/concepts", json=body, headers={**bearer(token(Role.TERMINOLOGIST)), "Accept-Language": "kk"})
    error = assert_error_shape(response, 400)
    assert error["problems"] == [
        "concept term 1: «2020/2019» кезеңі басталмай тұрып аяқталады.",
        "concept term 2: «2019-02-30» күні қате жазылған: мұндай күн жоқ."]
    assert error["message"] == "; ".join(error["problems"])
    english = assert_error_shape(api.post("/api/concepts", json=body, headers=bearer(token(Role.TERMINOLOGIST))), 400)
    assert english["problems"] == ["concept term 1: the period '2020/2019' ends before it starts",
                                   "concept term 2: malformed date '2019-02-30': no such day"]



def test_an_imported_files_warnings_are_in_the_readers_language(api, terminologist):
    data = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic"><text><body>
<termEntry id="alat-port"><descrip type="context">Порт Алят расширяют.</descrip>
  <langSet xml:lang="ru"><tig><term>порт Алят</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text></martif>
""".encode()
    response = upload(api, [("alat.tbx", data)], terminologist, into="glossary")
    finished(api, response.get_json()["id"], terminologist)
    read = {lang: api.get(f"/api/imports/{response.get_json()['id']}", headers={**terminologist, "Accept-Language": lang})
            .get_json()["report"] for lang in ("en", "ru")}
    assert read["en"]["warnings"] == ['alat.tbx:3: 1 <descrip type="context"> element not kept: Tilmash has no field for them']
    assert read["ru"]["warnings"] == ['alat.tbx:3: Элементы <descrip type="context"> не сохранены (1): в Tilmash для них нет поля.']
    assert "warning_details" not in read["ru"] and "warning_details" not in read["en"]
