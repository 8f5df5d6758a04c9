"""Cases as HTCDS 2.0-shaped CSV rows. Column names are HTCDS's where it has the field and
`rw_` extensions otherwise (docs/cases.md). Two audiences:

- `internal`: every field, personal ones decrypted, for the organisation's own systems;
- `outside`: no personal field and no case number; sex, age band, province, year of
  departure and fate are k-anonymised (exports/anonymise.py), as CTDC publishes its data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from recruitwatch.exports.anonymise import k_anonymise

OUTSIDE = (
    "rw_RowId",
    "prs_Gender",
    "rw_AgeBand",
    "prs_MailingState",
    "prs_MailingCountry",
    "prs_Citizenship",
    "rw_DepartureYear",
    "rw_Fate",
    "vic_RecruitmentWebsitesAndApps",
    "vic_MethodOfRecruitment",
    "vic_TypeOfExploitation",
    "cas_Status",
)
# Blanked first to last: the province and the year say most about a person and least about
# the pattern; the fate is what an oversight body needs most.
QUASI = ("prs_MailingState", "rw_DepartureYear", "rw_AgeBand", "prs_Gender", "rw_Fate")
INTERNAL = (
    "rw_CaseNumber",
    "cas_Status",
    "rw_OpenDate",
    "rw_NamesOriginal",
    "rw_NamesLatin",
    "prs_Gender",
    "prs_Birthdate",
    "vic_AgeWhenTrafficked",
    "prs_IdentityNumber",
    "prs_MobilePhone",
    "prs_MailingCity",
    "prs_MailingState",
    "prs_MailingCountry",
    "prs_Citizenship",
    "vic_RecruitmentWebsitesAndApps",
    "vic_MethodOfRecruitment",
    "vic_TypeOfExploitation",
    "rw_RecruiterIdentifiers",
    "rw_DepartureDate",
    "rw_LastContactDate",
    "rw_Fate",
    "con_Consent",
    "rw_ShareWith",
)


def _joined(values: Sequence[str] | None) -> str:
    return ";".join(values or ())


def outside_row(case: Mapping[str, Any], number: int) -> dict[str, Any]:
    """A case as others may see it: no personal field, no link back to the registry."""
    departure = case.get("departure_date") or ""
    return {
        "rw_RowId": number,
        "prs_Gender": case.get("gender") or "",
        "rw_AgeBand": case.get("age_band") or "",
        "prs_MailingState": case.get("province") or "",
        "prs_MailingCountry": "IQ",
        "prs_Citizenship": case.get("citizenship") or "",
        "rw_DepartureYear": departure[:4],
        "rw_Fate": case.get("fate") or "",
        "vic_RecruitmentWebsitesAndApps": _joined(case.get("channels")),
        "vic_MethodOfRecruitment": _joined(case.get("methods")),
        "vic_TypeOfExploitation": _joined(case.get("exploitation")),
        "cas_Status": case.get("status") or "",
    }


def internal_row(case: Mapping[str, Any]) -> dict[str, Any]:
    """A case with every field, decrypted (the caller audits the read)."""
    person = case.get("person") or {}
    recruitment = case.get("recruitment") or {}
    return {
        "rw_CaseNumber": case.get("number"),
        "cas_Status": case.get("status"),
        "rw_OpenDate": str(case.get("created") or "")[:10],
        "rw_NamesOriginal": _joined(person.get("names_original")),
        "rw_NamesLatin": _joined(person.get("names_latin")),
        "prs_Gender": person.get("gender") or "",
        "prs_Birthdate": person.get("birthdate") or "",
        "vic_AgeWhenTrafficked": person.get("age") or "",
        "prs_IdentityNumber": _joined(person.get("identity_numbers")),
        "prs_MobilePhone": _joined(person.get("phones")),
        "prs_MailingCity": person.get("city") or "",
        "prs_MailingState": person.get("province") or "",
        "prs_MailingCountry": "IQ",
        "prs_Citizenship": case.get("citizenship") or "",
        "vic_RecruitmentWebsitesAndApps": _joined(recruitment.get("channels")),
        "vic_MethodOfRecruitment": _joined(recruitment.get("methods")),
        "vic_TypeOfExploitation": _joined(case.get("exploitation")),
        "rw_RecruiterIdentifiers": _joined(recruitment.get("recruiter_identifiers")),
        "rw_DepartureDate": recruitment.get("departure_date") or "",
        "rw_LastContactDate": recruitment.get("last_contact_date") or "",
        "rw_Fate": case.get("fate") or "",
        "con_Consent": "true" if case.get("consent") else "false",
        "rw_ShareWith": _joined(case.get("share_with")),
    }


def outside_rows(cases: Sequence[Mapping[str, Any]], k: int) -> tuple[list[dict[str, Any]], int]:
    """De-identified, k-anonymised rows and how many cases had to be left out."""
    rows = [outside_row(c, n) for n, c in enumerate(cases, start=1)]
    return k_anonymise(rows, QUASI, k)


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
