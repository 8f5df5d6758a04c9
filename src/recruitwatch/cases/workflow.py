"""The case workflow: fate events, the second review of a death, actions and attachments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recruitwatch.cases.fields import codes
from recruitwatch.cases.model import CaseProblems, _Reader
from recruitwatch.errors import InvalidInput

# Recording these needs a second person's confirmation before the case shows them.
NEEDS_CONFIRMATION = frozenset({"killed"})
MAX_ATTACHMENT = 10 * 1024 * 1024
# Magic numbers of the attachment types accepted: the declared type is never trusted.
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class EventInput:
    type: str
    date: str
    note: str | None = None

    @property
    def state(self) -> str:
        return "pending" if self.type in NEEDS_CONFIRMATION else "confirmed"


@dataclass(frozen=True)
class ActionInput:
    category: str  # consular | legal
    type: str
    status: str
    date: str | None = None
    court: str | None = None
    charge: str | None = None
    outcome: str | None = None
    details: str | None = None


@dataclass(frozen=True)
class EventState:
    id: int
    type: str
    date: str
    state: str


def read_event(raw: Mapping[str, Any]) -> EventInput:
    r = _Reader(raw)
    kind = r.choice("type", "rw_Fate")
    day = r.day("date")
    note = r.text("note")
    if kind is None and "type" not in r.problems:
        r.fail("type", "required")
    if day is None and "date" not in r.problems:
        r.fail("date", "required")
    if r.problems or kind is None or day is None:
        raise CaseProblems(r.problems)
    return EventInput(kind, day, note)


def read_action(raw: Mapping[str, Any]) -> ActionInput:
    r = _Reader(raw)
    category = r.text("category", 16)
    if category == "consular":
        kind = r.choice("type", "rw_ConsularAction")
        status = r.choice("status", "rw_ActionStatus") or "requested"
    elif category == "legal":
        kind = "proceeding"
        status = r.choice("outcome_status", "rw_LegalOutcome") or "pending"
    else:
        r.fail("category", "consular_or_legal")
        kind, status = None, "requested"
    action = ActionInput(
        category=category or "",
        type=kind or "",
        status=status,
        date=r.day("date"),
        court=r.text("court", 200),
        charge=r.text("charge", 1000),
        outcome=r.text("outcome"),
        details=r.text("details"),
    )
    if category == "consular" and not kind and "type" not in r.problems:
        r.fail("type", "required")
    if category == "legal" and not action.court and "court" not in r.problems:
        r.fail("court", "court_required")
    if r.problems:
        raise CaseProblems(r.problems)
    return action


def check_confirmation(state: str, recorded_by: int, confirmer: int) -> None:
    """A pending event is confirmed by someone other than the person who recorded it."""
    if state != "pending":
        raise InvalidInput("this event needs no confirmation")
    if recorded_by == confirmer:
        raise InvalidInput("a second reviewer must confirm: you recorded this event yourself")


def current_fate(events: Sequence[EventState]) -> str:
    """The latest confirmed event's type (by date, then by order recorded). `reported` is when
    the case came in, not a fact about the person, so any other event outranks it."""
    confirmed = [e for e in events if e.state == "confirmed" and e.type != "reported"]
    if not confirmed:
        return "reported"
    return max(confirmed, key=lambda e: (e.date, e.id)).type


def attachment_type(filename: str, data: bytes) -> str:
    """The checked content type of an upload, or InvalidInput naming the file and the reason."""
    if not data:
        raise InvalidInput(f"{filename}: the file is empty")
    if len(data) > MAX_ATTACHMENT:
        raise InvalidInput(
            f"{filename}: {len(data):,} bytes is over the limit of {MAX_ATTACHMENT:,} bytes"
        )
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text and "text/plain" in codes("rw_AttachmentType"):
        return "text/plain"
    raise InvalidInput(f"{filename}: not a PDF, PNG, JPEG or UTF-8 text file")
