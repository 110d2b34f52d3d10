"""``infoops db``: the managed local Neo4j server."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from infoops.cli.common import examples, guarded, state
from infoops.connection import Graph, Settings
from infoops.server import USERNAME, ManagedServer, ensure_distribution
from infoops.server.distribution import cached_distribution, find_java, find_maven

app = typer.Typer(
    help="The managed local Neo4j (with GDS and APOC) on 127.0.0.1.", no_args_is_help=True
)


@app.command(
    help="Start the managed server (reuses a running one)."
    + examples("infoops db start", "infoops db start --heap 4g --pagecache 8g")
)
@guarded
def start(
    ctx: typer.Context,
    bolt_port: int | None = typer.Option(None, help="Bolt port (default 7687, or a free one)."),
    http_port: int | None = typer.Option(None, help="HTTP/Browser port (default 7474, or free)."),
    heap: str | None = typer.Option(None, help="JVM heap, e.g. 2g (default: 1/4 of memory)."),
    pagecache: str | None = typer.Option(None, help="Page cache, e.g. 4g (default: 1/4)."),
) -> None:
    cli = state(ctx)
    server = ManagedServer()
    if server.run_state() is None and not cached_distribution().complete:
        find_java(), find_maven()  # fail fast, before announcing a download
        cli.say("assembling the Neo4j server from Maven Central (first run only) …")
        ensure_distribution()
    notes: list[str] = []
    run_state = server.start(bolt_port, http_port, heap, pagecache, notes=notes)
    for note in notes:
        cli.say(note)
    cli.out.print(
        f"Neo4j running: neo4j://127.0.0.1:{run_state.bolt_port} "
        f"(Browser http://127.0.0.1:{run_state.http_port}/browser/, user {USERNAME}; "
        "password: `infoops db password`)",
        highlight=False,
    )


@app.command(
    help="Stop the managed server (clean shutdown, kill after a timeout)."
    + examples("infoops db stop")
)
@guarded
def stop(
    ctx: typer.Context,
    timeout: float = typer.Option(60.0, help="Seconds to wait before killing."),
) -> None:
    stopped = ManagedServer().stop(timeout=timeout)
    state(ctx).out.print("stopped" if stopped else "not running")


@app.command(help="Running or not, versions, URI and data size." + examples("infoops db status"))
@guarded
def status(ctx: typer.Context) -> None:
    cli = state(ctx)
    server = ManagedServer()
    run_state = server.run_state()
    table = Table(show_header=False)
    table.add_row("managed server", "running" if run_state else "not running")
    table.add_row("home", str(server.home))
    table.add_row("data size", f"{server.data_size_bytes() / 1024**2:.1f} MiB")
    if run_state:
        table.add_row("pid", str(run_state.pid))
        table.add_row("uri", f"neo4j://127.0.0.1:{run_state.bolt_port}")
        table.add_row("browser", f"http://127.0.0.1:{run_state.http_port}/browser/")
        settings = Settings(
            uri=f"neo4j://127.0.0.1:{run_state.bolt_port}",
            username=USERNAME,
            password=server.password(),
            managed=True,
        )
        with Graph(settings) as graph:
            for name, version in graph.versions().items():
                table.add_row(name, version or "not installed")
    cli.out.print(table)


@app.command(help="Show the end of the server's log." + examples("infoops db logs -n 100"))
@guarded
def logs(
    ctx: typer.Context,
    lines: int = typer.Option(50, "--lines", "-n", help="How many lines."),
) -> None:
    state(ctx).out.print(ManagedServer().log_tail(lines), markup=False, highlight=False)


@app.command(
    help="Print the managed server's password (it is never shown otherwise)."
    + examples("infoops db password")
)
@guarded
def password(ctx: typer.Context) -> None:
    typer.echo(ManagedServer().password())


@app.command(
    help="Archive the managed server's database to a dump file (the server is stopped for the "
    "dump and started again)." + examples("infoops db backup --output case-2020-05.dump"),
)
@guarded
def backup(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="The .dump file to write."),
) -> None:
    written = ManagedServer().backup(output)
    state(ctx).out.print(f"database archived to {written}", highlight=False)


@app.command(
    help="Replace the managed server's database with a dump made by `infoops db backup`."
    + examples("infoops db restore case-2020-05.dump --yes"),
)
@guarded
def restore(
    ctx: typer.Context,
    dump: Path = typer.Argument(..., help="The .dump file."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    if not yes and not typer.confirm(
        "Replace the current database with the dump? What is loaded now is lost.", err=True
    ):
        raise typer.Exit(1)
    ManagedServer().restore(dump)
    state(ctx).out.print(f"database restored from {dump}", highlight=False)
