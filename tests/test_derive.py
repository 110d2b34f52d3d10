"""derive-all-account-edges (the bulk path's one-pass derivation) against derive-account-edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infoops.connection import Graph
from infoops.loader.load import load
from infoops.loader.writer import derive_account_edges, statements
from infoops.sample.generator import GeneratorConfig, generate

DERIVED = "RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED"


def account_edges(graph: Graph) -> list[tuple[Any, ...]]:
    rows = graph.query(
        f"""
        MATCH (a:Account)-[r:{DERIVED}]->(b:Account)
        RETURN a.key AS a, type(r) AS type, b.key AS b, r.count AS count,
               r.first_at AS first_at, r.last_at AS last_at
        """
    )
    return sorted(tuple(row.values()) for row in rows)


def stale_accounts(graph: Graph) -> dict[str, int]:
    return graph.query(
        """
        RETURN COUNT { (a:StaleEdges) } AS edges, COUNT { (a:StaleAmplification) } AS amplification,
               COUNT { (a:StaleActivity) } AS activity, COUNT { (a:Account) } AS accounts
        """
    )[0]


def as_after_import(graph: Graph) -> None:
    """What neo4j-admin import leaves: no account-level edges, every account StaleEdges."""
    graph.query(f"MATCH ()-[r:{DERIVED}]->() DELETE r")
    graph.query("MATCH (a:Account) SET a:StaleEdges")


@pytest.fixture
def loaded(graph: Graph, tmp_path: Path) -> Graph:
    generate(GeneratorConfig.small(seed=11), tmp_path)
    load(graph, [tmp_path / "tweets.jsonl", tmp_path / "interactions.csv"], "derive")
    return graph


def test_one_pass_gives_the_account_by_account_edges(loaded: Graph) -> None:
    expected = account_edges(loaded)
    assert {edge[1] for edge in expected} >= {"RETWEETED", "LIKED_POST_OF", "MENTIONED"}
    as_after_import(loaded)
    for cypher in statements("derive-all-account-edges"):
        loaded.query(cypher, {"batch_size": 7})
    assert account_edges(loaded) == expected
    stale = stale_accounts(loaded)
    assert stale["edges"] == 0
    assert stale["amplification"] == stale["activity"] == stale["accounts"]


def test_an_interrupted_pass_is_completed_exactly_by_the_next_derivation(loaded: Graph) -> None:
    expected = account_edges(loaded)
    as_after_import(loaded)
    # The pass stopped after its first type: some edges made, every account still stale.
    loaded.query(statements("derive-all-account-edges")[0], {"batch_size": 7})
    partial = account_edges(loaded)
    assert 0 < len(partial) < len(expected)
    assert stale_accounts(loaded)["edges"] == stale_accounts(loaded)["accounts"]
    derive_account_edges(loaded)
    assert account_edges(loaded) == expected
    assert stale_accounts(loaded)["edges"] == 0
