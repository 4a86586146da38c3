"""The UI in English, Azerbaijani, Kazakh and Russian (Flask-Babel).

The catalogues are ``locales/<lang>/LC_MESSAGES/messages.po`` at the repository root
(installed as ``webapp/locales``); they are compiled to ``.mo`` when the app starts,
into the cache folder, so a stale ``.mo`` can never be served. The language is the one
the visitor chose with the switcher (remembered in a cookie for a year), else the best
of the browser's Accept-Language, else English.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, Flask, redirect, request, url_for
from flask_babel import Babel

from glossary.fileio import write_atomically

UI_LANGUAGES = {"en": "English", "az": "Azərbaycanca", "kk": "Қазақша", "ru": "Русский"}
COOKIE = "tilmash_lang"
bp = Blueprint("i18n", __name__)


def catalogue_folder() -> Path:
    """``locales/``: inside the installed package, else at the repository root."""
    installed = Path(__file__).parent / "locales"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "locales"


def compiled_catalogues() -> Path:
    """A folder of ``<lang>/LC_MESSAGES/messages.mo`` compiled from the current ``.po`` files."""
    sources = sorted(catalogue_folder().glob("*/LC_MESSAGES/messages.po"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tilmash" / "locales" / digest
    for po in sources:
        mo = base / po.relative_to(catalogue_folder()).with_suffix(".mo")
        if mo.exists():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parts[-3])
        from io import BytesIO

        buffer = BytesIO()
        write_mo(buffer, catalog)
        write_atomically(mo, buffer.getvalue())
    return base


def select_locale() -> str:
    # (``in`` first: werkzeug's MultiDict.get builds a BadRequestKeyError, an HTTP exception, for a missing key)
    chosen = request.cookies[COOKIE] if COOKIE in request.cookies else None
    if chosen in UI_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(UI_LANGUAGES)) or "en"


@bp.route("/language", methods=["POST"])
def set_language():
    """The switcher: remember the choice and go back to the page it was made on."""
    lang = request.form.get("lang", "")
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("workbench.index")
    response = redirect(target)
    if lang in UI_LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response


def init_app(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled_catalogues())
    Babel(app, locale_selector=select_locale)
    app.register_blueprint(bp)

    @app.context_processor
    def _languages():
        from flask_babel import get_locale

        return {"ui_languages": UI_LANGUAGES, "ui_language": str(get_locale())}
