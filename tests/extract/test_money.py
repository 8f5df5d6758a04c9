"""Money: amount, currency, period and role, in the languages lures come in."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.extract.entities import extract_entities
from recruitwatch.extract.gold import has_figure, promised_pay_found
from recruitwatch.extract.money import (
    CURRENCY,
    Money,
    build_lexicon,
    find_money,
    money_value,
    parse_number,
)
from recruitwatch.text import normalize

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "real_dev.jsonl"

CASES = [
    # English
    ("$3,000 a month", 3000, "USD", "month"),
    ("3000$ monthly", 3000, "USD", "month"),
    ("USD 2500 per month", 2500, "USD", "month"),
    ("2.5k USD/month", 2500, "USD", "month"),
    ("EUR 2,800 a year", 2800, "EUR", "year"),
    ("US$ 1,500 every month", 1500, "USD", "month"),
    ("two thousand dollars a month", 2000, "USD", "month"),
    ("about 150,000 Russian roubles per month", 150_000, "RUB", "month"),
    ("Rs 1.5 lakh a month", 150_000, "INR", "month"),
    ("₹75,000 per month", 75_000, "INR", "month"),
    ("Rs 1,25,000 pm", 125_000, "INR", "month"),
    ("NPR 250,000 monthly", 250_000, "NPR", "month"),
    ("KSh 80,000 a month", 80_000, "KES", "month"),
    ("LKR 300,000 a month", 300_000, "LKR", "month"),
    ("PKR 90,000 per month", 90_000, "PKR", "month"),
    ("Tk 50,000 a month", 50_000, "BDT", "month"),
    ("1.2 million dinars a month", 1_200_000, "IQD", "month"),
    ("500 AED a week", 500, "AED", "week"),
    ("3,500 rubles per shift", 3500, "RUB", "shift"),
    ("$15 an hour", 15, "USD", "hour"),
    # Arabic
    ("٣٠٠٠ دولار شهرياً", 3000, "USD", "month"),
    ("راتب 3 آلاف دولار بالشهر", 3000, "USD", "month"),
    ("الراتب ٢٥٠٠ دولار", 2500, "USD", None),
    ("مليون دينار شهريا", 1_000_000, "IQD", "month"),
    ("250 ألف دينار", 250_000, "IQD", None),
    ("راتب ألفين دولار", 2000, "USD", None),
    ("راتب شهري قدره خمسة آلاف دولار أمريكي", 5000, "USD", "month"),
    ("براتب مليون و500 ألف دينار", 1_500_000, "IQD", None),
    ("٤٠٠٠ يورو في الشهر", 4000, "EUR", "month"),
    ("7000 ريال سعودي شهريا", 7000, "SAR", "month"),
    ("راتب 20 ألف جنيه مصري شهريا", 20_000, "EGP", "month"),
    # Russian, Ukrainian, Central Asian
    ("200 тысяч рублей в месяц", 200_000, "RUB", "month"),
    ("от 190 000 ₽", 190_000, "RUB", None),
    ("2000 долларов в месяц", 2000, "USD", "month"),
    ("3 000 000 руб. единовременно", 3_000_000, "RUB", "once"),
    ("1,5 млн рублей в год", 1_500_000, "RUB", "year"),
    ("три тысячи долларов ежемесячно", 3000, "USD", "month"),
    ("2500 белорусских рублей в месяц", 2500, "BYN", "month"),
    ("30 тисяч гривень на місяць", 30_000, "UAH", "month"),
    ("50 ҳазор рубли русӣ моҳона", 50_000, "RUB", "month"),
    ("60 миң сом айына", 60_000, "KGS", "month"),
    ("8 mln so'm oyiga", 8_000_000, "UZS", "month"),
    ("5000 сомонӣ моҳона", 5000, "TJS", "month"),
    # Romance languages
    ("1 200 dollars par mois", 1200, "USD", "month"),
    ("2,5 millions de francs CFA", 2_500_000, "XAF", None),
    ("US$ 2.040 mensalmente", 2040, "USD", "month"),
    ("R$ 3.500 por mês", 3500, "BRL", "month"),
    ("2 mil dólares al mes", 2000, "USD", "month"),
    ("1.500 euros al mes", 1500, "EUR", "month"),
    ("210 mila rubli al mese", 210_000, "RUB", "month"),
    # South Asian scripts, Swahili, Persian
    ("1 लाख रुपये प्रति माह", 100_000, "INR", "month"),
    ("50 हज़ार रुपये मासिक", 50_000, "INR", "month"),
    ("3 लाख नेपाली रुपैयाँ मासिक", 300_000, "NPR", "month"),
    ("₹2 லட்சம் மாதம்", 200_000, "INR", "month"),
    ("৫০ হাজার টাকা মাসিক", 50_000, "BDT", "month"),
    ("රුපියල් 300,000 මසකට", 300_000, "LKR", "month"),
    ("shilingi 90,000 kwa mwezi", 90_000, "KES", "month"),
    ("۵۰ هزار دلار در ماه", 50_000, "USD", "month"),
    ("۳۰ میلیون تومان ماهانه", 30_000_000, "IRT", "month"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "period"), CASES)
def test_amounts_are_parsed(text: str, amount: float, currency: str, period: str | None) -> None:
    (money,) = find_money(normalize(text))
    assert (money.amount, money.currency, money.period) == (amount, currency, period)
    assert text[money.start : money.end] == money.text


@pytest.mark.parametrize(
    "text",
    [
        "call 07701234567 now",
        "in 2024 we met",
        "room 12, floor 3",
        "aged 18 to 35",
        "+964 770 123 4567",
        "thousands of people came",
        "آلاف الشباب سافروا",
        "тысячи мигрантов",
    ],
)
def test_numbers_without_currency_are_not_money(text: str) -> None:
    assert find_money(normalize(text)) == []


def test_several_amounts_in_order() -> None:
    found = find_money(normalize("Salary $2,500 a month plus a $5,000 signing bonus"))
    assert [m.amount for m in found] == [2500, 5000]


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("200-300 dollars a month", 200, 300, "USD"),
        ("ما بين 200- 300 دولار شهريا", 200, 300, "USD"),
        ("بين 1000 و1500 دولار شهرياً", 1000, 1500, "USD"),
        ("between $970 and $1,000 monthly", 970, 1000, "USD"),
        ("от 150 до 200 тысяч рублей", 150_000, 200_000, "RUB"),
        ("від 5 до 7 тисяч рублів за зміну", 5000, 7000, "RUB"),
        ("entre 800 y 1.200 euros", 800, 1200, "EUR"),
    ],
)
def test_ranges_keep_both_ends(text: str, low: float, high: float, currency: str) -> None:
    (money,) = find_money(normalize(text))
    assert (money.amount, money.high, money.currency) == (low, high, currency)
    assert money_value(money).startswith(f"{low:g}-{high:g} {currency}")


@pytest.mark.parametrize(
    ("text", "role", "period"),
    [
        ("Salary $2,500 a month", "pay", "month"),
        ("He will earn 3000 dollars", "pay", None),
        ("براتب 3000 دولار", "pay", None),
        ("зарплата 150 тысяч рублей", "pay", None),
        ("a $5,000 signing bonus", "bonus", "once"),
        ("2,000 dollars on signing", "bonus", "once"),
        ("243 thousand rubles was paid once", "bonus", "once"),
        ("единовременная выплата 500 тыс. рублей", "bonus", "once"),
        ("مكافأة 5000 دولار عند التوقيع", "bonus", "once"),
        ("una tantum di 2,5 milioni di rubli", "bonus", "once"),
        ("processing fees of KSh 200,000", "fee", "once"),
        ("a deposit of $500", "fee", "once"),
        ("the agent charged $3,600", "fee", "once"),
        ("دفع رسوم 1500 دولار", "fee", "once"),
        ("вступительный взнос 20 000 рублей", "fee", "once"),
        ("frais de 2 000 euros", "fee", "once"),
        ("एजेंट को 2 लाख रुपये शुल्क", "fee", "once"),
        ("a bonus of Rs 16,515 per month", "bonus", "month"),
        ("he paid 3000$ to the agent", "fee", "once"),
    ],
)
def test_each_amount_says_what_it_is_for(text: str, role: str, period: str | None) -> None:
    found = find_money(normalize(text))
    assert [(m.role, m.period) for m in found] == [(role, period)]


def test_the_period_past_a_bracketed_conversion() -> None:
    text = "they offered 80,000 rupees (about $960) monthly pay"
    rupees, dollars = find_money(normalize(text))
    assert (rupees.period, dollars.period) == ("month", "month")
    assert rupees.text == "80,000 rupees" and dollars.text == "$960"


def test_a_shared_currency_word_takes_the_member_written_out() -> None:
    text = "NPR 400,000 a month, and later 250,000 rupees monthly"
    assert [m.currency for m in find_money(normalize(text))] == ["NPR", "NPR"]
    assert [m.currency for m in find_money(normalize("300,000 rupees monthly"))] == ["INR"]


def test_pay_without_a_currency_needs_a_pay_word_and_a_multiplier() -> None:
    (money,) = find_money(normalize("зарплата от 150 тысяч"))
    assert (money.amount, money.currency, money.role) == (150_000, None, "pay")
    assert find_money(normalize("от 150 тысяч человек")) == []
    assert find_money(normalize("salary 3000")) == []


def test_money_keeps_its_positional_shape() -> None:
    money = Money(3000.0, "USD", "month", 0, 5, "$3000")
    assert (money.role, money.high) == (None, None)
    assert money_value(money) == "3000 USD/month"


def test_currency_words_are_exported_folded() -> None:
    assert CURRENCY["$"] == "USD" and CURRENCY["рублей"] == "RUB"
    assert all(word == word.lower() for word in CURRENCY)


def test_lexicon_builds_from_a_minimal_file() -> None:
    raw = {
        "currencies": {"USD": ["$"]},
        "multipliers": {1000: ["k"]},
        "number_words": {"counts": {2: ["two"]}, "amounts": {1000: ["thousand"]}},
        "range_joiners": ["-"],
        "periods_after": {"month": ["a month"]},
        "periods_before": {"month": ["monthly"]},
        "roles": {"pay": {"before": ["salary"]}, "fee": {"before": ["fee"], "after": ["fee"]}},
    }
    lexicon = build_lexicon(raw)
    assert lexicon.currency == {"$": "USD"} and lexicon.families == ()


def test_parse_number_groups() -> None:
    assert parse_number("3,000") == 3000
    assert parse_number("190 000") == 190000
    assert parse_number("3.000.000") == 3000000
    assert parse_number("2.5") == 2.5
    assert parse_number("2.040") == 2040
    assert parse_number("1,25,000") == 125000
    assert parse_number("1,200.50") == 1200.5
    assert parse_number("3,8") == 3.8


STYLES = [
    lambda n: f"${n:,}",
    lambda n: f"{n}$",
    lambda n: f"{n} USD",
    lambda n: f"{n:,} dollars",
    lambda n: f"{n} دولار",
    lambda n: f"{n} долларов",
    lambda n: f"{n:,}".replace(",", " ") + " рублей",
    lambda n: str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + " دولار",
    lambda n: str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) + " دلار",
    lambda n: f"Rs {n:,}",
    lambda n: f"{n:,}".replace(",", ".") + " euros",
    lambda n: f"{n:,} so'm",
    lambda n: f"KSh {n:,}",
    lambda n: f"{n} टका".replace("टका", "रुपये"),
]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9_999_999), st.sampled_from(range(len(STYLES))))
def test_written_amounts_parse_back(amount: int, style: int) -> None:
    text = f"salary {STYLES[style](amount)} ok"
    found = find_money(normalize(text))
    assert [m.amount for m in found] == [amount]
    assert [m.role for m in found] == ["pay"]


MONEY_ALPHABET = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵ ,.-–()$€₽₹/")
    + list(CURRENCY)[:80]
    + ["тысяч", "ألف", "lakh", "million", "a month", "شهريا", "в месяц", "bonus", "fee", "و"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MONEY_ALPHABET, max_size=40).map("".join))
def test_money_heavy_text_never_raises_and_spans_are_exact(text: str) -> None:
    for money in find_money(normalize(text)):
        assert text[money.start : money.end] == money.text
        assert money.amount >= 0 and (money.high is None or money.high >= money.amount)
        assert money.role in (None, "pay", "bonus", "fee")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    found = find_money(normalize(text))
    for money in found:
        assert text[money.start : money.end] == money.text
        assert money.amount >= 0
    assert all(a.end <= b.start for a, b in pairwise(found))


def _real_rows() -> list[dict[str, object]]:
    if not REAL.exists():
        pytest.skip(f"real development texts not found at {REAL} (see shared/data/real)")
    return [json.loads(line) for line in REAL.read_text("utf-8").splitlines() if line.strip()]


def test_promised_pay_comes_out_as_money_in_accounts_of_lures() -> None:
    found = total = 0
    for row in _real_rows():
        gold = [
            str(g["value"])
            for g in row["gold"]  # type: ignore[attr-defined]
            if isinstance(g, dict) and g.get("type") == "salary"
        ]
        if row["kind"] != "offer_described" or not any(has_figure(g) for g in gold):
            continue
        text = str(row["text"])
        total += 1
        found += promised_pay_found(text, gold, extract_entities(normalize(text)))
    assert total >= 10
    assert found / total >= 0.70, f"promised pay found in {found} of {total}"
