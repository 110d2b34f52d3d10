"""The notebook API: ``Workspace`` loads collections and returns investigations as DataFrames.

    from infoops import Workspace
    ws = Workspace()                      # NEO4J_URI, else the managed local server
    ws.load("capture.jsonl", collection="milesguo")
    stars = ws.run("great-retweet", collections=["milesguo"], limit=50)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from neo4j.time import Date, DateTime

from infoops.connection import Graph
from infoops.loader.load import LoadReport, load
from infoops.loader.writer import statement
from infoops.queries import investigation, investigations


def to_python(value: Any) -> Any:
    """Neo4j temporal values to Python ones, recursively, so pandas sees real datetimes."""
    if isinstance(value, DateTime | Date):
        return value.to_native()
    if isinstance(value, list):
        return [to_python(item) for item in value]
    if isinstance(value, dict):
        return {key: to_python(item) for key, item in value.items()}
    return value


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str] = ()) -> pd.DataFrame:
    ordered = list(columns) + [key for key in (rows[0] if rows else {}) if key not in columns]
    return pd.DataFrame(
        [{column: to_python(row.get(column)) for column in ordered} for row in rows],
        columns=ordered,
    )


class Workspace:
    """One connection, used from Python or Jupyter; close it (or use ``with``) when done."""

    def __init__(
        self,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> None:
        self.graph = Graph.connect(
            uri=uri, username=username, password=password, database=database
        )

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.graph.close()

    def load(
        self,
        *paths: str | Path,
        collection: str,
        fmt: str = "auto",
        strict: bool = False,
        reload: bool = False,
    ) -> LoadReport:
        """Load files or folders into ``collection`` (incremental and idempotent)."""
        return load(
            self.graph, [Path(p) for p in paths], collection, fmt=fmt, strict=strict,
            reload=reload,
        )

    def run(self, name: str, limit: int | None = None, **parameters: Any) -> pd.DataFrame:
        """Run an investigation; keyword arguments are its declared parameters."""
        pack = investigation(name)
        rows = self.graph.run_pack(pack, pack.bind(parameters), limit)
        return frame(rows, pack.columns)

    def cypher(self, query: str, **parameters: Any) -> pd.DataFrame:
        columns, rows = self.graph.query_keys(query, parameters)
        return frame(rows, columns)

    def investigations(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "name": pack.name,
                    "title": pack.title,
                    "parameters": {p.name: p.type for p in pack.parameters.values()},
                    "columns": list(pack.columns),
                }
                for pack in investigations().values()
            ]
        )

    def collections(self) -> pd.DataFrame:
        return frame(self.graph.query(statement("collections"), {"name": None}))
