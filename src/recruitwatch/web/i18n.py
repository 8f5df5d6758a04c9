"""Interface text in Arabic and English, and dates and numbers in the user's locale."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from importlib import resources

import yaml
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LANGUAGES = ("en", "ar")
RTL = frozenset({"ar"})
LOCALES = {"en": "en_GB", "ar": "ar_IQ"}
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


def number(value: float | int, lang: str) -> str:
    return _digits(format_decimal(value, locale=LOCALES.get(lang, "en_GB")), lang)


def day(value: str | date | datetime | None, lang: str) -> str:
    """A date (ISO text or object) in the locale's medium form; text that is not a date as is."""
    if value is None or value == "":
        return ""
    locale = LOCALES.get(lang, "en_GB")
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            return text
    if isinstance(value, datetime):
        return _digits(format_datetime(value, "d MMM y, HH:mm", locale=locale), lang)
    return _digits(format_date(value, "d MMMM y", locale=locale), lang)
