import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.extract import extract_entities, money_entity, resolve_overlaps
from recruitwatch.extract.money import Money
from recruitwatch.model import Entity
from recruitwatch.text.normalize import normalize

POSTS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "extract" / "posts.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("post", POSTS, ids=lambda p: p["text"][:20])
def test_post_yields_its_entities_in_text_order(post: dict[str, Any]) -> None:
    text = post["text"]
    found = extract_entities(normalize(text))
    assert [[e.type, e.value] for e in found] == post["entities"]
    assert all(e.text == text[e.start : e.end] for e in found)


def test_phone_inside_a_whatsapp_link_counts_once() -> None:
    found = extract_entities(normalize("wa.me/9647701234567"))
    assert [(e.type, e.value) for e in found] == [("handle", "whatsapp:+9647701234567")]


def test_money_value_has_amount_currency_and_period() -> None:
    entity = money_entity(Money(3000.0, "USD", "month", 4, 20, "3000 دولار شهريا"))
    assert entity.value == "3000 USD/month"
    assert entity.attrs == {"amount": 3000.0, "currency": "USD", "period": "month"}
    assert money_entity(Money(2.5, None, None, 0, 3, "2.5")).value == "2.5 ?"
    assert money_entity(Money(1.5e6, "IQD", None, 0, 3, "x")).value == "1500000 IQD"


def test_overlap_goes_to_the_contact_then_the_longer_span() -> None:
    url = Entity("url", "https://x.com/07701234567", "x", 0, 30)
    phone = Entity("phone", "+9647701234567", "x", 14, 25)
    place = Entity("place", "IQ-BG", "x", 40, 47)
    organisation = Entity("organisation", "baghdad", "x", 40, 62)
    assert resolve_overlaps([phone, place, organisation, url]) == (url, organisation)


def test_region_sets_the_national_phone_format() -> None:
    found = extract_entities(normalize("тел 8 912 345 67 89"), region="RU")
    assert [e.value for e in found] == ["+79123456789"]


@given(st.text(max_size=300))
def test_never_raises_and_spans_are_disjoint_and_in_the_text(text: str) -> None:
    found = extract_entities(normalize(text))
    previous_end = 0
    for e in found:
        assert previous_end <= e.start < e.end <= len(text)
        assert e.text == text[e.start : e.end]
        previous_end = e.end


# Text made of the pieces entities are built from, so the property reaches the extractors.
PIECES = st.sampled_from(
    [
        " ",
        "\n",
        ",",
        ".",
        "-",
        "+",
        "@",
        "/",
        "(",
        ")",
        "«",
        "»",
        "\u200f",
        "\u064e",
        "0770",
        "123",
        "4567",
        "964",
        "8",
        "18",
        "35",
        "3000",
        "$",
        "دولار",
        "شهريا",
        "من",
        "الى",
        "سنة",
        "لروسيا",
        "بالبصرة",
        "Moscow",
        "Москве",
        "t.me/",
        "wa.me/",
        "https://",
        "x.com",
        "work_ru",
        "شركة",
        "النور",
        "Agency",
        "Golden",
        "ООО",
        "age",
        "лет",
        "от",
        "до",
    ]
)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_entity_like_text_never_breaks_the_spans(text: str) -> None:
    found = extract_entities(normalize(text))
    for first, second in itertools.pairwise(found):
        assert first.end <= second.start
    assert all(e.text == text[e.start : e.end] and e.start < e.end for e in found)
