"""What every command shares: consoles, connection options, the error guard."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import typer
from neo4j.exceptions import DriverError, Neo4jError
from rich.console import Console

from infoops.connection import Graph, resolve_settings
from infoops.errors import InfoopsError

P = ParamSpec("P")
R = TypeVar("R")


def make_console(stderr: bool = False) -> Console:
    # rich honours NO_COLOR itself; a wide console keeps tables readable when piped.
    return Console(stderr=stderr, soft_wrap=False, width=None if sys.stdout.isatty() else 200)


@dataclass
class CliState:
    uri: str | None = None
    username: str | None = None
    password: str | None = None
    database: str | None = None
    quiet: bool = False
    verbose: bool = False
    out: Console = field(default_factory=make_console)
    err: Console = field(default_factory=lambda: make_console(stderr=True))

    def say(self, message: str) -> None:
        """Progress and notes go to stderr, so stdout stays clean for --format json/csv."""
        if not self.quiet:
            self.err.print(message, highlight=False)

    def graph(self) -> Graph:
        settings = resolve_settings(
            uri=self.uri,
            username=self.username,
            password=self.password,
            database=self.database,
            announce=self.say,
        )
        return Graph(settings)


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear line on stderr and return the Exit to raise."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {message}", markup=False)
    return typer.Exit(code)


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can act on into one line on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InfoopsError as error:
            raise fail(str(error)) from None
        except Neo4jError as error:
            raise fail(f"Neo4j: {error.message or error} ({error.code})") from None
        except DriverError as error:
            raise fail(f"Neo4j driver: {error}") from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def examples(*lines: str) -> str:
    """An 'Examples' block for a command's --help (kept as typed, line by line)."""
    return "\n\nExamples:\n\n" + "\n\n".join(f"    $ {line}" for line in lines)


Json = dict[str, Any]
