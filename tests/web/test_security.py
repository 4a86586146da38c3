"""Headers, escaping, CSRF, cookies and size limits."""

from __future__ import annotations

from glossary.records import Role

from .conftest import bearer, csrf_token, sign_in


def test_every_response_has_the_security_headers(reader):
    client = reader
    for path in ("/", "/glossary/", "/api/openapi.json", "/api/nowhere"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(reader):
    page = reader.get("/").get_data(as_text=True)
    assert '<script src="/static/build/workbench.js">' in page
    # the only other script element is data: a JSON block the browser never runs
    assert page.count("<script") == 2 and '<script type="application/json" id="ui-strings">' in page


def test_what_a_user_typed_is_shown_as_text(client, token):
    payload = "<script>alert(1)</script>"
    concept = {"id": "xss-test", "note": payload, "terms": [{"lang": "en", "text": payload, "status": "preferred",
                                                              "source": '"><img src=x onerror=alert(1)>'}]}
    assert client.post("/api/concepts", json=concept, headers=bearer(token(Role.TERMINOLOGIST))).status_code == 201
    for path in ("/glossary/xss-test", "/glossary/?q=script", "/glossary/xss-test/history"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_forms_without_the_csrf_token_are_refused(reader):
    client = reader
    response = client.post("/login", data={"name": "terry", "password": "whatever!"})
    assert response.status_code == 400
    assert client.post("/api/lint", json={"text": "Fizuli"}).status_code == 200  # anonymous: nothing to forge
    sign_in(client, "tina")
    api = client.post("/api/lint", json={"text": "Fizuli"})  # a signed-in session's API calls need the token
    assert api.status_code == 400 and "reload the page" in api.get_json()["error"]["message"]
    token = csrf_token(client, "/")
    assert client.post("/api/lint", json={"text": "Fizuli"}, headers={"X-CSRFToken": token}).status_code == 200


def test_session_cookie_is_httponly_and_samesite(reader):
    client = reader
    response = sign_in(client, "terry")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_behind_https(app_config):
    from webapp import create_app

    app = create_app({**app_config, "HTTPS": True})
    response = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})  # the session holds the form's token
    assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    app.extensions["tilmash.database"].dispose()


def test_requests_over_the_size_limit_get_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/lint", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413
