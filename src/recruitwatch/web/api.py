"""The JSON API under /api/v1: one twin for every page, described by the OpenAPI schema.

Authenticate with `Authorization: Bearer <token>` (`recruitwatch tokens create`) or a browser
session; a session must also send its CSRF token in `X-CSRF-Token` on every change.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from recruitwatch.access import allowed
from recruitwatch.cases.fields import codes, picklists, provinces
from recruitwatch.cases.model import read_case
from recruitwatch.cases.workflow import MAX_ATTACHMENT, read_action, read_event
from recruitwatch.store import audit
from recruitwatch.store import cases as registry
from recruitwatch.store import users as accounts
from recruitwatch.store.db import writer
from recruitwatch.web import ledger, views
from recruitwatch.web import watchlist as known
from recruitwatch.web.deps import (
    MAX_ID,
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
from recruitwatch.web.pages import offer_filters

router = APIRouter(prefix="/api/v1", tags=["api"])
Reader = Annotated[Session, Depends(reader)]
Writer = Annotated[Session, Depends(writer_session)]
Json = dict[str, Any]
Text = Annotated[str, Field(max_length=4000)]
Name = Annotated[str, Field(max_length=200)]


class CaseBody(BaseModel):
    """A case. Codes are HTCDS 2.0's (prs_Gender, vic_RecruitmentWebsitesAndApps...) or
    recruitwatch's extensions; see GET /api/v1/fields."""

    names_original: list[Name] = Field(default=[], max_length=20)
    names_latin: list[Name] = Field(default=[], max_length=20)
    gender: str | None = Field(default=None, max_length=32)
    birthdate: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    age: int | None = Field(default=None, ge=0, le=120)
    province: str | None = Field(default=None, max_length=16, description="ISO 3166-2, e.g. IQ-BA")
    city: Name | None = None
    identity_numbers: list[Name] = Field(default=[], max_length=20)
    phones: list[Name] = Field(default=[], max_length=20)
    reporter_type: str | None = Field(default=None, max_length=32)
    reporter_name: Name | None = None
    reporter_relation: Name | None = None
    reporter_contact: Name | None = None
    channels: list[Name] = Field(default=[], max_length=20)
    methods: list[Name] = Field(default=[], max_length=20)
    recruiter_identifiers: list[Name] = Field(default=[], max_length=20)
    promises: Text | None = None
    departure_date: str | None = Field(default=None, max_length=10)
    last_contact_date: str | None = Field(default=None, max_length=10)
    consent: bool = False
    share_with: list[Name] = Field(default=[], max_length=20)
    exploitation: list[Name] = Field(default=[], max_length=20)
    status: str | None = Field(default=None, max_length=32)
    notes: Text | None = None


class EventBody(BaseModel):
    type: str = Field(max_length=32, description="rw_Fate code: missing, killed, returned...")
    date: str = Field(max_length=10, description="YYYY-MM-DD")
    note: Text | None = None


class ActionBody(BaseModel):
    category: Literal["consular", "legal"]
    type: str | None = Field(default=None, max_length=32)
    status: str | None = Field(default=None, max_length=32)
    outcome_status: str | None = Field(default=None, max_length=32)
    date: str | None = Field(default=None, max_length=10)
    court: Name | None = None
    charge: Text | None = None
    outcome: Text | None = None
    details: Text | None = None


class LabelBody(BaseModel):
    value: Literal["deceptive", "legitimate", "unsure"]
    note: Text | None = None


class LinkBody(BaseModel):
    target_type: Literal["document", "identifier", "network"]
    target: str = Field(min_length=1, max_length=600)


class MergeBody(BaseModel):
    into: int = Field(ge=1, le=MAX_ID)
    note: Text | None = None


class UserBody(BaseModel):
    name: str = Field(max_length=64)
    role: Literal["admin", "caseworker", "analyst", "oversight"]
    password: str = Field(max_length=1024)


@router.get("/me", **guard("dashboard"))
def me(request: Request) -> Json:
    found = who(request)
    return {"name": found.name, "role": found.role}


@router.get("/fields", **guard("dashboard"))
def fields() -> Json:
    """The picklists (codes and labels) and provinces that case fields accept."""
    return {"picklists": picklists(), "provinces": provinces()}


@router.get("/dashboard", **guard("dashboard"))
def dashboard(session: Reader) -> Json:
    return views.dashboard(session)


@router.get("/offers", **guard("offers.read"))
def offers(
    session: Reader,
    f: Annotated[views.OfferFilters, Depends(offer_filters)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Json:
    return views.offers(session, views.OfferFilters(**{**vars(f), "limit": limit}))


@router.get("/offers/{doc_id}", **guard("offers.read"))
def offer(request: Request, session: Reader, doc_id: RecordId) -> Json:
    return views.offer(session, doc_id, language(request))


@router.post("/offers/{doc_id}/labels", status_code=201, **guard("offers.label"))
def label_offer(request: Request, session: Writer, doc_id: RecordId, body: LabelBody) -> Json:
    return views.label_offer(
        session, context(request).ring, doc_id, body.value, who(request), body.note
    )


@router.get("/review", **guard("offers.label"))
def review(
    request: Request, session: Reader, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> Json:
    return views.review(session, context(request).review_threshold, limit)


@router.get("/networks", **guard("networks.read"))
def networks(session: Reader) -> Json:
    return views.networks(session)


@router.get("/networks/{network_id}", **guard("networks.read"))
def network(
    request: Request, session: Reader, network_id: Annotated[str, Path(max_length=64)]
) -> Json:
    return views.network(session, network_id, language(request))


@router.get("/search", **guard("search"))
def search(
    request: Request, session: Reader, q: Annotated[str, Query(min_length=1, max_length=300)]
) -> Json:
    result = views.search_identifier(session, q)
    me = who(request)
    if allowed(me.role, "cases.read"):
        ring = context(request).ring
        ids = registry.find_cases(session, ring, me, q)
        result["cases"] = (
            registry.list_cases(session, ring, me, ids=ids, log=recorder(request)) if ids else []
        )
    return result


@router.get("/cases", **guard("cases.read"))
def cases(
    request: Request,
    session: Reader,
    status: Annotated[str | None, Query(max_length=32)] = None,
    fate: Annotated[str | None, Query(max_length=32)] = None,
    province: Annotated[str | None, Query(max_length=16)] = None,
    before: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Json:
    rows = registry.list_cases(
        session,
        context(request).ring,
        who(request),
        status=status,
        fate=fate,
        province=province,
        before=before,
        limit=limit,
        log=recorder(request),
    )
    return {"items": rows, "next_before": rows[-1]["id"] if len(rows) == limit else None}


@router.post("/cases", status_code=201, **guard("cases.write"))
def create_case(request: Request, session: Writer, body: CaseBody) -> Json:
    case = read_case(body.model_dump(exclude_none=True))
    row = registry.create_case(session, context(request).ring, case, who(request))
    return {"id": row.id, "number": row.number}


@router.get("/cases/{case_id}", **guard("cases.read"))
def case(request: Request, session: Reader, case_id: RecordId) -> Json:
    ring, log = context(request).ring, recorder(request)
    return registry.case_detail(session, ring, case_id, who(request), log=log)


@router.put("/cases/{case_id}", **guard("cases.write"))
def update_case(request: Request, session: Writer, case_id: RecordId, body: CaseBody) -> Json:
    case = read_case(body.model_dump(exclude_none=True))
    changed = registry.update_case(session, context(request).ring, case_id, case, who(request))
    return {"id": case_id, "changed": changed}


@router.post("/cases/{case_id}/events", status_code=201, **guard("cases.write"))
def add_event(request: Request, session: Writer, case_id: RecordId, body: EventBody) -> Json:
    event = read_event(body.model_dump(exclude_none=True))
    row = registry.add_event(session, context(request).ring, case_id, event, who(request))
    return {"id": row.id, "state": row.state}


@router.post("/cases/{case_id}/events/{event_id}/confirm", **guard("cases.confirm"))
def confirm_event(request: Request, session: Writer, case_id: RecordId, event_id: RecordId) -> Json:
    row = registry.confirm_event(session, context(request).ring, case_id, event_id, who(request))
    return {"id": row.id, "state": row.state}


@router.post("/cases/{case_id}/actions", status_code=201, **guard("cases.write"))
def add_action(request: Request, session: Writer, case_id: RecordId, body: ActionBody) -> Json:
    action = read_action(body.model_dump(exclude_none=True))
    row = registry.add_action(session, context(request).ring, case_id, action, who(request))
    return {"id": row.id}


@router.post("/cases/{case_id}/attachments", status_code=201, **guard("cases.write"))
async def add_attachment(
    request: Request, case_id: RecordId, file: Annotated[UploadFile, File()]
) -> Json:
    data = await file.read(MAX_ATTACHMENT + 1)
    ctx = context(request)
    with Session(writer(ctx.engine)) as session, session.begin():
        row = registry.add_attachment(
            session, ctx.ring, case_id, file.filename or "", data, who(request)
        )
        return {"id": row.id, "content_type": row.content_type, "size": row.size}


@router.get(
    "/cases/{case_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {kind: {} for kind in codes("rw_AttachmentType")}}},
    **guard("cases.read"),
)
def attachment(
    request: Request, session: Reader, case_id: RecordId, attachment_id: RecordId
) -> Response:
    _, kind, data = registry.read_attachment(
        session, context(request).ring, case_id, attachment_id, who(request), log=recorder(request)
    )
    return Response(data, media_type=kind, headers={"Content-Disposition": "attachment"})


@router.post("/cases/{case_id}/links", status_code=201, **guard("cases.write"))
def add_link(request: Request, session: Writer, case_id: RecordId, body: LinkBody) -> Json:
    row = registry.add_link(
        session, context(request).ring, case_id, body.target_type, body.target, who(request)
    )
    return {"id": row.id}


@router.get("/cases/{case_id}/duplicates", **guard("cases.read"))
def duplicates(request: Request, session: Reader, case_id: RecordId) -> Json:
    ring, log = context(request).ring, recorder(request)
    return {"candidates": registry.duplicates(session, ring, case_id, who(request), log=log)}


@router.post("/cases/{case_id}/merge", status_code=201, **guard("cases.merge"))
def merge(request: Request, session: Writer, case_id: RecordId, body: MergeBody) -> Json:
    row = registry.merge(
        session, context(request).ring, case_id, body.into, who(request), body.note
    )
    return {"decision": row.id, "case": case_id, "into": body.into}


@router.post("/cases/{case_id}/unmerge", status_code=201, **guard("cases.merge"))
def unmerge(request: Request, session: Writer, case_id: RecordId) -> Json:
    row = registry.unmerge(session, context(request).ring, case_id, who(request))
    return {"decision": row.id, "case": case_id}


@router.get("/audit", **guard("audit.read"))
def audit_log(
    session: Reader,
    record_type: Annotated[str | None, Query(max_length=32)] = None,
    record_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Json:
    rows = audit.entries(session, record_type=record_type, record_id=record_id, limit=limit)
    return {
        "items": [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "record_type": e.record_type,
                "record_id": e.record_id,
                "detail": e.detail,
            }
            for e in rows
        ]
    }


@router.get("/audit/verify", **guard("audit.read"))
def audit_verify(request: Request, session: Reader) -> Json:
    result = audit.verify(session, context(request).ring)
    return {"ok": result.ok, "entries": result.entries, "problems": result.problems}


@router.get("/users", **guard("users.manage"))
def users(session: Reader) -> Json:
    return {
        "items": [
            {"name": u.name, "role": u.role, "active": u.active}
            for u in accounts.list_users(session)
        ]
    }


@router.post("/users", status_code=201, **guard("users.manage"))
def add_user(request: Request, session: Writer, body: UserBody) -> Json:
    user = accounts.add_user(session, body.name, body.role, body.password)
    audit.record(
        session,
        context(request).ring,
        actor=who(request).name,
        action="add_user",
        record_type="user",
        record_id=user.id,
        detail={"role": body.role},
    )
    return {"name": user.name, "role": user.role}


@router.post("/users/{name}/disable", **guard("users.manage"))
def disable_user(
    request: Request, session: Writer, name: Annotated[str, Path(max_length=64)]
) -> Json:
    user = accounts.disable(session, name)
    audit.record(
        session,
        context(request).ring,
        actor=who(request).name,
        action="disable_user",
        record_type="user",
        record_id=user.id,
    )
    return {"name": user.name, "active": user.active}


class VerdictBody(BaseModel):
    value: Literal["verified", "disputed"]
    note: Text | None = None


class ContactDecisionBody(BaseModel):
    identifier: str = Field(
        min_length=3, max_length=600, description="as /bulletin/contacts lists it"
    )
    value: Literal["approved", "rejected"]
    note: Text | None = None


@router.get("/claims", **guard("claims.read"))
def claims(
    session: Reader,
    subject: Annotated[str | None, Query(max_length=24)] = None,
    period: Annotated[str | None, Query(max_length=40)] = None,
) -> Json:
    """Claims grouped by what they count (subject, nationality, unit), conflicts first."""
    return ledger.claims(session, subject, period)


@router.post("/claims/{claim_id}/verdict", status_code=201, **guard("claims.verify"))
def claim_verdict(request: Request, session: Writer, claim_id: RecordId, body: VerdictBody) -> Json:
    return ledger.verdict(
        session, context(request).ring, claim_id, body.value, who(request), body.note
    )


class WatchlistBody(BaseModel):
    """An analyst's watchlist entry; `sources` are public URLs (at least one)."""

    name: str = Field(min_length=1, max_length=500)
    aliases: list[Annotated[str, Field(max_length=500)]] = Field(default=[], max_length=50)
    sources: list[Annotated[str, Field(max_length=2000)]] = Field(min_length=1, max_length=20)
    schema_: Literal["Organization", "Company", "PublicBody", "Person"] = Field(
        default="Organization", alias="schema"
    )
    note: Text = ""
    countries: list[Annotated[str, Field(max_length=64)]] = Field(default=[], max_length=20)
    id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


@router.get("/watchlist", **guard("watchlist.read"))
def watchlist(session: Reader, q: Annotated[str, Query(max_length=200)] = "") -> Json:
    """Entries in force (packaged and analysts'), each FollowTheMoney-shaped with its sources
    and the latest decision on it; `q` keeps those whose id, name or alias contains it."""
    return known.entries(session, q)


@router.post("/watchlist", status_code=201, **guard("watchlist.write"))
def watchlist_add(request: Request, session: Writer, body: WatchlistBody) -> Json:
    return known.add(
        session,
        context(request).ring,
        who(request),
        name=body.name,
        aliases=body.aliases,
        sources=body.sources,
        schema=body.schema_,
        note=body.note,
        countries=body.countries,
        entry_id=body.id,
    )


@router.delete("/watchlist/{entry_id}", **guard("watchlist.write"))
def watchlist_remove(
    request: Request,
    session: Writer,
    entry_id: Annotated[str, Path(max_length=64)],
    reason: Annotated[str, Query(min_length=1, max_length=1000)],
) -> Json:
    """Take an entry out of force (a packaged one too, in this database), with the reason."""
    return known.remove(session, context(request).ring, who(request), entry_id, reason)


@router.get("/reports", **guard("reports.read"))
def report(
    request: Request,
    session: Reader,
    period: Annotated[str, Query(max_length=40)],
    lang: Annotated[Literal["en", "ar"], Query()] = "en",
    k: Annotated[int, Query(ge=2, le=100)] = 11,
) -> Json:
    """The oversight report's tables (small counts of people suppressed), without charts."""
    built = ledger.report(session, period, lang, k, recorder(request), charts=False)
    return ledger.report_json(built)


@router.get("/bulletin/contacts", **guard("bulletin.approve"))
def bulletin_contacts(
    session: Reader, days: Annotated[int, Query(ge=1, le=3650)] = ledger.CONTACT_DAYS
) -> Json:
    return {"items": ledger.contacts(session, days)}


@router.post("/bulletin/contacts", status_code=201, **guard("bulletin.approve"))
def decide_contact(request: Request, session: Writer, body: ContactDecisionBody) -> Json:
    return ledger.decide(
        session, context(request).ring, body.identifier, body.value, who(request), body.note
    )
