"""The oversight report: small counts hidden in tables and charts alike, conflicting claims
flagged, Arabic pages right to left with joined letters."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from pdfcheck import first_page

from recruitwatch.report import figures, oversight
from recruitwatch.report.oversight import build_report, report_csv_rows
from recruitwatch.report.period import parse_period
from recruitwatch.report.render import report_csv, report_html, to_pdf
from recruitwatch.store.reporting import ReportData


def claim(
    n: int, figure: str, low: float | None, high: float | None, **extra: Any
) -> dict[str, Any]:
    base = {
        "id": n,
        "doc": f"article-{n}",
        "source": "synthetic-news",
        "url": None,
        "figure": figure,
        "value_min": low,
        "value_max": high,
        "precision": "exact" if low == high else "at_least",
        "unit": "people",
        "subject": "recruited",
        "nationality": "IQ",
        "claimant": "an invented official",
        "stance": "said",
        "date": "2025-06-01",
        "sentence": f"... {figure} ...",
        "start": 0,
        "end": len(figure),
        "verdict": None,
    }
    return {**base, **extra}


def data() -> ReportData:
    cases = (
        [{"fate": "missing", "province": "IQ-BA", "month": "2025-03", "channels": ["Telegram"]}]
        * 15
        + [
            {
                "fate": "in_contract",
                "province": "IQ-BA",
                "month": "2025-04",
                "channels": ["Telegram"],
            }
        ]
        * 12
        + [{"fate": "returned", "province": "IQ-BA", "month": "2025-04", "channels": ["WhatsApp"]}]
        * 3
        + [{"fate": "missing", "province": "IQ-NA", "month": "2025-05", "channels": ["Telegram"]}]
        * 2
    )
    return ReportData(
        parse_period("2025-01..2025-06"),
        cases,
        Counter({("high", "ar"): 40, ("medium", "ru"): 12, ("low", "en"): 30}),
        [1500.0, 2000.0, 2500.0, 3000.0, 3200.0],
        [("salary_far_above_norm", 30), ("citizenship_promised", 12)],
        [
            {
                "id": "N-1",
                "documents_in_period": 9,
                "size": 20,
                "first_seen": "2024-11-02",
                "last_seen": "2025-05-30",
                "provinces": ["IQ-BA"],
                "indicators": [],
            }
        ],
        [
            claim(1, "only a few", None, None, precision="vague", claimant="an official"),
            claim(2, "more than 5,000", 5000, None, claimant="a Shafaq News investigation"),
            claim(3, "<script>alert(1)</script>", 40, 40),
        ],
    )


def block(report: oversight.OversightReport, key: str) -> oversight.Block:
    return next(b for b in report.blocks if b.key == key)


def _printed(report: oversight.OversightReport, *keys: str) -> list[str]:
    return [
        value
        for b in report.blocks
        if b.key in keys
        for row in b.rows
        for value in list(row.values())[1:]
    ]


def test_small_counts_are_hidden_and_shown_counts_are_true() -> None:
    report = build_report(data(), k=11, charts=False)
    keys = ("cases_by_province_and_fate", "cases_by_fate", "cases_by_province", "cases_by_month")
    printed = _printed(report, *keys)
    assert printed, "some case table is published"
    for value in printed:  # every printed count is hidden, zero, or at least k
        assert value in ("<11", "x", "0") or int(value) >= 11, value
    assert "<11" in printed
    totals = [b.rows[-1] for b in report.blocks if b.key in keys and b.rows]
    assert all(list(row.values())[-1] == "32" for row in totals)  # the grand total is true
    channels = {r["Channel"]: r["Count"] for r in block(report, "channels").rows}
    assert channels == {"Telegram": "29", "WhatsApp": "<11"}


def test_a_table_that_would_leak_is_not_published() -> None:
    few = data()
    # Najaf: one missing, one returned; a row total below k with k-1 non-zero cells gives
    # both away as 1 whatever is hidden (report/suppress.py explains)
    najaf = [{"province": "IQ-NA", "month": "2025-05", "channels": []}]
    few.cases = [
        *[{**c, "fate": "in_contract", "province": "IQ-BA"} for c in few.cases[:10]],
        {**najaf[0], "fate": "missing"},
        {**najaf[0], "fate": "returned"},
    ]
    report = build_report(few, k=3, charts=False)
    crossed = [b for b in report.blocks if b.key == "cases_by_province_and_fate"]
    margins = [b for b in report.blocks if b.key in ("cases_by_fate", "cases_by_province")]
    assert not crossed and len(margins) == 2
    assert all("Too few cases" in " ".join(b.notes) for b in margins)


def test_charts_never_draw_a_hidden_count(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[list[int | None]] = []
    real = figures.bars

    def spy(labels: Any, values: Any, title: str, lang: str, **options: Any) -> bytes:
        drawn.append(list(values))
        return real(labels, values, title, lang, **options)

    monkeypatch.setattr(figures, "bars", spy)
    report = build_report(data(), k=11)
    assert all(
        b.chart and b.chart[:4] == b"\x89PNG"
        for b in report.blocks
        if b.key != "claims" and b.key != "networks"
    )
    every = [v for values in drawn for v in values]
    assert None in every  # hidden counts are passed as hidden
    assert 3 not in every and 2 not in every  # and their true values never reach a chart


def test_conflicting_claims_are_flagged_and_escaped() -> None:
    report = build_report(data(), charts=False)
    rows = block(report, "claims").rows
    flagged = {r["Figure"]: r["Conflict"] for r in rows}
    assert flagged["more than 5,000"] == "⚠" and flagged["<script>alert(1)</script>"] == "⚠"
    page = report_html(report)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page)


def test_csv_has_every_printed_cell() -> None:
    report = build_report(data(), charts=False)
    rows = report_csv_rows(report)
    assert {"section", "row", "column", "value"} == set(rows[0])
    hidden = [
        r for r in rows if r["section"] == "cases_by_province_and_fate" and r["value"] == "<11"
    ]
    assert hidden
    assert report_csv(report).splitlines()[0] == "section,row,column,value"


def test_arabic_report_is_right_to_left_and_its_letters_join() -> None:
    report = build_report(data(), lang="ar", charts=False)
    page = report_html(report)
    assert '<html lang="ar" dir="rtl">' in page and "الحالات حسب المحافظة والمصير" in page
    rendered = first_page(to_pdf(page))
    assert rendered.ink() > 0.01  # not blank
    title = [w for w in rendered.words if w.y0 < rendered.words[0].y1 + 2]
    right = max(w.x1 for w in title)
    assert right > rendered.width * 0.85  # the title starts on the right
    assert min(w.x0 for w in title) > rendered.width * 0.15  # and does not run to the left edge
    word = next(w for w in rendered.words if w.text in ("التجنيد", "دينجتلا"))
    # ال+تجنيد: one break after the alef (it does not join leftwards); unjoined: six
    assert rendered.gaps(word) <= 2


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        build_report(data(), lang="fr")


def test_the_joining_measure_tells_joined_from_unjoined_letters() -> None:
    """The check above is only as good as its measure: the same word with its letters kept
    apart (zero-width non-joiners) must fail it."""
    joined = '<html dir="rtl" lang="ar"><body style="font-size:28pt"><p>التجنيد</p></body></html>'
    apart = joined.replace("التجنيد", "\u200c".join("التجنيد"))
    for page, expected in ((joined, True), (apart, False)):
        rendered = first_page(to_pdf(page))
        word = rendered.words[0]
        assert (rendered.gaps(word) <= 2) is expected
