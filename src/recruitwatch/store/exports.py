"""Reading cases for the exports: plain columns for de-identified rows; decrypted details,
each read audited as an export, for the internal CSV and for PFIF."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from recruitwatch.cases.fields import label, province_label
from recruitwatch.exports.pfif import SEX, STATUS, Note, Person
from recruitwatch.store.cases import case_detail
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.models import Case
from recruitwatch.store.users import Identity

DESCRIPTION = "Reported missing after a deceptive offer of work, study or travel abroad."


def _live() -> Any:
    return select(Case).where(Case.rw_merged_into.is_(None)).order_by(Case.id)


def plain_cases(session: Session) -> list[dict[str, Any]]:
    """Consented cases' plain columns only: nothing here needs a key."""
    return [
        {
            "gender": c.prs_gender,
            "age_band": c.rw_age_band,
            "province": c.prs_mailing_state,
            "citizenship": c.prs_citizenship,
            "departure_date": c.rw_departure_date,
            "fate": c.rw_fate,
            "channels": c.vic_recruitment_websites_and_apps,
            "methods": c.vic_method_of_recruitment,
            "exploitation": c.vic_type_of_exploitation,
            "status": c.cas_status,
        }
        for c in session.scalars(_live().where(Case.con_consent.is_(True)))
    ]


def detailed_cases(session: Session, ring: Keyring, actor: Identity) -> list[dict[str, Any]]:
    """Every live case decrypted; each read lands in the audit log under the actor."""
    ids = list(session.scalars(select(Case.id).where(Case.rw_merged_into.is_(None))))
    return [
        {**case_detail(session, ring, i, actor), "citizenship": _citizenship(session, i)}
        for i in ids
    ]


def _citizenship(session: Session, case_id: int) -> str | None:
    return session.scalar(select(Case.prs_citizenship).where(Case.id == case_id))


def _utc(moment: str | None) -> str:
    when = datetime.fromisoformat(moment) if moment else datetime.now(UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def missing_persons(
    session: Session,
    ring: Keyring,
    actor: Identity,
    *,
    partner: str,
    domain: str,
    author: str,
) -> list[Person]:
    """Missing persons whose case has consent and may be shared with `partner`."""
    query = _live().where(Case.rw_fate == "missing", Case.con_consent.is_(True))
    chosen = [c.id for c in session.scalars(query) if partner in (c.rw_share_with or [])]
    now = _utc(None)
    persons = []
    for case_id in chosen:
        case = case_detail(session, ring, case_id, actor)
        person = case["person"]
        names = [*person["names_original"], *person["names_latin"]]
        record = f"{domain}/person.{case['uid']}"
        notes = tuple(
            Note(
                note_record_id=f"{domain}/note.{case['uid']}.{e['id']}",
                person_record_id=record,
                author_name=author,
                source_date=_utc(f"{e['date']}T00:00:00+00:00"),
                text=f"{label('rw_Fate', e['type'], 'en')} ({e['date']})",
                status=STATUS.get(e["type"]),
                entry_date=now,
            )
            for e in case["events"]
            if e["state"] == "confirmed" and e["type"] in STATUS
        )
        persons.append(
            Person(
                person_record_id=record,
                source_date=_utc(case.get("updated") or case.get("created")),
                full_name=names[0] if names else case["number"],
                entry_date=now,
                author_name=author,
                source_name=author,
                alternate_names=tuple(names[1:]),
                description=DESCRIPTION,
                sex=SEX.get(person.get("gender") or "", None),
                date_of_birth=person.get("birthdate"),
                age=person.get("age"),
                home_city=person.get("city"),
                home_state=province_label(person.get("province"), "en") or None,
                home_country="IQ",
                notes=notes,
            )
        )
    return persons
