"""The web app: analysts' pages, the case registry and the JSON API, in one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from recruitwatch import __version__
from recruitwatch.access import role_label
from recruitwatch.cases.fields import codes, label, province_label, provinces
from recruitwatch.cases.model import CaseProblems
from recruitwatch.errors import InvalidInput, NotFound, RecruitwatchError
from recruitwatch.store.crypto import KeyringError
from recruitwatch.store.users import LoginRefused, Throttled
from recruitwatch.web.deps import (
    AppContext,
    CsrfRejected,
    Forbidden,
    NotSignedIn,
    identity,
    language,
)
from recruitwatch.web.i18n import day, direction, number, translate

MAX_BODY = 12 * 1024 * 1024
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorBody(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorDetail


ERRORS: dict[type[Exception], tuple[int, str]] = {
    NotSignedIn: (401, "not_signed_in"),
    LoginRefused: (401, "login_refused"),
    Forbidden: (403, "forbidden"),
    CsrfRejected: (403, "csrf"),
    NotFound: (404, "not_found"),
    InvalidInput: (422, "invalid"),
    Throttled: (429, "throttled"),
    KeyringError: (500, "keyring"),
}


def _status_of(exc: Exception) -> tuple[int, str]:
    for kind, found in ERRORS.items():
        if isinstance(exc, kind):
            return found
    return 400, "bad_request"


def templates() -> Jinja2Templates:
    folder = resources.files("recruitwatch") / "web" / "templates"
    env = Jinja2Templates(directory=str(folder))
    env.env.globals.update(
        codes=codes,
        field_label=label,
        province_label=province_label,
        provinces=provinces,
        role_label=role_label,
        version=__version__,
    )
    return env


def render(request: Request, name: str, status: int = 200, **data: Any) -> Response:
    lang = language(request)
    who = identity(request)
    page: Response = request.app.state.templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "dir": direction(lang),
            "t": lambda key: translate(key, lang),
            "num": lambda value: number(value, lang),
            "day": lambda value: day(value, lang),
            "who": who,
            "csrf": who.csrf if who else None,
            **data,
        },
        status_code=status,
    )
    if request.query_params.get("lang") in {"ar", "en"}:
        page.set_cookie("rw_lang", language(request), samesite="strict", max_age=31536000)
    return page


def _error_response(
    request: Request, status: int, code: str, message: str, fields: dict[str, str]
) -> Response:
    if request.url.path.startswith("/api/"):
        body = ErrorBody(
            error=ErrorDetail(status=status, code=code, message=message, fields=fields)
        )
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body.model_dump(), status_code=status, headers=headers)
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return render(request, "error.html", status=status, message=message, fields=fields, code=code)


def install_errors(app: FastAPI) -> None:
    async def known(request: Request, exc: Exception) -> Response:
        status, code = _status_of(exc)
        fields: dict[str, str] = {}
        if isinstance(exc, CaseProblems):  # English for the API, the user's language on pages
            api = request.url.path.startswith("/api/")
            fields = exc.problems if api else exc.in_language(language(request))
        message = "internal error" if status == 500 else str(exc)
        return _error_response(request, status, code, message, fields)

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {
            400: "bad_request",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }.get(exc.status_code, "http_error")
        return _error_response(request, exc.status_code, code, str(exc.detail), {})

    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = {
            ".".join(str(p) for p in e.get("loc", ()) if p not in {"body", "query", "path"})
            or "request": str(e.get("msg", "invalid"))
            for e in exc.errors()
        }
        message = "; ".join(f"{k}: {v}" for k, v in fields.items())
        return _error_response(request, 422, "invalid", message, fields)

    app.add_exception_handler(RecruitwatchError, known)
    app.add_exception_handler(StarletteHTTPException, http)
    app.add_exception_handler(RequestValidationError, validation)


class Guards:
    """Security headers on every answer; bodies over the limit refused before reading.
    Plain ASGI (not BaseHTTPMiddleware), so it adds no task or stream per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length", b"")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            response = await _too_large(Request(scope))
            await response(scope, receive, send)
            return
        if b"%00" in scope.get("query_string", b"") or "\x00" in scope["path"]:
            # PostgreSQL text cannot hold NUL: refuse it here, with one clear answer
            message = "NUL characters are not allowed in the address"
            response = _error_response(Request(scope), 422, "invalid_character", message, {})
            await response(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if not static:
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _too_large(request: Request) -> Response:
    message = f"request body over {MAX_BODY:,} bytes"
    return _error_response(request, 413, "too_large", message, {})


def warm_up(app: FastAPI) -> None:
    """Load what the first requests would otherwise wait for: the indicator catalogue (its
    regexes compile in about a second), every template, the interface text, the picklists."""
    from recruitwatch.detect.catalogue import load_catalogue
    from recruitwatch.web.i18n import messages

    load_catalogue()
    messages()
    provinces()
    env = app.state.templates.env
    for name in env.list_templates():
        env.get_template(name)


def create_app(ctx: AppContext) -> FastAPI:
    from recruitwatch.web import api, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm_up(app)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="recruitwatch",
        version=__version__,
        description="Deceptive recruitment offers, recruiter networks and the case registry.",
        responses={
            400: {"model": ErrorBody},
            401: {"model": ErrorBody},
            403: {"model": ErrorBody},
            404: {"model": ErrorBody},
            422: {"model": ErrorBody},
        },
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.ctx = ctx
    app.state.templates = templates()
    install_errors(app)
    app.add_middleware(Guards)
    static = resources.files("recruitwatch") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    return app


def from_environment() -> FastAPI:
    """The app as `recruitwatch serve` configures it through the environment: the factory
    that each uvicorn worker process calls."""
    import os

    from recruitwatch.store.crypto import load_keyring
    from recruitwatch.store.db import database_url, make_engine

    engine = make_engine(database_url())
    secure = os.environ.get("RECRUITWATCH_SECURE_COOKIES", "1") != "0"
    ctx = AppContext(engine, load_keyring(), secure, review_threshold())
    return create_app(ctx)


def review_threshold() -> float:
    """The threshold of the model `scan` uses; 0.5 when no model loads (its error is
    `scan`'s to report, not a reason to keep the web app down)."""
    from recruitwatch.cli_model import model_in_use
    from recruitwatch.errors import ModelError

    try:
        model = model_in_use(None)
    except ModelError:
        return 0.5
    return model.threshold if model is not None else 0.5
