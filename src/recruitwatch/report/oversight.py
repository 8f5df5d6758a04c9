"""The oversight report, built from a period's counts: tables with small counts suppressed,
charts that hide what the tables hide, and the claims ledger. Pure: counts in, report out.

Counts of people come from one province × fate table; the "by fate" and "by province"
figures are its margins, never separately suppressed tables, because two tables of the same
people suppressed independently can be subtracted from each other.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recruitwatch.cases.fields import codes, label, province_label
from recruitwatch.detect.catalogue import load_catalogue
from recruitwatch.report import figures
from recruitwatch.report.suppress import (
    DEFAULT_K,
    SERIES_COLUMN,
    Cell,
    Table,
    recoverable,
    suppress,
)
from recruitwatch.store.claims import compare
from recruitwatch.store.reporting import ReportData

LANGUAGES = ("en", "ar")
TOP_INDICATORS = 10
TOP_NETWORKS = 10


@cache
def texts() -> dict[str, dict[str, str]]:
    path = resources.files("recruitwatch") / "resources" / "report" / "labels.yaml"
    loaded: dict[str, dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def t(key: str, lang: str, **values: object) -> str:
    entry = texts()[key]
    return (entry.get(lang) or entry["en"]).format(**values)


@dataclass
class Block:
    """One section: a title, a table of printed cells (first key: the row label), maybe a
    chart, maybe a note."""

    key: str
    title: str
    rows: list[dict[str, str]]
    chart: bytes | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class OversightReport:
    title: str
    period: str
    lang: str
    k: int
    blocks: list[Block]
    notes: list[str]


def _protected(
    counts: Counter[tuple[str, str]], rows: list[str], columns: list[str], k: int
) -> Table | None:
    """The suppressed table, or None when some hidden count could still be worked out
    (possible when few cases fall in a line: then the table is not published)."""
    table = suppress(counts, rows=rows, columns=columns, k=k)
    return None if recoverable(table, counts) else table


def _series(counts: Counter[str], order: list[str], k: int) -> Table | None:
    keyed = Counter({(name, SERIES_COLUMN): n for name, n in counts.items()})
    return _protected(keyed, order, [SERIES_COLUMN], k)


def _marks(cells: list[Cell]) -> tuple[list[int | None], list[str]]:
    return [c.value for c in cells], [c.text for c in cells]


def _cases_blocks(data: ReportData, lang: str, k: int, charts: bool) -> list[Block]:
    """Province × fate when it can be published whole; otherwise each margin on its own
    (they share only the grand total, so neither can be subtracted from the other)."""
    fates = [f for f in codes("rw_Fate") if any(c["fate"] == f for c in data.cases)]
    provinces = sorted({c["province"] for c in data.cases})
    counts = Counter((c["province"], c["fate"]) for c in data.cases)
    title = t("cases_by_province_and_fate", lang)
    table = _protected(counts, provinces, fates, k)
    if table is not None:
        block = Block("cases_by_province_and_fate", title, _cross_rows(table, lang))
        if charts and fates:
            values, marks = _marks([table.column_totals[f] for f in fates])
            labels = [label("rw_Fate", f, lang) for f in fates]
            block.chart = figures.bars(labels, values, t("cases_by_fate", lang), lang, marks=marks)
        return [block]
    fate_names = {f: label("rw_Fate", f, lang) for f in fates}
    province_names = {p: province_label(p, lang) or p for p in provinces}
    blocks = []
    for key, column, order, names in (
        ("cases_by_fate", "fate", fates, fate_names),
        ("cases_by_province", "province", provinces, province_names),
    ):
        series = _series(Counter(c[column] for c in data.cases), order, k)
        rows = [] if series is None else _series_rows(series, column, names, lang)
        block = Block(key, t(key, lang), rows, notes=[t("not_crossed", lang)])
        if series is None:
            block.notes.append(t("too_few", lang))
        blocks.append(block)
    return blocks


def _cross_rows(table: Table, lang: str) -> list[dict[str, str]]:
    names = {f: label("rw_Fate", f, lang) for f in table.columns}
    rows = []
    for row in table.to_rows(row_label=t("province", lang), total_label=t("total", lang)):
        place = row[t("province", lang)]
        row[t("province", lang)] = province_label(place, lang) or place
        rows.append({names.get(key, key): value for key, value in row.items()})
    return rows


def _series_rows(
    table: Table, name: str, labels: dict[str, str], lang: str
) -> list[dict[str, str]]:
    rows = [
        {t(name, lang): labels.get(r, r), t("count", lang): table.cells[(r, SERIES_COLUMN)].text}
        for r in table.rows
    ]
    rows.append({t(name, lang): t("total", lang), t("count", lang): table.total.text})
    return rows


def _months(data: ReportData, lang: str, k: int, charts: bool) -> Block:
    months = data.period.months()
    table = _series(Counter(c["month"] for c in data.cases), months, k)
    block = Block("cases_by_month", t("cases_by_month", lang), [])
    if table is None:
        block.notes.append(t("too_few", lang))
        return block
    block.rows = _series_rows(table, "month", {}, lang)
    if charts:
        values, marks = _marks([table.cells[(m, SERIES_COLUMN)] for m in months])
        block.chart = figures.bars(months, values, t("cases_by_month", lang), lang, marks=marks)
    return block


def _channels(data: ReportData, lang: str, k: int, charts: bool) -> Block:
    """A case may name several channels: there is no total to subtract from, so only the
    small counts themselves are hidden."""
    counts = Counter(ch for c in data.cases for ch in c["channels"])
    ordered = sorted(counts, key=lambda ch: (-counts[ch], ch))
    shown = {ch: (counts[ch] if counts[ch] >= k else None) for ch in ordered}
    rows = [
        {t("channel", lang): ch, t("count", lang): str(v) if v is not None else f"<{k}"}
        for ch, v in shown.items()
    ]
    block = Block("channels", t("channels", lang), rows)
    if charts and rows:
        values = list(shown.values())
        marks = [f"<{k}"] * len(values)
        block.chart = figures.bars(ordered, values, t("channels", lang), lang, marks=marks)
    block.notes.append(t("channels_note", lang))
    return block


def _offers(data: ReportData, lang: str, charts: bool) -> Block:
    bands = ("high", "medium", "low")
    languages = sorted({language for _, language in data.offers})
    rows = []
    for band in bands:
        row = {t("band", lang): t(f"band_{band}", lang)}
        row |= {code: str(data.offers.get((band, code), 0)) for code in languages}
        row[t("total", lang)] = str(sum(data.offers.get((band, c), 0) for c in languages))
        rows.append(row)
    chart = None
    if charts and languages:
        series = {
            t(f"band_{b}", lang): [data.offers.get((b, c), 0) for c in languages] for b in bands
        }
        chart = figures.stacked(languages, series, t("offers", lang), lang)
    return Block("offers", t("offers", lang), rows, chart)


def _salaries(data: ReportData, lang: str, charts: bool) -> Block:
    values = data.salaries_usd
    rows = [
        {t("statistic", lang): t("offers_with_salary", lang), t("value", lang): str(len(values))}
    ]
    if len(values) >= 2:
        low, middle, high = statistics.quantiles(values, n=4)
        for key, value in (
            ("quartile_low", low),
            ("median", middle),
            ("quartile_high", high),
            ("highest", max(values)),
        ):
            rows.append({t("statistic", lang): t(key, lang), t("value", lang): f"{value:,.0f}"})
    chart = None
    if charts and values:
        chart = figures.histogram(values, t("salaries", lang), t("salary_usd", lang), lang)
    return Block("salaries", t("salaries", lang), rows, chart)


def _indicators(data: ReportData, lang: str, charts: bool) -> Block:
    catalogue = load_catalogue()
    top = data.indicators[:TOP_INDICATORS]
    names = []
    for indicator, _ in top:
        try:
            names.append(catalogue.get(indicator).title.get(lang) or indicator)
        except KeyError:
            names.append(indicator)
    rows = [
        {t("indicator", lang): name, t("offers_count", lang): str(n)}
        for name, (_, n) in zip(names, top, strict=True)
    ]
    block = Block("indicators", t("indicators", lang), rows)
    if charts and top:
        values = [n for _, n in top]
        block.chart = figures.horizontal(names, values, t("indicators", lang), lang)
    return block


def _networks(data: ReportData, lang: str) -> Block:
    rows = [
        {
            t("network", lang): n["id"],
            t("offers_in_period", lang): str(n["documents_in_period"]),
            t("size", lang): str(n["size"]),
            t("first_seen", lang): n["first_seen"] or "",
            t("last_seen", lang): n["last_seen"] or "",
            t("provinces", lang): ", ".join(province_label(p, lang) or p for p in n["provinces"]),
        }
        for n in data.networks[:TOP_NETWORKS]
    ]
    block = Block("networks", t("networks", lang), rows)
    block.notes.append(t("networks_note", lang, n=len(data.networks)))
    return block


def _claims(data: ReportData, lang: str) -> Block:
    rows = []
    for group in compare(data.claims):
        for claim in group["claims"]:
            verdict = (claim["verdict"] or {}).get("value")
            rows.append(
                {
                    t("date", lang): claim["date"] or "",
                    t("subject", lang): t(f"subject_{claim['subject']}", lang)
                    + (f" ({claim['nationality']})" if claim["nationality"] else ""),
                    t("figure", lang): claim["figure"],
                    t("claimant", lang): claim["claimant"] or "—",
                    t("stance", lang): t(f"stance_{claim['stance']}", lang),
                    t("source", lang): claim["source"] or claim["doc"],
                    t("verdict", lang): t(f"verdict_{verdict}", lang) if verdict else "",
                    t("conflict", lang): "⚠" if group["conflict"] else "",
                }
            )
    block = Block("claims", t("claims", lang), rows)
    block.notes.append(t("claims_note", lang))
    return block


def build_report(
    data: ReportData, *, lang: str = "en", k: int = DEFAULT_K, charts: bool = True
) -> OversightReport:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    blocks = [
        *_cases_blocks(data, lang, k, charts),
        _months(data, lang, k, charts),
        _channels(data, lang, k, charts),
        _offers(data, lang, charts),
        _salaries(data, lang, charts),
        _indicators(data, lang, charts),
        _networks(data, lang),
        _claims(data, lang),
    ]
    blocks[0].notes.append(t("case_month_note", lang))
    return OversightReport(
        t("report_title", lang),
        data.period.label,
        lang,
        k,
        blocks,
        [t("suppression_note", lang, k=k), t("synthetic", lang)],
    )


def report_csv_rows(report: OversightReport) -> list[dict[str, Any]]:
    """Every printed cell, long form: section, row, column, value."""
    found = []
    for block in report.blocks:
        for row in block.rows:
            items = list(row.items())
            if not items:
                continue
            (_, row_name), rest = items[0], items[1:]
            for column, value in rest:
                found.append(
                    {"section": block.key, "row": row_name, "column": column, "value": value}
                )
    return found
