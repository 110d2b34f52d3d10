"""The real Neo4j under every test.

- ``NEO4J_URI`` set: use that server (its database is emptied before each test!).
- ``INFOOPS_TEST_DOCKER=1``: start Neo4j 5.26 with GDS and APOC in Docker (testcontainers).
- otherwise: start the managed server on free ports with a throw-away home; the assembled
  distribution is shared through the normal cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoops.connection import Graph, Settings
from infoops.paths import cache_dir
from infoops.queries import internal
from infoops.server import USERNAME, ManagedServer, ServerError
from infoops.server.managed import RunState, free_port

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("INFOOPS_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    if uri := os.environ.get("NEO4J_URI"):
        yield Settings(
            uri=uri,
            username=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
        return
    if os.environ.get("INFOOPS_TEST_DOCKER") == "1":
        yield from _docker_settings()
        return
    server = ManagedServer(home=tmp_path_factory.mktemp("neo4j-home"))
    state = start_on_free_ports(server)
    try:
        yield Settings(
            uri=f"neo4j://127.0.0.1:{state.bolt_port}",
            username=USERNAME,
            password=server.password(),
            managed=True,
        )
    finally:
        server.stop()


def start_on_free_ports(server: ManagedServer, attempts: int = 3) -> RunState:
    """Explicit free ports, never the defaults: parallel test sessions must not collide.
    Another process can still take a port between the check and the bind, hence the retry."""
    for attempt in range(1, attempts + 1):
        bolt = free_port()
        http = free_port()
        try:
            return server.start(bolt_port=bolt, http_port=http, heap="1g", pagecache="512m")
        except ServerError:
            server.stop(timeout=10)
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _docker_settings() -> Iterator[Settings]:
    from testcontainers.neo4j import Neo4jContainer

    container = (
        Neo4jContainer("neo4j:5.26-community", password="infoops-test-password")
        .with_env("NEO4J_PLUGINS", '["graph-data-science", "apoc"]')
        .with_env("NEO4J_dbms_security_procedures_unrestricted", "gds.*,apoc.*")
    )
    with container:
        yield Settings(
            uri=container.get_connection_url(),
            username="neo4j",
            password="infoops-test-password",
        )


@pytest.fixture(scope="session")
def session_graph(neo4j_settings: Settings) -> Iterator[Graph]:
    graph = Graph(neo4j_settings)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty database (and no GDS projections) for this test."""
    empty_database(session_graph)
    return session_graph


def empty_database(graph: Graph) -> None:
    graph.query(internal("drop-gds-graphs").statements[0])
    graph.query(internal("clear-database").statements[0])


@pytest.fixture
def cli_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment that points the CLI at the test server."""
    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USERNAME": neo4j_settings.username,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NO_COLOR": "1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture(scope="session")
def distribution_cache() -> Path:
    """The real cache folder, so throw-away INFOOPS_HOMEs reuse the assembled server."""
    return cache_dir()
