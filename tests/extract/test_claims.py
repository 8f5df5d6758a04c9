"""Claims: attributed figures from synthetic articles (tests/data/claims), scored against gold,
and the rules that drive the extractor."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.errors import ConfigError
from recruitwatch.extract.claims import (
    FILES,
    JSON_KEYS,
    SUBJECTS,
    Claim,
    extract_claims,
    load_rules,
    load_rules_from,
)

DATA = Path(__file__).parent.parent / "data" / "claims"
GOLD: dict[str, Any] = yaml.safe_load((DATA / "gold.yaml").read_text(encoding="utf-8"))
RULES = resources.files("recruitwatch") / "resources" / "claims"
DOC_DATE = "2025-06-01"


def _text(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def _span(text: str, gold: dict[str, Any]) -> tuple[int, int]:
    start = -1
    for _ in range(gold.get("at", 0) + 1):
        start = text.index(gold["figure"], start + 1)
    return start, start + len(gold["figure"])


def _extracted(name: str) -> list[Claim]:
    return extract_claims(_text(name), doc=name, date=DOC_DATE)


def _matches(name: str) -> tuple[list[tuple[dict[str, Any], Claim]], int, int]:
    """(gold claim, extracted claim) pairs that agree on span and subject; gold and
    extracted counts."""
    text, claims = _text(name), _extracted(name)
    by_key = {(c.start, c.end, c.subject): c for c in claims}
    golds = GOLD[name]["claims"]
    pairs = [
        (g, by_key[(*_span(text, g), g["subject"])])
        for g in golds
        if (*_span(text, g), g["subject"]) in by_key
    ]
    return pairs, len(golds), len(claims)


def _score(names: list[str]) -> tuple[float, float]:
    matched = gold = found = 0
    for name in names:
        pairs, n_gold, n_found = _matches(name)
        matched, gold, found = matched + len(pairs), gold + n_gold, found + n_found
    return matched / max(found, 1), matched / max(gold, 1)


def _language(lang: str) -> list[str]:
    return [name for name, entry in GOLD.items() if entry["language"] == lang]


# ---------------------------------------------------------------- the gold set


def test_gold_set_is_what_the_tests_promise() -> None:
    counts = {lang: len(_language(lang)) for lang in ("en", "ar", "ru")}
    assert counts["en"] >= 4 and counts["ar"] >= 4 and counts["ru"] >= 2
    for name, entry in GOLD.items():
        text = _text(name)
        assert 2 <= len(entry["claims"]) <= 6, name
        for gold in entry["claims"]:
            assert gold["figure"] in text, (name, gold["figure"])
            assert gold["subject"] in SUBJECTS


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_precision_and_recall_per_language(lang: str) -> None:
    precision, recall = _score(_language(lang))
    assert precision >= 0.9, f"{lang} precision {precision:.2f}"
    assert recall >= 0.9, f"{lang} recall {recall:.2f}"


def test_precision_and_recall_overall() -> None:
    precision, recall = _score(list(GOLD))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_fields_of_every_matched_claim(name: str) -> None:
    pairs, _, _ = _matches(name)
    assert pairs, name
    for gold, claim in pairs:
        where = f"{name}: {gold['figure']!r}"
        assert claim.value_min == gold["value_min"], where
        assert claim.value_max == gold["value_max"], where
        assert claim.precision == gold["precision"], where
        assert claim.unit == gold["unit"], where
        assert claim.nationality == gold["nationality"], where
        assert claim.stance == gold["stance"], where
        if gold["claimant"] is None:
            assert claim.claimant is None, where
        else:
            assert claim.claimant is not None and gold["claimant"] in claim.claimant, where
        assert claim.date == gold.get("date", DOC_DATE), where


@pytest.mark.parametrize("name", sorted(GOLD))
def test_spans_and_sentences_of_fixture_claims(name: str) -> None:
    text = _text(name)
    for claim in _extracted(name):
        assert text[claim.start : claim.end] == claim.figure
        assert claim.figure in claim.sentence and claim.sentence in text
        assert claim.doc == name


# ---------------------------------------------------------------- behaviour, case by case


def _figures(text: str) -> list[tuple[str, str]]:
    return [(c.figure, c.subject) for c in extract_claims(text, doc="t")]


@pytest.mark.parametrize(
    "text",
    [
        "Recruitment began in 2022 and intensified in 2024.",
        "Since 2023, families have reported relatives missing.",
        "عام 2023 شهد تجنيد شبان من البصرة.",
        "Call 07701234567 if a relative is missing.",
        "The recruits were aged 20 to 35.",
        "تتراوح أعمار المجندين بين 18 و30 عاماً.",
        "Article 359 punishes anyone recruited into a foreign army.",
        "One of the men was killed near the border.",
        "The first recruits were killed in March.",
        "He was killed on 12 March 2024.",
        "Two countries signed contracts on recruitment.",
        "They signed one-year contracts and were sent to the front.",
        "Contact +964 770 123 4567 to report missing relatives.",
        "In 2024 the recruitment drive moved to Telegram.",
    ],
)
def test_numbers_that_are_no_counts(text: str) -> None:
    assert _figures(text) == []


def test_two_figures_two_subjects() -> None:
    text = "At least 300 Iraqis were killed and 150 are missing, the ministry said."
    claims = extract_claims(text, doc="t")
    assert [(c.figure, c.subject) for c in claims] == [
        ("At least 300", "killed"),
        ("150", "missing"),
    ]
    assert claims[0].nationality == "IQ"
    assert all(c.claimant == "the ministry" and c.stance == "said" for c in claims)


def test_unattributed_figure_is_reported_without_claimant() -> None:
    (claim,) = extract_claims("Dozens of Iraqis were killed in the east.", doc="t")
    assert (claim.figure, claim.precision, claim.claimant, claim.stance) == (
        "Dozens",
        "vague",
        None,
        "reported",
    )


def test_denial_of_any_is_zero() -> None:
    text = "The embassy denied that any Iraqis were fighting for Russia."
    (claim,) = extract_claims(text, doc="t")
    assert (claim.figure, claim.value_min, claim.value_max) == ("any", 0.0, 0.0)
    assert (claim.stance, claim.claimant, claim.subject) == ("denied", "The embassy", "recruited")


def test_any_without_negation_is_no_claim() -> None:
    assert _figures("Any Iraqis recruited will be paid.") == []


def test_salary_in_usd_and_rub() -> None:
    text = "Recruits were promised a salary of $3,000 a month or 250 thousand rubles a month."
    claims = extract_claims(text, doc="t")
    assert [(c.figure, c.unit, c.subject, c.value_min) for c in claims] == [
        ("$3,000", "USD", "salary", 3000.0),
        ("250 thousand rubles", "RUB", "salary", 250000.0),
    ]


def test_money_without_wage_cue_is_no_claim() -> None:
    assert _figures("The families hired a lawyer in Baghdad for 500 dollars.") == []


def test_statement_date_from_sentence_else_document_date() -> None:
    dated = "On 3 May 2025 the ministry said 12 Iraqis were killed."
    undated = "The ministry said 12 Iraqis were killed."
    assert extract_claims(dated, doc="t", date="2025-06-01")[0].date == "2025-05-03"
    assert extract_claims(undated, doc="t", date="2025-06-01")[0].date == "2025-06-01"
    assert extract_claims(undated, doc="t")[0].date is None


def test_since_date_is_not_the_statement_date() -> None:
    text = "Since March 2023, more than 400 Iraqis have been recruited, officials said."
    (claim,) = extract_claims(text, doc="t", date="2025-01-09")
    assert (claim.date, claim.value_min, claim.claimant) == ("2025-01-09", 400.0, "officials")


def test_arabic_diacritics_keep_exact_spans() -> None:
    text = "قُتِلَ ما لا يقلُّ عن ٣٠٠ عراقيٍّ، بحسبِ مصادرَ محليةٍ."
    (claim,) = extract_claims(text, doc="t")
    assert text[claim.start : claim.end] == claim.figure == "ما لا يقلُّ عن ٣٠٠"
    assert (claim.value_min, claim.precision, claim.subject) == (300.0, "at_least", "killed")
    assert claim.nationality == "IQ" and claim.stance == "according_to"


def test_russian_attribution_and_nationality() -> None:
    text = "По словам представителя МИД, в плену находятся около 30 граждан Ирака."
    (claim,) = extract_claims(text, doc="t")
    assert (claim.figure, claim.subject, claim.nationality) == ("около 30", "detained", "IQ")
    assert claim.stance == "according_to" and claim.claimant == "представителя МИД"


def test_other_nationalities() -> None:
    text = "About 40 Syrians and 25 Yemenis were recruited through the same network."
    claims = extract_claims(text, doc="t")
    assert [(c.figure, c.nationality) for c in claims] == [("About 40", "SY"), ("25", "YE")]


def test_absurd_counts_are_no_claims() -> None:
    big = str(10**40)
    assert _figures(f"{big} Iraqis were killed.") == []
    assert _figures("5,000,000,000 Iraqis were recruited.") == []


def test_to_json_has_the_eleven_keys_in_order() -> None:
    (claim,) = extract_claims("The ministry said 12 Iraqis were killed.", doc="d1")
    assert tuple(claim.to_json()) == JSON_KEYS
    assert list(claim.to_json()) == [
        "doc", "figure", "value_min", "value_max", "unit", "subject",
        "claimant", "stance", "sentence", "start", "end",
    ]  # fmt: skip
    record = claim.to_record()
    assert set(record) == set(JSON_KEYS) | {"precision", "nationality", "date"}
    assert record["nationality"] == "IQ" and record["precision"] == "exact"


# ---------------------------------------------------------------- never crash, spans valid

_ALPHABET = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۱۲۳ ,.-–/:%$+\n\t")
    + list("abcdefghijklmnopqrstuvwxyz")
    + ["\u200f", "\u200e", "\u202b", "\u202c", "\u0640", "\u064b", "\u0651", "\x00", "\x1b"]
    + list("عراقيينقتلجندواأكثرمننحوبيندولار")
    + list("иракцевпогиблиболеетысяч")
)
_WORDS = st.sampled_from(
    [
        "more than", "about", "between", "and", "Iraqis", "killed", "recruited", "missing",
        "said", "according to", "$", "dollars", "a month", "since", "2022", "5,000",
        "أكثر من", "عراقي", "قتلوا", "بين", "و", "آلاف", "قال", "بحسب", "دولار", "شهرياً",
        "более", "иракцев", "погибли", "тысяч", "заявил", "no", "any", "denied", "dozens",
        "٥٠٠٠", "thousand", "1.5", "million", ".", ",", "\u200f", str(10**40), "one of",
    ]
)  # fmt: skip


def _check(text: str) -> None:
    for claim in extract_claims(text, doc="h"):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.figure
        assert claim.subject in SUBJECTS
        assert tuple(claim.to_json()) == JSON_KEYS
        for value in (claim.value_min, claim.value_max):
            assert value is None or 0 <= value <= 1e12


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_extract_never_crashes_on_arbitrary_characters(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_extract_never_crashes_on_word_salad(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_crashes_on_any_unicode(text: str) -> None:
    _check(text)


# ---------------------------------------------------------------- the rules (YAML)


@pytest.mark.parametrize("name", FILES)
def test_each_rules_file_loads(name: str) -> None:
    raw = yaml.safe_load((RULES / name).read_text(encoding="utf-8"))
    assert isinstance(raw, dict) and raw


def test_every_pattern_compiles_and_rules_are_cached() -> None:
    rules = load_rules_from(RULES)
    assert rules.verbs and rules.cues and rules.nationalities
    assert load_rules() is load_rules()


def test_every_subject_has_cues_in_english_and_arabic() -> None:
    raw = yaml.safe_load((RULES / "subjects.yaml").read_text(encoding="utf-8"))
    assert set(raw["subjects"]) == set(SUBJECTS)
    for name, cues in raw["subjects"].items():
        assert cues.get("en") and cues.get("ar"), name


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    for name in FILES:
        shutil.copyfile(str(RULES / name), folder / name)
    return folder


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    (folder / "stances.yaml").write_text("en: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"stances\.yaml"):
        load_rules_from(folder)


def test_bad_pattern_names_the_file(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    raw = yaml.safe_load((folder / "subjects.yaml").read_text(encoding="utf-8"))
    raw["subjects"]["killed"]["en"].append("killed(")
    (folder / "subjects.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ConfigError, match=r"subjects\.yaml"):
        load_rules_from(folder)


def test_subject_without_arabic_cues_is_refused(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    raw = yaml.safe_load((folder / "subjects.yaml").read_text(encoding="utf-8"))
    del raw["subjects"]["missing"]["ar"]
    (folder / "subjects.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ConfigError, match=r"subjects\.yaml: missing"):
        load_rules_from(folder)


def test_missing_file_names_it(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    (folder / "context.yaml").unlink()
    with pytest.raises(ConfigError, match=r"context\.yaml"):
        load_rules_from(folder)
