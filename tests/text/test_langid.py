"""Offline language identification."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.text import identify, identify_scores
from recruitwatch.text.langid import dominant_script, languages

# Synthetic sentences of the kind the offers are written in, several per language.
SENTENCES = [
    ("ar", "مطلوب شباب للعمل في روسيا براتب ممتاز والسفر على حساب الشركة"),
    ("ar", "اكو شغل زين للشباب بالخارج، راتب هواية، راسلني على الخاص"),
    ("ar", "نوفر لكم فرصة دراسة في الجامعات الروسية مع منحة كاملة وسكن مجانا"),
    ("ar", "اكو شغل بروسيا والراتب زين، گلي شنو عمرك حتى اسجلك، چم يوم وتسافر"),
    ("ar", "هل تبحث عن عمل في الخارج؟ تواصل معنا الآن"),
    ("en", "Security guards wanted for a warehouse, no experience is needed for this job"),
    ("en", "We offer free visa, flight and accommodation to all young men who apply now"),
    ("en", "Study in Russia with a full scholarship and a part-time job while you study"),
    ("ru", "Требуются охранники на склад, опыт работы не нужен, зарплата в месяц"),
    ("ru", "Мы поможем с визой и билетами, жильё бесплатно, пишите в личные сообщения"),
    ("ru", "Работа для иностранцев без знания языка, оплата каждую неделю"),
    ("uk", "Робота в Росії для молоді, зарплата велика і житло є"),
    ("uk", "Ми допоможемо з документами, але треба їхати вже цього тижня"),
    ("uk", "Шукаємо водіїв та охоронців, досвід не потрібен, оплата щотижня"),
    ("fa", "کار در روسیه با حقوق بالا برای جوانان ایرانی است و ویزا رایگان"),
    ("fa", "ما به شما کمک می کنیم تا ویزای کار بگیرید و بلیط هواپیما را هم می دهیم"),
    ("fa", "برای ثبت نام همین امروز به این شماره پیام بدهید"),
    ("ur", "یہ کام بہت اچھا ہے اور آپ کے لیے ہے، ہم آپ کی مدد کریں گے"),
    ("ur", "روس میں نوکری کے لیے نوجوانوں کی ضرورت ہے، تنخواہ بہت اچھی ہے"),
    ("ur", "ویزا اور ٹکٹ کمپنی دے گی، آپ کو صرف پاسپورٹ بھیجنا ہے"),
    ("ckb", "لە کوردستان کار هەیە بۆ گەنجان بە مووچەیەکی باش"),
    ("ckb", "ئێمە یارمەتیت دەدەین بۆ وەرگرتنی ڤیزا و بلیتی فڕۆکە"),
    ("ckb", "بۆ خوێندن لە ڕووسیا پەیوەندیمان پێوە بکە"),
    ("ku", "Li Kurdistanê kar heye ji bo ciwanan, tu dikarî bi me re têkilî daynî"),
    ("ku", "Em ê ji we re vîze û bilêta balafirê amade bikin"),
    ("ku", "Ji bo xwendinê li Rûsyayê bi me re peywendiyê bikin"),
    ("hi", "यह काम बहुत अच्छा है और आप के लिए है, हम आप की मदद करेंगे"),
    ("hi", "रूस में नौकरी के लिए युवाओं की जरूरत है, वेतन बहुत अच्छा है"),
    ("hi", "वीज़ा और टिकट कंपनी देगी, आपको सिर्फ पासपोर्ट भेजना है"),
    ("ne", "यो काम राम्रो छ र तपाईं को लागि हो, हामी पनि नेपाल मा छौं"),
    ("ne", "रुसमा काम गर्न युवाहरू चाहिन्छ, तलब धेरै राम्रो छ"),
    ("ne", "भिसा र टिकट कम्पनीले दिन्छ, तपाईंले पासपोर्ट मात्र पठाउनुहोस्"),
    ("es", "Trabajo en Rusia sin experiencia para los jóvenes, el salario es bueno"),
    ("es", "Ofrecemos visa, vuelo y alojamiento gratis a todos los que se inscriban hoy"),
    ("es", "Estudia en Rusia con una beca completa y un trabajo a tiempo parcial"),
    ("fr", "Travail en Russie pour les jeunes sans expérience, le salaire est bon"),
    ("fr", "Nous offrons le visa, le billet d'avion et le logement à tous les candidats"),
    ("fr", "Étudiez en Russie avec une bourse complète et un emploi à temps partiel"),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_identifies(lang: str, text: str) -> None:
    assert identify(text) == lang


def test_arabic_post_with_an_english_link_is_arabic() -> None:
    text = "للتواصل على الرابط https://t.me/synthetic_jobs_recruitment_offers مطلوب شباب"
    assert identify(text) == "ar"


def test_russian_post_with_latin_brand_names_is_russian() -> None:
    assert identify("Работа на складе Wildberries Ozon, зарплата каждую неделю, звоните") == "ru"


def test_too_short_or_no_letters_is_undetermined() -> None:
    assert identify("") == "und"
    assert identify("12345 !!! 😀") == "und"
    assert identify("ok") == "und"


def test_short_text_without_known_words_gets_its_scripts_main_language() -> None:
    assert identify("Security guards Moscow") == "en"
    assert identify("Охранники склад Москва") == "ru"


def test_english_with_few_function_words_is_english() -> None:
    assert identify("Jobs abroad, good conditions, message me: +7 900 000 00 00") == "en"


def test_cyrillic_without_known_words_is_russian() -> None:
    assert identify("Склад Москва, охранники, грузчики, водители, повара, официанты срочно") == "ru"


def test_long_latin_text_of_an_unknown_language_is_undetermined() -> None:
    german = "Sicherheitsleute gesucht, Lager nahe Moskau, gute Bezahlung, Unterkunft gestellt"
    assert identify(german) == "und"


def test_scores_cover_only_the_dominant_script() -> None:
    scores = identify_scores("کار در روسیه با حقوق بالا برای جوانان")
    assert set(scores) == {"ar", "fa", "ur", "ckb"}
    assert max(scores, key=scores.__getitem__) == "fa"
    assert dominant_script("Москва Moscow Москва") == "cyrillic"


def test_every_language_has_words_and_a_script() -> None:
    codes = {lang.code for lang in languages()}
    assert {"ar", "en", "ru", "uk", "ckb", "ku", "fa", "hi", "ur", "ne", "es", "fr"} <= codes
    for lang in languages():
        assert lang.script in {"arabic", "cyrillic", "devanagari", "latin"}
        assert 30 <= len(lang.words) <= 80, lang.code
        assert all(w == w.lower() and " " not in w for w in lang.words), lang.code


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_returns_a_known_code(text: str) -> None:
    assert identify(text) in {lang.code for lang in languages()} | {"und"}
