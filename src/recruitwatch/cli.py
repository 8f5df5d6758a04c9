"""The `recruitwatch` command line: each command is a few lines over library functions."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from recruitwatch import cli_admin, cli_claims, cli_model, cli_report, cli_watchlist, output
from recruitwatch.errors import InvalidInput, NotFound, RecruitwatchError
from recruitwatch.ingest import ReadOptions, read_inputs
from recruitwatch.link import LinkInput, Links, LinkSettings
from recruitwatch.output import EXIT_REJECTED, RejectLog
from recruitwatch.pipeline import (
    SCANNER_VERSION,
    Scanned,
    Scoring,
    Summary,
    link_input,
    scan,
    scan_parallel,
)

app = typer.Typer(
    help="Detect, extract and link deceptive military-recruitment offers.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)

BATCH = 500
BAND_RANK = {"low": 0, "medium": 1, "high": 2}


class OutFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"
    html = "html"
    parquet = "parquet"  # with --out-dir only


class BandName(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} records"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not enabled,
    )
    with progress:
        yield progress


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    return typer.Exit(1)


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[
    EngineName,
    typer.Option(
        "--engine",
        help="local: this machine's processes; dask: a Dask cluster (a local one by default).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Join the Dask scheduler at ADDRESS (tcp://host:8786)."),
]
PartitionOption = Annotated[
    int, typer.Option("--partition-size", min=10, help="Records per Dask task.")
]


@contextlib.contextmanager
def _engine_client(
    engine: EngineName, scheduler: str | None, workers: int, partition_size: int
) -> Iterator[Any]:
    """A Dask client for --engine dask (None for local)."""
    if engine is EngineName.local:
        if scheduler:
            raise InvalidInput("--scheduler needs --engine dask")
        yield None
        return
    from recruitwatch.engine import Engine, dask_client

    with dask_client(Engine("dask", scheduler, workers, partition_size)) as client:
        yield client


@app.command("scan")
def scan_command(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders; - reads JSON Lines.")],
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.jsonl
    ),
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Write numbered parts of --partition-size records here instead "
            "(--format jsonl or parquet).",
        ),
    ] = None,
    min_band: Annotated[
        BandName, typer.Option("--min-band", help="Only output records of this band or above.")
    ] = BandName.low,
    store: Annotated[
        bool, typer.Option("--store/--no-store", help="Also save to the database.")
    ] = False,
    database: Annotated[
        str | None, typer.Option("--database", help="Database URL (default: env or SQLite).")
    ] = None,
    rejects: Annotated[
        Path, typer.Option("--rejects", help="Where rejected records go (JSON Lines).")
    ] = Path("rejects.jsonl"),
    text_column: Annotated[
        list[str] | None, typer.Option("--text-column", help="CSV column(s) holding the text.")
    ] = None,
    id_column: Annotated[str | None, typer.Option("--id-column", help="CSV id column.")] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", min=1, help="Processes (local) or local Dask workers (dask)."
        ),
    ] = 1,
    engine: EngineOption = EngineName.local,
    scheduler: SchedulerOption = None,
    partition_size: PartitionOption = 1000,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Lure model file (default: $RECRUITWATCH_MODEL, else the packaged model).",
        ),
    ] = None,
    use_model: Annotated[
        bool, typer.Option("--use-model/--no-model", help="--no-model: indicators alone.")
    ] = True,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help='Add "model": the indicator score and the features that moved it.'
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Scan INPUT... for deceptive recruitment offers; one output record per input record."""
    options = ReadOptions(text_columns=tuple(text_column or ()), id_column=id_column)
    if out_dir is not None and fmt not in (OutFormat.jsonl, OutFormat.parquet):
        raise _fail("--out-dir writes jsonl or parquet parts: choose --format jsonl or parquet")
    if out_dir is None and fmt is OutFormat.parquet:
        raise _fail("--format parquet needs --out-dir")
    summary = Summary()
    reject_log = RejectLog(rejects, quiet)
    try:
        scoring = _scoring(model, use_model, explain=explain or store)
        scoring = cli_watchlist.with_database_watchlist(scoring, database)
        records = read_inputs(inputs, options)
        with (
            _engine_client(engine, scheduler, workers, partition_size) as client,
            _open_output(out) as handle,
            _progress(not quiet and err.is_terminal) as progress,
        ):
            if client is not None:
                from recruitwatch.engine import scan_dask

                results = scan_dask(
                    records,
                    client,
                    scoring=scoring,
                    partition_size=partition_size,
                    on_reject=reject_log,
                )
            elif workers > 1:
                results = scan_parallel(
                    records, scoring=scoring, workers=workers, on_reject=reject_log
                )
            else:
                results = scan(records, scoring=scoring, on_reject=reject_log)
            task = progress.add_task("scanning", total=None)
            stream = _tally(results, summary, progress, task)
            if store:
                stream = _stored(stream, database)
            threshold = BAND_RANK[min_band.value]
            shown = (s for s in stream if BAND_RANK[s.assessment.band] >= threshold)
            if out_dir is not None:
                output.write_partitioned(shown, out_dir, fmt.value, partition_size, explain=explain)
            else:
                output.write(shown, fmt.value, handle, explain=explain)
    except RecruitwatchError as exc:
        raise _fail(str(exc)) from exc
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): end quietly
        return
    finally:
        reject_log.close()
    summary.rejected = reject_log.count
    if not quiet:
        _print_summary(summary, reject_log)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


def _scoring(model: str | None, use_model: bool, *, explain: bool = False) -> Scoring:
    from recruitwatch.cli_model import model_in_use

    return Scoring(model=model_in_use(model, use_model), explain=explain)


def _tally(
    items: Iterator[Scanned], summary: Summary, progress: Progress, task: TaskID
) -> Iterator[Scanned]:
    for item in items:
        summary.add(item)
        if summary.read % 200 == 0:
            progress.update(task, completed=summary.read)
        yield item


def _stored(items: Iterator[Scanned], database: str | None) -> Iterator[Scanned]:
    """Pass items through, saving them in batches of BATCH, one transaction each."""
    from sqlalchemy.orm import Session

    from recruitwatch.store import database_url, make_engine, migrate, save_batch
    from recruitwatch.store.db import analyze

    engine = make_engine(database_url(database))
    migrate(engine)
    batch: list[Scanned] = []

    def flush() -> None:
        with Session(engine) as session, session.begin():
            pairs = [(s.record, s.assessment) for s in batch]
            save_batch(session, pairs, scanner_version=SCANNER_VERSION)
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
        yield item
    if batch:
        flush()
    analyze(engine)
    engine.dispose()


def _print_summary(summary: Summary, rejects: RejectLog) -> None:
    bands = ", ".join(f"{b} {summary.bands.get(b, 0):,}" for b in ("high", "medium", "low"))
    line = (
        f"read {summary.read:,} record(s), rejected {rejects.count:,}, "
        f"duplicates {summary.duplicates:,}; flagged: {bands}"
    )
    if rejects.count:
        line += f"; rejects written to {rejects.path}"
    err.print(line, highlight=False)


class LinkFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


@app.command("link")
def link_command(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; - reads JSON Lines.")
    ] = None,
    fmt: Annotated[LinkFormat, typer.Option("--format", "-f", help="Output format.")] = (
        LinkFormat.jsonl
    ),
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    store: Annotated[
        bool,
        typer.Option("--store/--no-store", help="Store the inputs, link everything stored."),
    ] = False,
    database: Annotated[
        str | None, typer.Option("--database", help="Database URL (default: env or SQLite).")
    ] = None,
    rejects: Annotated[
        Path, typer.Option("--rejects", help="Where rejected records go (JSON Lines).")
    ] = Path("rejects.jsonl"),
    stoplist: Annotated[
        Path | None,
        typer.Option(
            "--stoplist",
            help="File of identifiers never to link on, one per line "
            "(e.g. phone:+9647800001122, domain:gov.iq).",
        ),
    ] = None,
    engine: EngineOption = EngineName.local,
    scheduler: SchedulerOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Local Dask workers.")] = 2,
    partition_size: PartitionOption = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Link documents into template clusters and recruiter networks: one line per document,
    in input order: {"id", "cluster", "network"}. Without --store it needs no database; with
    --store the inputs (if any) are stored first and every stored document is linked."""
    from recruitwatch.link import link

    if not inputs and not store:
        raise _fail("give INPUT files, or --store to link the documents in the database")
    settings = _link_settings(stoplist)
    reject_log = RejectLog(rejects, quiet)
    stack = contextlib.ExitStack()
    try:
        client = stack.enter_context(_engine_client(engine, scheduler, workers, partition_size))
        scoring = _scoring(None, True, explain=store)
        records = read_inputs(inputs or [])
        if client is not None:
            from recruitwatch.engine import scan_dask

            scanned: Iterable[Scanned] = scan_dask(
                records,
                client,
                scoring=scoring,
                partition_size=partition_size,
                on_reject=reject_log,
            )
        else:
            scanned = scan(records, scoring=scoring, on_reject=reject_log)
        if store:
            for _ in _stored(iter(scanned), database):
                pass
            rows, links = _link_store(database, settings, client, partition_size)
        else:
            docs = [link_input(s) for s in scanned]
            sketches = _sketched(docs, settings, client, partition_size)
            links = link(docs, settings, sketches, _pair_source(client))
            rows = [
                {"id": d.id, "cluster": c, "network": n}
                for d, c, n in zip(docs, links.clusters, links.networks, strict=True)
            ]
    except RecruitwatchError as exc:
        raise _fail(str(exc)) from exc
    finally:
        reject_log.close()
        stack.close()
    with _open_output(out) as handle:
        output.write_rows(rows, fmt.value, handle, title="links")
    if not quiet:
        networks = {n for n in links.networks if n}
        clusters = {c for c in links.clusters if c}
        err.print(
            f"linked {len(rows):,} document(s): {len(clusters):,} template cluster(s), "
            f"{len(networks):,} network(s); rejected {reject_log.count:,}",
            highlight=False,
        )
    if reject_log.count:
        raise typer.Exit(EXIT_REJECTED)


def _link_settings(stoplist: Path | None) -> LinkSettings:
    if stoplist is None:
        return LinkSettings()
    try:
        lines = stoplist.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise _fail(f"{stoplist}: cannot read the stop-list: {exc.strerror}") from exc
    entries = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return LinkSettings(stoplist=frozenset(entries))


def _pair_source(client: Any) -> Any:
    """Near-duplicate pairs found on the cluster with --engine dask; in this process otherwise."""
    from recruitwatch.link.networks import verified_pairs

    if client is None:
        return verified_pairs
    from recruitwatch.engine import pairs_dask

    return pairs_dask(client)


def _sketched(
    docs: list[LinkInput], settings: LinkSettings, client: Any, partition_size: int
) -> list[Any] | None:
    """MinHash signatures computed on the Dask cluster, or None to compute them here."""
    if client is None:
        return None
    from recruitwatch.engine import sketch_dask

    return sketch_dask(docs, client, settings, partition_size)


def _link_store(
    database: str | None,
    settings: LinkSettings,
    client: Any = None,
    partition_size: int = 1000,
) -> tuple[list[dict[str, str | None]], Links]:
    from sqlalchemy.orm import Session

    from recruitwatch.link import link, summarise
    from recruitwatch.link.networks import sketch_key
    from recruitwatch.store import database_url, make_engine, migrate
    from recruitwatch.store.db import analyze
    from recruitwatch.store.links import (
        load_link_inputs,
        load_sketches,
        save_links,
        save_sketches,
    )

    engine = make_engine(database_url(database))
    migrate(engine)
    key = sketch_key(settings)
    with Session(engine) as session, session.begin():
        ids, docs = load_link_inputs(session, SCANNER_VERSION)
        known = load_sketches(session, ids, key)
        if client is not None and any(k is None for k in known):
            from recruitwatch.engine import sketch_dask

            missing = [i for i, k in enumerate(known) if k is None]
            fresh = sketch_dask([docs[i] for i in missing], client, settings, partition_size)
            for i, value in zip(missing, fresh, strict=True):
                known[i] = value
        links = link(docs, settings, known, _pair_source(client))
        save_sketches(session, ids, links, key, known)
        save_links(session, ids, links, summarise(docs, links))
    analyze(engine)
    engine.dispose()
    rows = [
        {"id": d.id, "cluster": c, "network": n}
        for d, c, n in zip(docs, links.clusters, links.networks, strict=True)
    ]
    return rows, links


networks_app = typer.Typer(help="Recruiter networks found by `link --store`.", no_args_is_help=True)
app.add_typer(networks_app, name="networks")


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    ftm = "ftm"


def _network_rows(database: str | None, only: str | None = None) -> list[dict[str, Any]]:
    """Stored network summaries, largest first; with `only`, that network with its members."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from recruitwatch.store import database_url, make_engine, migrate
    from recruitwatch.store.links import network_documents
    from recruitwatch.store.models import NetworkRow

    engine = make_engine(database_url(database))
    migrate(engine)
    query = select(NetworkRow).order_by(NetworkRow.size.desc(), NetworkRow.id)
    if only is not None:
        query = query.where(NetworkRow.id == only)
    with Session(engine) as session:
        rows = [dict(n.summary) | {"size": n.size} for n in session.scalars(query)]
        if only is not None and rows:
            rows[0]["documents"] = network_documents(session, only)
    engine.dispose()
    return rows


@networks_app.command("list")
def networks_list(
    fmt: Annotated[LinkFormat, typer.Option("--format", "-f")] = LinkFormat.table,
    database: Annotated[str | None, typer.Option("--database")] = None,
) -> None:
    """Every network: size, dates, top provinces, salaries and indicators."""
    rows = [
        {
            "id": r["id"],
            "documents": r["size"],
            "identifiers": len(r["identifiers"]),
            "first_seen": r["first_seen"],
            "last_seen": r["last_seen"],
            "provinces": ";".join(p for p, _ in r["provinces"][:3]),
            "salaries": ";".join(p for p, _ in r["salaries"][:3]),
            "indicators": ";".join(p for p, _ in r["indicators"][:3]),
        }
        for r in _network_rows(database)
    ]
    output.write_rows(rows, fmt.value, sys.stdout, title="networks")


@networks_app.command("show")
def networks_show(
    network_id: Annotated[str, typer.Argument(metavar="ID")],
    database: Annotated[str | None, typer.Option("--database")] = None,
) -> None:
    """One network's summary as JSON."""
    found = _network_rows(database, only=network_id)
    if not found:
        raise _fail(str(NotFound(f"network {network_id}")))
    row = found[0]
    shown = {"id": row["id"], "documents": row["documents"]}
    shown |= {k: v for k, v in row.items() if k not in shown and k != "size"}
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")


@networks_app.command("export")
def networks_export(
    network_id: Annotated[str, typer.Argument(metavar="ID")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.graphml,
    out: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    database: Annotated[str | None, typer.Option("--database")] = None,
) -> None:
    """One network as GraphML, GEXF, a CSV edge list, or FollowTheMoney entities (JSON Lines)."""
    from sqlalchemy.orm import Session

    from recruitwatch.link.ftm import network_entities
    from recruitwatch.link.graph import export_graph, network_graph
    from recruitwatch.store import database_url, make_engine, migrate
    from recruitwatch.store.links import stored_links

    engine = make_engine(database_url(database))
    migrate(engine)
    with Session(engine) as session:
        docs, links = stored_links(session, SCANNER_VERSION)
    engine.dispose()
    if network_id not in links.networks:
        raise _fail(str(NotFound(f"network {network_id}")))
    with _open_output(out) as handle:
        if fmt is ExportFormat.ftm:
            for entity in network_entities(network_id, docs, links):
                handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
        else:
            handle.write(export_graph(network_graph(network_id, docs, links), fmt.value))


def demo_corpus() -> Path:
    """The path of the synthetic demo corpus shipped in the package."""
    return Path(str(resources.files("recruitwatch") / "resources" / "demo" / "corpus.jsonl"))


@app.command("demo")
def demo_command(
    database: Annotated[str | None, typer.Option("--database", help="Database URL.")] = None,
    top: Annotated[int, typer.Option("--top", help="How many flagged offers to show.")] = 15,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then run the web app on http://127.0.0.1:8000.")
    ] = False,
) -> None:
    """Load the synthetic demo corpus and demo cases, scan and link them, show the top offers;
    make a demo admin (password printed once) and, with --serve, run the web app."""
    from sqlalchemy.orm import Session

    from recruitwatch.store import counts, database_url, make_engine, top_flagged

    url = database_url(database)
    summary = Summary()
    try:
        items = scan(read_inputs([str(demo_corpus())]), scoring=_scoring(None, True, explain=True))
    except RecruitwatchError as exc:
        raise _fail(str(exc)) from exc
    with _progress(err.is_terminal) as progress:
        task = progress.add_task("scanning the demo corpus", total=None)
        for _ in _stored(_tally(items, summary, progress, task), url):
            pass
    _link_store(url, LinkSettings())
    articles = str(demo_corpus().with_name("articles.jsonl"))
    quiet_log = RejectLog(Path("rejects.jsonl"), quiet=True)
    claims, _ = cli_claims.load_ledger([articles], url, quiet_log)
    engine = make_engine(url)
    try:
        password, cases = cli_admin.demo_people(engine)
    except RecruitwatchError as exc:
        raise _fail(str(exc)) from exc
    with Session(engine) as session:
        rows = top_flagged(session, limit=top, min_band="medium")
        totals = counts(session)
    engine.dispose()
    output.print_flagged(rows, Console(width=max(Console().width, 140)))
    err.print(
        f"demo: scanned {summary.read:,} synthetic documents into {url}; "
        f"stored {totals.get('documents', 0):,} documents; {cases:,} synthetic cases; "
        f"{claims:,} claims from synthetic articles",
        highlight=False,
    )
    if password:
        err.print(f"demo admin: user [b]admin[/b], password [b]{password}[/b] (shown once)")
    else:
        err.print("demo admin exists; `recruitwatch users reset admin` sets a new password")
    if serve:
        cli_admin.serve("127.0.0.1", 8000, url)


cli_admin.register(app)
cli_model.register(app)
cli_report.register(app)
app.add_typer(cli_claims.claims_app, name="claims")
app.add_typer(cli_watchlist.watchlist_app, name="watchlist")
