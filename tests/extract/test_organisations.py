import pytest

from recruitwatch.extract.organisations import find_organisations
from recruitwatch.text.normalize import normalize


def organisations(text: str) -> list[tuple[str, str]]:
    found = find_organisations(normalize(text))
    for e in found:
        assert e.type == "organisation"
        assert e.text == text[e.start : e.end]
    return [(e.value, e.text) for e in found]


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        (
            "شركة النور للسفر والسياحة تعلن عن فرص عمل",
            "النور للسفر والسياحه",
            "شركة النور للسفر والسياحة",
        ),
        ("مكتب توظيف الأمل في بغداد", "الامل", "مكتب توظيف الأمل"),
        ("عبر وكالة الفجر، اتصل بنا", "الفجر", "وكالة الفجر"),
        ("مؤسسة الرافدين للخدمات\nاتصل", "الرافدين للخدمات", "مؤسسة الرافدين للخدمات"),
        ("ООО «Вектор» набирает", "вектор", "ООО «Вектор»"),
        ('АО "Северный Щит" приглашает', "северный щит", 'АО "Северный Щит"'),
        (
            "кадровое агентство Северный Путь набирает",
            "северный путь",
            "кадровое агентство Северный Путь",
        ),
        ("Компания Альфа Трейд предлагает", "альфа трейд", "Компания Альфа Трейд"),
        (
            "Golden Gate Recruitment Agency offers jobs",
            "golden gate",
            "Golden Gate Recruitment Agency",
        ),
        ("Work with Al-Noor Travel Agency.", "al-noor", "Al-Noor Travel Agency"),
        ("Blue Sky LLC pays", "blue sky", "Blue Sky LLC"),
        ("the Eastern Star Company is hiring", "eastern star", "Eastern Star Company"),
    ],
)
def test_organisation_is_named_after_its_cue(text: str, value: str, written: str) -> None:
    assert organisations(text) == [(value, written)]


@pytest.mark.parametrize(
    "text",
    [
        "شركة روسية تطلب عمال",  # a Russian company: a description
        "مكتب في بغداد",
        "наша компания предлагает работу",
        "компания надежная",
        "Our company pays well",
        "a Russian company",
        "the agency",
        "travel agency",
    ],
)
def test_description_is_not_an_organisation(text: str) -> None:
    assert organisations(text) == []


def test_name_stops_after_a_few_words() -> None:
    ((value, _),) = organisations("شركة الف باء تاء ثاء جيم حاء")
    assert value == "الف باء تاء ثاء"
