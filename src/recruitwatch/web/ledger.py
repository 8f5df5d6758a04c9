"""What the claims, reports and bulletin pages show (and their JSON twins): plain data from
the store, with the audit entries the CLI commands write too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput
from recruitwatch.pipeline import SCANNER_VERSION
from recruitwatch.report.oversight import OversightReport, build_report
from recruitwatch.report.period import Period, parse_period
from recruitwatch.store.bulletin import decide_contact
from recruitwatch.store.claims import compare, list_claims, record_verdict
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.reporting import contact_candidates, report_data
from recruitwatch.store.users import Identity

SUBJECTS = ("recruited", "killed", "missing", "detained", "at_front", "returned", "injured")
MAX_K = 100
CONTACT_DAYS = 1095  # three years: recruiters reuse numbers and handles for a long time


def _period(text: str | None) -> Period | None:
    return parse_period(text) if text else None


def claims(session: Session, subject: str | None, period: str | None) -> dict[str, Any]:
    """Stored claims grouped by what they count, conflicts first."""
    if subject is not None and subject not in (*SUBJECTS, "salary"):
        raise InvalidInput(f"subject {subject!r}: choose one of {', '.join(SUBJECTS)}")
    found = list_claims(session, subject=subject, period=_period(period))
    return {"groups": compare(found), "count": len(found)}


def verdict(
    session: Session, ring: Keyring, claim_id: int, value: str, who: Identity, note: str | None
) -> dict[str, Any]:
    decision = record_verdict(session, ring, claim_id, value, (who.user_id, who.name), note)
    return {"id": decision.id, "claim": claim_id, "value": value, "by": who.name}


def report(
    session: Session, period: str, lang: str, k: int, log: Callable[..., None], *, charts: bool
) -> OversightReport:
    """The oversight report (suppressed), its production audited like the CLI's."""
    if not 2 <= k <= MAX_K:
        raise InvalidInput(f"k {k}: choose between 2 and {MAX_K}")
    span = parse_period(period)
    built = build_report(report_data(session, span, SCANNER_VERSION), lang=lang, k=k, charts=charts)
    log(
        actor="web",
        action="report",
        record_type="report",
        record_id="*",
        detail={"period": period, "k": k},
    )
    return built


def report_json(built: OversightReport) -> dict[str, Any]:
    return {
        "title": built.title,
        "period": built.period,
        "k": built.k,
        "notes": built.notes,
        "sections": [
            {"key": b.key, "title": b.title, "rows": b.rows, "notes": b.notes} for b in built.blocks
        ],
    }


def contacts(session: Session, days: int) -> list[dict[str, Any]]:
    if not 1 <= days <= 3650:
        raise InvalidInput(f"days {days}: choose between 1 and 3650")
    today = date.today()
    window = Period(today - timedelta(days=days - 1), today + timedelta(days=1))
    return contact_candidates(session, window, SCANNER_VERSION)


def decide(
    session: Session, ring: Keyring, identifier: str, value: str, who: Identity, note: str | None
) -> dict[str, Any]:
    decision = decide_contact(session, ring, identifier, value, (who.user_id, who.name), note)
    return {"id": decision.id, "identifier": identifier, "value": value, "by": who.name}
