"""The reality benchmark: the scan judged on real texts of five kinds.

Real texts (lures' own words, accounts of lures, genuine job ads, official warnings, news)
are read with their kind and gold entities, grouped so that a page's items and one story's
items never straddle a split, and scored by several systems side by side: recruitwatch
(indicators, kind model and lure model), the indicators alone, a keyword count and a naive
character n-gram model. Wherever a system learns from the real texts, its figures are
out-of-fold: every fold trains it afresh on the other folds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
import yaml
from sklearn.model_selection import GroupKFold

from recruitwatch.errors import InvalidInput
from recruitwatch.extract.gold import has_figure, promised_pay_found
from recruitwatch.ingest import read_inputs
from recruitwatch.model import Assessment, Record, Reject
from recruitwatch.text.normalize import normalize, normalize_text

REAL_KINDS = ("offer_verbatim", "offer_described", "job_legit", "official_warning", "news_article")
# The document kinds that count as right for each real kind: an account of a lure is
# reporting (news) or advice (warning), never the offer itself.
RIGHT_KINDS: dict[str, frozenset[str]] = {
    "offer_verbatim": frozenset({"offer"}),
    "job_legit": frozenset({"offer"}),
    "official_warning": frozenset({"warning"}),
    "news_article": frozenset({"news"}),
    "offer_described": frozenset({"news", "warning"}),
}
TRAIN_KIND = {  # the kind a real text teaches the kind model
    "offer_verbatim": "offer",
    "job_legit": "offer",
    "official_warning": "warning",
    "news_article": "news",
    "offer_described": "news",
}
LURE_KINDS = frozenset({"offer_verbatim", "offer_described"})  # what the naive model learns
PAIRS = (("offer_verbatim", "job_legit"), ("offer_verbatim", "official_warning"))
CONTACT_TYPES = frozenset({"phone", "handle", "link", "email"})


@dataclass(frozen=True)
class RealText:
    """One real text: its record, kind, gold entities and the group it is kept in."""

    record: Record
    kind: str
    gold: tuple[dict[str, Any], ...]
    lang: str
    group: int = 0

    @property
    def id(self) -> str:
        return self.record.id or self.record.content_hash[:16]


def read_real(path: str | Path) -> tuple[list[RealText], list[Reject]]:
    """The labelled real texts of a JSON Lines file (fields `kind`, `lang`, `gold`,
    `source_url`), grouped; records without a known kind are rejected with the reason."""
    if not Path(path).exists():
        raise InvalidInput(f"{path}: no such file")
    texts: list[RealText] = []
    rejects: list[Reject] = []
    for item in read_inputs([str(path)]):
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        kind = str(item.meta.get("kind") or "")
        if kind not in REAL_KINDS:
            where = item.provenance
            reason = f"kind {kind[:40]!r} is not one of {', '.join(REAL_KINDS)}"
            rejects.append(Reject(where, reason))
            continue
        gold = item.meta.get("gold") or []
        gold = tuple(g for g in gold if isinstance(g, dict)) if isinstance(gold, list) else ()
        texts.append(RealText(item, kind, gold, str(item.lang or "und")))
    groups = story_groups(texts)
    return [_with_group(t, int(g)) for t, g in zip(texts, groups, strict=True)], rejects


def _with_group(text: RealText, group: int) -> RealText:
    return RealText(text.record, text.kind, text.gold, text.lang, group)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def story_groups(texts: Sequence[RealText]) -> np.ndarray[Any, np.dtype[np.int_]]:
    """One group per page or story: texts from one site, near-duplicate texts, and texts
    naming the same recruiter, agency or channel are kept together."""
    union = _Union(len(texts))
    first: dict[str, int] = {}
    for n, text in enumerate(texts):
        for key in _story_keys(text):
            if key in first:
                union.join(n, first[key])
            else:
                first[key] = n
    for a, b in _near_duplicates([t.record.text for t in texts]):
        union.join(a, b)
    numbering: dict[int, int] = {}
    return np.array(
        [numbering.setdefault(union.find(i), len(numbering)) for i in range(len(texts))]
    )


def _story_keys(text: RealText) -> list[str]:
    keys = []
    url = str(text.record.meta.get("source_url") or text.record.url or "")
    host = urlparse(url).netloc.lower().removeprefix("www.").removeprefix("mail.")
    if host:
        keys.append(f"site:{host}")
    for gold in text.gold:
        if gold.get("type") in {"recruiter", "agency", "channel", "handle", "phone"}:
            value = normalize_text(str(gold.get("value") or "")).strip()
            if len(value) >= 6:
                keys.append(f"{gold['type']}:{value}")
    return keys


def _near_duplicates(texts: Sequence[str], threshold: float = 0.5) -> list[tuple[int, int]]:
    """Pairs of texts sharing at least `threshold` of their word 3-shingles (Jaccard)."""
    shingles = []
    for text in texts:
        words = normalize_text(text).split()
        shingles.append({" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))})
    pairs = []
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            union = len(shingles[a] | shingles[b]) or 1
            if len(shingles[a] & shingles[b]) / union >= threshold:
                pairs.append((a, b))
    return pairs


def folds(texts: Sequence[RealText], k: int = 5) -> list[tuple[list[int], list[int]]]:
    """Grouped k-fold splits (train rows, test rows): a group never straddles a split."""
    groups = np.array([t.group for t in texts])
    k = min(k, np.unique(groups).size)
    if k < 2:
        raise InvalidInput("need at least two groups of real texts to cross-validate")
    rows = np.arange(len(texts))
    return [
        (train.tolist(), test.tolist())
        for train, test in GroupKFold(n_splits=k).split(rows, groups=groups)
    ]


# Systems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one system said about one real text. Fields a system does not produce are None."""

    id: str
    kind: str  # the gold real kind
    lang: str  # the gold language
    score: float
    predicted_kind: str | None = None
    language: str | None = None
    lure_evidence: bool | None = None  # a lure indicator fired, with evidence
    pay_found: bool | None = None  # the gold promised pay came out as a money entity


# A system: trained on some real texts (none for systems that learn nothing from them),
# it scores others.
Scorer = Callable[[Sequence[RealText]], list[Outcome]]
System = Callable[[Sequence[RealText]], Scorer]


def out_of_fold(system: System, texts: Sequence[RealText], k: int = 5) -> list[Outcome]:
    """Every text scored by a system trained on the folds that do not hold its group."""
    found: dict[int, Outcome] = {}
    for train, test in folds(texts, k):
        scorer = system([texts[i] for i in train])
        for i, outcome in zip(test, scorer([texts[i] for i in test]), strict=True):
            found[i] = outcome
    return [found[i] for i in range(len(texts))]


def outcome_of(text: RealText, verdict: Assessment) -> Outcome:
    """A scan verdict judged against the text's gold."""
    lure = any(h.evidence and h.id != "messenger_only_contact" for h in verdict.indicators)
    pay = pay_found(text, verdict) if text.kind == "offer_described" else None
    return Outcome(
        text.id,
        text.kind,
        text.lang,
        verdict.score,
        verdict.kind,
        verdict.language,
        lure,
        pay,
    )


def promised_pay(text: RealText) -> list[str]:
    """The gold salary values that state a figure (vague ones, "competitive pay", are left
    out: no amount can match them)."""
    values = [str(g.get("value") or "") for g in text.gold if g.get("type") == "salary"]
    return [v for v in values if has_figure(v)]


def pay_found(text: RealText, verdict: Assessment) -> bool | None:
    """Whether a money entity carries the gold promised pay (None: no figure promised)."""
    wanted = promised_pay(text)
    if not wanted:
        return None
    return promised_pay_found(text.record.text, wanted, verdict.entities)


@cache
def keywords() -> re.Pattern[str]:
    """The keyword baseline's lure words (about eighty, six languages), folded."""
    path = resources.files("recruitwatch") / "resources" / "realeval" / "keywords.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = [normalize_text(w) for lang in raw.values() for w in lang]
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def keyword_system(_: Sequence[RealText]) -> Scorer:
    """Counting lure words: how many distinct ones a text holds, squashed to [0, 1)."""

    def score(texts: Sequence[RealText]) -> list[Outcome]:
        found = []
        for text in texts:
            count = len(set(keywords().findall(normalize(text.record.text).text)))
            found.append(Outcome(text.id, text.kind, text.lang, count / (count + 2.0)))
        return found

    return score


def naive_system(train: Sequence[RealText]) -> Scorer:
    """The naive baseline: character n-gram TF-IDF and a logistic regression, trained on
    the real texts of the training folds (lures and accounts of lures against the rest)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([t.record.text for t in train])
    labels = [int(t.kind in LURE_KINDS) for t in train]
    model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
    model.fit(matrix, labels)

    def score(texts: Sequence[RealText]) -> list[Outcome]:
        probabilities = model.predict_proba(vectorizer.transform([t.record.text for t in texts]))
        return [
            Outcome(t.id, t.kind, t.lang, float(p[1]))
            for t, p in zip(texts, probabilities, strict=True)
        ]

    return score


# Figures ------------------------------------------------------------------------------


@dataclass
class Figures:
    """One system's figures on the real texts."""

    system: str
    auc: dict[str, float | None] = field(default_factory=dict)  # "offer_verbatim vs job_legit"
    auc_by_language: dict[str, dict[str, float | None]] = field(default_factory=dict)
    kind_right: dict[str, float] = field(default_factory=dict)  # real kind -> share right
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # real kind -> predicted
    lure_evidence: float | None = None  # offer_described with a lure indicator
    pay_found: float | None = None  # offer_described whose promised pay is a money entity
    pay_n: int = 0
    language_right: dict[str, float] = field(default_factory=dict)
    language_n: dict[str, int] = field(default_factory=dict)
    language_overall: float | None = None

    def to_json(self) -> dict[str, Any]:
        shape: dict[str, Any] = json.loads(json.dumps(self.__dict__, default=float))
        return shape


def auc(outcomes: Sequence[Outcome], positive: str, negative: str) -> float | None:
    """ROC-AUC of `positive` real texts against `negative` ones (ties count a half)."""
    pos = [o.score for o in outcomes if o.kind == positive]
    neg = [o.score for o in outcomes if o.kind == negative]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def figures(system: str, outcomes: Sequence[Outcome]) -> Figures:
    result = Figures(system)
    for positive, negative in PAIRS:
        name = f"{positive} vs {negative}"
        result.auc[name] = auc(outcomes, positive, negative)
        langs = sorted({o.lang for o in outcomes if o.kind == positive})
        result.auc_by_language[name] = {
            lang: auc([o for o in outcomes if o.lang == lang], positive, negative) for lang in langs
        }
    if all(o.predicted_kind is not None for o in outcomes):
        for kind in REAL_KINDS:
            mine = [o for o in outcomes if o.kind == kind]
            if mine:
                right = sum(o.predicted_kind in RIGHT_KINDS[kind] for o in mine)
                result.kind_right[kind] = right / len(mine)
                result.confusion[kind] = dict(Counter(str(o.predicted_kind) for o in mine))
    described = [o for o in outcomes if o.kind == "offer_described"]
    if described and described[0].lure_evidence is not None:
        result.lure_evidence = sum(bool(o.lure_evidence) for o in described) / len(described)
    paid = [o for o in described if o.pay_found is not None]
    if paid:
        result.pay_found = sum(bool(o.pay_found) for o in paid) / len(paid)
        result.pay_n = len(paid)
    if outcomes and outcomes[0].language is not None:
        by_lang: dict[str, list[bool]] = {}
        for o in outcomes:
            by_lang.setdefault(o.lang, []).append(o.language == o.lang)
        result.language_right = {k: sum(v) / len(v) for k, v in sorted(by_lang.items())}
        result.language_n = {k: len(v) for k, v in sorted(by_lang.items())}
        result.language_overall = sum(o.language == o.lang for o in outcomes) / len(outcomes)
    return result


def scan_system(
    detector_for: Callable[[Sequence[RealText]], Any], use_model: bool = True
) -> System:
    """The scan as a system: `detector_for(train)` gives a Detector (kind weights and lure
    model) learned from the training texts, or fixed in advance; `use_model=False` scores
    with the indicators alone (the kind model still applies)."""
    from recruitwatch.detect.catalogue import load_catalogue
    from recruitwatch.pipeline import assess_batch

    def fitted(train: Sequence[RealText]) -> Scorer:
        detector = detector_for(train)

        def score(texts: Sequence[RealText]) -> list[Outcome]:
            # the gold language is kept from the scan, which must find it itself
            records = [replace(t.record, lang=None) for t in texts]
            verdicts = assess_batch(
                records,
                load_catalogue(),
                model=detector.model if use_model else None,
                kinds=detector.kinds,
            )
            return [outcome_of(t, v) for t, v in zip(texts, verdicts, strict=True)]

        return score

    return fitted


def run_system(
    system: System, texts: Sequence[RealText], *, learns: bool, k: int = 5
) -> list[Outcome]:
    """A system's outcomes on every text: out of fold when it learns from real texts."""
    if learns:
        return out_of_fold(system, texts, k)
    return system([])(texts)


def packaged_saw(paths: Sequence[str | Path]) -> bool:
    """Whether the packaged model was trained on any of these files (by SHA-256): its
    figures on them are then not held out, and are named so."""
    import hashlib

    from recruitwatch.detect.modelfile import packaged_model

    trained = {str(d.get("sha256") or "") for d in packaged_model().info.get("data", [])}
    digests = {part for d in trained for part in d.split(",") if part}
    return any(
        Path(path).is_file() and hashlib.sha256(Path(path).read_bytes()).hexdigest() in digests
        for path in paths
    )


def reality_systems(
    demo: Sequence[Any] = (), packaged_seen: bool = False
) -> list[tuple[str, System, bool]]:
    """The systems the reality benchmark compares: (name, system, learns from real texts).
    With the demo corpus's examples, recruitwatch's recipe is also trained in every fold."""
    from recruitwatch.detect.kind import load_kinds
    from recruitwatch.detect.modelfile import packaged_model
    from recruitwatch.recipe import Detector, fit_detector

    packaged = Detector(load_kinds(), packaged_model())
    # trained on these very texts: in-sample figures, shown for comparison only
    seen = " (trained on these texts)" if packaged_seen else ""
    systems: list[tuple[str, System, bool]] = [
        (f"recruitwatch as packaged{seen}", scan_system(lambda _: packaged), False),
        (f"indicators alone, as packaged{seen}", scan_system(lambda _: packaged, False), False),
    ]
    if demo:
        trained = cache_last(lambda train: fit_detector(train, demo))
        systems += [
            ("recruitwatch, recipe per fold", scan_system(trained), True),
            ("indicators alone, kinds per fold", scan_system(trained, False), True),
        ]
    systems += [
        ("keyword count", keyword_system, False),
        ("naive char n-gram LR", naive_system, True),
    ]
    return systems


def cache_last(
    function: Callable[[Sequence[RealText]], Any],
) -> Callable[[Sequence[RealText]], Any]:
    """`function` remembering its last result: two systems that share one fold's training
    train it once."""
    last: list[Any] = [None, None]

    def wrapped(train: Sequence[RealText]) -> Any:
        key = tuple(t.id for t in train)
        if last[0] != key:
            last[:] = [key, function(train)]
        return last[1]

    return wrapped


def is_real_file(path: str | Path) -> bool:
    """Whether a file holds real texts of the five kinds (its first record says so)."""
    target = Path(path)
    if not target.is_file() or target.suffix.lower() not in {".jsonl", ".ndjson"}:
        return False
    with target.open("rb") as handle:
        for line in handle:
            if line.strip():
                try:
                    first = json.loads(line)
                except (ValueError, UnicodeDecodeError):
                    return False
                return isinstance(first, dict) and first.get("kind") in REAL_KINDS
    return False


def reality(
    texts: Sequence[RealText],
    demo: Sequence[Any] = (),
    k: int = 5,
    progress: Callable[[str], None] | None = None,
    packaged_seen: bool = False,
) -> list[Figures]:
    """Every system's figures on the real texts, in one run."""
    results = []
    for name, system, learns in reality_systems(demo, packaged_seen):
        if progress is not None:
            progress(name)
        results.append(figures(name, run_system(system, texts, learns=learns, k=k)))
    return results


def figure_rows(all_figures: Sequence[Figures]) -> list[dict[str, Any]]:
    """The figures as flat rows (system, measure, group, value) for CSV and JSON output."""
    rows: list[dict[str, Any]] = []

    def add(system: str, measure: str, group: str, value: float | None) -> None:
        rows.append({"system": system, "measure": measure, "group": group, "value": value})

    for f in all_figures:
        for pair, value in f.auc.items():
            add(f.system, f"roc_auc {pair}", "all", value)
            for lang, by_lang in f.auc_by_language[pair].items():
                add(f.system, f"roc_auc {pair}", lang, by_lang)
        for kind, share in f.kind_right.items():
            add(f.system, "kind right", kind, share)
        if f.lure_evidence is not None:
            add(f.system, "offer_described with a lure indicator", "all", f.lure_evidence)
        if f.pay_found is not None:
            add(f.system, "offer_described promised pay found", "all", f.pay_found)
        for lang, share in f.language_right.items():
            add(f.system, "language right", lang, share)
    return rows


def recipe_figures(
    texts: Sequence[RealText], demo: Sequence[Any], recipe: Any = None, k: int = 5
) -> list[Figures]:
    """The training recipe's out-of-fold figures on real texts, with its lure model and with
    the indicators alone (what a model card reports)."""
    from recruitwatch.recipe import fit_detector

    trained = cache_last(lambda train: fit_detector(train, demo, recipe))
    return [
        figures("recruitwatch", out_of_fold(scan_system(trained), texts, k)),
        figures("indicators alone", out_of_fold(scan_system(trained, False), texts, k)),
    ]
