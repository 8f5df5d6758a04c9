"""The evaluation page and its charts: self-contained, escaped, English or Arabic."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from recruitwatch.detect.evaluation import Evaluation, Scored, evaluate, metrics
from recruitwatch.report.charts import confusion_chart, pr_chart, roc_chart
from recruitwatch.report.evaluation import LABELS, render_evaluation

PNG = b"\x89PNG\r\n\x1a\n"
HOSTILE = "<script>alert(1)</script>"
LANGS = ["ar", "en", "ru"]
KINDS = ["offer", "news", "warning"]


def _items(shift: float) -> list[Scored]:
    """Thirty documents; a larger shift separates the classes better."""
    items = []
    for i in range(30):
        label = i % 3 == 0
        score = min(1.0, max(0.0, (i % 10) / 10 + (shift if label else -shift)))
        items.append(Scored(f"d{i:02d}", int(label), score, LANGS[i % 3], KINDS[i // 3 % 3]))
    return items


def _evaluations() -> list[Evaluation]:
    return [evaluate("model", _items(0.3), 0.5), evaluate("indicators only", _items(0.0), 0.5)]


DATASETS = [{"name": "synthetic test", "documents": 30, "positives": 10, "sha256": "ab" * 32}]


def _page(
    lang: str = "en",
    *,
    datasets: Sequence[Mapping[str, Any]] = DATASETS,
    model: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
) -> str:
    return render_evaluation(
        _evaluations(), title="Evaluation", datasets=datasets, model=model, notes=notes, lang=lang
    )


def _images(html: str) -> dict[str, bytes]:
    """alt text -> decoded picture, for every embedded PNG."""
    found = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', html)
    return {alt: base64.b64decode(data, validate=True) for data, alt in found}


def test_roc_and_pr_are_embedded_pngs() -> None:
    images = _images(_page())
    assert {"ROC", "PR"} <= set(images)
    assert len(images) == 4  # ROC, PR and one confusion matrix per system
    assert all(png.startswith(PNG) for png in images.values())
    assert images["ROC"] != images["PR"]


def test_page_shows_every_system_dataset_and_model() -> None:
    html = _page(model={"type": "logistic regression", "features": 4096}, notes=["synthetic"])
    assert "<th>model</th>" in html and "<th>indicators only</th>" in html
    assert "<th>sha256</th>" in html and "ab" * 32 in html
    assert "<h2>Model</h2>" in html and "logistic regression" in html and "4096" in html
    assert "<li>synthetic</li>" in html
    assert "<h2>By language</h2>" in html and '<th scope="row">ru</th>' in html
    assert "<h2>By kind</h2>" in html and '<th scope="row">warning</th>' in html
    m = evaluate("model", _items(0.3), 0.5).overall
    assert f'<th scope="row">F1</th><td class="num">{m.f1:.3f}</td>' in html
    assert f'<td class="num">{m.tp}</td><td class="num">{m.fn}</td>' in html


def test_no_model_section_without_a_model() -> None:
    assert "<h2>Model</h2>" not in _page()


def test_datasets_with_different_keys_share_one_table() -> None:
    html = _page(datasets=[{"name": "a", "documents": 3}, {"name": "b", "source": "x"}])
    assert "<th>name</th><th>documents</th><th>source</th>" in html
    assert "<td>b</td><td>—</td><td>x</td>" in html


def test_english_is_left_to_right() -> None:
    html = _page("en")
    assert '<html lang="en" dir="ltr">' in html
    assert LABELS["ar"]["overall"] not in html


def test_arabic_is_right_to_left_with_arabic_headings() -> None:
    html = _page("ar")
    assert '<html lang="ar" dir="rtl">' in html
    for key in ("datasets", "overall", "confusion", "by_language", "by_kind"):
        assert f"<h2>{LABELS['ar'][key]}</h2>" in html
    assert "<h2>Overall metrics</h2>" not in html


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report language 'fr'"):
        _page("fr")


def test_no_evaluations_is_refused() -> None:
    with pytest.raises(ValueError, match="no evaluations"):
        render_evaluation([], title="x", datasets=[])


def test_hostile_text_is_escaped_everywhere() -> None:
    items = [Scored(HOSTILE, 1, 0.9, HOSTILE, HOSTILE), Scored("b", 0, 0.1, "en", "news")]
    html = render_evaluation(
        [evaluate(HOSTILE, items, 0.5)],
        title=HOSTILE,
        datasets=[{HOSTILE: HOSTILE}],
        model={HOSTILE: HOSTILE},
        notes=[HOSTILE],
    )
    assert "<script" not in html
    # title, heading, dataset key and value, model key and value, system in the overall
    # table, confusion caption and alt, language and kind values and notes
    assert html.count("&lt;script&gt;") >= 10


def test_one_class_data_shows_a_dash_for_auc() -> None:
    items = [Scored(f"n{i}", 0, i / 10, "en", "news") for i in range(10)]
    html = render_evaluation([evaluate("model", items, 0.5)], title="t", datasets=DATASETS)
    assert '<th scope="row">ROC-AUC</th><td class="num">—</td>' in html
    assert '<th scope="row">PR-AUC (average precision)</th><td class="num">—</td>' in html
    assert all(png.startswith(PNG) for png in _images(html).values())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_page_is_self_contained(lang: str) -> None:
    html = _page(lang, model={"type": "x"}, notes=["n"])
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script" not in html and "@import" not in html


def test_same_input_gives_the_same_page() -> None:
    assert _page() == _page()


def test_charts_are_pngs_that_depend_on_their_input() -> None:
    good, chance = _evaluations()
    assert roc_chart([good], "ROC").startswith(PNG)
    assert pr_chart([good], "PR").startswith(PNG)
    assert roc_chart([good], "ROC") != roc_chart([chance], "ROC")
    assert pr_chart([good], "PR") != pr_chart([chance], "PR")
    assert roc_chart([good, chance], "ROC") != roc_chart([good], "ROC")
    assert confusion_chart(good.overall, "c").startswith(PNG)
    assert confusion_chart(good.overall, "c") != confusion_chart(chance.overall, "c")


def test_charts_draw_odd_names_and_one_class_data() -> None:
    # "$" would start mathtext and "$\frac{$" does not parse; labels must be drawn as written.
    odd = evaluate("$\\frac{$ _x", _items(0.3), 0.5)
    one_class = evaluate("_only negatives", [Scored("a", 0, 0.2, "en", "news")], 0.5)
    for chart in (roc_chart, pr_chart):
        assert chart([odd, one_class], "$\\frac{$").startswith(PNG)
    assert confusion_chart(metrics(_items(0.0), 0.5), "$\\frac{$").startswith(PNG)
