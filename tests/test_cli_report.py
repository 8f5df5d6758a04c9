"""report, bulletin and export on a store holding the demo corpus and demo cases, on SQLite
and PostgreSQL. Everything in it is synthetic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from recruitwatch.cli import app, cli_admin
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate
from recruitwatch.store.models import AuditEntry

DEMO_CORPUS = Path(__file__).parents[1] / "src/recruitwatch/resources/demo/corpus.jsonl"
PFIF = "{http://zesty.ca/pfif/1.4}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo_store(store_url: str) -> str:
    """The demo corpus scanned and linked, the demo cases with their fates, and an admin
    and an analyst besides the demo admin."""
    assert run("scan", str(DEMO_CORPUS), "--store", "--database", store_url, "-q")[0] == 0
    assert run("link", "--store", "--database", store_url, "-q")[0] == 0
    engine = make_engine(store_url)
    migrate(engine)
    cli_admin.demo_people(engine)
    with Session(engine) as session, session.begin():
        accounts.add_user(session, "boss", "admin", "correct horse battery")
        accounts.add_user(session, "rana", "analyst", "correct horse battery")
    engine.dispose()
    return store_url


def test_report_in_every_format(demo_store: str, tmp_path: Path) -> None:
    code, out, err = run(
        "report", "--period", "2025", "-f", "csv", "-o", "-", "--database", demo_store
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    sections = {r["section"] for r in rows}
    assert {"offers", "indicators", "channels", "networks"} <= sections
    counts = [r["value"] for r in rows if r["section"].startswith("cases_by")]
    assert counts and all(v in ("<11", "x", "0") or int(v) >= 11 for v in counts)
    page = tmp_path / "r.html"
    assert (
        run(
            "report",
            "--period",
            "2025",
            "-f",
            "html",
            "--lang",
            "ar",
            "-o",
            str(page),
            "--database",
            demo_store,
        )[0]
        == 0
    )
    assert 'dir="rtl"' in page.read_text(encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    assert (
        run("report", "--period", "2025-01..2025-12", "-o", str(pdf), "--database", demo_store)[0]
        == 0
    )
    assert pdf.read_bytes()[:5] == b"%PDF-"
    engine = make_engine(demo_store)
    with Session(engine) as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action == "report"))
        assert len(list(actions)) == 3
    engine.dispose()


def test_report_refuses_a_bad_period(demo_store: str) -> None:
    code, _, err = run("report", "--period", "2025-13", "--database", demo_store)
    assert code == 1 and "2025-13" in err and "Traceback" not in err


def test_bulletin_names_only_approved_contacts(demo_store: str, tmp_path: Path) -> None:
    window = ("--days", "1000", "--until", "2025-12-31", "--database", demo_store)
    code, out, err = run("bulletin", "contacts", "-f", "json", *window)
    assert code == 0, err
    candidates = json.loads(out)
    assert len(candidates) >= 3 and all(c["decision"] is None for c in candidates)
    assert "+9647800001122" not in out  # the planted public hotline is never a candidate
    first, second = candidates[0]["identifier"], candidates[1]["identifier"]
    assert run("bulletin", "approve", first, "--by", "boss", "--database", demo_store)[0] == 0
    assert run("bulletin", "approve", second, "--by", "boss", "--database", demo_store)[0] == 0
    assert run("bulletin", "reject", second, "--by", "boss", "--database", demo_store)[0] == 0
    code, _, err = run("bulletin", "approve", first, "--by", "rana", "--database", demo_store)
    assert code == 1 and "may not" in err
    page = tmp_path / "b.html"
    code, _, err = run("bulletin", "--lang", "en", "-f", "html", "-o", str(page), *window)
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    shown = first.split(":")[-1].lstrip("+")
    withdrawn = second.split(":")[-1].lstrip("+")
    assert shown[-6:] in html.replace(" ", "").replace("-", "")
    assert withdrawn[-6:] not in html.replace(" ", "").replace("-", "")
    for candidate in candidates[2:]:  # never approved: never named
        assert candidate["identifier"].split(":")[-1].lstrip("+")[-6:] not in html.replace(
            " ", ""
        ).replace("-", "")
    arabic = tmp_path / "b.pdf"
    assert run("bulletin", "--lang", "ar", "-o", str(arabic), *window)[0] == 0
    assert arabic.read_bytes()[:5] == b"%PDF-"


def test_exports(demo_store: str, tmp_path: Path) -> None:
    code, out, err = run("export", "htcds", "-o", "-", "--database", demo_store)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and "rw_NamesLatin" not in rows[0] and "prs_MobilePhone" not in rows[0]
    code, _, err = run(
        "export", "htcds", "--audience", "internal", "-o", "-", "--database", demo_store
    )
    assert code == 1 and "--by" in err
    code, _, err = run(
        "export", "htcds", "--audience", "internal", "--by", "rana", "--database", demo_store
    )
    assert code == 1 and "may not" in err
    target = tmp_path / "internal.csv"
    code, _, err = run(
        "export",
        "htcds",
        "--audience",
        "internal",
        "--by",
        "boss",
        "-o",
        str(target),
        "--database",
        demo_store,
    )
    assert code == 0, err
    internal = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(internal) == 40 and all(r["rw_NamesLatin"] for r in internal)
    xml = tmp_path / "missing.xml"
    code, _, err = run(
        "export",
        "pfif",
        "--by",
        "boss",
        "--domain",
        "registry.example.invalid",
        "-o",
        str(xml),
        "--database",
        demo_store,
    )
    assert code == 0, err
    root = etree.fromstring(xml.read_bytes())
    persons = root.findall(f"{PFIF}person")
    assert persons, "the demo has missing persons who may be shared with ICRC"
    for person in persons:
        assert person.findtext(f"{PFIF}person_record_id", "").startswith(
            "registry.example.invalid/person."
        )
        statuses = [n.findtext(f"{PFIF}status") for n in person.findall(f"{PFIF}note")]
        assert "believed_missing" in statuses
    engine = make_engine(demo_store)
    with Session(engine) as session:
        reads = list(session.scalars(select(AuditEntry.actor).where(AuditEntry.action == "read")))
        assert reads.count("boss") >= 40 + len(persons)  # every decrypted case read is audited
    engine.dispose()
