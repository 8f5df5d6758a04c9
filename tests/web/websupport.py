"""A small running site for the web tests, on SQLite and on PostgreSQL: synthetic offers
scanned and linked, one user of each role, a case with an event, an attachment and a merge
candidate. Browser sessions and API tokens are made directly in the store, so tests do not
pay for a password hash on every request (the login itself has its own tests)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from recruitwatch.cases.model import read_case
from recruitwatch.cases.workflow import read_event
from recruitwatch.cli import _link_store, demo_corpus
from recruitwatch.detect.modelfile import packaged_model
from recruitwatch.ingest import read_inputs
from recruitwatch.link import LinkSettings
from recruitwatch.pipeline import SCANNER_VERSION, Scoring, scan
from recruitwatch.store import cases as registry
from recruitwatch.store import crypto, save_batch
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate, writer
from recruitwatch.store.models import ClaimRow, Document, NetworkRow
from recruitwatch.store.users import Identity
from recruitwatch.web.app import create_app
from recruitwatch.web.deps import SESSION_COOKIE, AppContext

ROLES = ("admin", "caseworker", "analyst", "oversight")
PASSWORD = "correct horse battery"
DOCUMENTS = 120


@dataclass
class Site:
    url: str
    engine: Engine
    ring: crypto.Keyring
    app: Any
    users: dict[str, Identity]
    ids: dict[str, Any] = field(default_factory=dict)

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def browser(self, user: str) -> TestClient:
        """A client signed in as `user` (a role name, or "omar" for the second caseworker)."""
        client = self.client()
        with Session(self.engine) as session, session.begin():
            token, csrf = accounts.start_session(
                session, session.get_one(accounts.User, self.users[user].user_id)
            )
        client.cookies.set(SESSION_COOKIE, token)
        client.headers["x-test-csrf"] = csrf  # kept for tests to read; not sent as the CSRF header
        return client

    def token(self, user: str) -> str:
        with Session(self.engine) as session, session.begin():
            return accounts.create_token(session, self.users[user].name, "tests")

    def api(self, user: str) -> TestClient:
        client = self.client()
        client.headers["authorization"] = f"Bearer {self.token(user)}"
        return client


def csrf_of(client: TestClient) -> str:
    return client.headers["x-test-csrf"]


def login_csrf(client: TestClient) -> str:
    page = client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _load_offers(url: str, engine: Engine) -> None:
    scoring = Scoring(model=packaged_model(), explain=True)
    records = itertools.islice(read_inputs([str(demo_corpus())]), DOCUMENTS)
    items = list(scan(records, scoring=scoring))
    with Session(engine) as session, session.begin():
        save_batch(
            session, [(s.record, s.assessment) for s in items], scanner_version=SCANNER_VERSION
        )
    _link_store(url, LinkSettings())


def _people(engine: Engine) -> dict[str, Identity]:
    found = {}
    with Session(engine) as session, session.begin():
        for name, role in [(r, r) for r in ROLES] + [("omar", "caseworker")]:
            user = accounts.add_user(session, name, role, PASSWORD)
            found[name] = Identity(user.id, user.name, user.role)
        accounts.add_user(session, "temp", "analyst", PASSWORD)
    return found


def _cases(site: Site) -> None:
    worker = site.users["caseworker"]
    with Session(writer(site.engine)) as session, session.begin():
        first = registry.create_case(
            session,
            site.ring,
            read_case(
                {
                    "names_original": ["حيدر كاظم الساعدي"],
                    "names_latin": ["Haidar Kadhim Al-Saadi"],
                    "age": "23",
                    "province": "IQ-BA",
                    "phones": ["07701230000"],
                    "recruiter_identifiers": ["telegram:jobs_russia_41"],
                }
            ),
            worker,
        )
        second = registry.create_case(
            session,
            site.ring,
            read_case(
                {"names_latin": ["Hayder Kazim al-Sa'idi"], "age": "24", "province": "IQ-BA"}
            ),
            site.users["omar"],
        )
        killed = registry.add_event(
            session,
            site.ring,
            first.id,
            read_event({"type": "killed", "date": "2025-03-01"}),
            worker,
        )
        attachment = registry.add_attachment(
            session, site.ring, first.id, "note.txt", b"synthetic note", worker
        )
        site.ids.update(case=first.id, twin=second.id, event=killed.id, attachment=attachment.id)
        site.ids["document"] = session.scalar(select(Document.id).order_by(Document.id))
        site.ids["network"] = session.scalar(select(NetworkRow.id).order_by(NetworkRow.size.desc()))


def build_site(url: str) -> Site:
    engine = make_engine(url)
    migrate(engine)
    _load_offers(url, engine)
    ring = crypto.new_keyring(development=True)
    site = Site(
        url,
        engine,
        ring,
        create_app(AppContext(engine, ring, secure_cookies=False)),
        _people(engine),
    )
    _cases(site)
    _claims(site)
    return site


def _claims(site: Site) -> None:
    """Two synthetic, contradicting claims about the same quantity."""
    rows = [
        ("only a few", None, None, "vague", "an invented official", "said"),
        ("more than 5,000", 5000.0, None, "at_least", "a synthetic investigation", "reported"),
    ]
    with Session(writer(site.engine)) as session, session.begin():
        for n, (figure, low, high, precision, claimant, stance) in enumerate(rows):
            claim = ClaimRow(
                doc=f"synthetic-article-{n}",
                text_hash=f"{n:064d}",
                source="synthetic-news",
                figure=figure,
                value_min=low,
                value_max=high,
                precision=precision,
                unit="people",
                subject="recruited",
                nationality="IQ",
                claimant=claimant,
                stance=stance,
                date=f"2025-0{n + 1}-01",
                sentence=f"Synthetic sentence with {figure} Iraqis recruited.",
                start=0,
                end=len(figure),
            )
            session.add(claim)
            session.flush()
            site.ids.setdefault("claim", claim.id)
