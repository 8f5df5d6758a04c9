"""What every request needs: the database, the keyring, who is asking, their permission, CSRF,
and their language."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from recruitwatch.access import allowed
from recruitwatch.errors import RecruitwatchError
from recruitwatch.store import audit
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.db import writer
from recruitwatch.store.users import (
    Identity,
    session_lookup,
    token_identity,
    touch_session,
)
from recruitwatch.web.i18n import LANGUAGES

SESSION_COOKIE = "rw_session"
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
Cursor = Annotated[int | None, Query(ge=1, le=MAX_ID)]
LANG_COOKIE = "rw_lang"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


class NotSignedIn(RecruitwatchError):
    """No valid session or token."""


class Forbidden(RecruitwatchError):
    """Signed in, but the role does not allow this."""


class CsrfRejected(RecruitwatchError):
    """A form or request that changes something came without the session's CSRF token."""


@dataclass(frozen=True)
class AppContext:
    engine: Engine
    ring: Keyring
    secure_cookies: bool
    review_threshold: float = 0.5  # the lure model's threshold: the queue starts around it


def context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def reader(request: Request) -> Iterator[Session]:
    """A session for requests that only read."""
    with Session(context(request).engine) as session, session.begin():
        yield session


def writer_session(request: Request) -> Iterator[Session]:
    """A session for requests that write, or read personal data (the read is audited)."""
    with Session(writer(context(request).engine)) as session, session.begin():
        yield session


def recorder(request: Request) -> Callable[..., None]:
    """Appends a read's audit entry in its own short write transaction (see store.cases)."""
    ctx = context(request)

    def log(**entry: Any) -> None:
        with Session(writer(ctx.engine)) as session, session.begin():
            audit.record(session, ctx.ring, **entry)

    return log


def _resolve(request: Request) -> Identity | None:
    ctx = context(request)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        with Session(ctx.engine) as session:
            return token_identity(session, header[7:].strip())
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    with Session(ctx.engine) as session:
        found, stale = session_lookup(session, token)
    if stale:  # a write at most once a minute per session, not one per request
        with Session(writer(ctx.engine)) as session, session.begin():
            touch_session(session, token)
    return found


def identity(request: Request) -> Identity | None:
    """Who is asking (cached for the request), or None."""
    if not hasattr(request.state, "identity"):
        request.state.identity = _resolve(request)
    found: Identity | None = request.state.identity
    return found


async def _check_csrf(request: Request, who: Identity) -> None:
    if request.method in {"GET", "HEAD", "OPTIONS"} or who.csrf is None:
        return  # bearer tokens are never sent by a browser on its own: no CSRF to fear
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, who.csrf):
        raise CsrfRejected("missing or wrong CSRF token; reload the page and try again")


def need(permission: str) -> Callable[..., Any]:
    """A dependency that lets the request through only for roles holding `permission`."""

    async def check(request: Request) -> Identity:
        # The lookup touches the database: off the event loop, so one request never stalls all.
        who = await run_in_threadpool(identity, request)
        if who is None:
            raise NotSignedIn("sign in first")
        if not allowed(who.role, permission):
            raise Forbidden(f"your role ({who.role}) may not do this ({permission})")
        await _check_csrf(request, who)
        return who

    return check


def guard(permission: str) -> dict[str, Any]:
    """Route keyword arguments: the check, and the permission named in the OpenAPI schema."""
    return {
        "dependencies": [Depends(need(permission))],
        "openapi_extra": {"x-permission": permission},
    }


def who(request: Request) -> Identity:
    """The identity the route's guard let through."""
    found = identity(request)
    if found is None:
        raise NotSignedIn("sign in first")
    return found


def language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in LANGUAGES:
        return asked
    accept = request.headers.get("accept-language", "")
    return "ar" if accept.lower().startswith("ar") else "en"
