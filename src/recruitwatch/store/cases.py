"""The case registry in the database: personal fields encrypted, every read and change audited.

Functions here assume the caller's permission was checked (web/ and cli do that); they encrypt
on the way in, decrypt on the way out, keep the blind indexes in step and write one audit
entry per read or change, inside the caller's transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from recruitwatch.cases.match import MatchResult, PersonFacts, is_candidate, match
from recruitwatch.cases.model import CaseInput, Person, age_band, age_on
from recruitwatch.cases.names import name_keys
from recruitwatch.cases.workflow import (
    ActionInput,
    EventInput,
    EventState,
    attachment_type,
    check_confirmation,
    current_fate,
)
from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.extract.phones import to_e164
from recruitwatch.store import audit
from recruitwatch.store.crypto import (
    Keyring,
    blind_index,
    decrypt,
    decrypt_bytes,
    encrypt,
    encrypt_bytes,
)
from recruitwatch.store.models import (
    Case,
    CaseAction,
    CaseAttachment,
    CaseEvent,
    CaseIndex,
    CaseLink,
    Decision,
    User,
)
from recruitwatch.store.users import Identity

# Encrypted case columns and how each is read off a CaseInput (lists are stored as JSON).
CASE_FIELDS: dict[str, Any] = {
    "enc_names_original": lambda c: c.person.names_original,
    "enc_names_latin": lambda c: c.person.names_latin,
    "enc_birthdate": lambda c: c.person.birthdate,
    "enc_age": lambda c: c.person.age,
    "enc_city": lambda c: c.person.city,
    "enc_identity_numbers": lambda c: c.person.identity_numbers,
    "enc_phones": lambda c: c.person.phones,
    "enc_reporter_name": lambda c: c.reporter.name,
    "enc_reporter_contact": lambda c: c.reporter.contact,
    "enc_reporter_relation": lambda c: c.reporter.relation,
    "enc_promises": lambda c: c.recruitment.promises,
    "enc_notes": lambda c: c.notes,
}
TARGET_TYPES = ("document", "identifier", "network")
# Where a read's audit entry goes when not into the reading session: the web app appends it
# in its own short write transaction, so a page never holds the write lock while it renders.
# Either way the data is returned only after its entry is written.
Recorder = Callable[..., None]


def _audit(
    session: Session,
    ring: Keyring,
    actor: Identity,
    action: str,
    case_id: int | str,
    /,
    log: Recorder | None = None,
    **detail: Any,
) -> None:
    """One audit entry about cases: into this session (a change lands with its entry), or
    through `log` (a read, see Recorder)."""
    entry: dict[str, Any] = {
        "actor": actor.name,
        "action": action,
        "record_type": "case",
        "record_id": case_id,
    }
    if detail:
        entry["detail"] = detail
    if log is None:
        audit.record(session, ring, **entry)
    else:
        log(**entry)


def _context(table: str, column: str, case_uid: str) -> str:
    return f"{table}.{column}:{case_uid}"


def _seal(ring: Keyring, value: Any, table: str, column: str, uid: str) -> str | None:
    if value is None or value == () or value == "":
        return None
    return encrypt(ring, json.dumps(value, ensure_ascii=False), _context(table, column, uid))


def _open(ring: Keyring, token: str | None, table: str, column: str, uid: str) -> Any:
    text = decrypt(ring, token, _context(table, column, uid))
    return None if text is None else json.loads(text)


def _plain_columns(case: CaseInput) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    return {
        "cas_status": case.status,
        "prs_gender": case.person.gender,
        "rw_age_band": age_band(age_on(case.person, today)),
        "prs_mailing_state": case.person.province,
        "prs_citizenship": "IQ",
        "vic_recruitment_websites_and_apps": list(case.recruitment.channels),
        "vic_method_of_recruitment": list(case.recruitment.methods),
        "vic_type_of_exploitation": list(case.exploitation),
        "rw_departure_date": case.recruitment.departure_date,
        "rw_last_contact_date": case.recruitment.last_contact_date,
        "rw_reporter_type": case.reporter.type,
        "con_consent": case.consent,
        "rw_share_with": list(case.share_with),
        "rw_recruiter_identifiers": list(case.recruitment.recruiter_identifiers),
    }


def _index_rows(ring: Keyring, person: Person) -> set[tuple[str, str]]:
    rows = {("phone", blind_index(ring, "phone", p)) for p in person.phones}
    rows |= {("idno", blind_index(ring, "idno", n.upper())) for n in person.identity_numbers}
    for name in person.names:
        rows |= {("name", blind_index(ring, "name", k)) for k in name_keys(name)}
    return rows


def _reindex(session: Session, ring: Keyring, row: Case, person: Person) -> None:
    session.execute(delete(CaseIndex).where(CaseIndex.case_id == row.id))
    for kind, digest in sorted(_index_rows(ring, person)):
        session.add(CaseIndex(case_id=row.id, kind=kind, digest=digest))


def _write(ring: Keyring, row: Case, case: CaseInput) -> list[str]:
    """Set the row from the input; the names of the fields that changed."""
    changed = []
    for column, value in _plain_columns(case).items():
        if getattr(row, column) != value:
            changed.append(column)
            setattr(row, column, value)
    for column, read in CASE_FIELDS.items():
        value = read(case)
        old = _open(ring, getattr(row, column), "cases", column, row.uid)
        if old != (list(value) if isinstance(value, tuple) else value) and (old or value):
            changed.append(column.removeprefix("enc_"))
            setattr(row, column, _seal(ring, value, "cases", column, row.uid))
    return changed


def create_case(session: Session, ring: Keyring, case: CaseInput, actor: Identity) -> Case:
    uid = str(uuid.uuid4())
    row = Case(uid=uid, number="new-" + uid[:28], owner_id=actor.user_id)  # numbered below
    _write(ring, row, case)
    session.add(row)
    session.flush()
    row.number = f"RW-{datetime.now(UTC).year}-{row.id:06d}"
    _reindex(session, ring, row, case.person)
    today = datetime.now(UTC).date().isoformat()
    session.add(CaseEvent(case_id=row.id, type="reported", date=today, recorded_by=actor.user_id))
    _audit(session, ring, actor, "create", row.id)
    return row


def update_case(
    session: Session, ring: Keyring, case_id: int, case: CaseInput, actor: Identity
) -> list[str]:
    row = _case(session, case_id)
    changed = _write(ring, row, case)
    if changed:
        row.updated = datetime.now(UTC)
        _reindex(session, ring, row, case.person)
    _audit(session, ring, actor, "update", row.id, fields=changed)
    return changed


def _case(session: Session, case_id: int) -> Case:
    row = session.get(Case, case_id)
    if row is None:
        raise NotFound(f"no case {case_id}")
    return row


def person_of(ring: Keyring, row: Case) -> Person:
    def get(column: str) -> Any:
        return _open(ring, getattr(row, column), "cases", column, row.uid)

    return Person(
        names_original=tuple(get("enc_names_original") or ()),
        names_latin=tuple(get("enc_names_latin") or ()),
        gender=row.prs_gender,
        birthdate=get("enc_birthdate"),
        age=get("enc_age"),
        province=row.prs_mailing_state,
        city=get("enc_city"),
        identity_numbers=tuple(get("enc_identity_numbers") or ()),
        phones=tuple(get("enc_phones") or ()),
    )


def _summary(ring: Keyring, row: Case) -> dict[str, Any]:
    person = person_of(ring, row)
    return {
        "id": row.id,
        "number": row.number,
        "status": row.cas_status,
        "fate": row.rw_fate,
        "province": row.prs_mailing_state,
        "gender": row.prs_gender,
        "age_band": row.rw_age_band,
        "names": list(person.names),
        "merged_into": row.rw_merged_into,
        "updated": row.updated.isoformat() if row.updated else None,
    }


def list_cases(
    session: Session,
    ring: Keyring,
    actor: Identity,
    *,
    status: str | None = None,
    fate: str | None = None,
    province: str | None = None,
    before: int | None = None,
    limit: int = 50,
    ids: Sequence[int] | None = None,
    log: Recorder | None = None,
) -> list[dict[str, Any]]:
    """Newest first, keyset-paginated by id (`before`); merged cases are left out."""
    query: Select[Any] = select(Case).where(Case.rw_merged_into.is_(None))
    if status:
        query = query.where(Case.cas_status == status)
    if fate:
        query = query.where(Case.rw_fate == fate)
    if province:
        query = query.where(Case.prs_mailing_state == province)
    if before:
        query = query.where(Case.id < before)
    if ids is not None:
        query = query.where(Case.id.in_(list(ids)))
    rows = list(session.scalars(query.order_by(Case.id.desc()).limit(min(limit, 200))))
    found = [_summary(ring, r) for r in rows]
    _audit(session, ring, actor, "list", "*", log=log, ids=[r.id for r in rows])
    return found


def find_cases(session: Session, ring: Keyring, actor: Identity, query: str) -> list[int]:
    """Cases whose phone, identity number or name tokens equal the query's (blind indexes)."""
    probes: set[tuple[str, str]] = set()
    digits = "".join(ch for ch in query if ch.isdigit() or ch == "+")
    if e164 := to_e164(digits) if len(digits) >= 6 else None:
        probes.add(("phone", blind_index(ring, "phone", e164)))
    probes.add(("idno", blind_index(ring, "idno", query.strip().upper())))
    keys = name_keys(query)
    wanted = {blind_index(ring, "name", k) for k in keys}
    hits: dict[int, set[str]] = {}
    for kind, digest in probes | {("name", d) for d in wanted}:
        rows = session.scalars(
            select(CaseIndex.case_id).where(CaseIndex.kind == kind, CaseIndex.digest == digest)
        )
        for case_id in rows:
            hits.setdefault(case_id, set()).add(f"{kind}:{digest}")
    # Every name token of the query must match; a phone or document number alone suffices.
    name_hits = {f"name:{d}" for d in wanted}
    return sorted(
        (cid for cid, got in hits.items() if (wanted and name_hits <= got) or got - name_hits),
        reverse=True,
    )


def _events(session: Session, case_id: int) -> list[CaseEvent]:
    query = select(CaseEvent).where(CaseEvent.case_id == case_id)
    return list(session.scalars(query.order_by(CaseEvent.date, CaseEvent.id)))


def _user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    return dict(session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all())


def case_detail(
    session: Session, ring: Keyring, case_id: int, actor: Identity, log: Recorder | None = None
) -> dict[str, Any]:
    """Everything about a case, decrypted; the read is audited."""
    row = _case(session, case_id)
    person = person_of(ring, row)

    def get(column: str) -> Any:
        return _open(ring, getattr(row, column), "cases", column, row.uid)

    events = _events(session, row.id)
    actions = list(session.scalars(select(CaseAction).where(CaseAction.case_id == row.id)))
    files = list(session.scalars(select(CaseAttachment).where(CaseAttachment.case_id == row.id)))
    links = list(session.scalars(select(CaseLink).where(CaseLink.case_id == row.id)))
    users = _user_names(
        session,
        {e.recorded_by for e in events} | {e.confirmed_by for e in events} | {row.owner_id},
    )
    _audit(session, ring, actor, "read", row.id, log=log)
    return {
        **_summary(ring, row),
        "uid": row.uid,
        "owner": users.get(row.owner_id or 0),
        "created": row.created.isoformat(),
        "person": asdict(person),
        "reporter": {
            "type": row.rw_reporter_type,
            "name": get("enc_reporter_name"),
            "relation": get("enc_reporter_relation"),
            "contact": get("enc_reporter_contact"),
        },
        "recruitment": {
            "channels": row.vic_recruitment_websites_and_apps,
            "methods": row.vic_method_of_recruitment,
            "recruiter_identifiers": row.rw_recruiter_identifiers,
            "promises": get("enc_promises"),
            "departure_date": row.rw_departure_date,
            "last_contact_date": row.rw_last_contact_date,
        },
        "exploitation": row.vic_type_of_exploitation,
        "consent": row.con_consent,
        "share_with": row.rw_share_with,
        "notes": get("enc_notes"),
        "events": [_event(ring, row.uid, e, users) for e in events],
        "actions": [_action(ring, row.uid, a) for a in actions],
        "attachments": [
            {
                "id": f.id,
                "filename": decrypt(ring, f.enc_filename, _context("attach", "name", row.uid)),
                "content_type": f.content_type,
                "size": f.size,
                "uploaded_at": f.uploaded_at.isoformat(),
            }
            for f in files
        ],
        "links": [{"type": k.target_type, "target": k.target} for k in links],
        "merges": merges_of(session, row.id),
    }


def _event(ring: Keyring, uid: str, e: CaseEvent, users: dict[int, str]) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "date": e.date,
        "state": e.state,
        "note": _open(ring, e.enc_note, "case_events", "enc_note", uid),
        "recorded_by": users.get(e.recorded_by),
        "confirmed_by": users.get(e.confirmed_by or 0),
    }


def _action(ring: Keyring, uid: str, a: CaseAction) -> dict[str, Any]:
    def get(column: str) -> Any:
        return _open(ring, getattr(a, column), "case_actions", column, uid)

    return {
        "id": a.id,
        "category": a.category,
        "type": a.type,
        "date": a.date,
        "status": a.status,
        "court": a.court,
        "charge": get("enc_charge"),
        "outcome": get("enc_outcome"),
        "details": get("enc_details"),
    }


def _refresh_fate(session: Session, row: Case) -> None:
    events = _events(session, row.id)
    row.rw_fate = current_fate([EventState(e.id, e.type, e.date, e.state) for e in events])
    row.updated = datetime.now(UTC)


def add_event(
    session: Session, ring: Keyring, case_id: int, event: EventInput, actor: Identity
) -> CaseEvent:
    row = _case(session, case_id)
    if date.fromisoformat(event.date) > datetime.now(UTC).date():
        raise InvalidInput(f"date {event.date} is in the future")
    note = _seal(ring, event.note, "case_events", "enc_note", row.uid)
    added = CaseEvent(
        case_id=row.id,
        type=event.type,
        date=event.date,
        state=event.state,
        enc_note=note,
        recorded_by=actor.user_id,
    )
    session.add(added)
    session.flush()
    _refresh_fate(session, row)
    _audit(
        session,
        ring,
        actor,
        "add_event",
        row.id,
        event=added.id,
        type=event.type,
        state=event.state,
    )
    return added


def confirm_event(
    session: Session, ring: Keyring, case_id: int, event_id: int, actor: Identity
) -> CaseEvent:
    event = session.get(CaseEvent, event_id)
    if event is None or event.case_id != case_id:
        raise NotFound(f"no event {event_id} in case {case_id}")
    check_confirmation(event.state, event.recorded_by, actor.user_id)
    event.state, event.confirmed_by = "confirmed", actor.user_id
    event.confirmed_at = datetime.now(UTC)
    session.flush()
    _refresh_fate(session, _case(session, case_id))
    _audit(session, ring, actor, "confirm_event", case_id, event=event_id, type=event.type)
    return event


def add_action(
    session: Session, ring: Keyring, case_id: int, action: ActionInput, actor: Identity
) -> CaseAction:
    row = _case(session, case_id)

    def seal(column: str, value: str | None) -> str | None:
        return _seal(ring, value, "case_actions", column, row.uid)

    added = CaseAction(
        case_id=row.id,
        category=action.category,
        type=action.type,
        date=action.date,
        status=action.status,
        court=action.court,
        enc_charge=seal("enc_charge", action.charge),
        enc_outcome=seal("enc_outcome", action.outcome),
        enc_details=seal("enc_details", action.details),
        recorded_by=actor.user_id,
    )
    session.add(added)
    session.flush()
    _audit(
        session,
        ring,
        actor,
        "add_action",
        row.id,
        action=added.id,
        category=action.category,
        type=action.type,
    )
    return added


def add_attachment(
    session: Session, ring: Keyring, case_id: int, filename: str, data: bytes, actor: Identity
) -> CaseAttachment:
    row = _case(session, case_id)
    kind = attachment_type(filename, data)
    name = (filename or "attachment").replace("\\", "/").rsplit("/", 1)[-1][:200]
    added = CaseAttachment(
        case_id=row.id,
        enc_filename=encrypt(ring, name, _context("attach", "name", row.uid)) or "",
        content_type=kind,
        size=len(data),
        blob=encrypt_bytes(ring, data, _context("attach", "blob", row.uid)),
        uploaded_by=actor.user_id,
    )
    session.add(added)
    session.flush()
    _audit(
        session,
        ring,
        actor,
        "add_attachment",
        row.id,
        attachment=added.id,
        type=kind,
        size=len(data),
    )
    return added


def read_attachment(
    session: Session,
    ring: Keyring,
    case_id: int,
    attachment_id: int,
    actor: Identity,
    log: Recorder | None = None,
) -> tuple[str, str, bytes]:
    row = _case(session, case_id)
    found = session.get(CaseAttachment, attachment_id)
    if found is None or found.case_id != row.id:
        raise NotFound(f"no attachment {attachment_id} in case {case_id}")
    name = decrypt(ring, found.enc_filename, _context("attach", "name", row.uid)) or "attachment"
    data = decrypt_bytes(ring, found.blob, _context("attach", "blob", row.uid))
    _audit(session, ring, actor, "read_attachment", row.id, log=log, attachment=attachment_id)
    return name, found.content_type, data


def add_link(
    session: Session, ring: Keyring, case_id: int, target_type: str, target: str, actor: Identity
) -> CaseLink:
    row = _case(session, case_id)
    target = target.strip()
    if target_type not in TARGET_TYPES:
        raise InvalidInput(f"link type {target_type!r}: choose one of {', '.join(TARGET_TYPES)}")
    if not target or len(target) > 600:
        raise InvalidInput("link target: 1 to 600 characters")
    existing = session.scalar(
        select(CaseLink).where(
            CaseLink.case_id == row.id,
            CaseLink.target_type == target_type,
            CaseLink.target == target,
        )
    )
    if existing is not None:
        return existing
    link = CaseLink(case_id=row.id, target_type=target_type, target=target, added_by=actor.user_id)
    session.add(link)
    session.flush()
    _audit(session, ring, actor, "add_link", row.id, link=link.id, type=target_type)
    return link


def facts(ring: Keyring, row: Case) -> PersonFacts:
    person = person_of(ring, row)
    return PersonFacts(
        names=person.names,
        birth_year=int(person.birthdate[:4]) if person.birthdate else None,
        age=person.age,
        age_year=row.created.year if person.age is not None else None,
        province=row.prs_mailing_state,
        phones=person.phones,
    )


def duplicates(
    session: Session,
    ring: Keyring,
    case_id: int,
    actor: Identity,
    threshold: float = 0.75,
    log: Recorder | None = None,
) -> list[dict[str, Any]]:
    """Other cases that may be the same person: found through the blind indexes (a shared name
    key, phone or document number), then scored on the decrypted facts."""
    row = _case(session, case_id)
    digests = select(CaseIndex.kind, CaseIndex.digest).where(CaseIndex.case_id == row.id)
    pairs = [(k, d) for k, d in session.execute(digests)]
    candidates: set[int] = set()
    for kind, digest in pairs:
        query = select(CaseIndex.case_id).where(
            CaseIndex.kind == kind, CaseIndex.digest == digest, CaseIndex.case_id != row.id
        )
        candidates.update(session.scalars(query.limit(500)))
    mine = facts(ring, row)
    found: list[tuple[MatchResult, Case]] = []
    for other in session.scalars(select(Case).where(Case.id.in_(sorted(candidates)))):
        if other.rw_merged_into is not None:
            continue
        result = match(mine, facts(ring, other))
        if is_candidate(result, threshold):
            found.append((result, other))
    found.sort(key=lambda pair: (-pair[0].score, pair[1].id))
    _audit(session, ring, actor, "duplicates", row.id, log=log, candidates=[c.id for _, c in found])
    return [{**_summary(ring, c), "score": r.score, "reasons": list(r.reasons)} for r, c in found]


def merges_of(session: Session, case_id: int) -> list[dict[str, Any]]:
    """Merge decisions touching this case, newest first."""
    query = select(Decision, User.name).join(User, User.id == Decision.user_id)
    query = query.where(
        Decision.subject_type == "case",
        Decision.kind.in_(["merge", "unmerge"]),
        (Decision.subject_id == str(case_id)) | (Decision.value == str(case_id)),
    )
    return [
        {
            "decision": d.id,
            "kind": d.kind,
            "case": int(d.subject_id),
            "into": int(d.value),
            "by": name,
            "at": d.at.isoformat(),
            "note": d.note,
        }
        for d, name in session.execute(query.order_by(Decision.id.desc()))
    ]


def merge(
    session: Session,
    ring: Keyring,
    case_id: int,
    into_id: int,
    actor: Identity,
    note: str | None = None,
) -> Decision:
    """Record that case_id is the same person as into_id. Both records stay as they were; the
    merged one is hidden from lists and points to the other until the decision is reversed."""
    row, into = _case(session, case_id), _case(session, into_id)
    if row.id == into.id:
        raise InvalidInput("a case cannot be merged into itself")
    if row.rw_merged_into is not None:
        raise InvalidInput(f"case {row.id} is merged already; reverse that first")
    if into.rw_merged_into is not None:
        raise InvalidInput(f"case {into.id} is itself merged into case {into.rw_merged_into}")
    decision = Decision(
        subject_type="case",
        subject_id=str(row.id),
        kind="merge",
        value=str(into.id),
        user_id=actor.user_id,
        note=(note or "")[:1000] or None,
    )
    session.add(decision)
    session.query(Case).filter(Case.rw_merged_into == row.id).update({"rw_merged_into": into.id})
    row.rw_merged_into = into.id
    session.flush()
    _audit(session, ring, actor, "merge", row.id, into=into.id, decision=decision.id)
    return decision


def unmerge(session: Session, ring: Keyring, case_id: int, actor: Identity) -> Decision:
    """Reverse the case's merge with a new decision; the merge decision itself stays."""
    row = _case(session, case_id)
    if row.rw_merged_into is None:
        raise InvalidInput(f"case {row.id} is not merged")
    decision = Decision(
        subject_type="case",
        subject_id=str(row.id),
        kind="unmerge",
        value=str(row.rw_merged_into),
        user_id=actor.user_id,
    )
    session.add(decision)
    row.rw_merged_into = None
    session.flush()
    _audit(session, ring, actor, "unmerge", row.id, decision=decision.id)
    return decision


def aggregates(session: Session) -> dict[str, dict[str, int]]:
    """Counts by fate, status and province: what oversight may see (no personal field)."""
    live = Case.rw_merged_into.is_(None)
    result = {}
    for name, column in (
        ("fate", Case.rw_fate),
        ("status", Case.cas_status),
        ("province", Case.prs_mailing_state),
    ):
        rows = session.execute(select(column, func.count()).where(live).group_by(column))
        result[name] = {str(k or "unknown"): int(n) for k, n in rows}
    return result
