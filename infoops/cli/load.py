"""``infoops load`` and ``infoops collections``."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from infoops.cli.common import CliState, examples, guarded, state
from infoops.connection import resolve_settings
from infoops.errors import InfoopsError
from infoops.loader.bulk import bulk_load, managed_server
from infoops.loader.formats import FORMATS
from infoops.loader.formats.reading import bytes_read
from infoops.loader.load import FileReport, LoadReport, ProgressHook, drop_collection, load
from infoops.loader.writer import statement
from infoops.report.render import OutputFormat, print_rows


@guarded
def load_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders to load."),
    collection: str = typer.Option(..., "--collection", "-c", help="Collection name."),
    input_format: str = typer.Option(
        "auto", "--format", help="auto (sniffed) or one of: " + ", ".join(sorted(FORMATS))
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Stop at the first bad record (nothing of its batch is written)."
    ),
    reload: bool = typer.Option(
        False, "--reload", help="Read files again even if this collection already loaded them."
    ),
    rejects_dir: Path | None = typer.Option(
        None, "--rejects-dir", help="Where the rejects file goes (default: current folder)."
    ),
    bulk: bool = typer.Option(
        False,
        "--bulk",
        help="Into an empty database of the managed server, through neo4j-admin import (the "
        "server is restarted for it). The graph is the same as without.",
    ),
) -> None:
    """Load collection files into the graph (incremental and idempotent)."""
    cli = state(ctx)
    if input_format != "auto" and input_format not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {input_format!r}; known: auto, {', '.join(sorted(FORMATS))}",
            param_hint="--format",
        )
    with _progress(cli) as progress:
        tasks: dict[str, TaskID] = {}

        def started(file: FileReport) -> None:
            tasks[file.path] = progress.add_task(
                Path(file.path).name,
                total=file.size,
                records=0,
                rate=0.0,
                began=time.perf_counter(),
            )

        def advanced(file: FileReport, lines: int, records: int) -> None:
            task = progress.tasks[tasks[file.path]]
            elapsed = max(time.perf_counter() - task.fields["began"], 1e-9)
            done = bytes_read(Path(file.path))
            progress.update(
                tasks[file.path],
                completed=file.size if done is None else done,
                records=records,
                rate=records / elapsed,
            )

        if bulk:
            report = _bulk(cli, paths, collection, input_format, strict, rejects_dir,
                           started, advanced)  # fmt: skip
        else:
            with cli.graph() as graph:
                report = load(
                    graph,
                    paths,
                    collection,
                    fmt=input_format,
                    strict=strict,
                    reload=reload,
                    rejects_dir=rejects_dir,
                    on_file_start=started,
                    on_progress=advanced,
                )
    print_summary(cli, report)


def _bulk(
    cli: CliState,
    paths: list[Path],
    collection: str,
    input_format: str,
    strict: bool,
    rejects_dir: Path | None,
    started: Callable[[FileReport], None],
    advanced: ProgressHook,
) -> LoadReport:
    settings = resolve_settings(cli.uri, cli.username, cli.password, cli.database,
                                announce=cli.say)  # fmt: skip
    return bulk_load(
        managed_server(settings), paths, collection, fmt=input_format, strict=strict,
        rejects_dir=rejects_dir, database=settings.database, on_file_start=started,
        on_progress=advanced, say=cli.say,
    )  # fmt: skip


def _progress(cli: CliState) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[records]:,} records"),
        TextColumn("{task.fields[rate]:,.0f} records/s"),
        TimeElapsedColumn(),
        console=cli.err,
        disable=cli.quiet,
        transient=False,
        # Off a terminal only the final state is shown: redrawing it ten times a second
        # cost 3.5 % of a bulk load's CPU for nothing.
        auto_refresh=cli.err.is_terminal,
    )


def print_summary(cli: CliState, report: LoadReport) -> None:
    files = Table(title=f"Loaded into collection {report.collection!r}")
    for column in ("file", "format", "lines", "records", "rejects", "seconds", "note"):
        files.add_column(column)
    for file in report.files:
        files.add_row(
            file.path,
            file.format,
            str(file.lines),
            str(file.records),
            str(file.rejects),
            f"{file.seconds:.1f}",
            file.skipped or "",
        )
    cli.out.print(files)
    added = Table(title="Added to the graph")
    added.add_column("node label / relationship type")
    added.add_column("added", justify="right")
    for name, count in {**report.nodes_added, **report.relationships_added}.items():
        if count:
            added.add_row(name, str(count))
    cli.out.print(added)
    rate = report.records / report.seconds if report.seconds else 0.0
    cli.out.print(
        f"{report.records} records in {report.seconds:.1f}s ({rate:,.0f} records/s); "
        f"seen again: {report.accounts_seen_again} accounts, {report.posts_seen_again} posts; "
        f"rejects: {len(report.rejects)}",
        highlight=False,
    )
    for reject in report.rejects[:20]:
        cli.err.print(f"rejected {reject}", markup=False, highlight=False)
    if len(report.rejects) > 20:
        cli.err.print(f"… and {len(report.rejects) - 20} more", highlight=False)
    if report.rejects_path:
        cli.err.print(f"all rejects written to {report.rejects_path}", highlight=False)


load_command.__doc__ = (load_command.__doc__ or "") + examples(
    "infoops load capture.jsonl --collection milesguo",
    "infoops load day2/ --collection milesguo --strict",
    "infoops load io_tweets.csv.gz --collection takedown --format io-csv",
    "infoops load takedown/ --collection takedown --bulk",
)


collections_app = typer.Typer(
    help="What is loaded: collections with counts, files (path, size, sha256) and load attempts."
    + examples(
        "infoops collections",
        "infoops collections --format json",
        "infoops collections show milesguo",
        "infoops collections drop day3 --yes",
    ),
    invoke_without_command=True,
)


@collections_app.callback()
@guarded
def collections_command(
    ctx: typer.Context,
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    if ctx.invoked_subcommand is None:
        show_collections(ctx, None, output_format)


@collections_app.command(
    "show", help="One collection in detail." + examples("infoops collections show milesguo")
)
@guarded
def show_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Collection name."),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    show_collections(ctx, name, output_format)


@collections_app.command(
    "drop",
    help="Remove a collection: what only it saw is deleted, what other collections also saw "
    "stays." + examples("infoops collections drop day3", "infoops collections drop day3 --yes"),
)
@guarded
def drop_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Collection name."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    cli = state(ctx)
    if not yes and not typer.confirm(
        f"Delete collection {name!r} and everything only it saw?", err=True
    ):
        raise typer.Exit(1)
    with cli.graph() as graph:
        drop_collection(graph, name)
    cli.out.print(f"collection {name!r} dropped", highlight=False)


def show_collections(ctx: typer.Context, name: str | None, output_format: OutputFormat) -> None:
    cli = state(ctx)
    with cli.graph() as graph:
        rows = graph.query(statement("collections"), {"name": name})
    if name is not None and not rows:
        raise InfoopsError(f"no collection named {name!r}")
    if output_format is not OutputFormat.table:
        print_rows(cli.out, rows, output_format)
        return
    for row in rows:
        cli.out.print(
            f"[bold]{row['collection']}[/bold]: {row['accounts']} accounts, {row['posts']} posts",
            highlight=False,
        )
        loads = Table(show_header=True)
        for column in ("started", "status", "records", "rejects", "files"):
            loads.add_column(column, overflow="fold")
        for attempt in row["loads"]:
            files = "\n".join(
                f"{f['path']} ({f['size']} B, sha256 {f['sha256'][:12]}…)"
                + (" refused: not loaded" if f["refused"] else "")
                for f in attempt["files"]
            )
            loads.add_row(
                str(attempt["started_at"])[:19], attempt["status"], str(attempt["records"] or ""),
                str(attempt["rejects"] or ""), files,
            )
        cli.out.print(loads)
    if not rows:
        cli.out.print("no collections loaded yet")
