"""Commands around the web app: serve, users, tokens, keys, audit, backup and restore."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from recruitwatch.errors import RecruitwatchError
from recruitwatch.store import audit, crypto
from recruitwatch.store import users as accounts
from recruitwatch.store.db import database_url, make_engine, migrate, writer

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
Database = Annotated[str | None, typer.Option("--database", help="Database URL.")]

users_app = typer.Typer(help="People who sign in to the web app.", no_args_is_help=True)
tokens_app = typer.Typer(help="Bearer tokens for the JSON API.", no_args_is_help=True)
keys_app = typer.Typer(help="The keyring that encrypts personal fields.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(command: F) -> F:
    """A user's mistake ends in one line naming it and exit code 1, never a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RecruitwatchError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(1) from exc

    return run  # type: ignore[return-value]


def demo_people(engine: Engine) -> tuple[str | None, int]:
    """The demo admin (a new random password, or None if it exists) and the synthetic cases."""
    from sqlalchemy import func, select

    from recruitwatch.cases.workflow import read_event
    from recruitwatch.demo.cases import SYNTHETIC, demo_cases, demo_fates
    from recruitwatch.store.cases import add_event, create_case
    from recruitwatch.store.models import Case, User

    migrate(engine)
    ring = crypto.load_keyring(create=True)
    password = None
    with Session(writer(engine)) as session, session.begin():
        admin = session.scalar(select(User).where(User.name == "admin"))
        if admin is None:
            password = secrets.token_urlsafe(15)
            admin = accounts.add_user(session, "admin", "admin", password)
            audit.record(
                session,
                ring,
                actor="cli",
                action="add_user",
                record_type="user",
                record_id=admin.id,
                detail={"role": "admin"},
            )
        if not session.scalar(select(func.count()).select_from(Case)):
            who = accounts.Identity(admin.id, admin.name, admin.role)
            for case, fate in zip(demo_cases(), demo_fates(), strict=True):
                created = create_case(session, ring, case, who)
                if fate is not None:
                    event = read_event({"type": fate[0], "date": fate[1], "note": SYNTHETIC})
                    add_event(session, ring, created.id, event, who)
        total = session.scalar(select(func.count()).select_from(Case)) or 0
    return password, total


def _engine(database: str | None) -> Engine:
    engine = make_engine(database_url(database))
    migrate(engine)
    return engine


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise RecruitwatchError("no password on standard input")
    return password


@contextlib.contextmanager
def _audited(engine: Engine) -> Iterator[tuple[Session, Callable[..., None]]]:
    """A write transaction and a function that audits in it: an admin command's change and
    its entry (actor 'cli', the operating-system side) land together or not at all."""
    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():

        def log(action: str, record_type: str, record_id: object, **detail: object) -> None:
            audit.record(
                session,
                ring,
                actor="cli",
                action=action,
                record_type=record_type,
                record_id=str(record_id),
                detail=detail,
            )

        yield session, log


@users_app.command("add")
@clean_errors
def users_add(
    name: str,
    role: Annotated[str, typer.Option("--role", help="admin, caseworker, analyst or oversight.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    database: Database = None,
) -> None:
    """Add a user. Without --password-stdin a random password is made and printed once."""
    password = _password_from_stdin() if password_stdin else secrets.token_urlsafe(15)
    engine = _engine(database)
    with _audited(engine) as (session, log):
        log("add_user", "user", accounts.add_user(session, name, role, password).id, role=role)
    err.print(f"added {name} ({role})", highlight=False)
    if not password_stdin:
        out.print(f"password for {name} (shown once): {password}", highlight=False)


@users_app.command("list")
@clean_errors
def users_list(database: Database = None) -> None:
    engine = _engine(database)
    with Session(engine) as session:
        table = Table("name", "role", "active", "created")
        for user in accounts.list_users(session):
            table.add_row(
                user.name, user.role, "yes" if user.active else "no", user.created.isoformat()
            )
    out.print(table)


@users_app.command("disable")
@clean_errors
def users_disable(name: str, database: Database = None) -> None:
    """Disable a user: their sessions end and their tokens are revoked."""
    engine = _engine(database)
    with _audited(engine) as (session, log):
        log("disable_user", "user", accounts.disable(session, name).id)
    err.print(f"disabled {name}", highlight=False)


@users_app.command("reset")
@clean_errors
def users_reset(
    name: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from standard input.")
    ] = False,
    database: Database = None,
) -> None:
    """Set a new password (random and printed once without --password-stdin)."""
    password = _password_from_stdin() if password_stdin else secrets.token_urlsafe(15)
    engine = _engine(database)
    with _audited(engine) as (session, log):
        log("reset_password", "user", accounts.set_password(session, name, password).id)
    if not password_stdin:
        out.print(f"new password for {name} (shown once): {password}", highlight=False)


@tokens_app.command("create")
@clean_errors
def tokens_create(
    user: Annotated[str, typer.Option("--user", help="Whose token.")],
    label: Annotated[str, typer.Option("--label", help="What it is for.")] = "",
    days: Annotated[int, typer.Option("--days", help="Valid for this many days (0: no end).")] = 90,
    database: Database = None,
) -> None:
    """Make an API bearer token; it is printed once and only its digest is kept."""
    engine = _engine(database)
    with _audited(engine) as (session, log):
        token = accounts.create_token(session, user, label, days or None)
        log("create_token", "user", user, label=label[:100])
    out.print(token, highlight=False)


@keys_app.command("init")
@clean_errors
def keys_init() -> None:
    """Create the key file (RECRUITWATCH_KEY_FILE or ./recruitwatch.keys) if there is none."""
    path = crypto.key_file_path()
    if path.exists():
        raise RecruitwatchError(f"{path} exists already; `keys rotate` makes new keys")
    ring = crypto.new_keyring(development=not crypto.production())
    crypto.save_keyring(ring, path)
    err.print(
        f"created {path} (keep it outside the database and back it up separately)", highlight=False
    )


@keys_app.command("show")
@clean_errors
def keys_show() -> None:
    """The keyring's generations (no key material)."""
    out.print_json(json.dumps(crypto.describe(crypto.load_keyring())))


@keys_app.command("rotate")
@clean_errors
def keys_rotate(
    purge: Annotated[
        bool,
        typer.Option(
            "--purge",
            help="Then drop the retired data and index keys (old backups will no longer open).",
        ),
    ] = False,
    database: Database = None,
) -> None:
    """New keys: every encrypted field and blind index is rewritten in one transaction."""
    from recruitwatch.store.keys import reencrypt

    if crypto.ENV_KEYS in os.environ:
        raise RecruitwatchError(
            f"keys come from {crypto.ENV_KEYS}; rotate them where they are kept"
        )
    path = crypto.key_file_path()
    ring = crypto.load_keyring()
    new = crypto.rotated(ring)
    staged = path.with_name(path.name + ".next")
    crypto.save_keyring(new, staged)  # kept if the database step fails half-way
    engine = _engine(database)
    with Session(writer(engine)) as session, session.begin():
        done = reencrypt(session, new, "cli")
    crypto.save_keyring(crypto.purged(new) if purge else new, path)
    staged.unlink()
    err.print(
        f"rotated to key {new.active}: " + ", ".join(f"{k} {v:,}" for k, v in done.items()),
        highlight=False,
    )


@audit_app.command("verify")
@clean_errors
def audit_verify(database: Database = None) -> None:
    """Check the whole chain; exit 1 and list every break if any entry was changed,
    deleted or reordered."""
    engine = _engine(database)
    with Session(engine) as session:
        result = audit.verify(session, crypto.load_keyring())
    for problem in result.problems:
        err.print(f"audit: {problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(1)
    err.print(f"audit: chain intact, {result.entries:,} entries", highlight=False)


def serve(host: str, port: int, database: str | None, workers: int = 1) -> None:
    """Check the keyring and migrate once, then run uvicorn with `workers` processes, each
    building the app from the environment (web.app.from_environment)."""
    import uvicorn

    crypto.load_keyring(create=not crypto.production())
    _engine(database).dispose()
    os.environ["RECRUITWATCH_DATABASE_URL"] = database_url(database)
    os.environ["RECRUITWATCH_SECURE_COOKIES"] = "0" if host in LOCAL_HOSTS else "1"
    if not os.environ.get(crypto.ENV_KEYS):
        os.environ[crypto.ENV_KEY_FILE] = str(crypto.key_file_path().resolve())
    err.print(
        f"serving on http://{host}:{port} with {workers} worker(s) "
        f"(database {database_url(database)})",
        highlight=False,
    )
    uvicorn.run(
        "recruitwatch.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(keys_app, name="keys")
    app.add_typer(audit_app, name="audit")

    @app.command("serve")
    @clean_errors
    def serve_command(
        host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port")] = 8000,
        workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes.")] = 1,
        database: Database = None,
    ) -> None:
        """Run the web app (FastAPI) on the database (SQLite by default)."""
        serve(host, port, database, workers)

    @app.command("backup")
    @clean_errors
    def backup_command(path: Path, database: Database = None) -> None:
        """Write a consistent snapshot of the whole database to PATH (a zip file)."""
        from recruitwatch.store.backup import backup

        engine = _engine(database)
        manifest = backup(engine, path)
        with _audited(engine) as (_, log):
            log("backup", "database", "*", tables=len(manifest["tables"]))
        rows = sum(t["rows"] for t in manifest["tables"].values())
        err.print(
            f"backup: {rows:,} rows in {len(manifest['tables'])} tables to {path}", highlight=False
        )

    @app.command("restore")
    @clean_errors
    def restore_command(path: Path, database: Database = None) -> None:
        """Load a backup into an empty database, then verify the audit chain."""
        from recruitwatch.store.backup import restore

        engine = _engine(database)
        manifest = restore(engine, path)
        with Session(engine) as session:
            result = audit.verify(session, crypto.load_keyring())
        rows = sum(t["rows"] for t in manifest["tables"].values())
        err.print(
            f"restore: {rows:,} rows from {path} (made {manifest['created']})", highlight=False
        )
        for problem in result.problems:
            err.print(f"audit: {problem}", highlight=False)
        if not result.ok:
            raise typer.Exit(1)
        err.print(f"audit: chain intact, {result.entries:,} entries", highlight=False)
