"""Signing in, roles and API tokens (blueprint ``auth``: /login, /logout, /admin/...).

Who is asking is an ``Account`` (glossary/accounts.py): a signed-in user through Flask-Login's
session cookie, or a program with ``Authorization: Bearer <token>``. ``require(role)``
guards views and API endpoints alike; ``None`` means reading, which anonymous visitors may
do when ``ANONYMOUS_READ`` is on. Forms are protected by Flask-WTF's CSRF tokens; API calls
made with a signed-in session cookie send the token in ``X-CSRFToken``; token and anonymous calls need none.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Blueprint, Flask, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask import session as cookie_session
from flask_babel import gettext as _
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_login.config import COOKIE_NAME as REMEMBER_COOKIE
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from glossary import accounts
from glossary.accounts import Account, AccountError, TooManyAttempts
from glossary.records import Role

from .error_messages import library_message
from .labels import label

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()


class SignedIn(UserMixin):
    """Flask-Login's view of an account."""

    def __init__(self, account: Account):
        self.account = account
        self.id = str(account.id)


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without making the cookie's signer for a request that sends no
    session cookie, nor reading the cookie's settings for a response that sets none (API calls, first
    visits): Flask does both for every request."""

    def open_session(self, app: Flask, request):
        name = self.get_cookie_name(app)  # (``in``: MultiDict.get builds a BadRequestKeyError for a missing key)
        if app.secret_key and (name not in request.cookies or not request.cookies[name]):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        if not session and not session.modified:  # what Flask's save_session does in this case, and only that
            if session.accessed:
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


@login_manager.user_loader
def _load_user(user_id: str) -> SignedIn | None:
    from .db import database

    with database().session() as session:
        account = accounts.get_account(session, int(user_id)) if user_id.isdigit() else None
    return SignedIn(account) if account else None


def _token_account() -> Account | None:
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    from .db import database

    with database().session() as session:
        account = accounts.account_for_token(session, header[7:].strip())
    if account is None:
        abort(401, description=_("invalid API token"))
    return account


def _signed_in_account() -> Account | None:
    """The signed-in user's account, through Flask-Login. Flask-Login finds a user only by the
    session's user id or the remember-me cookie (no request or header loader is registered): a
    request with neither is anonymous, and is not put through Flask-Login's per-request work (its
    session protection hashes the client's address and browser for every request, signed in or not)."""
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE)
    if "_user_id" not in cookie_session and remember not in request.cookies:
        return None
    return current_user.account if current_user and current_user.is_authenticated else None


def current_account() -> Account | None:
    """The account of this request: its API token's, else the signed-in user's, else None."""
    if "account" not in g:
        account = _token_account() if request else None
        g.by_token = account is not None
        if account is None and request:
            account = _signed_in_account()
        g.account = account
    return g.account


def allowed(role: Role | None) -> bool:
    """Whether this request may do what needs ``role`` (None: reading)."""
    account = current_account()
    if account is None:
        return role is None and current_app.config["ANONYMOUS_READ"]
    return role is None or account.can(role)


def require(role: Role | None) -> Callable:
    """A view decorator: 401 (or the sign-in page) without an account, 403 without the role."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            if not allowed(role):
                if current_account() is None:
                    if request.path.startswith("/api/"):
                        abort(401, description=_("sign in or send an API token (Authorization: Bearer ...)"))
                    return redirect(url_for("auth.login", next=request.full_path))
                abort(403, description=_("this needs the %(role)s role", role=label(role)) if role else _("not allowed"))
            # A signed-in browser's cookie could be sent by another site's form: its writes need the CSRF
            # token. Token calls cannot be forged that way, and anonymous ones have no rights to borrow.
            if (request.method not in ("GET", "HEAD", "OPTIONS") and not g.by_token and current_account() is not None
                    and current_app.config.get("WTF_CSRF_ENABLED", True)):
                csrf.protect()
            return view(*args, **kwargs)

        guarded.required_role = role
        return guarded

    return decorate


class LoginForm(FlaskForm):
    name = StringField("name", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("password", validators=[DataRequired()])


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("workbench.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        from .db import database

        try:
            with database().session(actor=form.name.data) as session:
                account = accounts.authenticate(session, form.name.data, form.password.data)
        except TooManyAttempts as exc:
            flash(_("Too many failed attempts. Try again in %(minutes)d minutes.", minutes=max(1, exc.retry_after // 60)), "error")
            return render_template("login.html", form=form), 429
        if account is not None:
            login_user(SignedIn(account))
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong name or password."), "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    return redirect(url_for("workbench.index"))


class UserForm(FlaskForm):
    name = StringField("name", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("password", validators=[DataRequired()])
    role = SelectField("role", choices=[r.value for r in Role])


class TokenForm(FlaskForm):
    user = StringField("user", validators=[DataRequired()])
    name = StringField("name", validators=[DataRequired(), Length(max=100)])
    role = SelectField("role", choices=[r.value for r in Role])


@bp.route("/admin", methods=["GET", "POST"])
@require(Role.ADMIN)
def admin():
    from .db import session

    user_form, token_form = UserForm(prefix="user"), TokenForm(prefix="token")
    new_secret = None
    try:
        if _sent(user_form) and user_form.validate_on_submit():
            with session() as s:
                accounts.add_user(s, user_form.name.data, user_form.password.data, Role(user_form.role.data))
            flash(_("User %(name)s added.", name=user_form.name.data), "info")
            return redirect(url_for("auth.admin"))
        if _sent(token_form) and token_form.validate_on_submit():
            with session() as s:
                new_secret = accounts.create_token(s, token_form.user.data, token_form.name.data, Role(token_form.role.data))
        if request.method == "POST" and request.form.get("revoke"):
            with session() as s:
                accounts.revoke_token(s, int(request.form["revoke"]))
            flash(_("Token revoked."), "info")
            return redirect(url_for("auth.admin"))
    except (AccountError, ValueError) as exc:
        flash(library_message(exc), "error")
    with session() as s:
        users, tokens = accounts.list_users(s), accounts.list_tokens(s)
    return render_template("admin.html", users=users, tokens=tokens, user_form=user_form, token_form=token_form,
                           new_secret=new_secret)


def _sent(form: FlaskForm) -> bool:
    """Whether this POST is ``form`` (the admin page has several; each sends its prefix as ``form``)."""
    return request.method == "POST" and request.form.get("form") == form._prefix.rstrip("-")


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    csrf.init_app(app)

    @app.context_processor
    def _roles():
        return {"account": current_account(), "allowed": allowed, "Role": Role}
