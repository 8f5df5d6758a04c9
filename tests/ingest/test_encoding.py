"""Encodings: UTF-8 (with or without BOM), UTF-16, windows-1256, cp1251, KOI8-R."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.ingest import decode, detect_encoding, read_inputs
from recruitwatch.ingest.encoding import UndecodableError
from recruitwatch.model import Record

DATA = Path(__file__).parents[1] / "data" / "ingest"
RUSSIAN = "Требуются охранники на склад в Москве, зарплата двести тысяч рублей в месяц"


@pytest.mark.parametrize("name", ["ru_cp1251.txt", "ru_koi8r.txt"])
def test_russian_8_bit_files_decode(name: str) -> None:
    (record,) = list(read_inputs([str(DATA / name)]))
    assert isinstance(record, Record) and record.text.startswith(RUSSIAN)


@pytest.mark.parametrize(
    ("name", "first"), [("utf16.jsonl", "نص بترميز UTF-16"), ("bom.jsonl", "with BOM")]
)
def test_utf16_and_bom(name: str, first: str) -> None:
    records = [r for r in read_inputs([str(DATA / name)]) if isinstance(r, Record)]
    assert records[0].text == first


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    data = "Работа в Москве and more text".encode(codec)
    assert decode(data) == ("Работа в Москве and more text", codec)


def test_garbage_is_undecodable() -> None:
    with pytest.raises(UndecodableError, match="cannot decode"):
        detect_encoding(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20)


AR_WORDS = [
    "مطلوب",
    "شباب",
    "للعمل",
    "في",
    "روسيا",
    "براتب",
    "ممتاز",
    "السفر",
    "والسكن",
    "مجانا",
    "الجنسية",
    "للعائلة",
]
RU_WORDS = [
    "требуются",
    "охранники",
    "на",
    "склад",
    "в",
    "москве",
    "зарплата",
    "проживание",
    "бесплатно",
    "работа",
]
ARABIC = st.lists(st.sampled_from(AR_WORDS), min_size=3, max_size=30).map(" ".join)
RUSSIAN_TEXT = st.lists(st.sampled_from(RU_WORDS), min_size=3, max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(ARABIC)
def test_windows_1256_arabic_round_trips(text: str) -> None:
    assert decode(text.encode("cp1256")) == (text, "cp1256")


@settings(max_examples=150, deadline=None)
@given(RUSSIAN_TEXT, st.sampled_from(["cp1251", "koi8-r"]))
def test_russian_8_bit_round_trips(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == (text, codec)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=300))
def test_utf8_always_wins_when_valid(text: str) -> None:
    # NUL-free: text full of NULs is UTF-16 by its byte pattern, and read as such.
    assert decode(text.encode("utf-8"))[0] == text
