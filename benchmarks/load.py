"""Loader throughput: fresh and incremental loads of a generated collection, and the ratio to
coordination-network-toolkit's ``preprocess`` on the same data.

    python benchmarks/load.py --interactions 1000000 --runs 3

Runs against NEO4J_URI or the managed server (``infoops db start``). The database is EMPTIED.
Prints medians over the runs: interactions/s for a fresh load (first half of the collection
into an empty graph) and for an incremental load (the second half on top), where the time
goes (CPU seconds of the Neo4j server and of this process, parsing alone), peak RSS of this
Python process, the time coordination-network-toolkit takes to preprocess the same retweets
into its SQLite store, and the write ceiling of this Neo4j (bare UNWIND CREATE/MERGE rates).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

# benchmarks/ is on sys.path when a benchmark runs as a script.
from measure import cpu_seconds, own_cpu_seconds, server_pid, write_ceiling
from rich.console import Console
from rich.table import Table

from infoops.connection import Graph
from infoops.loader.formats import parse
from infoops.loader.load import load
from infoops.queries import internal
from infoops.sample.generator import GeneratorConfig, generate


def split_in_two(source: Path, first: Path, second: Path) -> None:
    """Halves by line, so the second load overlaps the first on accounts (as days do)."""
    with open(source, "rb") as handle:
        total = sum(1 for _ in handle)
    with open(source, "rb") as handle, open(first, "wb") as a, open(second, "wb") as b:
        header = handle.readline() if source.suffix == ".csv" else b""
        a.write(header)
        b.write(header)
        for number, line in enumerate(handle):
            (a if number < total // 2 else b).write(line)


def parse_seconds(paths: list[Path]) -> float:
    began = time.perf_counter()
    for path in paths:
        for _ in parse(path):
            pass
    return time.perf_counter() - began


def cnt_seconds(csv_path: Path) -> float | None:
    try:
        from coordination_network_toolkit.preprocess import preprocess_csv_files
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        preprocess_csv_files(str(Path(folder) / "cnt.db"), [str(csv_path)])
        return time.perf_counter() - began


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--interactions", type=int, default=1_000_000)
    arguments.add_argument("--runs", type=int, default=3)
    arguments.add_argument("--seed", type=int, default=7)
    options = arguments.parse_args()
    console = Console()
    work = Path(tempfile.mkdtemp(prefix="infoops-bench-"))
    config = GeneratorConfig.for_interactions(
        options.interactions, seed=options.seed
    ).with_formats(("v1", "generic", "cnt"))
    truth = generate(config, work / "world")
    interactions = truth.counts["interactions"]
    halves: dict[str, list[Path]] = {"fresh": [], "incremental": []}
    for name in ("tweets.jsonl", "interactions.csv"):
        source = work / "world" / name
        first, second = work / f"a-{name}", work / f"b-{name}"
        split_in_two(source, first, second)
        halves["fresh"].append(first)
        halves["incremental"].append(second)
    accounts = work / "world" / "accounts.csv"
    halves["fresh"].insert(0, accounts)

    results: dict[str, list[float]] = {"fresh": [], "incremental": [], "parse": [], "cnt": []}
    cpu: dict[str, list[float]] = {"neo4j": [], "python": []}
    pid = server_pid()
    with Graph.connect() as graph:
        for run in range(options.runs):
            graph.query(internal("clear-database").statements[0])
            neo4j_before, python_before = cpu_seconds(pid), own_cpu_seconds()
            for phase in ("fresh", "incremental"):
                began = time.perf_counter()
                load(graph, halves[phase], f"bench-{phase}", reload=True)
                results[phase].append(time.perf_counter() - began)
            neo4j_after = cpu_seconds(pid)
            if neo4j_before is not None and neo4j_after is not None:
                cpu["neo4j"].append(neo4j_after - neo4j_before)
            cpu["python"].append(own_cpu_seconds() - python_before)
            results["parse"].append(parse_seconds(halves["fresh"] + halves["incremental"]))
            cnt = cnt_seconds(work / "world" / "cnt.csv")
            if cnt is not None:
                results["cnt"].append(cnt)
            console.print(f"run {run + 1}: " + ", ".join(
                f"{k} {v[-1]:.1f}s" for k, v in results.items() if v
            ))

    half = interactions / 2
    table = Table(title=f"Loading {interactions:,} interactions (median of {options.runs})")
    for column in ("measure", "median s", "interactions/s", "note"):
        table.add_column(column)
    fresh, incremental = (statistics.median(results[k]) for k in ("fresh", "incremental"))
    parse_median = statistics.median(results["parse"])
    table.add_row("fresh load (half)", f"{fresh:.1f}", f"{half / fresh:,.0f}", "empty graph")
    table.add_row(
        "incremental load (half)", f"{incremental:.1f}", f"{half / incremental:,.0f}",
        "on top of the first half",
    )
    table.add_row(
        "parsing only (both halves)", f"{parse_median:.1f}",
        f"{interactions / parse_median:,.0f}",
        f"{parse_median / (fresh + incremental):.0%} of load time; the rest is Neo4j",
    )
    if results["cnt"]:
        cnt = statistics.median(results["cnt"])
        table.add_row(
            "coordination-network-toolkit preprocess", f"{cnt:.1f}", "",
            f"infoops full load / CNT preprocess = {(fresh + incremental) / cnt:.1f}x "
            "(CNT stores retweets in SQLite; infoops builds the whole graph)",
        )
    for side, values in cpu.items():
        if values:
            cpu_median = statistics.median(values)
            table.add_row(
                f"CPU of {side} (both halves)", f"{cpu_median:.1f}",
                f"{interactions / cpu_median:,.0f}", "per CPU-second",
            )
    console.print(table)
    with Graph.connect() as graph:
        rates = write_ceiling(graph)
    console.print(
        "Neo4j write ceiling on this machine (bare UNWIND, 50k rows, median of 3): "
        + ", ".join(f"{name} {rate:,.0f} rows/s" for name, rate in rates.items())
        + f"; at ~3 row writes per interaction: ~{min(rates.values()) / 3:,.0f} interactions/s"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"peak RSS of this process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
