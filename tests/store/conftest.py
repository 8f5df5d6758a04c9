"""Fixtures for the store tests: a migrated engine on each database, a keyring, users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from recruitwatch.store import crypto
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate
from recruitwatch.store.users import Identity


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    made = make_engine(store_url)
    migrate(made)
    yield made
    made.dispose()


@pytest.fixture
def ring() -> crypto.Keyring:
    return crypto.new_keyring(development=True)


@pytest.fixture
def people(engine: Engine) -> dict[str, Identity]:
    """Two caseworkers (a death needs a second one) and an admin."""
    found = {}
    with Session(engine) as session, session.begin():
        for name, role in (("amina", "caseworker"), ("omar", "caseworker"), ("root", "admin")):
            user = accounts.add_user(session, name, role, "correct horse battery")
            found[name] = Identity(user.id, user.name, user.role)
    return found
