"""Normalisation folds spelling variants and maps every span back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.text import fold_pattern, normalize, normalize_text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أإآٱا", "ااااا"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura to ya
        ("مدرسة", "مدرسه"),  # ta marbuta to ha
        ("مسؤول سائق", "مسوول سايق"),  # hamza seats
        ("شــــهر", "شهر"),  # tatweel
        ("شَهْرِيًّا", "شهريا"),  # diacritics
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian digits
        ("کار یک", "كار يك"),  # Persian kaf and ya
        ("ڕێگە", "ريگه"),  # Kurdish letters
        ("Ёлка ёж", "елка еж"),  # Cyrillic yo
        ("Йод", "йод"),  # but й stays й
        ("Café ÉTÉ naïve", "cafe ete naive"),  # Latin case and accents
        ("07\u200f70\u200e 123", "0770 123"),  # direction marks inside numbers
        ("a\u00a0b", "a b"),  # exotic spaces
        ("07\u206070\u200b1\u00ad2", "077012"),  # word joiner, zero-width space, soft hyphen
        ("мои\u0306 МОИ\u0306", "мой мой"),  # decomposed й is still й
        ("е\u0308ж Cafe\u0301", "еж cafe"),  # decomposed ё and é fold like precomposed ones
        ("ї і\u0308", "ї ї"),  # Ukrainian yi, both spellings
        ("\U0001d416\U0001d428\U0001d42b\U0001d424 ＲＵ１", "work ru1"),  # look-alike letters
        ("ۓ ۂ", "ي ه"),  # Urdu letters with hamza
        ("हैं काम", "हैं काम"),  # Indic vowel signs are letters, not diacritics
        ("a\u2028b", "a\nb"),  # line separator
    ],
)
def test_folds(raw: str, folded: str) -> None:
    assert normalize(raw).text == folded
    assert normalize_text(raw) == folded


def test_span_maps_back_with_diacritics() -> None:
    raw = "راتب ٣٠٠٠ دولار شهرياً"
    norm = normalize(raw)
    start = norm.text.index("شهريا")
    assert norm.original_text(start, start + len("شهريا")) == "شهرياً"


def test_fold_pattern_keeps_ascii_escapes() -> None:
    assert fold_pattern(r"\D+الى\S") == r"\D+الي\S"


ALPHABET = st.sampled_from(
    list("abcXYZéÉçñ ")
    + list("ابتةىأإآؤئـًٌٍَُِّْ")
    + list("абвЁё")
    + list("٠١٢۳۴")
    + ["\u200f", "\u200e", "\u0301", "\u00a0", "\u200b", "ß", "İ", "ک", "ی", "ە"]
    + ["и", "И", "е", "і", "\u0306", "\u0308", "\u2060", "\u00ad", "ٔ", "ه", "ي", "و"]
    + ["क", "ै", "ं", "\U0001d416", "Ｒ", "\u2028"]
)
TEXT = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_idempotent_and_never_longer(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once
    assert len(once) <= len(text)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.data())
def test_every_span_maps_back_exactly(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = norm.original_span(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert normalize(text[o_start:o_end]).text == norm.text[start:end]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_spans_are_monotone(text: str) -> None:
    norm = normalize(text)
    starts = [norm.original_span(i, i + 1)[0] for i in range(len(norm.text))]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_out_of_range_span_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside text"):
        normalize("abc").original_span(2, 9)


def test_fold_pattern_bounds_unbounded_word_runs() -> None:
    """`\\w*` and `\\S+` become bounded runs: a long text with no spaces cannot make a
    pattern backtrack for seconds; an escaped backslash before w is left alone."""
    from recruitwatch.text.normalize import MAX_WORD, fold_pattern

    assert fold_pattern(r"контракт\w*\s+\S+") == rf"контракт\w{{0,{MAX_WORD}}}\s+\S{{1,{MAX_WORD}}}"
    assert fold_pattern(r"a\\w*") == r"a\\w*"
    assert fold_pattern(r"\w+?x") == rf"\w{{1,{MAX_WORD}}}?x"
