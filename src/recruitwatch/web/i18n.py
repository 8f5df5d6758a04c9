"""Interface text in Arabic and English, and dates and numbers in the user's locale."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources

import yaml
from babel import Locale
from babel.dates import format_date, format_datetime

LANGUAGES = ("en", "ar")
RTL = frozenset({"ar"})
# Parsed once: Babel's parsing of a locale name costs more than the formatting itself.
LOCALES = {"en": Locale.parse("en_GB"), "ar": Locale.parse("ar_IQ")}
# Iraqi Arabic writes Arabic-Indic digits (٠١٢...); Babel's ar_IQ data gives Latin ones.
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _digits(text: str, lang: str) -> str:
    return text.translate(_ARABIC_DIGITS) if lang == "ar" else text


@cache
def messages() -> dict[str, dict[str, str]]:
    path = resources.files("recruitwatch") / "resources" / "web" / "messages.yaml"
    data: dict[str, dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def translate(key: str, lang: str) -> str:
    entry = messages().get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


_ARABIC_MARKS = str.maketrans({",": "٬", ".": "٫"})


def number(value: float | int, lang: str) -> str:
    """Grouped thousands, at most three decimals; Arabic-Indic digits and marks in Arabic.
    Formatted here, not by Babel: a page holds hundreds of numbers and Babel is slow."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.3f}".rstrip("0").rstrip(".")
    return _digits(text.translate(_ARABIC_MARKS), lang) if lang == "ar" else text


@lru_cache(maxsize=8192)
def _day_text_cached(value: str, lang: str, locale: Locale) -> str:
    """Plain dates repeat on every page: each is formatted once."""
    try:
        return _digits(format_date(date.fromisoformat(value), "d MMMM y", locale=locale), lang)
    except ValueError:
        return value


def day(value: str | date | datetime | None, lang: str) -> str:
    """A date (ISO text or object) in the locale's medium form; text that is not a date as is."""
    if value is None or value == "":
        return ""
    locale = LOCALES.get(lang, LOCALES["en"])
    if isinstance(value, str) and len(value) <= 10:
        return _day_text_cached(value, lang, locale)
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            return text
    if isinstance(value, datetime):
        return _digits(format_datetime(value, "d MMM y, HH:mm", locale=locale), lang)
    return _digits(format_date(value, "d MMMM y", locale=locale), lang)
