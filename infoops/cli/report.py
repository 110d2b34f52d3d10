"""``infoops case run|new``, ``infoops report`` and ``infoops export``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from infoops.cli.common import examples, fail, guarded, state
from infoops.queries import parse_assignments

# The library modules behind these commands import matplotlib and networkx: they are imported
# in the commands, so that every other `infoops` command starts without paying for them.

case_app = typer.Typer(
    help="Saved investigations: a TOML case file runs several investigations and the report.",
    no_args_is_help=True,
)

PARAMETER_HELP = "key=value for a declared parameter (lists: a,b,c; maps: JSON)."


class GraphFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"


@case_app.command(
    name="run",
    help="Run a case: every result as CSV and JSON, the HTML report and manifest.json."
    + examples(
        "infoops case run examples/milesguo.toml --output milesguo-case",
        "infoops case run my-case.toml -o out && open out/index.html",
    ),
)
@guarded
def case_run_command(
    ctx: typer.Context,
    case_file: Path = typer.Argument(..., help="The case file (TOML); `infoops case new`."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Output folder (default: CASE-NAME-results)."
    ),
) -> None:
    from infoops.cases import run_case

    cli = state(ctx)
    folder = output or Path(f"{case_file.stem}-results")
    with cli.graph() as graph:
        result = run_case(graph, case_file, folder, progress=cli.say)
    for failed in result.failed:
        cli.err.print(f"error: {failed.name} ({failed.pack}): {failed.error}", markup=False)
    if result.report_error:
        cli.err.print(f"error: report: {result.report_error}", markup=False)
    cli.say(
        f"{len(result.results) - len(result.failed)} of {len(result.results)} investigations "
        f"written to {folder / 'results'}; report {result.report or 'not written'}; "
        f"manifest {result.manifest}"
    )
    if result.failed or result.report_error:
        raise typer.Exit(1)


@case_app.command(
    name="new",
    help="Write a commented case-file template (to stdout, or to --output)."
    + examples("infoops case new > my-case.toml", "infoops case new --output my-case.toml"),
)
@guarded
def case_new_command(
    ctx: typer.Context,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    from infoops.cases import new_case_template

    cli = state(ctx)
    if output is None:
        cli.out.file.write(new_case_template())
        return
    if output.exists() and not force:
        raise fail(f"{output} exists (use --force to overwrite it)")
    output.write_text(new_case_template(), encoding="utf-8")
    cli.say(f"case template written to {output}")


@guarded
def report_command(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="Folder for index.html and plots/."),
    parameter: list[str] = typer.Option([], "--param", "-p", help=PARAMETER_HELP),
    title: str = typer.Option("infoops report", "--title", help="The report's title."),
) -> None:
    """Write the HTML report (plots and the tables behind them) of what is loaded."""
    from infoops.report.html import write_report

    cli = state(ctx)
    with cli.graph() as graph:
        path = write_report(graph, output, parameters=parse_assignments(parameter), title=title)
    cli.say(f"report written to {path}")


report_command.__doc__ = (report_command.__doc__ or "") + examples(
    "infoops report --output report",
    "infoops report -o report -p collections=milesguo -p timezone=Asia/Shanghai",
)


@guarded
def export_command(
    ctx: typer.Context,
    graph_format: GraphFormat = typer.Argument(..., help="gexf (Gephi) or graphml."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    investigation: str | None = typer.Option(
        None, "--investigation", "-i", help="Only the accounts (account_id) of its rows."
    ),
    community: int | None = typer.Option(
        None, "--community", help="Only this community (from `infoops run communities`)."
    ),
    parameter: list[str] = typer.Option([], "--param", "-p", help=PARAMETER_HELP),
) -> None:
    """Export the account interaction graph for Gephi, with scores and attributes."""
    from infoops.report.export import export_graph

    cli = state(ctx)
    with cli.graph() as graph:
        summary = export_graph(
            graph,
            graph_format.value,
            output,
            investigation=investigation,
            community=community,
            parameters=parse_assignments(parameter),
        )
    cli.say(
        f"{summary.nodes} accounts and {summary.edges} edges ({summary.selection}) "
        f"written to {summary.path}"
    )


export_command.__doc__ = (export_command.__doc__ or "") + examples(
    "infoops export gexf --output network.gexf",
    "infoops export graphml -o community.graphml --community 3",
    "infoops export gexf -o stars.gexf --investigation great-retweet -p collections=milesguo",
)
