"""The model card: what a saved model is for, what it learned from (with credit), how well
it does held out, and what it must not be used for. Written next to every trained model."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from recruitwatch.detect.classifier import LureModel


@cache
def known_datasets() -> dict[str, dict[str, Any]]:
    path = resources.files("recruitwatch") / "resources" / "model" / "datasets.yaml"
    loaded: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def _figure(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _data_rows(data: list[dict[str, Any]]) -> list[str]:
    rows = [
        "| data | role | documents | deceptive | credit | licence |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for d in data:
        known = known_datasets().get(d["name"], {})
        credit = known.get("credit", "supplied by the user")
        rows.append(
            f"| {known.get('title', d['name'])} | {d['role']} | {d['documents']:,} | "
            f"{d['deceptive']:,} | {credit} | {known.get('licence', 'unknown')} |"
        )
    return rows


def _evaluation_rows(evaluation: list[dict[str, Any]]) -> list[str]:
    rows = [
        "| system | group | documents | ROC-AUC | PR-AUC | F1 | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system in evaluation:
        groups = [("all", system["overall"])]
        groups += [(f"language {k}", v) for k, v in system["by_language"].items()]
        for name, m in groups:
            rows.append(
                f"| {system['system']} | {name} | {m['n']:,} | {_figure(m['roc_auc'])} | "
                f"{_figure(m['pr_auc'])} | {_figure(m['f1'])} | {_figure(m['precision'])} | "
                f"{_figure(m['recall'])} |"
            )
    return rows


def _reality_rows(reality: list[dict[str, Any]]) -> list[str]:
    """The recipe's out-of-fold figures on real texts (`train --real`), if any."""
    if not reality:
        return []
    pairs = list(reality[0]["auc"])
    kinds = list(reality[0]["kind_right"])
    lines = [
        "## On real texts",
        "",
        "Grouped 5-fold cross-validation on the real texts (a page's and a story's items in one "
        "fold): in every fold the kind model and the lure model are trained afresh on the other "
        "folds and the synthetic corpus.",
        "",
        "| system | "
        + " | ".join(f"ROC-AUC {p}" for p in pairs)
        + " | "
        + " | ".join(f"kind right: {k}" for k in kinds)
        + " | accounts of lures with a lure indicator | promised pay found |",
        "| --- |" + " ---: |" * (len(pairs) + len(kinds) + 2),
    ]
    for f in reality:
        cells = [_figure(f["auc"][p]) for p in pairs] + [_figure(f["kind_right"][k]) for k in kinds]
        cells += [_figure(f.get("lure_evidence")), _figure(f.get("pay_found"))]
        lines.append(f"| {f['system']} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def model_card(model: LureModel) -> str:
    """The card as Markdown."""
    info = model.info
    c = model.combiner
    combination = (
        f"final log-odds = {c.indicator:.3f} × logit(indicator score) + {c.text:.3f} × "
        f"text-model margin + {c.bias:.3f}"
        if c.trusted
        else "too few in-domain labels to weigh the text model: the score is the indicators' own"
    )
    lines = [
        f"# Model card: {model.version}",
        "",
        "**What it is.** A probability that a document is a deceptive recruitment offer: a "
        "linear model over hashed character n-grams (3 to 5, within words, on the folded text) "
        "and the indicator catalogue's output, stacked with the indicator score by a "
        "three-weight combiner fitted on in-domain labels only.",
        "",
        f"- Trained: {info.get('trained')}; features {model.features.fingerprint()} "
        f"(feature code v{model.features.version}, "
        f"{len(model.features.indicators)} indicators, catalogue {model.features.catalogue})",
        f"- Combination: {combination}",
        f"- Threshold (F1 peak out of fold): {model.threshold:.3f}",
        f"- Documents: {info.get('documents', 0):,} "
        f"({info.get('domain_documents', 0):,} in-domain) "
        f"in {info.get('groups', 0):,} near-duplicate groups",
        "",
        "## Data",
        "",
        *_data_rows(info.get("data", [])),
        "",
        "## Held-out figures",
        "",
        "Grouped k-fold cross-validation on the in-domain documents: every fold trains the "
        "whole model, combiner and threshold included, on the other folds; near-duplicates "
        "never straddle a split. `indicators only` is the catalogue's own score.",
        "",
        *_evaluation_rows(info.get("evaluation", [])),
        "",
        *_reality_rows(info.get("reality", [])),
        "## Use and limits",
        "",
        "- It ranks documents for an analyst to read; it is evidence, never a verdict about a "
        "person or an organisation.",
        "- The demo corpus is synthetic. Figures on it say the model learned the demo's "
        "patterns, not how it does on real posts: label real offers in the review queue and "
        "retrain (`recruitwatch train --from-store`).",
        "- Generic job-scam and SMS-spam data rank real war-recruitment lures poorly; they may "
        "only be background data (they teach the text model, never how far to trust it).",
        "",
    ]
    return "\n".join(lines)
