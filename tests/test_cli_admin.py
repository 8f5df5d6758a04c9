"""The admin commands: users, tokens, keys, audit, backup and restore, on SQLite and
PostgreSQL. All people are invented."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from recruitwatch.cases.model import read_case
from recruitwatch.cli import app
from recruitwatch.store import cases as registry
from recruitwatch.store import crypto
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate, writer
from recruitwatch.store.users import Identity


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "test.keys"
    monkeypatch.setenv(crypto.ENV_KEY_FILE, str(path))
    monkeypatch.delenv(crypto.ENV_KEYS, raising=False)
    monkeypatch.setenv(crypto.ENV_MODE, "development")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _case(url: str, name: str = "Zuhairfulani Kadhim") -> int:
    engine = make_engine(url)
    migrate(engine)
    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():
        user = session.scalar(text("SELECT id FROM users WHERE name = 'amina'"))
        if user is None:
            user = accounts.add_user(session, "amina", "caseworker", "correct horse battery").id
        who = Identity(user, "amina", "caseworker")
        case_id = registry.create_case(
            session, ring, read_case({"names_latin": [name], "phones": ["07701239876"]}), who
        ).id
        registry.case_detail(session, ring, case_id, who)
    engine.dispose()
    return case_id


def test_users_add_list_disable_reset(store_url: str, keys: Path) -> None:
    code, _, err = run(
        "users",
        "add",
        "amina",
        "--role",
        "caseworker",
        "--password-stdin",
        "--database",
        store_url,
        stdin="correct horse battery\n",
    )
    assert code == 0 and "added amina" in err
    code, out, _ = run("users", "add", "omar", "--role", "analyst", "--database", store_url)
    assert code == 0 and "password for omar (shown once): " in out
    code, _, err = run(
        "users",
        "add",
        "x",
        "--role",
        "king",
        "--password-stdin",
        "--database",
        store_url,
        stdin="correct horse battery\n",
    )
    assert code == 1 and "role 'king'" in err and "Traceback" not in err
    code, _, err = run(
        "users",
        "add",
        "y",
        "--role",
        "analyst",
        "--password-stdin",
        "--database",
        store_url,
        stdin="short\n",
    )
    assert code == 1 and "too short" in err
    code, out, _ = run("users", "list", "--database", store_url)
    assert "amina" in out and "caseworker" in out and "omar" in out
    assert run("users", "disable", "omar", "--database", store_url)[0] == 0
    code, out, _ = run("users", "reset", "amina", "--database", store_url)
    assert code == 0 and "new password for amina" in out
    new = out.rsplit(": ", 1)[1].strip()
    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        assert accounts.authenticate(session, "amina", new, "cli") is not None
        assert accounts.authenticate(session, "omar", "anything at all", "cli") is None
    engine.dispose()
    assert run("users", "disable", "nobody", "--database", store_url)[0] == 1


def test_tokens_create(store_url: str, keys: Path) -> None:
    run(
        "users",
        "add",
        "amina",
        "--role",
        "caseworker",
        "--password-stdin",
        "--database",
        store_url,
        stdin="correct horse battery\n",
    )
    code, out, _ = run(
        "tokens", "create", "--user", "amina", "--label", "script", "--database", store_url
    )
    token = out.strip()
    assert code == 0 and token.startswith("rwt_")
    engine = make_engine(store_url)
    with Session(engine) as session:
        found = accounts.token_identity(session, token)
        assert found is not None and found.name == "amina"
    engine.dispose()
    assert run("tokens", "create", "--user", "nobody", "--database", store_url)[0] == 1


def test_keys_rotate_and_audit_verify(store_url: str, keys: Path) -> None:
    case_id = _case(store_url)
    old = crypto.load_keyring()
    code, _, err = run("keys", "rotate", "--database", store_url)
    assert code == 0 and "rotated to key" in err and "cases 1" in err
    new = crypto.load_keyring()
    assert new.active != old.active and new.generations[old.active].retired
    engine = make_engine(store_url)
    with engine.connect() as conn:
        token = conn.execute(
            text("SELECT enc_names_latin FROM cases WHERE id = :i"), {"i": case_id}
        ).scalar()
    assert crypto.key_id_of(token) == new.active
    engine.dispose()
    code, _, err = run("audit", "verify", "--database", store_url)
    assert code == 0 and "chain intact" in err
    code, out, _ = run("keys", "show")
    assert new.active in out and '"data"' not in out
    # Tampering with the log makes verify fail with the reason.
    with make_engine(store_url).begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
        conn.execute(text("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1"))
    code, _, err = run("audit", "verify", "--database", store_url)
    assert code == 1 and "entry 1: contents modified" in err


def test_keys_init_refuses_to_overwrite(keys: Path) -> None:
    assert run("keys", "init")[0] == 0 and keys.exists()
    code, _, err = run("keys", "init")
    assert code == 1 and "exists already" in err


def test_backup_and_restore_keep_ciphertexts_and_the_audit_chain(
    store_url: str, keys: Path, tmp_path: Path
) -> None:
    case_id = _case(store_url)
    archive = tmp_path / "backup.zip"
    code, _, err = run("backup", str(archive), "--database", store_url)
    assert code == 0 and "backup:" in err
    with zipfile.ZipFile(archive) as opened:
        raw = b"".join(opened.read(n) for n in opened.namelist())
    assert b"Zuhairfulani" not in raw and b"9647701239876" not in raw
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    code, _, err = run("restore", str(archive), "--database", target)
    assert code == 0 and "chain intact" in err, err
    source, restored = make_engine(store_url), make_engine(target)
    query = text("SELECT enc_names_latin, enc_phones FROM cases WHERE id = :i")
    with source.connect() as a, restored.connect() as b:
        assert a.execute(query, {"i": case_id}).one() == b.execute(query, {"i": case_id}).one()
    ring = crypto.load_keyring()
    with Session(writer(restored)) as session, session.begin():
        who = Identity(1, "amina", "caseworker")
        assert registry.case_detail(session, ring, case_id, who)["person"]["names_latin"] == (
            "Zuhairfulani Kadhim",
        )
        assert registry.find_cases(session, ring, who, "07701239876") == [case_id]
        # Ids continue after the restored ones.
        assert (
            registry.create_case(
                session, ring, read_case({"names_latin": ["Another Person"]}), who
            ).id
            == case_id + 1
        )
    source.dispose()
    restored.dispose()
    code, _, err = run("restore", str(archive), "--database", target)
    assert code == 1 and "empty database" in err


def test_backup_restores_into_postgres(keys: Path, tmp_path: Path, postgres_url: str) -> None:
    case_id = _case(f"sqlite:///{tmp_path / 'a.db'}")
    archive = tmp_path / "b.zip"
    assert run("backup", str(archive), "--database", f"sqlite:///{tmp_path / 'a.db'}")[0] == 0
    code, _, err = run("restore", str(archive), "--database", postgres_url)
    assert code == 0 and "chain intact" in err, err
    assert _case(postgres_url, "Second Person") == case_id + 1  # sequences were moved on


def test_tampered_or_foreign_backups_are_refused(keys: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _case(url)
    archive = tmp_path / "b.zip"
    run("backup", str(archive), "--database", url)
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "tables/audit_log.jsonl":
                data = data.replace(b'"amina"', b'"mallory"', 1)
            dst.writestr(name, data)
    code, _, err = run("restore", str(tampered), "--database", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 1 and "does not match its manifest" in err
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run("restore", str(junk), "--database", f"sqlite:///{tmp_path / 'r2.db'}")
    assert code == 1 and "not a recruitwatch backup" in err


def test_serve_runs_the_app_with_workers(tmp_path: Path, keys: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'served.db'}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "recruitwatch",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            "--database",
            url,
        ],
        env={**os.environ, "RECRUITWATCH_KEY_FILE": str(keys)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answer = None
        for _ in range(150):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/login")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert (
            answer is not None and answer.status_code == 200 and 'name="csrf_token"' in answer.text
        )
        assert "Secure" not in answer.headers["set-cookie"]  # localhost
        assert (
            httpx.get(f"http://127.0.0.1:{port}/api/v1/offers").json()["error"]["code"]
            == "not_signed_in"
        )
        assert keys.exists()  # a development keyring was made
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "with 2 worker(s)" in errors
