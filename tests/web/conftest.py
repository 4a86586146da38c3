"""Fixtures of the web app: an app on a fresh database with the bundled glossary, users of each
role, Flask's test client, and API tokens."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.engine import make_url

from glossary import accounts
from glossary.database import Database
from glossary.records import Role
from glossary.termbase import seed_bundled_glossary
from webapp import create_app

from ..conftest import POSTGRES_URL

PASSWORD = "correct horse battery"
USERS = {"tina": Role.TRANSLATOR, "terry": Role.TERMINOLOGIST, "ada": Role.ADMIN}


def seeded(url: str) -> None:
    database = Database(url)
    database.upgrade()
    with database.session(actor="tests") as session:
        seed_bundled_glossary(session)
        for name, role in USERS.items():
            accounts.add_user(session, name, PASSWORD, role)
    database.dispose()


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    """Werkzeug's pbkdf2 with few rounds instead of scrypt's 0.2 s a hash: the tests are about who may do what."""
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """One seeded SQLite file, copied for each test (seeding takes a second; copying, nothing)."""
    path = tmp_path_factory.mktemp("template") / "tilmash.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")
        seeded(f"sqlite:///{path}")
    return path


@pytest.fixture
def app_config(database_url, tmp_path, monkeypatch, request):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if POSTGRES_URL:
        seeded(database_url)
    else:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), make_url(database_url).database)
    return {"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "tests", "ANONYMOUS_READ": True}


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    yield app
    app.extensions["tilmash.database"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, as a page's form carries it."""
    import re

    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf_token(client)})


@pytest.fixture
def token(app):
    """token(role) -> a bearer token of the user with that role."""

    def make(role: Role) -> str:
        user = next(name for name, r in USERS.items() if r is role)
        with app.extensions["tilmash.database"].session(actor="tests") as session:
            return accounts.create_token(session, user, f"{role.value} token", role)

    return make


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def live_server(app):
    from .browser import LiveServer

    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from .browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (its own cookies) on the live server, in English."""
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()
