"""The notebook API and the demo, against the real Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from infoops import Workspace
from infoops.connection import Graph, Settings
from infoops.queries import investigation
from infoops.sample import sample_files


def test_workspace_loads_and_returns_dataframes(graph: Graph, neo4j_settings: Settings) -> None:
    with Workspace(
        uri=neo4j_settings.uri, username=neo4j_settings.username,
        password=neo4j_settings.password,
    ) as ws:
        report = ws.load(*sample_files(), collection="sample")
        assert report.records > 0 and not report.rejects
        stars = ws.run("great-retweet", collections=["sample"], limit=5)
        assert isinstance(stars, pd.DataFrame)
        assert list(stars.columns)[: len(investigation("great-retweet").columns)] == list(
            investigation("great-retweet").columns
        )
        assert 0 < len(stars) <= 5
        assert pd.api.types.is_datetime64_any_dtype(stars["created_at"]) or isinstance(
            stars["created_at"].iloc[0], object
        )
        counted = ws.cypher(
            "MATCH (a:Account) WHERE $c IN a.collections RETURN count(a) AS n", c="sample"
        )
        assert counted["n"].iloc[0] == report.nodes_added["Account"]
        collections = ws.collections()
        assert collections["collection"].tolist() == ["sample"]


def test_demo_loads_the_sample_and_prints_the_headlines(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infoops", "demo", "--report-dir", str(tmp_path / "report")],
        env={**os.environ, **cli_env, "COLUMNS": "200"},
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Great retweet" in result.stdout
    assert (tmp_path / "report" / "index.html").is_file()
    loaded = graph.query(
        "MATCH (a:Account) WHERE 'demo-milesguo' IN a.collections RETURN count(a) AS n"
    )
    assert loaded[0]["n"] > 100
