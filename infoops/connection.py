"""From settings to a ``neo4j`` driver: flags, then NEO4J_* variables, then the managed server."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from infoops.errors import InfoopsError
from infoops.queries import Pack, internal
from infoops.server import USERNAME, ManagedServer


class ConnectionFailed(InfoopsError):
    pass


# Record.data() tests every value against abstract classes, which costs more than decoding
# the record: a row of plain values (most rows) is built directly, the same dict it would give.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _is_plain(value: Any) -> bool:
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return True
    if kind is list:
        return all(_is_plain(item) for item in value)
    if kind is dict:
        return all(_is_plain(item) for item in value.values())
    return False


def record_row(keys: list[str], record: neo4j.Record) -> dict[str, Any]:
    """``record.data()``, sooner: nodes, relationships and paths as data() gives them."""
    if all(_is_plain(value) for value in record):
        return dict(zip(keys, record, strict=True))
    return record.data()


class GdsMissing(InfoopsError):
    pass


@dataclass(frozen=True)
class Settings:
    uri: str
    username: str
    password: str = ""
    database: str | None = None
    managed: bool = False

    def __repr__(self) -> str:  # never show the password, not even in a traceback
        return (
            f"Settings(uri={self.uri!r}, username={self.username!r}, "
            f"database={self.database!r}, managed={self.managed})"
        )


def resolve_settings(
    uri: str | None = None,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
    start_managed: bool = True,
    announce: Callable[[str], None] | None = None,
) -> Settings:
    """Flags win, then the environment; without a URI the managed local server is used."""
    uri = uri or os.environ.get("NEO4J_URI")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    if uri:
        return Settings(
            uri=uri,
            username=username or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
            database=database,
        )
    server = ManagedServer()
    state = server.run_state()
    if state is None:
        if not start_managed:
            raise ConnectionFailed(
                "no Neo4j to talk to: start the managed server with `infoops db start`, "
                "or set NEO4J_URI"
            )
        (announce or _to_stderr)("starting the managed Neo4j server (infoops db start) …")
        notes: list[str] = []
        state = server.start(notes=notes)
        for note in notes:
            (announce or _to_stderr)(note)
    return Settings(
        uri=f"neo4j://127.0.0.1:{state.bolt_port}",
        username=USERNAME,
        password=server.password(),
        database=database,
        managed=True,
    )


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Graph:
    """A driver plus the database to use, with the few helpers every caller needs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Server notifications (e.g. "unknown label" on an empty database) are not for users.
        self.driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            notifications_min_severity="OFF",
        )
        self._gds_checked: bool = False
        try:
            self.driver.verify_connectivity()
        except AuthError as error:
            self.driver.close()
            raise ConnectionFailed(
                f"Neo4j at {settings.uri} refused user {settings.username!r}: wrong password"
            ) from error
        except (ServiceUnavailable, OSError, ValueError, Neo4jError) as error:
            self.driver.close()
            raise ConnectionFailed(f"cannot reach Neo4j at {settings.uri}: {error}") from error

    @classmethod
    def connect(cls, **overrides: Any) -> Graph:
        return cls(resolve_settings(**overrides))

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self, **kwargs: Any) -> Iterator[neo4j.Session]:
        with self.driver.session(database=self.settings.database, **kwargs) as session:
            yield session

    def query(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in an auto-commit transaction and return its rows as dicts.

        Auto-commit, not a managed transaction, because ``CALL { } IN TRANSACTIONS`` and
        some GDS procedures refuse to run inside an explicit transaction.
        """
        return self.query_keys(cypher, parameters)[1]

    def query_keys(
        self, cypher: str, parameters: dict[str, Any] | None = None, limit: int | None = None
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows; rows after ``limit`` are discarded in Neo4j, never sent."""
        with self.session() as session:
            result = session.run(cypher, parameters or {})
            keys = list(result.keys())
            records = result if limit is None else islice(result, limit)
            return keys, [record_row(keys, record) for record in records]

    def run_pack(
        self, pack: Pack, parameters: dict[str, Any] | None = None, limit: int | None = None
    ) -> list[dict]:
        """Run every statement of a pack with its bound parameters; return the last rows (the
        first ``limit`` of them: sending and decoding the rest can cost more than the query).
        All the rows arrive in one record (``Pack.collected``): the driver's cost is per
        record."""
        if pack.requires_gds:
            self.require_gds()
        bound = parameters or {}
        if pack.engine:
            module, _, function = pack.engine.partition(":")
            engine = getattr(importlib.import_module(module), function)
            defaults = {name: parameter.default for name, parameter in pack.parameters.items()}
            return engine(self, defaults | bound, limit)
        used = {name: bound.get(name) for name in pack.used_parameters() if name in bound}
        for statement in pack.statements[:-1]:  # read_pack refuses a pack without statements
            self.query(statement, used)
        return self.last_rows(pack, used, limit)

    def last_rows(
        self, pack: Pack, used: dict[str, Any], limit: int | None = None
    ) -> list[dict]:
        """The rows of the pack's last statement (the first ``limit`` of them)."""
        last = pack.statements[-1]
        if limit is not None or not pack.columns:
            return self.query_keys(last, used, limit)[1]
        with self.session() as session:
            record = session.run(pack.collected, used).single(strict=True)
        rows = record[0]
        if not _is_plain(rows):  # nodes, relationships, paths: as Record.data() gives them
            rows = record.data()["rows"]
        return [dict(zip(pack.columns, row, strict=True)) for row in rows]

    def require_gds(self) -> None:
        if self._gds_checked:
            return
        try:
            self.query(internal("gds-version").statements[0])
        except Neo4jError as error:
            raise GdsMissing(
                f"GDS is not installed on {self.settings.uri}: {error.message or error}"
            ) from error
        self._gds_checked = True

    def versions(self) -> dict[str, str | None]:
        """Neo4j, GDS and APOC versions of the server (None where a plugin is missing)."""
        versions: dict[str, str | None] = {
            "neo4j": None,
            "edition": None,
            "gds": None,
            "apoc": None,
        }
        for row in self.query(internal("components").statements[0]):
            versions["neo4j"], versions["edition"] = row["version"], row["edition"]
        for plugin in ("gds", "apoc"):
            try:
                versions[plugin] = self.query(internal(f"{plugin}-version").statements[0])[0][
                    "version"
                ]
            except Neo4jError:
                versions[plugin] = None
        return versions
