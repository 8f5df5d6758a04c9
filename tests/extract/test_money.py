"""Money: amount, currency and period, in Arabic, English and Russian."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.extract.money import find_money, parse_number
from recruitwatch.text import normalize

CASES = [
    ("$3,000 a month", 3000, "USD", "month"),
    ("3000$ monthly", 3000, "USD", "month"),
    ("USD 2500 per month", 2500, "USD", "month"),
    ("2.5k USD/month", 2500, "USD", "month"),
    ("٣٠٠٠ دولار شهرياً", 3000, "USD", "month"),
    ("راتب 3 آلاف دولار بالشهر", 3000, "USD", "month"),
    ("الراتب ٢٥٠٠ دولار", 2500, "USD", None),
    ("مليون دينار شهريا", 1_000_000, "IQD", "month"),
    ("250 ألف دينار", 250_000, "IQD", None),
    ("200 тысяч рублей в месяц", 200_000, "RUB", "month"),
    ("от 190 000 ₽", 190_000, "RUB", None),
    ("2000 долларов в месяц", 2000, "USD", "month"),
    ("3 000 000 руб. единовременно", 3_000_000, "RUB", "once"),
    ("راتب ألفين دولار", 2000, "USD", None),
    ("EUR 2,800 a year", 2800, "EUR", "year"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "period"), CASES)
def test_amounts_are_parsed(text: str, amount: float, currency: str, period: str | None) -> None:
    (money,) = find_money(normalize(text))
    assert (money.amount, money.currency, money.period) == (amount, currency, period)
    assert text[money.start : money.end] == money.text


@pytest.mark.parametrize("text", ["call 07701234567 now", "in 2024 we met", "room 12, floor 3"])
def test_numbers_without_currency_are_not_money(text: str) -> None:
    assert find_money(normalize(text)) == []


def test_several_amounts_in_order() -> None:
    found = find_money(normalize("Salary $2,500 a month plus a $5,000 signing bonus"))
    assert [m.amount for m in found] == [2500, 5000]


STYLES = [
    lambda n: f"${n:,}",
    lambda n: f"{n}$",
    lambda n: f"{n} USD",
    lambda n: f"{n:,} dollars",
    lambda n: f"{n} دولار",
    lambda n: f"{n} долларов",
    lambda n: f"{n:,}".replace(",", " ") + " рублей",
    lambda n: str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + " دولار",
]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9_999_999), st.sampled_from(range(len(STYLES))))
def test_written_amounts_parse_back(amount: int, style: int) -> None:
    text = f"salary {STYLES[style](amount)} ok"
    found = find_money(normalize(text))
    assert [m.amount for m in found] == [amount]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    for money in find_money(normalize(text)):
        assert text[money.start : money.end] == money.text
        assert money.amount >= 0


def test_parse_number_groups() -> None:
    assert parse_number("3,000") == 3000
    assert parse_number("190 000") == 190000
    assert parse_number("3.000.000") == 3000000
    assert parse_number("2.5") == 2.5
