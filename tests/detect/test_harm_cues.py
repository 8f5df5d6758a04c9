"""Harm cues (`kinds: harm`) in every further language's file: people lured, sent to the war,
killed, missing, captured, trafficked, recruiters arrested. News and warnings tell of it; an
offer, genuine or a lure, never does. Every file has them, its own example sentences show
them in every usual spelling, the offer's words (reassurances, insurance terms, job ads) do
not, and (when the real development texts are at hand) a printout shows how many texts of
each real kind show a harm cue."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from recruitwatch.detect import load_kinds
from recruitwatch.detect.catalogue import compile_patterns
from recruitwatch.text import normalize

REAL = Path(__file__).parents[2].parent / "shared" / "data" / "real" / "real_dev.jsonl"
LANGUAGES = resources.files("recruitwatch") / "resources" / "indicators" / "languages"
LANGS = tuple(
    sorted(p.name.removesuffix(".yaml") for p in LANGUAGES.iterdir() if p.name.endswith(".yaml"))
)
LATIN = re.compile("[a-z]", re.IGNORECASE)
CYRILLIC = re.compile("[\u0400-\u04ff]")
ARABIC = re.compile("[\u0600-\u06ff]")
SCRIPTS: dict[str, tuple[re.Pattern[str], ...]] = {
    **{lang: (LATIN,) for lang in ("es", "fr", "pt", "it", "de", "sw", "kmr")},
    "uz": (LATIN, CYRILLIC),
    **{lang: (CYRILLIC,) for lang in ("ky", "tg", "bg", "uk")},
    **{lang: (ARABIC,) for lang in ("fa", "ur", "ckb")},
    "hi": (re.compile("[\u0900-\u097f]"),),
    "ne": (re.compile("[\u0900-\u097f]"),),
    "bn": (re.compile("[\u0980-\u09ff]"),),
    "pa": (re.compile("[\u0a00-\u0a7f]"),),
    "ta": (re.compile("[\u0b80-\u0bff]"),),
    "ml": (re.compile("[\u0d00-\u0d7f]"),),
    "si": (re.compile("[\u0d80-\u0dff]"),),
}
INDIC = ("hi", "ne", "bn", "pa", "ta", "ml", "si")
# Python's re does not count Indic vowel signs as word characters: \w, \b and \W split words.
WORD_CLASSES = re.compile(r"\\[wWbB]")
# Nukta letters precomposed or base + nukta; Malayalam chillu atomic or with virama + ZWJ.
NUKTA = {
    chr(cp): "".join(chr(int(h, 16)) for h in unicodedata.decomposition(chr(cp)).split())
    for cp in (*range(0x0958, 0x0960), 0x09DC, 0x09DD, 0x09DF, 0x0A33, 0x0A36, 0x0A59, 0x0A5E)
}
CHILLU = {"ൺ": "ണ്\u200d", "ൻ": "ന്\u200d", "ർ": "ര്\u200d", "ൽ": "ല്\u200d", "ൾ": "ള്\u200d"}


def language_file(lang: str) -> dict[str, Any]:
    raw = yaml.safe_load((LANGUAGES / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


FILES = {lang: language_file(lang) for lang in LANGS}
HARM_EXAMPLES = [
    (lang, text) for lang, raw in FILES.items() for text in raw["kinds"]["examples"]["harm"]
]


def spellings(text: str) -> set[str]:
    """The text as written, with nukta letters written both ways and old-style chillu."""
    precomposed, old_chillu = text, text
    for single, pair in NUKTA.items():
        precomposed = precomposed.replace(pair, single)
    decomposed = precomposed
    for single, pair in NUKTA.items():
        decomposed = decomposed.replace(single, pair)
    for atomic, old in CHILLU.items():
        old_chillu = old_chillu.replace(atomic, old)
    return {text, precomposed, decomposed, old_chillu}


def harm_cues(text: str) -> list[str]:
    return [m.group(0) for m in load_kinds().harm.finditer(normalize(text).text)]


def test_the_language_files_are_all_here() -> None:
    assert set(LANGS) == set(SCRIPTS), set(LANGS) ^ set(SCRIPTS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_harm_cues_and_examples(lang: str) -> None:
    kinds = FILES[lang]["kinds"]
    assert kinds.get("harm"), f"{lang}: kinds.harm is missing"
    examples = kinds["examples"].get("harm") or []
    assert len(examples) >= 2, f"{lang}: kinds.examples.harm needs two sentences"
    for text in examples:
        assert any(script.search(text) for script in SCRIPTS[lang]), (lang, text)
    for script in SCRIPTS[lang]:  # Uzbek: both of its scripts
        assert any(script.search(t) for t in examples), (lang, script.pattern)


@pytest.mark.parametrize(("lang", "text"), HARM_EXAMPLES)
def test_harm_examples_show_a_harm_cue_of_their_own_language(lang: str, text: str) -> None:
    own = compile_patterns(FILES[lang]["kinds"]["harm"], f"{lang}: harm")
    for spelling in spellings(text):
        assert own.search(normalize(spelling).text), (lang, spelling)
        assert harm_cues(spelling), (lang, spelling)


@pytest.mark.parametrize("lang", INDIC)
def test_indic_harm_cues_use_no_word_classes(lang: str) -> None:
    for pattern in FILES[lang]["kinds"]["harm"]:
        assert not WORD_CLASSES.search(pattern), (lang, pattern)


@pytest.mark.parametrize("lang", LANGS)
def test_offer_examples_show_no_harm_cue(lang: str) -> None:
    # An offer never tells of harm: any cue on its words would teach the kind model wrong.
    for text in FILES[lang]["kinds"]["examples"]["offer"]:
        assert not harm_cues(text), (lang, text, harm_cues(text))


# The offer's own words that sit nearest to harm: reassurances ("you will not be sent to the
# front"), insurance terms ("if wounded or killed"), genuine ads. Our own sentences.
OFFER_WORDS = [
    "We are hiring warehouse staff in Dubai. Free visa and ticket, apply now on WhatsApp.",
    "مطلوب حراس أمن للعمل في موسكو، السكن مجاني، للتواصل واتساب.",
    "Требуются водители, оформление по ТК, соцпакет, звоните.",
    "No irás al frente, trabajarás en la retaguardia. Escríbenos por WhatsApp.",
    "Vous ne serez pas envoyés au front. Salaire de départ 1 500 dollars, postulez.",
    "Você não vai para a linha de frente. Inscreva-se pelo link.",
    "Sie werden nicht an die Front geschickt. Bewerben Sie sich jetzt!",
    "Hutapelekwa mstari wa mbele. Tuma CV yako kupitia WhatsApp.",
    "Frontga yuborilmaysiz, faqat qo‘riqlash ishi. Bog‘laning.",
    "Фронтга юборилмайсиз. Боғланинг.",
    "به خط مقدم فرستاده نمی‌شوید؛ همین حالا تماس بگیرید.",
    "آپ کو محاذ پر نہیں بھیجا جائے گا، رابطہ کریں۔",
    "زخمی ہونے پر معاوضہ اور مفت علاج، ابھی واٹس ایپ کریں۔",
    "Фронтко жөнөтүлбөйсүз, чалыңыз.",
    "Ба ҷабҳа фиристода намешавед, ба мо занг занед.",
    "Няма да ходите на фронта. Обадете се днес.",
    "Виплати сім'ї у разі поранення або загибелі. Телефонуйте.",
    "आपको युद्ध में नहीं भेजा जाएगा, तुरंत व्हाट्सएप करें।",
    "মৃত্যু হলে পরিবারকে ক্ষতিপূরণ দেওয়া হবে, যোগাযোগ করুন।",
    "তাদের যুদ্ধে পাঠানো হবে না, আবেদন করুন।",
    "ਤੁਹਾਨੂੰ ਜੰਗ ਵਿੱਚ ਨਹੀਂ ਭੇਜਿਆ ਜਾਵੇਗਾ, ਸੰਪਰਕ ਕਰੋ।",
    "Offerta di lavoro: magazzinieri a tempo indeterminato, inviare il CV.",
    "Non sarete mandati al fronte: si richiede solo di far fronte alle consegne.",
    "No serás enviado al frente ni obligado a combatir. Postúlate hoy.",
    "Você não será enviado para a linha de frente nem obrigado a lutar.",
    "Vous ne serez pas obligés de combattre, contactez-nous.",
    "Sie werden nicht zum Kampf gezwungen. Wir bieten ein festes Gehalt.",
    "Hutapelekwa vitani na hutalazimishwa kupigana. Wasiliana nasi.",
    "Няма да бъдете изпратени на фронта и няма да бъдете принудени да воювате.",
    "Ви не будете відправлені на фронт і не будете змушені воювати.",
    "Сизди согушка мажбурлабайбыз, жазыңыз.",
    "مجبور به جنگیدن نیستید، پیام بدهید.",
    "آپ کو لڑنے پر مجبور نہیں کیا جائے گا۔",
    "आपको लड़ने के लिए मजबूर नहीं किया जाएगा, आवेदन करें।",
    "युद्धमा पठाइने छैन, सम्पर्क गर्नुहोस्।",
    "যুদ্ধ করতে বাধ্য করা হবে না, ফ্রন্টে পাঠানো হবে না।",
    "ਲੜਨ ਲਈ ਮਜਬੂਰ ਨਹੀਂ ਕੀਤਾ ਜਾਵੇਗਾ, ਸੰਪਰਕ ਕਰੋ।",
    "போர்முனைக்கு அனுப்பப்பட மாட்டீர்கள், தொடர்பு கொள்ளவும்.",
    "ඔබව යුද පෙරමුණට යවන්නේ නැත, අමතන්න.",
    "യുദ്ധമുഖത്തേക്ക് അയയ്ക്കില്ല, ബന്ധപ്പെടുക.",
    "Magasinier H/F en CDI, contrat à long terme : envoyez votre candidature.",
]


@pytest.mark.parametrize("text", OFFER_WORDS)
def test_the_offers_own_words_show_no_harm_cue(text: str) -> None:
    assert not harm_cues(text), (text, harm_cues(text))


def real_texts() -> list[dict[str, Any]]:
    if not REAL.exists():
        pytest.skip(f"real development texts absent ({REAL}); they are kept outside the repo")
    return [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line]


def test_real_texts_printout() -> None:
    """Prints how many real texts of each kind show a harm cue, all languages and these
    languages alone (news and accounts of lures should mostly; legitimate ads and the
    offer's own words rarely), and which cues fire on ads. Nothing asserted beyond running:
    a few texts per language justify no threshold, and they check generality, not fit."""
    own_langs = set(LANGS) | {"ku"}
    shown: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for row in real_texts():
        cues = harm_cues(row["text"])
        for group in ("all", "these") if row["lang"] in own_langs else ("all",):
            total[group, row["kind"]] += 1
            shown[group, row["kind"]] += bool(cues)
        if row["lang"] in own_langs:
            print(f"{row['id']:<22} {row['kind']:<17} harm {len(cues):>2} {sorted(set(cues))[:4]}")
    for group, kind in sorted(total):
        print(f"{group:<6} {kind:<17} {shown[group, kind]:>3}/{total[group, kind]} show harm")
