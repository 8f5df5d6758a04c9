"""Attributed figures in news and statements: "more than 5,000 Iraqis were recruited, a
Shafaq News investigation found", "نفى السفير وجود أي مقاتلين عراقيين", "по словам посла,
погибли несколько десятков иракцев".

A figure is a claim only when a cue of what it counts (recruited, killed, missing...) stands
near it in the same sentence; years, dates, ages, article and phone numbers are not counts.
Matching runs on the normalised text and every span is mapped back to the original. The
rules (number words, modifiers, cues, verbs, stop words) are YAML under
resources/claims/, loaded once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any, Literal, cast, get_args

import yaml

from recruitwatch.errors import ConfigError
from recruitwatch.extract.money import CURRENCY
from recruitwatch.text.normalize import Normalized, fold_pattern, normalize, normalize_text

Precision = Literal["exact", "approximate", "range", "at_least", "at_most", "vague"]
Stance = Literal["said", "claimed", "denied", "estimated", "according_to", "reported", "confirmed"]
SUBJECTS = (
    "recruited",
    "killed",
    "missing",
    "detained",
    "at_front",
    "returned",
    "injured",
    "salary",
)
LANGUAGES = ("en", "ar", "ru")
FILES = (
    "numbers.yaml",
    "quantities.yaml",
    "subjects.yaml",
    "nationalities.yaml",
    "stances.yaml",
    "claimants.yaml",
    "context.yaml",
)
JSON_KEYS = (
    "doc",
    "figure",
    "value_min",
    "value_max",
    "unit",
    "subject",
    "claimant",
    "stance",
    "sentence",
    "start",
    "end",
)
PEOPLE_CAP = 1e9  # more people than that is a misread number, not a claim
MONEY_CAP = 1e12
WINDOW = 10  # words between a figure and the cue of what it counts
NATIONALITY_AFTER, NATIONALITY_BEFORE = 4, 3  # words

# Word boundaries: Arabic words take a one-letter prefix (و ف ب ل ك) written together.
START = r"(?<!\w)"
AR_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك]))"
# Cues also take the article: "القتلى", "والمفقودين", "للمجندين".
AR_CUE_START = rf"(?:{AR_START}|(?<=(?<!\w)ال)|(?<=(?<!\w)[وفبك]ال)|(?<=(?<!\w)لل))"
VERB_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"
END = r"(?!\w)"
_TOKEN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"\S+")
_PUNCT = r"[,.;:!?\"“”«»()\[\]—]|\d"


@dataclass(frozen=True, slots=True)
class Claim:
    doc: str
    figure: str
    value_min: float | None
    value_max: float | None
    precision: Precision
    unit: str
    subject: str
    nationality: str | None
    claimant: str | None
    stance: Stance
    date: str | None
    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """The stable interface: exactly JSON_KEYS, in that order."""
        return {key: getattr(self, key) for key in JSON_KEYS}

    def to_record(self) -> dict[str, Any]:
        """Every field."""
        return {**self.to_json(), **asdict(self)}


# ---------------------------------------------------------------- rules, loaded from YAML


@dataclass(frozen=True, slots=True)
class Verb:
    stance: Stance
    side: str  # "after" or "either"
    verb_first: bool
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    figure: re.Pattern[str]  # a number with its modifiers, currency and percent sign
    number: re.Pattern[str]  # one number inside a figure: groups d (digits), s (scale), w
    word: re.Pattern[str]  # one number word
    words: dict[str, tuple[str, float]]  # folded word -> (kind, value)
    vague: re.Pattern[str]
    zero: re.Pattern[str]  # groups plain, negated
    negation: re.Pattern[str]
    cues: tuple[tuple[str, bool, re.Pattern[str]], ...]  # subject, weak, pattern
    counted: re.Pattern[str]
    nationalities: tuple[tuple[str, re.Pattern[str]], ...]
    verbs: tuple[Verb, ...]
    np_stop: re.Pattern[str]
    leading: frozenset[str]
    trailing: frozenset[str]
    pronouns: frozenset[str]
    max_words: int
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    year_before: re.Pattern[str]
    year_after: re.Pattern[str]
    identity: re.Pattern[str]
    month: re.Pattern[str]  # any month name, group per month: m1..m12
    not_since: re.Pattern[str]
    masks: re.Pattern[str]


def _read(folder: Traversable, name: str) -> dict[str, Any]:
    try:
        raw = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{name}: missing") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: invalid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: expected a mapping at the top")
    return raw


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return list(value)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _alt(patterns: Iterable[str]) -> str:
    """One alternation, longest first so "only a few" wins over "a few"."""
    unique = sorted({fold_pattern(p) for p in patterns}, key=len, reverse=True)
    return "|".join(f"(?:{p})" for p in unique) or "(?!)"


def _words_alt(words: Iterable[str]) -> str:
    folded = {normalize_text(w) for w in words}
    return _alt(r"\s+".join(re.escape(part) for part in w.split()) for w in folded)


def _per_language(raw: Any, where: str, start: str = START, end: str = END) -> str:
    """The patterns of every language as one alternation, with word boundaries."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected languages as keys")
    parts = []
    for lang, items in raw.items():
        for p in _strings(items, f"{where}.{lang}"):
            _compile(fold_pattern(p), f"{where}.{lang}")
            head = AR_CUE_START if lang == "ar" else start
            parts.append(f"{head}(?:{fold_pattern(p)}){end}")
    return _alt(parts)


# ---------------------------------------------------------------- number grammar


def _number_words(raw: dict[str, Any]) -> dict[str, tuple[str, float]]:
    words: dict[str, tuple[str, float]] = {}
    for lang in LANGUAGES:
        table = raw.get(lang) or {}
        for kind in ("values", "multipliers", "scales", "after_number"):
            for word, value in (table.get(kind) or {}).items():
                if not isinstance(value, int | float):
                    raise ConfigError(f"numbers.yaml: {lang}.{kind}.{word}: not a number")
                words[normalize_text(str(word))] = (kind, float(value))
    return words


def _and_joins(raw: dict[str, Any]) -> str:
    """ "two hundred and fifty", "مئة وخمسون", "خمسة وعشرون": where a joining and/و fits."""
    after = [normalize_text(w) for lang in LANGUAGES for w in raw[lang].get("and_after") or []]
    before = [normalize_text(w) for lang in LANGUAGES for w in raw[lang].get("and_before") or []]
    behind = "|".join(f"(?<={re.escape(w)})" for w in after) or "(?!)"
    joins = [rf"(?:{behind})\s+(?:and|و)\s*"]
    if before:
        joins.append(rf"\s+و\s*(?=(?:{_words_alt(before)}){END})")
    return "|".join(joins)


def _number_patterns(raw: dict[str, Any], words: dict[str, tuple[str, float]]) -> tuple[str, str]:
    """(NUM, WORD): one number in digits or words, and one number word."""
    first = _words_alt(w for w, (k, _) in words.items() if k != "after_number")
    every = _words_alt(words)
    scales = _words_alt(w for w, (k, _) in words.items() if k in ("scales", "after_number"))
    mults = _words_alt(
        w for w, (k, _) in words.items() if k in ("multipliers", "scales") and w.isascii()
    )
    word = rf"{AR_START}(?:{every}){END}"
    join = rf"(?:{_and_joins(raw)}|\s*-\s*|\s+)"
    wordnum = (
        rf"(?P<w>(?:an?\s+(?=(?:{mults}){END}))?{AR_START}(?:{first}){END}"
        rf"(?:{join}{AR_START}(?:{every}){END})*)"
    )
    digits = (
        r"(?:(?<![\w.,])|(?<=(?<!\w)[وبل]))"
        r"(?P<d>\d{1,3}(?:[,. ]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+|,\d{1,2}(?!\d))?)"
    )
    number = rf"(?:{digits}(?:\s?(?P<s>{scales}){END})?|{wordnum})"
    return number, word


def _anonymous(pattern: str) -> str:
    """The same pattern without group names, so it can be repeated in one expression."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _figure_pattern(q: dict[str, Any], number: str) -> str:
    num = _anonymous(number)
    between = "|".join(
        rf"{AR_START}{fold_pattern(a)}\s+{num}\s+{fold_pattern(b)}\s*{num}"
        for lang in LANGUAGES
        for a, b in q["between"].get(lang) or []
    )
    infix = _alt(re.escape(i) if not i.isalpha() else i for i in _strings(q["infix"], "infix"))
    core = rf"(?:{between})|{num}(?:\s*[-–—]\s*|\s+(?:{infix})\s+){num}|{num}"
    pre = "|".join(
        rf"(?P<pre_{prec}>{_per_language(q['before'][prec], f'before.{prec}')})"
        for prec in ("at_least", "at_most", "approximate")
    )
    post = "|".join(
        rf"(?P<post_{prec}>{_per_language(q['after'][prec], f'after.{prec}')})"
        for prec in ("at_least", "approximate")
    )
    symbols = _alt(_strings(q["currency_before"], "currency_before"))
    currencies = _alt(re.escape(c) for c in CURRENCY)
    adjective = r"(?:iraqi|us|american|russian)\s"
    percent = _alt(_strings(q["percent"], "percent"))
    return (
        rf"(?:(?:{pre})\s+)?(?P<sym>(?:{symbols})\s?)?(?P<core>{core})"
        rf"(?P<cur>\s?(?:{adjective})?(?:{currencies})(?![^\W\d_]))?"
        rf"(?P<pct>\s?(?:{percent})(?![^\W\d_]))?(?:\s+(?:{post}))?"
    )


# ---------------------------------------------------------------- loading


def _subject_cues(raw: dict[str, Any]) -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    subjects = raw.get("subjects")
    if not isinstance(subjects, dict) or set(subjects) != set(SUBJECTS):
        raise ConfigError(f"subjects.yaml: needs exactly the subjects {list(SUBJECTS)}")
    cues = []
    for name in SUBJECTS:
        entry = subjects[name] or {}
        if not all(entry.get(lang) for lang in ("en", "ar")):
            raise ConfigError(f"subjects.yaml: {name} needs cues in 'en' and 'ar'")
        strong = {lang: entry.get(lang) for lang in LANGUAGES}
        where = f"subjects.yaml: {name}"
        cues.append((name, False, _compile(_cue_alt(strong, where), where)))
        if entry.get("weak"):
            cues.append((name, True, _compile(_cue_alt(entry["weak"], where), where)))
    return tuple(cues)


def _cue_alt(raw: dict[str, Any], where: str) -> str:
    """English cues are whole words; Russian and Arabic cues are word starts."""
    parts = []
    for lang, items in raw.items():
        end = END if lang == "en" else ""
        parts.append(_per_language({lang: items}, where, START, end))
    return "|".join(f"(?:{p})" for p in parts)


def _verbs(raw: dict[str, Any]) -> tuple[Verb, ...]:
    verbs = []
    for lang in LANGUAGES:
        table = raw.get(lang) or {}
        guard = "".join(
            f"(?<!(?<!\\w){re.escape(normalize_text(w))} )" for w in table.get("not_after") or []
        )
        start = VERB_START if lang == "ar" else START
        for entry in table.get("verbs") or []:
            stance = entry.get("stance")
            if stance not in get_args(Stance) or entry.get("side") not in ("after", "either"):
                raise ConfigError(f"stances.yaml: {lang}: bad stance or side in {entry}")
            forms = _alt(_strings(entry.get("forms"), f"stances.yaml: {lang}.{stance}"))
            regex = _compile(f"{guard}{start}(?:{forms}){END}", f"stances.yaml: {lang}")
            verbs.append(Verb(stance, entry["side"], bool(table.get("verb_first")), regex))
    return tuple(verbs)


def _folded_set(raw: Any, where: str) -> frozenset[str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected languages as keys")
    return frozenset(normalize_text(w) for items in raw.values() for w in _strings(items, where))


def _months(raw: dict[str, Any]) -> str:
    months = raw.get("months") or {}
    if sorted(int(k) for k in months) != list(range(1, 13)):
        raise ConfigError("context.yaml: months needs 1 to 12")
    return "|".join(
        rf"(?P<m{int(k)}>{AR_START}(?:{_alt(_strings(v, 'months'))}){END})"
        for k, v in months.items()
    )


def _masks() -> str:
    """Phones, times, numeric dates, addresses and long digit runs: digits that are no count."""
    return "|".join(
        (
            r"(?<!\d)(?:\+|00)\d[\d \-()]{6,}\d",
            r"(?<![\d,.])0\d{2,3}[ \-]?\d{3}[ \-]?\d{3,4}(?!\d)",
            r"(?<![\d,.])\d{9,}",
            r"\d{1,2}:\d{2}",
            r"\d{4}-\d{1,2}-\d{1,2}",
            r"\d{1,2}[./]\d{1,2}[./]\d{2,4}",
            r"https?://\S+|www\.\S+|\S+@\S+\.\w+",
        )
    )


def load_rules_from(folder: Traversable) -> Rules:
    """Read and compile the claim rules in `folder`; ConfigError names the bad file."""
    raw = {name: _read(folder, name) for name in FILES}
    try:
        return _build(raw)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ConfigError(f"claims rules in {folder}: missing or malformed entry {exc!r}") from exc


def _build(raw: dict[str, dict[str, Any]]) -> Rules:
    nums, q, ctx = raw["numbers.yaml"], raw["quantities.yaml"], raw["context.yaml"]
    words = _number_words(nums)
    number, word = _number_patterns(nums, words)
    names = raw["claimants.yaml"]
    zero = q["zero"]
    return Rules(
        figure=_compile(_figure_pattern(q, number), "quantities.yaml"),
        number=_compile(number, "numbers.yaml"),
        word=_compile(word, "numbers.yaml"),
        words=words,
        vague=_compile(_per_language(q["vague"], "quantities.yaml: vague"), "vague"),
        zero=_compile(
            rf"(?P<plain>{_per_language(zero['plain'], 'zero')})"
            rf"|(?P<negated>{_per_language(zero['negated'], 'zero')})",
            "quantities.yaml: zero",
        ),
        negation=_compile(_per_language(q["negations"], "negations", START, ""), "negations"),
        cues=_subject_cues(raw["subjects.yaml"]),
        counted=_compile(
            _cue_alt(raw["subjects.yaml"]["counted_nouns"], "counted_nouns"), "counted_nouns"
        ),
        nationalities=_nationalities(raw["nationalities.yaml"]),
        verbs=_verbs(raw["stances.yaml"]),
        np_stop=_compile(f"{_PUNCT}|{_per_language(names['stops'], 'stops')}", "claimants"),
        leading=_folded_set(names["leading"], "claimants.yaml: leading"),
        trailing=_folded_set(names["trailing"], "claimants.yaml: trailing"),
        pronouns=_folded_set(names["pronouns"], "claimants.yaml: pronouns"),
        max_words=int(names["max_words"]),
        not_before=_compile(
            rf"(?:{_per_language(ctx['not_before'], 'not_before')})(?:\s+[^\W\d_]+)?\s*[:\-]?\s*$",
            "context.yaml: not_before",
        ),
        not_after=_compile(
            rf"^\s*-?\s*(?:{_per_language(ctx['not_after'], 'not_after')})", "not_after"
        ),
        year_before=_compile(
            rf"(?:{_per_language(ctx['year_before'], 'year_before')})\s*$", "year_before"
        ),
        year_after=_compile(
            rf"^\s*(?:{_per_language(ctx['year_after'], 'year_after')})", "year_after"
        ),
        identity=_compile(_per_language(ctx["identity"], "identity"), "identity"),
        month=_compile(_months(ctx), "context.yaml: months"),
        not_since=_compile(rf"(?:{_per_language(ctx['not_since'], 'not_since')})\s*$", "since"),
        masks=re.compile(_masks()),
    )


def _nationalities(raw: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for code, langs in raw.items():
        if not re.fullmatch(r"[A-Z]{2}", str(code)):
            raise ConfigError(f"nationalities.yaml: {code!r} is not an ISO 3166-1 alpha-2 code")
        where = f"nationalities.yaml: {code}"
        found.append((str(code), _compile(_per_language(langs, where), where)))
    return tuple(found)


@cache
def load_rules() -> Rules:
    """The rules shipped in the package (cached: they are immutable)."""
    return load_rules_from(resources.files("recruitwatch") / "resources" / "claims")


# ---------------------------------------------------------------- reading one figure


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # in the normalised text
    end: int
    low: float | None
    high: float | None
    precision: Precision
    unit: str
    words_only: bool = False  # no digit: "three", "ثلاثة آلاف"
    modified: bool = False  # a modifier or a range: "more than", "between"
    year_like: bool = False  # a bare 1900-2100
    negated: bool = False  # "any"/"أي": zero only in a negated sentence


def _digits_value(raw: str, scaled: bool) -> float:
    """ "3,000" -> 3000, "1.5" -> 1.5, "2.500" -> 2500, "1,5" -> 1.5, "3,000.50"."""
    chunks = re.split(r"[,. ]", raw)
    if len(chunks) == 1:
        return float(raw)
    seps = re.findall(r"[,. ]", raw)
    decimal_scale = scaled and seps == ["."]  # "1.250 million" is 1.25 million
    if len(chunks[-1]) != 3 or decimal_scale:
        return float("".join(chunks[:-1]) + "." + chunks[-1])
    return float("".join(chunks))


def _words_value(text: str, rules: Rules) -> float:
    """ "two hundred and fifty" -> 250, "ثلاثة آلاف" -> 3000, "полторы тысячи" -> 1500."""
    total, current = 0.0, 0.0
    for m in rules.word.finditer(text):
        kind, value = rules.words[re.sub(r"\s+", " ", m.group())]
        if kind == "values":
            current += value
        elif kind == "multipliers":
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0.0
    return total + current


def _number_value(m: re.Match[str], rules: Rules) -> tuple[float, float]:
    """(value, scale) of one number match."""
    if m["d"] is not None:
        scale = rules.words[re.sub(r"\s+", " ", m["s"])][1] if m["s"] else 1.0
        return _digits_value(m["d"], m["s"] is not None), scale
    return _words_value(m["w"], rules), 1.0


def _bounds(values: list[tuple[float, float]]) -> tuple[float, float]:
    """A range's two ends; "3 to 5 thousand" scales both."""
    (a, sa), (b, sb) = values[0], values[1]
    if sa == 1.0 and sb != 1.0 and a < b:
        sa = sb
    low, high = a * sa, b * sb
    return (low, high) if low <= high else (high, low)


def _read_figure(m: re.Match[str], rules: Rules) -> _Figure | None:
    core = m["core"]
    numbers = list(rules.number.finditer(core))
    if not numbers:
        return None
    values = [_number_value(n, rules) for n in numbers[:2]]
    pre = next((p for p in ("at_least", "at_most", "approximate") if m[f"pre_{p}"]), None)
    post = next((p for p in ("at_least", "approximate") if m[f"post_{p}"]), None)
    low = high = values[0][0] * values[0][1]
    precision: Precision = cast(Precision, pre or post or "exact")
    if len(values) > 1:
        low, high = _bounds(values)
        precision = "range"
    elif precision == "at_least":
        high = math.nan
    elif precision == "at_most":
        low = math.nan
    unit = _unit(m)
    only = numbers[0]
    year_like = (
        len(values) == 1
        and only["d"] is not None
        and only["s"] is None
        and re.fullmatch(r"(?:19|20)\d\d|2100", only["d"]) is not None
    )
    return _Figure(
        start=m.start(),
        end=m.end(),
        low=None if math.isnan(low) else low,
        high=None if math.isnan(high) else high,
        precision=precision,
        unit=unit,
        words_only=all(n["d"] is None for n in numbers),
        modified=bool(pre or post or len(values) > 1),
        year_like=year_like,
    )


def _unit(m: re.Match[str]) -> str:
    if m["cur"]:
        word = re.sub(r"^\s?(?:(?:iraqi|us|american|russian)\s)?", "", m["cur"])
        return CURRENCY.get(word, "USD")
    if m["sym"]:
        return CURRENCY.get(m["sym"].strip(), "USD")
    return "percent" if m["pct"] else "people"


def _finite(figure: _Figure) -> bool:
    cap = {"people": PEOPLE_CAP, "percent": 100.0}.get(figure.unit, MONEY_CAP)
    return all(v is None or (math.isfinite(v) and 0 <= v <= cap) for v in (figure.low, figure.high))


def parse_figure(text: str) -> tuple[float | None, float | None, Precision] | None:
    """The numbers in a figure as written: "more than 5,000" -> (5000, None, "at_least"),
    "between 200 and 300" -> (200, 300, "range"), "dozens" -> (None, None, "vague"),
    "٣٬٥٠٠" -> (3500, 3500, "exact"); None if it holds no figure."""
    rules = load_rules()
    folded = normalize(text).text
    m = rules.figure.search(folded)
    if m:
        figure = _read_figure(m, rules)
        if figure is None or not all(
            v is None or math.isfinite(v) for v in (figure.low, figure.high)
        ):
            return None
        return figure.low, figure.high, figure.precision
    if rules.vague.search(folded):
        return None, None, "vague"
    return None


# ---------------------------------------------------------------- sentences and context

_BOUNDARY = re.compile(r"[.!?…]+[\"”»’')\]]*\s+|\n+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt st no vs etc approx jan feb aug sept oct nov dec"
    " inc ltd co u.s u.n г гг тыс млн им т.е ул".split()
)


def _sentences(norm: Normalized) -> Iterator[tuple[int, int]]:
    """Sentence spans in the normalised text (an abbreviation or a lower-case next word
    does not end a sentence)."""
    text, start = norm.text, 0
    for m in _BOUNDARY.finditer(text):
        if m.group().strip() and not _ends_sentence(norm, m):
            continue
        yield from _trimmed(text, start, m.start() + len(m.group().rstrip()))
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _ends_sentence(norm: Normalized, m: re.Match[str]) -> bool:
    word = re.search(r"(\S+?)[.!?…\"”»’')\]]*$", norm.text[max(0, m.start() - 12) : m.end()])
    if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if word and re.fullmatch(r"[^\W\d_]", word.group(1)):
        return False  # an initial
    after = m.end()
    if after < len(norm.text):
        start, _ = norm.original_span(after, after + 1)
        return not norm.original[start].islower()
    return True


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _masked(text: str, rules: Rules) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rules.masks.finditer(text)]


def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _before(text: str, pos: int, ss: int, width: int = 40) -> str:
    return text[max(ss, pos - width) : pos]


def _after(text: str, pos: int, se: int, width: int = 40) -> str:
    return text[pos : min(se, pos + width)]


def _is_year(f: _Figure, text: str, ss: int, se: int, rules: Rules) -> bool:
    if not f.year_like or f.modified:
        return False
    # "2000 Iraqis": a count that looks like a year
    return not rules.counted.match(text, _skip_space(text, f.end, se), se)


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _near_month(f: _Figure, text: str, ss: int, se: int, rules: Rules) -> bool:
    """A day or a year next to a month name: part of a date."""
    if f.low is None or not (f.low <= 31 or f.year_like) or f.modified:
        return False
    before = re.search(r"(\S+(?:\s+\S+)?)\s*$", _before(text, f.start, ss, 24))
    after = re.match(r"\s*(\S+(?:\s+\S+)?)", _after(text, f.end, se, 24))
    return any(w and rules.month.search(w.group(1)) for w in (before, after))


def _glued(f: _Figure, text: str, ss: int, se: int) -> bool:
    """Part of a token: "Su-25", "1/2", "3rd", "5G", "10:30"."""
    before = text[max(ss, f.start - 2) : f.start]
    after = text[f.end : min(se, f.end + 2)]
    return bool(re.search(r"[^\W\d_][-/]$", before) or re.match(r"[/:]\d|[^\W\d_]", after))


def _keep(f: _Figure, text: str, ss: int, se: int, masks: list[tuple[int, int]], r: Rules) -> bool:
    """Whether a number read in a sentence can be a count (or an amount) at all."""
    if not _finite(f) or _overlaps(f.start, f.end, masks) or _glued(f, text, ss, se):
        return False
    if r.not_before.search(_before(text, f.start, ss)):
        return False
    if f.unit == "people" and r.not_after.match(_after(text, f.end, se)):
        return False
    if _is_year(f, text, ss, se, r) or _near_month(f, text, ss, se, r):
        return False
    if f.year_like and (
        r.year_before.search(_before(text, f.start, ss)) or r.year_after.match(text, f.end, se)
    ):
        return False
    if any(m.start() <= f.start < m.end() for m in r.identity.finditer(text, ss, se)):
        return False
    return not f.words_only or f.modified or f.unit != "people" or _counted_next(f.end, text, se, r)


def _counted_next(pos: int, text: str, se: int, rules: Rules, words: int = 2) -> bool:
    """A people noun or nationality within `words` words after pos ("dozens of Iraqis")."""
    for n, m in enumerate(_TOKEN.finditer(text, pos, min(se, pos + 60))):
        if n >= words:
            break
        if rules.counted.match(text, m.start(), se) or any(
            p.match(text, m.start(), se) for _, p in rules.nationalities
        ):
            return True
    return False


def _numeric(text: str, ss: int, se: int, masks: list[tuple[int, int]], r: Rules) -> list[_Figure]:
    found = []
    for m in r.figure.finditer(text, ss, se):
        f = _read_figure(m, r)
        if f is not None and _keep(f, text, ss, se, masks, r):
            found.append(f)
    return found


def _wordy(text: str, ss: int, se: int, taken: list[_Figure], r: Rules) -> list[_Figure]:
    """Vague quantities ("dozens", "عشرات", "несколько") and zero ("no Iraqis", "any")."""
    spans = [(f.start, f.end) for f in taken]
    found = []
    for m in r.vague.finditer(text, ss, se):
        if _overlaps(m.start(), m.end(), spans):
            continue
        if _counted_or_cue(m.end(), text, se, r) or _cue_before(m.start(), text, ss, r):
            found.append(_Figure(m.start(), m.end(), None, None, "vague", "people"))
    for m in r.zero.finditer(text, ss, se):
        if not _overlaps(m.start(), m.end(), spans) and _counted_next(m.end(), text, se, r):
            negated = m["negated"] is not None
            found.append(_Figure(m.start(), m.end(), 0.0, 0.0, "exact", "people", negated=negated))
    return found


def _counted_or_cue(pos: int, text: str, se: int, r: Rules) -> bool:
    if r.not_after.match(_after(text, pos, se)):
        return False
    if _counted_next(pos, text, se, r, 3):
        return True
    window = _after(text, pos, se, 30)
    return any(p.search(window) for subject, _, p in r.cues if subject != "salary")


def _cue_before(start: int, text: str, ss: int, r: Rules) -> bool:
    """A cue just before a vague quantity: "فيما أصيب العشرات"."""
    window = _before(text, start, ss, 30)
    tail = re.search(r"(?:\S+\s+){0,2}$", window)
    near = tail.group() if tail else ""
    return any(p.search(near) for subject, _, p in r.cues if subject != "salary")


def _figures(text: str, ss: int, se: int, masks: list[tuple[int, int]], r: Rules) -> list[_Figure]:
    vague = [(m.start(), m.end()) for m in r.vague.finditer(text, ss, se)]
    # "a few dozen" is vague, not the number word "dozen" inside it
    numeric = [
        f
        for f in _numeric(text, ss, se, masks, r)
        if not any(a <= f.start and f.end <= b and b - a > f.end - f.start for a, b in vague)
    ]
    figures = numeric + _wordy(text, ss, se, numeric, r)
    if not r.negation.search(text, ss, se):
        figures = [f for f in figures if not f.negated]
    return sorted(figures, key=lambda f: f.start)


# ---------------------------------------------------------------- what, who, whose


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    subject: str
    weak: bool


def _cues(text: str, ss: int, se: int, rules: Rules) -> list[_Cue]:
    return [
        _Cue(m.start(), m.end(), subject, weak)
        for subject, weak, pattern in rules.cues
        for m in pattern.finditer(text, ss, se)
    ]


class _Tokens:
    """Word positions in a sentence, to measure distances in words."""

    def __init__(self, text: str, ss: int, se: int) -> None:
        self.starts = [m.start() for m in _TOKEN.finditer(text, ss, se)]

    def between(self, a: int, b: int) -> int:
        if a > b:
            a, b = b, a
        return bisect_left(self.starts, b) - bisect_left(self.starts, a)


_CLAUSE = re.compile(r"[,;:]")
_AND = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,3}(?:and|or|و|او|и|или)\s*$")


def _coordinated(f: _Figure, g: _Figure, text: str, cues: list[_Cue]) -> bool:
    """ "40 Syrians and 25 Yemenis were recruited": two figures that share one cue."""
    a, b = (f.end, g.start) if f.end <= g.start else (g.end, f.start)
    return bool(_AND.match(text[a:b])) and not any(a <= c.start < b for c in cues)


def _subject(
    f: _Figure, figures: list[_Figure], cues: list[_Cue], tokens: _Tokens, text: str
) -> str | None:
    """The nearest cue on either side with no other figure in between; money counts only
    as salary."""
    best: tuple[float, str] | None = None
    for cue in cues:
        if (cue.subject == "salary") != (f.unit not in ("people", "percent")):
            continue
        if cue.start < f.end and f.start < cue.end:
            continue
        a, b = (f.end, cue.start) if cue.start >= f.end else (cue.end, f.start)
        if any(
            g is not f and a <= g.start and g.end <= b and not _coordinated(f, g, text, cues)
            for g in figures
        ):
            continue
        distance = (
            tokens.between(a, b)
            + (4 if cue.weak else 0)
            + (0.5 if b == f.start else 0)  # "300 were killed" reads better than "killed 300"
            + (2 if _CLAUSE.search(text, a, b) else 0)  # another clause
        )
        if distance <= WINDOW and (best is None or distance < best[0]):
            best = (distance, cue.subject)
    return best[1] if best else None


def _nationality(
    f: _Figure, text: str, ss: int, se: int, r: Rules, claimants: list[tuple[int, int]]
) -> str | None:
    """The nationality named just after the figure ("5,000 Iraqis"), else just before it,
    within the clause and outside the claimant."""
    after_end = _clause_end(text, f.end, se)
    before_start = _clause_start(text, ss, f.start)
    found: list[tuple[int, str]] = []
    for code, pattern in r.nationalities:
        for m in pattern.finditer(text, before_start, after_end):
            if _overlaps(m.start(), m.end(), claimants) or f.start <= m.start() < f.end:
                continue
            if m.start() >= f.end:
                words = len(_TOKEN.findall(text, f.end, m.start()))
                if words <= NATIONALITY_AFTER:
                    found.append((words, code))
            elif m.end() <= f.start:
                words = len(_TOKEN.findall(text, m.end(), f.start))
                if words <= NATIONALITY_BEFORE:
                    found.append((words + 10, code))
    return min(found)[1] if found else None


def _clause_end(text: str, pos: int, se: int) -> int:
    m = re.compile(r"[,;:.!?()\"“”«»]|\d").search(text, pos, se)
    return m.start() if m else se


def _clause_start(text: str, ss: int, pos: int) -> int:
    last = ss
    for m in re.compile(r"[,;:.!?()\"“”«»]|\d").finditer(text, ss, pos):
        last = m.end()
    return last


@dataclass(frozen=True, slots=True)
class _Attribution:
    start: int
    end: int
    stance: Stance
    claimant: tuple[int, int] | None


def _attributions(
    text: str, ss: int, se: int, figures: list[_Figure], rules: Rules
) -> list[_Attribution]:
    """Every attribution verb in the sentence with its claimant. A verb that opens a clause
    without one ("..., and reported that", "، مؤكداً أن") shares the previous one's."""
    found: list[tuple[int, int, Stance, Verb]] = sorted(
        (m.start(), m.end(), verb.stance, verb)
        for verb in rules.verbs
        for m in verb.regex.finditer(text, ss, se)
    )
    # A claimant holds neither a figure nor another attribution verb.
    cut = [(f.start, f.end) for f in figures] + [(vs, ve) for vs, ve, _, _ in found]
    # After the verb, what is counted ends the claimant too: "أكدت الوزارة مقتل 3".
    after = cut + [(c.start, c.end) for c in _cues(text, ss, se, rules) if not c.weak]
    result: list[_Attribution] = []
    for vs, ve, stance, verb in found:
        who = _claimant(text, (ss, se), (vs, ve), verb, rules, (cut, after))
        if who is None and result and _clause_initial(text, ss, vs, rules):
            who = result[-1].claimant
        result.append(_Attribution(vs, ve, stance, who))
    return result


def _claimant(
    text: str,
    sentence: tuple[int, int],
    verb_span: tuple[int, int],
    verb: Verb,
    r: Rules,
    cuts: tuple[list[tuple[int, int]], list[tuple[int, int]]],
) -> tuple[int, int] | None:
    """The noun phrase that makes the claim: after the verb ("according to X", "قال X",
    "…, said X") or before it ("X said"); it never holds a figure or another verb."""
    (ss, se), (vs, ve) = sentence, verb_span
    after = _np_after(text, ve, min([se, *(s for s, _ in cuts[1] if s >= ve)]), r)
    if verb.side == "after":
        return after
    before = _np_before(text, max([ss, *(e for _, e in cuts[0] if e <= vs)]), vs, r)
    if verb.verb_first:
        return after or before
    # "…, said X" only where the verb opens a clause; elsewhere "X said" or nobody.
    return after if _clause_initial(text, ss, vs, r) else before


def _clause_initial(text: str, ss: int, vs: int, r: Rules) -> bool:
    last = ss
    for m in re.compile(_PUNCT).finditer(text, ss, vs):
        last = m.end()
    return all(w.group().strip("\"'“”«»") in r.leading for w in _WORD.finditer(text, last, vs))


def _np_after(text: str, pos: int, se: int, r: Rules) -> tuple[int, int] | None:
    stop = r.np_stop.search(text, pos, se)
    words = list(_WORD.finditer(text, pos, stop.start() if stop else se))[: r.max_words]
    return _np_span(words, r)


def _np_before(text: str, ss: int, pos: int, r: Rules) -> tuple[int, int] | None:
    last = ss
    for m in r.np_stop.finditer(text, ss, pos):
        last = m.end()
    words = list(_WORD.finditer(text, last, pos))[-r.max_words :]
    return _np_span(words, r)


def _np_span(words: list[re.Match[str]], r: Rules) -> tuple[int, int] | None:
    while words and words[0].group() in r.leading:
        words = words[1:]
    while words and words[-1].group() in r.trailing:
        words = words[:-1]
    if not words or " ".join(w.group() for w in words) in r.pronouns:
        return None
    return words[0].start(), words[-1].end()


def _attribution(
    f: _Figure, found: list[_Attribution], tokens: _Tokens
) -> tuple[tuple[int, int] | None, Stance]:
    """The nearest attribution in the sentence, preferring one that names its claimant."""
    best: tuple[float, _Attribution] | None = None
    for a in found:
        if a.claimant and a.claimant[0] <= f.start < a.claimant[1]:
            continue
        distance = tokens.between(a.start, f.start) + (0 if a.claimant else 6)
        if best is None or distance < best[0]:
            best = (distance, a)
    if best is None:
        return None, "reported"
    return best[1].claimant, best[1].stance


def _statement_date(text: str, ss: int, se: int, rules: Rules) -> str | None:
    """A full date or a month and year in the sentence, unless it is a starting point
    ("since March 2023")."""
    for m in rules.month.finditer(text, ss, se):
        month = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        day = re.search(r"(?<!\d)(\d{1,2})\s*$", _before(text, m.start(), ss, 6))
        tail = re.match(
            r"(?:\s*/\s*[^\W\d_]+)?\s*(\d{1,2})?,?\s*((?:19|20)\d\d)(?!\d)", text[m.end() : se]
        )
        if not tail:
            continue
        head = day.start() + max(ss, m.start() - 6) if day else m.start()
        if rules.not_since.search(_before(text, head, ss)):
            continue
        d = int(day.group(1)) if day else int(tail.group(1)) if tail.group(1) else None
        if d is not None and 1 <= d <= 31:
            return f"{tail.group(2)}-{month:02d}-{d:02d}"
        return f"{tail.group(2)}-{month:02d}"
    iso = re.search(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)", text[ss:se])
    return "-".join(iso.groups()) if iso else None


# ---------------------------------------------------------------- the extractor


def extract_claims(
    text: str, *, doc: str, date: str | None = None, language: str | None = None
) -> list[Claim]:
    """Every attributed or unattributed figure about a counted subject, in text order.

    Patterns of all languages run on every text (their scripts rarely collide), so
    `language` is accepted for the callers' convenience and not needed.
    """
    rules = load_rules()
    norm = normalize(text)
    masks = _masked(norm.text, rules)
    claims: list[Claim] = []
    for ss, se in _sentences(norm):
        claims.extend(_sentence_claims(norm, ss, se, masks, rules, doc, date))
    return sorted(claims, key=lambda c: (c.start, c.end))


def _sentence_claims(
    norm: Normalized,
    ss: int,
    se: int,
    masks: list[tuple[int, int]],
    rules: Rules,
    doc: str,
    date: str | None,
) -> Iterator[Claim]:
    text = norm.text
    figures = _figures(text, ss, se, masks, rules)
    if not figures:
        return
    cues, tokens = _cues(text, ss, se, rules), _Tokens(text, ss, se)
    found = _attributions(text, ss, se, figures, rules)
    spans = [a.claimant for a in found if a.claimant]
    when = _statement_date(text, ss, se, rules) or date
    sentence = norm.original_text(ss, se)
    for f in figures:
        subject = _subject(f, figures, cues, tokens, text)
        if subject is None:
            continue
        claimant, stance = _attribution(f, found, tokens)
        people = f.unit in ("people", "percent")
        start, end = norm.original_span(f.start, f.end)
        yield Claim(
            doc=doc,
            figure=norm.original[start:end],
            value_min=f.low,
            value_max=f.high,
            precision=f.precision,
            unit=f.unit,
            subject=subject,
            nationality=_nationality(f, text, ss, se, rules, spans) if people else None,
            claimant=_claimant_text(norm, claimant),
            stance=stance,
            date=when,
            sentence=sentence,
            start=start,
            end=end,
        )


def _claimant_text(norm: Normalized, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    found = norm.original_text(*span).strip(" \t\n,.;:\"'“”«»-–—")
    return found or None
