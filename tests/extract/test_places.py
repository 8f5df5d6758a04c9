import pytest

from recruitwatch.extract.places import MAX_WORDS, find_places, place_index
from recruitwatch.text.normalize import normalize


def places(text: str) -> list[tuple[str, str]]:
    found = find_places(normalize(text))
    for e in found:
        assert e.type == "place"
        assert e.text == text[e.start : e.end]
    return [(e.value, e.text) for e in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("السفر من بغداد", [("IQ-BG", "بغداد")]),
        (
            "شباب البصرة والنجف وكربلاء",
            [("IQ-BA", "البصرة"), ("IQ-NA", "النجف"), ("IQ-KA", "كربلاء")],
        ),
        ("بالبصرة وللبصرة", [("IQ-BA", "البصرة"), ("IQ-BA", "للبصرة")]),
        ("بروسيا، لروسيا، وروسيا، في روسيا", [("RU", "روسيا")] * 4),
        ("من الموصل الى موسكو", [("IQ:mosul", "الموصل"), ("RU:moscow", "موسكو")]),
        ("شغل بهولير والسليمانية", [("IQ-AR", "هولير"), ("IQ-SU", "السليمانية")]),
        ("کار لە هەولێر", [("IQ-AR", "هەولێر")]),
        ("Jobs for young men from Basrah and Dhi Qar", [("IQ-BA", "Basrah"), ("IQ-DQ", "Dhi Qar")]),
        (
            "flights from Baghdad to St. Petersburg",
            [("IQ-BG", "Baghdad"), ("RU:saint-petersburg", "St. Petersburg")],
        ),
        (
            "work in Rostov-on-Don, Russia",
            [("RU:rostov-on-don", "Rostov-on-Don"), ("RU", "Russia")],
        ),
        ("работа в Москве и в России", [("RU:moscow", "Москве"), ("RU", "России")]),
        ("Приезжайте в Россию, в Казань", [("RU", "Россию"), ("RU:kazan", "Казань")]),
        ("из Ирака в Минск", [("IQ", "Ирака"), ("BY:minsk", "Минск")]),
        ("ثم إلى بيلاروسيا", [("BY", "بيلاروسيا")]),
        ("Sri Lanka, Nepal and India", [("LK", "Sri Lanka"), ("NP", "Nepal"), ("IN", "India")]),
        ("via the UAE or Turkey", [("AE", "UAE"), ("TR", "Turkey")]),
        ("عبر الإمارات وتركيا", [("AE", "الإمارات"), ("TR", "تركيا")]),
        ("Кадровое агентство в ОАЭ", [("AE", "ОАЭ")]),
    ],
)
def test_place_is_found_with_its_code(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Донецкой области", "UA-14"),
        ("в Луганске", "UA-09"),
        ("Запорожье", "UA-23"),
        ("Kherson region", "UA-65"),
        ("في القرم", "UA-43"),
        ("в Крыму", "UA-43"),
        ("Mariupol", "UA:mariupol"),
    ],
)
def test_occupied_ukrainian_places_are_marked(text: str, code: str) -> None:
    (entity,) = find_places(normalize(text))
    assert entity.value == code
    assert entity.attrs["occupied"] is True
    assert entity.attrs["country"] == "UA"


def test_city_carries_its_province_and_country() -> None:
    (entity,) = find_places(normalize("مدينة الفلوجة"))
    assert entity.value == "IQ:fallujah"
    assert entity.attrs == {"kind": "city", "country": "IQ", "province": "IQ-AN"}


def test_kurdistan_province_carries_its_region() -> None:
    (entity,) = find_places(normalize("Erbil"))
    assert entity.attrs == {"kind": "province", "country": "IQ", "region": "IQ-KR"}


@pytest.mark.parametrize(
    "text",
    [
        "a turkey sandwich",
        "fine china plates",
        "اللون الرمادي جميل",  # grey
        "هذه العمارة جديدة",  # the building
        "грозный вид",  # formidable
        "Russian company",
        "عمان",  # Amman or Oman: left out
        "هند",  # a first name
        "a mosulx b",
        "Moscowitz",
    ],
)
def test_common_word_is_not_a_place(text: str) -> None:
    assert places(text) == []


def test_ambiguous_arabic_name_is_a_place_after_a_place_word() -> None:
    assert places("محافظة الرمادي وفي مدينة العمارة") == [
        ("IQ:ramadi", "الرمادي"),
        ("IQ:amarah", "العمارة"),
    ]


def test_ambiguous_english_name_is_a_place_when_capitalised() -> None:
    assert places("Turkey and China") == [("TR", "Turkey"), ("CN", "China")]


def test_no_name_is_longer_than_the_lookahead() -> None:
    longest = max(len(form.rest) + 1 for forms in place_index().values() for form in forms)
    assert longest <= MAX_WORDS
