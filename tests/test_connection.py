"""Rows as the driver's Record.data() gives them, for every kind of value Neo4j returns."""

from __future__ import annotations

from typing import Any

import neo4j

from infoops.connection import Graph, record_row
from infoops.queries import investigation

PLAIN = """
RETURN 'text' AS text, 7 AS integer, 2.5 AS float, true AS flag, null AS nothing, '' AS empty,
       [1, 'two', null, [3.0], {k: 'v'}] AS list, {k: 'v', inner: {n: [1, 2]}} AS map,
       'Миша 郭文贵 🙂 مرحبا' AS unicode
"""

GRAPH_AND_TEMPORAL = """
CREATE (a:Thing {name: 'a', n: 1})-[r:LINKS {w: 0.5}]->(b:Thing {name: 'b', tags: ['x', 'y']})
WITH a, r, b
MATCH path = (a)-[:LINKS]->(b)
RETURN 'text' AS text, 7 AS integer, a AS node, r AS relationship, path, [a, b] AS nodes,
       {node: b} AS map_of_node, datetime('2020-05-01T12:00:00Z') AS at,
       date('2020-05-01') AS day, duration({hours: 3}) AS span,
       point({x: 1.0, y: 2.0}) AS place
"""


def one_record(graph: Graph, cypher: str) -> tuple[list[str], neo4j.Record]:
    with graph.session() as session:
        result = session.run(cypher)
        keys = list(result.keys())
        records = list(result)
    assert len(records) == 1
    return keys, records[0]


def test_plain_rows_are_built_directly_and_equal_record_data(graph: Graph) -> None:
    keys, record = one_record(graph, PLAIN)
    row: dict[str, Any] = record_row(keys, record)
    assert row == record.data()
    assert row["list"] is record["list"]  # built directly: not copied value by value
    assert row["unicode"] == "Миша 郭文贵 🙂 مرحبا" and row["nothing"] is None


def test_nodes_relationships_paths_and_times_come_as_record_data_gives_them(
    graph: Graph,
) -> None:
    keys, record = one_record(graph, GRAPH_AND_TEMPORAL)
    row = record_row(keys, record)
    assert row == record.data()
    a, b = {"name": "a", "n": 1}, {"name": "b", "tags": ["x", "y"]}
    assert row["node"] == a and row["map_of_node"] == {"node": b}
    assert row["relationship"] == (a, "LINKS", b)
    assert graph.query("MATCH (t:Thing) RETURN t ORDER BY t.name") == [{"t": a}, {"t": b}]


def test_a_limit_returns_the_first_rows_and_leaves_the_connection_usable(graph: Graph) -> None:
    graph.query(
        "UNWIND range(1, 40) AS i CREATE (:Account {key: 'x:' + i, id: toString(i), "
        "screen_name: 'user' + i, handle_score: i / 40.0, handle_kind: 'name_digits', "
        "name_script: 'Latin'})"
    )
    pack = investigation("name-patterns")
    bound = pack.bind({"flagged_only": False})
    every = graph.run_pack(pack, bound)
    assert len(every) == 40 and every[0]["screen_name"] == "user40"
    assert graph.run_pack(pack, bound, limit=7) == every[:7]
    assert graph.run_pack(pack, bound, limit=0) == []
    assert graph.query("MATCH (a:Account) RETURN count(a) AS n") == [{"n": 40}]
