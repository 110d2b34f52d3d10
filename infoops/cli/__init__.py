"""The Typer app: thin commands that call the library."""

from __future__ import annotations

import typer

from infoops import __version__
from infoops.cli import browser, cypher, db, demo, load, report, run
from infoops.cli.common import CliState

app = typer.Typer(
    name="infoops",
    help="Investigate coordinated inauthentic behaviour in social-media collections with Neo4j.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"infoops {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    uri: str | None = typer.Option(
        None, "--uri", help="Neo4j URI (default: $NEO4J_URI, else the managed local server)."
    ),
    username: str | None = typer.Option(None, "--username", "-u", help="Default: $NEO4J_USERNAME."),
    password: str | None = typer.Option(
        None, "--password", help="Default: $NEO4J_PASSWORD (prefer the variable: flags show in ps)."
    ),
    database: str | None = typer.Option(None, "--database", "-d", help="Default: $NEO4J_DATABASE."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only results and errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="More detail on stderr."),
    version: bool = typer.Option(
        False, "--version", callback=version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    ctx.obj = CliState(
        uri=uri,
        username=username,
        password=password,
        database=database,
        quiet=quiet,
        verbose=verbose,
    )


app.add_typer(db.app, name="db")
app.command(name="cypher")(cypher.cypher_command)
app.command(name="load")(load.load_command)
app.add_typer(load.collections_app, name="collections")
app.command(name="investigations")(run.investigations_command)
app.command(name="run")(run.run_command)
app.command(name="browser")(browser.browser_command)
app.add_typer(browser.queries_app, name="queries")
app.command(name="demo")(demo.demo_command)
app.add_typer(report.case_app, name="case")
app.command(name="report")(report.report_command)
app.command(name="export")(report.export_command)


def run() -> None:
    app()
