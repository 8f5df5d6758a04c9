"""`recruitwatch report`, `bulletin` and `export`: figures for oversight bodies, warnings
for the public, and case data for partners."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.core import TyperGroup

from recruitwatch import output
from recruitwatch.cli_admin import Database, clean_errors
from recruitwatch.cli_model import Language
from recruitwatch.errors import InvalidInput, RecruitwatchError

err = Console(stderr=True, soft_wrap=True)


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    csv = "csv"


class PageFormat(StrEnum):
    pdf = "pdf"
    html = "html"


def _engine(database: str | None) -> Engine:
    from recruitwatch.store import database_url, make_engine, migrate

    engine = make_engine(database_url(database))
    migrate(engine)
    return engine


def _write(content: str | bytes, out: Path | None, default: str) -> None:
    """Text to standard output when -o is `-`; otherwise to a file (PDF always to a file)."""
    if out is not None and str(out) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return
    target = out or Path(default)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    err.print(f"written to {target}", highlight=False)


def _audit_cli(engine: Engine, action: str, record_type: str, **detail: object) -> None:
    from recruitwatch.store import audit, crypto
    from recruitwatch.store.db import writer

    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():
        audit.record(
            session,
            ring,
            actor="cli",
            action=action,
            record_type=record_type,
            record_id="*",
            detail=detail,
        )


def _user(session: Session, by: str | None, permission: str) -> tuple[int, str]:
    from recruitwatch.access import allowed
    from recruitwatch.store.users import get_user

    name = by or os.environ.get("RECRUITWATCH_USER")
    if not name:
        raise InvalidInput("say who: --by NAME (or set RECRUITWATCH_USER)")
    user = get_user(session, name)
    if not user.active or not allowed(user.role, permission):
        raise RecruitwatchError(f"user {name!r} may not do this ({permission})")
    return user.id, user.name


Output = Annotated[Path | None, typer.Option("-o", "--output", help="File, or - for stdout.")]


@clean_errors
def report_command(
    period: Annotated[str, typer.Option("--period", help="e.g. 2025-01..2025-12, 2025, 2025-03")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.pdf,
    lang: Annotated[Language, typer.Option("--lang")] = Language.en,
    k: Annotated[int, typer.Option("--k", min=2, help="Counts of people below k show as <k.")] = 11,
    out: Output = None,
    database: Database = None,
) -> None:
    """The oversight report for a period: cases by fate, province and month; recruitment
    channels; active networks; flagged offers by band and language; promised salaries; top
    lures; the claims ledger. Small counts of people are suppressed."""
    from recruitwatch.pipeline import SCANNER_VERSION
    from recruitwatch.report.oversight import build_report
    from recruitwatch.report.period import parse_period
    from recruitwatch.report.render import report_csv, report_html, to_pdf
    from recruitwatch.store.reporting import report_data

    span = parse_period(period)
    engine = _engine(database)
    with Session(engine) as session:
        data = report_data(session, span, SCANNER_VERSION)
    report = build_report(data, lang=lang.value, k=k, charts=fmt is not ReportFormat.csv)
    _audit_cli(engine, "report", "report", period=period, format=fmt.value, k=k)
    engine.dispose()
    name = f"recruitwatch-report-{span.start.isoformat()}-{lang.value}.{fmt.value}"
    if fmt is ReportFormat.csv:
        _write(report_csv(report), out, name)
    elif fmt is ReportFormat.html:
        _write(report_html(report), out, name)
    else:
        _write(to_pdf(report_html(report)), out, name)


class BulletinGroup(TyperGroup):
    """`bulletin [OPTIONS]` drafts; `bulletin contacts|approve|reject` manage the contacts."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored click
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["draft", *args]
        return super().parse_args(ctx, args)


bulletin_app = typer.Typer(
    cls=BulletinGroup,
    help="Public warning bulletins: `bulletin --lang ar --format pdf` drafts one; "
    "`bulletin contacts|approve|reject` decide which recruiters' contacts it may name.",
)


def _window(days: int, until: str | None) -> Any:
    from recruitwatch.report.period import Period

    end = date.fromisoformat(until) if until else date.today()
    return Period(end - timedelta(days=days - 1), end + timedelta(days=1))


Days = Annotated[int, typer.Option("--days", min=1, max=3650, help="Look back this many days.")]
Until = Annotated[str | None, typer.Option("--until", help="Last day (default today).")]


@bulletin_app.command("draft", hidden=True)
@clean_errors
def bulletin_command(
    lang: Annotated[Language, typer.Option("--lang")] = Language.ar,
    fmt: Annotated[PageFormat, typer.Option("--format", "-f")] = PageFormat.pdf,
    days: Days = 90,
    until: Until = None,
    out: Output = None,
    database: Database = None,
) -> None:
    """Draft a public warning from the current high-risk patterns, for a ministry to edit."""
    from recruitwatch.pipeline import SCANNER_VERSION
    from recruitwatch.report.bulletin import build_bulletin
    from recruitwatch.report.render import bulletin_html, to_pdf
    from recruitwatch.store.reporting import bulletin_data

    window = _window(days, until)
    engine = _engine(database)
    with Session(engine) as session:
        data = bulletin_data(session, window, SCANNER_VERSION, lang.value)
    _audit_cli(engine, "bulletin", "bulletin", lang=lang.value, days=days)
    engine.dispose()
    page = bulletin_html(build_bulletin(data, lang.value))
    name = f"recruitwatch-bulletin-{window.start.isoformat()}-{lang.value}.{fmt.value}"
    _write(to_pdf(page) if fmt is PageFormat.pdf else page, out, name)


@bulletin_app.command("contacts")
@clean_errors
def contacts_command(
    days: Days = 90,
    until: Until = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    database: Database = None,
) -> None:
    """Contacts that recur in recruiter networks' high-band offers, and whether an admin
    approved each for publication."""
    from recruitwatch.pipeline import SCANNER_VERSION
    from recruitwatch.store.reporting import contact_candidates

    engine = _engine(database)
    with Session(engine) as session:
        found = contact_candidates(session, _window(days, until), SCANNER_VERSION)
    engine.dispose()
    if fmt == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [
        {
            "identifier": c["identifier"],
            "offers": c["offers"],
            "networks": ";".join(c["networks"]),
            "status": (c["decision"] or {}).get("value", "pending"),
            "by": (c["decision"] or {}).get("by", ""),
        }
        for c in found
    ]
    output.write_rows(rows, fmt, sys.stdout, title="contacts")


def _decide(
    identifier: str, value: str, by: str | None, note: str | None, database: str | None
) -> None:
    from recruitwatch.store import crypto
    from recruitwatch.store.bulletin import decide_contact
    from recruitwatch.store.db import writer

    engine = _engine(database)
    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():
        user = _user(session, by, "bulletin.approve")
        decide_contact(session, ring, identifier, value, user, note)
    engine.dispose()
    err.print(f"{identifier}: {value}", highlight=False)


By = Annotated[str | None, typer.Option("--by", help="An admin (default $RECRUITWATCH_USER).")]
Note = Annotated[str | None, typer.Option("--note")]


@bulletin_app.command("approve")
@clean_errors
def approve_command(
    identifier: Annotated[str, typer.Argument(help="As `bulletin contacts` lists it.")],
    by: By = None,
    note: Note = None,
    database: Database = None,
) -> None:
    """Allow a bulletin to name this contact."""
    _decide(identifier, "approved", by, note, database)


@bulletin_app.command("reject")
@clean_errors
def reject_command(
    identifier: Annotated[str, typer.Argument()],
    by: By = None,
    note: Note = None,
    database: Database = None,
) -> None:
    """Keep this contact out of bulletins (also withdraws an earlier approval)."""
    _decide(identifier, "rejected", by, note, database)


export_app = typer.Typer(
    help="Case data for partners: HTCDS 2.0-shaped CSV and PFIF 1.4 XML.", no_args_is_help=True
)


class Audience(StrEnum):
    outside = "outside"
    internal = "internal"


@export_app.command("htcds")
@clean_errors
def export_htcds(
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help="outside: de-identified and k-anonymised (consented cases); "
            "internal: every field decrypted, every read audited (needs --by, an admin).",
        ),
    ] = Audience.outside,
    k: Annotated[int, typer.Option("--k", min=2)] = 11,
    by: By = None,
    out: Output = None,
    database: Database = None,
) -> None:
    """Cases as HTCDS 2.0-shaped CSV."""
    from recruitwatch.exports.htcds import INTERNAL, OUTSIDE, internal_row, outside_rows, to_csv
    from recruitwatch.store import crypto
    from recruitwatch.store.db import writer
    from recruitwatch.store.exports import detailed_cases, plain_cases
    from recruitwatch.store.users import Identity

    engine = _engine(database)
    if audience is Audience.outside:
        with Session(engine) as session:
            rows, dropped = outside_rows(plain_cases(session), k)
        _audit_cli(engine, "export", "case", format="htcds", audience="outside", rows=len(rows))
        text = to_csv(rows, OUTSIDE)
        err.print(f"{len(rows):,} case(s), k={k}; {dropped:,} left out to keep k", highlight=False)
    else:
        ring = crypto.load_keyring()
        with Session(writer(engine)) as session, session.begin():
            user_id, name = _user(session, by, "cases.export")
            cases = detailed_cases(session, ring, Identity(user_id, name, "admin"))
        text = to_csv([internal_row(c) for c in cases], INTERNAL)
        err.print(f"{len(cases):,} case(s), every field; each read audited", highlight=False)
    engine.dispose()
    _write(text, out, f"recruitwatch-cases-{audience.value}.csv")


@export_app.command("pfif")
@clean_errors
def export_pfif(
    by: By = None,
    partner: Annotated[
        str, typer.Option("--partner", help="Only cases that may be shared with this partner.")
    ] = "icrc",
    domain: Annotated[
        str, typer.Option("--domain", help="Your PFIF record domain, e.g. registry.example.iq.")
    ] = "recruitwatch.invalid",
    author: Annotated[str, typer.Option("--author", help="The organisation sending it.")] = (
        "recruitwatch registry"
    ),
    out: Output = None,
    database: Database = None,
) -> None:
    """Missing persons (consented, shareable with --partner) as PFIF 1.4 XML for tracing."""
    from recruitwatch.exports.pfif import pfif_document
    from recruitwatch.store import crypto
    from recruitwatch.store.db import writer
    from recruitwatch.store.exports import missing_persons
    from recruitwatch.store.users import Identity

    engine = _engine(database)
    ring = crypto.load_keyring()
    with Session(writer(engine)) as session, session.begin():
        user_id, name = _user(session, by, "cases.export")
        who = Identity(user_id, name, "admin")
        persons = missing_persons(session, ring, who, partner=partner, domain=domain, author=author)
    engine.dispose()
    err.print(f"{len(persons):,} missing person(s) for {partner}", highlight=False)
    _write(pfif_document(persons), out, f"recruitwatch-missing-{partner}.pfif.xml")


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
    app.add_typer(bulletin_app, name="bulletin")
    app.add_typer(export_app, name="export")
