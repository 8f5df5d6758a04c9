"""A case as plain data, and the validation that turns a form or a JSON body into one.

Validation collects every problem in one InvalidInput (field: reason), so a form can show them
all at once and the API can return them in its one error shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recruitwatch.cases.fields import codes, provinces
from recruitwatch.errors import InvalidInput
from recruitwatch.extract.phones import to_e164

MAX_TEXT = 4000
MAX_NAME = 200
MAX_ITEMS = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


Problem = tuple[str, dict[str, str]]  # a code of resources/cases/problems.yaml, its values


@cache
def _problem_texts() -> dict[str, dict[str, str]]:
    path = resources.files("recruitwatch") / "resources" / "cases" / "problems.yaml"
    texts: dict[str, dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return texts


def problem_text(problem: Problem, lang: str = "en") -> str:
    code, values = problem
    texts = _problem_texts()[code]
    return (texts.get(lang) or texts["en"]).format(**values)


class CaseProblems(InvalidInput):
    """A case input with one or more bad fields: `problems` in English by field, `codes` to
    say the same in the user's language."""

    def __init__(self, codes: Mapping[str, Problem]) -> None:
        self.codes = dict(codes)
        self.problems = {k: problem_text(p) for k, p in self.codes.items()}
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))

    def in_language(self, lang: str) -> dict[str, str]:
        return {k: problem_text(p, lang) for k, p in self.codes.items()}


@dataclass(frozen=True)
class Person:
    names_original: tuple[str, ...] = ()
    names_latin: tuple[str, ...] = ()
    gender: str | None = None
    birthdate: str | None = None
    age: int | None = None
    province: str | None = None
    city: str | None = None
    identity_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.names_original + self.names_latin


@dataclass(frozen=True)
class Reporter:
    type: str | None = None
    name: str | None = None
    relation: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Recruitment:
    channels: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    recruiter_identifiers: tuple[str, ...] = ()
    promises: str | None = None
    departure_date: str | None = None
    last_contact_date: str | None = None


@dataclass(frozen=True)
class CaseInput:
    person: Person
    reporter: Reporter = field(default_factory=Reporter)
    recruitment: Recruitment = field(default_factory=Recruitment)
    consent: bool = False
    share_with: tuple[str, ...] = ()
    exploitation: tuple[str, ...] = ("rw_ForcedMilitaryServiceStateArmy",)
    status: str = "Active"
    notes: str | None = None


def age_band(age: int | None) -> str | None:
    """Coarse age for aggregates: exact ages stay encrypted."""
    if age is None:
        return None
    if age < 18:
        return "<18"
    for low, high in ((18, 24), (25, 34), (35, 44), (45, 54)):
        if age <= high:
            return f"{low}-{high}"
    return "55+"


def age_on(person: Person, today: date) -> int | None:
    if person.age is not None:
        return person.age
    if person.birthdate:
        born = date.fromisoformat(person.birthdate)
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return None


class _Reader:
    """Reads one raw mapping field by field, keeping every problem found."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.problems: dict[str, Problem] = {}

    def fail(self, key: str, code: str, **values: object) -> None:
        self.problems[key] = (code, {k: str(v) for k, v in values.items()})

    def text(self, key: str, limit: int = MAX_TEXT) -> str | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(key, "not_text")
            return None
        value = _CONTROL.sub("", value).strip()
        if len(value) > limit:
            self.fail(key, "too_long", length=len(value), limit=limit)
            return None
        return value or None

    def items(self, key: str, limit: int = MAX_NAME) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            value = [v for v in re.split(r"[\n;]", value)]
        if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
            self.fail(key, "not_list")
            return ()
        cleaned = [_CONTROL.sub("", v).strip() for v in value]
        cleaned = [v for v in cleaned if v]
        if len(cleaned) > MAX_ITEMS or any(len(v) > limit for v in cleaned):
            self.fail(key, "too_many", items=MAX_ITEMS, limit=limit)
            return ()
        return tuple(dict.fromkeys(cleaned))

    def choice(self, key: str, field_name: str) -> str | None:
        value = self.text(key, 64)
        if value is not None and value not in codes(field_name):
            self.fail(key, "not_a_choice", value=repr(value), choices=", ".join(codes(field_name)))
            return None
        return value

    def choices(self, key: str, field_name: str) -> tuple[str, ...]:
        values = self.items(key, 64)
        if unknown := [v for v in values if v not in codes(field_name)]:
            self.fail(
                key, "not_choices", value=", ".join(unknown), choices=", ".join(codes(field_name))
            )
            return ()
        return values

    def day(self, key: str) -> str | None:
        value = self.text(key, 10)
        if value is None:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError
            parsed = date.fromisoformat(value)
        except ValueError:
            self.fail(key, "not_a_date", value=repr(value))
            return None
        if not date(1900, 1, 1) <= parsed <= date(2100, 1, 1):
            self.fail(key, "date_out_of_range", value=value)
            return None
        return value

    def number(self, key: str, low: int, high: int) -> int | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(key, "not_a_number", value=repr(value))
            return None
        if not low <= number <= high:
            self.fail(key, "number_out_of_range", value=number, low=low, high=high)
            return None
        return number

    def flag(self, key: str) -> bool:
        value = self.raw.get(key)
        return value is True or (
            isinstance(value, str) and value.lower() in {"on", "true", "1", "yes"}
        )

    def phones(self, key: str) -> tuple[str, ...]:
        found = []
        for value in self.items(key, 40):
            digits = re.sub(r"[\s().-]", "", value)
            e164 = to_e164(digits) if re.fullmatch(r"\+?\d{6,16}", digits) else None
            if e164 is None:
                self.fail(key, "not_a_phone", value=repr(value))
                return ()
            found.append(e164)
        return tuple(dict.fromkeys(found))


def read_person(r: _Reader) -> Person:
    province = r.text("province", 16)
    if province is not None and province not in provinces():
        r.fail("province", "not_a_province", value=repr(province))
        province = None
    person = Person(
        names_original=r.items("names_original"),
        names_latin=r.items("names_latin"),
        gender=r.choice("gender", "prs_Gender"),
        birthdate=r.day("birthdate"),
        age=r.number("age", 0, 120),
        province=province,
        city=r.text("city", MAX_NAME),
        identity_numbers=r.items("identity_numbers", 64),
        phones=r.phones("phones"),
    )
    if not person.names and "names_original" not in r.problems:
        r.fail("names_original", "no_name")
    return person


def read_case(raw: Mapping[str, Any]) -> CaseInput:
    """A CaseInput from a flat mapping (form fields or a JSON object), or CaseProblems."""
    if not isinstance(raw, Mapping):
        raise CaseProblems({"body": ("not_object", {})})
    r = _Reader(raw)
    person = read_person(r)
    reporter = Reporter(
        type=r.choice("reporter_type", "rw_ReporterType"),
        name=r.text("reporter_name", MAX_NAME),
        relation=r.text("reporter_relation", MAX_NAME),
        contact=r.text("reporter_contact", MAX_NAME),
    )
    recruitment = Recruitment(
        channels=r.choices("channels", "vic_RecruitmentWebsitesAndApps"),
        methods=r.choices("methods", "vic_MethodOfRecruitment"),
        recruiter_identifiers=r.items("recruiter_identifiers", 300),
        promises=r.text("promises"),
        departure_date=r.day("departure_date"),
        last_contact_date=r.day("last_contact_date"),
    )
    case = CaseInput(
        person=person,
        reporter=reporter,
        recruitment=recruitment,
        consent=r.flag("consent"),
        share_with=r.choices("share_with", "rw_ShareWith"),
        exploitation=r.choices("exploitation", "vic_TypeOfExploitation")
        or ("rw_ForcedMilitaryServiceStateArmy",),
        status=r.choice("status", "cas_Status") or "Active",
        notes=r.text("notes"),
    )
    if case.share_with and not case.consent:
        r.fail("share_with", "needs_consent")
    if r.problems:
        raise CaseProblems(r.problems)
    return case
