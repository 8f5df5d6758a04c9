"""Which recruiters' contacts a public bulletin may name: only those an admin approved.
Each approval or rejection is a decision (who, when, note), audited, never edited."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.decisions import decide, latest
from recruitwatch.store.models import Decision

CHOICES = ("approved", "rejected")
KINDS = ("phone", "handle", "link", "email", "domain")


def contact_key(identifier: str) -> str:
    """The decision subject for an identifier (`phone:+79...`); long ones by their digest."""
    if len(identifier) <= 64:
        return identifier
    return "sha1:" + hashlib.sha1(identifier.encode("utf-8")).hexdigest()


def contact_decisions(session: Session) -> dict[str, dict[str, Any]]:
    """The latest decision on each contact, by contact key."""
    return latest(session, "contact", "bulletin")


def decide_contact(
    session: Session,
    ring: Keyring,
    identifier: str,
    value: str,
    user: tuple[int, str],
    note: str | None = None,
) -> Decision:
    if value not in CHOICES:
        raise InvalidInput(f"{value!r}: choose one of {', '.join(CHOICES)}")
    if identifier.partition(":")[0] not in KINDS or not identifier.partition(":")[2]:
        raise InvalidInput(
            f"{identifier!r}: write the identifier as `bulletin contacts` lists it, "
            "e.g. phone:+79261234567 or handle:telegram:name"
        )
    return decide(
        session,
        ring,
        subject=("contact", contact_key(identifier)),
        kind="bulletin",
        value=value,
        user=user,
        note=note,
        action="bulletin_contact",
    )
