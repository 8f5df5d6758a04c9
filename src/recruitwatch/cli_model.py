"""Commands around the lure model: train, evaluate, label, review."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from recruitwatch import output
from recruitwatch.cli_admin import Database, clean_errors
from recruitwatch.detect.classifier import LureModel, Settings
from recruitwatch.detect.evaluation import Evaluation
from recruitwatch.errors import InvalidInput, RecruitwatchError
from recruitwatch.ingest.labelled import DEMO, Example, demo_folder, read_labelled
from recruitwatch.model import Reject

err = Console(stderr=True, soft_wrap=True)
DEFAULT_OUT = Path("recruitwatch-model.npz")
PACKAGED = "packaged"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Language(StrEnum):
    en = "en"
    ar = "ar"


def model_in_use(path: str | None, enabled: bool = True) -> LureModel | None:
    """The model to score with: --model PATH, else $RECRUITWATCH_MODEL, else the packaged
    one; None with --no-model."""
    from recruitwatch.detect.modelfile import load_model, packaged_model

    if not enabled:
        return None
    chosen = path or os.environ.get("RECRUITWATCH_MODEL") or PACKAGED
    return packaged_model() if chosen == PACKAGED else load_model(Path(chosen))


def _digest(path: str) -> str:
    target = demo_folder() / "corpus.jsonl" if path == DEMO else Path(path)
    if target.is_dir():
        return ""
    sha = hashlib.sha256()
    with target.open("rb") as handle:
        while block := handle.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def _read(paths: Sequence[str], label_field: str | None) -> tuple[list[Example], int]:
    examples: list[Example] = []
    rejected = 0
    for path in paths:
        for item in read_labelled(path, label_field=label_field):
            if isinstance(item, Reject):
                rejected += 1
                if rejected <= 20:
                    err.print(f"[yellow]skipped:[/yellow] {escape(item.message())}")
            else:
                examples.append(item)
    if rejected > 20:
        err.print(f"[yellow]skipped {rejected - 20:,} more record(s)[/yellow]")
    return examples, rejected


def _datasets(
    paths: Sequence[str], role: str, label_field: str | None
) -> tuple[list[Example], list[dict[str, Any]]]:
    from recruitwatch.training import describe

    examples, summaries = [], []
    for path in paths:
        found, rejected = _read([path], label_field)
        name = "demo" if path == DEMO else Path(path).name
        summary = describe(name, role, found, _digest(path))
        summaries.append({**summary, "skipped": rejected})
        examples += found
    return examples, summaries


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _print_figures(evaluations: Sequence[Evaluation], fmt: TableFormat) -> None:
    rows = [row for e in evaluations for row in e.rows()]
    if fmt is TableFormat.json:
        json.dump([e.to_json() for e in evaluations], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt is TableFormat.table:
        keep = ("system", "group", "value", "n", "positives", "roc_auc", "pr_auc", "f1")
        rows = [{k: _cell(r[k]) for k in (*keep, "precision", "recall")} for r in rows]
    output.write_rows(rows, fmt.value, sys.stdout, title="evaluation")


def _cell(value: Any) -> Any:
    return f"{value:.3f}" if isinstance(value, float) else value


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
    app.command("evaluate")(evaluate_command)
    app.command("label")(label_command)
    app.command("review")(review_command)


@clean_errors
def train_command(
    data: Annotated[
        list[str] | None,
        typer.Option("--data", help="Labelled in-domain data (CSV, JSON Lines, a folder)."),
    ] = None,
    background: Annotated[
        list[str] | None,
        typer.Option(
            "--background",
            help="Labelled out-of-domain data (generic job scams, SMS spam): it teaches the "
            "text model, never how far to trust it.",
        ),
    ] = None,
    from_store: Annotated[
        bool, typer.Option("--from-store", help="Learn from the analysts' labels.")
    ] = False,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Include the synthetic demo corpus.")
    ] = True,
    out: Annotated[Path, typer.Option("-o", "--output", help="Model file to write.")] = (
        DEFAULT_OUT
    ),
    card: Annotated[
        Path | None, typer.Option("--card", help="Also write the model card (Markdown).")
    ] = None,
    label_field: Annotated[
        str | None, typer.Option("--label-field", help="The label column, if not `label`.")
    ] = None,
    real: Annotated[
        list[str] | None,
        typer.Option(
            "--real",
            help="Real texts of the five kinds (offer_verbatim, offer_described, job_legit, "
            "official_warning, news_article): the kind model is learned too, and lures and "
            "accounts of lures teach the lure model.",
        ),
    ] = None,
    kind_model: Annotated[
        Path | None,
        typer.Option("--kind-model", help="With --real: where to write the kind model."),
    ] = None,
    database: Database = None,
) -> None:
    """Train the lure model on labelled documents and save it with its card: what it learned
    from, its settings and its cross-validated figures against the indicators alone. With
    --real, the recipe that ships: the kind model, then the lure model over its verdicts."""
    from recruitwatch.detect.modelfile import save_model
    from recruitwatch.modelcard import model_card
    from recruitwatch.training import describe, prepare, train

    domain_paths = ([DEMO] if demo else []) + list(data or [])
    domain, summaries = _datasets(domain_paths, "domain", label_field)
    if from_store:
        stored = _stored_examples(database)
        domain += stored
        summaries.append(describe("analysts' labels", "domain", stored, ""))
    extra, extra_summaries = _datasets(list(background or []), "background", label_field)
    if real:
        _train_real(list(real), domain, summaries, out, card, kind_model)
        return
    if not domain:
        raise InvalidInput("no in-domain labelled documents: give --data, --from-store or --demo")
    with _progress() as progress:
        progress.add_task(f"training on {len(domain) + len(extra):,} documents", total=None)
        labelled = prepare(domain, extra)
        model = train(labelled, datasets=[*summaries, *extra_summaries])
    save_model(model, out)
    if card is not None:
        card.write_text(model_card(model), encoding="utf-8")
    _print_train_summary(model, out)


def _train_real(
    paths: list[str],
    domain: list[Example],
    summaries: list[dict[str, Any]],
    out: Path,
    card: Path | None,
    kind_model: Path | None,
) -> None:
    from dataclasses import replace

    from recruitwatch.detect.kind import weights_to_yaml
    from recruitwatch.detect.modelfile import save_model
    from recruitwatch.modelcard import model_card
    from recruitwatch.realeval import recipe_figures
    from recruitwatch.recipe import Recipe, fit_detector, real_examples
    from recruitwatch.training import describe

    texts = _real_texts(paths)
    recipe = Recipe()
    reals = real_examples(texts, recipe)
    digests = ",".join(_digest(p) for p in paths)
    with_lang = [Example(t.record, e.label, e.dataset) for t, e in zip(texts, reals, strict=True)]
    summaries = [describe("real texts", "domain", with_lang, digests), *summaries]
    with _progress() as progress:
        progress.add_task(f"training on {len(texts) + len(domain):,} documents", total=None)
        detector = fit_detector(texts, domain, recipe, evaluate=True, datasets=summaries)
        progress.add_task("the recipe's out-of-fold figures on the real texts", total=None)
        reality = [f.to_json() for f in recipe_figures(texts, domain, recipe)]
    detector = replace(
        detector, model=replace(detector.model, info={**detector.model.info, "reality": reality})
    )
    assert detector.kinds.model is not None
    target = kind_model or out.with_suffix(".kinds.yaml")
    about = {
        "about": "The kind model's weights (recruitwatch train --real); see detect/kind.py.",
        "trained_on": [
            {k: s[k] for k in ("name", "documents", "languages", "sha256")} for s in summaries
        ],
    }
    target.write_text(weights_to_yaml(detector.kinds.model, about), encoding="utf-8")
    save_model(detector.model, out)
    if card is not None:
        card.write_text(model_card(detector.model), encoding="utf-8")
    _print_train_summary(detector.model, out)
    err.print(f"kind model written to {target}")


def _stored_examples(database: str | None) -> list[Example]:
    from sqlalchemy.orm import Session

    from recruitwatch.store import database_url, make_engine, migrate
    from recruitwatch.store.labels import labelled_examples

    engine = make_engine(database_url(database))
    migrate(engine)
    with Session(engine) as session:
        found = list(labelled_examples(session))
    engine.dispose()
    return found


def _print_train_summary(model: LureModel, out: Path) -> None:
    info = model.info
    combiner = model.combiner
    trust = (
        f"indicators x{combiner.indicator:.2f} + text model x{combiner.text:.2f}"
        if combiner.trusted
        else "too few in-domain labels: the score stays the indicators' own"
    )
    err.print(
        f"trained {info['version']} on {info['documents']:,} documents "
        f"({info['domain_documents']:,} in-domain, {info['groups']:,} near-duplicate groups); "
        f"{trust}; threshold {model.threshold:.2f}",
        highlight=False,
    )
    for figures in info.get("evaluation", []):
        overall = figures["overall"]
        err.print(
            f"  {figures['system']}: ROC-AUC {overall['roc_auc']}, PR-AUC {overall['pr_auc']}, "
            f"F1 {overall['f1']} (grouped {Settings().folds}-fold, in-domain)",
            highlight=False,
        )
    err.print(f"saved to {out}; scan with --model {out} or RECRUITWATCH_MODEL={out}")


@clean_errors
def evaluate_command(
    data: Annotated[list[str], typer.Argument(help="Labelled data; `demo` is the demo corpus.")],
    model_path: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Evaluate this saved model (`packaged` for the shipped one) instead of "
            "cross-validating.",
        ),
    ] = None,
    background: Annotated[
        list[str] | None,
        typer.Option("--background", help="Out-of-domain data added to every training fold."),
    ] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, max=20)] = 5,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write an HTML report with curves.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="The report's language.")] = (
        Language.en
    ),
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    label_field: Annotated[str | None, typer.Option("--label-field")] = None,
) -> None:
    """How good is the model? ROC-AUC, PR-AUC, F1 at the threshold, precision at k and the
    confusion matrix, overall, per language and per kind, beside the indicators alone. By
    default a grouped k-fold cross-validation (near-duplicates never straddle a split)."""
    from recruitwatch.realeval import is_real_file
    from recruitwatch.training import cross_validate, evaluate_model, prepare

    if data and all(is_real_file(path) for path in data):
        _evaluate_real(data, folds, fmt)
        return
    examples, summaries = _datasets(data, "evaluated", label_field)
    extra, extra_summaries = _datasets(list(background or []), "background", label_field)
    if not examples:
        raise InvalidInput("no labelled documents to evaluate")
    notes = []
    with _progress() as progress:
        progress.add_task(f"evaluating on {len(examples):,} documents", total=None)
        if model_path is None:
            labelled = prepare(examples, extra)
            evaluations = cross_validate(labelled, folds=folds)
            model_info: dict[str, Any] | None = None
            notes.append(
                f"Grouped {folds}-fold cross-validation: each fold trains the whole model "
                "(combiner and threshold included) on the other folds; near-duplicates "
                "stay in one fold."
            )
        else:
            model = model_in_use(model_path)
            assert model is not None
            labelled = prepare(examples)
            evaluations = evaluate_model(model, labelled)
            model_info = _model_rows(model)
            notes += _overlap_warnings(model, summaries)
    _print_figures(evaluations, fmt)
    for note in notes:
        err.print(f"note: {note}", highlight=False)
    if report is not None:
        from recruitwatch.report.evaluation import render_evaluation

        page = render_evaluation(
            evaluations,
            title="recruitwatch: lure model evaluation",
            datasets=[*summaries, *extra_summaries],
            model=model_info,
            notes=notes,
            lang=lang.value,
        )
        report.write_text(page, encoding="utf-8")
        err.print(f"report written to {report}")


def _evaluate_real(paths: Sequence[str], folds: int, fmt: TableFormat) -> None:
    """The reality benchmark on real texts of the five kinds: recruitwatch as packaged, its
    training recipe per fold, the indicators alone, a keyword count and a naive model."""
    from recruitwatch.realeval import figure_rows, packaged_saw, reality
    from recruitwatch.report.reality import print_figures

    texts = _real_texts(paths)
    demo = [e for e in read_labelled(DEMO) if isinstance(e, Example)]
    with _progress() as progress:
        task = progress.add_task(f"the reality benchmark on {len(texts):,} real texts", total=None)
        results = reality(
            texts,
            demo,
            folds,
            progress=lambda name: progress.update(task, description=name),
            packaged_seen=packaged_saw(paths),
        )
    if fmt is TableFormat.table:
        print_figures(results, Console(width=max(Console().width, 120)))
    else:
        output.write_rows(figure_rows(results), fmt.value, sys.stdout, title="reality")
    err.print(
        f"note: grouped {folds}-fold cross-validation for every system that learns from the "
        "real texts; a page's and a story's items stay in one fold",
        highlight=False,
    )


def _real_texts(paths: Sequence[str]) -> list[Any]:
    """Real texts of several files, their groups kept apart, rejects named on stderr."""
    from dataclasses import replace

    from recruitwatch.realeval import read_real

    texts: list[Any] = []
    for path in paths:
        found, rejects = read_real(path)
        for item in rejects:
            err.print(f"rejected: {escape(item.message())}", highlight=False)
        offset = max((t.group for t in texts), default=-1) + 1
        texts += [replace(t, group=t.group + offset) for t in found]
    if not texts:
        raise InvalidInput("no real texts of the five kinds to evaluate")
    return texts


def _model_rows(model: LureModel) -> dict[str, Any]:
    info = model.info
    return {
        "version": model.version,
        "trained": info.get("trained"),
        "documents": info.get("documents"),
        "in-domain documents": info.get("domain_documents"),
        "threshold": round(model.threshold, 4),
        "combiner": vars(model.combiner),
        "features": model.features.fingerprint(),
    }


def _overlap_warnings(model: LureModel, summaries: Sequence[dict[str, Any]]) -> list[str]:
    trained_on = {d.get("sha256") for d in model.info.get("data", []) if d.get("sha256")}
    return [
        f"{s['name']} was used to train this model: its figures are optimistic"
        for s in summaries
        if s.get("sha256") in trained_on
    ]


@clean_errors
def label_command(
    reference: Annotated[str, typer.Argument(metavar="ID", help="The offer's id.")],
    value: Annotated[str, typer.Argument(metavar="deceptive|legitimate|unsure")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who labels (a recruitwatch user; default $RECRUITWATCH_USER)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    database: Database = None,
) -> None:
    """Label a stored offer: a decision with who and when that retraining learns from."""
    from sqlalchemy.orm import Session

    from recruitwatch.access import allowed
    from recruitwatch.store import crypto, database_url, make_engine, migrate
    from recruitwatch.store.db import writer
    from recruitwatch.store.labels import LABELS, find_document, record_label
    from recruitwatch.store.users import get_user

    if value not in LABELS:
        raise InvalidInput(f"label {value!r}: choose one of {', '.join(LABELS)}")
    name = by or os.environ.get("RECRUITWATCH_USER")
    if not name:
        raise InvalidInput("say who labels: --by NAME (or set RECRUITWATCH_USER)")
    engine = make_engine(database_url(database))
    migrate(engine)
    ring = crypto.load_keyring(create=True)
    with Session(writer(engine)) as session, session.begin():
        user = get_user(session, name)
        if not user.active or not allowed(user.role, "offers.label"):
            raise RecruitwatchError(f"user {name!r} may not label offers")
        doc = find_document(session, reference)
        decision = record_label(session, ring, doc, value, (user.id, user.name), note)
        decision_id = decision.id
    engine.dispose()
    err.print(f"labelled {reference} {value} (decision {decision_id}, by {name})")


@clean_errors
def review_command(
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 20,
    model_path: Annotated[str | None, typer.Option("--model", help="Its threshold.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    database: Database = None,
) -> None:
    """The review queue: unlabelled offers the model is least sure of, and offers in
    networks that already hold confirmed lures (evidence to weigh, not a verdict)."""
    from sqlalchemy.orm import Session

    from recruitwatch.pipeline import SCANNER_VERSION
    from recruitwatch.store import database_url, make_engine, migrate
    from recruitwatch.store.labels import review_queue

    model = model_in_use(model_path)
    threshold = model.threshold if model is not None else 0.5
    engine = make_engine(database_url(database))
    migrate(engine)
    with Session(engine) as session:
        items = review_queue(session, SCANNER_VERSION, threshold=threshold, limit=limit)
    engine.dispose()
    rows = [item.to_json() for item in items]
    if fmt is TableFormat.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    flat = [{**r, "reasons": "; ".join(r["reasons"])} for r in rows]
    output.write_rows(flat, fmt.value, sys.stdout, title="review queue")
