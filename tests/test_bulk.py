"""The bulk path (neo4j-admin import) gives the same graph as the incremental path.

The incremental loads go to the session server; the bulk loads to a throw-away managed
server of this module (neo4j-admin needs a local store, and the server is restarted).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from infoops.cli import app
from infoops.connection import Graph, Settings
from infoops.errors import InputError
from infoops.loader import bulk as bulk_module
from infoops.loader import writer
from infoops.loader.bulk import BulkError, bulk_load, managed_server
from infoops.loader.load import DEFAULT_BATCH_RECORDS, LoadReport, load
from infoops.queries import investigation
from infoops.sample.generator import GeneratorConfig, generate
from infoops.server import USERNAME, ManagedServer
from tests.conftest import REPO, SHARED_DATA, empty_database, start_on_free_ports

FORMAT_FIXTURES = REPO / "tests" / "fixtures" / "formats"
# v1.1 statuses shipped with infoops (the demo's collection): present in every checkout.
BUNDLED_SAMPLE = REPO / "infoops" / "sample" / "data" / "tweets.jsonl.gz"

# What identifies a node of each label in a snapshot.
IDENTITY = {
    "Account": "key",
    "Post": "key",
    "Name": "key",
    "Hashtag": "name",
    "Url": "url",
    "Domain": "name",
    "Collection": "name",
    "Load": "collection",
}
# Bookkeeping that differs between any two loads: times, ids, the process, durations.
VOLATILE = {
    "Collection": {"created_at", "updated_at"},
    "Load": {"id", "started_at", "finished_at", "host", "pid", "summary"},
}


@pytest.fixture(scope="module")
def bulk_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An INFOOPS_HOME whose managed server the bulk loads replace."""
    home = tmp_path_factory.mktemp("bulk-home")
    server = bulk_server(home)
    start_on_free_ports(server)
    try:
        yield home
    finally:
        server.stop()


def bulk_server(home: Path) -> ManagedServer:
    # What ManagedServer() is with INFOOPS_HOME=home.
    return ManagedServer(home=home / "server", password_file=home / "config" / "password")


def connect(server: ManagedServer) -> Graph:
    state = server.run_state()
    assert state is not None
    return Graph(
        Settings(f"neo4j://127.0.0.1:{state.bolt_port}", USERNAME, server.password(), managed=True)
    )


def emptied(server: ManagedServer) -> ManagedServer:
    with connect(server) as graph:
        empty_database(graph)
    return server


def plain(value: Any) -> Any:
    """Property values as comparable, hashable data (times keep their type and zone)."""
    if isinstance(value, list):
        return tuple(plain(v) for v in value)
    if hasattr(value, "iso_format"):
        return (type(value).__name__, value.iso_format(), str(getattr(value, "tzinfo", "")))
    return value


def snapshot(graph: Graph) -> tuple[dict[tuple[str, ...], dict[str, Any]], Counter[Any]]:
    """Every node with its labels and properties, every relationship with its properties."""
    ids: dict[str, tuple[str, ...]] = {}
    nodes: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in graph.query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
    ):
        labels = sorted(row["labels"])
        main = next(label for label in labels if label in IDENTITY)
        props = {
            k: plain(v) for k, v in row["props"].items() if k not in VOLATILE.get(main, set())
        }
        if main == "Load":
            summary = orjson.loads(row["props"]["summary"])
            # What was added; the writer's own tallies (seen again) are no graph facts.
            props["summary"] = {
                k: summary[k] for k in ("records", "rejects", "nodes_added", "relationships_added")
            }
        identity = (main, str(row["props"][IDENTITY[main]]))
        assert identity not in nodes, f"two nodes are {identity}"
        ids[row["id"]] = identity
        nodes[identity] = {"labels": labels, **props}
    relationships: Counter[Any] = Counter()
    for row in graph.query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, "
        "properties(r) AS props, elementId(b) AS b"
    ):
        values = tuple(sorted((k, plain(v)) for k, v in row["props"].items()))
        relationships[(ids[row["a"]], row["type"], ids[row["b"]], values)] += 1
    return nodes, relationships


def assert_same_graph(incremental: Graph, bulk: Graph) -> None:
    nodes, relationships = snapshot(incremental)
    bulk_nodes, bulk_relationships = snapshot(bulk)
    assert sorted(set(nodes) - set(bulk_nodes))[:5] == []
    assert sorted(set(bulk_nodes) - set(nodes))[:5] == []
    differing = [
        (identity, {k: (v, bulk_nodes[identity].get(k)) for k, v in props.items()
                    if v != bulk_nodes[identity].get(k)},
         sorted(set(bulk_nodes[identity]) - set(props)))
        for identity, props in nodes.items()
        if props != bulk_nodes[identity]
    ]  # fmt: skip
    assert differing[:3] == []
    assert sorted((relationships - bulk_relationships).elements())[:5] == []
    assert sorted((bulk_relationships - relationships).elements())[:5] == []
    assert len(nodes) > 10 and sum(relationships.values()) > 10


def both_ways(
    graph: Graph, home: Path, paths: list[Path], collection: str, tmp_path: Path,
    bulk_batch_records: int = DEFAULT_BATCH_RECORDS, profile_buffer: int | None = None,
    workers: int | None = None,
) -> tuple[LoadReport, LoadReport]:  # fmt: skip
    """Load ``paths`` incrementally and in bulk, and compare the graphs. A small
    ``profile_buffer`` makes the bulk path spill its profiles many times over; ``workers``:
    the processes that fold the spool (default: one per core)."""
    with pytest.MonkeyPatch.context() as patch:
        # measured at any size, to compare the measures too
        patch.setattr(writer, "MEASURE_MIN_POSTS", 0)
        incremental = load(graph, paths, collection, rejects_dir=tmp_path)
    return incremental, bulk_and_compare(
        graph, home, paths, collection, tmp_path, bulk_batch_records, profile_buffer, workers
    )


def bulk_and_compare(
    graph: Graph, home: Path, paths: list[Path], collection: str, tmp_path: Path,
    bulk_batch_records: int = DEFAULT_BATCH_RECORDS, profile_buffer: int | None = None,
    workers: int | None = None,
) -> LoadReport:  # fmt: skip
    """Bulk-load ``paths`` and compare the graph with ``graph``, which holds their
    incremental load (see ``both_ways``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "MEASURE_MIN_POSTS", 0)
        server = emptied(bulk_server(home))
        if profile_buffer is not None:
            patch.setattr(bulk_module, "PROFILE_BUFFER", profile_buffer)
        if workers is not None:
            patch.setattr(bulk_module, "fold_workers", lambda: workers)
        report = bulk_load(
            server, paths, collection, rejects_dir=tmp_path, batch_records=bulk_batch_records
        )
    with connect(server) as bulk_graph:
        assert_same_graph(graph, bulk_graph)
        # Compared with the rest: the compare measures both paths stored at the end of the load.
        for measured_graph in (graph, bulk_graph):
            measured = measured_graph.query(
                "MATCH (c:Collection {name: $name}) RETURN c.measure_accounts AS accounts",
                {"name": collection},
            )
            assert measured[0]["accounts"] > 0
    return report


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated world in every loadable format: the same posts seen through several."""
    folder = tmp_path_factory.mktemp("bulk-world")
    config = GeneratorConfig.reference(seed=5).with_formats(("v1", "generic", "io", "twarc2"))
    generate(config, folder)
    return folder


def test_generated_world_gives_the_same_graph_both_ways_and_spilled(
    graph: Graph, bulk_home: Path, world: Path, tmp_path: Path
) -> None:
    paths = sorted(p for p in world.iterdir() if p.name != "truth.json")
    assert len(paths) == 6
    incremental, bulk = both_ways(graph, bulk_home, paths, "world", tmp_path)
    assert bulk.records == incremental.records > 10_000
    assert bulk.nodes_added == incremental.nodes_added
    assert bulk.relationships_added == incremental.relationships_added
    assert bulk.relationships_added["RETWEETED"] > 100
    # Against the same incremental load: batches of 500 records, profiles spilled to the spool
    # every 40 accounts, so each account's observations are folded from several spool
    # entries, in stream order; and the spool folded in this process, not in forked workers.
    spilled = bulk_and_compare(
        graph, bulk_home, paths, "world", tmp_path, bulk_batch_records=500, profile_buffer=40,
        workers=1,
    )  # fmt: skip
    assert spilled.nodes_added == incremental.nodes_added
    assert incremental.nodes_added["Name"] > 1_000


def test_real_samples_and_every_format_give_the_same_graph_both_ways(
    graph: Graph, bulk_home: Path, tmp_path: Path
) -> None:
    # Twint and IRA refer to accounts by screen name: placeholders, resolved and merged.
    # The real samples live beside the repository, when it has them.
    shared = [SHARED_DATA / "v1", SHARED_DATA / "twarc2"]
    paths = [path for path in shared if path.is_dir()] + [FORMAT_FIXTURES]
    # Profiles spilled every 3 accounts: placeholders merge into the first account (in
    # profile order) with their name, across spills. Three workers fold the spool, each
    # writing its own import files of every group.
    incremental, bulk = both_ways(
        graph, bulk_home, paths, "samples", tmp_path, bulk_batch_records=50, profile_buffer=3,
        workers=3,
    )  # fmt: skip
    assert [f.rejects for f in bulk.files] == [f.rejects for f in incremental.files]
    assert [str(r) for r in bulk.rejects] == [str(r) for r in incremental.rejects]
    assert bulk.rejects_path is not None and bulk.rejects_path.is_file()


def test_a_placeholder_merges_into_the_first_account_with_its_name_across_spills(
    graph: Graph, bulk_home: Path, tmp_path: Path
) -> None:
    # A reference by screen name before any profile has it makes a placeholder; two accounts
    # later have that name (a handle given up and taken again). Profiles spilled every one.
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "platform,source,target,type,post_id,time\n"
        "twitter,10,@bob,retweet,p1,2020-01-01T00:00:00Z\n"
        "twitter,11,@bob,like,p2,2020-01-01T00:01:00Z\n",
        encoding="utf-8",
    )
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "platform,account_id,screen_name\ntwitter,10,alice\ntwitter,2,bob\ntwitter,1,bob\n",
        encoding="utf-8",
    )
    both_ways(graph, bulk_home, [interactions, accounts], "names", tmp_path,
              bulk_batch_records=1, profile_buffer=1)  # fmt: skip
    authors = graph.query("MATCH (a:Account)-[:POSTED]->(:Post {id: 'p1'}) RETURN a.id AS id")
    assert [row["id"] for row in authors] == ["2"]


def test_account_level_edges_count_distinct_acts_without_self_loops_both_ways(
    graph: Graph, bulk_home: Path, tmp_path: Path
) -> None:
    # The bulk path derives these edges in Python, the incremental path in Cypher.
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "platform,source,target,type,post_id,time\n"
        "twitter,10,20,retweet,p1,2020-01-01T00:00:00Z\n"
        "twitter,10,20,retweet,p2,2020-01-03T00:00:00Z\n"
        "twitter,10,10,retweet,p3,2020-01-02T00:00:00Z\n"
        "twitter,10,20,like,p4,\n"
        "twitter,11,20,like,p4,2020-01-04T00:00:00Z\n"
        "twitter,10,20,reply,p5,2020-01-05T00:00:00Z\n"
        "twitter,10,21,quote,p6,2020-01-06T00:00:00Z\n"
        "twitter,10,20,mention,m1,2020-01-07T00:00:00Z\n"
        "twitter,10,10,mention,m2,2020-01-08T00:00:00Z\n",
        encoding="utf-8",
    )
    both_ways(graph, bulk_home, [interactions], "edges", tmp_path)
    with connect(bulk_server(bulk_home)) as bulk_graph:
        rows = bulk_graph.query(
            "MATCH (a:Account {id: '10'})-[r]->(b:Account) "
            "RETURN type(r) AS type, b.id AS b, r.count AS count, "
            "toString(r.first_at) AS first_at, toString(r.last_at) AS last_at "
            "ORDER BY type, b"
        )
    assert [tuple(row.values()) for row in rows] == [
        ("LIKED_POST_OF", "20", 1, None, None),
        ("MENTIONED", "20", 1, "2020-01-07T00:00:00Z", "2020-01-07T00:00:00Z"),
        ("QUOTED", "21", 1, "2020-01-06T00:00:00Z", "2020-01-06T00:00:00Z"),
        ("REPLIED_TO", "20", 1, "2020-01-05T00:00:00Z", "2020-01-05T00:00:00Z"),
        ("RETWEETED", "20", 2, "2020-01-01T00:00:00Z", "2020-01-03T00:00:00Z"),
    ]


def test_bulk_from_the_command_line_then_refusals(
    bulk_home: Path, distribution_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    emptied(bulk_server(bulk_home))
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INFOOPS_HOME", str(bulk_home))
    monkeypatch.setenv("INFOOPS_CACHE_DIR", str(distribution_cache))
    monkeypatch.chdir(tmp_path)
    sample = BUNDLED_SAMPLE
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(sample), "--collection", "demo", "--bulk"])
    assert loaded.exit_code == 0, loaded.output
    assert "records" in loaded.stdout
    listed = runner.invoke(app, ["collections", "--format", "json"])
    (row,) = orjson.loads(listed.stdout)
    assert row["collection"] == "demo" and row["accounts"] > 100
    assert row["loads"][0]["status"] == "completed"

    # A v1.1 capture has no likes, so this fresh store has never had a LIKED_POST_OF
    # relationship, and GDS refuses to project a relationship type the database does not know.
    with connect(bulk_server(bulk_home)) as graph:
        known = graph.query("CALL db.relationshipTypes() YIELD relationshipType RETURN *")
    assert "LIKED_POST_OF" not in {row["relationshipType"] for row in known}
    communities = runner.invoke(app, ["run", "communities", "--format", "json"])
    assert communities.exit_code == 0, communities.output
    roles = Counter(row["role"] for row in orjson.loads(communities.stdout))
    assert roles["poster"] > 0 and roles["amplifier"] > 0, roles

    again = runner.invoke(app, ["load", str(sample), "--collection", "more", "--bulk"])
    assert again.exit_code == 1
    assert "not empty" in again.stderr and "without --bulk" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr

    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:1")
    remote = runner.invoke(app, ["load", str(sample), "--collection", "x", "--bulk"])
    assert remote.exit_code == 1
    assert "managed local server" in remote.stderr
    assert len(remote.stderr.strip().splitlines()) == 1


def test_refusals_in_python(bulk_home: Path, tmp_path: Path) -> None:
    remote = Settings("neo4j://example.org:7687", "neo4j", "secret")
    with pytest.raises(BulkError, match="managed local server"):
        managed_server(remote)
    with pytest.raises(BulkError, match="'neo4j' only"):
        bulk_load(bulk_server(bulk_home), [tmp_path], "c", database="other")


def test_communities_of_a_store_without_interactions_are_none(
    bulk_home: Path, tmp_path: Path
) -> None:
    # A fresh store that has only ever held accounts knows none of the account-level types:
    # GDS refuses an empty relationship projection, so the pack must not ask for one.
    server = emptied(bulk_server(bulk_home))
    bulk_load(
        server, [FORMAT_FIXTURES / "generic_accounts.csv"], "accounts-only", rejects_dir=tmp_path
    )
    with connect(server) as graph:
        assert graph.query("MATCH (a:Account) RETURN count(a) AS n")[0]["n"] > 0
        pack = investigation("communities")
        assert graph.run_pack(pack, pack.bind({})) == []
        summary = investigation("community-summary")
        assert graph.run_pack(summary, summary.bind({})) == []


def worker_task(failure: str, index: int, workers: int) -> tuple[int, int, int]:
    if index == 1 and failure == "raises":
        raise InputError(f"worker {index} of {workers} found bad input")
    if index == 1 and failure == "dies":
        os._exit(3)
    return index, workers, os.getpid()


def test_forked_workers_answer_in_order_and_their_failures_reach_the_load() -> None:
    answers = bulk_module.on_workers(worker_task, 3, "none")
    assert [(index, workers) for index, workers, _ in answers] == [(0, 3), (1, 3), (2, 3)]
    assert len({pid for _, _, pid in answers} | {os.getpid()}) == 4
    with pytest.raises(InputError, match="worker 1 of 3 found bad input"):
        bulk_module.on_workers(worker_task, 3, "raises")
    with pytest.raises(BulkError, match="exit code 3"):
        bulk_module.on_workers(worker_task, 3, "dies")
    # One worker: the task runs in this process.
    assert bulk_module.on_workers(worker_task, 1, "none") == [(0, 1, os.getpid())]
