"""No data lost or duplicated: crashes of the loader or the server, concurrent loads, drops,
backup and restore — all against real Neo4j servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoops.connection import Graph, Settings
from infoops.loader.load import drop_collection, load
from infoops.sample.generator import GeneratorConfig, generate
from infoops.server import USERNAME, ManagedServer
from tests.conftest import SHARED_DATA, empty_database
from tests.test_load import all_counts

V1_SAMPLE = SHARED_DATA / "v1" / "rtweet_statuses.jsonl"
MANAGED_ONLY = pytest.mark.skipif(
    bool(os.environ.get("NEO4J_URI")) or os.environ.get("INFOOPS_TEST_DOCKER") == "1",
    reason="needs a managed server it may stop and kill",
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated collection big enough that a load takes several seconds."""
    folder = tmp_path_factory.mktemp("world")
    generate(GeneratorConfig.small(seed=11), folder)
    return folder


def world_files(world: Path) -> list[Path]:
    return [world / "accounts.csv", world / "tweets.jsonl", world / "interactions.csv"]


def node_keys(graph: Graph) -> set[str]:
    rows = graph.query("MATCH (n) WHERE n:Account OR n:Post RETURN n.key AS key")
    return {row["key"] for row in rows}


def derived_edges(graph: Graph) -> set[tuple[str, str, str, int]]:
    rows = graph.query(
        """
        MATCH (a)-[r:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->(b)
        RETURN a.key AS a, type(r) AS type, b.key AS b, r.count AS count
        """
    )
    return {(r["a"], r["type"], r["b"], r["count"]) for r in rows}


def load_command(settings: Settings, files: list[Path], collection: str) -> list[str]:
    return [sys.executable, "-m", "infoops", "--quiet", "--uri", settings.uri, "load",
            *map(str, files), "--collection", collection]


def settings_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "NEO4J_USERNAME": settings.username,
            "NEO4J_PASSWORD": settings.password, "NO_COLOR": "1"}


def wait_for_posts(graph: Graph, process: subprocess.Popen, at_least: int = 1) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the load finished before it could be interrupted"
        if graph.query("MATCH (p:Post) RETURN count(p) AS n")[0]["n"] >= at_least:
            return
        time.sleep(0.05)
    raise AssertionError("no posts appeared")


def test_drop_collection_keeps_what_others_saw(graph: Graph, tmp_path: Path) -> None:
    lines = V1_SAMPLE.read_bytes().splitlines(keepends=True)
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_bytes(b"".join(lines[:300]))
    day2.write_bytes(b"".join(lines[200:]))
    load(graph, [day1], "day1")
    expected_keys, expected_edges = node_keys(graph), derived_edges(graph)
    empty_database(graph)
    load(graph, [day1], "day1")
    load(graph, [day2], "day2")
    assert node_keys(graph) > expected_keys
    drop_collection(graph, "day2")
    assert node_keys(graph) == expected_keys
    assert derived_edges(graph) == expected_edges
    remaining = graph.query("MATCH (n) WHERE 'day2' IN n.collections RETURN count(n) AS n")
    assert remaining[0]["n"] == 0
    assert graph.query("MATCH (c:Collection) RETURN collect(c.name) AS c")[0]["c"] == ["day1"]


def test_kill_9_of_the_loader_then_rerun_gives_the_clean_graph(
    graph: Graph, neo4j_settings: Settings, world: Path
) -> None:
    files = world_files(world)
    load(graph, files, "clean")
    clean = all_counts(graph)
    empty_database(graph)
    process = subprocess.Popen(
        load_command(neo4j_settings, files, "crashy"), env=settings_env(neo4j_settings),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_for_posts(graph, process, at_least=200)
    process.send_signal(signal.SIGKILL)
    process.wait()
    attempt = graph.query("MATCH (l:Load {collection: 'crashy'}) RETURN l.status AS status")
    assert [row["status"] for row in attempt] == ["running"], "the interrupted attempt shows"
    assert all_counts(graph) != clean
    load(graph, files, "crashy")
    assert all_counts(graph) == clean
    statuses = graph.query(
        "MATCH (l:Load {collection: 'crashy'}) RETURN l.status AS s ORDER BY l.started_at"
    )
    assert [row["s"] for row in statuses] == ["running", "completed"]


def test_concurrent_overlapping_loads_duplicate_nothing(
    graph: Graph, neo4j_settings: Settings, world: Path
) -> None:
    files = world_files(world)
    load(graph, files, "a")
    load(graph, files[1:], "b")
    sequential = all_counts(graph)
    empty_database(graph)
    Graph(neo4j_settings).close()  # the schema exists already: no race on creating it
    env = settings_env(neo4j_settings)
    first = subprocess.Popen(load_command(neo4j_settings, files, "a"), env=env,
                             stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(load_command(neo4j_settings, files[1:], "b"), env=env,
                              stderr=subprocess.PIPE, text=True)
    for process in (first, second):
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors
    assert all_counts(graph) == sequential
    duplicates = graph.query(
        "MATCH (a:Account) WITH a.key AS key, count(*) AS n WHERE n > 1 RETURN count(*) AS d"
    )
    assert duplicates[0]["d"] == 0


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[tuple[ManagedServer, Settings]]:
    """A second managed server that this test may stop, kill and restore."""
    server = ManagedServer(home=tmp_path / "server")
    state = server.start(heap="512m", pagecache="128m")
    try:
        yield server, Settings(
            uri=f"neo4j://127.0.0.1:{state.bolt_port}", username=USERNAME,
            password=server.password(), managed=True,
        )
    finally:
        server.stop(timeout=20)


@MANAGED_ONLY
def test_kill_9_of_the_server_mid_load_then_rerun_gives_the_clean_graph(
    own_server: tuple[ManagedServer, Settings], world: Path
) -> None:
    server, settings = own_server
    files = world_files(world)
    with Graph(settings) as graph:
        load(graph, files, "clean")
        clean = all_counts(graph)
        empty_database(graph)
        process = subprocess.Popen(
            load_command(settings, files, "crashy"), env=settings_env(settings),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        wait_for_posts(graph, process, at_least=200)
    state = server.run_state()
    assert state is not None
    os.kill(state.pid, signal.SIGKILL)
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 1 and "Traceback" not in errors, errors
    server.start(state.bolt_port, state.http_port, heap="512m", pagecache="128m")
    with Graph(settings) as graph:
        load(graph, files, "crashy")
        assert all_counts(graph) == clean


@MANAGED_ONLY
def test_backup_and_restore_bring_the_evidence_back(
    own_server: tuple[ManagedServer, Settings], tmp_path: Path
) -> None:
    server, settings = own_server
    with Graph(settings) as graph:
        load(graph, [V1_SAMPLE], "evidence")
        archived = all_counts(graph)
    dump = server.backup(tmp_path / "case.dump")
    assert dump.is_file() and dump.stat().st_size > 0
    with Graph(Settings(**{**settings.__dict__, "uri": server.uri() or ""})) as graph:
        assert all_counts(graph) == archived, "the server is back up after the dump"
        empty_database(graph)
        assert all_counts(graph)["Post"] == 0
    server.restore(dump)
    with Graph(Settings(**{**settings.__dict__, "uri": server.uri() or ""})) as graph:
        assert all_counts(graph) == archived
