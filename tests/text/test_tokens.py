"""Tokens and shingles over normalised text."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.text import normalize_text, shingles, stable_hash, token_spans, tokens


def test_tokens_keep_urls_handles_and_scripts_together() -> None:
    text = normalize_text("مطلوب شباب! Work in Москва: t.me https://t.me/x @job_ru 3000$")
    assert tokens(text) == [
        "مطلوب",
        "شباب",
        "work",
        "in",
        "москва",
        "t.me",
        "https://t.me/x",
        "@job_ru",
        "3000",
    ]


def test_urls_without_scheme_are_one_token_without_trailing_punctuation() -> None:
    text = "راسلنا t.me/synthetic_jobs. او (www.example.org/apply), https://example.org/a?b=1!"
    assert tokens(text) == [
        "راسلنا",
        "t.me/synthetic_jobs",
        "او",
        "www.example.org/apply",
        "https://example.org/a?b=1",
    ]


def test_token_spans_locate_the_tokens() -> None:
    text = "работа, Москва 1000"
    assert [text[s:e] for s, e in token_spans(text)] == tokens(text) == ["работа", "Москва", "1000"]


def test_stable_hash_is_the_same_in_another_process() -> None:
    code = "from recruitwatch.text import stable_hash; print(stable_hash('work in moscow'))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert int(other.stdout) == stable_hash("work in moscow")
    assert stable_hash("work in moscow") != stable_hash("work in minsk")
    assert 0 <= stable_hash("عمل") < 2**64


def test_short_texts_have_one_shingle_and_empty_texts_none() -> None:
    assert shingles(["work", "visa"], 3) == {stable_hash("work visa")}
    assert shingles([], 3) == set()


PIECES = st.sampled_from(
    "work visa راتب شهريا работа 1000 t.me/ https:// www. @ . , ! _ ' ( ) x ؟ ё".split() + [" "] * 3
)
TEXT = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(1, 5))
def test_retokenised_text_has_the_same_tokens_and_shingles(text: str, k: int) -> None:
    words = tokens(text)
    again = tokens(" ".join(words))
    assert again == words
    assert shingles(again, k) == shingles(words, k)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(1, 5))
def test_shingle_count_is_at_most_tokens_minus_k_plus_one(text: str, k: int) -> None:
    words = tokens(text)
    found = shingles(words, k)
    assert len(found) <= max(len(words) - k + 1, 1 if words else 0)
    assert all(0 <= h < 2**64 for h in found)
