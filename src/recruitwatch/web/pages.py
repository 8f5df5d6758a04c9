"""The HTML pages. Each has a JSON twin in api.py; both take their data from views.py and
store/cases.py."""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from recruitwatch.access import allowed
from recruitwatch.cases.model import CaseProblems, read_case
from recruitwatch.cases.workflow import MAX_ATTACHMENT, read_action, read_event
from recruitwatch.errors import InvalidInput
from recruitwatch.store import audit
from recruitwatch.store import cases as registry
from recruitwatch.store import users as accounts
from recruitwatch.store.db import writer
from recruitwatch.store.labels import labels_of
from recruitwatch.web import ledger, views
from recruitwatch.web import watchlist as known
from recruitwatch.web.app import render
from recruitwatch.web.deps import (
    LANG_COOKIE,
    MAX_ID,
    SESSION_COOKIE,
    Cursor,
    RecordId,
    context,
    guard,
    language,
    reader,
    recorder,
    who,
    writer_session,
)
from recruitwatch.web.i18n import LANGUAGES

router = APIRouter(include_in_schema=False)
LOGIN_CSRF = "rw_login_csrf"
MULTI = {"channels", "methods", "share_with", "exploitation"}
Reader = Annotated[Session, Depends(reader)]
Writer = Annotated[Session, Depends(writer_session)]


def _safe_next(target: str | None) -> str:
    """Only local paths: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _form_dict(form: FormData) -> dict[str, Any]:
    return {k: (form.getlist(k) if k in MULTI else form.get(k)) for k in form}


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    token = secrets.token_urlsafe(24)
    page = render(request, "login.html", next=_safe_next(next), login_csrf=token, error=None)
    page.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", max_age=3600)
    return page


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    ctx = context(request)
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not cookie or not secrets.compare_digest(cookie, csrf_token):
        return render(
            request,
            "login.html",
            status=403,
            next=_safe_next(next),
            login_csrf=cookie,
            error="missing or wrong CSRF token; reload the page",
        )
    address = request.client.host if request.client else "unknown"
    failure: Exception | None = None
    with Session(writer(ctx.engine)) as session, session.begin():
        try:
            user = accounts.authenticate(session, name, password, address)
        except accounts.Throttled as exc:
            user, failure = None, exc
        if user is None:
            failure = failure or accounts.LoginRefused()
        else:
            token, _ = accounts.start_session(session, user)
            audit.record(
                session,
                ctx.ring,
                actor=user.name,
                action="login",
                record_type="user",
                record_id=user.id,
            )
    if failure is not None:
        status = 429 if isinstance(failure, accounts.Throttled) else 401
        return render(
            request,
            "login.html",
            status=status,
            next=_safe_next(next),
            login_csrf=cookie,
            error=str(failure),
        )
    response = _see(_safe_next(next))
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", secure=ctx.secure_cookies, path="/"
    )
    response.delete_cookie(LOGIN_CSRF)
    return response


@router.post("/logout", **guard("dashboard"))
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with Session(context(request).engine) as session, session.begin():
            accounts.end_session(session, token)
    response = _see("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def set_language(code: str, next: str = "/") -> Response:
    response = _see(_safe_next(next))
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, samesite="strict", max_age=31536000)
    return response


@router.get("/", **guard("dashboard"))
def dashboard(request: Request, session: Reader) -> Response:
    return render(request, "dashboard.html", data=views.dashboard(session))


def offer_filters(
    band: str | None = None,
    kind: str | None = None,
    lang: str | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    province: str | None = None,
    q: str | None = None,
    before: Cursor = None,
) -> views.OfferFilters:
    def clean(value: str | None, limit: int = 200) -> str | None:
        return value.strip()[:limit] or None if value else None

    return views.OfferFilters(
        band=clean(band),
        kind=clean(kind),
        lang=clean(lang, 8),
        source=clean(source),
        date_from=clean(date_from, 10),
        date_to=clean(date_to, 10),
        province=clean(province, 16),
        q=clean(q, 300),
        before=before,
    )


Filters = Annotated[views.OfferFilters, Depends(offer_filters)]


@router.get("/offers", **guard("offers.read"))
def offers(request: Request, session: Reader, f: Filters) -> Response:
    data = views.offers(session, f)
    query = "&".join(
        f"{k}={quote(str(v))}" for k, v in vars(f).items() if v and k not in {"before", "limit"}
    )
    if _is_htmx(request):
        return render(request, "_offer_rows.html", data=data, query=query)
    return render(
        request, "offers.html", data=data, f=f, query=query, sources=views.sources(session)
    )


@router.get("/offers/{doc_id}", **guard("offers.read"))
def offer(request: Request, session: Reader, doc_id: RecordId) -> Response:
    return render(request, "offer.html", offer=views.offer(session, doc_id, language(request)))


@router.post("/offers/{doc_id}/label", **guard("offers.label"))
def label_offer(
    request: Request,
    session: Writer,
    doc_id: RecordId,
    value: Annotated[str, Form(max_length=32)],
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    ctx = context(request)
    views.label_offer(session, ctx.ring, doc_id, value, who(request), note)
    if _is_htmx(request):
        return render(request, "_labels.html", labels=labels_of(session, doc_id), offer_id=doc_id)
    return _see(f"/offers/{doc_id}")


@router.get("/review", **guard("offers.label"))
def review(request: Request, session: Reader) -> Response:
    data = views.review(session, context(request).review_threshold)
    return render(request, "review.html", data=data)


@router.get("/networks", **guard("networks.read"))
def networks(request: Request, session: Reader) -> Response:
    return render(request, "networks.html", data=views.networks(session))


@router.get("/networks/{network_id}", **guard("networks.read"))
def network(request: Request, session: Reader, network_id: str) -> Response:
    return render(
        request, "network.html", net=views.network(session, network_id[:64], language(request))
    )


@router.get("/search", **guard("search"))
def search(request: Request, session: Reader, q: str = "") -> Response:
    if not q.strip():
        return render(request, "search.html", result=None, q="", cases=[])
    result = views.search_identifier(session, q)
    found_cases: list[dict[str, Any]] = []
    me = who(request)
    if allowed(me.role, "cases.read"):
        ring = context(request).ring
        ids = registry.find_cases(session, ring, me, q)
        found_cases = (
            registry.list_cases(session, ring, me, ids=ids, log=recorder(request)) if ids else []
        )
    return render(request, "search.html", result=result, q=q, cases=found_cases)


@router.get("/cases", **guard("cases.read"))
def cases(
    request: Request,
    session: Reader,
    status: str | None = None,
    fate: str | None = None,
    province: str | None = None,
    before: Cursor = None,
) -> Response:
    ring = context(request).ring
    rows = registry.list_cases(
        session,
        ring,
        who(request),
        status=status or None,
        fate=fate or None,
        province=province or None,
        before=before,
        log=recorder(request),
    )
    return render(
        request, "cases.html", rows=rows, f_status=status, f_fate=fate, f_province=province
    )


@router.get("/cases/new", **guard("cases.write"))
def new_case(request: Request) -> Response:
    return render(request, "case_form.html", values={}, problems={}, case_id=None)


@router.post("/cases", **guard("cases.write"))
async def create_case(request: Request) -> Response:
    return await _save_case(request, None)


async def _save_case(request: Request, case_id: int | None) -> Response:
    """A new case (case_id None) or the edit of one; the form again, by field, if it is wrong."""
    form = _form_dict(await request.form())
    try:
        case = read_case(form)
    except CaseProblems as exc:
        problems = exc.in_language(language(request))
        return render(
            request, "case_form.html", status=422, values=form, problems=problems, case_id=case_id
        )
    ctx = context(request)
    with Session(writer(ctx.engine)) as session, session.begin():
        if case_id is None:
            saved = registry.create_case(session, ctx.ring, case, who(request)).id
            return _see(f"/cases/{saved}?duplicates=1")
        registry.update_case(session, ctx.ring, case_id, case, who(request))
    return _see(f"/cases/{case_id}")


@router.get("/cases/{case_id}", **guard("cases.read"))
def case(request: Request, session: Reader, case_id: RecordId, duplicates: int = 0) -> Response:
    ring, me, log = context(request).ring, who(request), recorder(request)
    detail = registry.case_detail(session, ring, case_id, me, log=log)
    candidates = registry.duplicates(session, ring, case_id, me, log=log) if duplicates else None
    return render(
        request, "case.html", case=detail, candidates=candidates, max_attachment=MAX_ATTACHMENT
    )


@router.get("/cases/{case_id}/edit", **guard("cases.write"))
def edit_case(request: Request, session: Reader, case_id: RecordId) -> Response:
    ring, log = context(request).ring, recorder(request)
    detail = registry.case_detail(session, ring, case_id, who(request), log=log)
    return render(request, "case_form.html", values=_flatten(detail), problems={}, case_id=case_id)


def _flatten(detail: dict[str, Any]) -> dict[str, Any]:
    person, reporter, recruitment = detail["person"], detail["reporter"], detail["recruitment"]
    lines = {
        k: "\n".join(person[k])
        for k in ("names_original", "names_latin", "identity_numbers", "phones")
    }
    return {
        **{k: v for k, v in person.items() if k not in lines},
        **lines,
        **{f"reporter_{k}": v for k, v in reporter.items()},
        **recruitment,
        "recruiter_identifiers": "\n".join(recruitment["recruiter_identifiers"]),
        "consent": detail["consent"],
        "share_with": detail["share_with"],
        "exploitation": detail["exploitation"],
        "status": detail["status"],
        "notes": detail["notes"],
    }


@router.post("/cases/{case_id}/edit", **guard("cases.write"))
async def update_case(request: Request, case_id: RecordId) -> Response:
    return await _save_case(request, case_id)


@router.post("/cases/{case_id}/events", **guard("cases.write"))
async def add_event(request: Request, session: Writer, case_id: RecordId) -> Response:
    event = read_event(_form_dict(await request.form()))
    registry.add_event(session, context(request).ring, case_id, event, who(request))
    return _see(f"/cases/{case_id}")


@router.post("/cases/{case_id}/events/{event_id}/confirm", **guard("cases.confirm"))
def confirm_event(
    request: Request, session: Writer, case_id: RecordId, event_id: RecordId
) -> Response:
    registry.confirm_event(session, context(request).ring, case_id, event_id, who(request))
    return _see(f"/cases/{case_id}")


@router.post("/cases/{case_id}/actions", **guard("cases.write"))
async def add_action(request: Request, session: Writer, case_id: RecordId) -> Response:
    action = read_action(_form_dict(await request.form()))
    registry.add_action(session, context(request).ring, case_id, action, who(request))
    return _see(f"/cases/{case_id}")


@router.post("/cases/{case_id}/attachments", **guard("cases.write"))
async def add_attachment(
    request: Request, session: Writer, case_id: RecordId, file: UploadFile
) -> Response:
    data = await file.read(MAX_ATTACHMENT + 1)
    registry.add_attachment(
        session, context(request).ring, case_id, file.filename or "", data, who(request)
    )
    return _see(f"/cases/{case_id}")


@router.get("/cases/{case_id}/attachments/{attachment_id}", **guard("cases.read"))
def attachment(
    request: Request, session: Reader, case_id: RecordId, attachment_id: RecordId
) -> Response:
    name, kind, data = registry.read_attachment(
        session, context(request).ring, case_id, attachment_id, who(request), log=recorder(request)
    )
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=kind, headers={"Content-Disposition": disposition})


@router.post("/cases/{case_id}/links", **guard("cases.write"))
def add_link(
    request: Request,
    session: Writer,
    case_id: RecordId,
    target_type: Annotated[str, Form(max_length=16)],
    target: Annotated[str, Form(max_length=600)],
) -> Response:
    registry.add_link(session, context(request).ring, case_id, target_type, target, who(request))
    return _see(f"/cases/{case_id}")


@router.post("/cases/{case_id}/merge", **guard("cases.merge"))
def merge(
    request: Request,
    session: Writer,
    case_id: RecordId,
    into: Annotated[int, Form(ge=1, le=MAX_ID)],
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    registry.merge(session, context(request).ring, case_id, into, who(request), note)
    return _see(f"/cases/{into}")


@router.post("/cases/{case_id}/unmerge", **guard("cases.merge"))
def unmerge(request: Request, session: Writer, case_id: RecordId) -> Response:
    registry.unmerge(session, context(request).ring, case_id, who(request))
    return _see(f"/cases/{case_id}")


@router.get("/audit", **guard("audit.read"))
def audit_page(request: Request, session: Reader, verify: int = 0) -> Response:
    checked = audit.verify(session, context(request).ring) if verify else None
    return render(request, "audit.html", entries=audit.entries(session, limit=200), checked=checked)


@router.get("/admin/users", **guard("users.manage"))
def users_page(request: Request, session: Reader) -> Response:
    return render(request, "users.html", users=accounts.list_users(session), error=None)


@router.post("/admin/users", **guard("users.manage"))
def add_user(
    request: Request,
    session: Writer,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    try:
        user = accounts.add_user(session, name, role, password)
    except InvalidInput as exc:
        return render(
            request, "users.html", status=422, users=accounts.list_users(session), error=str(exc)
        )
    audit.record(
        session,
        context(request).ring,
        actor=who(request).name,
        action="add_user",
        record_type="user",
        record_id=user.id,
        detail={"role": role},
    )
    return _see("/admin/users")


@router.post("/admin/users/{name}/disable", **guard("users.manage"))
def disable_user(request: Request, session: Writer, name: str) -> Response:
    user = accounts.disable(session, name)
    audit.record(
        session,
        context(request).ring,
        actor=who(request).name,
        action="disable_user",
        record_type="user",
        record_id=user.id,
    )
    return _see("/admin/users")


@router.get("/claims", **guard("claims.read"))
def claims_page(
    request: Request, session: Reader, subject: str | None = None, period: str | None = None
) -> Response:
    clean = subject or None
    data = ledger.claims(session, clean, (period or "").strip()[:40] or None)
    can_verify = allowed(who(request).role, "claims.verify")
    return render(
        request,
        "claims.html",
        data=data,
        subject=clean,
        period=period or "",
        subjects=ledger.SUBJECTS,
        can_verify=can_verify,
    )


@router.post("/claims/{claim_id}/verdict", **guard("claims.verify"))
def claim_verdict(
    request: Request,
    session: Writer,
    claim_id: RecordId,
    value: Annotated[str, Form(max_length=16)],
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    ledger.verdict(session, context(request).ring, claim_id, value, who(request), note)
    return _see("/claims")


@router.get("/watchlist", **guard("watchlist.read"))
def watchlist_page(request: Request, session: Reader, q: str = "") -> Response:
    return render(
        request,
        "watchlist.html",
        data=known.entries(session, q[:200]),
        schemas=known.SCHEMAS,
        can_edit=allowed(who(request).role, "watchlist.write"),
    )


@router.post("/watchlist", **guard("watchlist.write"))
def watchlist_add(
    request: Request,
    session: Writer,
    name: Annotated[str, Form(max_length=500)],
    sources: Annotated[str, Form(max_length=10000)],
    aliases: Annotated[str | None, Form(max_length=10000)] = None,
    entity_type: Annotated[str, Form(max_length=32)] = "Organization",
    note: Annotated[str | None, Form(max_length=4000)] = None,
) -> Response:
    known.add(
        session,
        context(request).ring,
        who(request),
        name=name,
        aliases=known.lines(aliases),
        sources=known.lines(sources),
        schema=entity_type,
        note=note or "",
    )
    return _see("/watchlist")


@router.post("/watchlist/{entry_id}/remove", **guard("watchlist.write"))
def watchlist_remove(
    request: Request,
    session: Writer,
    entry_id: Annotated[str, Path(max_length=64)],
    reason: Annotated[str, Form(max_length=1000)],
) -> Response:
    known.remove(session, context(request).ring, who(request), entry_id, reason)
    return _see("/watchlist")


@router.get("/reports", **guard("reports.read"))
def reports_page(request: Request) -> Response:
    return render(request, "reports.html")


@router.get("/reports/document", **guard("reports.read"))
def report_document(
    request: Request,
    session: Reader,
    period: Annotated[str, Query(max_length=40)],
    format: Annotated[str, Query(pattern="^(html|pdf|csv)$")] = "html",
    lang: Annotated[str, Query(pattern="^(en|ar)$")] = "en",
    k: Annotated[int, Query(ge=2, le=ledger.MAX_K)] = 11,
) -> Response:
    """The oversight report as a document: a page, a PDF or a CSV file."""
    from recruitwatch.report.render import report_csv, report_html, to_pdf

    built = ledger.report(session, period, lang, k, recorder(request), charts=format != "csv")
    name = f"recruitwatch-report-{quote(period)}-{lang}.{format}"
    if format == "csv":
        return Response(
            report_csv(built),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        )
    page = report_html(built)
    if format == "pdf":
        return Response(
            to_pdf(page),
            media_type="application/pdf",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        )
    return Response(page, media_type="text/html; charset=utf-8")


@router.get("/bulletin/contacts", **guard("bulletin.approve"))
def contacts_page(request: Request, session: Reader, days: int = ledger.CONTACT_DAYS) -> Response:
    return render(request, "contacts.html", contacts=ledger.contacts(session, days), days=days)


@router.post("/bulletin/contacts", **guard("bulletin.approve"))
def decide_contact(
    request: Request,
    session: Writer,
    identifier: Annotated[str, Form(max_length=600)],
    value: Annotated[str, Form(max_length=16)],
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    ledger.decide(session, context(request).ring, identifier, value, who(request), note)
    return _see("/bulletin/contacts")
