"""Write the CLI reference (docs/cli.md) from the commands' own --help, so it cannot drift.

    python -m infoops.cli.reference > docs/cli.md
"""

from __future__ import annotations

import click
import typer
from typer.testing import CliRunner

from infoops.cli import app

HELP_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}


def command_paths(command: click.Command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    # Typer's groups are not click.Group subclasses in every version: ask for the methods.
    if hasattr(command, "list_commands") and hasattr(command, "get_command"):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                paths += command_paths(sub, (*prefix, name))
    return paths


def reference() -> str:
    root = typer.main.get_command(app)
    runner = CliRunner()
    sections = [
        "# infoops command-line reference",
        "",
        "Generated from `--help` by `python -m infoops.cli.reference > docs/cli.md`; "
        "a test fails when it is out of date.",
    ]
    for path in command_paths(root):
        result = runner.invoke(app, [*path, "--help"], env=HELP_ENV, prog_name="infoops")
        title = " ".join(("infoops", *path))
        text = "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())
        sections += ["", f"## `{title}`", "", "```text", text, "```"]
    return "\n".join(sections) + "\n"


if __name__ == "__main__":
    print(reference(), end="")
