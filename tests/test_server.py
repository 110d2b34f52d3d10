"""The managed server and the connection layer, against the real Neo4j."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from infoops.connection import ConnectionFailed, Graph, Settings
from infoops.report.render import TABLE_ROWS
from infoops.server import GDS_VERSION, NEO4J_VERSION, ManagedServer, managed
from infoops.server.distribution import ensure_distribution, find_java
from infoops.server.managed import (
    ServerError,
    class_archive,
    class_archive_usable,
    free_port,
    new_password,
)

MANAGED_ONLY = pytest.mark.skipif(
    bool(os.environ.get("NEO4J_URI")) or os.environ.get("INFOOPS_TEST_DOCKER") == "1",
    reason="checks the managed server's own setup",
)


def run_cli(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "infoops", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def isolated_env(home: Path, cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(INFOOPS_HOME=str(home), INFOOPS_CACHE_DIR=str(cache), NO_COLOR="1", **extra)
    return env


def test_gds_and_apoc_versions(graph: Graph) -> None:
    versions = graph.versions()
    assert versions["gds"] is not None and versions["gds"].startswith("2.")
    assert versions["apoc"] is not None and versions["apoc"].startswith("5.")
    assert versions["neo4j"] is not None and versions["neo4j"].startswith("5.")
    row = graph.query("RETURN gds.version() AS gds, apoc.version() AS apoc")[0]
    assert row == {"gds": versions["gds"], "apoc": versions["apoc"]}


def test_louvain_finds_the_two_triangles(graph: Graph) -> None:
    graph.query(
        """
        UNWIND $edges AS edge
        MERGE (a:Person {name: edge[0]}) MERGE (b:Person {name: edge[1]})
        MERGE (a)-[:KNOWS]->(b)
        """,
        {
            "edges": [
                ["a1", "a2"],
                ["a2", "a3"],
                ["a3", "a1"],
                ["b1", "b2"],
                ["b2", "b3"],
                ["b3", "b1"],
                ["a1", "b1"],
            ]
        },
    )
    graph.query(
        "CALL gds.graph.project('two-triangles', 'Person', {KNOWS: {orientation: 'UNDIRECTED'}})"
    )
    rows = graph.query(
        """
        CALL gds.louvain.stream('two-triangles') YIELD nodeId, communityId
        RETURN gds.util.asNode(nodeId).name AS name, communityId
        """
    )
    community = {row["name"]: row["communityId"] for row in rows}
    assert community["a1"] == community["a2"] == community["a3"]
    assert community["b1"] == community["b2"] == community["b3"]
    assert community["a1"] != community["b1"]


def test_wrong_password_refused(neo4j_settings: Settings) -> None:
    wrong = Settings(uri=neo4j_settings.uri, username=neo4j_settings.username, password="nope")
    with pytest.raises(ConnectionFailed, match="wrong password"):
        Graph(wrong)
    driver = GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.username, "nope"))
    with pytest.raises(AuthError):
        driver.verify_connectivity()
    driver.close()


@MANAGED_ONLY
def test_ports_bound_to_loopback_only(neo4j_settings: Settings) -> None:
    port = int(neo4j_settings.uri.rsplit(":", 1)[1])
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    listening += Path("/proc/net/tcp6").read_text().splitlines()[1:]
    addresses = [
        line.split()[1].split(":")[0]
        for line in listening
        if line.split()[3] == "0A" and int(line.split()[1].split(":")[1], 16) == port
    ]
    assert addresses, "the Bolt port is not listening"
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}
    assert set(addresses) <= loopback, addresses
    # And concretely: a non-loopback address of this machine gets no answer.
    outside = _non_loopback_address()
    if outside:
        with pytest.raises(OSError), socket.create_connection((outside, port), timeout=2):
            pass


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            # No packet is sent: connect() on UDP only picks the outgoing interface.
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


@MANAGED_ONLY
def test_start_status_stop_round_trip(tmp_path: Path, distribution_cache: Path) -> None:
    env = isolated_env(tmp_path / "home", distribution_cache)
    started = run_cli("db", "start", "--heap", "512m", "--pagecache", "128m", env=env)
    assert started.returncode == 0, started.stderr
    assert "Neo4j running: neo4j://127.0.0.1:" in started.stdout
    try:
        again = run_cli("db", "start", env=env)
        assert again.returncode == 0, again.stderr
        assert again.stdout == started.stdout, "a second start must reuse the running server"

        status = run_cli("db", "status", env=env)
        assert status.returncode == 0, status.stderr
        assert "running" in status.stdout and "not running" not in status.stdout
        assert NEO4J_VERSION in status.stdout and GDS_VERSION in status.stdout

        password_file = tmp_path / "home" / "config" / "password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        password = password_file.read_text().strip()
        server_home = tmp_path / "home" / "server"
        assert stat.S_IMODE(server_home.stat().st_mode) & 0o077 == 0
        for output in (started.stdout, started.stderr, status.stdout, status.stderr):
            assert password not in output
        for log in (server_home / "logs").glob("*.log"):
            assert password not in log.read_text(errors="replace"), log

        gds = run_cli("cypher", "RETURN gds.version() AS gds", "--format", "json", env=env)
        assert gds.returncode == 0, gds.stderr
        assert orjson.loads(gds.stdout) == [{"gds": GDS_VERSION}]

        shown = run_cli("db", "password", env=env)
        assert shown.stdout.strip() == password
    finally:
        stopped = run_cli("db", "stop", env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    after = run_cli("db", "status", env=env)
    assert "not running" in after.stdout
    assert ManagedServer(home=tmp_path / "home" / "server").run_state() is None
    # A clean stop: both databases checkpointed on the way down and the server ran to its end
    # (a stop is quick because Bolt's event loops are not kept for a quiet period, not
    # because the shutdown is cut short).
    debug_log = (tmp_path / "home" / "server" / "logs" / "debug.log").read_text()
    shutdown = debug_log[debug_log.rindex("Shutdown started") :]
    for database in ("system", "neo4j"):
        assert re.search(rf'\[{database}/\w+\] Checkpoint triggered by "Database shutdown"',
                         shutdown), database  # fmt: skip
    assert "Bolt server has been shut down" in shutdown


@MANAGED_ONLY
@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="reads /proc")
def test_the_server_maps_its_class_data_archive_and_a_torn_one_is_refused(
    tmp_path: Path, distribution_cache: Path
) -> None:
    dist, java = ensure_distribution(progress=False), find_java()
    archive = class_archive(dist, java)
    server = ManagedServer(home=tmp_path / "server")
    state = server.start(free_port(), free_port(), heap="512m", pagecache="64m")
    try:
        command = Path(f"/proc/{state.pid}/cmdline").read_bytes().split(b"\0")
        assert f"-XX:SharedArchiveFile={archive}".encode() in command
        # In use, not only named: the JVM maps the archive into its memory.
        assert str(archive) in Path(f"/proc/{state.pid}/maps").read_text()
    finally:
        server.stop()
    assert class_archive_usable(archive, dist, java)
    torn = tmp_path / "torn.jsa"
    torn.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert not class_archive_usable(torn, dist, java)
    assert not class_archive_usable(tmp_path / "absent.jsa", dist, java)
    assert not list(Path.cwd().glob("hs_err_pid*.log")), "the torn archive's crash report"


@MANAGED_ONLY
@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="reads /proc")
def test_a_damaged_class_data_archive_is_built_again_before_a_start(
    tmp_path: Path, distribution_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist, java = ensure_distribution(progress=False), find_java()
    good = class_archive(dist, java)
    assert class_archive_usable(good, dist, java)
    damaged = tmp_path / "class-data" / "neo4j.jsa"
    damaged.parent.mkdir()
    damaged.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    built: list[Path] = []

    def build(archive: Path, *_: object) -> None:  # the real build, a minute, done already
        built.append(archive)
        archive.write_bytes(good.read_bytes())

    monkeypatch.setattr(managed, "class_archive", lambda *_: damaged)
    monkeypatch.setattr(managed, "build_class_archive", build)
    server = ManagedServer(home=tmp_path / "server")
    state = server.start(free_port(), free_port(), heap="512m", pagecache="64m")
    try:
        assert built == [damaged] and class_archive_usable(damaged, dist, java)
        assert str(damaged) in Path(f"/proc/{state.pid}/maps").read_text()
    finally:
        server.stop()


def test_missing_java_is_one_clear_line(tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = isolated_env(tmp_path / "home", tmp_path / "cache", PATH=str(empty_bin))
    env.pop("JAVA_HOME", None)
    result = run_cli("db", "start", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: Java not found")
    assert "Traceback" not in result.stderr


def test_too_old_java_is_refused(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake_java = fake_bin / "java"
    fake_java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    fake_java.chmod(0o755)
    env = isolated_env(tmp_path / "home", tmp_path / "cache", PATH=f"{fake_bin}:/usr/bin:/bin")
    env.pop("JAVA_HOME", None)
    result = run_cli("db", "start", env=env)
    assert result.returncode == 1
    assert "Java 11" in result.stderr and "too old" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_maven_is_one_clear_line(tmp_path: Path) -> None:
    java_only = tmp_path / "bin"
    java_only.mkdir()
    real_java = subprocess.run(
        ["sh", "-c", "command -v java"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (java_only / "java").symlink_to(Path(real_java).resolve())
    # An empty cache forces assembly, which needs Maven.
    env = isolated_env(tmp_path / "home", tmp_path / "empty-cache", PATH=str(java_only))
    env.pop("JAVA_HOME", None)
    result = run_cli("db", "start", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: Maven (mvn) not found")
    assert "Traceback" not in result.stderr


@MANAGED_ONLY
def test_busy_default_port_is_replaced_and_said(tmp_path: Path, distribution_cache: Path) -> None:
    with socket.socket() as blocker:
        blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            blocker.bind(("127.0.0.1", 7687))
            blocker.listen()
        except OSError:
            pass  # someone (e.g. the user's own server) already holds it: same situation
        server = ManagedServer(home=tmp_path / "server")
        notes: list[str] = []
        state = server.start(heap="512m", pagecache="128m", notes=notes)
        try:
            assert state.bolt_port != 7687
            assert any("Bolt port 7687 is in use" in note for note in notes)
        finally:
            server.stop()


def test_ad_hoc_cypher_renders_json_and_csv(graph: Graph, cli_env: dict[str, str]) -> None:
    env = {**os.environ, **cli_env}
    query = "UNWIND range(1, 3) AS i RETURN i, $name + i AS label ORDER BY i"
    as_json = run_cli("cypher", query, "-p", "name=acc-", "--format", "json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert orjson.loads(as_json.stdout) == [
        {"i": 1, "label": "acc-1"},
        {"i": 2, "label": "acc-2"},
        {"i": 3, "label": "acc-3"},
    ]
    as_csv = run_cli("cypher", query, "-p", "name=x", "--format", "csv", env=env)
    assert as_csv.stdout.splitlines() == ["i,label", "1,x1", "2,x2", "3,x3"]
    broken = run_cli("cypher", "MATCH (n RETURN n", env=env)
    assert broken.returncode == 1
    assert broken.stderr.startswith("error: Neo4j:") and "Traceback" not in broken.stderr


def test_a_terminal_table_shows_the_first_rows_and_says_there_are_more(
    graph: Graph, cli_env: dict[str, str]
) -> None:
    env = {**os.environ, **cli_env, "NO_COLOR": "1"}
    query = "UNWIND range(1, $n) AS i RETURN i ORDER BY i"

    def table(*args: str) -> tuple[list[int], str]:
        shown = run_cli("cypher", query, *args, env=env)
        assert shown.returncode == 0, shown.stderr
        cells = [int(m) for m in re.findall(r"^\W*(\d+)\W*$", shown.stdout, re.MULTILINE)]
        return cells, shown.stdout

    cells, text = table("-p", f"n={TABLE_ROWS + 5}")
    assert cells == list(range(1, TABLE_ROWS + 1))
    assert "there are more" in text
    cells, text = table("-p", f"n={TABLE_ROWS}")
    assert cells == list(range(1, TABLE_ROWS + 1))
    assert "there are more" not in text
    cells, text = table("-p", f"n={TABLE_ROWS + 5}", "--limit", str(TABLE_ROWS + 3))
    assert cells == list(range(1, TABLE_ROWS + 4))
    assert "there are more" not in text
    as_csv = run_cli("cypher", query, "-p", f"n={TABLE_ROWS + 5}", "--format", "csv", env=env)
    assert as_csv.stdout.splitlines()[1:] == [str(i) for i in range(1, TABLE_ROWS + 6)]


def test_generated_passwords_never_look_like_an_option() -> None:
    # One password in 64 would start with '-' if nothing prevented it.
    assert not any(new_password().startswith("-") for _ in range(2000))


@MANAGED_ONLY
def test_a_stored_password_that_looks_like_an_option_is_replaced_before_first_start(
    tmp_path: Path, distribution_cache: Path
) -> None:
    password_file = tmp_path / "config" / "password"
    password_file.parent.mkdir()
    password_file.write_text("-dashed-by-an-older-infoops\n")
    server = ManagedServer(home=tmp_path / "server", password_file=password_file)
    state = server.start(heap="512m", pagecache="128m")
    try:
        password = server.password()
        assert not password.startswith("-")
        with GraphDatabase.driver(
            f"neo4j://127.0.0.1:{state.bolt_port}", auth=("neo4j", password)
        ) as driver:
            driver.verify_connectivity()
    finally:
        server.stop()


def test_a_server_kept_offline_by_another_process_is_not_started(tmp_path: Path) -> None:
    """While a bulk load or neo4j-admin has the store, a command that would start the server
    (any command, when it is down) refuses instead of starting it under neo4j-admin."""
    server = ManagedServer(home=tmp_path / "server")
    holder = subprocess.Popen(["sleep", "60"])
    try:
        server.offline_file.parent.mkdir(parents=True)
        server.offline_file.write_text(json.dumps({"pid": holder.pid, "reason": "a bulk load"}))
        with pytest.raises(ServerError, match=r"stopped for a bulk load \(pid \d+\)"):
            server.start()
        with (
            pytest.raises(ServerError, match="already stopped for a bulk load"),
            server.offline("another bulk load"),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its marker no longer counts, and this process may take it.
    assert server.offline_holder() is None
    with server.offline("a bulk load"):
        assert server.offline_holder() is None  # this process's own marker
        assert json.loads(server.offline_file.read_text())["pid"] == os.getpid()
    assert not server.offline_file.exists()
