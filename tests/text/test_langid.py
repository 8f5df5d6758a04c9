"""Offline language identification."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.text import identify
from recruitwatch.text.langid import languages

SENTENCES = [
    ("ar", "مطلوب شباب للعمل في روسيا براتب ممتاز والسفر على حساب الشركة"),
    ("ar", "اكو شغل زين للشباب بالخارج، راتب هواية، راسلني على الخاص"),
    ("en", "Security guards wanted for a warehouse, no experience is needed for this job"),
    ("ru", "Требуются охранники на склад, опыт работы не нужен, зарплата в месяц"),
    ("ckb", "لە کوردستان کار هەیە بۆ گەنجان بە مووچەیەکی باش"),
    ("ku", "Li Kurdistanê kar heye ji bo ciwanan, tu dikarî bi me re têkilî daynî"),
    ("fa", "کار در روسیه با حقوق بالا برای جوانان ایرانی است و ویزا رایگان"),
    ("hi", "यह काम बहुत अच्छा है और आप के लिए है, हम आप की मदद करेंगे"),
    ("ne", "यो काम राम्रो छ र तपाईं को लागि हो, हामी पनि नेपाल मा छौं"),
    ("ur", "یہ کام بہت اچھا ہے اور آپ کے لیے ہے، ہم آپ کی مدد کریں گے"),
    ("es", "Trabajo en Rusia sin experiencia para los jóvenes, el salario es bueno"),
    ("fr", "Travail en Russie pour les jeunes sans expérience, le salaire est bon"),
    ("uk", "Робота в Росії для молоді, зарплата велика і житло є"),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_identifies(lang: str, text: str) -> None:
    assert identify(text) == lang


def test_arabic_post_with_an_english_link_is_arabic() -> None:
    assert identify("للتواصل على الرابط https://t.me/synthetic_jobs مطلوب شباب للعمل") == "ar"


def test_too_short_or_no_letters_is_undetermined() -> None:
    assert identify("") == "und"
    assert identify("12345 !!! 😀") == "und"


def test_every_language_has_words_and_a_script() -> None:
    codes = {lang.code for lang in languages()}
    assert {"ar", "en", "ru", "ckb", "ku", "fa", "hi", "ur", "ne", "es", "fr"} <= codes
    assert all(lang.words and lang.script for lang in languages())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_returns_a_known_code(text: str) -> None:
    assert identify(text) in {lang.code for lang in languages()} | {"und"}
