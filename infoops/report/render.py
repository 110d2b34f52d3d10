"""Rows (lists of dicts) to the terminal or a file: rich table, JSON, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import orjson
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time
from rich.console import Console
from rich.table import Table


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


# The most rows a terminal table shows when no --limit was given (Neo4j Browser's default,
# too): drawing a table costs about 0.7 ms a row, so a million-row answer would take longer
# to draw than to compute, and nobody reads it on a terminal.
TABLE_ROWS = 1_000


def table_rows(fmt: OutputFormat, to_file: bool, limit: int | None) -> int | None:
    """How many rows a terminal table shows: TABLE_ROWS when the user set no number and
    asked for no file or other format; otherwise None (all the rows asked for)."""
    return TABLE_ROWS if fmt is OutputFormat.table and not to_file and limit is None else None


def to_plain(value: Any) -> Any:
    """Neo4j values to JSON-friendly Python (ISO times, property maps for nodes)."""
    if isinstance(value, DateTime | Date):
        # Python's ISO form: no nanosecond padding ("2020-05-03T21:03:31+00:00").
        return value.to_native().isoformat()
    if isinstance(value, Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [to_plain(node) for node in value.nodes]
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def plain_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> list[dict[str, Any]]:
    return [{column: to_plain(row.get(column)) for column in columns} for row in rows]


def column_order(rows: Sequence[dict[str, Any]], declared: Sequence[str] = ()) -> list[str]:
    """Declared columns first, then any others the rows carry, in their order."""
    columns = list(declared)
    for row in rows[:1]:
        columns += [key for key in row if key not in columns]
    return columns


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    return str(value)


def render_text(
    rows: Sequence[dict[str, Any]], fmt: OutputFormat, declared: Sequence[str] = ()
) -> str:
    """JSON, CSV or Markdown text for the rows (a table is drawn by ``print_rows``)."""
    columns = column_order(rows, declared)
    plain = plain_rows(rows, columns)
    if fmt is OutputFormat.json:
        return orjson.dumps(plain, option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in plain:
            writer.writerow(
                [
                    orjson.dumps(v).decode() if isinstance(v, list | dict) else v
                    for v in row.values()
                ]
            )
        return buffer.getvalue()
    if fmt is OutputFormat.markdown:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in plain:
            cells = [cell_text(v).replace("|", "\\|").replace("\n", " ") for v in row.values()]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"no text form for {fmt}")


def rich_table(
    rows: Sequence[dict[str, Any]], declared: Sequence[str] = (), title: str = ""
) -> Table:
    columns = column_order(rows, declared)
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in plain_rows(rows, columns):
        table.add_row(*(cell_text(v) for v in row.values()))
    return table


def print_rows(
    console: Console,
    rows: Sequence[dict[str, Any]],
    fmt: OutputFormat,
    declared: Sequence[str] = (),
    title: str = "",
    at_most: int | None = None,
) -> None:
    """The rows in ``fmt``; a table of more than ``at_most`` rows shows the first ones and
    says how to get the rest."""
    if fmt is OutputFormat.table:
        more = at_most is not None and len(rows) > at_most
        console.print(rich_table(rows[:at_most] if more else rows, declared, title))
        if not rows:
            console.print("[dim](no rows)[/dim]")
        if more:
            console.print(
                f"[dim]The first {at_most:,} rows; there are more. All of them: --format csv, "
                f"json or markdown, or --output FILE; another number: --limit N.[/dim]"
            )
    else:
        console.file.write(render_text(rows, fmt, declared))
