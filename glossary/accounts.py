"""Users, their roles and API tokens: what the web app signs in with and the CLI creates.

No Flask here: ``tilmash users add`` and the web app call the same functions.
Passwords are hashed with Werkzeug's scrypt; an API token is shown once and only
its SHA-256 is kept. Failed sign-ins are counted in the database, so the limit
holds across every worker of the server.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .errors import GlossaryError
from .model import ApiToken, LoginFailure, User, utcnow
from .records import Role

MAX_FAILURES = 5  # failed sign-ins of one name ...
FAILURE_WINDOW = timedelta(minutes=15)  # ... within this long lock the name until the oldest ages out
MIN_PASSWORD_LENGTH = 8
_NAME = re.compile(r"[\w.@-]{1,100}")
TOKEN_PREFIX = "tlm_"
# Werkzeug's default, scrypt (about 0.2 s a hash here); the tests set a cheap one.
HASH_METHOD = "scrypt"


class AccountError(GlossaryError):
    """A user or token that cannot be made or used as asked."""


class TooManyAttempts(AccountError):
    """Sign-ins of one name refused for a while after repeated failures."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins; try again in {max(1, retry_after // 60)} minutes")


@dataclass(frozen=True)
class Account:
    """Who is asking, as the web app needs it: name and role (a user, or a user's API token)."""

    id: int
    name: str
    role: Role

    def can(self, needed: Role) -> bool:
        return self.role.allows(needed)


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise AccountError(f"unknown role {text!r}; roles: {', '.join(r.value for r in Role)}") from None


def add_user(session: Session, name: str, password: str, role: Role) -> Account:
    if not _NAME.fullmatch(name):
        raise AccountError.of("user.invalid-name", name=name)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError.of("user.short-password", min=MIN_PASSWORD_LENGTH)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise AccountError.of("user.exists", name=name)
    user = User(name=name, password_hash=generate_password_hash(password, method=HASH_METHOD), role=role)
    session.add(user)
    session.flush()
    return Account(user.id, user.name, user.role)


def set_password(session: Session, name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError.of("user.short-password", min=MIN_PASSWORD_LENGTH)
    user = _user(session, name)
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)


def set_role(session: Session, name: str, role: Role) -> None:
    _user(session, name).role = role


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise AccountError.of("user.not-found", name=name)
    return user


def list_users(session: Session) -> list[Account]:
    return [Account(u.id, u.name, u.role) for u in session.scalars(select(User).where(User.active).order_by(User.name))]


def get_account(session: Session, user_id: int) -> Account | None:
    user = session.get(User, user_id)
    return Account(user.id, user.name, user.role) if user is not None and user.active else None


def authenticate(session: Session, name: str, password: str, *, now: datetime | None = None) -> Account | None:
    """The account if the password is right; None if not. Raises TooManyAttempts while the name is locked.

    Failures are written by the caller's transaction: commit it whatever the answer.
    """
    now = now or utcnow()
    since = now - FAILURE_WINDOW
    session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    failures = session.execute(select(func.count(LoginFailure.id), func.min(LoginFailure.at))
                               .where(LoginFailure.name == name, LoginFailure.at >= since)).one()
    if failures[0] >= MAX_FAILURES:
        oldest = failures[1] if failures[1].tzinfo else failures[1].replace(tzinfo=now.tzinfo)
        raise TooManyAttempts(int((oldest + FAILURE_WINDOW - now).total_seconds()))
    user = session.scalar(select(User).where(User.name == name, User.active))
    # The same hashing work for an unknown name, so that timing does not tell which names exist.
    valid = check_password_hash(user.password_hash if user else _dummy_hash(HASH_METHOD), password) and user is not None
    if not valid:
        session.add(LoginFailure(name=name, at=now))
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.name == name))
    return Account(user.id, user.name, user.role)


@functools.cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not a password of anyone", method=method)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user_name: str, token_name: str, role: Role) -> str:
    """A new API token for ``user_name``, at most with that user's role; the secret is returned once."""
    user = _user(session, user_name)
    if not user.role.allows(role):
        raise AccountError.of("token.above-its-user", user=user.name, role=user.role.value)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=token_name, digest=_digest(secret), role=role))
    session.flush()
    return secret


LAST_USE_PRECISION = timedelta(minutes=10)  # how exactly a token's last use is recorded


def account_for_token(session: Session, secret: str) -> Account | None:
    """The account a bearer token acts as (its user's name, the token's role), or None; its last use is
    recorded to ``LAST_USE_PRECISION``."""
    token = session.scalar(select(ApiToken).where(ApiToken.digest == _digest(secret)))
    if token is None or not token.user.active:
        return None
    now = utcnow()
    last = token.last_used_at
    if last is None or now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo)) >= LAST_USE_PRECISION:
        token.last_used_at = now  # a write, so not on every call: on SQLite it would wait for an import's lock
    role = token.role if token.user.role.allows(token.role) else token.user.role
    return Account(token.user.id, token.user.name, role)


def list_tokens(session: Session) -> list[tuple[int, str, str, Role, datetime | None]]:
    """(id, user, token name, role, last used) of every token."""
    rows = session.execute(select(ApiToken.id, User.name, ApiToken.name, ApiToken.role, ApiToken.last_used_at)
                           .join(User, ApiToken.user_id == User.id).order_by(ApiToken.id))
    return [tuple(row) for row in rows]


def revoke_token(session: Session, token_id: int) -> None:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise AccountError.of("token.not-found", id=token_id)
    session.delete(token)
