"""``infoops cypher``: ad-hoc Cypher with parameters, through the same renderers."""

from __future__ import annotations

from pathlib import Path

import typer

from infoops.cli.common import examples, guarded, state
from infoops.queries import parse_assignments, parse_cli_value
from infoops.report.render import OutputFormat, print_rows, render_text, table_rows


@guarded
def cypher_command(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="The Cypher statement; values go in as $parameters."),
    parameter: list[str] = typer.Option(
        [], "--param", "-p", help="key=value; the value is parsed as JSON where it parses."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table, json, csv or markdown."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
    limit: int | None = typer.Option(
        None, "--limit", "-n", min=0, help="At most this many rows (the rest is not sent)."
    ),
) -> None:
    """Run ad-hoc Cypher and print the rows."""
    cli = state(ctx)
    parameters = {k: parse_cli_value(v) for k, v in parse_assignments(parameter).items()}
    shown = table_rows(output_format, output is not None, limit)
    with cli.graph() as graph:
        columns, rows = graph.query_keys(query, parameters, limit if shown is None else shown + 1)
    if output is not None:
        fmt = OutputFormat.json if output_format is OutputFormat.table else output_format
        output.write_text(render_text(rows, fmt, columns), encoding="utf-8")
        cli.say(f"{len(rows)} rows written to {output}")
        return
    print_rows(cli.out, rows, output_format, columns, at_most=shown)


cypher_command.__doc__ = (cypher_command.__doc__ or "") + examples(
    'infoops cypher "MATCH (a:Account) RETURN a.screen_name LIMIT 5"',
    'infoops cypher "MATCH (a:Account {screen_name: $name}) RETURN a" -p name=elonmusk',
    'infoops cypher "RETURN gds.version() AS gds" --format json',
)
