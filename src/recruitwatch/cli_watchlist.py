"""`recruitwatch watchlist`: known schemes and actors, the packaged ones and analysts' own
in the database; every change is an audited decision by a named user."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy import Engine

from recruitwatch import output
from recruitwatch.cli_admin import Database, clean_errors
from recruitwatch.errors import InvalidInput, RecruitwatchError

err = Console(stderr=True, soft_wrap=True)
watchlist_app = typer.Typer(
    help="Known schemes and actors (programmes, agencies, armed groups): a mention of one in "
    "a text is an indicator with its source.",
    no_args_is_help=True,
)
By = Annotated[
    str | None,
    typer.Option("--by", help="Who decides (a recruitwatch user; default $RECRUITWATCH_USER)."),
]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    ftm = "ftm"  # FollowTheMoney entities, one a line: what `import` reads back


def _engine(database: str | None) -> Engine:
    from recruitwatch.store import database_url, make_engine, migrate

    engine = make_engine(database_url(database))
    migrate(engine)
    return engine


def _decider(session: Any, by: str | None) -> tuple[int, str]:
    """The user who decides: named, active and allowed to change the watchlist."""
    from recruitwatch.access import allowed
    from recruitwatch.store.users import get_user

    name = by or os.environ.get("RECRUITWATCH_USER")
    if not name:
        raise InvalidInput("say who decides: --by NAME (or set RECRUITWATCH_USER)")
    user = get_user(session, name)
    if not user.active or not allowed(user.role, "watchlist.write"):
        raise RecruitwatchError(f"user {name!r} may not change the watchlist")
    return user.id, user.name


def _change(database: str | None, by: str | None, action: Any) -> Any:
    """Run `action(session, ring, user)` in one write transaction."""
    from sqlalchemy.orm import Session

    from recruitwatch.store import crypto
    from recruitwatch.store.db import writer

    engine = _engine(database)
    ring = crypto.load_keyring(create=True)
    try:
        with Session(writer(engine)) as session, session.begin():
            return action(session, ring, _decider(session, by))
    finally:
        engine.dispose()


@watchlist_app.command("add")
@clean_errors
def add_command(
    name: Annotated[str, typer.Argument(help="The name as it is usually written.")],
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", help="Another spelling or script (repeatable)."),
    ] = None,
    schema: Annotated[str, typer.Option("--schema", help="FollowTheMoney schema.")] = (
        "Organization"
    ),
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Public source URL (repeatable).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why it is listed.")] = None,
    country: Annotated[
        list[str] | None, typer.Option("--country", help="Country (code or name).")
    ] = None,
    entry_id: Annotated[
        str | None, typer.Option("--id", help="Entry id (default: from the name).")
    ] = None,
    by: By = None,
    database: Database = None,
) -> None:
    """Add an entry (or replace the one with the same id)."""
    from recruitwatch.detect.watchlist_entries import new_id, parse_entry
    from recruitwatch.store.watchlist import add_entry

    properties: dict[str, list[str]] = {"name": [name], "alias": list(alias or ())}
    if country:
        properties["country"] = list(country)
    raw = {
        "id": entry_id or new_id(name),
        "schema": schema,
        "properties": properties,
        "sources": [{"url": url} for url in source or ()],
        "note": note or "",
    }
    entry = parse_entry(raw, "watchlist add", origin="database")
    added = _change(database, by, lambda s, r, u: add_entry(s, r, entry, u, note))
    err.print(f"added {added.id} ({added.caption})", highlight=False)


@watchlist_app.command("remove")
@clean_errors
def remove_command(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it no longer applies.")],
    by: By = None,
    database: Database = None,
) -> None:
    """Take an entry out of force (a packaged one too, in this database); it stays listed
    with `list --all` and can be added back."""
    from recruitwatch.store.watchlist import remove_entry

    _change(database, by, lambda s, r, u: remove_entry(s, r, entry_id, u, reason))
    err.print(f"removed {entry_id}", highlight=False)


@watchlist_app.command("import")
@clean_errors
def import_command(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="FtM JSON Lines, or YAML like the package's.")
    ],
    by: By = None,
    database: Database = None,
) -> None:
    """Add the entries of FILE; a bad entry is named with its reason and skipped, the good
    ones are kept. Exit code 3 when some were refused."""
    from recruitwatch.detect.watchlist_entries import parse_import
    from recruitwatch.output import EXIT_REJECTED
    from recruitwatch.store.watchlist import import_entries

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot read: {exc}") from exc
    good, bad = parse_import(text, path.name)
    for problem in bad:
        err.print(f"refused: {problem}", highlight=False)
    added = 0
    if good:
        added = _change(database, by, lambda s, r, u: import_entries(s, r, good, u, path.name))
    err.print(f"imported {added} entr{'y' if added == 1 else 'ies'}, refused {len(bad)}")
    if bad:
        raise typer.Exit(EXIT_REJECTED)


@watchlist_app.command("list")
@clean_errors
def list_command(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    query: Annotated[str, typer.Option("--query", "-q", help="Names containing this.")] = "",
    every: Annotated[bool, typer.Option("--all", help="Also removed entries.")] = False,
    database: Database = None,
) -> None:
    """The entries in force: packaged and analysts' ones."""
    from sqlalchemy.orm import Session

    from recruitwatch.detect.watchlist_entries import parse_entry
    from recruitwatch.store.watchlist import listing

    engine = _engine(database)
    try:
        with Session(engine) as session:
            rows = listing(session, query, removed=every)
    finally:
        engine.dispose()
    if fmt is ListFormat.ftm:
        for row in rows:
            entity = parse_entry(row, "listing", strict=False).to_ftm()
            sys.stdout.write(json.dumps(entity, ensure_ascii=False) + "\n")
        return
    if fmt is ListFormat.json or fmt is ListFormat.jsonl:
        output.write_rows(rows, fmt.value, sys.stdout, title="watchlist")
        return
    output.write_rows([_flat(r) for r in rows], fmt.value, sys.stdout, title="watchlist")


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    props = row["properties"]
    return {
        "id": row["id"],
        "name": row["caption"],
        "schema": row["schema"],
        "aliases": "; ".join(props.get("alias", [])),
        "country": ", ".join(props.get("country", [])),
        "origin": row["origin"],
        "active": row["active"],
        "source": row["sources"][0]["url"] if row["sources"] else "",
    }


def with_database_watchlist(scoring: Any, database: str | None) -> Any:
    """`scoring` with the effective watchlist (packaged and analysts' entries) when a
    database is configured or the default one exists; the packaged watchlist otherwise.
    A scan never creates or migrates a database for this."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from recruitwatch.store import database_url, make_engine
    from recruitwatch.store.db import DEFAULT_URL
    from recruitwatch.store.watchlist import effective_watchlist

    url = database_url(database)
    if url == DEFAULT_URL and not Path(url.removeprefix("sqlite:///")).exists():
        return scoring
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("watchlist_entries"):
            return scoring
        with Session(engine) as session:
            watchlist = effective_watchlist(session)
    except SQLAlchemyError as exc:
        err.print(f"watchlist: database unreadable ({type(exc).__name__}); packaged entries only")
        return scoring
    finally:
        engine.dispose()
    return dataclasses.replace(scoring, watchlist=watchlist)
