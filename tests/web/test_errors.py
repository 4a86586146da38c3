"""One JSON error shape for every 4xx and 5xx of the API (DESIGN.md), HTML pages elsewhere."""

from __future__ import annotations

import pytest

from glossary.records import Role

from .conftest import bearer


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert {"status", "message"} <= set(body["error"]) <= {"status", "message", "problems", "current"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body["error"]


@pytest.mark.parametrize("method, path, kwargs, status", [
    pytest.param("get", "/api/nowhere", {}, 404, id="unknown-address"),
    pytest.param("delete", "/api/lint", {}, 405, id="wrong-method"),
    pytest.param("post", "/api/lint", {"json": {"lang": "en"}}, 422, id="missing-field"),
    pytest.param("post", "/api/lint", {"json": {"text": "x", "lang": "fr"}}, 422, id="unknown-language"),
    pytest.param("post", "/api/lint", {"data": "{not json", "content_type": "application/json"}, 400, id="broken-json"),
    pytest.param("post", "/api/lint", {"json": {"text": "x", "style": "no-such-style"}}, 400, id="unknown-style"),
    pytest.param("get", "/api/terms", {}, 422, id="search-without-query"),
    pytest.param("get", "/api/concepts/no-such-concept", {}, 404, id="unknown-concept"),
    pytest.param("post", "/api/concepts", {"json": {"id": "x", "terms": []}}, 401, id="write-without-account"),
    pytest.param("get", "/api/proposals", {}, 401, id="queue-without-account"),
    pytest.param("post", "/api/changes/4477940112619525373952/revert", {}, 404, id="id-beyond-the-database"),
])
def test_every_api_error_has_one_shape(reader, method, path, kwargs, status):
    assert_error_shape(getattr(reader, method)(path, **kwargs), status)


def test_refused_glossary_input_lists_every_problem(client, token):
    headers = bearer(token(Role.TERMINOLOGIST))
    body = {"id": "new-place", "terms": [{"lang": "en", "text": "A", "status": "preferred"},
                                         {"lang": "en", "text": "B", "status": "preferred"},
                                         {"lang": "xx-nope", "text": "C", "status": "admitted"}]}
    error = assert_error_shape(client.post("/api/concepts", json=body, headers=headers), 400)
    assert error["problems"] == ["concept term 3: unknown language code 'xx-nope': 'xx' is not a language in CLDR"]


def test_a_bug_is_a_plain_500_without_a_traceback(app, monkeypatch):
    import glossary.lint.engine

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("webapp.api.lint.lint_text_cached", broken)  # (what the view calls, LINT_CACHE_MB being on)
    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/api/lint", json={"text": "Fizuli"})
    error = assert_error_shape(response, 500)
    assert "secret" not in error["message"]


def test_pages_get_an_html_error_page(reader):
    response = reader.get("/glossary/no-such-concept")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "no concept with id &#39;no-such-concept&#39;" in response.get_data(as_text=True)
