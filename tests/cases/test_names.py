"""Cross-script name tokens and keys.

All names here are invented or synthetic combinations of common given names; none refers to
a real case.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.cases.names import name_key, name_keys, name_tokens

SAME_KEY = [
    ["محمد", "Mohammed", "Muhammad", "Mohamed", "Мухаммед", "Muhammed"],
    ["علي", "Ali", "Али"],
    ["حسين", "Hussein", "Husayn", "Хусейн"],
    ["كاظم", "Kadhim", "Kazim", "Kathem", "Казым"],
    ["جعفر", "Jafar", "Jaafar", "Джафар", "Ja'far"],
    ["عبد الله", "Abdullah", "Abdallah", "Абдулла", "عبدالله"],
    ["حيدر", "Haidar", "Hayder", "Хайдар"],
    ["الساعدي", "Al-Saadi", "al-Sa'idi", "Аль-Саади", "al-Saʿidi"],
    ["زينب", "Zainab", "Zaynab", "Зейнаб"],
    ["عمر", "Omar", "Umar"],
    ["يوسف", "Yusuf", "Юсуф"],
    ["كريم", "Karim", "Kareem"],
]


@pytest.mark.parametrize("group", SAME_KEY, ids=lambda g: g[1])
def test_spellings_share_a_key(group: list[str]) -> None:
    keys = {name_key(spelling) for spelling in group}
    assert len(keys) == 1, [(s, name_key(s)) for s in group]


@pytest.mark.parametrize("group", SAME_KEY, ids=lambda g: g[1])
def test_key_is_short_ascii(group: list[str]) -> None:
    for spelling in group:
        key = name_key(spelling)
        assert key.isascii() and key.isalpha() and 0 < len(key) <= 16


@pytest.mark.parametrize(
    ("first", "second"),
    [("Ali", "Zainab"), ("Mohammed", "Kadhim"), ("Jafar", "Haidar"), ("علي", "Omar")],
)
def test_different_names_differ(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)
    assert name_key(second) != name_key(first)


@pytest.mark.parametrize(
    "spelling",
    ["Abd al-Rahman", "Abdulrahman", "Abdel Rahman", "عبد الرحمن", "عبدالرحمن", "Абдуррахман"],
)
def test_abd_compounds_are_one_token_with_one_key(spelling: str) -> None:
    assert len(name_tokens(spelling)) == 1
    assert name_keys(spelling) == name_keys("Abd al-Rahman")


def test_particles_are_dropped_or_joined() -> None:
    assert name_keys("Ali bin Hussein") == name_keys("Ali Hussein")
    assert name_keys("علي بن حسين") == name_keys("Ali Hussein")
    assert name_keys("Ali ibn Hussein al-Saadi") == name_keys("علي حسين الساعدي")
    assert name_keys("Abu Bakr") == name_keys("ابو بكر")
    assert len(name_tokens("Abu Bakr")) == 1


def test_full_names_across_scripts() -> None:
    latin = name_keys("Mohammed Kadhim Jafar Al-Saadi")
    assert name_keys("محمد كاظم جعفر الساعدي") == latin
    assert name_keys("Мухаммед Казым Джафар Аль-Саади") == latin
    assert len(latin) == 4


def test_arabic_letter_variants_fold() -> None:
    assert name_tokens("أحمد") == name_tokens("احمد") == name_tokens("إحمد")
    assert name_tokens("فاطمة") == name_tokens("فاطمه")
    assert name_tokens("مصطفى") == name_tokens("مصطفي")
    assert name_key("فاطمة") == name_key("Fatima") == name_key("Fatimah")


def test_empty_and_noise() -> None:
    assert name_tokens("") == []
    assert name_keys("  - 123 ... ") == []
    assert name_key("") == ""


# --- properties -------------------------------------------------------------------------

_ARABIC_NAMES = ["محمد كاظم الساعدي", "زينب حسين", "عبد الرحمن جعفر", "علي بن حيدر", "فاطمة"]
_OTHER_NAMES = [
    "Mohammed Kadhim Al-Saadi",
    "Zainab Hussein",
    "Абдуррахман Джафар",
    "Ali bin Haidar",
]
_TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]


@given(st.text())
def test_name_key_is_ascii_for_any_text(text: str) -> None:
    key = name_key(text)
    assert key.isascii()
    assert all(k.isascii() and k for k in name_keys(text))


@given(st.sampled_from(_ARABIC_NAMES), st.data())
def test_tashkeel_tatweel_and_spaces_do_not_change_tokens(name: str, data: st.DataObject) -> None:
    noisy = []
    for ch in name:
        noisy.append(ch)
        if ch == " ":
            noisy.append(" " * data.draw(st.integers(0, 3)))
        elif "\u0621" <= ch <= "\u064a":
            noisy.append("".join(data.draw(st.lists(st.sampled_from(_TASHKEEL), max_size=2))))
    padded = " " * data.draw(st.integers(0, 2)) + "".join(noisy) + "\t"
    assert name_tokens(padded) == name_tokens(name)


_ACCENTED = {"a": "áàâä", "e": "éèêë", "i": "íìîï", "o": "óòôö", "u": "úùûü"}


@given(st.sampled_from(_OTHER_NAMES), st.data())
def test_accents_and_spaces_do_not_change_tokens(name: str, data: st.DataObject) -> None:
    noisy = []
    for ch in name:
        if ch in _ACCENTED and data.draw(st.booleans()):
            noisy.append(data.draw(st.sampled_from(_ACCENTED[ch])))
        elif ch == " ":
            noisy.append(" " * data.draw(st.integers(1, 4)))
        else:
            noisy.append(ch)
    assert name_tokens("".join(noisy)) == name_tokens(name)


@given(st.text(max_size=40))
def test_tokens_are_stable_under_retokenising(text: str) -> None:
    keys = name_keys(text)
    assert [name_key(token) for token in name_tokens(text) if name_key(token)] == keys
