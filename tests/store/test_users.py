"""Users: Argon2id passwords, throttled logins, expiring sessions, bearer tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.store import users as accounts
from recruitwatch.store.models import ApiToken, User, WebSession

PASSWORD = "correct horse battery"


@pytest.fixture
def amina(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return accounts.add_user(session, "amina", "caseworker", PASSWORD).id


def _login(engine: Engine, name: str, password: str, address: str = "10.0.0.1") -> User:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        user = accounts.authenticate(session, name, password, address)
    if user is None:
        raise accounts.LoginRefused()
    return user


def test_passwords_are_stored_as_argon2id(engine: Engine, amina: int) -> None:
    with Session(engine) as session:
        stored = session.get(User, amina)
        assert stored is not None
        assert (
            stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
        )


@pytest.mark.parametrize(
    ("name", "role", "password", "reason"),
    [
        ("Bad Name", "analyst", PASSWORD, "user name"),
        ("x" * 65, "analyst", PASSWORD, "user name"),
        ("ok", "superuser", PASSWORD, "role"),
        ("ok", "analyst", "short", "too short"),
        ("amina", "analyst", PASSWORD, "exists already"),
    ],
)
def test_bad_users_are_refused(
    engine: Engine, amina: int, name: str, role: str, password: str, reason: str
) -> None:
    with Session(engine) as session, session.begin(), pytest.raises(InvalidInput, match=reason):
        accounts.add_user(session, name, role, password)


def test_login_right_and_wrong(engine: Engine, amina: int) -> None:
    assert _login(engine, "amina", PASSWORD).id == amina
    assert _login(engine, " Amina ", PASSWORD).id == amina
    with pytest.raises(accounts.LoginRefused):
        _login(engine, "amina", PASSWORD + "x")
    with pytest.raises(accounts.LoginRefused, match="wrong user name or password"):
        _login(engine, "nobody", PASSWORD)


def test_logins_are_throttled_per_name_even_with_the_right_password(
    engine: Engine, amina: int
) -> None:
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        with pytest.raises(accounts.LoginRefused):
            _login(engine, "amina", "wrong password!!")
    with pytest.raises(accounts.Throttled):
        _login(engine, "amina", PASSWORD)


def test_logins_are_throttled_per_address(engine: Engine, amina: int) -> None:
    for i in range(accounts.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(accounts.LoginRefused):
            _login(engine, f"guess{i}", "wrong password!!", address="10.9.9.9")
    with pytest.raises(accounts.Throttled):
        _login(engine, "amina", PASSWORD, address="10.9.9.9")
    assert _login(engine, "amina", PASSWORD, address="10.0.0.2").id == amina


def test_old_failures_stop_counting(engine: Engine, amina: int) -> None:
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        with pytest.raises(accounts.LoginRefused):
            _login(engine, "amina", "wrong password!!")
    with Session(engine) as session, session.begin():
        from recruitwatch.store.models import LoginAttempt

        session.execute(update(LoginAttempt).values(at=accounts.now() - timedelta(minutes=16)))
    assert _login(engine, "amina", PASSWORD).id == amina


def test_sessions_expire_when_idle_and_after_the_maximum(engine: Engine, amina: int) -> None:
    user = _login(engine, "amina", PASSWORD)
    with Session(engine) as session, session.begin():
        token, csrf = accounts.start_session(session, session.merge(user))
    with Session(engine) as session, session.begin():
        found = accounts.session_identity(session, token)
        assert found is not None and found.name == "amina" and found.csrf == csrf
    with Session(engine) as session, session.begin():
        session.execute(update(WebSession).values(expires=accounts.now() - timedelta(seconds=1)))
    with Session(engine) as session, session.begin():
        assert accounts.session_identity(session, token) is None
    with Session(engine) as session, session.begin():
        token, _ = accounts.start_session(session, session.merge(user))
        session.execute(
            update(WebSession).values(
                created=accounts.now() - accounts.SESSION_MAX - timedelta(minutes=1)
            )
        )
    with Session(engine) as session, session.begin():
        assert accounts.session_identity(session, token) is None


def test_only_digests_of_session_tokens_are_stored(engine: Engine, amina: int) -> None:
    user = _login(engine, "amina", PASSWORD)
    with Session(engine) as session, session.begin():
        token, _ = accounts.start_session(session, session.merge(user))
    with Session(engine) as session:
        stored = session.scalars(select(WebSession.digest)).all()
    assert token not in stored and accounts.digest(token) in stored


def test_disabling_ends_sessions_and_tokens(engine: Engine, amina: int) -> None:
    user = _login(engine, "amina", PASSWORD)
    with Session(engine) as session, session.begin():
        token, _ = accounts.start_session(session, session.merge(user))
        api = accounts.create_token(session, "amina", "test")
    with Session(engine) as session, session.begin():
        assert accounts.token_identity(session, api) is not None
        accounts.disable(session, "amina")
    with Session(engine) as session, session.begin():
        assert accounts.session_identity(session, token) is None
        assert accounts.token_identity(session, api) is None
    with pytest.raises(accounts.LoginRefused):
        _login(engine, "amina", PASSWORD)


def test_tokens_expire(engine: Engine, amina: int) -> None:
    with Session(engine) as session, session.begin():
        api = accounts.create_token(session, "amina", days=1)
    with Session(engine) as session, session.begin():
        assert accounts.token_identity(session, api) is not None
        session.execute(update(ApiToken).values(expires=accounts.now() - timedelta(seconds=1)))
    with Session(engine) as session:
        assert accounts.token_identity(session, api) is None
        assert accounts.token_identity(session, "rwt_made_up") is None


def test_password_reset_ends_sessions(engine: Engine, amina: int) -> None:
    user = _login(engine, "amina", PASSWORD)
    with Session(engine) as session, session.begin():
        token, _ = accounts.start_session(session, session.merge(user))
        accounts.set_password(session, "amina", "another long password")
    with Session(engine) as session, session.begin():
        assert accounts.session_identity(session, token) is None
    assert _login(engine, "amina", "another long password").id == amina
    with Session(engine) as session, pytest.raises(NotFound):
        accounts.set_password(session, "nobody", "another long password")
