"""Who a request is, by its cookies (webapp/auth.py): the session cookie is only read when one is sent,
and Flask-Login only asked when the session names a user. Anonymous, forged and signed-in sessions
get the answers they always had."""

from __future__ import annotations

import pytest

from .conftest import csrf_token, sign_in


@pytest.mark.parametrize("cookie", [
    pytest.param(None, id="no-cookie"),
    pytest.param("", id="empty-session-cookie"),
    pytest.param("eyJfdXNlcl9pZCI6IjEifQ.forged.signature", id="forged-session-cookie"),
])
def test_an_anonymous_call_is_answered_and_sets_no_cookie(client, cookie):
    if cookie is not None:
        client.set_cookie("session", cookie)
    response = client.post("/api/lint", json={"text": "Fizuli"})
    assert response.status_code == 200 and response.get_json()["findings"][0]["suggestion"] == "Fuzuli"
    assert "Set-Cookie" not in response.headers
    assert "Cookie" in response.headers["Vary"]  # shared caches keep anonymous and signed-in answers apart


@pytest.mark.parametrize("cookie", [
    pytest.param(None, id="no-cookie"),
    pytest.param("eyJfdXNlcl9pZCI6IjEifQ.forged.signature", id="forged-session-cookie"),
])
def test_without_anonymous_reading_only_a_signed_in_session_reads(app, client, cookie):
    app.config["ANONYMOUS_READ"] = False
    if cookie is not None:
        client.set_cookie("session", cookie)
    assert client.get("/api/terms?q=baku").status_code == 401
    sign_in(client, "tina")
    assert client.get("/api/terms?q=baku").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/api/terms?q=baku").status_code == 401


def test_a_signed_in_sessions_api_writes_need_the_csrf_token_and_token_calls_do_not(client, token):
    from glossary.records import Role

    from .conftest import bearer

    sign_in(client, "terry")
    concept = client.get("/api/concepts/fuzuli").get_json()
    refused = client.put("/api/concepts/fuzuli", json=concept)
    assert refused.status_code == 400 and "reload the page" in refused.get_json()["error"]["message"]
    assert client.put("/api/concepts/fuzuli", json=concept, headers={"X-CSRFToken": csrf_token(client, "/")}).status_code == 200
    concept = client.get("/api/concepts/fuzuli").get_json()
    assert client.put("/api/concepts/fuzuli", json=concept, headers=bearer(token(Role.TERMINOLOGIST))).status_code == 200
