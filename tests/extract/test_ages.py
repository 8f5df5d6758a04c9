import pytest

from recruitwatch.extract.ages import find_ages
from recruitwatch.text.normalize import normalize


def ages(text: str) -> list[tuple[str, str]]:
    found = find_ages(normalize(text))
    for e in found:
        assert e.type == "age"
        assert e.text == text[e.start : e.end]
    return [(e.value, e.text) for e in found]


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("Ages 18-35 only", "18-35", "Ages 18-35"),
        ("men aged 18 to 35", "18-35", "aged 18 to 35"),
        ("from 18 to 35 years", "18-35", "from 18 to 35 years"),
        ("between 18 and 35 years old", "18-35", "between 18 and 35 years old"),
        ("18–40 years old", "18-40", "18–40 years old"),
        ("age 20+", "20+", "age 20+"),
        ("older than 21 years", "21+", "older than 21 years"),
        ("men under 40", "-40", "under 40"),
        ("من 18 الى 35 سنة", "18-35", "من 18 الى 35 سنة"),
        ("العمر من ١٨ إلى ٣٥", "18-35", "العمر من ١٨ إلى ٣٥"),
        ("اعمار 18-35", "18-35", "اعمار 18-35"),
        ("بعمر 20 فما فوق", "20+", "بعمر 20 فما فوق"),
        ("اقل من 40 سنة", "-40", "اقل من 40 سنة"),
        ("от 18 до 35 лет", "18-35", "от 18 до 35 лет"),
        ("возраст 18-45", "18-45", "возраст 18-45"),
        ("Возраст: до 45", "-45", "Возраст: до 45"),
        ("старше 18 лет", "18+", "старше 18 лет"),
    ],
)
def test_age_is_found(text: str, value: str, written: str) -> None:
    assert ages(text) == [(value, written)]


def test_range_has_min_and_max() -> None:
    (entity,) = find_ages(normalize("age 18-35"))
    assert entity.attrs == {"min": 18, "max": 35}
    (entity,) = find_ages(normalize("under 40 years"))
    assert entity.attrs == {"min": None, "max": 40}


@pytest.mark.parametrize(
    "text",
    [
        "salary 18-35 thousand",
        "الراتب 2500-3000 دولار",
        "on 18-03-2024",
        "call +7 912 345-67-89",
        "0770 123 4567",
        "under 40%",
        "under 40 km from Moscow",
        "age 80-95",
        "from 35 to 18 years",
        "from 1 to 5 years of contract",
        "shifts 12-24 hours",
    ],
)
def test_salaries_dates_and_phone_digits_are_not_ages(text: str) -> None:
    assert ages(text) == []
