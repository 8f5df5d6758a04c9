"""Judging extracted money against gold pay values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.extract.entities import extract_entities
from recruitwatch.extract.gold import (
    figure_spans,
    gold_figures,
    has_figure,
    main_figure,
    promised_pay_found,
)
from recruitwatch.model import Entity
from recruitwatch.text import normalize


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("$2500/month plus a signing bonus", True),
        ("ثلاثة آلاف دولار شهريا", True),
        ("трех миллионов рублей", True),
        ("راتب شهري مغرٍ", False),
        ("high salary", False),
        ("зарплата втрое выше", False),
    ],
)
def test_a_gold_value_states_a_figure_or_not(value: str, expected: bool) -> None:
    assert has_figure(value) is expected


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("$2500/month plus a signing bonus", 2500),
        ("Rs 1.25 lakh a month", 125_000),
        ("US$ 2.040 mensalmente", 2040),
        ("50 ҳазор рубли русӣ", 50_000),
        ("ثلاثة آلاف دولار", 3000),
        ("راتب شهري قدره ألفي دولار", 2000),
        ("243 thousand rubles paid once", 243_000),
        ("no figure here", None),
    ],
)
def test_main_figure(value: str, amount: float | None) -> None:
    assert main_figure(value) == amount


def test_figures_are_found_however_the_text_groups_them() -> None:
    assert gold_figures("$2500/month") == ["2500"]
    text = "he was promised $2,500 a month"
    (span,) = figure_spans(text, "2500")
    assert text[span[0] : span[1]] == "2,500"
    (words,) = figure_spans("براتب ثلاثة آلاف دولار", gold_figures("ثلاثة آلاف")[0])
    assert words == (6, 16)


def _money(start: int, end: int, amount: float) -> Entity:
    return Entity("money", f"{amount} USD", "x", start, end, {"amount": amount})


def test_found_by_overlap_or_by_amount() -> None:
    text = "They offered $2,500 a month and more."
    assert promised_pay_found(text, ["$2500/month"], [_money(13, 19, 1.0)])
    assert promised_pay_found(text, ["$2500/month"], [_money(0, 4, 2500.0)])
    assert not promised_pay_found(text, ["$2500/month"], [_money(0, 4, 99.0)])
    assert not promised_pay_found(text, ["generous pay"], [_money(13, 19, 2500.0)])
    assert not promised_pay_found(text, ["$2500/month"], [])


def test_judges_real_extraction_on_a_synthetic_account() -> None:
    text = "Según su relato, le prometieron 2 mil dólares al mes como guardia."
    entities = extract_entities(normalize(text))
    assert promised_pay_found(text, ["2 mil dólares al mes"], entities)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.text(max_size=40))
def test_never_raises(text: str, value: str) -> None:
    promised_pay_found(text, [value], extract_entities(normalize(text)))
    for figure in gold_figures(value):
        for start, end in figure_spans(text, figure):
            assert 0 <= start <= end <= len(text)
