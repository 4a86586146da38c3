"""The editors' endpoints answer with JSON built without marshmallow (webapp/api/lint.py): each body
must be exactly what its documented schema would dump, no field more, none missing, none retyped."""

from __future__ import annotations

import json

import pytest

from webapp.api import schemas

WRONG = "Визит Касыма-Жомарта Кемеловича Токаева. Prezident FİZULİDƏ çıxış edib. Fizuli, the Zangazur corridor."


@pytest.mark.parametrize("path, body, schema, findings", [
    pytest.param("/api/lint", {"text": WRONG}, schemas.LintResponse, 3, id="lint"),
    pytest.param("/api/lint", {"text": WRONG, "concepts": True}, schemas.LintResponse, 3, id="lint-with-cards"),
    pytest.param("/api/lint", {"text": "Переговоры прошли в Нахичевани.", "style": "az-official", "concepts": True},
                 schemas.LintResponse, 1, id="lint-in-a-style"),
    pytest.param("/api/lint", {"text": "Nothing to see."}, schemas.LintResponse, 0, id="lint-clean"),
    pytest.param("/api/translate/check", {"source": "Tokayev met Aliyev in Fuzuli on 12 May.", "target": "Тоқаев 13 мамырда Фзулиде.",
                                          "source_lang": "en", "target_lang": "kk"},
                 schemas.TranslateResult, 1, id="translate-check"),
])
def test_the_body_is_what_the_schema_documents(reader, path, body, schema, findings):
    response = reader.post(path, json=body)
    assert response.status_code == 200 and response.mimetype == "application/json"
    answer = response.get_json()
    assert schema().validate(answer) == {}  # every required field, of its type, and no unknown one
    assert schema().dump(answer) == answer  # nothing the schema would drop or change
    assert len(answer["findings"]) >= findings


CASES = [
    pytest.param("/api/lint", {"text": WRONG, "concepts": True}, id="lint-with-cards"),
    pytest.param("/api/translate/check", {"source": "Tokayev met Aliyev in Fuzuli on 12 May.",
                                          "target": "Тоқаев 13 мамырда Фзулиде.", "source_lang": "en", "target_lang": "kk"},
                 id="translate-check"),
    pytest.param("/api/lint", {"text": "Fizuli\u0001 «Кемеловича» \"Fizuli\" \\ \u2028 Fizuli\ud800"}, id="odd-characters"),
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path, body", CASES)
def test_the_body_is_written_as_jsonify_writes_it(shared_app, reader, path, body, lang):
    """The editors' answers are written by orjson (``json_response``): the same bytes as Flask's
    ``jsonify`` (compact, letters unescaped, keys in order, a final newline), ``why`` included."""
    response = reader.post(path, data=json.dumps(body), content_type="application/json", headers={"Accept-Language": lang})
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["findings"] and all(("why" in f) == (lang == "ru") for f in answer["findings"])
    with shared_app.test_request_context():
        assert response.get_data() == shared_app.json.response(answer).get_data()


def test_names_keep_the_letters_they_were_written_with(reader):
    raw = reader.post("/api/lint", json={"text": "Визит Касыма-Жомарта Кемеловича Токаева."}).get_data(as_text=True)
    assert "Кемелевича" in raw  # not \u-escaped, as the command line prints them


def test_drafts_sent_again_as_they_are_typed_answer_as_without_the_paragraph_cache(app, app_config):
    """Each paragraph's results are kept in the worker (LINT_CACHE_MB): a draft typed into, word by word
    and paragraph by paragraph, gets byte for byte the answers of an app without that cache."""
    from webapp import create_app

    uncached = create_app({**app_config, "LINT_CACHE_MB": 0})
    cached_client, uncached_client = app.test_client(), uncached.test_client()
    paragraphs = [WRONG, "Talks were held in Nur-Sultan on Monday.", "The Middle Corridor grows.",
                  "Переговоры прошли в Нахичевани.", "Cargo on the Trans-Caspian International Transport Route grew."]
    draft = ""
    try:
        for paragraph in paragraphs:
            for word in (paragraph + " Nothing else happened that day, as far as anyone could tell." * 4).split(" "):
                draft += word + " "
                for body in ({"text": draft}, {"text": draft, "concepts": True, "date": "2019-06-01"}):
                    answer = cached_client.post("/api/lint", json=body).get_data()
                    assert answer == uncached_client.post("/api/lint", json=body).get_data()
            draft = draft.rstrip() + "\n\n"
        assert {"term.inconsistent", "term.superseded", "term.deprecated"} <= {
            f["rule"] for f in cached_client.post("/api/lint", json={"text": draft}).get_json()["findings"]}
        cache = app.extensions["tilmash.lint_cache"]
        assert cache.hits > cache.misses / 2 and uncached.extensions["tilmash.lint_cache"] is None
    finally:
        uncached.extensions["tilmash.database"].dispose()
