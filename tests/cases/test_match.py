"""Duplicate-person matching.

All people, names, phone numbers and ages here are invented; none refers to a real case.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.cases.match import (
    MatchResult,
    PersonFacts,
    is_candidate,
    match,
    name_similarity,
)


def both_ways(a: PersonFacts, b: PersonFacts) -> MatchResult:
    forward, backward = match(a, b), match(b, a)
    assert forward == backward
    return forward


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (["Mohammed Kadhim Al-Saadi"], ["محمد كاظم جعفر الساعدي"]),
        (["Mohammed Kadhim Al-Saadi"], ["Мухаммед Казым Аль-Саади"]),
        (["Zainab Haidar"], ["زينب حيدر"]),
        (["Abdulrahman Jaafar"], ["عبد الرحمن جعفر"]),
        (["Abdullah Hussein Ali"], ["Абдулла Хусейн"]),
    ],
)
def test_same_person_across_scripts_has_high_name_similarity(a: list[str], b: list[str]) -> None:
    assert name_similarity(a, b) >= 0.8
    assert name_similarity(b, a) == name_similarity(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (["Ali Hussein"], ["Zainab Hussein"]),
        (["Mohammed Ali Jabbar"], ["Mohammed Khalil Ibrahim"]),
        (["Haidar Kadhim"], ["Jafar Omar"]),
    ],
)
def test_different_people_have_low_name_similarity(a: list[str], b: list[str]) -> None:
    assert name_similarity(a, b) < 0.6
    assert name_similarity(b, a) < 0.6


def test_any_name_of_a_person_may_match() -> None:
    a = ["Zainab Kadhim", "زينب كاظم"]
    assert name_similarity(a, ["Зейнаб Казым"]) >= 0.9
    assert name_similarity([], a) == 0.0


def test_cross_script_duplicate_is_candidate() -> None:
    a = PersonFacts(
        names=("Mohammed Kadhim Al-Saadi",),
        birth_year=1998,
        age=None,
        age_year=None,
        province="IQ-BG",
        phones=("+9647701234567",),
    )
    b = PersonFacts(
        names=("محمد كاظم جعفر الساعدي",),
        birth_year=None,
        age=26,
        age_year=2025,
        province="IQ-BG",
        phones=(),
    )
    result = both_ways(a, b)
    assert is_candidate(result)
    assert "province" in result.reasons
    assert "age:+-1" in result.reasons
    assert result.reasons[0].startswith("name:")


def test_shared_common_given_name_alone_is_not_candidate() -> None:
    a = PersonFacts(("Mohammed Ali Jabbar",), 1995, None, None, "IQ-BA", ())
    b = PersonFacts(("محمد خليل ابراهيم",), 1996, None, None, "IQ-BA", ())
    assert not is_candidate(both_ways(a, b))
    c = PersonFacts(("Mohammed",), None, None, None, None, ())
    d = PersonFacts(("Mohammed Hussein Kadhim",), None, None, None, None, ())
    assert not is_candidate(both_ways(c, d))


def test_shared_phone_is_strong_but_not_alone_enough() -> None:
    phone = ("+9647801112223",)
    a = PersonFacts(("Ali Hussein",), None, None, None, None, phone)
    b = PersonFacts(("Zainab Hussein",), None, None, None, None, phone)
    sibling = both_ways(a, b)
    assert "phone" in sibling.reasons
    assert not is_candidate(sibling)
    c = PersonFacts(("Ali Hussein Jafar",), None, None, None, None, ("+964 780 111 2223",))
    assert is_candidate(both_ways(a, c))


def test_age_conflict_lowers_score_strongly() -> None:
    a = PersonFacts(("Haidar Kadhim Al-Saadi",), 1990, None, None, "IQ-NA", ())
    near = PersonFacts(("حيدر كاظم الساعدي",), None, 33, 2024, "IQ-NA", ())
    far = PersonFacts(("حيدر كاظم الساعدي",), None, 19, 2024, "IQ-NA", ())
    close = both_ways(a, near)
    conflict = both_ways(a, far)
    assert is_candidate(close)
    assert "age_conflict" in conflict.reasons
    assert not is_candidate(conflict)
    assert conflict.score <= close.score / 2 + 1e-9


def test_threshold() -> None:
    assert is_candidate(MatchResult(0.8, ()))
    assert not is_candidate(MatchResult(0.8, ()), threshold=0.9)


# --- properties -------------------------------------------------------------------------

_NAMES = [
    "Mohammed Kadhim Al-Saadi",
    "محمد كاظم جعفر الساعدي",
    "Zainab Hussein",
    "زينب حسين",
    "Ali Hussein",
    "Абдулла Хайдар",
    "Jafar Omar",
]
_people = st.builds(
    PersonFacts,
    names=st.lists(st.one_of(st.sampled_from(_NAMES), st.text(max_size=30)), max_size=3).map(tuple),
    birth_year=st.none() | st.integers(1940, 2015),
    age=st.none() | st.integers(0, 90),
    age_year=st.none() | st.integers(2015, 2030),
    province=st.none() | st.sampled_from(["IQ-BG", "IQ-BA", "IQ-NA"]),
    phones=st.lists(st.sampled_from(["+9647701234567", "+9647809876543"]), max_size=2).map(tuple),
)


@given(_people, _people)
def test_match_is_symmetric_and_bounded(a: PersonFacts, b: PersonFacts) -> None:
    forward, backward = match(a, b), match(b, a)
    assert forward.score == backward.score
    assert 0.0 <= forward.score <= 1.0
    assert 0.0 <= name_similarity(a.names, b.names) <= 1.0


@given(_people)
def test_person_matches_itself_at_least_as_well_as_others(a: PersonFacts) -> None:
    assert match(a, a).score >= match(a, PersonFacts(("Unrelated Synthetic",))).score
