"""Figures as written: digits in three scripts, separators, number and scale words in
English, Arabic and Russian, modifiers, ranges and vague quantities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.extract.claims import parse_figure

CASES = [
    ("more than 5,000", (5000, None, "at_least")),
    ("over 300", (300, None, "at_least")),
    ("at least 41", (41, None, "at_least")),
    ("between 200 and 300", (200, 300, "range")),
    ("200-300", (200, 300, "range")),
    ("200 to 300", (200, 300, "range")),
    ("about 500", (500, 500, "approximate")),
    ("nearly 1,200", (1200, 1200, "approximate")),
    ("some 150", (150, 150, "approximate")),
    ("up to 40", (None, 40, "at_most")),
    ("fewer than 60", (None, 60, "at_most")),
    ("as many as 1,200", (None, 1200, "at_most")),
    ("500 or more", (500, None, "at_least")),
    ("dozens", (None, None, "vague")),
    ("only a few", (None, None, "vague")),
    ("a handful", (None, None, "vague")),
    ("٣٬٥٠٠", (3500, 3500, "exact")),
    ("5 thousand", (5000, 5000, "exact")),
    ("5 آلاف", (5000, 5000, "exact")),
    ("5 тысяч", (5000, 5000, "exact")),
    ("1.5 million", (1500000, 1500000, "exact")),
    ("2.5k", (2500, 2500, "exact")),
    ("3 to 5 thousand", (3000, 5000, "range")),
    ("twelve", (12, 12, "exact")),
    ("twenty-five", (25, 25, "exact")),
    ("two hundred and fifty", (250, 250, "exact")),
    ("a dozen", (12, 12, "exact")),
    ("three thousand", (3000, 3000, "exact")),
    ("أكثر من ٥٠٠٠", (5000, None, "at_least")),
    ("ما لا يقل عن 300", (300, None, "at_least")),
    ("يزيد على 70", (70, None, "at_least")),
    ("لا يتجاوز 80", (None, 80, "at_most")),
    ("حتى 40", (None, 40, "at_most")),
    ("نحو ١٥٠", (150, 150, "approximate")),
    ("حوالي 200", (200, 200, "approximate")),
    ("قرابة 90", (90, 90, "approximate")),
    ("زهاء 60", (60, 60, "approximate")),
    ("من 200 إلى 300", (200, 300, "range")),
    ("بين 200 و300", (200, 300, "range")),
    ("ثلاثة آلاف", (3000, 3000, "exact")),
    ("ثلاثمائة", (300, 300, "exact")),
    ("ألفين", (2000, 2000, "exact")),
    ("مئتين", (200, 200, "exact")),
    ("مئتي ألف", (200000, 200000, "exact")),
    ("خمسة وعشرون", (25, 25, "exact")),
    ("ألف وخمسمائة", (1500, 1500, "exact")),
    ("ثلاثة عشر", (13, 13, "exact")),
    ("عشرات", (None, None, "vague")),
    ("العشرات", (None, None, "vague")),
    ("عدد قليل", (None, None, "vague")),
    ("آلاف", (None, None, "vague")),
    ("более 3 тысяч", (3000, None, "at_least")),
    ("свыше 100", (100, None, "at_least")),
    ("не менее 40", (40, None, "at_least")),
    ("по меньшей мере 12", (12, None, "at_least")),
    ("до 300", (None, 300, "at_most")),
    ("не более 50", (None, 50, "at_most")),
    ("около 200", (200, 200, "approximate")),
    ("примерно 70", (70, 70, "approximate")),
    ("порядка 1000", (1000, 1000, "approximate")),
    ("от 200 до 300", (200, 300, "range")),
    ("двадцать пять", (25, 25, "exact")),
    ("две тысячи", (2000, 2000, "exact")),
    ("полторы тысячи", (1500, 1500, "exact")),
    ("несколько десятков", (None, None, "vague")),
    ("десятки", (None, None, "vague")),
    ("тысячи", (None, None, "vague")),
    ("единицы", (None, None, "vague")),
    ("1 234 567", (1234567, 1234567, "exact")),
    ("1.234.567", (1234567, 1234567, "exact")),
    ("3,000.50", (3000.5, 3000.5, "exact")),
    ("1,5 тысячи", (1500, 1500, "exact")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_figure(text: str, expected: tuple[float | None, float | None, str]) -> None:
    assert parse_figure(text) == expected


@pytest.mark.parametrize("text", ["", "no figure here", "لا شيء", "ничего", "Iraqis"])
def test_no_figure(text: str) -> None:
    assert parse_figure(text) is None


def test_thousands_after_a_digit_is_a_scale_not_vague() -> None:
    assert parse_figure("5 thousand") == (5000, 5000, "exact")
    assert parse_figure("thousands") == (None, None, "vague")


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_SEPARATORS = [",", ".", "٬", "\u2009", "\u00a0", "\u202f", " "]


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=300)
@given(st.integers(0, 10**12), st.sampled_from(_SEPARATORS))
def test_grouped_digits_parse_back(n: int, sep: str) -> None:
    assert parse_figure(_grouped(n, sep)) == (n, n, "exact")


@settings(max_examples=200)
@given(st.integers(0, 10**12), st.sampled_from([_ARABIC_INDIC, _PERSIAN]), st.booleans())
def test_arabic_indic_and_persian_digits_parse_back(
    n: int, table: dict[int, str], sep: bool
) -> None:
    written = (_grouped(n, "٬") if sep else str(n)).translate(table)
    assert parse_figure(written) == (n, n, "exact")


@settings(max_examples=200)
@given(st.integers(1, 10**6), st.sampled_from(["thousand", "آلاف", "ألف", "тысяч", "k"]))
def test_n_thousand_parses_back(n: int, word: str) -> None:
    space = "" if word == "k" else " "
    assert parse_figure(f"{n}{space}{word}") == (n * 1000, n * 1000, "exact")


@settings(max_examples=200)
@given(st.integers(1, 10**6), st.sampled_from(["more than", "أكثر من", "более"]))
def test_lower_bounds_parse_back(n: int, word: str) -> None:
    assert parse_figure(f"{word} {n:,}") == (n, None, "at_least")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_figure_never_raises(text: str) -> None:
    result = parse_figure(text)
    assert result is None or result[2] in (
        "exact", "approximate", "range", "at_least", "at_most", "vague",
    )  # fmt: skip


def test_huge_numbers_do_not_overflow() -> None:
    assert parse_figure("9" * 400) is None
    assert parse_figure(str(10**40)) == (1e40, 1e40, "exact")
