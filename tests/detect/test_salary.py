"""Salary norms per destination, currency and period; only pay counts as pay."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from recruitwatch.detect import load_catalogue
from recruitwatch.detect.catalogue import salary_norms
from recruitwatch.detect.salary import destination, salary_hit, usd_per_month
from recruitwatch.errors import ConfigError
from recruitwatch.extract.money import Money
from recruitwatch.model import IndicatorHit
from recruitwatch.text import normalize

CATALOGUE = load_catalogue()
NORMS = CATALOGUE.salary
INDICATOR = CATALOGUE.get("salary_far_above_norm")


def hit(text: str) -> IndicatorHit | None:
    return salary_hit(INDICATOR, normalize(text), NORMS, None)


def norm_usd(code: str) -> float:
    (country,) = [c for c in NORMS.countries if c.code == code]
    return country.amount * NORMS.usd_per_unit[country.currency]


def test_pay_near_the_norm_does_not_fire() -> None:
    iraq = norm_usd("IQ") / NORMS.usd_per_unit["IQD"]
    assert hit(f"Accountant wanted in Basra, salary {1.1 * iraq:,.0f} dinars a month") is None
    russia = norm_usd("RU")
    assert hit(f"Security guard in Russia, salary ${1.1 * russia:,.0f} a month") is None


def test_three_times_the_norm_fires_and_says_which_norm() -> None:
    found = hit(f"Security guard in Russia, salary ${3 * norm_usd('RU'):,.0f} a month")
    assert found is not None and found.note is not None
    assert "Russia norm" in found.note and f"{NORMS.margin:.1f}x" in found.note
    assert "3.0x" in found.note


@pytest.mark.parametrize(
    "text",
    [
        "Work in Russia: a $10,000 signing bonus",
        "Work in Russia: 2,000,000 rubles on signing the contract",
        "Работа в России, единовременная выплата 1 000 000 рублей",
        "Work in Russia. Processing fee of $9,000 to the agent",
        "Work in Russia, deposit of 900,000 rubles required",
        "للعمل في روسيا، رسوم 10000 دولار",
        "للعمل في روسيا مكافأة 10000 دولار عند التوقيع",
    ],
)
def test_bonuses_fees_and_deposits_are_never_monthly_pay(text: str) -> None:
    assert hit(text) is None


def test_usd_per_month_ignores_what_is_not_pay() -> None:
    def money(period: str | None, role: str | None) -> Money:
        return Money(1000.0, "USD", period, 0, 1, "x", role)

    assert usd_per_month(money("month", "pay"), NORMS) == 1000
    assert usd_per_month(money("year", "pay"), NORMS) == pytest.approx(1000 / 12, rel=0.01)
    assert usd_per_month(money(None, None), NORMS) == 1000  # stored entities carry no role
    assert usd_per_month(money("once", "bonus"), NORMS) is None
    assert usd_per_month(money("month", "bonus"), NORMS) is None
    assert usd_per_month(money(None, "fee"), NORMS) is None
    assert usd_per_month(Money(5.0, "XYZ", "month", 0, 1, "x", "pay"), NORMS) is None


def test_an_amount_without_a_pay_word_or_period_is_not_compared() -> None:
    assert hit("Work in Russia. He paid the smuggler... 9000 dollars in total") is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Security guards for Moscow, via Dubai, $3,500 a month", "Russia"),
        ("Жалпы айлык 300 000 рублей", "Russia"),
        ("راتب 5 مليون دينار شهريا", "Iraq"),
        ("Construction jobs in Israel, $12,000 a month", "Israel"),
        ("Job in Germany, salary €15,000 a month", "Germany"),
        ("Work abroad, salary $5,000 a month", "default"),
    ],
)
def test_the_destination_norm_applies(text: str, label: str) -> None:
    found = hit(text)
    assert found is not None and found.note is not None and label in found.note


def test_a_lure_destination_wins_over_transit_and_origin() -> None:
    norm = normalize("From Kathmandu via Dubai and Istanbul to Moscow, $3,000 a month")
    where = destination(norm.text, {"USD"}, NORMS)
    assert where is not None and where.code == "RU"
    where = destination(normalize("Drivers for Qatar from Egypt").text, {"EGP"}, NORMS)
    assert where is not None and where.code == "QA"
    assert destination("no place at all", {"USD"}, NORMS) == NORMS.default
    where = destination(normalize("راتب في بغداد").text, set(), NORMS)
    assert where is not None and where.code == "IQ"


def test_a_skilled_profession_raises_the_bar() -> None:
    pay = 4 * norm_usd("RU")
    assert hit(f"Security guard in Moscow, ${pay:,.0f} a month") is not None
    assert hit(f"Korean translator in Moscow, ${pay:,.0f} a month") is None


def test_ordinary_legitimate_ads_stay_below() -> None:
    for text in [
        "مطلوب محاسب في البصرة براتب مليون و750 ألف دينار شهرياً",
        "Водитель категории Е в Подмосковье, зарплата до 200 тысяч рублей в месяц",
        "Drivers for the Gulf, salaries from 25 thousand Egyptian pounds a month",
        "Nurses for Saudi Arabia, 9,000 riyals a month",
        "Farm workers for Israel, Rs 1.37 lakh a month",
        "Охранник, вахта 30/30, 4 500 рублей за смену",
    ]:
        assert hit(text) is None, text


def _raw() -> dict[str, Any]:
    return {
        "usd_per_unit": {"USD": 1.0, "RUB": 0.01},
        "months_per": {"month": 1},
        "as_of": "2025",
        "margin": 2.0,
        "default": {"amount": 1000, "currency": "USD"},
        "countries": {"RU": {"amount": 100000, "currency": "RUB", "names": ["russia"]}},
    }


def test_norms_load_old_and_new_shapes() -> None:
    old = salary_norms(
        {"usd_per_unit": {"USD": 1}, "threshold_usd_month": 1000, "months_per": {}, "as_of": "x"}
    )
    assert (old.threshold_usd_month, old.margin, old.countries) == (1000, 1.0, ())
    new = salary_norms(_raw())
    assert new.threshold_usd_month == 2000 and new.countries[0].label == "RU"


def test_a_norm_in_a_currency_without_a_rate_is_refused() -> None:
    raw = _raw()
    raw["countries"]["RU"]["currency"] = "XYZ"
    with pytest.raises(ConfigError, match="no rate"):
        salary_norms(raw)


def test_the_packaged_norms_are_complete() -> None:
    assert NORMS.margin > 1 and NORMS.default is not None
    for country in NORMS.countries:
        assert country.names and country.amount > 0, country.code
        assert country.currency in NORMS.usd_per_unit, country.code
        assert all(c in NORMS.usd_per_unit for c in country.implied_by), country.code
    implied = [c for country in NORMS.countries for c in country.implied_by]
    assert len(implied) == len(set(implied)), "a currency implies one country"
    assert set(NORMS.months_per) >= {"month", "year", "week", "day", "shift", "hour"}


def test_every_packaged_currency_has_a_rate() -> None:
    from importlib import resources

    text = (resources.files("recruitwatch") / "resources" / "money.yaml").read_text("utf-8")
    assert set(yaml.safe_load(text)["currencies"]) <= set(NORMS.usd_per_unit)
