"""Users, passwords (Argon2id), browser sessions, API tokens and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session

from recruitwatch.access import roles
from recruitwatch.errors import InvalidInput, NotFound, RecruitwatchError
from recruitwatch.store.models import ApiToken, LoginAttempt, User, WebSession

SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=12)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 12
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters


class LoginRefused(RecruitwatchError):
    """Wrong name or password, or a disabled user: one message for all, so names do not leak."""

    def __init__(self) -> None:
        super().__init__("wrong user name or password")


class Throttled(RecruitwatchError):
    """Too many failed logins recently."""


@dataclass(frozen=True)
class Identity:
    """Who is asking: a signed-in user (by session or token)."""

    user_id: int
    name: str
    role: str
    csrf: str | None = None  # None for bearer tokens: they are not sent by browsers on their own


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password too short: at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise InvalidInput("password too long: at most 1024 characters")


def check_name(name: str) -> None:
    if not name or len(name) > 64 or not set(name) <= NAME_CHARS:
        raise InvalidInput(
            f"user name {name!r}: use 1 to 64 of lowercase letters, digits, '.', '_' and '-'"
        )


def add_user(session: Session, name: str, role: str, password: str) -> User:
    check_name(name)
    if role not in roles():
        raise InvalidInput(f"role {role!r}: choose one of {', '.join(roles())}")
    check_password(password)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise InvalidInput(f"user {name!r} exists already")
    user = User(name=name, role=role, password_hash=_hasher.hash(password), active=True)
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def set_password(session: Session, name: str, password: str) -> User:
    check_password(password)
    user = get_user(session, name)
    user.password_hash = _hasher.hash(password)
    end_sessions(session, user.id)
    return user


def disable(session: Session, name: str) -> User:
    user = get_user(session, name)
    user.active = False
    end_sessions(session, user.id)
    session.execute(update(ApiToken).where(ApiToken.user_id == user.id).values(revoked=True))
    return user


def end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def _failures(session: Session, column: ColumnElement[str], value: str) -> int:
    since = now() - THROTTLE_WINDOW
    query = select(func.count()).where(
        column == value, LoginAttempt.ok.is_(False), LoginAttempt.at >= since
    )
    return session.scalar(query) or 0


def authenticate(session: Session, name: str, password: str, address: str) -> User | None:
    """The user, or None for a wrong name or password; Throttled after too many failures.
    Every attempt is recorded, so the caller commits even when this returns None."""
    name = name.strip().lower()[:100]
    if (
        _failures(session, LoginAttempt.__table__.c.name, name) >= MAX_FAILURES_PER_NAME
        or _failures(session, LoginAttempt.__table__.c.address, address) >= MAX_FAILURES_PER_ADDRESS
    ):
        raise Throttled("too many failed logins; try again in 15 minutes")
    user = session.scalar(select(User).where(User.name == name))
    ok = False
    if user is not None and user.active:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    else:
        _hasher.hash(password)  # same work either way, so timing does not reveal names
    session.add(LoginAttempt(name=name, address=address[:64], ok=ok))
    session.flush()
    if not ok or user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def start_session(session: Session, user: User) -> tuple[str, str]:
    """A new session: (cookie token, CSRF token). Only the cookie token's digest is stored."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        WebSession(digest=digest(token), user_id=user.id, csrf=csrf, expires=now() + SESSION_IDLE)
    )
    session.flush()
    return token, csrf


def session_lookup(session: Session, token: str) -> tuple[Identity | None, bool]:
    """The signed-in user for a cookie token (None if unknown or expired), and whether its
    idle timer is due to be pushed on by `touch_session` (at most once a minute). Only reads."""
    row = session.execute(
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.digest == digest(token))
    ).first()
    if row is None:
        return None, False
    web, user = row
    moment, expires = now(), _aware(web.expires)
    if expires <= moment or _aware(web.created) + SESSION_MAX <= moment or not user.active:
        return None, False
    stale = expires - moment < SESSION_IDLE - timedelta(minutes=1)
    return Identity(user.id, user.name, user.role, web.csrf), stale


def session_identity(session: Session, token: str) -> Identity | None:
    return session_lookup(session, token)[0]


def touch_session(session: Session, token: str) -> None:
    """Push the idle timeout on (the maximum age still holds)."""
    session.execute(
        update(WebSession)
        .where(WebSession.digest == digest(token))
        .values(expires=now() + SESSION_IDLE)
    )


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.digest == digest(token)))


def create_token(session: Session, name: str, label: str = "", days: int | None = 90) -> str:
    """A new bearer token for a user; shown once, only its digest is kept."""
    user = get_user(session, name)
    if not user.active:
        raise InvalidInput(f"user {name!r} is disabled")
    token = "rwt_" + secrets.token_urlsafe(32)
    expires = now() + timedelta(days=days) if days else None
    session.add(ApiToken(user_id=user.id, digest=digest(token), label=label, expires=expires))
    session.flush()
    return token


def token_identity(session: Session, token: str) -> Identity | None:
    row = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.digest == digest(token))
    ).first()
    if row is None:
        return None
    api, user = row
    if api.revoked or not user.active or (api.expires and _aware(api.expires) <= now()):
        return None
    return Identity(user.id, user.name, user.role, None)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))
