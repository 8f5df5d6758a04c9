"""Document kind and the score: warnings and news full of lure words never outrank offers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.detect import classify_kind, explain, find_indicators, load_catalogue, score
from recruitwatch.extract import extract_entities
from recruitwatch.text import normalize

CATALOGUE = load_catalogue()

OFFERS = [
    "Security guards wanted in Moscow. Salary $3,000 a month, free flights and visa, Russian "
    "citizenship for you and your family. No experience needed. WhatsApp only +79123456789",
    "مطلوب شباب للعمل حراس امن في روسيا براتب ٣٠٠٠ دولار شهرياً، السفر والفيزا مجاناً، "
    "الجنسية الروسية لك ولعائلتك. للتواصل واتساب فقط 07701234567",
    "Требуются охранники в Москве, зарплата 250 тысяч рублей в месяц, проезд за счёт "
    "работодателя, гражданство РФ. Пишите только в Telegram @synthetic_rabota",
]
WARNINGS = [
    "WARNING: the Ministry of Foreign Affairs warns citizens not to respond to offers of work "
    "as security guards in Russia promising $3,000 a month, free visas and Russian citizenship "
    "for the family. Report such offers to the hotline.",
    "تحذر وزارة الخارجية المواطنين من عروض العمل حراس امن في روسيا براتب ٣٠٠٠ دولار شهرياً "
    "والجنسية الروسية لك ولعائلتك. يرجى عدم الاستجابة والإبلاغ عنها.",
    "Осторожно, мошенники! Посольство предупреждает: не отвечайте на предложения работы "
    "охранником в Москве с зарплатой 250 тысяч рублей в месяц и гражданством РФ.",
]
NEWS = [
    "According to a local newspaper, the court sentenced an intermediary who promised young "
    "men $3,000 a month and Russian citizenship; they were sent to the front, officials said.",
    "أفادت صحيفة محلية بأن محكمة النجف حكمت على متهم وعد شباباً براتب 3000 دولار شهرياً "
    "والجنسية الروسية، وقال مصدر إنهم وقعوا عقوداً مع وزارة الدفاع.",
    "Как сообщает издание, суд вынес приговор вербовщику, обещавшему зарплату 200 тысяч рублей "
    "в месяц и гражданство РФ, по данным следствия контракты заключались с Минобороны.",
]


def assess(text: str) -> tuple[str, float, str]:
    norm = normalize(text)
    hits = find_indicators(norm, CATALOGUE)
    kind = classify_kind(norm, hits, extract_entities(norm))
    value, band = score(hits, kind)
    return kind, value, band


@pytest.mark.parametrize("text", OFFERS)
def test_offers_are_offers_and_flagged_high(text: str) -> None:
    kind, _, band = assess(text)
    assert (kind, band) == ("offer", "high")


@pytest.mark.parametrize("text", WARNINGS)
def test_warnings_are_warnings_and_low(text: str) -> None:
    kind, _, band = assess(text)
    assert (kind, band) == ("warning", "low")


@pytest.mark.parametrize("text", NEWS)
def test_news_is_news_and_low(text: str) -> None:
    kind, _, band = assess(text)
    assert (kind, band) == ("news", "low")


def test_every_offer_outranks_every_warning_and_news_item() -> None:
    lowest_offer = min(assess(t)[1] for t in OFFERS)
    assert all(assess(t)[1] < lowest_offer for t in WARNINGS + NEWS)


def test_chatter_is_other_and_zero() -> None:
    assert assess("Good morning, the match is at eight tonight.") == ("other", 0.0, "low")


def test_score_is_a_noisy_or_and_bands_follow_thresholds() -> None:
    norm = normalize(OFFERS[0])
    hits = find_indicators(norm, CATALOGUE)
    value, _ = score(hits, "offer")
    expected = 1.0
    for hit in hits:
        expected *= 1 - hit.weight
    assert value == pytest.approx(1 - expected)
    assert score((), "offer") == (0.0, "low")


def test_salary_hit_says_the_parsed_amount() -> None:
    hits = {h.id: h for h in find_indicators(normalize(OFFERS[1]), CATALOGUE)}
    note = hits["salary_far_above_norm"].note or ""
    assert note.startswith("3000 USD/month") and "norm" in note


def test_official_route_hit_gives_the_reason() -> None:
    hits = {h.id: h for h in find_indicators(normalize("Embassy visa guaranteed"), CATALOGUE)}
    assert "Ministry of Defence" in (hits["official_route_contradiction"].note or "")


def test_explanations_in_arabic_and_english() -> None:
    hits = find_indicators(normalize(OFFERS[0]), CATALOGUE)
    english, arabic = explain(hits, "en"), explain(hits, "ar")
    assert len(english) == len(arabic) == len(hits)
    assert any("«$3,000 a month»" in line for line in english)
    assert all(any("\u0600" <= c <= "\u06ff" for c in line) for line in arabic)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_detection_never_raises_and_spans_lie_in_the_text(text: str) -> None:
    norm = normalize(text)
    for hit in find_indicators(norm, CATALOGUE):
        for span in hit.evidence:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
    kind, value, _ = assess(text)
    assert 0.0 <= value <= 1.0 and kind in ("offer", "warning", "news", "other")
