"""POST /api/qa (tilmash qa and qa --versions as JSON), GET /api/tm/search (tilmash tm search --format json),
and translate mode's checks through the QA's functions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from glossary.records import Role
from tilmash.cli import cli
from tm.importing import import_files

from ..conftest import DATA
from .conftest import bearer

AGENCY = DATA / "tm" / "agency.tmx"
SEARCHED = "The talks in Baku focused on the Middle Corridor."


@pytest.fixture
def memory_app(app):
    """The app's database with agency.tmx in the memory."""
    with app.extensions["tilmash.database"].session(actor="tests") as session:
        import_files(session, [AGENCY], actor="tests")
    return app


def rules_and_found(findings):
    return [(f["rule"], f["found"]) for f in findings]


@pytest.mark.parametrize("body, expected", [
    pytest.param({"source": {"text": "501 wagons reached Kuryk.", "lang": "en"},
                  "target": {"text": "510 вагонов прибыли в Курык.", "lang": "ru"}},
                 [("qa.numbers", "510")], id="pair-number-changed"),
    pytest.param({"source": {"text": "Ports of Aktau and Kuryk", "lang": "en"}, "target": {"text": "Ақтау порты", "lang": "kk"}},
                 [("term.mismatch", "Ақтау порты")], id="pair-name-left-out"),
    pytest.param({"source": {"text": "Talks in Shusha on %(count)d ships"}, "target": {"text": "Переговоры в Шуше о %(count)d судах"}},
                 [], id="pair-languages-detected-inflected-name-present"),
    pytest.param({"source": {"text": "Welcome to <b>Baku</b>", "lang": "en"}, "target": {"text": "Добро пожаловать в <b>Баку", "lang": "ru"}},
                 [("qa.tags", "<b>")], id="pair-tag-left-open"),
    pytest.param({"versions": [{"text": "Exports via Kuryk reached 501 wagons.", "lang": "en"},
                               {"text": "Экспорт через Курык достиг 510 вагонов.", "lang": "ru"},
                               {"text": "Құрық арқылы экспорт 501 вагонға жетті.", "lang": "kk"}]},
                 [("version.numbers", "510")], id="versions-odd-number-out"),
])
def test_qa_gives_the_findings_of_tilmash_qa(reader, body, expected):
    response = reader.post("/api/qa", json=body)
    assert response.status_code == 200
    assert rules_and_found(response.get_json()["findings"]) == expected


def test_qa_findings_point_into_the_target_in_the_lints_shape(reader):
    target = "Экспорт: 510 вагонов."
    [finding] = reader.post("/api/qa", json={"source": {"text": "Exports: 501 wagons.", "lang": "en"},
                                             "target": {"text": target, "lang": "ru"}}).get_json()["findings"]
    assert target[finding["start"]:finding["end"]] == finding["found"] == "510"
    assert (finding["path"], finding["line"], finding["column"], finding["suggestion"]) == ("target", 1, 10, "501")
    assert set(finding) >= {"end_line", "end_column", "severity", "concept", "lang", "status", "message", "fixable"}


def test_qa_versions_are_the_commands(reader, tmp_path):
    texts = {"en": "Exports via Kuryk reached 501 wagons.", "ru": "Экспорт через Курык достиг 510 вагонов.",
             "kk": "Құрық арқылы экспорт 501 вагонға жетті."}
    paths = []
    for lang, text in texts.items():
        paths.append(str(tmp_path / f"story.{lang}.txt"))
        (tmp_path / f"story.{lang}.txt").write_text(text, encoding="utf-8")
    command = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'cli.db'}", "qa", "--versions", "--langs", "en,ru,kk",
                                       "--format", "json", *paths])
    from_command = [(f["rule"], f["found"], f["start"], f["message"]) for f in json.loads(command.output)]
    body = {"versions": [{"text": text, "lang": lang} for lang, text in texts.items()]}
    from_api = [(f["rule"], f["found"], f["start"], f["message"]) for f in reader.post("/api/qa", json=body).get_json()["findings"]]
    assert from_api == from_command and from_api


@pytest.mark.parametrize("body, status, message", [
    pytest.param({"source": {"text": "Baku"}}, 422, "give both source and target", id="pair-without-target"),
    pytest.param({"source": {"text": "a"}, "target": {"text": "b"}, "versions": [{"text": "a"}, {"text": "b"}]},
                 422, "not both", id="pair-and-versions"),
    pytest.param({}, 422, "give source and target, or versions", id="empty"),
    pytest.param({"versions": [{"text": "Fuzuli"}]}, 422, "versions", id="one-version"),
    pytest.param({"source": {"text": "Baku", "lang": "fr"}, "target": {"text": "Баку"}}, 422, "lang", id="unknown-language"),
    pytest.param({"versions": [{"text": "Talks in Baku.", "lang": "en"}, {"text": "Talks in Fuzuli.", "lang": "en"}]},
                 400, "en", id="versions-in-one-language"),
    pytest.param({"source": {"text": "Baku"}, "target": {"text": "Баку"}, "style": "no-such-style"}, 400, "no-such-style",
                 id="unknown-style"),
])
def test_bad_qa_input_is_refused_in_the_error_shape(reader, body, status, message):
    """Requests the schema refuses get 422 (as every API call does), requests it admits that cannot be checked 400."""
    response = reader.post("/api/qa", json=body)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["status"] == status and message in error["message"]


def test_memory_search_gives_the_commands_matches(memory_app, tmp_path):
    response = memory_app.test_client().get("/api/tm/search", query_string={"q": SEARCHED, "source": "en", "target": "ru"})
    assert response.status_code == 200
    [match] = response.get_json()["matches"]
    assert match["target"] == "Переговоры в Астане были посвящены Среднему коридору."
    assert match["repaired_target"] == "Переговоры в Баку были посвящены Среднему коридору."
    assert [(d["kind"], d["query"], d["source"]) for d in match["diff"]] == [("replace", "Baku", "Astana")]
    command = CliRunner().invoke(cli, ["--db", memory_app.config["DATABASE_URL"], "tm", "search", "--source", "en",
                                       "--target", "ru", "--format", "json", SEARCHED])
    assert response.get_json()["matches"] == json.loads(command.output)


@pytest.mark.parametrize("query, status, message", [
    pytest.param({"q": SEARCHED, "source": "en", "target": "en"}, 400, "the same", id="same-languages"),
    pytest.param({"q": SEARCHED, "source": "en"}, 400, "say which language to translate into with target", id="no-target-among-several"),
    pytest.param({"q": " ", "source": "en", "target": "ru"}, 400, "empty", id="empty-query"),
    pytest.param({"q": SEARCHED, "source": "xx-!!", "target": "ru"}, 400, "xx-!!", id="bad-language-tag"),
    pytest.param({"q": SEARCHED, "source": "en", "target": "ru", "min_score": 101}, 422, "min_score", id="score-above-100"),
    pytest.param({"source": "en", "target": "ru"}, 422, "q", id="no-query"),
])
def test_bad_memory_search_is_refused_in_the_error_shape(memory_app, query, status, message):
    response = memory_app.test_client().get("/api/tm/search", query_string=query)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["status"] == status and message in error["message"]


@pytest.mark.parametrize("method, path, body", [
    pytest.param("post", "/api/qa", {"source": {"text": "Fizuli"}, "target": {"text": "Физули"}}, id="qa"),
    pytest.param("get", "/api/tm/search?q=Fuzuli&source=en&target=az", None, id="memory-search"),
])
def test_qa_and_memory_search_need_an_account_when_reading_is_not_open(memory_app, token, method, path, body):
    memory_app.config["ANONYMOUS_READ"] = False
    client = memory_app.test_client()
    call = getattr(client, method)
    assert call(path, json=body).status_code == 401
    for role in (Role.TRANSLATOR, Role.TERMINOLOGIST):
        assert call(path, json=body, headers=bearer(token(role))).status_code == 200


def test_a_signed_in_browser_needs_the_csrf_token(memory_app):
    from .conftest import sign_in

    client = memory_app.test_client()
    sign_in(client, "tina")
    assert client.post("/api/qa", json={"source": {"text": "Fizuli"}, "target": {"text": "Физули"}}).status_code == 400


def test_translate_check_uses_the_qas_checks(reader):
    body = reader.post("/api/translate/check", json={
        "source": "Exports via Kuryk reached 501 wagons.", "target": "Экспорт достиг 510 вагонов.",
        "source_lang": "en", "target_lang": "ru"}).get_json()
    assert [(n["concept"], n["rendering"], n["present"]) for n in body["names"]] == [("kuryk", "Курык", False)]
    assert sorted(f["rule"] for f in body["findings"]) == ["qa.numbers", "term.mismatch"]
    assert (body["missing_numbers"], body["extra_numbers"]) == (["501"], ["510"])
