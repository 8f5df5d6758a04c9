import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.extract.phones import find_phones, to_e164
from recruitwatch.text.normalize import normalize

# Invented numbers that phonenumbers accepts as valid (no real subscriber is meant).
IQ_NUMBER = "+9647701234567"
RU_NUMBER = "+79123456789"


def phones(text: str, region: str = "IQ") -> list[tuple[str, str]]:
    found = find_phones(normalize(text), region)
    for e in found:
        assert e.type == "phone"
        assert e.text == text[e.start : e.end]
        assert e.attrs["raw"] == e.text
    return [(e.value, e.text) for e in found]


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("اتصل 0770 123 4567 الآن", IQ_NUMBER, "0770 123 4567"),
        ("call 07701234567", IQ_NUMBER, "07701234567"),
        ("+964 770 123 4567", IQ_NUMBER, "+964 770 123 4567"),
        ("00964-770-123-4567", IQ_NUMBER, "00964-770-123-4567"),
        ("WhatsApp: 964.770.123.4567", IQ_NUMBER, "964.770.123.4567"),
        ("(0770) 123 4567", IQ_NUMBER, "(0770) 123 4567"),
        ("واتساب ٠٧٧٠١٢٣٤٥٦٧", IQ_NUMBER, "٠٧٧٠١٢٣٤٥٦٧"),
        ("رقم ۰۷۷۰ ۱۲۳ ۴۵۶۷", IQ_NUMBER, "۰۷۷۰ ۱۲۳ ۴۵۶۷"),
        ("+964\u200f770\u200f123\u200f4567", IQ_NUMBER, "+964\u200f770\u200f123\u200f4567"),
        ("тел. 8 912 345-67-89", RU_NUMBER, "8 912 345-67-89"),
        ("звоните +7 (912) 345 67 89!", RU_NUMBER, "+7 (912) 345 67 89"),
        ("Tel: +7-912-345-67-89.", RU_NUMBER, "+7-912-345-67-89"),
        ("Germany +49 30 12345678", "+493012345678", "+49 30 12345678"),
    ],
)
def test_phone_is_found_with_its_e164_value(text: str, value: str, written: str) -> None:
    assert phones(text) == [(value, written)]


def test_region_is_the_numbers_country() -> None:
    found = find_phones(normalize("0770 123 4567 or +7 912 345 67 89"))
    assert [e.attrs["region"] for e in found] == ["IQ", "RU"]


def test_two_numbers_in_one_run_of_digits_are_split() -> None:
    assert phones("0770 123 4567 0780 765 4321") == [
        (IQ_NUMBER, "0770 123 4567"),
        ("+9647807654321", "0780 765 4321"),
    ]


def test_two_numbers_separated_by_a_slash_are_both_found() -> None:
    assert [v for v, _ in phones("07701234567/07801234567")] == [IQ_NUMBER, "+9647801234567"]


@pytest.mark.parametrize(
    "text",
    [
        "date 15.03.2024",
        "on 2024-03-15 at 10:30",
        "from 2022 to 2023, 2022-2023",
        "salary 3000000 IQD",
        "3,000,000 dinars",
        "1500000 руб",
        "order #123456789012",
        "invoice no. INV123456789",
        "id=07701234567",
        "https://example.com/item/07701234567",
        "12345678",
        "1 2 3 4 5 6 7 8 9",
        "5.5.2025 12.12.2024",
    ],
)
def test_dates_prices_years_and_order_numbers_are_not_phones(text: str) -> None:
    assert phones(text) == []


def test_national_format_follows_the_region() -> None:
    assert phones("8 (912) 345-67-89", region="RU") == [(RU_NUMBER, "8 (912) 345-67-89")]
    assert to_e164("89123456789", "IQ") == RU_NUMBER  # a Russian trunk 8 is recognised anyway


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@st.composite
def written_number(draw: st.DrawFn) -> tuple[str, str]:
    """A number from a small invented pool, written the way posts write numbers."""
    e164, national = draw(
        st.sampled_from(
            [
                (IQ_NUMBER, "07701234567"),
                ("+9647809876543", "07809876543"),
                ("+9647501112233", "07501112233"),
                (RU_NUMBER, "89123456789"),
                ("+79261234567", "89261234567"),
            ]
        )
    )
    digits = draw(st.sampled_from([e164[1:], national]))
    prefix = "" if digits == national else draw(st.sampled_from(["+", "00"]))
    cuts = sorted(draw(st.sets(st.integers(2, len(digits) - 2), max_size=4)))
    groups = [digits[i:j] for i, j in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    seps = draw(
        st.lists(
            st.sampled_from([" ", "-", ".", "\u200f", "\u200e", " - "]),
            min_size=len(groups),
            max_size=len(groups),
        )
    )
    text = prefix + "".join(g + s for g, s in zip(groups, [*seps[1:], ""], strict=True))
    text = text.translate(draw(st.sampled_from([ARABIC_DIGITS, PERSIAN_DIGITS, {}])))
    return e164, text


@given(written_number(), st.sampled_from(["", "call ", "اتصل على ", "тел: "]))
def test_any_written_form_gives_the_same_e164(number: tuple[str, str], before: str) -> None:
    e164, written = number
    text = f"{before}{written} now"
    found = find_phones(normalize(text))
    assert [e.value for e in found] == [e164]
    assert found[0].text == text[found[0].start : found[0].end]
