"""The case registry in the store: encrypted fields, blind indexes, workflow, duplicates and
reversible merges, key rotation, and no plaintext personal data in the database.
All people here are invented."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from recruitwatch.cases.model import read_case
from recruitwatch.cases.workflow import read_action, read_event
from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.store import audit, crypto
from recruitwatch.store import cases as registry
from recruitwatch.store.db import writer
from recruitwatch.store.keys import reencrypt
from recruitwatch.store.models import AuditEntry, Case, CaseIndex
from recruitwatch.store.users import Identity

# Distinctive invented values, searched for in the raw database afterwards.
NAME_AR = "زهيرفلاني كاظم الساعدي"
NAME_LATIN = "Zuhairfulani Kadhim Al-Saadi"
PHONE = "07701239876"
ID_NUMBER = "XQ9912345"
REPORTER = "Umm Zuhairfulani"
PROMISE = "promised a bakery job in Voronezhgrad"
SECRETS = [
    NAME_AR,
    "زهيرفلاني",
    "Zuhairfulani",
    "9647701239876",
    ID_NUMBER,
    REPORTER,
    "Voronezhgrad",
]


def _case(**extra: object) -> dict[str, object]:
    return {
        "names_original": [NAME_AR],
        "names_latin": [NAME_LATIN],
        "age": "24",
        "province": "IQ-BA",
        "phones": [PHONE],
        "identity_numbers": [ID_NUMBER],
        "reporter_type": "family",
        "reporter_name": REPORTER,
        "promises": PROMISE,
        "channels": ["Telegram"],
        "consent": True,
        "share_with": ["ministry"],
    } | extra


def _create(engine: Engine, ring: crypto.Keyring, who: Identity, **extra: object) -> int:
    with Session(writer(engine)) as session, session.begin():
        return registry.create_case(session, ring, read_case(_case(**extra)), who).id


def test_a_case_reads_back_whole(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        detail = registry.case_detail(session, ring, case_id, people["amina"])
    assert detail["person"]["names_original"] == (NAME_AR,)
    assert detail["person"]["phones"] == ("+9647701239876",)
    assert detail["reporter"]["name"] == REPORTER and detail["recruitment"]["promises"] == PROMISE
    assert detail["age_band"] == "18-24" and detail["province"] == "IQ-BA"
    assert detail["number"].startswith("RW-") and detail["fate"] == "reported"
    assert [e["type"] for e in detail["events"]] == ["reported"]


def test_personal_fields_are_ciphertext_in_the_table(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with engine.connect() as conn:
        row = (
            conn.execute(text("SELECT * FROM cases WHERE id = :i"), {"i": case_id}).mappings().one()
        )
    encrypted = {k: v for k, v in row.items() if k.startswith("enc_") and v}
    assert len(encrypted) >= 7
    assert all(str(v).startswith(f"rw1:{ring.active}:") for v in encrypted.values())
    dump = " ".join(str(v) for v in row.values())
    assert not [s for s in SECRETS if s in dump]


def test_no_plaintext_anywhere_in_the_sqlite_file(tmp_path: Path, ring: crypto.Keyring) -> None:
    from recruitwatch.store import users as accounts
    from recruitwatch.store.db import make_engine, migrate

    path = tmp_path / "raw.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with Session(engine) as session, session.begin():
        user = accounts.add_user(session, "amina", "caseworker", "correct horse battery")
        who = Identity(user.id, user.name, user.role)
    case_id = _create(engine, ring, who)
    with Session(writer(engine)) as session, session.begin():
        registry.add_event(
            session,
            ring,
            case_id,
            read_event(
                {
                    "type": "missing",
                    "date": "2025-01-02",
                    "note": "last seen with Zuhairfulani's cousin",
                }
            ),
            who,
        )
        registry.add_action(
            session,
            ring,
            case_id,
            read_action(
                {
                    "category": "legal",
                    "court": "Basra criminal court",
                    "charge": "trafficking of Zuhairfulani",
                }
            ),
            who,
        )
        registry.add_attachment(
            session,
            ring,
            case_id,
            "Zuhairfulani passport.txt",
            f"{NAME_LATIN} {ID_NUMBER}".encode(),
            who,
        )
        registry.case_detail(session, ring, case_id, who)
        registry.list_cases(session, ring, who)
    engine.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("raw.db"))
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in raw, (secret, encoding)
    # The same holds for what a strings(1) dump of the file shows.
    shown = subprocess.run(["strings", "-a", str(path)], capture_output=True, text=True).stdout
    assert not [s for s in SECRETS if s in shown]


def test_no_plaintext_in_any_postgres_table(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the SQLite file is searched byte by byte in its own test")
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        registry.add_event(
            session,
            ring,
            case_id,
            read_event({"type": "missing", "date": "2025-01-02", "note": NAME_LATIN}),
            people["amina"],
        )
    with engine.connect() as conn:
        tables = (
            conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            .scalars()
            .all()
        )
        dump = " ".join(
            " ".join(str(v) for v in row)
            for table in tables
            for row in conn.execute(text(f'SELECT * FROM "{table}"'))
        )
    assert not [s for s in SECRETS if s in dump]


def test_audit_entries_name_ids_not_people(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        registry.case_detail(session, ring, case_id, people["omar"])
        registry.update_case(
            session,
            ring,
            case_id,
            read_case(_case(names_latin=["Zuhairfulani K. Saadi"])),
            people["omar"],
        )
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert [(e.actor, e.action) for e in entries] == [
            ("amina", "create"),
            ("omar", "read"),
            ("omar", "update"),
        ]
        assert '"names_latin"' in entries[2].detail
        assert not [s for e in entries for s in SECRETS if s in e.detail]
        assert audit.verify(session, ring).ok


@pytest.mark.parametrize(
    "query",
    [
        "+9647701239876",
        "0770 123 9876",
        ID_NUMBER,
        "Zuhairfulani",
        "زهيرفلاني الساعدي",
        "Zuhayrfulani",
    ],
)
def test_find_by_blind_index(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity], query: str
) -> None:
    case_id = _create(engine, ring, people["amina"])
    _create(
        engine,
        ring,
        people["amina"],
        names_original=["علي حسين"],
        names_latin=[],
        phones=[],
        identity_numbers=[],
    )
    with Session(writer(engine)) as session, session.begin():
        assert registry.find_cases(session, ring, people["amina"], query) == [case_id]
        assert registry.find_cases(session, ring, people["amina"], "Zainab Jasim") == []


def test_duplicates_across_scripts_and_reversible_merge(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    first = _create(engine, ring, people["amina"])
    second = _create(
        engine,
        ring,
        people["omar"],
        names_original=[],
        names_latin=["Zuhayrfulani Kazim al-Sa'idi"],
        phones=[],
        identity_numbers=[],
        age="25",
    )
    other = _create(
        engine,
        ring,
        people["omar"],
        names_original=["زينب جاسم"],
        names_latin=[],
        phones=[],
        identity_numbers=[],
    )
    with Session(writer(engine)) as session, session.begin():
        found = registry.duplicates(session, ring, second, people["omar"])
        assert [c["id"] for c in found] == [first]
        assert found[0]["score"] >= 0.75 and "province" in found[0]["reasons"]
        assert registry.duplicates(session, ring, other, people["omar"]) == []
        registry.merge(session, ring, second, first, people["omar"], note="same man")
        assert [c["id"] for c in registry.list_cases(session, ring, people["omar"])] == [
            other,
            first,
        ]
        with pytest.raises(InvalidInput, match="merged already"):
            registry.merge(session, ring, second, other, people["omar"])
        registry.unmerge(session, ring, second, people["amina"])
        listed = [c["id"] for c in registry.list_cases(session, ring, people["amina"])]
        assert listed == [other, second, first]
        kinds = [m["kind"] for m in registry.merges_of(session, second)]
        assert kinds == ["unmerge", "merge"]  # both decisions kept, newest first
        detail = registry.case_detail(session, ring, second, people["amina"])
        assert detail["person"]["names_latin"] == ("Zuhayrfulani Kazim al-Sa'idi",)  # untouched


def test_a_death_needs_a_second_reviewer(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        registry.add_event(
            session,
            ring,
            case_id,
            read_event({"type": "in_contract", "date": "2025-02-01"}),
            people["amina"],
        )
        killed = registry.add_event(
            session,
            ring,
            case_id,
            read_event({"type": "killed", "date": "2025-03-01"}),
            people["amina"],
        )
        assert killed.state == "pending"
        assert session.get(Case, case_id).rw_fate == "in_contract"  # type: ignore[union-attr]
        with pytest.raises(InvalidInput, match="second reviewer"):
            registry.confirm_event(session, ring, case_id, killed.id, people["amina"])
        registry.confirm_event(session, ring, case_id, killed.id, people["omar"])
        assert session.get(Case, case_id).rw_fate == "killed"  # type: ignore[union-attr]
        with pytest.raises(InvalidInput, match="needs no confirmation"):
            registry.confirm_event(session, ring, case_id, killed.id, people["root"])
        with pytest.raises(NotFound):
            registry.confirm_event(session, ring, case_id + 99, killed.id, people["root"])


def test_events_in_the_future_are_refused(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with (
        Session(writer(engine)) as session,
        session.begin(),
        pytest.raises(InvalidInput, match="future"),
    ):
        registry.add_event(
            session,
            ring,
            case_id,
            read_event({"type": "missing", "date": "2099-01-01"}),
            people["amina"],
        )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty"),
        ("run.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff", "not a PDF"),
        ("fake.pdf", b"\x00\x01binary", "not a PDF"),
        ("big.txt", b"a" * (10 * 1024 * 1024 + 1), "over the limit"),
    ],
)
def test_attachments_are_checked(
    engine: Engine,
    ring: crypto.Keyring,
    people: dict[str, Identity],
    name: str,
    data: bytes,
    reason: str,
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with (
        Session(writer(engine)) as session,
        session.begin(),
        pytest.raises(InvalidInput, match=reason),
    ):
        registry.add_attachment(session, ring, case_id, name, data, people["amina"])


def test_attachments_round_trip_encrypted(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with Session(writer(engine)) as session, session.begin():
        added = registry.add_attachment(
            session, ring, case_id, "../../etc/photo.png", png, people["amina"]
        )
        assert png not in added.blob and added.content_type == "image/png"
        name, kind, data = registry.read_attachment(
            session, ring, case_id, added.id, people["omar"]
        )
    assert (name, kind, data) == ("photo.png", "image/png", png)


def test_key_rotation_rewrites_every_field_and_index(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        registry.add_event(
            session,
            ring,
            case_id,
            read_event({"type": "missing", "date": "2025-01-02", "note": "n"}),
            people["amina"],
        )
        registry.add_attachment(session, ring, case_id, "a.txt", b"hello", people["amina"])
        before = set(session.scalars(select(CaseIndex.digest)))
    new = crypto.rotated(ring)
    with Session(writer(engine)) as session, session.begin():
        done = reencrypt(session, new, "cli")
    assert done["cases"] == 1 and done["case_events"] == 2 and done["case_attachments"] == 1
    with engine.connect() as conn:
        tokens = [
            v
            for v in conn.execute(text("SELECT * FROM cases")).mappings().one().values()
            if isinstance(v, str) and v.startswith("rw1:")
        ]
    assert tokens and all(crypto.key_id_of(t) == new.active for t in tokens)
    purged = crypto.purged(new)  # the old keys are gone: everything must be readable without them
    with Session(writer(engine)) as session, session.begin():
        assert set(session.scalars(select(CaseIndex.digest))).isdisjoint(before)
        detail = registry.case_detail(session, purged, case_id, people["amina"])
        assert detail["person"]["names_latin"] == (NAME_LATIN,)
        assert [e["note"] for e in detail["events"] if e["type"] == "missing"] == ["n"]
        assert (
            registry.read_attachment(
                session, purged, case_id, detail["attachments"][0]["id"], people["amina"]
            )[2]
            == b"hello"
        )
        assert registry.find_cases(session, purged, people["amina"], PHONE) == [case_id]
        assert audit.verify(session, purged).ok


def test_links_to_offers_identifiers_networks(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    case_id = _create(engine, ring, people["amina"])
    with Session(writer(engine)) as session, session.begin():
        registry.add_link(
            session, ring, case_id, "identifier", "telegram:jobs_russia_41", people["amina"]
        )
        registry.add_link(
            session, ring, case_id, "identifier", "telegram:jobs_russia_41", people["amina"]
        )
        registry.add_link(session, ring, case_id, "network", "N-1", people["amina"])
        with pytest.raises(InvalidInput, match="link type"):
            registry.add_link(session, ring, case_id, "person", "x", people["amina"])
        links = registry.case_detail(session, ring, case_id, people["amina"])["links"]
    assert links == [
        {"type": "identifier", "target": "telegram:jobs_russia_41"},
        {"type": "network", "target": "N-1"},
    ]


def test_oversight_aggregates_hold_no_personal_field(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    _create(engine, ring, people["amina"])
    _create(engine, ring, people["amina"], province="IQ-NA")
    with Session(engine) as session:
        counts = registry.aggregates(session)
    assert counts["province"] == {"IQ-BA": 1, "IQ-NA": 1}
    assert counts["fate"] == {"reported": 2}
    assert not [s for s in SECRETS if s in str(counts)]
