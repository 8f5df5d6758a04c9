"""Tokens and shingles over normalised text."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.text import normalize_text, shingles, stable_hash, tokens


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


def test_stable_hash_is_the_same_in_another_process() -> None:
    code = "from recruitwatch.text import stable_hash; print(stable_hash('work in moscow'))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert int(other.stdout) == stable_hash("work in moscow")
    assert stable_hash("work in moscow") != stable_hash("work in minsk")


WORDS = st.lists(st.sampled_from(["work", "visa", "راتب", "شهريا", "работа", "1000"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 5))
def test_shingle_count_and_determinism(words: list[str], k: int) -> None:
    found = shingles(words, k)
    assert len(found) <= max(len(words) - k + 1, 1 if words else 0)
    assert found == shingles(tokens(" ".join(words)), k)
