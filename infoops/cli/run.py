"""``infoops investigations`` and ``infoops run``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from infoops.cli.common import examples, guarded, state
from infoops.queries import investigation, investigations, parse_assignments
from infoops.report.render import OutputFormat, print_rows, render_text, table_rows


@guarded
def investigations_command(
    ctx: typer.Context,
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    """Every investigation pack: name, description, parameters and output columns."""
    cli = state(ctx)
    rows = [
        {
            "name": pack.name,
            "title": pack.title,
            "description": pack.description,
            "parameters": {
                p.name: {"type": p.type, "default": p.default, "description": p.description}
                for p in pack.parameters.values()
            },
            "columns": list(pack.columns),
            "gds": pack.requires_gds,
            "file": str(pack.path),
        }
        for pack in investigations().values()
    ]
    if output_format is not OutputFormat.table:
        print_rows(cli.out, rows, output_format)
        return
    table = Table(show_lines=True)
    for column in ("name", "what it finds", "parameters (type = default)", "columns"):
        table.add_column(column, overflow="fold")
    for row in rows:
        parameters = "\n".join(
            f"{name}: {spec['type']} = {spec['default']}"
            for name, spec in row["parameters"].items()
        )
        table.add_row(
            row["name"],
            f"[bold]{row['title']}[/bold]\n{row['description']}",
            parameters,
            ", ".join(row["columns"]),
        )
    cli.out.print(table)


investigations_command.__doc__ = (investigations_command.__doc__ or "") + examples(
    "infoops investigations", "infoops investigations --format json"
)


@guarded
def run_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Investigation name (see `infoops investigations`)."),
    parameter: list[str] = typer.Option(
        [], "--param", "-p", help="key=value for a declared parameter (lists: a,b,c)."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
    limit: int | None = typer.Option(
        None, "--limit", "-n", min=0, help="At most this many rows (the rest is not sent)."
    ),
) -> None:
    """Run one investigation and print its rows."""
    cli = state(ctx)
    pack = investigation(name)
    bound = pack.bind(parse_assignments(parameter))
    # One row more than a table shows tells that there are more (the rest is never sent).
    shown = table_rows(output_format, output is not None, limit)
    with cli.graph() as graph:
        rows = graph.run_pack(pack, bound, limit if shown is None else shown + 1)
    if output is not None:
        fmt = OutputFormat.json if output_format is OutputFormat.table else output_format
        output.write_text(render_text(rows, fmt, pack.columns), encoding="utf-8")
        cli.say(f"{len(rows)} rows written to {output}")
        return
    print_rows(cli.out, rows, output_format, pack.columns, title=pack.title, at_most=shown)


run_command.__doc__ = (run_command.__doc__ or "") + examples(
    "infoops run great-retweet",
    "infoops run great-retweet -p collections=milesguo -p min_amplifiers=50 --format json",
    "infoops run activity-hours -p timezone=Asia/Shanghai --format csv -o hours.csv",
)
