"""Users, roles, sign-in and its rate limit, API tokens; every rule holds in the API as in the pages."""

from __future__ import annotations

import pytest

from glossary.records import Role

from .conftest import PASSWORD, bearer, csrf_token, sign_in


def test_signing_in_and_out(client):
    response = sign_in(client, "terry")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "terry" in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert "terry" not in client.get("/").get_data(as_text=True)


def test_a_wrong_password_is_refused(client):
    response = sign_in(client, "terry", "not the password")
    assert response.status_code == 401
    assert "Wrong name or password" in response.get_data(as_text=True)


def test_sign_in_is_locked_after_five_failures_even_with_the_right_password(client):
    for _ in range(5):
        assert sign_in(client, "terry", "guess guess").status_code == 401
    response = sign_in(client, "terry", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    assert sign_in(client, "tina").status_code == 302  # other names are not locked


@pytest.mark.parametrize("role, status", [
    pytest.param(Role.TRANSLATOR, 403, id="translator-cannot"),
    pytest.param(Role.TERMINOLOGIST, 204, id="terminologist-can"),
])
def test_who_may_delete_a_concept_through_the_api(client, token, role, status):
    response = client.delete("/api/concepts/fuzuli", headers=bearer(token(role)))
    assert response.status_code == status
    assert client.get("/api/concepts/fuzuli").status_code == (200 if status == 403 else 404)


def test_a_translator_cannot_edit_in_the_pages(client):
    sign_in(client, "tina")
    assert client.get("/glossary/fuzuli/edit").status_code == 403
    token = csrf_token(client, "/glossary/fuzuli/propose")
    assert client.post("/glossary/fuzuli/delete", data={"csrf_token": token}).status_code == 403
    assert client.get("/admin").status_code == 403


def test_an_invalid_token_is_refused(client):
    response = client.get("/api/terms?q=baku", headers=bearer("tlm_not-a-token"))
    assert response.status_code == 401


def test_anonymous_visitors_are_sent_to_sign_in_when_reading_is_closed(app, client):
    app.config["ANONYMOUS_READ"] = False
    assert client.get("/glossary/").status_code == 302
    assert client.get("/api/terms?q=baku").status_code == 401
    sign_in(client, "tina")
    assert client.get("/glossary/").status_code == 200


def test_an_admin_makes_a_token_that_works_once_shown(client):
    sign_in(client, "ada")
    page = client.post("/admin", data={"csrf_token": csrf_token(client, "/admin"), "form": "token",
                                       "token-user": "tina", "token-name": "CMS", "token-role": "translator"})
    import re

    secret = re.search(r'<code class="secret">([^<]+)</code>', page.get_data(as_text=True)).group(1)
    assert client.get("/api/proposals", headers=bearer(secret)).status_code == 403
    response = client.post("/api/lint", json={"text": "Fizuli"}, headers=bearer(secret))
    assert response.status_code == 200


def test_a_token_cannot_have_more_rights_than_its_user(app):
    from glossary import accounts

    with app.extensions["tilmash.database"].session() as session, pytest.raises(accounts.AccountError):
        accounts.create_token(session, "tina", "sneaky", Role.ADMIN)


def test_users_add_on_the_command_line(invoke):
    assert invoke("init", "--empty").exit_code == 0
    result = invoke("users", "add", "first", "--role", "admin", input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0, result.output
    assert "user 'first' added as admin" in result.output
    assert invoke("users", "list").output == "first\tadmin\n"
    again = invoke("users", "add", "first", "--role", "admin", "--password", "long enough pw")
    assert again.exit_code == 2 and "error: user 'first' already exists" in again.stderr
    short = invoke("users", "add", "second", "--role", "translator", "--password", "short")
    assert short.exit_code == 2 and "too short" in short.stderr


@pytest.mark.parametrize("lang, fields, expected", [
    pytest.param("ru", {"token-user": "tina", "token-role": "admin"},
                 "У токена не может быть больше прав, чем у его пользователя (tina: переводчик).", id="token-rights-russian"),
    pytest.param("kk", {"token-user": "tina", "token-role": "admin"},
                 "Токеннің құқығы оның пайдаланушысының құқығынан көп бола алмайды (tina: аудармашы).", id="token-rights-kazakh"),
])
def test_the_admin_pages_refusals_are_in_the_ui_language(client, lang, fields, expected):
    sign_in(client, "ada")
    page = client.post("/admin", data={"csrf_token": csrf_token(client, "/admin"), "form": "token", "token-name": "CMS", **fields},
                       headers={"Accept-Language": lang}).get_data(as_text=True)
    assert expected in page
