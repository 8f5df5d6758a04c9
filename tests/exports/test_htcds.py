"""HTCDS 2.0-shaped CSV: HTCDS names or rw_ extensions only; nothing personal leaves in the
outside form, and its rows are k-anonymous."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from recruitwatch.exports.anonymise import smallest_class
from recruitwatch.exports.htcds import (
    INTERNAL,
    OUTSIDE,
    QUASI,
    internal_row,
    outside_rows,
    to_csv,
)

HTCDS = Path(__file__).parents[2] / ".." / "shared" / "standards" / "htcds"
PERSONAL = (
    "rw_NamesOriginal",
    "rw_NamesLatin",
    "prs_Birthdate",
    "prs_MobilePhone",
    "prs_IdentityNumber",
    "prs_MailingCity",
    "rw_CaseNumber",
)


def case(n: int, province: str = "IQ-BA", fate: str = "missing") -> dict[str, object]:
    return {
        "number": f"C-2025-{n:04d}",
        "status": "Active",
        "created": "2025-05-01T10:00:00+00:00",
        "fate": fate,
        "gender": "Masculine",
        "age_band": "18-24",
        "province": province,
        "citizenship": "IQ",
        "departure_date": "2025-03-02",
        "channels": ["Telegram", "WhatsApp"],
        "methods": ["rw_ThroughALocalIntermediary"],
        "exploitation": ["rw_ForcedMilitaryServiceStateArmy"],
        "consent": True,
        "share_with": ["icrc"],
        "person": {
            "names_original": ["علي حسين (synthetic)"],
            "names_latin": ["Ali Hussein"],
            "gender": "Masculine",
            "birthdate": "2002-01-01",
            "age": "23",
            "province": province,
            "city": "Zubair",
            "identity_numbers": ["A1234567"],
            "phones": ["+9647701234567"],
        },
        "recruitment": {
            "channels": ["Telegram"],
            "methods": [],
            "recruiter_identifiers": ["telegram:jobs_abroad"],
            "departure_date": "2025-03-02",
            "last_contact_date": "2025-04-01",
        },
    }


def test_outside_rows_hold_nothing_personal_and_are_k_anonymous() -> None:
    cases = [case(n) for n in range(15)] + [case(99, "IQ-NA", "killed")]
    rows, dropped = outside_rows(cases, 11)
    assert dropped == 1 and len(rows) == 15
    assert smallest_class(rows, QUASI) >= 11
    text = to_csv(rows, OUTSIDE)
    for secret in ("Ali Hussein", "Zubair", "A1234567", "+9647701234567", "C-2025", "2002-01-01"):
        assert secret not in text
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert list(parsed[0]) == list(OUTSIDE)
    assert parsed[0]["vic_RecruitmentWebsitesAndApps"] == "Telegram;WhatsApp"
    assert not set(PERSONAL) & set(OUTSIDE)


def test_internal_rows_carry_every_field() -> None:
    row = internal_row(case(1))
    assert row["rw_NamesLatin"] == "Ali Hussein" and row["prs_MobilePhone"] == "+9647701234567"
    assert row["con_Consent"] == "true" and row["rw_ShareWith"] == "icrc"
    parsed = next(csv.DictReader(io.StringIO(to_csv([row], INTERNAL))))
    assert parsed["rw_CaseNumber"] == "C-2025-0001"


def test_every_column_is_an_htcds_field_or_an_extension() -> None:
    fields = HTCDS / "HTCDS_Field_Standards_2.0.DERIVED.csv"
    if not fields.exists():
        pytest.skip(f"{fields} is absent (the standards live outside the repository)")
    with fields.open(encoding="utf-8") as handle:
        known = {r["Field Name including Prefix"] for r in csv.DictReader(handle)}
    for column in (*OUTSIDE, *INTERNAL):
        assert column in known or column.startswith("rw_"), column
