"""Reading a case from a form or a JSON body: every problem named by field, nothing else
ever raised, whatever comes in."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.cases.model import CaseProblems, age_band, read_case
from recruitwatch.cases.workflow import (
    EventState,
    attachment_type,
    current_fate,
    read_action,
    read_event,
)
from recruitwatch.errors import InvalidInput

FIELDS = [
    "names_original",
    "names_latin",
    "gender",
    "birthdate",
    "age",
    "province",
    "city",
    "identity_numbers",
    "phones",
    "reporter_type",
    "reporter_name",
    "channels",
    "methods",
    "promises",
    "departure_date",
    "consent",
    "share_with",
    "exploitation",
    "status",
    "notes",
]
values = st.one_of(
    st.none(),
    st.text(max_size=50),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.lists(st.one_of(st.text(max_size=30), st.integers()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@given(st.dictionaries(st.sampled_from(FIELDS), values))
def test_any_input_gives_a_case_or_named_problems(raw: dict[str, Any]) -> None:
    try:
        case = read_case(raw)
    except CaseProblems as exc:
        assert exc.problems and set(exc.problems) <= set(FIELDS) | {"body"}
    else:
        assert case.person.names


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_names_survive_control_characters_and_spacing(name: str) -> None:
    try:
        case = read_case({"names_latin": [f"  {name}\x00  "]})
    except CaseProblems:
        return  # a name of control characters only is no name
    assert all("\x00" not in n and n == n.strip() for n in case.person.names_latin)


def test_a_good_form() -> None:
    case = read_case(
        {
            "names_original": "محمد كاظم\nMohammed K.",
            "phones": "0770 123 4567; +7 910 632 2322",
            "province": "IQ-NA",
            "channels": ["Telegram", "WhatsApp"],
            "consent": "on",
            "share_with": ["ministry", "icrc"],
            "birthdate": "2001-05-03",
        }
    )
    assert case.person.names_original == ("محمد كاظم", "Mohammed K.")
    assert case.person.phones == ("+9647701234567", "+79106322322")
    assert case.consent and case.share_with == ("ministry", "icrc")
    assert case.exploitation == ("rw_ForcedMilitaryServiceStateArmy",)


@pytest.mark.parametrize(
    ("raw", "field", "reason"),
    [
        ({}, "names_original", "at least one name"),
        ({"names_latin": ["A"], "age": "-1"}, "age", "between"),
        ({"names_latin": ["A"], "birthdate": "2001-02-30"}, "birthdate", "not a date"),
        ({"names_latin": ["A"], "birthdate": "1850-01-01"}, "birthdate", "out of range"),
        ({"names_latin": ["A"], "province": "IQ-XX"}, "province", "Iraqi province"),
        ({"names_latin": ["A"], "phones": ["12"]}, "phones", "not a phone"),
        ({"names_latin": ["A"], "channels": ["Pigeon"]}, "channels", "Pigeon"),
        ({"names_latin": ["A"], "share_with": ["ministry"]}, "share_with", "consent"),
        ({"names_latin": ["A"], "notes": "x" * 5000}, "notes", "too long"),
        ({"names_latin": ["x" * 300]}, "names_latin", "at most"),
        ({"names_latin": ["A"], "gender": "Robot"}, "gender", "Robot"),
    ],
)
def test_problems_are_named(raw: dict[str, Any], field: str, reason: str) -> None:
    with pytest.raises(CaseProblems) as caught:
        read_case(raw)
    assert reason in caught.value.problems[field]


def test_age_bands() -> None:
    assert [age_band(a) for a in (None, 16, 18, 24, 25, 40, 54, 70)] == [
        None,
        "<18",
        "18-24",
        "18-24",
        "25-34",
        "35-44",
        "45-54",
        "55+",
    ]


def test_events_and_actions() -> None:
    assert read_event({"type": "killed", "date": "2025-01-01"}).state == "pending"
    assert read_event({"type": "missing", "date": "2025-01-01"}).state == "confirmed"
    with pytest.raises(CaseProblems) as caught:
        read_event({"type": "vanished"})
    assert set(caught.value.problems) == {"type", "date"}
    assert read_action({"category": "legal", "court": "Basra"}).type == "proceeding"
    with pytest.raises(CaseProblems):
        read_action({"category": "other"})


def test_fate_is_the_latest_confirmed_fact() -> None:
    events = [
        EventState(1, "reported", "2026-01-01", "confirmed"),
        EventState(2, "missing", "2025-01-01", "confirmed"),
        EventState(3, "killed", "2025-06-01", "pending"),
    ]
    assert current_fate(events) == "missing"
    assert (
        current_fate([*events[:2], EventState(3, "killed", "2025-06-01", "confirmed")]) == "killed"
    )
    assert current_fate(events[:1]) == "reported"


@given(st.binary(max_size=200))
def test_attachment_type_never_trusts_the_name(data: bytes) -> None:
    try:
        kind = attachment_type("photo.png", data)
    except InvalidInput as exc:
        assert "photo.png" in str(exc)
    else:
        assert kind != "image/png" or data.startswith(b"\x89PNG")


def test_every_problem_reads_in_both_languages_with_the_same_blanks() -> None:
    import string

    from recruitwatch.cases.model import _problem_texts

    def blanks(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for code, texts in _problem_texts().items():
        assert texts["en"] and texts["ar"], code
        assert blanks(texts["en"]) == blanks(texts["ar"]), code


def test_problems_in_arabic() -> None:
    with pytest.raises(CaseProblems) as caught:
        read_case({"names_latin": ["A"], "age": "300"})
    assert caught.value.problems["age"] == "300 is not between 0 and 120"
    assert caught.value.in_language("ar")["age"] == "300 ليس بين 0 و120"
