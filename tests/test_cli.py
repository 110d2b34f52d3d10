"""The command-line contract: help with examples, exit codes, one-line errors, docs in sync."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from infoops.cli import app
from infoops.cli.reference import HELP_ENV, command_paths, reference

REPO = Path(__file__).resolve().parent.parent
COMMANDS = command_paths(typer.main.get_command(app))


def test_cli_reference_is_up_to_date() -> None:
    documented = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert documented == reference(), "run: python -m infoops.cli.reference > docs/cli.md"


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_every_leaf_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env=HELP_ENV)
    assert result.exit_code == 0
    root = typer.main.get_command(app)
    command = root
    for name in path:
        command = command.get_command(None, name)  # type: ignore[union-attr]
    if not hasattr(command, "list_commands"):
        assert "Examples:" in result.output and "$ infoops" in result.output


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "infoops", *args],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def test_usage_errors_exit_2() -> None:
    assert run("run").returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("load", "x.json").returncode == 2  # --collection missing


def test_unknown_investigation_is_one_line_exit_1(cli_env: dict[str, str]) -> None:
    result = run("run", "no-such-investigation", env=cli_env)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no investigation named 'no-such-investigation'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_input_file_is_one_line_exit_1(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run("load", str(tmp_path / "nope.jsonl"), "--collection", "c", env=cli_env)
    assert result.returncode == 1
    assert "nope.jsonl: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
