"""What the benchmarks measure besides wall-clock time: CPU seconds and memory of the managed
Neo4j server and of this process, the store size, and Neo4j's write ceiling on this machine."""

from __future__ import annotations

import os
import resource
import statistics
import time
from pathlib import Path

from infoops.connection import Graph
from infoops.queries import read_pack
from infoops.server.managed import ManagedServer

CEILING = read_pack(Path(__file__).with_name("write-ceiling.cypher"))


def server_pid() -> int | None:
    """The managed server's pid, or None when the benchmark runs against NEO4J_URI."""
    if os.environ.get("NEO4J_URI"):
        return None
    state = ManagedServer().run_state()
    return state.pid if state else None


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb(pid: int | None, field: str = "VmRSS") -> float | None:
    """Resident memory of a process in MB; field VmHWM gives its peak since it started."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def store_mb() -> float | None:
    if os.environ.get("NEO4J_URI"):
        return None
    return ManagedServer().data_size_bytes() / 2**20


def write_ceiling(graph: Graph, rows: int = 50_000, runs: int = 3) -> dict[str, float]:
    """Median rows/s of bare Cypher writes: create nodes, merge existing ones, relate them."""
    setup, create, merge, relate, cleanup, drop = CEILING.statements
    rates: dict[str, list[float]] = {"create": [], "merge": [], "relate": []}
    graph.query(setup)
    for run in range(runs):
        parameters = {"rows": rows, "run": f"run{run}"}
        for name, cypher in (("create", create), ("merge", merge), ("relate", relate)):
            started = time.perf_counter()
            graph.query(cypher, parameters)
            rates[name].append(rows / (time.perf_counter() - started))
        graph.query(cleanup)
    graph.query(drop)
    return {name: statistics.median(values) for name, values in rates.items()}
