"""`recruitwatch claims`: attributed figures from articles and statements, the ledger, and
claims about the same quantity side by side."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from recruitwatch import output
from recruitwatch.cli_admin import Database, clean_errors
from recruitwatch.errors import InvalidInput, RecruitwatchError
from recruitwatch.ingest import read_inputs
from recruitwatch.model import Record
from recruitwatch.output import EXIT_REJECTED, RejectLog

err = Console(stderr=True, soft_wrap=True)
SUBCOMMANDS = ("list", "compare", "verify")


class ClaimsGroup(TyperGroup):
    """`claims INPUT...` extracts; `claims list|compare|verify` work on the ledger."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored click
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["extract", *args]
        return super().parse_args(ctx, args)


claims_app = typer.Typer(
    cls=ClaimsGroup,
    help="Attributed figures (recruited, killed, missing...) from news and statements: "
    "`claims INPUT...` extracts them; `claims list|compare|verify` work on the stored ledger.",
    no_args_is_help=True,
)


class ClaimFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


def _open(path: Path | None) -> Any:
    return sys.stdout if path is None or str(path) == "-" else path.open("w", encoding="utf-8")


def _claims_of(records: Iterator[Any], on_reject: RejectLog) -> Iterator[tuple[Any, Record]]:
    from recruitwatch.extract.claims import extract_claims
    from recruitwatch.model import Reject

    for item in records:
        if isinstance(item, Reject):
            on_reject(item)
            continue
        doc = item.id or item.content_hash[:16]
        for claim in extract_claims(item.text, doc=doc, date=item.date, language=item.lang):
            yield claim, item


def load_ledger(paths: list[str], database: str | None, on_reject: RejectLog) -> tuple[int, int]:
    """Extract the claims of `paths` into the stored ledger: (claims found, new ones)."""
    from recruitwatch.store.claims import ClaimSource

    found = [
        (claim, ClaimSource(record.content_hash, record.source, record.url))
        for claim, record in _claims_of(read_inputs(paths), on_reject)
    ]
    return len(found), _save(found, database)


def _write(rows: list[dict[str, Any]], fmt: ClaimFormat, handle: IO[str], title: str) -> None:
    output.write_rows(rows, fmt.value, handle, title=title)


@claims_app.command("extract", hidden=True)
@clean_errors
def extract_command(
    inputs: Annotated[list[str], typer.Argument(help="Articles: HTML, text, RSS, Telegram...")],
    fmt: Annotated[ClaimFormat, typer.Option("--format", "-f")] = ClaimFormat.jsonl,
    out: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    store: Annotated[bool, typer.Option("--store/--no-store", help="Add to the ledger.")] = False,
    rejects: Annotated[Path, typer.Option("--rejects")] = Path("rejects.jsonl"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    database: Database = None,
) -> None:
    """One line per claim: {"doc", "figure", "value_min", "value_max", "unit", "subject",
    "claimant", "stance", "sentence", "start", "end"} (values null when vague)."""
    from recruitwatch.store.claims import ClaimSource

    reject_log = RejectLog(rejects, quiet)
    found: list[tuple[Any, ClaimSource]] = []
    try:
        rows = []
        for claim, record in _claims_of(read_inputs(inputs), reject_log):
            rows.append(claim.to_json())
            found.append((claim, ClaimSource(record.content_hash, record.source, record.url)))
    finally:
        reject_log.close()
    handle = _open(out)
    try:
        _write(rows, fmt, handle, "claims")
    finally:
        if handle is not sys.stdout:
            handle.close()
    if store:
        added = _save(found, database)
        if not quiet:
            err.print(f"ledger: {added:,} new claim(s) of {len(found):,}", highlight=False)
    if not quiet:
        err.print(f"{len(rows):,} claim(s); rejected {reject_log.count:,}", highlight=False)
    if reject_log.count:
        raise typer.Exit(EXIT_REJECTED)


def _engine(database: str | None) -> Any:
    from recruitwatch.store import database_url, make_engine, migrate

    engine = make_engine(database_url(database))
    migrate(engine)
    return engine


def _save(found: list[tuple[Any, Any]], database: str | None) -> int:
    from sqlalchemy.orm import Session

    from recruitwatch.store.claims import save_claims
    from recruitwatch.store.db import writer

    engine = _engine(database)
    with Session(writer(engine)) as session, session.begin():
        added = save_claims(session, found)
    engine.dispose()
    return added


def _stored(
    database: str | None, subject: str | None, nationality: str | None, period: str | None
) -> list[dict[str, Any]]:
    from sqlalchemy.orm import Session

    from recruitwatch.report.period import parse_period
    from recruitwatch.store.claims import list_claims

    span = parse_period(period) if period else None
    engine = _engine(database)
    with Session(engine) as session:
        rows = list_claims(session, subject=subject, nationality=nationality, period=span)
    engine.dispose()
    return rows


Subject = Annotated[str | None, typer.Option("--subject", help="recruited, killed, missing...")]
Nationality = Annotated[str | None, typer.Option("--nationality", help="e.g. IQ")]
PeriodOption = Annotated[str | None, typer.Option("--period", help="e.g. 2025-01..2025-12")]


@claims_app.command("list")
@clean_errors
def list_command(
    subject: Subject = None,
    nationality: Nationality = None,
    period: PeriodOption = None,
    fmt: Annotated[ClaimFormat, typer.Option("--format", "-f")] = ClaimFormat.table,
    database: Database = None,
) -> None:
    """The stored claims, newest first, with their verdicts."""
    rows = _stored(database, subject, nationality, period)
    if fmt is ClaimFormat.table:
        rows = [_short(r) for r in rows]
    elif fmt is ClaimFormat.csv:
        rows = [{**r, "verdict": (r["verdict"] or {}).get("value")} for r in rows]
    _write(rows, fmt, sys.stdout, "claims")


def _short(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "date": row["date"],
        "subject": row["subject"],
        "who": row["nationality"],
        "figure": row["figure"],
        "claimant": row["claimant"],
        "stance": row["stance"],
        "source": row["source"] or row["doc"],
        "verdict": (row["verdict"] or {}).get("value"),
    }


@claims_app.command("compare")
@clean_errors
def compare_command(
    subject: Subject = None,
    nationality: Nationality = None,
    period: PeriodOption = None,
    fmt: Annotated[ClaimFormat, typer.Option("--format", "-f")] = ClaimFormat.table,
    database: Database = None,
) -> None:
    """Claims about the same quantity side by side, with sources and dates; groups whose
    claims cannot all be true come first."""
    from recruitwatch.store.claims import compare

    groups = compare(_stored(database, subject, nationality, period))
    if fmt in (ClaimFormat.json, ClaimFormat.jsonl):
        text = json.dumps(groups, ensure_ascii=False, indent=2 if fmt is ClaimFormat.json else None)
        sys.stdout.write(text + "\n")
        return
    rows = [
        {
            "quantity": f"{g['subject']} ({g['nationality'] or 'any'}, {g['unit']})",
            "conflict": "yes" if g["conflict"] else "",
            **_short(c),
        }
        for g in groups
        for c in g["claims"]
    ]
    _write(rows, fmt, sys.stdout, "claims compared")


@claims_app.command("verify")
@clean_errors
def verify_command(
    claim_id: Annotated[int, typer.Argument(metavar="ID")],
    value: Annotated[str, typer.Argument(metavar="verified|disputed")],
    by: Annotated[
        str | None, typer.Option("--by", help="Who (default $RECRUITWATCH_USER).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    database: Database = None,
) -> None:
    """Mark a stored claim verified or disputed: a decision with who and when."""
    from sqlalchemy.orm import Session

    from recruitwatch.access import allowed
    from recruitwatch.store import crypto
    from recruitwatch.store.claims import record_verdict
    from recruitwatch.store.db import writer
    from recruitwatch.store.users import get_user

    name = by or os.environ.get("RECRUITWATCH_USER")
    if not name:
        raise InvalidInput("say who: --by NAME (or set RECRUITWATCH_USER)")
    engine = _engine(database)
    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():
        user = get_user(session, name)
        if not user.active or not allowed(user.role, "claims.verify"):
            raise RecruitwatchError(f"user {name!r} may not mark claims")
        record_verdict(session, ring, claim_id, value, (user.id, user.name), note)
    engine.dispose()
    err.print(f"claim {claim_id}: {value} (by {name})")
